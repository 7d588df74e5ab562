//! `whosaid.toml`: discovery, parsing and validation.
//!
//! For each article the nearest `whosaid.toml` (or `.whosaid.toml`) from its
//! folder upward wins, stopping at the repository root (the folder holding
//! `.git`). `--config` names one file for every article; `--isolated`
//! ignores config files. Every error names the file, line, key and what
//! is allowed, with a did-you-mean when a near spelling exists.

mod error;
pub mod files;
pub mod show;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

pub use error::{ConfigError, did_you_mean};
pub use files::Patterns;

use crate::graph::identity::Aliases;
use crate::lexicon::{Lexicon, LexiconFile};
use crate::rules::house::{HouseLists, HouseName};
use crate::rules::{RuleSettings, Severity, catalog};

/// Names a config file may have, in order of preference within a folder.
pub const CONFIG_NAMES: &[&str] = &["whosaid.toml", ".whosaid.toml"];

/// The top-level keys, for error messages.
const TOP_KEYS: &[&str] = &[
    "extend",
    "fail-on",
    "max-hops",
    "loop-overlap",
    "single-source-share",
    "include",
    "exclude",
    "rules",
    "sources",
    "rule-files",
    "overrides",
    "outlets",
];
const SOURCES_KEYS: &[&str] = &["aliases", "accept", "reject", "trusted", "domains"];
const FAIL_ON_VALUES: &[&str] = &["error", "warning", "info", "never"];
const RULE_LEVELS: &[&str] = &["off", "info", "warning", "error"];
const GLOB_HINT: &[&str] = &["glob patterns such as `drafts/**`, `*.txt` or `archive`"];
/// How deep `extend` may nest before whosaid assumes a mistake.
const MAX_EXTEND_DEPTH: usize = 16;

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

    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Level(s) => s.as_str(),
            FailOn::Never => "never",
        }
    }

    pub fn fails(self, severity: Severity) -> bool {
        matches!(self, FailOn::Level(level) if severity >= level)
    }
}

type RuleTable = BTreeMap<Spanned<String>, Spanned<String>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    extend: Option<Spanned<String>>,
    fail_on: Option<Spanned<String>>,
    max_hops: Option<Spanned<i64>>,
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    rules: RuleTable,
    #[serde(default)]
    sources: SourcesSection,
    #[serde(default)]
    rule_files: Vec<Spanned<String>>,
    #[serde(default)]
    overrides: Vec<OverrideSection>,
    loop_overlap: Option<Spanned<toml::Value>>,
    single_source_share: Option<Spanned<toml::Value>>,
    #[serde(default)]
    outlets: Vec<OutletSection>,
}

/// `[[outlets]] files = ["**/nyt_*"] name = "The New York Times"`: the
/// outlet of articles without front matter, by file name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletSection {
    files: Spanned<Vec<Spanned<String>>>,
    name: Spanned<String>,
}

