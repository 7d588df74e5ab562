//! Stage 1: article markup → blocks of prose with true byte offsets.
//!
//! The parser never rewrites the text. It produces `prose`, a copy of the
//! source of exactly the same length in which every byte that is markup
//! rather than prose (heading hashes, `>` markers, link targets, emphasis
//! marks, code, comments, front matter) is replaced by a space. Every later
//! stage reads `prose`, so an offset found there is an offset into the file.

mod front_matter;
mod inline;
mod lines;
mod markdown;
mod text;

use std::collections::BTreeMap;

pub use front_matter::{FrontMatter, FrontMatterError};
pub use lines::{Line, lines};

use crate::lexicon::Lexicon;
use crate::span::Span;

/// Which markup an article is written in, from its file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Text,
}

impl Format {
    /// `.md` and `.markdown` are Markdown; everything else is plain text.
    pub fn from_path(path: &str) -> Format {
        // The ending compared without regard to ASCII case, in place: a
        // lowercase copy of the whole path cost an allocation per file.
        let ends_with = |suffix: &str| {
            path.len() >= suffix.len()
                && path.as_bytes()[path.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
        };
        if ends_with(".md") || ends_with(".markdown") { Format::Markdown } else { Format::Text }
    }
}

/// What a block is, which decides whether its sentences can be claims.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Title,
    Heading,
    Paragraph,
    Quote,
    ListItem,
    /// "Read more: …" and similar lines.
    Related,
    /// "(Reporting by …)", corrections, photo credits.
    Credit,
}

impl BlockKind {
    /// Whether sentences in this block can be claims that the rules judge.
    pub fn holds_claims(self) -> bool {
        matches!(self, BlockKind::Paragraph | BlockKind::Quote | BlockKind::ListItem)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// From the first to the last prose byte of the block.
    pub span: Span,
}

/// An inline `[text](url)` link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub span: Span,
    pub text: Span,
    pub url: String,
}

/// An HTML comment, kept for the directives it may carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub span: Span,
    pub body: String,
}

/// A parsed article.
#[derive(Clone, Debug)]
pub struct Article {
    pub format: Format,
    /// The source with markup bytes blanked; same length as the source.
    pub prose: String,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    pub comments: Vec<Comment>,
    pub front: FrontMatter,
    /// Problems that did not stop the parse (bad front matter).
    pub problems: Vec<MarkupProblem>,
}

/// A located problem in the markup that the user should hear about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkupProblem {
    pub offset: usize,
    pub message: String,
}

impl Article {
    pub fn outlet(&self) -> Option<&str> {
        self.front.outlet.as_deref()
    }

    pub fn aliases(&self) -> &BTreeMap<String, Vec<String>> {
        &self.front.aliases
    }
}

/// Parses `source` as the given format.
pub fn parse(source: &str, format: Format, lexicon: &Lexicon) -> Article {
    let mut article = match format {
        Format::Markdown => markdown::parse(source),
        Format::Text => text::parse(source),
    };
    classify_special_blocks(&mut article, lexicon);
    article
}

/// Marks related-link lines and credit lines, whatever the format.
fn classify_special_blocks(article: &mut Article, lexicon: &Lexicon) {
    let openings = MarkerOpenings::of(lexicon.related_markers.iter().chain(&lexicon.credit_markers));
    for block in &mut article.blocks {
        if block.kind == BlockKind::Title {
            continue;
        }
        let text = article.prose[block.span.range()].trim_start();
        // Most blocks start with a byte no marker starts with: one table
        // lookup passes them over instead of a look at every marker.
        if !openings.may_start(text) {
            continue;
        }
        if starts_with_any(text, &lexicon.related_markers) {
            block.kind = BlockKind::Related;
        } else if starts_with_any(text, &lexicon.credit_markers) {
            block.kind = BlockKind::Credit;
        }
    }
}

/// The first three bytes of a set of markers, as a filter: for each first
/// byte, the second and the third bytes (each folded to its low six bits,
/// one bit of a word) that follow it in some marker.
struct MarkerOpenings {
    /// One more than the index in `follow` of the row of each first byte;
    /// 0 for a byte no marker starts with. A byte table and a short list of
    /// rows, rather than a row for every byte: the filter is built for
    /// every article, and zeroing 4 KB cost as much as it saved.
    row_of_first: [u8; 256],
    /// The bits of the second and the third bytes after each first byte.
    follow: Vec<(u64, u64)>,
    /// An empty marker starts every text.
    any_empty: bool,
}

/// A marker byte that stands for any byte: the marker ends before it.
const ANY_BYTE: u64 = u64::MAX;

/// The bit of byte `b` in a [`MarkerOpenings`] word.
fn byte_bit(b: u8) -> u64 {
    1 << (b & 63)
}

