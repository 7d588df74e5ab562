//! Byte spans into the original, unmodified article text.

use serde::{Deserialize, Serialize};

/// A half-open range of UTF-8 byte offsets, `start..end`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const EMPTY: Span = Span { start: 0, end: 0 };

    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The text of this span in `text`.
    pub fn of(self, text: &str) -> &str {
        &text[self.range()]
    }
}

/// 1-based line numbers (lines end at `\n`) of byte offsets, each counted
/// on from the previous offset: the lines of every claim of a long article,
/// asked in text order, cost one pass over it rather than one per claim.
pub struct LineCounter<'t> {
    text: &'t [u8],
    at: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    pub fn new(text: &'t str) -> LineCounter<'t> {
        LineCounter { text: text.as_bytes(), at: 0, line: 1 }
    }

    /// The line of `offset`; offsets before the last one asked count again
    /// from the start.
    pub fn line_of(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.at {
            self.at = 0;
            self.line = 1;
        }
        self.line += self.text[self.at..offset].iter().filter(|&&b| b == b'\n').count();
        self.at = offset;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_and_cover() {
        let a = Span::new(0, 5);
        let b = Span::new(4, 9);
        assert!(a.overlaps(b));
        assert!(!a.overlaps(Span::new(5, 6)));
        assert_eq!(a.cover(b), Span::new(0, 9));
        assert!(Span::new(0, 9).contains(b));
        assert_eq!(Span::new(2, 4).of("abcdef"), "cd");
    }

    #[test]
    fn lines_counted_on_match_lines_counted_afresh() {
        let text = "a\nbb\n\nccc\n";
        let afresh = |o: usize| text.as_bytes()[..o.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1;
        let mut counter = LineCounter::new(text);
        for o in [0, 1, 2, 5, 5, 6, 3, 11, 40, 0, 7] {
            assert_eq!(counter.line_of(o), afresh(o), "{o}");
        }
    }
}