/// An `[[outlets]]` entry, compiled.
#[derive(Clone, Debug)]
pub struct OutletRule {
    pub files: Patterns,
    pub name: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SourcesSection {
    #[serde(default)]
    aliases: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    accept: Vec<Spanned<String>>,
    #[serde(default)]
    reject: Vec<Spanned<String>>,
    #[serde(default)]
    trusted: Vec<Spanned<String>>,
    /// Web domain → outlet name, for links.
    #[serde(default)]
    domains: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct OverrideSection {
    files: Spanned<Vec<Spanned<String>>>,
    fail_on: Option<Spanned<String>>,
    max_hops: Option<Spanned<i64>>,
    #[serde(default)]
    rules: RuleTable,
}

/// Settings that `[[overrides]]` change for the files its globs match.
#[derive(Clone, Debug)]
pub struct Override {
    pub files: Patterns,
    pub fail_on: Option<FailOn>,
    pub max_hops: Option<usize>,
    pub rules: Vec<(String, Option<Severity>)>,
    /// "path:line" of the `[[overrides]]` table.
    pub origin: String,
}

/// Resolved settings for the articles one config file governs.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The file these settings came from, if any.
    pub origin: Option<PathBuf>,
    /// Files it extends, nearest first.
    pub extends: Vec<PathBuf>,
    pub fail_on: Option<FailOn>,
    pub rules: RuleSettings,
    pub aliases: Aliases,
    /// The alias table as written, for `whosaid config`.
    pub alias_table: BTreeMap<String, Vec<String>>,
    pub accept: Vec<String>,
    pub reject: Vec<String>,
    /// `[sources] trusted`: wires whose relaying is not counted as a hop.
    pub trusted: Vec<String>,
    /// `[sources.domains]` as written, for `whosaid config`.
    pub domains: BTreeMap<String, String>,
    /// Share of content words two claims need in common to be the same
    /// claim when looking for loops between outlets.
    pub loop_overlap: f64,
    /// `[[outlets]]`, in file order (the first match wins).
    pub outlets: Vec<OutletRule>,
    pub include: Option<Patterns>,
    pub exclude: Option<Patterns>,
    pub overrides: Vec<Override>,
    pub lexicon: Arc<Lexicon>,
    /// Setting key ("fail-on", "rules.x", "sources.accept") → where its
    /// value came from ("whosaid.toml:3"); keys not listed are defaults.
    pub provenance: BTreeMap<String, String>,
}

impl Settings {
    /// The built-in defaults.
    pub fn builtin(lexicon: Arc<Lexicon>) -> Settings {
        Settings {
            origin: None,
            extends: Vec::new(),
            fail_on: None,
            rules: RuleSettings::default(),
            aliases: Aliases::default(),
            alias_table: BTreeMap::new(),
            accept: Vec::new(),
            reject: Vec::new(),
            trusted: Vec::new(),
            domains: BTreeMap::new(),
            loop_overlap: crate::rules::loops::DEFAULT_LOOP_OVERLAP,
            outlets: Vec::new(),
            include: None,
            exclude: None,
            overrides: Vec::new(),
            lexicon,
            provenance: BTreeMap::new(),
        }
    }

    /// Whether a file found by walking a folder should be skipped:
    /// outside `include` (when set) or inside `exclude`.
    pub fn skips(&self, path: &Path) -> bool {
        self.include.as_ref().is_some_and(|p| !p.matches(path)) || self.excludes(path)
    }

    /// The outlet `[[outlets]]` gives a file (for articles without front
    /// matter `outlet`).
    pub fn outlet_for(&self, path: &Path) -> Option<&str> {
        self.outlets.iter().find(|o| o.files.matches_anywhere(path)).map(|o| o.name.as_str())
    }

    /// Whether `exclude` matches a path.
    pub fn excludes(&self, path: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|p| p.matches(path))
    }

    /// These settings with every `[[overrides]]` matching `path` applied,
    /// in file order (a later override wins).
    pub fn for_path(&self, path: &Path) -> Option<Settings> {
        let matching: Vec<&Override> = self.overrides.iter().filter(|o| o.files.matches(path)).collect();
        if matching.is_empty() {
            return None;
        }
        let mut out = self.clone();
        for o in matching {
            if let Some(f) = o.fail_on {
                out.fail_on = Some(f);
                out.provenance.insert("fail-on".into(), o.origin.clone());
            }
            if let Some(h) = o.max_hops {
                out.rules.max_hops = h;
                out.provenance.insert("max-hops".into(), o.origin.clone());
            }
            for (rule, level) in &o.rules {
                out.rules.severities.insert(rule.clone(), *level);
                out.provenance.insert(format!("rules.{rule}"), o.origin.clone());
            }
        }
        Some(out)
    }

    /// Computes what depends on several keys at once (house lists need the
    /// final aliases).
    fn finish(&mut self) {
        self.rules.house = HouseLists {
            accept: self.accept.iter().map(|n| HouseName::new(n, &self.aliases)).collect(),
            reject: self.reject.iter().map(|n| HouseName::new(n, &self.aliases)).collect(),
            trusted: self.trusted.iter().map(|n| HouseName::new(n, &self.aliases)).collect(),
        };
    }
}

/// Config and rule files larger than this are refused: they are a few
/// kilobytes, and reading `/dev/zero` or a FIFO must not hang the run.
pub const MAX_CONFIG_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a config or rule file: a regular UTF-8 file of sane size.
fn read_small_file(path: &Path) -> std::io::Result<String> {
    use std::io::{Error, ErrorKind, Read};
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(Error::new(ErrorKind::InvalidInput, "not a regular file"));
    }
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(Error::new(ErrorKind::InvalidInput, format!("larger than {MAX_CONFIG_BYTES} bytes")));
    }
    let mut text = String::new();
    std::fs::File::open(path)?.take(MAX_CONFIG_BYTES).read_to_string(&mut text)?;
    Ok(text)
}

