//! Inline Markdown: links, code spans, emphasis marks and comments inside
//! a block. Each construct is a small nom parser; `scan` walks a block and
//! blanks the syntax while keeping the prose.

use nom::{
    IResult, Parser,
    bytes::complete::{tag, take_until},
    character::complete::char,
    sequence::delimited,
};

use super::{Comment, Link, blank};
use crate::span::Span;

/// `[text](url)`: returns (text, url).
fn link(input: &str) -> IResult<&str, (&str, &str)> {
    (delimited(char('['), take_until("]"), char(']')), delimited(char('('), take_until(")"), char(')'))).parse(input)
}

/// `![alt](url)`: images carry no prose.
fn image(input: &str) -> IResult<&str, (&str, &str)> {
    let (rest, _) = char('!').parse(input)?;
    link(rest)
}

/// `` `code` ``.
fn code_span(input: &str) -> IResult<&str, &str> {
    delimited(char('`'), take_until("`"), char('`')).parse(input)
}

/// `<!-- body -->`.
pub(super) fn comment(input: &str) -> IResult<&str, &str> {
    delimited(tag("<!--"), take_until("-->"), tag("-->")).parse(input)
}

/// `<https://…>` autolinks and simple HTML tags such as `<br>` or `</em>`.
fn angle(input: &str) -> IResult<&str, &str> {
    let (rest, inner) = delimited(char('<'), take_until(">"), char('>')).parse(input)?;
    let looks_like_markup = !inner.is_empty()
        && !inner.contains('\n')
        && inner.len() < 200
        && (inner.starts_with('/') || inner.starts_with("http") || inner.as_bytes()[0].is_ascii_alphabetic());
    if looks_like_markup {
        Ok((rest, inner))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify)))
    }
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
    let mut i = span.start;
    while i < span.end {
        let rest = &source[i..span.end];
        let c = rest.as_bytes()[0];
        let consumed = match c {
            b'!' => image(rest).ok().map(|(after, _)| {
                let len = rest.len() - after.len();
                blank(bytes, i..i + len);
                len
            }),
            b'[' => link(rest).ok().map(|(after, (text, url))| {
                let len = rest.len() - after.len();
                let text_start = i + 1;
                let text_end = text_start + text.len();
                blank(bytes, i..text_start);
                blank(bytes, text_end..i + len);
                found.links.push(Link {
                    span: Span::new(i, i + len),
                    text: Span::new(text_start, text_end),
                    url: url.trim().to_string(),
                });
                // Scan the link text itself for emphasis and code.
                scan(source, bytes, Span::new(text_start, text_end), found);
                len
            }),
            b'`' => code_span(rest).ok().map(|(after, _)| {
                let len = rest.len() - after.len();
                blank(bytes, i..i + len);
                len
            }),
            b'<' => comment(rest)
                .ok()
                .map(|(after, body)| {
                    let len = rest.len() - after.len();
                    blank(bytes, i..i + len);
                    found.comments.push(Comment { span: Span::new(i, i + len), body: body.trim().to_string() });
                    len
                })
                .or_else(|| {
                    angle(rest).ok().map(|(after, _)| {
                        let len = rest.len() - after.len();
                        blank(bytes, i..i + len);
                        len
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
            b'\\' if rest.len() > 1 && rest.as_bytes()[1].is_ascii_punctuation() => {
                bytes[i] = b' ';
                Some(2)
            }
            _ => None,
        };
        i += consumed.unwrap_or_else(|| utf8_len(c));
    }
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
    fn unclosed_constructs_are_text() {
        let (prose, _) = run("[not a link and `no close");
        assert_eq!(prose, "[not a link and `no close");
    }
}
