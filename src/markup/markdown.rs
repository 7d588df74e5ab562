//! Markdown articles: front matter, ATX headings, paragraphs, blockquotes,
//! list items, fenced code and HTML comments. Line shapes are recognised by
//! small nom parsers; blocks are assembled line by line.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while, take_while_m_n, take_while1},
    character::complete::{char, one_of, space0, space1},
    combinator::{eof, recognize},
};

use super::front_matter::parse_front_matter;
use super::inline::{self, Inline};
use super::lines::{Line, lines};
use super::{Article, Block, BlockKind, Comment, Format, FrontMatter, MarkupProblem, blank, into_prose, trim_span};
use crate::span::Span;

/// Up to three spaces of indentation, as CommonMark allows before markers.
fn indent(input: &str) -> IResult<&str, &str> {
    take_while_m_n(0, 3, |c| c == ' ').parse(input)
}

/// "```" or "~~~" opening or closing a fenced code block.
fn fence(input: &str) -> IResult<&str, &str> {
    let (rest, _) = indent(input)?;
    alt((tag("```"), tag("~~~"))).parse(rest)
}

/// "## " — returns the heading level's marker.
fn atx_heading(input: &str) -> IResult<&str, &str> {
    let (rest, _) = indent(input)?;
    let (rest, hashes) = take_while_m_n(1, 6, |c| c == '#').parse(rest)?;
    let (rest, _) = alt((space1, eof)).parse(rest)?;
    Ok((rest, hashes))
}

/// "> " — one level of blockquote marker.
fn quote_marker(input: &str) -> IResult<&str, &str> {
    recognize((indent, char('>'), take_while_m_n(0, 1, |c| c == ' '))).parse(input)
}

/// "- ", "* ", "+ " or "12. " / "3) ".
fn list_marker(input: &str) -> IResult<&str, &str> {
    let bullet = recognize(one_of("-*+"));
    let ordered = recognize((take_while1(|c: char| c.is_ascii_digit()), one_of(".)")));
    recognize((space0, alt((bullet, ordered)), space1)).parse(input)
}

/// "---", "***" or "___" alone on a line.
fn thematic_break(input: &str) -> IResult<&str, &str> {
    let (rest, _) = indent(input)?;
    let (rest, marks) = alt((
        take_while1(|c| c == '-' || c == ' '),
        take_while1(|c| c == '*' || c == ' '),
        take_while1(|c| c == '_' || c == ' '),
    ))
    .parse(rest)?;
    let (rest, _) = eof(rest)?;
    if marks.chars().filter(|c| *c != ' ').count() >= 3 { Ok((rest, marks)) } else { fail(input) }
}

/// "+++" alone on a line: the front matter fence.
fn front_matter_fence(input: &str) -> IResult<&str, &str> {
    let (rest, fence) = tag("+++")(input)?;
    let (rest, _) = take_while(|c| c == ' ' || c == '\t')(rest)?;
    let (rest, _) = eof(rest)?;
    Ok((rest, fence))
}

/// Whether a line starts with a letter or a quotation mark after its
/// spaces and tabs, so that no block syntax (fence, comment, heading,
/// break, quote or list marker, each of which starts with punctuation or
/// a digit) can begin it and nor is it blank. Most lines of prose do;
/// they skip trying each block parser in turn.
fn starts_as_plain_text(line: &str) -> bool {
    line.bytes().find(|&b| b != b' ' && b != b'\t').is_some_and(|b| b.is_ascii_alphabetic() || b == b'"')
}

fn fail<T>(input: &str) -> IResult<&str, T> {
    Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Fail)))
}

/// A block under construction.
struct Open {
    kind: BlockKind,
    start: usize,
    end: usize,
}

struct Builder<'a> {
    source: &'a str,
    bytes: Vec<u8>,
    blocks: Vec<Block>,
    open: Option<Open>,
    inline: Inline,
    seen_prose: bool,
}

