//! Glob patterns in the config: `include`, `exclude` and
//! `[[overrides]] files`, all relative to the folder of the config file
//! that declares them.
//!
//! `*` stays within one folder and `**` crosses folders. A pattern without
//! a `/` also matches the file name alone, so `*.txt` means text files at
//! any depth, as in `.gitignore`. A pattern that matches a folder matches
//! everything inside it, so `exclude = ["archive"]` skips the archive.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

/// A compiled list of patterns with the folder they are relative to.
#[derive(Clone, Debug)]
pub struct Patterns {
    pub base: PathBuf,
    /// As written, for `whosaid config`.
    pub written: Vec<String>,
    full: GlobSet,
    /// Patterns without `/`, matched against single path components.
    names: GlobSet,
}

/// Compiles one pattern; the error text is globset's.
pub fn compile(pattern: &str) -> Result<Glob, String> {
    let trimmed = pattern.trim_start_matches("./").trim_end_matches('/');
    GlobBuilder::new(trimmed).literal_separator(true).build().map_err(|e| e.kind().to_string())
}

impl Patterns {
    /// `patterns` must each have compiled with [`compile`].
    pub fn new(base: &Path, patterns: &[String]) -> Result<Patterns, String> {
        let mut full = GlobSetBuilder::new();
        let mut names = GlobSetBuilder::new();
        for p in patterns {
            let glob = compile(p)?;
            if p.trim_end_matches('/').contains('/') {
                full.add(glob);
            } else {
                names.add(glob.clone());
                full.add(glob);
            }
        }
        Ok(Patterns {
            base: base.to_path_buf(),
            written: patterns.to_vec(),
            full: full.build().map_err(|e| e.to_string())?,
            names: names.build().map_err(|e| e.to_string())?,
        })
    }

    /// Whether `path` (absolute, or relative to the current folder) or a
    /// folder holding it matches. Paths outside the base never match.
    pub fn matches(&self, path: &Path) -> bool {
        let Some(relative) = relative_to(&self.base, path) else { return false };
        let mut prefix = PathBuf::new();
        for component in relative.components() {
            prefix.push(component);
            if self.full.is_match(&prefix) || self.names.is_match(Path::new(component.as_os_str())) {
                return true;
            }
        }
        false
    }
}

impl Patterns {
    /// Like [`Patterns::matches`], and for a path outside the base folder
    /// (an archive checked with `--config`), patterns are tried on the
    /// path as given: `nyt_*` on the file name, `**/nyt_*` on the path.
    pub fn matches_anywhere(&self, path: &Path) -> bool {
        if relative_to(&self.base, path).is_some() {
            return self.matches(path);
        }
        let name_matches = path.file_name().is_some_and(|n| self.names.is_match(Path::new(n)));
        let stripped: PathBuf = path.components().filter(|c| matches!(c, std::path::Component::Normal(_))).collect();
        name_matches || self.full.is_match(&stripped)
    }
}

/// `path` relative to `base`, both made absolute first. A path that does
/// not exist (a `--stdin-filename`) is resolved through its parent.
pub fn relative_to(base: &Path, path: &Path) -> Option<PathBuf> {
    let absolute = absolute(path);
    let base = base.canonicalize().unwrap_or_else(|_| base.to_path_buf());
    absolute.strip_prefix(&base).ok().map(Path::to_path_buf)
}

fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf())
    };
    match (joined.parent(), joined.file_name()) {
        (Some(parent), Some(name)) => parent.canonicalize().map(|p| p.join(name)).unwrap_or(joined),
        _ => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patterns(list: &[&str]) -> Patterns {
        let list: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        Patterns::new(Path::new("/base"), &list).unwrap()
    }

    #[test]
    fn folders_names_and_deep_globs() {
        let p = patterns(&["drafts/**", "*.txt", "archive"]);
        assert!(p.matches(Path::new("/base/drafts/a.md")));
        assert!(p.matches(Path::new("/base/drafts/deep/a.md")));
        assert!(p.matches(Path::new("/base/x/y/notes.txt")));
        assert!(p.matches(Path::new("/base/archive/2019/a.md")));
        assert!(!p.matches(Path::new("/base/stories/a.md")));
        assert!(!p.matches(Path::new("/elsewhere/drafts/a.md")));
        let single = patterns(&["drafts/*.md"]);
        assert!(single.matches(Path::new("/base/drafts/a.md")));
        assert!(!single.matches(Path::new("/base/drafts/deep/a.md")));
    }

    #[test]
    fn bad_glob_is_an_error() {
        assert!(compile("drafts/[").is_err());
    }
}