/// Loads and validates one config file and the files it extends.
pub fn load(path: &Path, builtin: &Arc<Lexicon>) -> Result<Settings, ConfigError> {
    let mut settings = load_layer(path, builtin, &mut Vec::new())?;
    settings.finish();
    Ok(settings)
}

fn load_layer(path: &Path, builtin: &Arc<Lexicon>, chain: &mut Vec<PathBuf>) -> Result<Settings, ConfigError> {
    let text = read_small_file(path).map_err(|e| ConfigError::io(path, &e))?;
    chain.push(path.canonicalize().unwrap_or_else(|_| path.to_path_buf()));
    parse_layer(&text, path, builtin, chain)
}

/// Parses config `text` read from `path`.
pub fn parse(text: &str, path: &Path, builtin: &Arc<Lexicon>) -> Result<Settings, ConfigError> {
    let mut chain = vec![path.canonicalize().unwrap_or_else(|_| path.to_path_buf())];
    let mut settings = parse_layer(text, path, builtin, &mut chain)?;
    settings.finish();
    Ok(settings)
}

/// One config file on top of the one it extends (or the defaults).
fn parse_layer(
    text: &str,
    path: &Path,
    builtin: &Arc<Lexicon>,
    chain: &mut Vec<PathBuf>,
) -> Result<Settings, ConfigError> {
    let file: ConfigFile =
        toml::from_str(text).map_err(|e| ConfigError::from_toml(path, text, &e, TOP_KEYS, SOURCES_KEYS))?;
    let layer = Layer { path, text, base: path.parent().unwrap_or(Path::new(".")) };
    let mut settings = match &file.extend {
        Some(target) => extended(&layer, target, builtin, chain)?,
        None => Settings::builtin(builtin.clone()),
    };
    settings.origin = Some(path.to_path_buf());
    layer.apply(&file, &mut settings)?;
    Ok(settings)
}

/// Loads the file named by `extend`, relative to the extending file.
fn extended(
    layer: &Layer,
    target: &Spanned<String>,
    builtin: &Arc<Lexicon>,
    chain: &mut Vec<PathBuf>,
) -> Result<Settings, ConfigError> {
    let base_path = layer.base.join(target.get_ref());
    let canonical = base_path.canonicalize().map_err(|e| {
        layer.error(target.span(), "extend", format!("cannot read `extend` file {}: {e}", base_path.display()))
    })?;
    if chain.contains(&canonical) || chain.len() > MAX_EXTEND_DEPTH {
        let cycle: Vec<String> = chain.iter().chain([&canonical]).map(|p| p.display().to_string()).collect();
        return Err(layer.error(target.span(), "extend", format!("`extend` loops: {}", cycle.join(" → "))));
    }
    let mut settings = load_layer(&base_path, builtin, chain)?;
    settings.extends.insert(0, base_path);
    Ok(settings)
}

/// The file being applied, for locating errors and values.
struct Layer<'a> {
    path: &'a Path,
    text: &'a str,
    base: &'a Path,
}

