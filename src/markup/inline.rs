//! Inline Markdown: links, code spans, emphasis marks and comments inside
//! a block. `scan` walks a block and blanks the syntax while keeping the
//! prose.
//!
//! Every construct ends at the first closing mark after its opening one.
//! Finding that mark anew for each opener made a block full of unmatched
//! `[` or `` ` `` quadratic, so each closing mark's next position is
//! remembered (`Closer`) and each search runs at most once per mark found.

use nom::{IResult, Parser, bytes::complete::tag, bytes::complete::take_until, sequence::delimited};

use super::{Comment, Link, blank};
use crate::bytescan::{find_first, splat, zero_bytes};
use crate::span::Span;

/// `<!-- body -->` at the start of `input`.
pub(super) fn comment(input: &str) -> IResult<&str, &str> {
    delimited(tag("<!--"), take_until("-->"), tag("-->")).parse(input)
}

/// The next place a closing mark occurs within one block, remembered so
/// that later openers do not search the same text again.
struct Closer {
    mark: &'static str,
    /// Where the last search started and what it found: the first `mark`
    /// at or after that point, or `None` when there was none.
    last: Option<(usize, Option<usize>)>,
}

impl Closer {
    fn new(mark: &'static str) -> Closer {
        Closer { mark, last: None }
    }

    /// Where `mark` first occurs in `text[from..end]` (`end` is the same
    /// for every search). The last answer stays right for any later start
    /// up to the mark it found.
    fn find(&mut self, text: &str, from: usize, end: usize) -> Option<usize> {
        if let Some((searched_from, found)) = self.last
            && searched_from <= from
            && found.is_none_or(|at| at >= from)
        {
            return found;
        }
        let found = text.get(from..end).and_then(|rest| rest.find(self.mark)).map(|k| from + k);
        self.last = Some((from, found));
        found
    }
}

/// The closing marks of one block.
struct Closers {
    bracket: Closer,
    paren: Closer,
    backtick: Closer,
    comment: Closer,
    angle: Closer,
}

impl Closers {
    fn new() -> Closers {
        Closers {
            bracket: Closer::new("]"),
            paren: Closer::new(")"),
            backtick: Closer::new("`"),
            comment: Closer::new("-->"),
            angle: Closer::new(">"),
        }
    }
}

/// `[text](url)` at `i`: returns (text, url) spans and the end.
fn link(source: &str, i: usize, end: usize, c: &mut Closers) -> Option<(Span, Span, usize)> {
    let close = c.bracket.find(source, i + 1, end)?;
    if source.as_bytes().get(close + 1) != Some(&b'(') || close + 2 > end {
        return None;
    }
    let url_end = c.paren.find(source, close + 2, end)?;
    Some((Span::new(i + 1, close), Span::new(close + 2, url_end), url_end + 1))
}

/// `` `code` `` at `i`: returns the end.
fn code_span(source: &str, i: usize, end: usize, c: &mut Closers) -> Option<usize> {
    c.backtick.find(source, i + 1, end).map(|close| close + 1)
}

/// `<!-- body -->` at `i`: returns the body and the end.
fn inline_comment(source: &str, i: usize, end: usize, c: &mut Closers) -> Option<(Span, usize)> {
    if !source[i..end].starts_with("<!--") {
        return None;
    }
    let close = c.comment.find(source, i + 4, end)?;
    Some((Span::new(i + 4, close), close + 3))
}

/// `<https://…>` autolinks and simple HTML tags such as `<br>` or `</em>`
/// at `i`: returns the end.
fn angle(source: &str, i: usize, end: usize, c: &mut Closers) -> Option<usize> {
    let close = c.angle.find(source, i + 1, end)?;
    let inner = &source[i + 1..close];
    let looks_like_markup = !inner.is_empty()
        && !inner.contains('\n')
        && inner.len() < 200
        && (inner.starts_with('/') || inner.starts_with("http") || inner.as_bytes()[0].is_ascii_alphabetic());
    looks_like_markup.then_some(close + 1)
}

/// What the inline scan found in one block.
#[derive(Default)]
pub(super) struct Inline {
    pub links: Vec<Link>,
    pub comments: Vec<Comment>,
}