impl MarkerOpenings {
    fn of<'m>(markers: impl Iterator<Item = &'m String>) -> MarkerOpenings {
        let mut openings = MarkerOpenings { row_of_first: [0; 256], follow: Vec::new(), any_empty: false };
        for marker in markers {
            let bytes = marker.as_bytes();
            let Some(&first) = bytes.first() else {
                openings.any_empty = true;
                continue;
            };
            let row = match openings.row_of_first[usize::from(first)] {
                0 => {
                    openings.follow.push((0, 0));
                    // More distinct first bytes than a byte counts would
                    // make every text pass: the filter only errs that way.
                    let Ok(row) = u8::try_from(openings.follow.len()) else {
                        openings.any_empty = true;
                        continue;
                    };
                    openings.row_of_first[usize::from(first)] = row;
                    row
                }
                row => row,
            };
            let (second, third) = &mut openings.follow[usize::from(row) - 1];
            *second |= bytes.get(1).map_or(ANY_BYTE, |&b| byte_bit(b));
            *third |= bytes.get(2).map_or(ANY_BYTE, |&b| byte_bit(b));
        }
        openings
    }

    /// Whether one of the markers may start `text`: false only when none
    /// can. Blocks that start with a marker's first byte but no marker
    /// ("The", "But", "A") are mostly told apart by the next two bytes,
    /// without a comparison with every marker.
    fn may_start(&self, text: &str) -> bool {
        if self.any_empty {
            return true;
        }
        let bytes = text.as_bytes();
        let Some(&first) = bytes.first() else { return false };
        let Some(&(second, third)) =
            self.follow.get(usize::from(self.row_of_first[usize::from(first)]).wrapping_sub(1))
        else {
            return false;
        };
        // A text that ends early is left to the full comparison.
        let fits = |bits: u64, at: usize| bytes.get(at).is_none_or(|&b| bits & byte_bit(b) != 0);
        fits(second, 1) && fits(third, 2)
    }
}

/// Whether `text` starts with one of `markers`. The first bytes are
/// compared before the rest, so most blocks cost no string comparison.
fn starts_with_any(text: &str, markers: &[String]) -> bool {
    let Some(first) = text.as_bytes().first() else { return markers.iter().any(String::is_empty) };
    markers.iter().any(|m| m.as_bytes().first().is_none_or(|b| b == first) && text.starts_with(m.as_str()))
}

/// Replaces `range` of `bytes` with spaces, keeping line breaks so that
/// line numbers stay the same. `range` must lie on char boundaries.
pub(crate) fn blank(bytes: &mut [u8], range: std::ops::Range<usize>) {
    for b in &mut bytes[range] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

/// Turns the blanked byte buffer back into a string. Blanking only ever
/// replaces whole characters with spaces, so this cannot fail; the fallback
/// keeps a defect from becoming a panic.
pub(crate) fn into_prose(bytes: Vec<u8>, source: &str) -> String {
    String::from_utf8(bytes).unwrap_or_else(|_| source.to_string())
}

/// Trims ASCII and Unicode whitespace from both ends of `span` in `text`.
pub fn trim_span(text: &str, span: Span) -> Span {
    let slice = &text[span.range()];
    let start = span.start + (slice.len() - slice.trim_start().len());
    let end = span.start + slice.trim_end().len();
    if start >= end { Span::new(span.start, span.start) } else { Span::new(start, end) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_and_credit_lines_are_marked() {
        let lex = Lexicon::builtin();
        let a = parse(
            "Title here\n\nRead more: Other story\n\n(Reporting by A. Writer; Editing by B. Editor)\n\nBody text that says things.\n",
            Format::Text,
            &lex,
        );
        let kinds: Vec<_> = a.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, vec![BlockKind::Title, BlockKind::Related, BlockKind::Credit, BlockKind::Paragraph]);
    }

    #[test]
    fn marker_openings_pass_every_text_a_marker_starts() {
        let lex = Lexicon::builtin();
        let markers: Vec<&String> = lex.related_markers.iter().chain(&lex.credit_markers).collect();
        let openings = MarkerOpenings::of(markers.iter().copied());
        for marker in &markers {
            for tail in ["", " x", "zz"] {
                assert!(openings.may_start(&format!("{marker}{tail}")), "{marker:?}");
            }
        }
        for text in ["The minister said", "But", "A", "Also", "Th", "", "Réad"] {
            let starts = markers.iter().any(|m| text.starts_with(m.as_str()));
            assert!(openings.may_start(text) || !starts, "{text:?}");
        }
        assert!(!openings.may_start("The minister said"));
        assert!(!openings.may_start("But"));
    }

    #[test]
    fn format_from_path() {
        assert_eq!(Format::from_path("a/b.MD"), Format::Markdown);
        assert_eq!(Format::from_path("x.markdown"), Format::Markdown);
        assert_eq!(Format::from_path("x.txt"), Format::Text);
        assert_eq!(Format::from_path("md"), Format::Text);
        assert_eq!(Format::from_path("é.Markdown"), Format::Markdown);
    }
}
