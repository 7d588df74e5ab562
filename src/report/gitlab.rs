//! GitLab Code Quality report: a JSON array of issues, each with a unique
//! fingerprint, a severity from GitLab's scale and a path + begin line.
//! A file or config that could not be read is an issue too, so that the
//! merge request shows an article that went unchecked.

use serde_json::{Value, json};

use super::fingerprint::{self, normalise_path};
use super::{CheckedFile, FileError, LineIndex};
use crate::rules::Severity;

/// GitLab's scale is info, minor, major, critical, blocker; whosaid's
/// three levels map onto its lower half, since no finding in prose breaks
/// a build the way a crash would.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Warning => "minor",
        Severity::Error => "major",
    }
}

/// A problem with a file as an issue: `critical`, the step above every
/// finding, because the file went unchecked; on its line when the file
/// was read (bad front matter), else on its first line.
fn file_error_issue(e: &FileError, files: &[CheckedFile]) -> Value {
    let line = e.line_and_column(files).map_or(1, |(line, _)| line);
    json!({
        "type": "issue",
        "description": e.message,
        "check_name": "file-error",
        "categories": ["Compatibility"],
        "fingerprint": fingerprint::stable_hash(&["file-error", &e.path, &e.offset.to_string(), &e.message]),
        "severity": "critical",
        "location": {"path": normalise_path(&e.path), "lines": {"begin": line, "end": line}},
    })
}

/// The whole report; `errors` are the files that could not be read and
/// the problems found in files that were.
pub fn gitlab(files: &[CheckedFile], errors: &[FileError]) -> String {
    let mut issues: Vec<Value> = errors.iter().map(|e| file_error_issue(e, files)).collect();
    for file in files {
        let index = LineIndex::new(&file.text);
        let occurrences = fingerprint::occurrences(file, &file.diagnostics);
        for (d, occurrence) in file.diagnostics.iter().zip(occurrences) {
            let (begin, _) = index.locate(&file.text, d.span.start);
            let (end, _) = index.locate(&file.text, d.span.end);
            // Unique per issue across the report, as GitLab requires: the
            // path joins rule, claim words and occurrence.
            let fingerprint = fingerprint::baseline(d.rule, &file.path, fingerprint::claim_text(file, d), occurrence);
            issues.push(json!({
                "type": "issue",
                "description": d.message,
                "check_name": d.rule,
                "categories": ["Style"],
                "fingerprint": fingerprint,
                "severity": severity(d.severity),
                "location": {"path": normalise_path(&file.path), "lines": {"begin": begin, "end": end}},
            }));
        }
    }
    serde_json::to_string_pretty(&issues).unwrap_or_default() + "\n"
}
