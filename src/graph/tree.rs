//! An article's source tree: the sources it cites directly at the top,
//! the sources they relay below them, and on each source how many claims
//! end there and whether the chain is complete.
//!
//! Documents the article cites directly hang below an earlier document
//! collection they come from ("the cable" below "documents leaked by
//! WikiLeaks", which Covert Action Magazine relayed): the article
//! introduced them through that relay. Such links are marked `inferred`.

use std::collections::BTreeSet;

use serde::Serialize;

use super::SourceKind;
use super::corpus::{ChainEnd, FileGraph, is_outlet};
use super::kinds::is_record;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TreeNode {
    /// Id of the source in the article's `sources`.
    pub source: usize,
    pub name: String,
    pub kind: SourceKind,
    /// 1 for a source the article cites directly.
    pub depth: usize,
    pub outlet: bool,
    /// The article's own outlet: citing it is circular.
    pub own_outlet: bool,
    pub trusted: bool,
    /// Claims whose chain ends here.
    pub claims: usize,
    /// Their lines.
    pub lines: Vec<usize>,
    /// Claims that pass through on their way to a deeper source.
    pub relayed: usize,
    /// How the chains that end here end (when some do).
    pub ends: Option<ChainEnd>,
    pub complete: bool,
    /// Placed below its parent because the article introduced it through
    /// that source, not because a sentence says so.
    pub inferred: bool,
    pub children: Vec<TreeNode>,
}

/// One claim's chain, as the tree's leaves read it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimChain {
    pub line: usize,
    /// Display names from the first cited source to the origin.
    pub chain: Vec<String>,
    pub ends: Option<ChainEnd>,
    pub complete: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleTree {
    pub path: String,
    pub outlet: Option<String>,
    pub claims: usize,
    pub unattributed_claims: usize,
    /// The sources the article cites directly, with what they relay below.
    pub sources: Vec<TreeNode>,
    /// Every claim that rests on a source, with its chain.
    pub chains: Vec<ClaimChain>,
}

/// Builds the tree of one article; `outlets` are the run's outlet keys.
pub fn build(file: &FileGraph, outlets: &BTreeSet<String>) -> ArticleTree {
    let mut roots: Vec<TreeNode> = Vec::new();
    for claim in &file.claims {
        let mut level = &mut roots;
        for (depth, &id) in claim.chain.iter().enumerate() {
            let Some(source) = file.source(id) else { break };
            let at = match level.iter().position(|n| n.source == id) {
                Some(at) => at,
                None => {
                    level.push(TreeNode {
                        source: id,
                        name: source.name.clone(),
                        kind: source.kind,
                        depth: depth + 1,
                        outlet: is_outlet(file, source, outlets),
                        own_outlet: file.outlet_key.as_deref() == Some(source.key.as_str()),
                        trusted: file.is_trusted(id),
                        claims: 0,
                        lines: Vec::new(),
                        relayed: 0,
                        ends: None,
                        complete: false,
                        inferred: false,
                        children: Vec::new(),
                    });
                    level.len() - 1
                }
            };
            let node = &mut level[at];
            if depth + 1 == claim.chain.len() {
                node.claims += 1;
                node.lines.push(claim.line);
                let end = ChainEnd::of_chain(file, &claim.chain, outlets);
                node.ends = end;
                node.complete = end.is_some_and(ChainEnd::is_complete);
            } else {
                node.relayed += 1;
            }
            level = &mut node.children;
        }
    }
    hang_documents(file, &mut roots);
    let chains = file
        .claims
        .iter()
        .map(|c| {
            let ends = ChainEnd::of_chain(file, &c.chain, outlets);
            ClaimChain {
                line: c.line,
                chain: file.chain_names(c),
                ends,
                complete: ends.is_some_and(ChainEnd::is_complete),
            }
        })
        .collect();
    ArticleTree {
        path: file.path.clone(),
        outlet: file.outlet.clone(),
        claims: file.claims.len() + file.unattributed_claims,
        unattributed_claims: file.unattributed_claims,
        sources: roots,
        chains,
    }
}

/// Where a source is first mentioned.
fn first_mention(file: &FileGraph, id: usize) -> usize {
    file.source(id).and_then(|s| s.mentions.iter().map(|m| m.start).min()).unwrap_or(usize::MAX)
}

/// Capitalised words of four letters or more: what ties "the Wikileaks
/// cables" to "documents leaked by Wikileaks".
fn proper_words(name: &str) -> BTreeSet<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_lowercase)
        .collect()
}

/// Whether document `later` comes from collection `earlier`: they share a
/// proper name, or the earlier one is a leak.
fn comes_from(later: &str, earlier: &str) -> bool {
    let leak = earlier.to_lowercase().contains("leak");
    leak || !proper_words(later).is_disjoint(&proper_words(earlier))
}

/// Every node of a tree with its path of indices from the roots.
fn paths(nodes: &[TreeNode], prefix: &mut Vec<usize>, out: &mut Vec<(Vec<usize>, usize, usize)>) {
    for (i, n) in nodes.iter().enumerate() {
        prefix.push(i);
        out.push((prefix.clone(), n.source, n.depth));
        paths(&n.children, prefix, out);
        prefix.pop();
    }
}

fn node_at<'t>(roots: &'t mut [TreeNode], path: &[usize]) -> &'t mut TreeNode {
    let (first, rest) = path.split_first().expect("a path names a node");
    let mut node = &mut roots[*first];
    for &i in rest {
        node = &mut node.children[i];
    }
    node
}

