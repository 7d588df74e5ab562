//! Circular reporting across the files of one run: outlet A's article
//! cites B for a claim while B's article cites A for the same claim; or
//! A cites B, B cites C and C cites A. Two claims are the same when their
//! content words overlap enough (`loop-overlap`, a third by default).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{Diagnostic, Label, Severity, catalog};
use crate::graph::corpus::{FileGraph, run_outlets};

/// By default two claims are "the same" when they share a third of their
/// content words.
pub const DEFAULT_LOOP_OVERLAP: f64 = 1.0 / 3.0;

/// The most outlets a loop may pass through; longer ones are not looked for.
const MAX_LOOP_OUTLETS: usize = 5;

/// One article's claim on a loop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LoopClaim {
    pub path: String,
    pub line: usize,
    /// The outlet the article belongs to.
    pub outlet: String,
}

/// A claim that goes round outlets back to where it started.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Loop {
    /// Outlet names in citing order: the first cites the second, …, the
    /// last cites the first.
    pub outlets: Vec<String>,
    /// Their identity keys.
    #[serde(skip)]
    pub keys: Vec<String>,
    /// The claim in each outlet's article, in the same order.
    pub claims: Vec<LoopClaim>,
}

/// A claim's place on a loop: (file, claim index, position in its chain
/// of the outlet it cites).
type Hop = (usize, usize, usize);

/// Shared words over the smaller set; both lists sorted.
fn overlap(a: &[String], b: &[String]) -> f64 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f64 / smaller as f64
}

/// The search over claims that cite another outlet of the run.
struct Search<'a> {
    files: &'a [FileGraph],
    min_overlap: f64,
    /// Per claim (file, claim): the run outlets it cites, with their chain
    /// position, excluding its own outlet.
    cites: BTreeMap<(usize, usize), Vec<(usize, String)>>,
    /// Outlet key → the citing claims of its articles.
    by_outlet: BTreeMap<String, Vec<(usize, usize)>>,
}

impl<'a> Search<'a> {
    fn new(files: &'a [FileGraph], min_overlap: f64) -> Self {
        let outlets = run_outlets(files);
        let mut cites = BTreeMap::new();
        let mut by_outlet: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
        for (fi, f) in files.iter().enumerate() {
            let Some(own) = &f.outlet_key else { continue };
            for (ci, claim) in f.claims.iter().enumerate() {
                let cited: Vec<(usize, String)> = claim
                    .chain
                    .iter()
                    .enumerate()
                    .filter_map(|(pos, &id)| f.source(id).map(|s| (pos, s.key.clone())))
                    .filter(|(_, key)| key != own && outlets.contains(key))
                    .collect();
                if !cited.is_empty() {
                    cites.insert((fi, ci), cited);
                    by_outlet.entry(own.clone()).or_default().push((fi, ci));
                }
            }
        }
        Search { files, min_overlap, cites, by_outlet }
    }

    fn words(&self, (file, claim): (usize, usize)) -> &[String] {
        &self.files[file].claims[claim].words
    }

    fn same(&self, a: (usize, usize), b: (usize, usize)) -> bool {
        overlap(self.words(a), self.words(b)) >= self.min_overlap
    }

    /// The shortest loop that starts at claim `start`, if any.
    fn from(&self, start: (usize, usize)) -> Option<Vec<Hop>> {
        let home = self.files[start.0].outlet_key.as_deref()?;
        for limit in 2..=MAX_LOOP_OUTLETS {
            for (pos, cited) in self.cites.get(&start)? {
                let mut path = vec![(start.0, start.1, *pos)];
                let mut visited = vec![home.to_string(), cited.clone()];
                if self.extend(start, home, cited, limit, &mut path, &mut visited) {
                    return Some(path);
                }
            }
        }
        None
    }

