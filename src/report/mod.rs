//! Stage 6: diagnostics and attributions → text for people and machines.
//!
//! Every renderer takes the checked files in input order and writes one
//! document; nothing here decides what is a finding.

pub mod extract;
pub mod fingerprint;
pub mod github;
pub mod gitlab;
pub mod graph;
pub mod human;
pub mod junit;
pub mod machine;
pub mod sarif;

use serde::Serialize;

use crate::rules::suppress::Suppressed;
use crate::rules::{Diagnostic, Severity};

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Human,
    Concise,
    Json,
    Jsonl,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// GitHub Actions annotations plus a job summary.
    Github,
    /// JUnit XML test results.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
}

/// Output formats of `graph`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Indented trees for the terminal.
    Tree,
    /// Graphviz DOT (`whosaid graph --format dot | dot -Tsvg > graph.svg`).
    Dot,
    Json,
    /// A Mermaid flowchart for Markdown (pull requests, wikis).
    Mermaid,
}

/// Output formats of `extract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    Human,
    Json,
    Jsonl,
}

/// Line starts of a text, to turn byte offsets into lines and columns.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Lines end at `\n`, `\r\n` or a lone `\r`, as the markup parser reads them.
    pub fn new(text: &str) -> LineIndex {
        use crate::bytescan::{find_first, splat, zero_bytes};
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        // Both endings are found in one pass, eight bytes at a time, rather
        // than one search for `\r` over the whole text and then a `\n`
        // search started afresh for every line (most lines are short, and
        // starting a search cost more than the search).
        let ends = |w: u64| zero_bytes(w ^ splat(b'\n')) | zero_bytes(w ^ splat(b'\r'));
        let is_end = |b: u8| b == b'\n' || b == b'\r';
        let mut from = 0;
        while let Some(i) = find_first(bytes, from, ends, is_end) {
            // A `\r` followed by `\n` ends its line at the `\n`.
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
            from = i + 1;
        }
        LineIndex { starts }
    }

    /// 1-based line and 1-based column in characters of byte `offset`.
    pub fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = text.get(start..offset).map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }
}

/// Lines and columns of offsets asked for in nearly ascending order, as a
/// file's sorted findings ask for their starts: each question counts the
/// line endings from where the last one stopped, rather than every line
/// of the file being indexed first and searched for each offset. An
/// offset before the line of the last one falls back to a full
/// [`LineIndex`], built once, so that no order costs more than indexing.
pub struct LineCursor<'t> {
    text: &'t str,
    /// Every line ending before this byte is counted.
    scanned: usize,
    /// The 0-based line holding `scanned`, and where it starts.
    line: usize,
    line_start: usize,
    /// The last offset on that line whose column was counted (a character
    /// boundary), and its 0-based column: a later offset on the line
    /// counts on from there rather than from the start of what is often
    /// a whole paragraph.
    counted_to: usize,
    column: usize,
    fallback: Option<LineIndex>,
}

impl<'t> LineCursor<'t> {
    pub fn new(text: &'t str) -> LineCursor<'t> {
        LineCursor { text, scanned: 0, line: 0, line_start: 0, counted_to: 0, column: 0, fallback: None }
    }

    /// What [`LineIndex::locate`] answers for `offset`.
    pub fn locate(&mut self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let offset = offset.min(text.len());
        if offset < self.line_start {
            return self.fallback.get_or_insert_with(|| LineIndex::new(text)).locate(text, offset);
        }
        if offset > self.scanned {
            self.count_lines_to(offset);
        }
        (self.line + 1, self.column_of(offset) + 1)
    }

    /// The 0-based column of `offset`, on the line that starts at
    /// `line_start`, as `LineIndex::locate` counts it.
    fn column_of(&mut self, offset: usize) -> usize {
        let text = self.text;
        let start = self.line_start;
        if self.counted_to < start || self.counted_to > offset {
            self.counted_to = start;
            self.column = 0;
        }
        let Some(rest) = text.get(self.counted_to..offset) else {
            // Not a character boundary: bytes, as the index answers.
            return offset - start;
        };
        self.column += rest.chars().count();
        self.counted_to = offset;
        self.column
    }

    /// Counts the line endings in `scanned..to` as `LineIndex::new` finds
    /// them: a `\r` followed by `\n` ends its line at the `\n`.
    fn count_lines_to(&mut self, to: usize) {
        use crate::bytescan::{find_first, splat, zero_bytes};
        let bytes = &self.text.as_bytes()[..to];
        let whole = self.text.as_bytes();
        let ends = |w: u64| zero_bytes(w ^ splat(b'\n')) | zero_bytes(w ^ splat(b'\r'));
        let is_end = |b: u8| b == b'\n' || b == b'\r';
        let mut from = self.scanned;
        while let Some(i) = find_first(bytes, from, ends, is_end) {
            if bytes[i] == b'\n' || whole.get(i + 1) != Some(&b'\n') {
                self.line += 1;
                self.line_start = i + 1;
            }
            from = i + 1;
        }
        self.scanned = to;
    }
}

/// A file that could not be read or decoded, located by byte.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileError {
    pub path: String,
    pub offset: usize,
    pub message: String,
}

