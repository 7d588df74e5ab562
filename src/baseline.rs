//! Baselines: record today's findings so that only new ones are reported.
//!
//! A baseline is a JSON file of fingerprints (rule + path + normalised
//! claim text + occurrence index; see `report::fingerprint`). Line numbers
//! are not part of it, so editing another paragraph does not bring old
//! findings back, while a new claim, or an edit to a flagged claim, shows
//! up as new.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::report::CheckedFile;
use crate::report::fingerprint::{self, normalise_path};

pub const BASELINE_VERSION: u32 = 1;
/// How much of the claim is kept in the file, for people reading diffs.
const EXCERPT_CHARS: usize = 80;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub path: String,
    /// The start of the claim, for reviewers; not used for matching.
    pub claim: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

fn excerpt(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= EXCERPT_CHARS {
        return flat;
    }
    let mut cut: String = flat.chars().take(EXCERPT_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// The entries of one file's findings, in order.
fn entries(file: &CheckedFile) -> Vec<Entry> {
    let occurrences = fingerprint::occurrences(file, &file.diagnostics);
    file.diagnostics
        .iter()
        .zip(occurrences)
        .map(|(d, occurrence)| {
            let claim = fingerprint::claim_text(file, d);
            Entry {
                fingerprint: fingerprint::baseline(d.rule, &file.path, claim, occurrence),
                rule: d.rule.to_string(),
                path: normalise_path(&file.path),
                claim: excerpt(claim),
            }
        })
        .collect()
}

impl Baseline {
    pub fn of(files: &[CheckedFile]) -> Baseline {
        Baseline { version: BASELINE_VERSION, findings: files.iter().flat_map(entries).collect() }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
        let baseline: Baseline = serde_json::from_str(&text)
            .map_err(|e| format!("{}:{}:{}: invalid baseline: {e}", path.display(), e.line(), e.column()))?;
        if baseline.version != BASELINE_VERSION {
            return Err(format!(
                "{}: baseline version {} is not supported (expected {BASELINE_VERSION}); write it again with --write-baseline",
                path.display(),
                baseline.version
            ));
        }
        Ok(baseline)
    }

    /// Removes the findings the baseline knows; returns how many.
    pub fn filter(&self, files: &mut [CheckedFile]) -> usize {
        let mut known: BTreeMap<&str, usize> = BTreeMap::new();
        for e in &self.findings {
            *known.entry(e.fingerprint.as_str()).or_insert(0) += 1;
        }
        let mut removed = 0;
        for file in files {
            let keep: Vec<bool> = entries(file)
                .iter()
                .map(|e| match known.get_mut(e.fingerprint.as_str()) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                })
                .collect();
            let before = file.diagnostics.len();
            let mut flags = keep.into_iter();
            file.diagnostics.retain(|_| flags.next().unwrap_or(true));
            removed += before - file.diagnostics.len();
        }
        removed
    }
}