impl Layer<'_> {
    fn error(&self, span: std::ops::Range<usize>, key: &str, message: String) -> ConfigError {
        ConfigError::at(self.path, self.text, span, key, message)
    }

    fn here(&self, span: std::ops::Range<usize>) -> String {
        let (line, _) = error::line_col(self.text, span.start);
        format!("{}:{line}", self.path.display())
    }

    fn fail_on(&self, value: &Spanned<String>) -> Result<FailOn, ConfigError> {
        FailOn::parse(value.get_ref()).ok_or_else(|| {
            ConfigError::bad_value(self.path, self.text, value.span(), "fail-on", value.get_ref(), FAIL_ON_VALUES)
        })
    }

    fn max_hops(&self, value: &Spanned<i64>) -> Result<usize, ConfigError> {
        let hops = *value.get_ref();
        if !(0..=100).contains(&hops) {
            return Err(ConfigError::bad_value(
                self.path,
                self.text,
                value.span(),
                "max-hops",
                &hops.to_string(),
                &["a whole number from 0 to 100"],
            ));
        }
        Ok(hops as usize)
    }

    /// `[rules]` entries as (rule id, level), checked; `prefix` names the
    /// table in errors ("rules" or "overrides.rules").
    fn rules(&self, table: &RuleTable, prefix: &str) -> Result<Vec<(String, Option<Severity>, String)>, ConfigError> {
        let known: Vec<&str> = catalog::ids().collect();
        let mut out = Vec::new();
        for (rule, level) in table {
            let key = format!("{prefix}.{}", rule.get_ref());
            if !known.contains(&rule.get_ref().as_str()) {
                return Err(ConfigError::unknown_key(self.path, self.text, rule.span(), &key, rule.get_ref(), &known));
            }
            let severity = match level.get_ref().as_str() {
                "off" => None,
                other => Some(serde_plain_severity(other).ok_or_else(|| {
                    ConfigError::bad_value(self.path, self.text, level.span(), &key, other, RULE_LEVELS)
                })?),
            };
            out.push((rule.get_ref().clone(), severity, self.here(rule.span())));
        }
        Ok(out)
    }

    fn patterns(&self, list: &[Spanned<String>], key: &str) -> Result<Patterns, ConfigError> {
        for p in list {
            if let Err(e) = files::compile(p.get_ref()) {
                let mut err = self.error(p.span(), key, format!("invalid glob `{}` in `{key}`: {e}", p.get_ref()));
                err.allowed = GLOB_HINT.iter().map(|s| s.to_string()).collect();
                return Err(err);
            }
        }
        let written: Vec<String> = list.iter().map(|p| p.get_ref().clone()).collect();
        Patterns::new(self.base, &written).map_err(|e| self.error(0..0, key, e))
    }

    fn apply(&self, file: &ConfigFile, settings: &mut Settings) -> Result<(), ConfigError> {
        if let Some(value) = &file.fail_on {
            settings.fail_on = Some(self.fail_on(value)?);
            settings.provenance.insert("fail-on".into(), self.here(value.span()));
        }
        if let Some(value) = &file.max_hops {
            settings.rules.max_hops = self.max_hops(value)?;
            settings.provenance.insert("max-hops".into(), self.here(value.span()));
        }
        if let Some(value) = &file.loop_overlap {
            settings.loop_overlap = self.share(value, "loop-overlap")?;
            settings.provenance.insert("loop-overlap".into(), self.here(value.span()));
        }
        if let Some(value) = &file.single_source_share {
            settings.rules.single_source_share = self.share(value, "single-source-share")?;
            settings.provenance.insert("single-source-share".into(), self.here(value.span()));
        }
        for (key, list, slot) in
            [("include", &file.include, &mut settings.include), ("exclude", &file.exclude, &mut settings.exclude)]
        {
            if let Some(list) = list {
                *slot = Some(self.patterns(list, key)?);
                let at = list.first().map_or(String::new(), |p| self.here(p.span()));
                settings.provenance.insert(key.into(), at);
            }
        }
        for (rule, severity, at) in self.rules(&file.rules, "rules")? {
            settings.rules.severities.insert(rule.clone(), severity);
            settings.provenance.insert(format!("rules.{rule}"), at);
        }
        if let Some(misplaced) = file.sources.aliases.keys().find(|k| TOP_KEYS.contains(&k.as_str())) {
            return Err(misplaced_top_key(self.path, self.text, misplaced));
        }
        self.apply_sources(&file.sources, settings);
        for (i, o) in file.overrides.iter().enumerate() {
            settings.overrides.push(self.override_section(o, i)?);
        }
        if !file.outlets.is_empty() {
            // A nearer config's `[[outlets]]` come first, so they win.
            let mut outlets = Vec::new();
            for (i, o) in file.outlets.iter().enumerate() {
                outlets.push(self.outlet_section(o, i)?);
            }
            outlets.append(&mut settings.outlets);
            settings.outlets = outlets;
            settings.provenance.insert("outlets".into(), self.path.display().to_string());
        }
        self.apply_rule_files(&file.rule_files, settings)
    }

    fn apply_sources(&self, sources: &SourcesSection, settings: &mut Settings) {
        if !sources.aliases.is_empty() {
            settings.aliases.add_table(&sources.aliases);
            settings.alias_table.extend(sources.aliases.clone());
            settings.provenance.insert("sources.aliases".into(), self.path.display().to_string());
        }
        if !sources.domains.is_empty() {
            settings.aliases.add_domains(&sources.domains);
            settings.domains.extend(sources.domains.clone());
            settings.provenance.insert("sources.domains".into(), self.path.display().to_string());
        }
        // House lists add up along `extend`: a desk-wide list plus a team's.
        for (key, list, slot) in [
            ("accept", &sources.accept, &mut settings.accept),
            ("reject", &sources.reject, &mut settings.reject),
            ("trusted", &sources.trusted, &mut settings.trusted),
        ] {
            if let Some(first) = list.first() {
                slot.extend(list.iter().map(|n| n.get_ref().clone()));
                let at = self.here(first.span());
                let entry = settings.provenance.entry(format!("sources.{key}")).or_default();
                *entry = if entry.is_empty() { at } else { format!("{entry}, {at}") };
            }
        }
    }

    /// A share from 0 to 1 (`loop-overlap = 0.5`; `1` and `0` too).
    fn share(&self, value: &Spanned<toml::Value>, key: &str) -> Result<f64, ConfigError> {
        let number = match value.get_ref() {
            toml::Value::Float(f) => Some(*f),
            toml::Value::Integer(i) => Some(*i as f64),
            _ => None,
        };
        number.filter(|n| (0.0..=1.0).contains(n)).ok_or_else(|| {
            ConfigError::bad_value(
                self.path,
                self.text,
                value.span(),
                key,
                &value.get_ref().to_string(),
                &["a number from 0 to 1, e.g. 0.5"],
            )
        })
    }

    fn outlet_section(&self, o: &OutletSection, index: usize) -> Result<OutletRule, ConfigError> {
        let key = format!("outlets[{index}].files");
        if o.files.get_ref().is_empty() {
            let mut err = self.error(o.files.span(), &key, format!("`{key}` is empty: it would match no file"));
            err.allowed = GLOB_HINT.iter().map(|s| s.to_string()).collect();
            return Err(err);
        }
        if o.name.get_ref().trim().is_empty() {
            return Err(self.error(o.name.span(), &format!("outlets[{index}].name"), "an outlet needs a name".into()));
        }
        Ok(OutletRule { files: self.patterns(o.files.get_ref(), &key)?, name: o.name.get_ref().trim().to_string() })
    }

    fn override_section(&self, o: &OverrideSection, index: usize) -> Result<Override, ConfigError> {
        let key = format!("overrides[{index}].files");
        if o.files.get_ref().is_empty() {
            let mut err = self.error(o.files.span(), &key, format!("`{key}` is empty: it would match no file"));
            err.allowed = GLOB_HINT.iter().map(|s| s.to_string()).collect();
            return Err(err);
        }
        let files = self.patterns(o.files.get_ref(), &key)?;
        let rules = self.rules(&o.rules, "overrides.rules")?.into_iter().map(|(r, s, _)| (r, s)).collect();
        Ok(Override {
            files,
            fail_on: o.fail_on.as_ref().map(|v| self.fail_on(v)).transpose()?,
            max_hops: o.max_hops.as_ref().map(|v| self.max_hops(v)).transpose()?,
            rules,
            origin: format!("{} ([[overrides]] {})", self.here(o.files.span()), index + 1),
        })
    }

    fn apply_rule_files(&self, entries: &[Spanned<String>], settings: &mut Settings) -> Result<(), ConfigError> {
        if entries.is_empty() {
            return Ok(());
        }
        let mut lexicon = (*settings.lexicon).clone();
        for entry in entries {
            let rule_path = self.base.join(entry.get_ref());
            let rule_text = read_small_file(&rule_path).map_err(|e| {
                self.error(entry.span(), "rule-files", format!("cannot read {}: {e}", rule_path.display()))
            })?;
            let extra: LexiconFile = toml::from_str(&rule_text)
                .map_err(|e| ConfigError::from_toml(&rule_path, &rule_text, &e, LEXICON_KEYS, &[]))?;
            lexicon.add(&extra);
        }
        settings.lexicon = Arc::new(lexicon);
        settings.provenance.insert("rule-files".into(), self.path.display().to_string());
        Ok(())
    }
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
    /// The answer for every file of a folder, keyed by the folder's bytes
    /// as written before the file's name (see [`written_folder`]).
    by_written_folder: std::sync::Mutex<FolderAnswers>,
}