    /// Depth-first: claims of `outlet`'s articles that repeat the last
    /// claim and cite onward, until one cites `home` again.
    fn extend(
        &self,
        start: (usize, usize),
        home: &str,
        outlet: &str,
        limit: usize,
        path: &mut Vec<Hop>,
        visited: &mut Vec<String>,
    ) -> bool {
        let Some(candidates) = self.by_outlet.get(outlet) else { return false };
        let (last_file, last_claim, _) = *path.last().expect("a path starts with the first claim");
        for &here in candidates {
            if !self.same(here, (last_file, last_claim)) {
                continue;
            }
            for (pos, next) in &self.cites[&here] {
                if next == home && self.same(here, start) {
                    path.push((here.0, here.1, *pos));
                    return true;
                }
                if visited.len() < limit && !visited.contains(next) {
                    path.push((here.0, here.1, *pos));
                    visited.push(next.clone());
                    if self.extend(start, home, next, limit, path, visited) {
                        return true;
                    }
                    visited.pop();
                    path.pop();
                }
            }
        }
        false
    }

    fn describe(&self, path: &[Hop]) -> Loop {
        let outlet_of = |file: usize| {
            let f = &self.files[file];
            f.outlet.clone().or_else(|| f.outlet_key.clone()).unwrap_or_default()
        };
        Loop {
            outlets: path.iter().map(|h| outlet_of(h.0)).collect(),
            keys: path.iter().map(|h| self.files[h.0].outlet_key.clone().unwrap_or_default()).collect(),
            claims: path
                .iter()
                .map(|h| LoopClaim {
                    path: self.files[h.0].path.clone(),
                    line: self.files[h.0].claims[h.1].line,
                    outlet: outlet_of(h.0),
                })
                .collect(),
        }
    }
}

/// Every claim on a loop, with the loop it starts: (file, claim, path).
fn looping_claims(files: &[FileGraph], min_overlap: f64) -> (Search<'_>, Vec<(usize, usize, Vec<Hop>)>) {
    let search = Search::new(files, min_overlap);
    let found = search.cites.keys().filter_map(|&start| search.from(start).map(|p| (start.0, start.1, p))).collect();
    (search, found)
}

/// The distinct loops of a run (each once, whichever article it is read
/// from).
pub fn find_loops(files: &[FileGraph], min_overlap: f64) -> Vec<Loop> {
    let (search, found) = looping_claims(files, min_overlap);
    let mut seen: BTreeSet<Vec<(usize, usize)>> = BTreeSet::new();
    let mut loops = Vec::new();
    for (_, _, path) in found {
        let mut members: Vec<(usize, usize)> = path.iter().map(|h| (h.0, h.1)).collect();
        members.sort();
        if seen.insert(members) {
            loops.push(search.describe(&path));
        }
    }
    loops
}

