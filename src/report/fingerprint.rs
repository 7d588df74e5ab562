//! Stable fingerprints for findings, so that CI tools and baselines can
//! recognise the same finding after the text around it has moved.
//!
//! Line numbers never enter a fingerprint: in prose every edit above a
//! claim shifts it. What identifies a finding is its rule, the claim's
//! words (normalised, so re-wrapping or a changed quote mark keeps it) and,
//! when the same claim is flagged twice, which occurrence it is.

use std::collections::BTreeMap;

use super::CheckedFile;
use crate::rules::Diagnostic;

/// The claim's words, lowercased, joined by single spaces; punctuation and
/// markup are dropped so that curly vs straight quotes or a re-wrapped line
/// do not change the result.
pub fn normalise_claim(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A 128-bit hash written as 32 hex digits. Two FNV-1a passes with
/// different offsets: not cryptographic, but fixed forever (unlike std's
/// `DefaultHasher`, whose output may change between Rust releases), which
/// is what a fingerprint stored in a baseline or by GitHub needs.
pub fn stable_hash(parts: &[&str]) -> String {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut high: u64 = 0xcbf2_9ce4_8422_2325;
    let mut low: u64 = 0x8422_2325_cbf2_9ce4;
    for part in parts {
        // A separator that cannot occur in the parts keeps ("ab","c") and
        // ("a","bc") apart.
        for &byte in part.as_bytes().iter().chain(std::iter::once(&0xffu8)) {
            high = (high ^ u64::from(byte)).wrapping_mul(PRIME);
            low = (low ^ u64::from(byte.rotate_left(3))).wrapping_mul(PRIME);
        }
    }
    format!("{high:016x}{low:016x}")
}

/// The text a finding is about: the claim sentence (or the comment, for
/// suppression findings).
pub fn claim_text<'a>(file: &'a CheckedFile, d: &Diagnostic) -> &'a str {
    file.text.get(d.span.range()).unwrap_or("")
}

/// For each diagnostic of a file, how many earlier diagnostics share its
/// rule and normalised claim text (0 for the first).
pub fn occurrences(file: &CheckedFile, diagnostics: &[Diagnostic]) -> Vec<usize> {
    let mut seen: BTreeMap<(&str, String), usize> = BTreeMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let count = seen.entry((d.rule, normalise_claim(claim_text(file, d)))).or_insert(0);
            *count += 1;
            *count - 1
        })
        .collect()
}

/// The fingerprint CI tools see: rule, claim words and occurrence index.
/// The path is left out because SARIF and Code Quality consumers already
/// key results by file; a moved file keeps its alerts.
pub fn finding(rule: &str, claim: &str, occurrence: usize) -> String {
    stable_hash(&[rule, &normalise_claim(claim), &occurrence.to_string()])
}

/// The fingerprint a baseline stores: rule, path, claim words and
/// occurrence index, so that a claim copied into another file is new there.
pub fn baseline(rule: &str, path: &str, claim: &str, occurrence: usize) -> String {
    stable_hash(&[rule, &normalise_path(path), &normalise_claim(claim), &occurrence.to_string()])
}

/// A path as a relative, `/`-separated string ("./a\\b.md" → "a/b.md").
pub fn normalise_path(path: &str) -> String {
    let forward = path.replace('\\', "/");
    let mut rest = forward.as_str();
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped;
    }
    rest.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_ignores_wrapping_case_and_quote_style() {
        assert_eq!(normalise_claim("The “port”  closed,\n  Officials said."), "the port closed officials said");
        assert_eq!(normalise_claim("the \"port\" closed, officials said"), "the port closed officials said");
    }

    #[test]
    fn hash_is_fixed_and_separates_parts() {
        assert_eq!(stable_hash(&["a"]), stable_hash(&["a"]));
        assert_ne!(stable_hash(&["ab", "c"]), stable_hash(&["a", "bc"]));
        assert_eq!(stable_hash(&["missing-attribution", "x"]).len(), 32);
        // Pinned: a change here breaks every stored baseline.
        assert_eq!(stable_hash(&["missing-attribution", "the port closed", "0"]), "c8e3783de457756ec9d44ed5ce6c3f5a");
        assert_ne!(finding("r", "claim", 0), finding("r", "claim", 1));
    }

    #[test]
    fn paths_are_relative_with_slashes() {
        assert_eq!(normalise_path("./drafts\\a.md"), "drafts/a.md");
        assert_eq!(normalise_path("a.md"), "a.md");
    }
}