/// Blanks inline syntax in `bytes[span]` (a copy of `source`) and collects
/// links and comments.
pub(super) fn scan(source: &str, bytes: &mut [u8], span: Span, found: &mut Inline) {
    let mut closers = Closers::new();
    let end = span.end;
    let mut i = span.start;
    let bytes_of_source = source.as_bytes();
    while i < end {
        // Plain text, nearly all of a block, is skipped in a tight loop.
        // The marks are ASCII, so they never occur inside a multibyte
        // character and the skip always stops on a character boundary.
        match next_inline_mark(&bytes_of_source[..end], i) {
            Some(at) => i = at,
            None => break,
        }
        let c = bytes_of_source[i];
        let consumed = match c {
            b'!' if source.as_bytes().get(i + 1) == Some(&b'[') => {
                link(source, i + 1, end, &mut closers).map(|(_, _, after)| {
                    blank(bytes, i..after);
                    after - i
                })
            }
            b'[' => link(source, i, end, &mut closers).map(|(text, url, after)| {
                blank(bytes, i..text.start);
                blank(bytes, text.end..after);
                found.links.push(Link { span: Span::new(i, after), text, url: url.of(source).trim().to_string() });
                // Scan the link text itself for emphasis and code.
                scan(source, bytes, text, found);
                after - i
            }),
            b'`' => code_span(source, i, end, &mut closers).map(|after| {
                blank(bytes, i..after);
                after - i
            }),
            b'<' => inline_comment(source, i, end, &mut closers)
                .map(|(body, after)| {
                    blank(bytes, i..after);
                    found
                        .comments
                        .push(Comment { span: Span::new(i, after), body: body.of(source).trim().to_string() });
                    after - i
                })
                .or_else(|| {
                    angle(source, i, end, &mut closers).map(|after| {
                        blank(bytes, i..after);
                        after - i
                    })
                }),
            b'*' => {
                bytes[i] = b' ';
                Some(1)
            }
            b'_' if is_emphasis_underscore(source, i) => {
                bytes[i] = b' ';
                Some(1)
            }
            b'\\' if i + 1 < end && source.as_bytes()[i + 1].is_ascii_punctuation() => {
                bytes[i] = b' ';
                Some(2)
            }
            _ => None,
        };
        i += consumed.unwrap_or_else(|| utf8_len(c));
    }
}

/// The bytes that can start inline syntax.
const INLINE_MARKS: &[u8] = b"![`<*_\\";

/// [`INLINE_MARKS`] as a table, for the bytes checked one at a time.
const INLINE_MARK: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    while k < INLINE_MARKS.len() {
        table[INLINE_MARKS[k] as usize] = true;
        k += 1;
    }
    table
};

/// The first byte at or after `from` that can start inline syntax.
/// Blocks are nearly all plain text, and testing eight bytes at once
/// against each mark costs half as much as looking every byte up.
fn next_inline_mark(bytes: &[u8], from: usize) -> Option<usize> {
    find_first(
        bytes,
        from,
        |word| INLINE_MARKS.iter().fold(0, |marks, &mark| marks | zero_bytes(word ^ splat(mark))),
        |b| INLINE_MARK[usize::from(b)],
    )
}

/// An underscore at the edge of a word (`_word_`) is emphasis; one inside a
/// word (`snake_case`) is text.
fn is_emphasis_underscore(source: &str, i: usize) -> bool {
    let b = source.as_bytes();
    let before = i.checked_sub(1).map(|j| b[j]);
    let after = b.get(i + 1).copied();
    let word = |x: Option<u8>| x.is_some_and(|c| c.is_ascii_alphanumeric());
    !(word(before) && word(after))
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(src: &str) -> (String, Inline) {
        let mut bytes = src.as_bytes().to_vec();
        let mut found = Inline::default();
        scan(src, &mut bytes, Span::new(0, src.len()), &mut found);
        (String::from_utf8(bytes).unwrap(), found)
    }

    #[test]
    fn link_keeps_text_and_offsets() {
        let src = "As [Reuters](https://reuters.com/x) said, **yes**.";
        let (prose, found) = run(src);
        let target = " ".repeat("](https://reuters.com/x)".len());
        assert_eq!(prose, format!("As  Reuters{target} said,   yes  ."));
        assert_eq!(found.links.len(), 1);
        assert_eq!(found.links[0].url, "https://reuters.com/x");
        assert_eq!(found.links[0].text.of("As [Reuters](https://reuters.com/x)"), "Reuters");
    }

    #[test]
    fn code_comment_and_snake_case() {
        let (prose, found) = run("a `code` b <!-- note --> snake_case _em_");
        assert_eq!(prose, "a        b               snake_case  em ");
        assert_eq!(found.comments[0].body, "note");
    }

    #[test]
    fn finds_each_mark_at_every_offset() {
        for len in 1..20 {
            for at in 0..len {
                for &mark in INLINE_MARKS {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = mark;
                    assert_eq!(next_inline_mark(&bytes, 0), Some(at), "{} at {at} of {len}", mark as char);
                    assert_eq!(next_inline_mark(&bytes, at + 1), None);
                }
            }
        }
        // Neighbours of the marks and non-ASCII bytes are text.
        assert_eq!(next_inline_mark("\"#$+)]^a{|}~é—".as_bytes(), 0), None);
    }

    #[test]
    fn unclosed_constructs_are_text() {
        let (prose, _) = run("[not a link and `no close");
        assert_eq!(prose, "[not a link and `no close");
    }
}