/// What a folder's articles are checked with, or why they cannot be.
type FolderAnswer = Result<Arc<Settings>, ConfigError>;

/// Settings already resolved, by folder as written, and the folder last
/// asked about.
#[derive(Default)]
struct FolderAnswers {
    by_folder: BTreeMap<Vec<u8>, FolderAnswer>,
    last: Option<(Vec<u8>, FolderAnswer)>,
}

impl FolderAnswers {
    /// The answer for a file written inside a folder already asked about.
    fn get(&mut self, path: &Path) -> Option<FolderAnswer> {
        let bytes = path.as_os_str().as_encoded_bytes();
        // Fast path: the files of a walked folder come one after another,
        // so comparing with the last folder's bytes and looking for a `/`
        // in the rest (a word at a time) avoids scanning the name back to
        // its `/` byte by byte and a map lookup.
        if let Some((folder, answer)) = &self.last
            && let Some(name) = bytes.strip_prefix(folder.as_slice()).and_then(|rest| rest.strip_prefix(b"/"))
            && is_plain_name(name)
        {
            return Some(answer.clone());
        }
        let folder = written_folder(path)?;
        let answer = self.by_folder.get(folder)?.clone();
        self.last = Some((folder.to_vec(), answer.clone()));
        Some(answer)
    }
}

