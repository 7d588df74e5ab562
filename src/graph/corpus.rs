//! The run-wide graph. Each article contributes a [`FileGraph`]: its
//! outlet, its sources and, per claim, the chain of sources it rests on and
//! its content words. `extract --format jsonl` prints exactly these keys,
//! so an archive can be extracted in pieces and merged in one pass
//! (`whosaid graph --from-jsonl`); merging by outlet gives the
//! [`OutletGraph`]: who cites whom, mutual citations and loops.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::identity::Aliases;
use super::kinds::is_outlet_name;
use super::{SourceKind, SourceNode};
use crate::analysis::Analysis;
use crate::rules::claims::Governed;
use crate::rules::house::HouseName;
use crate::rules::loops::{self, Loop};
use crate::sentences::tokens::word_runs;
use crate::span::{LineCounter, Span};

/// One claim of an article and what it rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimFacts {
    /// The sentence holding the claim.
    pub span: Span,
    /// Its 1-based line, to point at it from another file's report.
    pub line: usize,
    /// The attribution that governs it.
    pub attribution: usize,
    /// Source ids (into `sources`) from the first cited to the origin.
    pub chain: Vec<usize>,
    /// Content words of what is claimed, lowercased and sorted.
    pub words: Vec<String>,
}

/// What one article contributes to the run-wide graph.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileGraph {
    pub path: String,
    /// The article's outlet: front matter `outlet`, else `[[outlets]]`.
    #[serde(default)]
    pub outlet: Option<String>,
    /// The outlet's identity key (aliases applied), to merge by.
    #[serde(default)]
    pub outlet_key: Option<String>,
    #[serde(default)]
    pub sources: Vec<SourceNode>,
    /// Ids of sources on the `[sources] trusted` list.
    #[serde(default)]
    pub trusted: Vec<usize>,
    /// Claims that rest on a source.
    #[serde(default)]
    pub claims: Vec<ClaimFacts>,
    /// Claims with no source.
    #[serde(default)]
    pub unattributed_claims: usize,
}

/// Words that carry no content for comparing claims.
fn is_stopword(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "and"
            | "for"
            | "with"
            | "that"
            | "this"
            | "was"
            | "were"
            | "are"
            | "been"
            | "has"
            | "have"
            | "had"
            | "its"
            | "from"
            | "said"
            | "says"
            | "say"
            | "according"
            | "reported"
            | "reports"
            | "will"
            | "would"
            | "not"
            | "but"
            | "their"
            | "his"
            | "her"
            | "they"
            | "she"
            | "which"
            | "who"
            | "told"
            | "also"
    )
}

/// The content words of a text: lowercased, three letters or more, no
/// function words; sorted, each once.
///
/// Words are found by the tokenizer's byte loop and sorted as a list
/// rather than gathered in an ordered set; ASCII text (nearly all) is
/// lowercased once, and only the distinct words are copied. Building a
/// tree of lowercased copies of every word was a sixth of `extract`.
pub fn content_words(text: &str) -> Vec<String> {
    if !text.is_ascii() {
        return content_words_of_unicode(text);
    }
    let lower = text.to_ascii_lowercase();
    let mut words: Vec<&str> =
        word_runs(&lower, &[]).map(|(_, word)| word).filter(|w| w.len() > 2 && !is_stopword(w)).collect();
    words.sort_unstable();
    words.dedup();
    words.into_iter().map(str::to_string).collect()
}