impl FileError {
    /// The 1-based line and column of the error when its file was read (a
    /// problem found in a checked file, such as bad front matter); `None`
    /// for a file that could not be decoded and so has no lines.
    pub fn line_and_column(&self, files: &[CheckedFile]) -> Option<(usize, usize)> {
        let file = files.iter().find(|f| f.path == self.path)?;
        Some(LineIndex::new(&file.text).locate(&file.text, self.offset))
    }
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: error: {}", self.path, self.offset, self.message)
    }
}

/// One checked file with its findings.
pub struct CheckedFile {
    pub path: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Findings silenced by `whosaid-disable` comments, with their reasons.
    pub suppressed: Vec<Suppressed>,
}

/// Counts by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Summary {
    pub fn of(files: &[CheckedFile], file_count: usize) -> Summary {
        let mut s = Summary { files: file_count, ..Summary::default() };
        for d in files.iter().flat_map(|f| &f.diagnostics) {
            match d.severity {
                Severity::Error => s.error += 1,
                Severity::Warning => s.warning += 1,
                Severity::Info => s.info += 1,
            }
        }
        s
    }

    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_counts_characters() {
        let text = "ab\n“cd” ef\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.locate(text, 0), (1, 1));
        assert_eq!(idx.locate(text, 3), (2, 1));
        let e = text.find('e').unwrap();
        assert_eq!(idx.locate(text, e), (2, 6));
        assert_eq!(idx.locate(text, text.len()), (3, 1));
    }

    #[test]
    fn a_line_starts_after_every_line_ending() {
        let long = "a longer first line\r\nand “a second” one\rthird\n\nfourth line, longer still\r\r\n\n";
        for text in ["", "\n", "a", "a\n", "a\n\nb", "“x”\ny\n", "\n\n\n", "a\r\nb\rc\n\r", long] {
            let bytes = text.as_bytes();
            let ends = (0..bytes.len())
                .filter(|&i| bytes[i] == b'\n' || bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            let expected: Vec<usize> = std::iter::once(0).chain(ends.map(|i| i + 1)).collect();
            assert_eq!(LineIndex::new(text).starts, expected, "{text:?}");
        }
    }

    /// The cursor answers as the index does, in any order of offsets.
    #[test]
    fn a_cursor_locates_as_the_index_does() {
        let long = "a longer first line\r\nand “a second” one\rthird\n\nfourth line, longer still\r\r\n\n";
        for text in ["", "\n", "a", "a\r", "a\r\nb", "“x”\ny\n", "\n\n\n", "a\r\nb\rc\n\r", long] {
            let index = LineIndex::new(text);
            let offsets: Vec<usize> = (0..=text.len() + 1).chain((0..=text.len()).rev()).chain([2, 7, 3, 30]).collect();
            let mut cursor = LineCursor::new(text);
            for &offset in &offsets {
                assert_eq!(cursor.locate(offset), index.locate(text, offset), "{text:?} at {offset}");
            }
            for step in 1..4 {
                let mut cursor = LineCursor::new(text);
                for offset in (0..=text.len()).step_by(step) {
                    assert_eq!(cursor.locate(offset), index.locate(text, offset), "{text:?} at {offset}");
                }
            }
        }
    }

    #[test]
    fn every_line_ending_counts() {
        let text = "a\r\nb\rc\nd";
        let idx = LineIndex::new(text);
        let lines: Vec<usize> =
            ["a", "b", "c", "d"].iter().map(|w| idx.locate(text, text.find(w).unwrap()).0).collect();
        assert_eq!(lines, vec![1, 2, 3, 4]);
    }
}
