//! `whosaid.toml`: discovery, parsing and validation.
//!
//! For each article the nearest `whosaid.toml` (or `.whosaid.toml`) from its
//! folder upward wins, stopping at the repository root (the folder holding
//! `.git`). `--config` names one file for every article; `--isolated`
//! ignores config files. Every error names the file, line, key and what
//! is allowed, with a did-you-mean when a near spelling exists.

mod error;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

pub use error::{ConfigError, did_you_mean};

use crate::graph::identity::Aliases;
use crate::lexicon::{Lexicon, LexiconFile};
use crate::rules::{RuleSettings, Severity, catalog};

/// Names a config file may have, in order of preference within a folder.
pub const CONFIG_NAMES: &[&str] = &["whosaid.toml", ".whosaid.toml"];

/// The top-level keys, for error messages.
const TOP_KEYS: &[&str] = &["fail-on", "max-hops", "rules", "sources", "rule-files"];
const SOURCES_KEYS: &[&str] = &["aliases"];
const FAIL_ON_VALUES: &[&str] = &["error", "warning", "info", "never"];
const RULE_LEVELS: &[&str] = &["off", "info", "warning", "error"];

/// The lowest severity that makes the run fail, or never.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Level(Severity),
    Never,
}

impl FailOn {
    pub fn parse(value: &str) -> Option<FailOn> {
        match value {
            "error" => Some(FailOn::Level(Severity::Error)),
            "warning" => Some(FailOn::Level(Severity::Warning)),
            "info" => Some(FailOn::Level(Severity::Info)),
            "never" => Some(FailOn::Never),
            _ => None,
        }
    }

    pub fn fails(self, severity: Severity) -> bool {
        matches!(self, FailOn::Level(level) if severity >= level)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    fail_on: Option<Spanned<String>>,
    max_hops: Option<Spanned<i64>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    sources: SourcesSection,
    #[serde(default)]
    rule_files: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SourcesSection {
    #[serde(default)]
    aliases: BTreeMap<String, Vec<String>>,
}

/// Resolved settings for the articles one config file governs.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The file these settings came from, if any.
    pub origin: Option<PathBuf>,
    pub fail_on: Option<FailOn>,
    pub rules: RuleSettings,
    pub aliases: Aliases,
    pub lexicon: Arc<Lexicon>,
}

impl Settings {
    /// The built-in defaults.
    pub fn builtin(lexicon: Arc<Lexicon>) -> Settings {
        Settings { origin: None, fail_on: None, rules: RuleSettings::default(), aliases: Aliases::default(), lexicon }
    }
}

/// Loads and validates one config file.
pub fn load(path: &Path, builtin: &Arc<Lexicon>) -> Result<Settings, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError::io(path, &e))?;
    parse(&text, path, builtin)
}

/// Parses config `text` read from `path`.
pub fn parse(text: &str, path: &Path, builtin: &Arc<Lexicon>) -> Result<Settings, ConfigError> {
    let file: ConfigFile =
        toml::from_str(text).map_err(|e| ConfigError::from_toml(path, text, &e, TOP_KEYS, SOURCES_KEYS))?;
    let mut settings = Settings::builtin(builtin.clone());
    settings.origin = Some(path.to_path_buf());

    if let Some(value) = &file.fail_on {
        settings.fail_on = Some(FailOn::parse(value.get_ref()).ok_or_else(|| {
            ConfigError::bad_value(path, text, value.span(), "fail-on", value.get_ref(), FAIL_ON_VALUES)
        })?);
    }
    if let Some(value) = &file.max_hops {
        let hops = *value.get_ref();
        if !(0..=100).contains(&hops) {
            return Err(ConfigError::bad_value(
                path,
                text,
                value.span(),
                "max-hops",
                &hops.to_string(),
                &["a whole number from 0 to 100"],
            ));
        }
        settings.rules.max_hops = hops as usize;
    }
    let known: Vec<&str> = catalog::ids().collect();
    for (rule, level) in &file.rules {
        if !known.contains(&rule.get_ref().as_str()) {
            return Err(ConfigError::unknown_key(
                path,
                text,
                rule.span(),
                &format!("rules.{}", rule.get_ref()),
                rule.get_ref(),
                &known,
            ));
        }
        let severity = match level.get_ref().as_str() {
            "off" => None,
            other => Some(serde_plain_severity(other).ok_or_else(|| {
                ConfigError::bad_value(
                    path,
                    text,
                    level.span(),
                    &format!("rules.{}", rule.get_ref()),
                    other,
                    RULE_LEVELS,
                )
            })?),
        };
        settings.rules.severities.insert(rule.get_ref().clone(), severity);
    }
    if let Some(misplaced) = file.sources.aliases.keys().find(|k| TOP_KEYS.contains(&k.as_str())) {
        return Err(misplaced_top_key(path, text, misplaced));
    }
    settings.aliases.add_table(&file.sources.aliases);
    if !file.rule_files.is_empty() {
        let mut lexicon = (**builtin).clone();
        let base = path.parent().unwrap_or(Path::new("."));
        for entry in &file.rule_files {
            let rule_path = base.join(entry.get_ref());
            let rule_text = std::fs::read_to_string(&rule_path).map_err(|e| {
                ConfigError::at(
                    path,
                    text,
                    entry.span(),
                    "rule-files",
                    format!("cannot read {}: {e}", rule_path.display()),
                )
            })?;
            let extra: LexiconFile = toml::from_str(&rule_text)
                .map_err(|e| ConfigError::from_toml(&rule_path, &rule_text, &e, LEXICON_KEYS, &[]))?;
            lexicon.add(&extra);
        }
        settings.lexicon = Arc::new(lexicon);
    }
    Ok(settings)
}

