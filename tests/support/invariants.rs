#![allow(dead_code)] // each user (tests, fuzz targets) needs only some checks
//! Invariants every analysis must keep, whatever the input. Shared by the
//! property tests (`tests/properties.rs`) and the fuzz targets
//! (`tests/fuzz/fuzz_targets/*.rs`), which include this file by path.

use whosaid::analysis::Analysis;
use whosaid::markup::Article;
use whosaid::rules::Diagnostic;
use whosaid::span::Span;

/// A span that lies inside `text` and starts and ends on char boundaries.
pub fn span_ok(text: &str, span: Span, what: &str) -> Result<(), String> {
    if span.start > span.end || span.end > text.len() {
        return Err(format!("{what}: span {}..{} out of bounds (len {})", span.start, span.end, text.len()));
    }
    if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return Err(format!("{what}: span {}..{} not on a char boundary", span.start, span.end));
    }
    Ok(())
}

/// The markup parse is lossless: `prose` has the source's length, every
/// byte of it is the source's byte or a space that blanks markup, and the
/// blocks are in order, non-overlapping, non-empty and in bounds.
pub fn check_article(source: &str, article: &Article) -> Result<(), String> {
    if article.prose.len() != source.len() {
        return Err(format!("prose is {} bytes, source {}", article.prose.len(), source.len()));
    }
    for (i, (p, s)) in article.prose.bytes().zip(source.bytes()).enumerate() {
        if p != s && p != b' ' {
            return Err(format!("prose byte {i} is {p:#x}, source {s:#x}"));
        }
        if p != s && (s == b'\n' || s == b'\r') {
            return Err(format!("line break at byte {i} was blanked"));
        }
    }
    let mut previous_end = 0;
    for (i, block) in article.blocks.iter().enumerate() {
        span_ok(source, block.span, &format!("block {i}"))?;
        if block.span.is_empty() {
            return Err(format!("block {i} is empty"));
        }
        if block.span.start < previous_end {
            return Err(format!("block {i} starts at {} before the previous end {previous_end}", block.span.start));
        }
        previous_end = block.span.end;
    }
    for link in &article.links {
        span_ok(source, link.span, "link")?;
        span_ok(source, link.text, "link text")?;
    }
    for comment in &article.comments {
        span_ok(source, comment.span, "comment")?;
    }
    for problem in &article.problems {
        if problem.offset > source.len() {
            return Err(format!("markup problem at {} beyond the end", problem.offset));
        }
    }
    Ok(())
}

/// Every span the pipeline reports points into the source text.
pub fn check_analysis(source: &str, analysis: &Analysis, diagnostics: &[Diagnostic]) -> Result<(), String> {
    check_article(source, &analysis.article)?;
    let mut previous_end = 0;
    for (i, s) in analysis.sentences.iter().enumerate() {
        span_ok(source, s.span, &format!("sentence {i}"))?;
        if s.span.start < previous_end {
            return Err(format!("sentence {i} overlaps the one before"));
        }
        previous_end = s.span.end;
        if s.block >= analysis.article.blocks.len() {
            return Err(format!("sentence {i} names block {} of {}", s.block, analysis.article.blocks.len()));
        }
    }
    for (i, a) in analysis.attributions.iter().enumerate() {
        if a.id != i || a.sentence >= analysis.sentences.len() {
            return Err(format!("attribution {i}: id {} sentence {}", a.id, a.sentence));
        }
        span_ok(source, a.cue, "cue")?;
        if let Some(s) = a.source {
            span_ok(source, s, "source")?;
        }
        if let Some(s) = a.audience {
            span_ok(source, s, "audience")?;
        }
        for &c in &a.content {
            span_ok(source, c, "content")?;
        }
        if a.parent.is_some_and(|p| p >= analysis.attributions.len()) {
            return Err(format!("attribution {i} has a parent out of range"));
        }
    }
    let graph = &analysis.graph;
    let n = analysis.attributions.len();
    if graph.source_of.len() != n || graph.chains.len() != n || graph.unresolved.len() != n {
        return Err("graph tables do not match the attributions".into());
    }
    for node in &graph.nodes {
        for &m in &node.mentions {
            span_ok(source, m, "mention")?;
        }
    }
    if graph.chains.iter().flatten().chain(graph.source_of.iter().flatten()).any(|&k| k >= graph.nodes.len()) {
        return Err("graph names a node that does not exist".into());
    }
    if analysis.judgements.len() != analysis.sentences.len() {
        return Err("one judgement per sentence expected".into());
    }
    for d in diagnostics {
        span_ok(source, d.span, d.rule)?;
        for label in &d.labels {
            span_ok(source, label.span, "label")?;
        }
    }
    Ok(())
}