/// Whether `name` is one plain path component: not empty, `.` or `..`,
/// and without a `/`.
fn is_plain_name(name: &[u8]) -> bool {
    !name.is_empty() && name != b"." && name != b".." && !name.contains(&b'/')
}

/// The bytes of `path` before its last `/`, when the name after it is a
/// plain one (not empty, `.` or `..`) and something stands before it.
/// Then `path.parent()` is decided by those bytes alone, so every file
/// written inside one folder shares that folder's settings.
fn written_folder(path: &Path) -> Option<&[u8]> {
    if !cfg!(unix) {
        return None;
    }
    let bytes = path.as_os_str().as_encoded_bytes();
    let slash = bytes.iter().rposition(|&b| b == b'/')?;
    let (folder, name) = (&bytes[..slash], &bytes[slash + 1..]);
    (is_plain_name(name) && !folder.is_empty()).then_some(folder)
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
            by_written_folder: Default::default(),
        }
    }

    /// The settings for an article at `path` (a file path, or a name for stdin).
    pub fn for_article(&self, path: &Path) -> Result<Arc<Settings>, ConfigError> {
        let settings = self.for_folder_of(path)?;
        Ok(settings.for_path(path).map(Arc::new).unwrap_or(settings))
    }

    /// The settings of the config file that governs `path`, before
    /// `[[overrides]]`.
    pub fn for_folder_of(&self, path: &Path) -> Result<Arc<Settings>, ConfigError> {
        if let Some(forced) = &self.forced {
            return Ok(forced.clone());
        }
        if self.isolated {
            return Ok(self.defaults.clone());
        }
        // Fast path: a file of a folder already asked about gets the
        // folder's answer from one lookup by bytes, instead of parsing the
        // path into components for its parent and comparing paths
        // component by component in the caches below.
        if let Some(settings) = self.by_written_folder.lock().unwrap_or_else(|e| e.into_inner()).get(path) {
            return settings;
        }
        let Some(folder) = written_folder(path) else { return self.resolve_folder_of(path) };
        let settings = self.resolve_folder_of(path);
        let mut cache = self.by_written_folder.lock().unwrap_or_else(|e| e.into_inner());
        cache.by_folder.insert(folder.to_vec(), settings.clone());
        settings
    }

    /// [`Resolver::for_folder_of`] without its per-folder cache.
    fn resolve_folder_of(&self, path: &Path) -> Result<Arc<Settings>, ConfigError> {
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let found = {
            // Keyed by the folder as written: canonicalising costs a system
            // call per path component, and every article of a folder asks.
            let mut cache = self.by_dir.lock().unwrap_or_else(|e| e.into_inner());
            cache
                .entry(dir.to_path_buf())
                .or_insert_with(|| discover(&dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())))
                .clone()
        };
        let Some(config_path) = found else { return Ok(self.defaults.clone()) };
        let mut cache = self.by_file.lock().unwrap_or_else(|e| e.into_inner());
        cache.entry(config_path.clone()).or_insert_with(|| load(&config_path, &self.builtin).map(Arc::new)).clone()
    }
}

#[cfg(test)]
mod tests;