/// [`content_words`] of text with non-ASCII characters: each word is
/// lowercased on its own, as a Greek final sigma depends on where its
/// word ends.
fn content_words_of_unicode(text: &str) -> Vec<String> {
    let mut words: Vec<String> = word_runs(text, &[])
        .map(|(_, word)| word)
        .filter(|w| w.chars().count() > 2)
        .map(str::to_lowercase)
        .filter(|w| !is_stopword(w))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

impl FileGraph {
    /// The facts of one analysed article. `outlet` is its outlet (front
    /// matter or configuration); `trusted` the `[sources] trusted` list.
    pub fn of(path: &str, analysis: &Analysis, outlet: Option<&str>, aliases: &Aliases, trusted: &[HouseName]) -> Self {
        let text = &analysis.article.prose;
        let graph = &analysis.graph;
        let mut claims = Vec::new();
        let mut unattributed_claims = 0;
        let mut lines = LineCounter::new(text);
        let mut content_words_of: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for (i, j) in analysis.judgements.iter().enumerate() {
            if !j.is_claim {
                continue;
            }
            let sentence = analysis.sentences[i].span;
            let Some(g) = j.governed.attribution().filter(|&g| !graph.chains[g].is_empty()) else {
                unattributed_claims += 1;
                continue;
            };
            let words = match j.governed {
                // Every sentence of a long quotation claims the whole of
                // its content: its words are found once, not once per
                // sentence.
                Governed::Own(_) => content_words_of
                    .entry(g)
                    .or_insert_with(|| {
                        let content = &analysis.attributions[g].content;
                        content_words(&content.iter().map(|c| c.of(text)).collect::<Vec<_>>().join(" "))
                    })
                    .clone(),
                _ => content_words(sentence.of(text)),
            };
            claims.push(ClaimFacts {
                span: sentence,
                line: lines.line_of(sentence.start),
                attribution: g,
                chain: graph.chains[g].clone(),
                words,
            });
        }
        let trusted = graph
            .nodes
            .iter()
            .filter(|n| trusted.iter().any(|t| t.names_source(&n.key, &n.name)))
            .map(|n| n.id)
            .collect();
        FileGraph {
            path: path.to_string(),
            outlet: outlet.map(str::to_string),
            outlet_key: outlet.map(|o| aliases.key(o)),
            sources: graph.nodes.clone(),
            trusted,
            claims,
            unattributed_claims,
        }
    }

    pub fn source(&self, id: usize) -> Option<&SourceNode> {
        self.sources.get(id)
    }

    pub fn is_trusted(&self, id: usize) -> bool {
        self.trusted.contains(&id)
    }

    /// The names along a claim's chain.
    pub fn chain_names(&self, claim: &ClaimFacts) -> Vec<String> {
        claim.chain.iter().filter_map(|&n| self.source(n)).map(|n| n.name.clone()).collect()
    }
}

/// How a chain ends: complete when at a primary document or a named
/// first-hand speaker, open otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChainEnd {
    /// A document: a cable, a memo, a report.
    Document,
    /// A person or an organisation speaking for itself.
    Speaker,
    /// A news outlet: it relays someone the article does not name.
    Outlet,
    Anonymous,
    Vague,
    Unknown,
    /// The chain returns to a source already in it.
    Circular,
}

impl ChainEnd {
    /// How a claim's chain ends: circular when its origin already relayed
    /// it or the chain passes through the article's own outlet, else by the
    /// kind of its origin.
    pub fn of_chain(file: &FileGraph, chain: &[usize], outlet_keys: &BTreeSet<String>) -> Option<ChainEnd> {
        let (&last, before) = chain.split_last()?;
        let own = |id: &usize| file.source(*id).is_some_and(|s| file.outlet_key.as_deref() == Some(s.key.as_str()));
        if before.contains(&last) || chain.iter().any(own) {
            return Some(ChainEnd::Circular);
        }
        file.source(last).map(|node| ChainEnd::of(node, outlet_keys))
    }

    pub fn of(node: &SourceNode, outlet_keys: &BTreeSet<String>) -> ChainEnd {
        if outlet_keys.contains(&node.key) || (node.kind == SourceKind::Organisation && is_outlet_name(&node.name)) {
            return ChainEnd::Outlet;
        }
        match node.kind {
            SourceKind::Document => ChainEnd::Document,
            SourceKind::Person | SourceKind::Organisation => ChainEnd::Speaker,
            SourceKind::Anonymous => ChainEnd::Anonymous,
            SourceKind::Vague => ChainEnd::Vague,
            SourceKind::Unknown => ChainEnd::Unknown,
        }
    }

    pub fn is_complete(self) -> bool {
        matches!(self, ChainEnd::Document | ChainEnd::Speaker)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ChainEnd::Document => "document",
            ChainEnd::Speaker => "speaker",
            ChainEnd::Outlet => "outlet",
            ChainEnd::Anonymous => "anonymous",
            ChainEnd::Vague => "vague",
            ChainEnd::Unknown => "unknown",
            ChainEnd::Circular => "circular",
        }
    }
}

/// An outlet of the run-wide graph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutletNode {
    pub key: String,
    pub name: String,
    /// Articles of the run that belong to it (0 for an outlet only cited).
    pub articles: usize,
    pub trusted: bool,
}

/// "`from` cites `to`" in `claims` claims.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutletEdge {
    pub from: String,
    pub to: String,
    pub claims: usize,
    /// `to` also cites `from` somewhere in the run.
    pub mutual: bool,
    /// An article cites its own outlet.
    pub self_citation: bool,
    /// Some claim goes round a loop through this edge.
    pub in_loop: bool,
}

/// Outlets, who cites whom, and the loops between them.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OutletGraph {
    pub outlets: Vec<OutletNode>,
    pub edges: Vec<OutletEdge>,
    pub loops: Vec<Loop>,
}

