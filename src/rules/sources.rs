//! Rules about an article's sources as a whole rather than one claim:
//! `inconsistent-source-name` (one source spelled two ways) and
//! `single-source` (most claims rest on one relay).

use std::collections::BTreeMap;

use super::{Context, Diagnostic, Label, RuleSettings, push};
use crate::graph::spelling;
use crate::span::LineCounter;

pub const INCONSISTENT: &str = "inconsistent-source-name";
pub const SINGLE: &str = "single-source";

/// A single-source finding needs at least this many claims on the source:
/// two claims from one speaker in a three-sentence brief is no pattern.
const MIN_SINGLE_SOURCE_CLAIMS: usize = 3;

/// The default share of claims above which `single-source` reports.
pub const DEFAULT_SINGLE_SOURCE_SHARE: f64 = 0.5;

/// The sentence holding `offset`, as its span.
fn sentence_span(cx: &Context, offset: usize) -> Option<crate::span::Span> {
    cx.sentences.iter().find(|s| s.span.start <= offset && offset < s.span.end.max(s.span.start + 1)).map(|s| s.span)
}

pub fn check(cx: &Context, settings: &RuleSettings, out: &mut Vec<Diagnostic>) {
    if settings.severity(INCONSISTENT).is_some() {
        inconsistent_names(cx, out);
    }
    if settings.severity(SINGLE).is_some() {
        single_source(cx, settings.single_source_share, out);
    }
}

fn inconsistent_names(cx: &Context, out: &mut Vec<Diagnostic>) {
    let text = &cx.article.prose;
    let mut lines = LineCounter::new(text);
    for v in spelling::variants(text, cx.graph) {
        let Some(span) = sentence_span(cx, v.other_at.start) else { continue };
        let name = &cx.graph.nodes[v.node].name;
        let d =
            push(out, INCONSISTENT, span, format!("`{}` is spelled `{}` elsewhere in this article", v.other, v.first));
        d.labels.push(Label { span: v.other_at, message: format!("spelled `{}` here", v.other) });
        d.notes.push(format!("first spelled `{}` on line {}", v.first, lines.line_of(v.first_at.start)));
        d.chain = vec![name.clone()];
    }
}

fn single_source(cx: &Context, share: f64, out: &mut Vec<Diagnostic>) {
    let text = &cx.article.prose;
    let mut total = 0;
    // First cited source → the sentences whose claims rest on it.
    let mut by_relay: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, j) in cx.judgements.iter().enumerate() {
        if !j.is_claim {
            continue;
        }
        total += 1;
        if let Some(&first) = j.governed.attribution().and_then(|g| cx.graph.chains[g].first()) {
            by_relay.entry(first).or_default().push(i);
        }
    }
    let Some((&relay, sentences)) = by_relay.iter().max_by_key(|(node, s)| (s.len(), std::cmp::Reverse(**node))) else {
        return;
    };
    let count = sentences.len();
    if count < MIN_SINGLE_SOURCE_CLAIMS || (count as f64) <= share * total as f64 {
        return;
    }
    let name = cx.graph.nodes[relay].name.clone();
    let first = cx.sentences[sentences[0]].span;
    let d = push(out, SINGLE, first, format!("{count} of {total} claims in this article rest on {name}"));
    let mut counter = LineCounter::new(text);
    let lines: Vec<String> =
        sentences.iter().map(|&i| counter.line_of(cx.sentences[i].span.start).to_string()).collect();
    d.notes.push(format!("claims resting on {name} are on lines {}", lines.join(", ")));
    d.notes.push(format!("reported above {:.0}% of the claims (single-source-share)", share * 100.0));
    d.chain = vec![name];
}
