//! SARIF 2.1.0, for GitHub code scanning and other static-analysis hubs.
//!
//! One run, one result per finding. Columns are counted in Unicode code
//! points (`run.columnKind`), because news copy is full of curly quotes and
//! dashes. Every result carries `partialFingerprints` that do not depend on
//! line numbers, so alerts survive edits above the claim. Suppressed
//! findings are included with an in-source suppression and its reason,
//! which code scanning shows as a dismissed alert. A file that could not be
//! read is a tool execution notification on the run's invocation, which
//! is then marked unsuccessful, so that a skipped article is not mistaken
//! for a clean one.

use serde_json::{Value, json};

use super::fingerprint::{self, normalise_path};
use super::{CheckedFile, FileError, LineIndex};
use crate::rules::{Diagnostic, Severity, catalog};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Key of our fingerprint in `partialFingerprints`; bump the suffix if the
/// recipe ever changes.
pub const FINGERPRINT_KEY: &str = "whosaid/v1";
/// GitHub reads at most this many characters of a description.
const DESCRIPTION_LIMIT: usize = 1024;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn problem_severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "recommendation",
    }
}

fn clip(text: &str) -> String {
    if text.chars().count() <= DESCRIPTION_LIMIT {
        return text.to_string();
    }
    let mut out: String = text.chars().take(DESCRIPTION_LIMIT - 1).collect();
    out.push('…');
    out
}

/// The first paragraph under "## What it flags": a full description in a
/// few sentences, without Markdown headings.
fn full_description(explanation: &str) -> String {
    let body = explanation.split("## What it flags").nth(1).unwrap_or(explanation);
    let paragraph = body.split("\n\n").map(str::trim).find(|p| !p.is_empty() && !p.starts_with("##")).unwrap_or("");
    paragraph.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn rule_descriptor(doc: &catalog::RuleDoc) -> Value {
    let mut markdown = format!("{}\n\n{}", doc.help, doc.explanation.trim());
    for example in &doc.examples {
        if let Some(bad) = &example.bad {
            markdown.push_str(&format!("\n\nFlagged: {bad}"));
        }
        if let Some(good) = &example.good {
            markdown.push_str(&format!("\n\nClean: {good}"));
        }
    }
    json!({
        "id": doc.id,
        "name": doc.id,
        "shortDescription": {"text": clip(&doc.summary)},
        "fullDescription": {"text": clip(&full_description(&doc.explanation))},
        "help": {"text": doc.help, "markdown": markdown},
        "defaultConfiguration": {"level": level(doc.severity)},
        "properties": {
            "tags": ["journalism", "attribution"],
            "precision": "medium",
            "problem.severity": problem_severity(doc.severity),
        },
    })
}

/// A file path as a relative URI reference: `/` separators, and anything
/// outside the unreserved set percent-encoded (spaces, `%`, `#`, `?`…).
pub fn uri(path: &str) -> String {
    let relative = normalise_path(path);
    let mut out = String::with_capacity(relative.len());
    for byte in relative.bytes() {
        let keep = byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/');
        if keep {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn region(file: &CheckedFile, index: &LineIndex, span: crate::span::Span) -> Value {
    let (start_line, start_column) = index.locate(&file.text, span.start);
    let (end_line, end_column) = index.locate(&file.text, span.end.max(span.start));
    json!({"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column})
}

fn message_text(d: &Diagnostic) -> String {
    let mut text = d.message.clone();
    if !d.chain.is_empty() {
        text.push_str(&format!(". Chain: this article → {}", d.chain.join(" → ")));
    }
    text
}

fn result(file: &CheckedFile, index: &LineIndex, d: &Diagnostic, occurrence: usize, reason: Option<&str>) -> Value {
    let rule_index = catalog::ids().position(|id| id == d.rule);
    let artifact = json!({"uri": uri(&file.path)});
    let related: Vec<Value> = d
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            json!({
                "id": i + 1,
                "message": {"text": l.message},
                "physicalLocation": {"artifactLocation": artifact, "region": region(file, index, l.span)},
            })
        })
        .collect();
    let mut out = json!({
        "ruleId": d.rule,
        "level": level(d.severity),
        "message": {"text": message_text(d)},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region(file, index, d.span)}}],
        "partialFingerprints": {
            FINGERPRINT_KEY: fingerprint::finding(d.rule, fingerprint::claim_text(file, d), occurrence)
        },
    });
    if let Some(i) = rule_index {
        out["ruleIndex"] = json!(i);
    }
    if !related.is_empty() {
        out["relatedLocations"] = Value::Array(related);
    }
    if let Some(reason) = reason {
        let justification = if reason.is_empty() { "suppressed in source without a reason" } else { reason };
        out["suppressions"] = json!([{"kind": "inSource", "justification": justification}]);
    }
    out
}

/// The run's one invocation: whether every file could be read, and for
/// each problem with a file an error notification located by byte (the
/// only position a file that did not decode has).
fn invocation(errors: &[FileError]) -> Value {
    let notifications: Vec<Value> = errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": {"text": e.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri(&e.path)},
                    "region": {"byteOffset": e.offset},
                }}],
            })
        })
        .collect();
    json!({"executionSuccessful": errors.is_empty(), "toolExecutionNotifications": notifications})
}

/// The whole SARIF log for a run; `errors` are the files that could not
/// be read and the problems found in files that were.
pub fn sarif(files: &[CheckedFile], errors: &[FileError]) -> String {
    let rules: Vec<Value> = catalog::all().iter().map(rule_descriptor).collect();
    let mut results = Vec::new();
    for file in files {
        let index = LineIndex::new(&file.text);
        let occurrences = fingerprint::occurrences(file, &file.diagnostics);
        for (d, occurrence) in file.diagnostics.iter().zip(occurrences) {
            results.push(result(file, &index, d, occurrence, None));
        }
        let hidden: Vec<Diagnostic> = file.suppressed.iter().map(|s| s.diagnostic.clone()).collect();
        let occurrences = fingerprint::occurrences(file, &hidden);
        for (s, occurrence) in file.suppressed.iter().zip(occurrences) {
            results.push(result(file, &index, &s.diagnostic, occurrence, Some(s.reason.as_deref().unwrap_or(""))));
        }
    }
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "whosaid",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "invocations": [invocation(errors)],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri("./drafts/a b.md"), "drafts/a%20b.md");
        assert_eq!(uri("x\\y%z.md"), "x/y%25z.md");
        assert_eq!(uri("ü.md"), "%C3%BC.md");
    }

    #[test]
    fn full_description_is_the_first_paragraph() {
        let text = "## What it flags\nA claim\nwith no source.\n\nMore.\n\n## Why it matters\nx";
        assert_eq!(full_description(text), "A claim with no source.");
    }
}
