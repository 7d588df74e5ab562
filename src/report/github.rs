//! GitHub Actions workflow commands: one annotation per finding.
//!
//! GitHub shows at most 10 annotations of each type per step and drops the
//! rest silently, so the output also carries every finding as a plain log
//! line (inside a folded group, with workflow commands stopped so that a
//! quotation in an article cannot inject one), a `::notice` saying how many
//! annotations were not shown, and — when `$GITHUB_STEP_SUMMARY` is set —
//! a Markdown table of all findings for the job summary page. A file that
//! could not be read is an error annotation of its own, ahead of the
//! findings, so that GitHub's cap never hides it.

use super::fingerprint::{normalise_path, stable_hash};
use super::{CheckedFile, FileError, LineIndex, Summary};
use crate::rules::{Diagnostic, Severity};

/// Annotations GitHub shows per type (error, warning, notice) per step.
pub const SHOWN_PER_TYPE: usize = 10;

/// Escapes a command's message: `%`, CR and LF.
pub fn escape_message(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a parameter value: as a message, plus `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_message(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// One finding located in lines and columns (characters, 1-based; the end
/// column is the one after the last character).
struct Located<'a> {
    path: String,
    diagnostic: &'a Diagnostic,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

fn locate_all(files: &[CheckedFile]) -> Vec<Located<'_>> {
    let mut out = Vec::new();
    for file in files {
        let index = LineIndex::new(&file.text);
        for d in &file.diagnostics {
            let (line, column) = index.locate(&file.text, d.span.start);
            let (end_line, end_column) = index.locate(&file.text, d.span.end);
            out.push(Located { path: normalise_path(&file.path), diagnostic: d, line, column, end_line, end_column });
        }
    }
    out
}

fn annotation(f: &Located) -> String {
    let d = f.diagnostic;
    let mut message = d.message.clone();
    if !d.chain.is_empty() {
        message.push_str(&format!("\nchain: this article → {}", d.chain.join(" → ")));
    }
    if !d.help.is_empty() {
        message.push_str(&format!("\nhelp: {}", d.help));
    }
    format!(
        "::{} file={},line={},endLine={},col={},endColumn={},title={}::{}\n",
        command(d.severity),
        escape_property(&f.path),
        f.line,
        f.end_line,
        f.column,
        f.end_column,
        escape_property(&format!("whosaid {}", d.rule)),
        escape_message(&message)
    )
}

/// A problem with a file as an error annotation: on its line when the
/// file was read (bad front matter), on the file as a whole when it was
/// not (a file that is not UTF-8 has no lines to point at; its message
/// names the byte).
fn file_error_annotation(e: &FileError, files: &[CheckedFile]) -> String {
    let place = e.line_and_column(files).map_or(String::new(), |(line, column)| format!(",line={line},col={column}"));
    format!(
        "::error file={}{place},title={}::{}\n",
        escape_property(&normalise_path(&e.path)),
        escape_property("whosaid: file error"),
        escape_message(&e.message)
    )
}

/// How many annotations GitHub will drop, given counts per type and how
/// many error annotations go before them.
pub fn hidden_count(findings: &[&Diagnostic], errors_before: usize) -> usize {
    [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .map(|s| {
            let before = if *s == Severity::Error { errors_before } else { 0 };
            let shown = SHOWN_PER_TYPE.saturating_sub(before);
            findings.iter().filter(|d| d.severity == *s).count().saturating_sub(shown)
        })
        .sum()
}

/// The text written to standard output; `errors` are the files that
/// could not be read and the problems found in files that were.
pub fn annotations(files: &[CheckedFile], errors: &[FileError], summary: &Summary) -> String {
    let located = locate_all(files);
    let mut out = String::new();
    if !located.is_empty() {
        // Article text is untrusted: stop command processing while the
        // plain log lines are printed.
        let token = stable_hash(&[&located.len().to_string(), &std::process::id().to_string(), "whosaid"]);
        out.push_str("::group::whosaid findings\n");
        out.push_str(&format!("::stop-commands::{token}\n"));
        for f in &located {
            let d = f.diagnostic;
            out.push_str(&format!(
                "{}:{}:{}: {}[{}] {}\n",
                f.path,
                f.line,
                f.column,
                d.severity.as_str(),
                d.rule,
                d.message.replace(['\r', '\n'], " ")
            ));
        }
        out.push_str(&format!("::{token}::\n"));
        out.push_str("::endgroup::\n");
    }
    for e in errors {
        out.push_str(&file_error_annotation(e, files));
    }
    for f in &located {
        out.push_str(&annotation(f));
    }
    let all: Vec<&Diagnostic> = located.iter().map(|f| f.diagnostic).collect();
    let hidden = hidden_count(&all, errors.len());
    if hidden > 0 {
        out.push_str(&format!(
            "::notice title=whosaid::{}\n",
            escape_message(&format!(
                "{hidden} of {} findings are not shown as annotations (GitHub shows {SHOWN_PER_TYPE} per type per step); see the job summary or the log for all of them",
                all.len()
            ))
        ));
    }
    out.push_str(&super::human::summary_line(summary));
    out
}

/// Escapes a table cell: pipes, line breaks and backticks-free inline text.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\").replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// The Markdown job summary: a count line and a table of every finding.
pub fn step_summary(files: &[CheckedFile], summary: &Summary) -> String {
    let located = locate_all(files);
    let mut out = String::from("## whosaid\n\n");
    out.push_str(&super::human::summary_line(summary));
    if located.is_empty() {
        return out;
    }
    out.push_str("\n| File | Line | Severity | Rule | Message |\n| --- | ---: | --- | --- | --- |\n");
    for f in &located {
        let d = f.diagnostic;
        out.push_str(&format!(
            "| {} | {} | {} | `{}` | {} |\n",
            cell(&f.path),
            f.line,
            d.severity.as_str(),
            d.rule,
            cell(&d.message)
        ));
    }
    out
}

/// Appends the job summary to the file GitHub names, if it does.
pub fn write_step_summary(files: &[CheckedFile], summary: &Summary) -> Result<(), String> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else { return Ok(()) };
    use std::io::Write;
    let text = step_summary(files, summary);
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| format!("cannot write the job summary to {}: {e}", std::path::Path::new(&path).display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_messages_and_properties() {
        assert_eq!(escape_message("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }

    #[test]
    fn file_errors_take_error_annotations_from_findings() {
        let finding = |severity| Diagnostic {
            rule: "missing-attribution",
            severity,
            message: "claim has no attribution".into(),
            span: crate::span::Span::new(0, 4),
            labels: Vec::new(),
            chain: Vec::new(),
            notes: Vec::new(),
            help: "",
        };
        let errors: Vec<Diagnostic> = (0..12).map(|_| finding(Severity::Error)).collect();
        let warnings: Vec<Diagnostic> = (0..3).map(|_| finding(Severity::Warning)).collect();
        let all: Vec<&Diagnostic> = errors.iter().chain(&warnings).collect();
        assert_eq!(hidden_count(&all, 0), 2);
        // Three file errors go first: three fewer error findings are shown.
        assert_eq!(hidden_count(&all, 3), 5);
        // More file errors than GitHub shows: every error finding is hidden.
        assert_eq!(hidden_count(&all, 20), 12);
    }

    #[test]
    fn a_file_error_is_on_its_line_when_the_file_was_read() {
        let read = CheckedFile {
            path: "./a.md".into(),
            text: "+++\ntitel = 1\n+++\n".into(),
            diagnostics: Vec::new(),
            suppressed: Vec::new(),
        };
        let error = |path: &str, offset| FileError { path: path.into(), offset, message: "bad: 50%".into() };
        assert_eq!(
            file_error_annotation(&error("./a.md", 4), std::slice::from_ref(&read)),
            "::error file=a.md,line=2,col=1,title=whosaid%3A file error::bad: 50%25\n"
        );
        assert_eq!(
            file_error_annotation(&error("b,c.md", 7), std::slice::from_ref(&read)),
            "::error file=b%2Cc.md,title=whosaid%3A file error::bad: 50%25\n"
        );
    }
}
