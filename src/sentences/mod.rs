//! Stage 2: blocks → sentences.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (closing quotes and brackets
//! may follow) when the next word starts like a sentence. Abbreviations,
//! initials, acronyms and decimals do not end sentences. Quote marks are
//! tracked across sentences so that a quotation running over several
//! sentences is known to later stages.

pub mod tokens;

use crate::analysis::Workers;
use crate::bytescan::{bytes_below, find_first, splat, zero_bytes};
use crate::lexicon::Lexicon;
use crate::markup::{Article, BlockKind};
use crate::span::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index of the block in `Article::blocks`.
    pub block: usize,
    pub kind: BlockKind,
    /// Where the quotation this sentence starts inside was opened, when it
    /// was opened in an earlier sentence of the same block.
    pub open_quote_from: Option<usize>,
    /// Whether a quotation is still open at the end of this sentence.
    pub ends_in_quote: bool,
}

impl Sentence {
    /// Questions are not claims.
    pub fn is_question(&self, text: &str) -> bool {
        let core = self.span.of(text).trim_end_matches(|c: char| c.is_whitespace() || is_closer(c));
        core.ends_with('?')
    }
}

/// Words that start most sentences; an acronym like "U.S." followed by one
/// of them ends its sentence.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "This",
    "That",
    "In",
    "A",
    "An",
    "His",
    "Her",
    "Their",
    "Our",
    "Its",
    "There",
    "Those",
    "These",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "Yet",
    "So",
    "Still",
    "However",
    "Meanwhile",
    "Now",
    "Then",
    "After",
    "Before",
    "For",
    "According",
];

/// A run of text this long without a sentence end is cut at the next
/// space (or, with no space, at twice the length). Real sentences are a few
/// hundred bytes; later stages compare the cues of a sentence with each
/// other, so an unbounded "sentence" (a 10 MB line without a full stop)
/// would make them quadratic.
pub const MAX_SENTENCE_BYTES: usize = 4 * 1024;

/// The bytes the splitter stops at: quote marks, sentence ends and every
/// byte of a non-ASCII character (curly quotes, ellipses).
const NEEDS_A_LOOK: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b >= 0x80 || matches!(b as u8, b'"' | b'\'' | b'.' | b'!' | b'?');
        b += 1;
    }
    table
};

/// The first byte at or after `from` and before `until` that the splitter
/// must look at (see [`NEEDS_A_LOOK`]), or `until`. Eight bytes at a time:
/// a byte loop over every byte of every article cost more than the rest
/// of the splitter.
fn plain_run_end(bytes: &[u8], from: usize, until: usize) -> usize {
    if from >= until {
        return from;
    }
    find_first(&bytes[..until], from, needs_a_look, |b| NEEDS_A_LOOK[usize::from(b)]).unwrap_or(until)
}