/// Circular-reporting findings: (file index, diagnostic) for each claim on
/// a loop, with the chain from the cited outlet round to the article's own.
pub fn find(files: &[FileGraph], min_overlap: f64) -> Vec<(usize, Diagnostic)> {
    let (search, found) = looping_claims(files, min_overlap);
    let help = catalog::get(catalog::CIRCULAR).map_or("", |d| d.help.as_str());
    let severity = catalog::get(catalog::CIRCULAR).map_or(Severity::Error, |d| d.severity);
    let mut out = Vec::new();
    for (file, claim, path) in found {
        let f = &files[file];
        let loop_ = search.describe(&path);
        let own = loop_.outlets[0].clone();
        let mut chain = Vec::new();
        for (i, &(hop_file, hop_claim, pos)) in path.iter().enumerate() {
            let hop = &files[hop_file];
            let names = hop.chain_names(&hop.claims[hop_claim]);
            let upto = &names[..(pos + 1).min(names.len())];
            if i + 1 == path.len() {
                chain.extend(upto[..upto.len().saturating_sub(1)].iter().cloned());
                chain.push(own.clone());
            } else {
                chain.extend(upto.iter().cloned());
            }
        }
        let cited: Vec<&str> = loop_.outlets[1..].iter().map(String::as_str).collect();
        let message = format!(
            "circular reporting: this article cites {}, which cites {own} (this article's outlet) for the same claim",
            cited.join(", which cites ")
        );
        let mut round: Vec<&str> = loop_.outlets.iter().map(String::as_str).collect();
        round.push(&own);
        // Point at the cited outlet where this article names it.
        let (_, _, cited_at) = path[0];
        let labels: Vec<Label> = f.claims[claim]
            .chain
            .get(cited_at)
            .and_then(|&id| f.source(id))
            .and_then(|s| s.mentions.iter().find(|m| f.claims[claim].span.contains(**m)).map(|m| (s, *m)))
            .map(|(s, at)| Label { span: at, message: format!("cites {}", s.name) })
            .into_iter()
            .collect();
        let mut notes = vec![round.join(" → ")];
        for c in &loop_.claims[1..] {
            notes.push(format!("{} says it in {}:{}", c.outlet, c.path, c.line));
        }
        out.push((
            file,
            Diagnostic {
                rule: catalog::CIRCULAR,
                severity,
                message,
                span: f.claims[claim].span,
                labels,
                chain,
                notes,
                help,
            },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::corpus::{ClaimFacts, content_words};
    use crate::graph::{SourceKind, SourceNode};
    use crate::span::Span;

    /// An article of `outlet` whose one claim cites `cited` for `text`.
    fn article(outlet: &str, cited: &[&str], text: &str) -> FileGraph {
        let sources: Vec<SourceNode> = cited
            .iter()
            .enumerate()
            .map(|(id, name)| SourceNode {
                id,
                name: name.to_string(),
                key: name.to_lowercase(),
                kind: SourceKind::Organisation,
                mentions: Vec::new(),
            })
            .collect();
        FileGraph {
            path: format!("{}.md", outlet.to_lowercase()),
            outlet: Some(outlet.to_string()),
            outlet_key: Some(outlet.to_lowercase()),
            claims: vec![ClaimFacts {
                span: Span::new(0, 1),
                line: 3,
                attribution: 0,
                chain: (0..sources.len()).collect(),
                words: content_words(text),
            }],
            sources,
            ..FileGraph::default()
        }
    }

    #[test]
    fn two_outlet_loop_is_found_on_both_sides() {
        let a = article("A", &["B"], "the ferry will stop running in May");
        let b = article("B", &["A"], "ferry stop running May, A reported");
        let found = find(&[a, b], DEFAULT_LOOP_OVERLAP);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].1.chain, vec!["B".to_string(), "A".to_string()]);
        assert_eq!(found[1].1.chain, vec!["A".to_string(), "B".to_string()]);
        assert_eq!(found[0].1.notes, vec!["A → B → A".to_string(), "B says it in b.md:3".to_string()]);
    }

    #[test]
    fn three_outlet_loop_is_found_on_each_article() {
        let a = article("A", &["B"], "the ferry will stop running in May");
        let b = article("B", &["C"], "ferry stop running May");
        let c = article("C", &["A"], "the ferry stops running in May");
        let files = [a, b, c];
        let found = find(&files, DEFAULT_LOOP_OVERLAP);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].1.chain, vec!["B", "C", "A"]);
        assert!(found[0].1.message.contains("cites B, which cites C, which cites A"), "{}", found[0].1.message);
        assert_eq!(find_loops(&files, DEFAULT_LOOP_OVERLAP).len(), 1);
    }

    #[test]
    fn different_claims_are_not_a_loop() {
        let a = article("A", &["B"], "the ferry will stop running");
        let b = article("B", &["A"], "taxes rise next winter");
        assert!(find(&[a, b], DEFAULT_LOOP_OVERLAP).is_empty());
    }

    #[test]
    fn the_overlap_threshold_is_a_setting() {
        let a = article("A", &["B"], "ferry strike monday overtime crews");
        let b = article("B", &["A"], "ferry strike budget council tax");
        assert!(find(&[a.clone(), b.clone()], 0.5).is_empty());
        assert_eq!(find(&[a, b], 0.3).len(), 2);
    }

    #[test]
    fn an_open_chain_is_not_a_loop() {
        let a = article("A", &["B"], "the ferry will stop running in May");
        let b = article("B", &["C"], "the ferry will stop running in May");
        assert!(find(&[a, b], DEFAULT_LOOP_OVERLAP).is_empty());
    }
}
