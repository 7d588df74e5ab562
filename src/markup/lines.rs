//! Line splitting that keeps offsets and accepts `\n`, `\r\n` and lone `\r`.

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
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(Line { start, end: i, next: i + 1 });
                i += 1;
                start = i;
            }
            b'\r' => {
                let next = if bytes.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
                out.push(Line { start, end: i, next });
                i = next;
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        out.push(Line { start, end: bytes.len(), next: bytes.len() });
    }
    out
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
}