/// The high bit of the bytes of `word` in [`NEEDS_A_LOOK`], and of `#`;
/// only the lowest mark is exact (see [`zero_bytes`]).
fn needs_a_look(word: u64) -> u64 {
    let is = |b: u8| zero_bytes(word ^ splat(b));
    // `!`, `"` and `#` (0x21 to 0x23) are one range test instead of two
    // byte tests: xored with `#` they are the bytes below 3. A `#` is
    // looked at for nothing, as any plain byte could be.
    let bang_quote_hash = bytes_below(word ^ splat(b'#'), 3);
    (word & splat(0x80)) | bang_quote_hash | is(b'\'') | is(b'.') | is(b'?')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

fn is_double_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

/// Splits every block of `article` into sentences.
pub fn split(article: &Article, lexicon: &Lexicon) -> Vec<Sentence> {
    split_with(article, lexicon, Workers::ONE)
}

/// [`split`] with the blocks shared among `workers`: each block is split on
/// its own, so runs of blocks can be split side by side.
pub fn split_with(article: &Article, lexicon: &Lexicon, workers: Workers) -> Vec<Sentence> {
    let runs = workers.map_ranges(article.blocks.len(), |blocks| {
        let mut out = Vec::new();
        for index in blocks {
            let block = &article.blocks[index];
            split_block(&article.prose, block.span, index, block.kind, lexicon, &mut out);
        }
        out
    });
    concat(runs)
}

/// The runs one after the other, moved into one vector.
pub(crate) fn concat<T>(runs: Vec<Vec<T>>) -> Vec<T> {
    if runs.len() == 1 {
        return runs.into_iter().next().unwrap_or_default();
    }
    let mut all = Vec::with_capacity(runs.iter().map(Vec::len).sum());
    for run in runs {
        all.extend(run);
    }
    all
}

/// Tracks whether we are inside a double quotation.
#[derive(Default)]
struct QuoteState {
    open_at: Option<usize>,
    /// The character before the one being looked at.
    prev: Option<char>,
}

impl QuoteState {
    /// Steps over character `c` at byte `i` of `block` (which starts at
    /// byte `base` of the text): a quote mark opens or closes a quotation.
    fn see(&mut self, block: &str, base: usize, i: usize, c: char) {
        if is_double_quote(c) {
            self.mark(c, base + i, self.prev, block[i + c.len_utf8()..].chars().next());
        } else if c == '\'' && self.prev != Some('\'') && block[i + 1..].starts_with('\'') {
            // Two apostrophes stand for a double quote in some archives
            // (''It was bad,'' he said).
            self.mark('"', base + i, self.prev, block[i + 2..].chars().next());
        }
        self.prev = Some(c);
    }

    /// Updates the state for a quote mark `c` at byte `at`, with `prev` the
    /// character before it.
    /// `next` is the character after it: a mark between a word and a space
    /// closes whatever its glyph (`“It's unusual,“ said`).
    fn mark(&mut self, c: char, at: usize, prev: Option<char>, next: Option<char>) {
        let after_space = prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | ':'));
        let before_space = next.is_none_or(char::is_whitespace);
        match (c, self.open_at) {
            (_, Some(_)) if !after_space && before_space => self.open_at = None,
            ('“' | '„' | '«', _) => self.open_at = Some(at),
            // Straight and closing marks close an open quote unless they
            // stand before a word, where they open a new one.
            (_, Some(_)) if !after_space => self.open_at = None,
            (_, Some(_)) => self.open_at = Some(at),
            ('"', None) if after_space => self.open_at = Some(at),
            _ => self.open_at = None,
        }
    }
}

fn split_block(text: &str, span: Span, block: usize, kind: BlockKind, lexicon: &Lexicon, out: &mut Vec<Sentence>) {
    let s = &text[span.range()];
    let mut quotes = QuoteState::default();
    let mut start = 0usize;
    let mut open_at_start = None;
    // Adds the sentence from `from` to `to`, offsets into the block.
    let emit = |out: &mut Vec<Sentence>, from: usize, to: usize, open: Option<usize>, ends_in_quote: bool| {
        push(out, text, Span::new(span.start + from, span.start + to), block, kind, open, ends_in_quote);
    };
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Most bytes are ASCII that neither marks a quote nor ends a
        // sentence: they are skipped in a tight loop, and only the last of
        // them becomes the quote tracker's previous character.
        let plain_until = bytes.len().min(start + MAX_SENTENCE_BYTES);
        let run_start = i;
        i = plain_run_end(bytes, i, plain_until);
        if i > run_start {
            quotes.prev = Some(char::from(bytes[i - 1]));
        }
        if i >= bytes.len() {
            break;
        }
        let (c, len) = tokens::char_at(s, i);
        quotes.see(s, span.start, i, c);
        // `start` can be ahead of `i` while the spaces after a sentence end pass.
        let length = i.saturating_sub(start);
        if length >= MAX_SENTENCE_BYTES && (c.is_whitespace() || length >= 2 * MAX_SENTENCE_BYTES) {
            let cut = if c.is_whitespace() { i } else { i + len };
            emit(out, start, cut, open_at_start, quotes.open_at.is_some());
            start = i + len;
            open_at_start = quotes.open_at;
            i += len;
            continue;
        }
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += len;
            continue;
        }
        // Swallow more terminal marks and closing quotes/brackets.
        let mut end = i + len;
        while end < bytes.len() {
            let (d, d_len) = tokens::char_at(s, end);
            if !(matches!(d, '.' | '!' | '?' | '…') || is_closer(d)) {
                break;
            }
            quotes.see(s, span.start, end, d);
            end += d_len;
        }
        let period_at = i;
        i = end;
        let rest = &s[end..];
        let next_word_start = rest.trim_start();
        if next_word_start.is_empty() {
            break; // the block's last sentence
        }
        if next_word_start.len() == rest.len() {
            continue; // no space after the mark: "3.5", "U.S.-led", "a.m.,"
        }
        if c == '.' && end == period_at + 1 && !period_ends_sentence(&s[..period_at], next_word_start, lexicon) {
            continue;
        }
        if !starts_like_sentence(next_word_start) {
            continue;
        }
        emit(out, start, end, open_at_start, quotes.open_at.is_some());
        start = end + (rest.len() - next_word_start.len());
        open_at_start = quotes.open_at;
    }
    if start < s.len() {
        emit(out, start, s.len(), open_at_start, quotes.open_at.is_some());
    }
}

