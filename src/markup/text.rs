//! Plain-text articles. Blank lines separate paragraphs when the file has
//! any; otherwise every line is a paragraph. The first block is the title,
//! and a short line without closing punctuation is a heading.

use super::lines::line_iter;
use super::{Article, Block, BlockKind, Format, FrontMatter, trim_span};
use crate::span::Span;

/// Headings are at most this many words long.
const HEADING_MAX_WORDS: usize = 12;

pub fn parse(source: &str) -> Article {
    // Plain text has no markup: the prose is the source with its byte
    // order mark (if any) blanked, made without checking the copy's UTF-8
    // all over again.
    let mut prose_text = source.to_string();
    if prose_text.starts_with('\u{feff}') {
        prose_text.replace_range(..'\u{feff}'.len_utf8(), "   ");
    }
    // Lines are read twice, without a list of them: the first pass stops
    // at the first blank line, most often within a few lines.
    let paragraph_mode = line_iter(source).any(|l| l.is_blank(source));

    // Each group is a run of lines that makes one block.
    let mut groups: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, line count)
    for line in line_iter(source) {
        if line.is_blank(source) {
            continue;
        }
        match groups.last_mut() {
            Some(group) if paragraph_mode && is_adjacent(source, group.1, line.start) => {
                group.1 = line.end;
                group.2 += 1;
            }
            _ => groups.push((line.start, line.end, 1)),
        }
    }

    let mut blocks = Vec::new();
    for (start, end, line_count) in groups {
        let span = trim_span(&prose_text, Span::new(start, end));
        if span.is_empty() {
            continue;
        }
        let kind = if blocks.is_empty() {
            BlockKind::Title
        } else if line_count == 1 && looks_like_heading(span.of(&prose_text)) {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        };
        blocks.push(Block { kind, span });
    }

    Article {
        format: Format::Text,
        prose: prose_text,
        blocks,
        links: Vec::new(),
        comments: Vec::new(),
        front: FrontMatter::default(),
        problems: Vec::new(),
    }
}

/// Two lines belong to one paragraph when only one line break separates them.
fn is_adjacent(source: &str, prev_end: usize, next_start: usize) -> bool {
    // One byte loop counts both breaks: the gap is mostly one or two bytes,
    // and setting up a substring search for each mark cost more than that.
    let (mut newlines, mut returns) = (0usize, 0usize);
    for &b in &source.as_bytes()[prev_end..next_start] {
        newlines += usize::from(b == b'\n');
        returns += usize::from(b == b'\r');
    }
    newlines.max(returns) <= 1
}

/// A short line that does not end like a sentence:
/// `Russia's veto threat "a horrible possibility"`.
pub fn looks_like_heading(line: &str) -> bool {
    // The ending is checked first and words are counted only up to one
    // past the limit: most lines are whole paragraphs, and walking every
    // character of them was most of this stage.
    let core =
        line.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»'));
    if core.ends_with(['.', '!', '?', ':', ';', '…']) {
        return false;
    }
    let words = line.split_whitespace().take(HEADING_MAX_WORDS + 1).count();
    (1..=HEADING_MAX_WORDS).contains(&words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(BlockKind, String)> {
        let a = parse(src);
        a.blocks.iter().map(|b| (b.kind, b.span.of(&a.prose).to_string())).collect()
    }

    #[test]
    fn every_line_is_a_paragraph_without_blank_lines() {
        let got = kinds("Title line\nFirst claim here.\nRussia's veto threat \"a horrible possibility\"\nSecond one.");
        assert_eq!(
            got,
            vec![
                (BlockKind::Title, "Title line".into()),
                (BlockKind::Paragraph, "First claim here.".into()),
                (BlockKind::Heading, "Russia's veto threat \"a horrible possibility\"".into()),
                (BlockKind::Paragraph, "Second one.".into()),
            ]
        );
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        let got = kinds("Title.\n\nLine one\nline two.\n\n\nNext para.\r\n");
        assert_eq!(got[1], (BlockKind::Paragraph, "Line one\nline two.".into()));
        assert_eq!(got[2], (BlockKind::Paragraph, "Next para.".into()));
    }

    #[test]
    fn bom_and_empty() {
        let a = parse("\u{feff}Title\nBody.");
        assert_eq!(a.blocks[0].span.of(&a.prose), "Title");
        assert_eq!(a.prose, "   Title\nBody.", "the mark is blanked, offsets kept");
        assert!(parse("").blocks.is_empty());
        assert!(parse("\n\n  \n").blocks.is_empty());
    }

    #[test]
    fn heading_shapes() {
        assert!(looks_like_heading("Russia's veto threat \"a horrible possibility\""));
        assert!(!looks_like_heading("He said so."));
        assert!(!looks_like_heading("Read more:"));
        assert!(!looks_like_heading("one two three four five six seven eight nine ten eleven twelve thirteen"));
    }
}
