//! Circular reporting across the files of one run: outlet A's article
//! cites B for a claim while B's article cites A for the same claim.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{Diagnostic, RuleSettings, catalog};
use crate::span::Span;

/// By default two claims are "the same" when they share a third of their
/// content words.
pub const DEFAULT_LOOP_OVERLAP: f64 = 1.0 / 3.0;

/// A claim of one article that cites another source, as needed to find
/// loops between outlets. Small enough to keep for every file of a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CitedClaim {
    pub span: Span,
    /// Identity keys of the chain's sources, first cited first.
    pub keys: Vec<String>,
    /// Display names of the same sources.
    pub names: Vec<String>,
    /// Content words of the claim, lowercased.
    pub words: BTreeSet<String>,
}

/// What one file contributes to the cross-file graph.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OutletFacts {
    pub outlet_key: Option<String>,
    pub outlet_name: Option<String>,
    pub claims: Vec<CitedClaim>,
}

/// Words that carry no content for comparing claims.
fn is_stopword(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "for"
            | "by"
            | "with"
            | "that"
            | "this"
            | "is"
            | "was"
            | "were"
            | "are"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "it"
            | "its"
            | "as"
            | "from"
            | "said"
            | "says"
            | "say"
            | "according"
            | "reported"
            | "will"
            | "would"
            | "not"
            | "but"
            | "their"
            | "his"
            | "her"
            | "they"
            | "he"
            | "she"
            | "which"
            | "who"
    )
}

/// The content words of a text.
pub fn content_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_lowercase)
        .filter(|w| !is_stopword(w))
        .collect()
}

fn overlap(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / smaller as f64
}

/// Finds loops; returns (file index, diagnostic) pairs.
pub fn find(files: &[OutletFacts], settings: &RuleSettings, min_overlap: f64) -> Vec<(usize, Diagnostic)> {
    let Some(severity) = settings.severity(catalog::CIRCULAR) else { return Vec::new() };
    let mut by_outlet: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        if let Some(key) = &f.outlet_key {
            by_outlet.entry(key).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (a_index, a) in files.iter().enumerate() {
        let Some(a_key) = &a.outlet_key else { continue };
        for claim in &a.claims {
            let Some(b_key) = claim.keys.first().filter(|k| *k != a_key) else { continue };
            let Some(b_files) = by_outlet.get(b_key.as_str()) else { continue };
            let cited_back = b_files.iter().any(|&b| {
                files[b]
                    .claims
                    .iter()
                    .any(|c| c.keys.first() == Some(a_key) && overlap(&c.words, &claim.words) >= min_overlap)
            });
            if !cited_back {
                continue;
            }
            let a_name = a.outlet_name.clone().unwrap_or_else(|| a_key.clone());
            let b_name = claim.names.first().cloned().unwrap_or_else(|| b_key.clone());
            let help = catalog::get(catalog::CIRCULAR).map_or(String::new(), |d| d.help.clone());
            out.push((
                a_index,
                Diagnostic {
                    rule: catalog::CIRCULAR,
                    severity,
                    message: format!(
                        "circular reporting: {b_name} cites {a_name} for this claim, and this article cites {b_name}"
                    ),
                    span: claim.span,
                    labels: Vec::new(),
                    chain: vec![b_name.clone(), a_name.clone()],
                    notes: vec![format!("{a_name} → {b_name} → {a_name}")],
                    help,
                },
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(keys: &[&str], text: &str) -> CitedClaim {
        CitedClaim {
            span: Span::new(0, 1),
            keys: keys.iter().map(|k| k.to_string()).collect(),
            names: keys.iter().map(|k| k.to_string()).collect(),
            words: content_words(text),
        }
    }

    #[test]
    fn two_outlet_loop_is_found_on_both_sides() {
        let a = OutletFacts {
            outlet_key: Some("a".into()),
            outlet_name: Some("A".into()),
            claims: vec![claim(&["b"], "the ferry will stop running in May")],
        };
        let b = OutletFacts {
            outlet_key: Some("b".into()),
            outlet_name: Some("B".into()),
            claims: vec![claim(&["a"], "ferry stop running May, A reported")],
        };
        let found = find(&[a, b], &RuleSettings::default(), DEFAULT_LOOP_OVERLAP);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].1.chain, vec!["b".to_string(), "A".to_string()]);
    }

    #[test]
    fn different_claims_are_not_a_loop() {
        let a = OutletFacts {
            outlet_key: Some("a".into()),
            outlet_name: None,
            claims: vec![claim(&["b"], "the ferry will stop running")],
        };
        let b = OutletFacts {
            outlet_key: Some("b".into()),
            outlet_name: None,
            claims: vec![claim(&["a"], "taxes rise next winter")],
        };
        assert!(find(&[a, b], &RuleSettings::default(), DEFAULT_LOOP_OVERLAP).is_empty());
    }
}
