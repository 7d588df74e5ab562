//! The rule files under `rules/`: id, default severity, summary, help,
//! explanation and examples, embedded in the binary.

use std::sync::LazyLock;

use serde::Deserialize;

use super::Severity;

/// The built-in rule files, in the order `whosaid rules` lists them.
pub const RULE_FILES: &[(&str, &str)] = &[
    ("missing-attribution", include_str!("../../rules/missing-attribution.toml")),
    ("secondhand-attribution", include_str!("../../rules/secondhand-attribution.toml")),
    ("circular-attribution", include_str!("../../rules/circular-attribution.toml")),
    ("vague-attribution", include_str!("../../rules/vague-attribution.toml")),
    ("anonymous-source", include_str!("../../rules/anonymous-source.toml")),
    ("unresolved-source", include_str!("../../rules/unresolved-source.toml")),
    ("rejected-source", include_str!("../../rules/rejected-source.toml")),
    ("unused-suppression", include_str!("../../rules/unused-suppression.toml")),
    ("inconsistent-source-name", include_str!("../../rules/inconsistent-source-name.toml")),
    ("single-source", include_str!("../../rules/single-source.toml")),
];

pub const MISSING: &str = "missing-attribution";
pub const SECONDHAND: &str = "secondhand-attribution";
pub const CIRCULAR: &str = "circular-attribution";
pub const VAGUE: &str = "vague-attribution";
pub const ANONYMOUS: &str = "anonymous-source";
pub const UNRESOLVED: &str = "unresolved-source";

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDoc {
    pub id: String,
    pub severity: Severity,
    /// Off unless a config turns it on (`[rules] single-source = "info"`).
    #[serde(default = "on")]
    pub enabled: bool,
    pub summary: String,
    pub help: String,
    pub explanation: String,
    #[serde(default, rename = "example")]
    pub examples: Vec<Example>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub bad: Option<String>,
    pub good: Option<String>,
    /// Config (whosaid.toml text) the example needs, e.g. a house list.
    pub config: Option<String>,
}

fn on() -> bool {
    true
}

static CATALOG: LazyLock<Vec<RuleDoc>> = LazyLock::new(|| {
    RULE_FILES
        .iter()
        // The files are embedded and checked by tests; a broken one is
        // skipped rather than taking a user's run down.
        .filter_map(|(_, text)| toml::from_str::<RuleDoc>(text).ok())
        .collect()
});

/// Every built-in rule.
pub fn all() -> &'static [RuleDoc] {
    &CATALOG
}

pub fn get(id: &str) -> Option<&'static RuleDoc> {
    all().iter().find(|r| r.id == id)
}

pub fn ids() -> impl Iterator<Item = &'static str> {
    RULE_FILES.iter().map(|(id, _)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_parses_and_matches_its_name() {
        for (id, text) in RULE_FILES {
            let doc: RuleDoc = toml::from_str(text).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(&doc.id, id);
            for section in ["## What it flags", "## Why it matters", "## Example", "## Instead"] {
                assert!(doc.explanation.contains(section), "{id} lacks {section}");
            }
            assert!(doc.examples.iter().any(|e| e.bad.is_some()), "{id} has no bad example");
            assert!(doc.examples.iter().any(|e| e.good.is_some()), "{id} has no good example");
        }
        assert_eq!(all().len(), RULE_FILES.len());
    }

    #[test]
    fn rule_files_on_disk_are_all_embedded() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .map(|n| n.trim_end_matches(".toml").to_string())
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = ids().map(String::from).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
    }

    #[test]
    fn ids_are_kebab_case_and_name_problems() {
        for id in ids() {
            assert!(id.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{id}");
            for banned in ["avoid-", "use-", "prefer-", "require-", "no-", "do-not-"] {
                assert!(!id.starts_with(banned), "{id}");
            }
        }
    }
}
