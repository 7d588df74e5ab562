//! Line splitting that keeps offsets and accepts `\n`, `\r\n` and lone `\r`.

use crate::bytescan::{bytes_below, find_first};

/// One line of the source: `start..end` is its text without the line break,
/// `next` is where the following line starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub next: usize,
}

impl Line {
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }

    pub fn is_blank(&self, source: &str) -> bool {
        self.text(source).trim().is_empty()
    }
}

/// All lines of `source`, in order. A trailing line break does not start an
/// empty final line.
pub fn lines(source: &str) -> Vec<Line> {
    line_iter(source).collect()
}

/// The lines of [`lines`], found one at a time: a reader that passes over
/// them once, or stops early, needs no list of them.
pub fn line_iter(source: &str) -> impl Iterator<Item = Line> + '_ {
    let bytes = source.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let line = match next_line_break(bytes, start) {
            Some(i) => {
                let next = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
                Line { start, end: i, next }
            }
            None => Line { start, end: bytes.len(), next: bytes.len() },
        };
        start = line.next;
        Some(line)
    })
}

/// The index of the first `\n` or `\r` at or after `from`. Looks at eight
/// bytes at a time: lines are long and this runs over every byte of every
/// article.
pub(crate) fn next_line_break(bytes: &[u8], mut from: usize) -> Option<usize> {
    // One range test per word stops at every control byte up to `\r`:
    // three operations instead of the nine of two exact byte tests. The
    // rare tab or other control byte it also stops at is stepped over.
    loop {
        let i = find_first(bytes, from, |word| bytes_below(word, b'\r' + 1), |b| b <= b'\r')?;
        if bytes[i] == b'\n' || bytes[i] == b'\r' {
            return Some(i);
        }
        from = i + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_line_endings() {
        let src = "a\r\nb\rc\nd";
        let got: Vec<&str> = lines(src).iter().map(|l| l.text(src)).collect();
        assert_eq!(got, vec!["a", "b", "c", "d"]);
        assert_eq!(lines("x\n").len(), 1);
        assert!(lines("").is_empty());
    }

    #[test]
    fn line_breaks_found_at_every_offset() {
        for len in 0..20 {
            for at in 0..len {
                for mark in [b'\n', b'\r'] {
                    let mut bytes = vec![b'x'; len];
                    bytes[at] = mark;
                    assert_eq!(next_line_break(&bytes, 0), Some(at), "len {len} at {at}");
                    assert_eq!(next_line_break(&bytes, at + 1), None);
                }
            }
        }
        // Bytes just above and below the marks, and non-ASCII, are no breaks.
        assert_eq!(next_line_break("\u{b}\u{c}\u{e}é—”\u{b}\u{b}\r".as_bytes(), 0), Some(13));
        // Tabs and other control bytes before a break, in every position of
        // a sixteen-byte step, are passed over.
        for len in 1..40 {
            let mut bytes = vec![b'\t'; len];
            bytes[0] = 0;
            bytes[len - 1] = b'\n';
            assert_eq!(next_line_break(&bytes, 0), Some(len - 1), "len {len}");
            assert_eq!(next_line_break(&bytes[..len - 1], 0), None, "len {len}");
        }
        assert_eq!(lines("a\r\n\r\nb").iter().map(|l| l.next).collect::<Vec<_>>(), vec![3, 5, 6]);
    }
}
