//! `whosaid extract` output: the attributions and sources of each file.

use serde::Serialize;

use super::LineIndex;
use crate::analysis::Analysis;
use crate::graph::corpus::FileGraph;
use crate::span::Span;

#[derive(Serialize)]
pub struct ExtractedAttribution {
    pub id: usize,
    pub cue: Span,
    pub source: Option<Span>,
    pub source_id: Option<usize>,
    pub content: Vec<Span>,
    pub parent: Option<usize>,
    /// Display names from the first cited source to this one's origin.
    pub chain: Vec<String>,
}

/// One file as `extract --format json|jsonl` prints it: the facts the
/// run-wide graph needs (path, outlet, sources, claims; see
/// [`FileGraph`]), then every attribution.
#[derive(Serialize)]
pub struct ExtractedFile {
    #[serde(flatten)]
    pub graph: FileGraph,
    pub attributions: Vec<ExtractedAttribution>,
}

pub fn extracted(graph: FileGraph, analysis: &Analysis) -> ExtractedFile {
    let attributions = analysis
        .attributions
        .iter()
        .map(|a| ExtractedAttribution {
            id: a.id,
            cue: a.cue,
            source: a.source,
            source_id: analysis.graph.source_of[a.id],
            content: a.content.clone(),
            parent: a.parent,
            chain: analysis.graph.chain_names(a.id),
        })
        .collect();
    ExtractedFile { graph, attributions }
}

/// One file as a JSON object on one line.
pub fn jsonl_line(file: &ExtractedFile) -> String {
    serde_json::to_string(file).unwrap_or_default() + "\n"
}

/// Each attribution in context, for reading and debugging.
pub fn human(path: &str, text: &str, analysis: &Analysis) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    let show = |s: Span| text[s.range()].replace('\n', " ");
    for a in &analysis.attributions {
        let (line, column) = index.locate(text, a.cue.start);
        out.push_str(&format!("{path}:{line}:{column}: attribution {}", a.id));
        if let Some(p) = a.parent {
            out.push_str(&format!(" (inside {p})"));
        }
        out.push('\n');
        out.push_str(&format!("    cue:     «{}»\n", show(a.cue)));
        match (a.source, analysis.graph.source_of[a.id]) {
            (Some(s), Some(node)) => {
                out.push_str(&format!("    source:  «{}» → {}\n", show(s), analysis.graph.nodes[node].name))
            }
            (Some(s), None) => out.push_str(&format!("    source:  «{}» (unresolved)\n", show(s))),
            (None, _) => out.push_str("    source:  (none)\n"),
        }
        for c in &a.content {
            out.push_str(&format!("    content: «{}»\n", show(*c)));
        }
        let chain = analysis.graph.chain_names(a.id);
        if !chain.is_empty() {
            out.push_str(&format!("    chain:   this article → {}\n", chain.join(" → ")));
        }
    }
    out
}
