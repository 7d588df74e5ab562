//! Machine-readable and grep-friendly check output: json, jsonl, concise.

use serde::Serialize;

use super::{CheckedFile, FileError, LineIndex, Summary};
use crate::rules::{Diagnostic, Label};
use crate::span::Span;

/// Version of the JSON documents; bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub path: &'a str,
    pub rule: &'a str,
    pub severity: &'a str,
    pub message: &'a str,
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub chain: &'a [String],
    pub labels: &'a [Label],
    pub notes: &'a [String],
    pub help: &'a str,
}

/// A finding silenced by a `whosaid-disable` comment, with its reason.
#[derive(Serialize)]
pub struct JsonSuppressed<'a> {
    #[serde(flatten)]
    pub diagnostic: JsonDiagnostic<'a>,
    /// The text after ` -- ` in the directive, if any.
    pub reason: Option<&'a str>,
    /// The line of the directive.
    pub directive_line: usize,
}

#[derive(Serialize)]
struct JsonCheck<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    suppressed: Vec<JsonSuppressed<'a>>,
    summary: Summary,
    errors: &'a [FileError],
}

pub fn json_diagnostic<'a>(file: &'a CheckedFile, index: &LineIndex, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let (line, column) = index.locate(&file.text, d.span.start);
    let (end_line, end_column) = index.locate(&file.text, d.span.end);
    JsonDiagnostic {
        path: &file.path,
        rule: d.rule,
        severity: d.severity.as_str(),
        message: &d.message,
        span: d.span,
        line,
        column,
        end_line,
        end_column,
        chain: &d.chain,
        labels: &d.labels,
        notes: &d.notes,
        help: &d.help,
    }
}

/// The `check --format json` document.
pub fn json(files: &[CheckedFile], errors: &[FileError], file_count: usize) -> String {
    let mut diagnostics = Vec::new();
    let mut suppressed = Vec::new();
    for f in files {
        let index = LineIndex::new(&f.text);
        diagnostics.extend(f.diagnostics.iter().map(|d| json_diagnostic(f, &index, d)));
        suppressed.extend(f.suppressed.iter().map(|s| JsonSuppressed {
            diagnostic: json_diagnostic(f, &index, &s.diagnostic),
            reason: s.reason.as_deref(),
            directive_line: index.locate(&f.text, s.directive.start).0,
        }));
    }
    let doc =
        JsonCheck { version: JSON_VERSION, diagnostics, suppressed, summary: Summary::of(files, file_count), errors };
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// One diagnostic per line.
pub fn jsonl(files: &[CheckedFile]) -> String {
    let mut out = String::new();
    for f in files {
        let index = LineIndex::new(&f.text);
        for d in &f.diagnostics {
            out.push_str(&serde_json::to_string(&json_diagnostic(f, &index, d)).unwrap_or_default());
            out.push('\n');
        }
    }
    out
}

/// `path:line:col: severity[rule] message`, one per line.
pub fn concise(files: &[CheckedFile]) -> String {
    let mut out = String::new();
    for f in files {
        let index = LineIndex::new(&f.text);
        for d in &f.diagnostics {
            let (line, column) = index.locate(&f.text, d.span.start);
            let chain = if d.chain.is_empty() { String::new() } else { format!(" [{}]", d.chain.join(" → ")) };
            out.push_str(&format!(
                "{}:{line}:{column}: {}[{}] {}{chain}\n",
                f.path,
                d.severity.as_str(),
                d.rule,
                d.message
            ));
        }
    }
    out
}