impl Builder<'_> {
    fn close(&mut self) {
        if let Some(open) = self.open.take() {
            let span = trim_span(self.source, Span::new(open.start, open.end));
            if span.is_empty() {
                return;
            }
            inline::scan(self.source, &mut self.bytes, span, &mut self.inline);
            self.push_trimmed(open.kind, span.start, span.end);
        }
    }

    /// Records a block, trimmed to the prose that survives blanking.
    fn push_trimmed(&mut self, kind: BlockKind, start: usize, end: usize) {
        let prose = &self.bytes[start..end];
        let Some(first) = prose.iter().position(|b| !b.is_ascii_whitespace()) else { return };
        let last = prose.iter().rposition(|b| !b.is_ascii_whitespace()).unwrap_or(first);
        let kind = if kind == BlockKind::Heading
            && !self.seen_prose
            && !self.blocks.iter().any(|b| b.kind == BlockKind::Title)
        {
            BlockKind::Title
        } else {
            kind
        };
        if kind.holds_claims() {
            self.seen_prose = true;
        }
        // `last` indexes a non-space ASCII byte or the last byte of a
        // multibyte char; extend to the end of that char.
        let mut end_at = start + last + 1;
        while end_at < end && !self.source.is_char_boundary(end_at) {
            end_at += 1;
        }
        self.blocks.push(Block { kind, span: Span::new(start + first, end_at) });
    }

    /// Plain text continues whatever block is open (lazy continuation).
    fn continue_or_open_paragraph(&mut self, start: usize, end: usize) {
        match &mut self.open {
            Some(open) => open.end = end,
            None => self.open = Some(Open { kind: BlockKind::Paragraph, start, end }),
        }
    }

    fn extend_or_open(&mut self, kind: BlockKind, start: usize, end: usize) {
        match &mut self.open {
            Some(open) if open.kind == kind => open.end = end,
            _ => {
                self.close();
                self.open = Some(Open { kind, start, end });
            }
        }
    }
}

/// Parses a Markdown article.
pub fn parse(source: &str) -> Article {
    let all_lines = lines(source);
    let mut b = Builder {
        source,
        bytes: source.as_bytes().to_vec(),
        blocks: Vec::new(),
        open: None,
        inline: Inline::default(),
        seen_prose: false,
    };
    if source.starts_with('\u{feff}') {
        blank(&mut b.bytes, 0..3);
    }
    let mut problems = Vec::new();
    let mut front = FrontMatter::default();
    let mut i = 0;

    // Front matter: "+++" on the first line, up to the next "+++" line.
    if let Some(first) = all_lines.first()
        && front_matter_fence(first.text(source).trim_start_matches('\u{feff}')).is_ok()
    {
        if let Some(close) = all_lines.iter().skip(1).position(|l| front_matter_fence(l.text(source)).is_ok()) {
            let close = close + 1;
            let body = Span::new(first.next, all_lines[close].start);
            match parse_front_matter(body.of(source), body.start) {
                Ok(parsed) => front = parsed,
                Err(err) => problems.push(MarkupProblem { offset: err.offset, message: err.message }),
            }
            blank(&mut b.bytes, 0..all_lines[close].end);
            i = close + 1;
        } else {
            problems
                .push(MarkupProblem { offset: 0, message: "front matter opened with `+++` is never closed".into() });
        }
    }

    let mut fence_open = false;
    while i < all_lines.len() {
        let line = all_lines[i];
        let text = line.text(source);
        i += 1;

        if fence_open {
            blank(&mut b.bytes, line.start..line.end);
            if fence(text).is_ok() {
                fence_open = false;
            }
            continue;
        }
        if starts_as_plain_text(text) {
            b.continue_or_open_paragraph(line.start, line.end);
            continue;
        }
        if fence(text).is_ok() {
            b.close();
            blank(&mut b.bytes, line.start..line.end);
            fence_open = true;
            continue;
        }
        if line.is_blank(source) {
            b.close();
            continue;
        }
        if text.trim_start().starts_with("<!--") {
            i = skip_block_comment(source, &all_lines, i - 1, &mut b);
            continue;
        }
        if let Ok((rest, _)) = atx_heading(text) {
            b.close();
            let content_start = line.end - rest.len();
            blank(&mut b.bytes, line.start..content_start);
            // Closing hashes ("## Title ##") are markup too.
            let trimmed = rest.trim_end();
            let closing = trimmed.len() - trimmed.trim_end_matches('#').len();
            if closing > 0 && closing < trimmed.len() {
                let close_start = content_start + trimmed.len() - closing;
                blank(&mut b.bytes, close_start..content_start + trimmed.len());
            }
            b.open = Some(Open { kind: BlockKind::Heading, start: content_start, end: line.end });
            b.close();
            continue;
        }
        if thematic_break(text).is_ok() {
            b.close();
            blank(&mut b.bytes, line.start..line.end);
            continue;
        }
        if quote_marker(text).is_ok() {
            // Strip every nested marker; a line of markers only splits paragraphs.
            let mut rest = text;
            while let Ok((after, _)) = quote_marker(rest) {
                rest = after;
            }
            let content_start = line.end - rest.len();
            blank(&mut b.bytes, line.start..content_start);
            if rest.trim().is_empty() {
                b.close();
            } else {
                b.extend_or_open(BlockKind::Quote, content_start, line.end);
            }
            continue;
        }
        if let Ok((rest, _)) = list_marker(text) {
            b.close();
            let content_start = line.end - rest.len();
            blank(&mut b.bytes, line.start..content_start);
            b.open = Some(Open { kind: BlockKind::ListItem, start: content_start, end: line.end });
            continue;
        }
        b.continue_or_open_paragraph(line.start, line.end);
    }
    b.close();

    Article {
        format: Format::Markdown,
        prose: into_prose(b.bytes, source),
        blocks: b.blocks,
        links: b.inline.links,
        comments: b.inline.comments,
        front,
        problems,
    }
}