fn push(
    out: &mut Vec<Sentence>,
    text: &str,
    span: Span,
    block: usize,
    kind: BlockKind,
    open: Option<usize>,
    ends_in_quote: bool,
) {
    let span = crate::markup::trim_span(text, span);
    if span.is_empty() {
        return;
    }
    out.push(Sentence { span, block, kind, open_quote_from: open, ends_in_quote });
}

/// Whether the period at the end of `before` ends the sentence, given the
/// text that follows.
fn period_ends_sentence(before: &str, next: &str, lexicon: &Lexicon) -> bool {
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '\'' | '‘' | '['))
        .map_or(0, |k| k + before[k..].chars().next().map_or(1, char::len_utf8));
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    if lexicon.abbreviations.contains(word) {
        // "No. 10" never ends; month names end only before a sentence starter.
        return is_starter(next)
            && !matches!(word, "Mr" | "Mrs" | "Ms" | "Dr" | "No" | "St" | "Sen" | "Rep" | "Gov" | "Gen" | "Prof");
    }
    if tokens::is_initial(word) {
        return false;
    }
    // "U.S" (the final period is the one we are looking at).
    if word.contains('.') && word.split('.').all(|p| p.chars().count() == 1) {
        return is_starter(next);
    }
    true
}

fn is_starter(next: &str) -> bool {
    // Every starter begins with an ASCII capital: another first byte is
    // answered without finding the word's end or comparing it with the list.
    if !next.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    // The word's end by byte table, not by decoding every character.
    let word = &next[..tokens::alphanumeric_run_end(next, 0)];
    SENTENCE_STARTERS.contains(&word)
}

