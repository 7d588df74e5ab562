//! GitLab Code Quality report: a JSON array of issues, each with a unique
//! fingerprint, a severity from GitLab's scale and a path + begin line.

use serde_json::{Value, json};

use super::fingerprint::{self, normalise_path};
use super::{CheckedFile, LineIndex};
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

pub fn gitlab(files: &[CheckedFile]) -> String {
    let mut issues: Vec<Value> = Vec::new();
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
