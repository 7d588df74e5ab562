//! Config errors that name the file, line, key and what is allowed.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column (characters) of the offending key or value.
    pub line: usize,
    pub column: usize,
    /// Byte range in the file, for rendering a code frame.
    pub span: std::ops::Range<usize>,
    /// The key at fault, when there is one ("fail-on", "rules.x").
    pub key: Option<String>,
    pub message: String,
    /// What would have been accepted.
    pub allowed: Vec<String>,
    pub suggestion: Option<String>,
    /// The file's text, for rendering.
    pub text: String,
}

impl ConfigError {
    /// The message with what is allowed and the did-you-mean, without the
    /// location: what a report that locates the error itself shows.
    pub fn detail(&self) -> String {
        let mut out = self.message.clone();
        if !self.allowed.is_empty() {
            out.push_str(&format!("; allowed: {}", self.allowed.join(", ")));
        }
        if let Some(s) = &self.suggestion {
            out.push_str(&format!("; did you mean `{s}`?"));
        }
        out
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}: error: {}", self.path.display(), self.line, self.column, self.detail())
    }
}

impl std::error::Error for ConfigError {}

/// 1-based line and character column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut at = offset;
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |k| k + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The closest of `candidates` to `word`, if it is close enough to be a typo.
pub fn did_you_mean(word: &str, candidates: &[&str]) -> Option<String> {
    if word.len() >= 3
        && let Some(prefixed) = candidates.iter().find(|c| c.starts_with(word))
    {
        return Some(prefixed.to_string());
    }
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.to_string())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

static UNKNOWN_FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"unknown field `([^`]*)`, expected (?:one of )?(.*)").expect("pattern compiles"));

static MISSING_FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"missing field `([^`]*)`").expect("pattern compiles"));

impl ConfigError {
    pub fn at(path: &Path, text: &str, span: std::ops::Range<usize>, key: &str, message: String) -> ConfigError {
        let (line, column) = line_col(text, span.start);
        ConfigError {
            path: path.to_path_buf(),
            line,
            column,
            span,
            key: Some(key.to_string()),
            message,
            allowed: Vec::new(),
            suggestion: None,
            text: text.to_string(),
        }
    }

    pub fn io(path: &Path, err: &std::io::Error) -> ConfigError {
        ConfigError {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            span: 0..0,
            key: None,
            message: format!("cannot read config file: {err}"),
            allowed: Vec::new(),
            suggestion: None,
            text: String::new(),
        }
    }

    pub fn unknown_key(
        path: &Path,
        text: &str,
        span: std::ops::Range<usize>,
        key: &str,
        word: &str,
        allowed: &[&str],
    ) -> ConfigError {
        let mut e = ConfigError::at(path, text, span, key, format!("unknown key `{key}` in {}", path.display()));
        e.allowed = allowed.iter().map(|s| s.to_string()).collect();
        e.suggestion = did_you_mean(word, allowed);
        e
    }

    pub fn bad_value(
        path: &Path,
        text: &str,
        span: std::ops::Range<usize>,
        key: &str,
        value: &str,
        allowed: &[&str],
    ) -> ConfigError {
        let mut e = ConfigError::at(
            path,
            text,
            span,
            key,
            format!("invalid value `{value}` for `{key}` in {}", path.display()),
        );
        e.allowed = allowed.iter().map(|s| s.to_string()).collect();
        e.suggestion = did_you_mean(value, allowed);
        e
    }

    /// Turns a TOML or serde error into a located config error.
    pub fn from_toml(
        path: &Path,
        text: &str,
        err: &toml::de::Error,
        top_keys: &[&str],
        nested_keys: &[&str],
    ) -> ConfigError {
        let span = err.span().unwrap_or(0..0);
        let message = err.message().trim().to_string();
        if let Some(caps) = UNKNOWN_FIELD.captures(&message) {
            let word = caps[1].to_string();
            let listed: Vec<String> =
                caps[2].split(',').map(|s| s.trim().trim_matches('`').to_string()).filter(|s| !s.is_empty()).collect();
            let allowed: Vec<&str> = if listed.is_empty() {
                if top_keys.contains(&word.as_str()) { nested_keys.to_vec() } else { top_keys.to_vec() }
            } else {
                listed.iter().map(String::as_str).collect()
            };
            return ConfigError::unknown_key(path, text, span, &word, &word, &allowed);
        }
        if let Some(caps) = MISSING_FIELD.captures(&message) {
            let field = caps[1].to_string();
            let text_message = format!("missing key `{field}` in {}", path.display());
            return ConfigError::at(path, text, span, &field, text_message);
        }
        let key = key_at(text, span.start);
        let described = match &key {
            Some(k) => format!("invalid value for `{k}` in {}: {message}", path.display()),
            None => format!("invalid config in {}: {message}", path.display()),
        };
        let mut e = ConfigError::at(path, text, span, key.as_deref().unwrap_or(""), described);
        e.key = key;
        e
    }
}

/// The key on the line holding `offset` ("max-hops = 'x'" → "max-hops").
fn key_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |k| k + 1);
    let line = text[start..].lines().next()?;
    let key = line.split('=').next()?.trim().trim_matches('"');
    (!key.is_empty() && line.contains('=')).then(|| key.to_string())
}