fn set_depth(node: &mut TreeNode, depth: usize) {
    node.depth = depth;
    for child in &mut node.children {
        set_depth(child, depth + 1);
    }
}

/// Moves documents cited directly below the relayed document collection
/// they come from, when one was introduced earlier.
fn hang_documents(file: &FileGraph, roots: &mut Vec<TreeNode>) {
    let mut order: Vec<usize> = (0..roots.len()).collect();
    order.sort_by_key(|&i| first_mention(file, roots[i].source));
    let mut moved: Vec<(usize, Vec<usize>)> = Vec::new();
    for &r in &order {
        let root = &roots[r];
        if !is_record(&root.name, root.kind) {
            continue;
        }
        let mut all = Vec::new();
        paths(roots, &mut Vec::new(), &mut all);
        let start = first_mention(file, root.source);
        let collection = all.iter().find(|(path, source, depth)| {
            let Some(node) = file.source(*source) else { return false };
            path[0] != r
                && *depth >= 2
                && is_record(&node.name, node.kind)
                && first_mention(file, *source) < start
                && comes_from(&root.name, &node.name)
        });
        if let Some((path, _, _)) = collection {
            moved.push((r, path.clone()));
        }
    }
    // Detach from the highest index down so earlier indices stay valid;
    // targets never sit under a moved root, so their paths hold.
    let targets = moved.clone();
    let mut detached: Vec<(usize, TreeNode)> = Vec::new();
    let mut indices: Vec<usize> = moved.iter().map(|(r, _)| *r).collect();
    indices.sort_unstable_by(|a, b| b.cmp(a));
    for r in indices {
        if targets.iter().any(|(_, path)| path[0] == r) {
            continue;
        }
        let node = roots[r].clone();
        detached.push((r, node));
    }
    detached.sort_by_key(|(_, node)| first_mention(file, node.source));
    for (r, mut node) in detached.iter().cloned() {
        let Some((_, path)) = targets.iter().find(|(root, _)| *root == r) else { continue };
        let parent = node_at(roots, path);
        node.inferred = true;
        set_depth(&mut node, parent.depth + 1);
        parent.children.push(node);
    }
    let gone: BTreeSet<usize> = detached.iter().map(|(r, _)| *r).collect();
    let mut index = 0;
    roots.retain(|_| {
        let keep = !gone.contains(&index);
        index += 1;
        keep
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::SourceNode;
    use crate::graph::corpus::ClaimFacts;
    use crate::span::Span;

    fn source(id: usize, name: &str, kind: SourceKind, at: usize) -> SourceNode {
        SourceNode { id, name: name.into(), key: name.to_lowercase(), kind, mentions: vec![Span::new(at, at + 1)] }
    }

    fn claim(chain: &[usize], line: usize) -> ClaimFacts {
        ClaimFacts { span: Span::new(0, 1), line, attribution: 0, chain: chain.to_vec(), words: Vec::new() }
    }

    #[test]
    fn chains_share_their_relays_and_count_claims_where_they_end() {
        let file = FileGraph {
            path: "a.md".into(),
            sources: vec![
                source(0, "Coastal Wire", SourceKind::Organisation, 0),
                source(1, "Mayor Ines Falk", SourceKind::Person, 10),
                source(2, "Harbour Gazette", SourceKind::Organisation, 20),
            ],
            claims: vec![claim(&[0, 1], 3), claim(&[0, 1], 5), claim(&[0], 7), claim(&[2], 9)],
            unattributed_claims: 1,
            ..FileGraph::default()
        };
        let tree = build(&file, &BTreeSet::new());
        assert_eq!(tree.claims, 5);
        assert_eq!(tree.sources.len(), 2);
        let wire = &tree.sources[0];
        assert_eq!((wire.claims, wire.relayed, wire.outlet), (1, 2, true));
        assert_eq!(wire.ends, Some(ChainEnd::Outlet));
        assert!(!wire.complete);
        let mayor = &wire.children[0];
        assert_eq!((mayor.depth, mayor.claims, mayor.complete), (2, 2, true));
        assert_eq!(mayor.lines, vec![3, 5]);
    }

    #[test]
    fn documents_hang_below_the_leak_they_come_from() {
        let file = FileGraph {
            path: "a.txt".into(),
            sources: vec![
                source(0, "Covert Action Magazine", SourceKind::Organisation, 0),
                source(1, "documents leaked by WikiLeaks", SourceKind::Document, 5),
                source(2, "cables written by the ambassador", SourceKind::Document, 50),
                source(3, "Freed", SourceKind::Person, 60),
                source(4, "Mayor Ines Falk", SourceKind::Person, 70),
            ],
            claims: vec![claim(&[0, 1], 2), claim(&[2, 3], 4), claim(&[4], 6)],
            ..FileGraph::default()
        };
        let tree = build(&file, &BTreeSet::new());
        let names: Vec<&str> = tree.sources.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, vec!["Covert Action Magazine", "Mayor Ines Falk"]);
        let cables = &tree.sources[0].children[0].children[0];
        assert_eq!(
            (cables.name.as_str(), cables.depth, cables.inferred),
            ("cables written by the ambassador", 3, true)
        );
        assert_eq!(cables.children[0].name, "Freed");
        assert_eq!(cables.children[0].depth, 4);
    }
}