/// The next sentence starts with a capital, a digit, or an opening mark.
fn starts_like_sentence(next: &str) -> bool {
    next.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '¿' | '¡' | '—' | '$')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::{Format, parse};

    #[test]
    fn plain_runs_end_where_the_byte_loop_stops() {
        let text = "He said so. It's “odd”! Why? Plain words with no marks at all here, \"then\" more…";
        let bytes = text.as_bytes();
        for from in 0..=bytes.len() {
            for until in from..=bytes.len() {
                let mut i = from;
                while i < until && !NEEDS_A_LOOK[usize::from(bytes[i])] {
                    i += 1;
                }
                assert_eq!(plain_run_end(bytes, from, until), i, "{from}..{until}");
            }
        }
        assert_eq!(plain_run_end(bytes, 9, 4), 9);
    }

    /// The sentences of a plain-text article.
    fn split_text(src: &str) -> Vec<Sentence> {
        let lex = Lexicon::builtin();
        split(&parse(src, Format::Text, &lex), &lex)
    }

    fn sentences(src: &str) -> Vec<String> {
        split_text(src).iter().map(|s| s.span.of(src).to_string()).collect()
    }

    #[test]
    fn abbreviations_decimals_initials() {
        let got = sentences(
            "T\nMr. Smith of the U.S. Senate met Dr. Jones on Sept. 3 at No. 10. It cost 3.5 million. John F. Kennedy spoke.",
        );
        assert_eq!(
            got,
            vec![
                "T",
                "Mr. Smith of the U.S. Senate met Dr. Jones on Sept. 3 at No. 10.",
                "It cost 3.5 million.",
                "John F. Kennedy spoke."
            ]
        );
    }

    #[test]
    fn two_apostrophes_quote_across_sentences() {
        let lex = Lexicon::builtin();
        let src = "T\n''We waited a year,'' she said. ''It was too long. Nobody called.''";
        let a = parse(src, Format::Text, &lex);
        let s = split(&a, &lex);
        let texts: Vec<&str> = s.iter().map(|x| x.span.of(src)).collect();
        assert_eq!(texts[1..], ["''We waited a year,'' she said.", "''It was too long.", "Nobody called.''"]);
        assert!(s[3].open_quote_from.is_some(), "{s:?}");
    }

    #[test]
    fn plural_titles_do_not_end_sentences() {
        let got = sentences(
            "T\nTwo rivals, Sens. Ann Lee and Bo Park, and Reps. Cy Dunn and Di Ray objected. Nobody else did.",
        );
        assert_eq!(
            got[1..],
            ["Two rivals, Sens. Ann Lee and Bo Park, and Reps. Cy Dunn and Di Ray objected.", "Nobody else did."]
        );
    }

    #[test]
    fn acronym_at_sentence_end() {
        let got = sentences("T\nHe moved to the U.S. The rest followed.");
        assert_eq!(got[1..], ["He moved to the U.S.", "The rest followed."]);
    }

    #[test]
    fn closing_quotes_and_ellipses() {
        let got = sentences("T\n“It was bad,” he said. “Very bad.” Then... nothing. Why? Because.");
        assert_eq!(got[1..], ["“It was bad,” he said.", "“Very bad.”", "Then... nothing.", "Why?", "Because."]);
    }

    #[test]
    fn quotes_spanning_sentences_are_tracked() {
        let src = "T\n\"First part. Second part,\" she said. Done.";
        let s = split_text(src);
        assert_eq!(s[1].span.of(src), "\"First part.");
        assert!(s[1].ends_in_quote);
        assert_eq!(s[2].open_quote_from, Some(2));
        assert!(!s[2].ends_in_quote);
        assert_eq!(s[3].open_quote_from, None);
    }

    #[test]
    fn mixed_curly_and_straight_quotes() {
        let src = "T\nFreed stated, “That would be bad, but worse.\" Next one.";
        let s = split_text(src);
        assert_eq!(s.len(), 3);
        assert!(!s[1].ends_in_quote);
    }

    #[test]
    fn endless_sentences_are_cut() {
        let lex = Lexicon::builtin();
        let src = format!("T\n{}", "he said that ".repeat(3_000));
        let a = parse(&src, Format::Text, &lex);
        let s = split(&a, &lex);
        assert!(s.len() > 3, "{}", s.len());
        assert!(s.iter().all(|x| x.span.len() <= MAX_SENTENCE_BYTES + 16));
        let glued = format!("T\n{}", "said,".repeat(10_000));
        let a = parse(&glued, Format::Text, &lex);
        assert!(split(&a, &lex).iter().all(|x| x.span.len() <= 2 * MAX_SENTENCE_BYTES + 4));
    }

    #[test]
    fn questions() {
        let src = "T\nWhy should they pay, he wondered? They paid.";
        let s = split_text(src);
        assert!(s[1].is_question(src));
        assert!(!s[2].is_question(src));
    }
}
