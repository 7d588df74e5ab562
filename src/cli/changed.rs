//! `--diff-base REF`: keep only findings on lines changed since a git ref.
//!
//! For each file, `git diff -U0 REF -- PATH` gives the changed hunks; a
//! finding is kept when any of its lines was added or changed. A file git
//! does not track yet is new, so every line counts as changed.

use std::path::Path;
use std::process::Command;

use crate::report::{CheckedFile, LineIndex};

/// Line ranges (1-based, inclusive) that the working copy changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Changed {
    All,
    Lines(Vec<(usize, usize)>),
}

impl Changed {
    fn touches(&self, first: usize, last: usize) -> bool {
        match self {
            Changed::All => true,
            Changed::Lines(ranges) => ranges.iter().any(|&(a, b)| a <= last && first <= b),
        }
    }
}

/// Parses the `@@ -a,b +c,d @@` headers of a zero-context diff.
pub fn parse_hunks(diff: &str) -> Vec<(usize, usize)> {
    diff.lines()
        .filter_map(|l| l.strip_prefix("@@ "))
        .filter_map(|rest| rest.split_whitespace().find(|w| w.starts_with('+')))
        .filter_map(|added| {
            let added = added.trim_start_matches('+');
            let (start, count) = match added.split_once(',') {
                Some((s, c)) => (s.parse::<usize>().ok()?, c.parse::<usize>().ok()?),
                None => (added.parse::<usize>().ok()?, 1),
            };
            // A pure deletion ("+12,0") changes no line of the new file.
            (count > 0).then(|| (start, start + count - 1))
        })
        .collect()
}

fn git(args: &[&str], dir: &Path) -> Result<std::process::Output, String> {
    Command::new("git").args(args).current_dir(dir).output().map_err(|e| format!("cannot run git: {e}"))
}

/// What changed in `path` since `base`.
pub fn changed_lines(base: &str, path: &Path) -> Result<Changed, String> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tracked = git(&["ls-files", "--error-unmatch", "--", &name], dir)?;
    if !tracked.status.success() {
        return Ok(Changed::All);
    }
    let diff = git(&["diff", "-U0", "--no-color", "--no-ext-diff", base, "--", &name], dir)?;
    if !diff.status.success() {
        let why = String::from_utf8_lossy(&diff.stderr);
        return Err(format!("git diff against `{base}` failed for {}: {}", path.display(), why.trim()));
    }
    Ok(Changed::Lines(parse_hunks(&String::from_utf8_lossy(&diff.stdout))))
}

/// Drops findings outside the changed lines; returns how many.
pub fn keep_changed(file: &mut CheckedFile, changed: &Changed) -> usize {
    let index = LineIndex::new(&file.text);
    let before = file.diagnostics.len();
    let text = &file.text;
    file.diagnostics.retain(|d| {
        let (first, _) = index.locate(text, d.span.start);
        let (last, _) = index.locate(text, d.span.end.saturating_sub(1).max(d.span.start));
        changed.touches(first, last)
    });
    before - file.diagnostics.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks() {
        let diff = "diff --git a/x b/x\n@@ -3 +3 @@\n-a\n+b\n@@ -10,0 +11,2 @@\n+c\n+d\n@@ -20,2 +22,0 @@\n";
        assert_eq!(parse_hunks(diff), vec![(3, 3), (11, 12)]);
        assert!(Changed::Lines(vec![(3, 3)]).touches(2, 4));
        assert!(!Changed::Lines(vec![(3, 3)]).touches(4, 9));
    }
}
