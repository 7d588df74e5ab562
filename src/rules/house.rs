//! House source lists from `[sources]` in the config.
//!
//! `accept` names sources the desk takes as they stand ("police said",
//! "the coast guard"): a claim attributed to one is never reported as
//! vague, anonymous or unresolved. `reject` names outlets the desk does
//! not accept as a source: a claim whose chain contains one is reported as
//! `rejected-source`. `trusted` names wires whose relaying does not count
//! towards `max-hops`.

use super::{Context, Diagnostic, catalog};
use crate::graph::identity::Aliases;
use crate::span::Span;

pub const REJECTED: &str = "rejected-source";

/// A name from a house list, ready to compare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HouseName {
    /// As written in the config.
    pub name: String,
    /// Source-identity key (aliases applied).
    pub key: String,
    /// Lowercased words, to find the phrase in a sentence.
    pub words: Vec<String>,
}

impl HouseName {
    pub fn new(name: &str, aliases: &Aliases) -> HouseName {
        HouseName { name: name.to_string(), key: aliases.key(name), words: words(name) }
    }

    /// Whether this name matches a source (its identity key and name).
    pub fn names_source(&self, key: &str, name: &str) -> bool {
        names_source(self, key, name)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HouseLists {
    pub accept: Vec<HouseName>,
    pub reject: Vec<HouseName>,
    /// `[sources] trusted`: wires whose relaying is not counted as a hop.
    pub trusted: Vec<HouseName>,
}

impl HouseLists {
    pub fn is_empty(&self) -> bool {
        self.accept.is_empty() && self.reject.is_empty()
    }
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect()
}

fn contains_phrase(haystack: &[String], phrase: &[String]) -> bool {
    !phrase.is_empty() && haystack.windows(phrase.len()).any(|w| w == phrase)
}

/// Whether a house name matches a source: same identity key, or the name's
/// words inside the source's words ("Daily Rumour" in "the Daily Rumour
/// website").
fn names_source(entry: &HouseName, key: &str, name: &str) -> bool {
    entry.key == key || contains_phrase(&words(name), &entry.words)
}

/// The sentence whose span is `span`, by index.
fn sentence_at(cx: &Context, span: Span) -> Option<usize> {
    cx.sentences.iter().position(|s| s.span == span)
}

/// Whether the claim in sentence `i` is attributed to an accepted source:
/// the phrase is in the sentence, or a source of the sentence or of its
/// chain is on the list.
fn accepted(cx: &Context, lists: &HouseLists, i: usize) -> bool {
    let sentence_words = words(cx.sentences[i].span.of(&cx.article.prose));
    if lists.accept.iter().any(|a| contains_phrase(&sentence_words, &a.words)) {
        return true;
    }
    let own = cx.attributions.iter().filter(|a| a.sentence == i).map(|a| a.id);
    let governing = cx.judgements[i].governed.attribution();
    let nodes: Vec<usize> = own
        .chain(governing)
        .flat_map(|a| cx.graph.source_of[a].into_iter().chain(cx.graph.chains[a].iter().copied()))
        .collect();
    nodes.iter().any(|&n| {
        let node = &cx.graph.nodes[n];
        lists.accept.iter().any(|a| names_source(a, &node.key, &node.name))
    })
}

/// Drops vague/anonymous/unresolved findings on accepted sources and adds
/// rejected-source findings.
pub fn apply(cx: &Context, lists: &HouseLists, out: &mut Vec<Diagnostic>) {
    if lists.is_empty() {
        return;
    }
    if !lists.accept.is_empty() {
        out.retain(|d| {
            let excusable = matches!(d.rule, catalog::VAGUE | catalog::ANONYMOUS | catalog::UNRESOLVED);
            !excusable || !sentence_at(cx, d.span).is_some_and(|i| accepted(cx, lists, i))
        });
    }
    for (i, judgement) in cx.judgements.iter().enumerate() {
        if !judgement.is_claim {
            continue;
        }
        let Some(g) = judgement.governed.attribution() else { continue };
        let rejected = cx.graph.chains[g].iter().find_map(|&n| {
            let node = &cx.graph.nodes[n];
            lists.reject.iter().find(|r| names_source(r, &node.key, &node.name)).map(|r| (node, r))
        });
        if let Some((node, entry)) = rejected {
            let doc = catalog::get(REJECTED);
            out.push(Diagnostic {
                rule: REJECTED,
                severity: doc.map_or(super::Severity::Warning, |d| d.severity),
                message: format!("claim rests on {}, which the desk does not accept as a source", node.name),
                span: cx.sentences[i].span,
                labels: Vec::new(),
                chain: cx.graph.chain_names(g),
                notes: vec![format!("`{}` is on the `[sources] reject` list", entry.name)],
                help: doc.map_or("", |d| d.help.as_str()),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_as_whole_words() {
        let police = words("police said");
        assert!(contains_phrase(&words("The road was closed, police said."), &police));
        assert!(!contains_phrase(&words("The road was closed, policemen said."), &police));
        let entry = HouseName::new("Daily Rumour", &Aliases::default());
        assert!(names_source(&entry, "x", "the Daily Rumour website"));
        assert!(names_source(&entry, "daily rumour", "anything"));
    }
}
