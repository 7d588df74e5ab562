//! Human output: compiler-style diagnostics rendered by codespan-reporting.

use codespan_reporting::diagnostic::{Diagnostic as Frame, Label as FrameLabel, Severity as FrameSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::Buffer};

use super::{CheckedFile, Summary};
use crate::rules::{Diagnostic, Severity};

fn frame_severity(s: Severity) -> FrameSeverity {
    match s {
        Severity::Error => FrameSeverity::Error,
        Severity::Warning => FrameSeverity::Warning,
        Severity::Info => FrameSeverity::Note,
    }
}

/// The codespan frame for one diagnostic.
pub fn frame(d: &Diagnostic) -> Frame<()> {
    // Suppression findings point at the comment, not at a claim.
    let what = if d.rule == crate::rules::suppress::UNUSED { "directive" } else { "claim" };
    let mut labels = vec![FrameLabel::primary((), d.span.range()).with_message(what)];
    labels.extend(d.labels.iter().map(|l| FrameLabel::secondary((), l.span.range()).with_message(l.message.clone())));
    let mut notes: Vec<String> = d.notes.iter().map(|n| format!("note: {n}")).collect();
    if !d.help.is_empty() {
        notes.push(format!("help: {}", d.help));
    }
    Frame::new(frame_severity(d.severity))
        .with_code(d.rule)
        .with_message(d.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

/// Renders one file's diagnostics into `buffer`.
pub fn render_file(file: &CheckedFile, buffer: &mut Buffer) {
    let source = SimpleFile::new(file.path.as_str(), file.text.as_str());
    let config = term::Config::default();
    for d in &file.diagnostics {
        // A rendering failure (e.g. a span codespan rejects) must not lose
        // the finding: fall back to the concise line.
        if term::emit_to_write_style(buffer, &config, &source, &frame(d)).is_err() {
            use std::io::Write;
            let _ = writeln!(buffer, "{}: {}[{}] {}", file.path, d.severity.as_str(), d.rule, d.message);
        }
    }
}

/// The closing summary line.
pub fn summary_line(summary: &Summary) -> String {
    if summary.total() == 0 {
        return format!("No problems found in {} file{}.\n", summary.files, plural(summary.files));
    }
    format!(
        "Found {} problem{} ({} error{}, {} warning{}, {} info) in {} file{}.\n",
        summary.total(),
        plural(summary.total()),
        summary.error,
        plural(summary.error),
        summary.warning,
        plural(summary.warning),
        summary.info,
        summary.files,
        plural(summary.files)
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