/// The outlet keys of a run: every article's outlet.
pub fn run_outlets(files: &[FileGraph]) -> BTreeSet<String> {
    files.iter().filter_map(|f| f.outlet_key.clone()).collect()
}

/// Whether a source counts as an outlet in the run-wide graph.
pub fn is_outlet(file: &FileGraph, node: &SourceNode, outlets: &BTreeSet<String>) -> bool {
    outlets.contains(&node.key)
        || file.is_trusted(node.id)
        || (node.kind == SourceKind::Organisation && is_outlet_name(&node.name))
}

impl OutletGraph {
    /// Merges the files' graphs by outlet. `min_overlap` is the share of
    /// content words two claims need in common to be the same claim.
    pub fn build(files: &[FileGraph], min_overlap: f64) -> OutletGraph {
        let outlets = run_outlets(files);
        let mut nodes: BTreeMap<String, OutletNode> = BTreeMap::new();
        let mut names: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
        for f in files {
            let Some(own) = &f.outlet_key else { continue };
            let node = nodes.entry(own.clone()).or_insert_with(|| OutletNode {
                key: own.clone(),
                name: String::new(),
                articles: 0,
                trusted: false,
            });
            node.articles += 1;
            if let Some(name) = &f.outlet {
                *names.entry(own.clone()).or_default().entry(name.clone()).or_default() += 1;
            }
            for claim in &f.claims {
                let mut from = own.clone();
                for &id in &claim.chain {
                    let Some(source) = f.source(id) else { continue };
                    if !is_outlet(f, source, &outlets) {
                        continue;
                    }
                    let cited = nodes.entry(source.key.clone()).or_insert_with(|| OutletNode {
                        key: source.key.clone(),
                        name: String::new(),
                        articles: 0,
                        trusted: false,
                    });
                    cited.trusted |= f.is_trusted(id);
                    *names.entry(source.key.clone()).or_default().entry(source.name.clone()).or_default() += 1;
                    *counts.entry((from.clone(), source.key.clone())).or_default() += 1;
                    from = source.key.clone();
                }
            }
        }
        for (key, node) in nodes.iter_mut() {
            // The article's own outlet name wins; else the most used name.
            let seen = names.get(key);
            node.name = seen
                .and_then(|n| n.iter().max_by_key(|(name, count)| (**count, std::cmp::Reverse(name.len()))))
                .map_or_else(|| key.clone(), |(name, _)| name.clone());
        }
        for f in files {
            if let (Some(key), Some(name)) = (&f.outlet_key, &f.outlet)
                && let Some(node) = nodes.get_mut(key)
            {
                node.name = name.clone();
            }
        }
        let loops = loops::find_loops(files, min_overlap);
        let looped: BTreeSet<(String, String)> = loops
            .iter()
            .flat_map(|l| {
                let keys = &l.keys;
                (0..keys.len()).map(move |i| (keys[i].clone(), keys[(i + 1) % keys.len()].clone()))
            })
            .collect();
        let edges = counts
            .iter()
            .map(|((from, to), &claims)| OutletEdge {
                from: from.clone(),
                to: to.clone(),
                claims,
                mutual: from != to && counts.contains_key(&(to.clone(), from.clone())),
                self_citation: from == to,
                in_loop: looped.contains(&(from.clone(), to.clone())),
            })
            .collect();
        OutletGraph { outlets: nodes.into_values().collect(), edges, loops }
    }

    pub fn name_of(&self, key: &str) -> String {
        self.outlets.iter().find(|o| o.key == key).map_or_else(|| key.to_string(), |o| o.name.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `content_words` means, written the plain way.
    fn content_words_plainly(text: &str) -> Vec<String> {
        let set: BTreeSet<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 2)
            .map(str::to_lowercase)
            .filter(|w| !is_stopword(w))
            .collect();
        set.into_iter().collect()
    }

    #[test]
    fn content_words_are_lowercased_sorted_unique_and_without_function_words() {
        assert_eq!(
            content_words("The Port said THE port's dredging, According to reports, was late."),
            ["dredging", "late", "port"]
        );
    }

    #[test]
    fn content_words_agree_with_their_plain_definition() {
        for text in [
            "",
            "ab cd ef",
            "Harbour Master Åse Öberg SAID the ĲSSEL dam was İNSPECTED in 2021",
            "Ça va? Très bien — ÉTÉ, été, Été; naïve NAÏVE x² ßtraße STRASSE",
            "WHICH Which which whichever ACCORDING According accordingly",
            "emoji 🙂🙂 tab\tand\u{a0}nbsp 中文字 καλημέρα ΚΑΛΗΜΕΡΑ",
        ] {
            assert_eq!(content_words(text), content_words_plainly(text), "{text:?}");
        }
    }
}