/// A top-level key written after `[sources.aliases]` lands in that table
/// (a TOML rule), where `rule-files = [...]` would silently become an
/// alias. Nobody names a source "rule-files", so say where it belongs.
fn misplaced_top_key(path: &Path, text: &str, key: &str) -> ConfigError {
    let at = text
        .match_indices(key)
        .map(|(i, _)| i)
        .filter(|&i| text[..i].rsplit('\n').next().is_some_and(|before| before.trim().is_empty()))
        .last()
        .unwrap_or(0);
    ConfigError::at(
        path,
        text,
        at..at + key.len(),
        &format!("sources.aliases.{key}"),
        format!("`{key}` is inside [sources.aliases] in {}; move it above the first [table] header", path.display()),
    )
}

/// Top-level keys of a rule (lexicon) file.
const LEXICON_KEYS: &[&str] = &[
    "verbs",
    "phrases",
    "nouns",
    "glue",
    "vague",
    "anonymous",
    "documents",
    "related",
    "credits",
    "abbreviations",
    "stance",
];

fn serde_plain_severity(value: &str) -> Option<Severity> {
    match value {
        "info" => Some(Severity::Info),
        "warning" => Some(Severity::Warning),
        "error" => Some(Severity::Error),
        _ => None,
    }
}

/// Finds the config file that governs files in `dir`: the nearest one
/// upward, stopping at the repository root.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    let mut current = Some(dir);
    while let Some(d) = current {
        for name in CONFIG_NAMES {
            let candidate = d.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        if d.join(".git").exists() {
            return None;
        }
        current = d.parent();
    }
    None
}

/// Caches settings per config file so each is read once per run.
pub struct Resolver {
    builtin: Arc<Lexicon>,
    defaults: Arc<Settings>,
    forced: Option<Arc<Settings>>,
    isolated: bool,
    by_dir: std::sync::Mutex<BTreeMap<PathBuf, Option<PathBuf>>>,
    by_file: std::sync::Mutex<BTreeMap<PathBuf, Result<Arc<Settings>, ConfigError>>>,
}

impl Resolver {
    /// `forced` is the `--config` file's settings; `isolated` ignores files.
    pub fn new(builtin: Arc<Lexicon>, forced: Option<Settings>, isolated: bool) -> Resolver {
        Resolver {
            defaults: Arc::new(Settings::builtin(builtin.clone())),
            builtin,
            forced: forced.map(Arc::new),
            isolated,
            by_dir: Default::default(),
            by_file: Default::default(),
        }
    }

    /// The settings for an article at `path` (a file path, or a name for stdin).
    pub fn for_article(&self, path: &Path) -> Result<Arc<Settings>, ConfigError> {
        if let Some(forced) = &self.forced {
            return Ok(forced.clone());
        }
        if self.isolated {
            return Ok(self.defaults.clone());
        }
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        let found = {
            let mut cache = self.by_dir.lock().unwrap_or_else(|e| e.into_inner());
            cache.entry(dir.clone()).or_insert_with(|| discover(&dir)).clone()
        };
        let Some(config_path) = found else { return Ok(self.defaults.clone()) };
        let mut cache = self.by_file.lock().unwrap_or_else(|e| e.into_inner());
        cache.entry(config_path.clone()).or_insert_with(|| load(&config_path, &self.builtin).map(Arc::new)).clone()
    }
}

#[cfg(test)]
mod tests;