/// Blanks an HTML comment that starts a line and may run over several lines;
/// returns the index of the first line after it.
fn skip_block_comment(source: &str, all_lines: &[Line], first: usize, b: &mut Builder) -> usize {
    b.close();
    let start = all_lines[first].start
        + (all_lines[first].text(source).len() - all_lines[first].text(source).trim_start().len());
    let rest = &source[start..];
    let (end, body) = match inline::comment(rest) {
        Ok((after, body)) => (source.len() - after.len(), body.trim().to_string()),
        // Unclosed: the comment runs to the end of the file.
        Err(_) => (source.len(), rest.trim_start_matches("<!--").trim().to_string()),
    };
    blank(&mut b.bytes, start..end);
    b.inline.comments.push(Comment { span: Span::new(start, end), body });
    // Text after "-->" on the same line is prose again.
    let mut next = first;
    while next < all_lines.len() && all_lines[next].next <= end {
        next += 1;
    }
    if next < all_lines.len() && all_lines[next].start < end {
        let line = all_lines[next];
        if !source[end..line.end].trim().is_empty() {
            b.open = Some(Open { kind: BlockKind::Paragraph, start: end, end: line.end });
        }
        next += 1;
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_text(src: &str) -> Vec<(BlockKind, String)> {
        let a = parse(src);
        a.blocks.iter().map(|b| (b.kind, a.prose[b.span.range()].to_string())).collect()
    }

    #[test]
    fn only_lines_no_block_syntax_can_start_are_plain_text() {
        for plain in ["Prose", "  \tindented prose", "\"Quoted,\" she said", "x"] {
            assert!(starts_as_plain_text(plain), "{plain:?}");
        }
        let markup = ["", "   ", "# Title", "> quote", "- item", "* item", "+ item", "12. item", "```", "~~~", "---"];
        for line in markup.iter().chain(&["<!-- note -->", "_em_ text", "\u{a0}<!-- note -->", "\u{2014} dash"]) {
            assert!(!starts_as_plain_text(line), "{line:?}");
        }
    }

    #[test]
    fn a_paragraph_continues_over_prose_lines_and_into_a_list_item() {
        assert_eq!(
            kinds_and_text("- item\ncontinued here\n\nProse\n  more prose\n"),
            vec![
                (BlockKind::ListItem, "item\ncontinued here".into()),
                (BlockKind::Paragraph, "Prose\n  more prose".into()),
            ]
        );
    }

    #[test]
    fn headings_paragraphs_quotes_lists() {
        let src =
            "# Big title\n\nFirst para\ncontinues.\n\n## Section\n\n> Quoted line\n> more\n\n- item one\n- item two\n";
        assert_eq!(
            kinds_and_text(src),
            vec![
                (BlockKind::Title, "Big title".into()),
                (BlockKind::Paragraph, "First para\ncontinues.".into()),
                (BlockKind::Heading, "Section".into()),
                (BlockKind::Quote, "Quoted line\n  more".into()),
                (BlockKind::ListItem, "item one".into()),
                (BlockKind::ListItem, "item two".into()),
            ]
        );
    }

    #[test]
    fn front_matter_and_code_are_not_prose() {
        let src = "+++\noutlet = \"Coastal Wire\"\n+++\n\nText here.\n\n```\nsaid = 1\n```\n";
        let a = parse(src);
        assert_eq!(a.front.outlet.as_deref(), Some("Coastal Wire"));
        assert_eq!(a.blocks.len(), 1);
        assert_eq!(&a.prose[a.blocks[0].span.range()], "Text here.");
        assert_eq!(a.prose.len(), src.len());
        assert!(!a.prose.contains("said"));
    }

    #[test]
    fn bad_front_matter_is_a_problem_not_a_panic() {
        let a = parse("+++\noutlet = \n+++\nBody.\n");
        assert_eq!(a.problems.len(), 1);
        assert!(a.problems[0].offset >= 4);
        assert_eq!(a.blocks.len(), 1);
    }

    #[test]
    fn multi_line_comment_is_skipped_and_kept() {
        let src = "Para one.\n\n<!-- whosaid-disable x\n -- reason -->\nPara two.\n";
        let a = parse(src);
        assert_eq!(a.comments.len(), 1);
        assert!(a.comments[0].body.starts_with("whosaid-disable x"));
        let texts: Vec<&str> = a.blocks.iter().map(|b| &a.prose[b.span.range()]).collect();
        assert_eq!(texts, vec!["Para one.", "Para two."]);
    }
}
