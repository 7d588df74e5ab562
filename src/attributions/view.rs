//! A sentence seen as tokens, with cheap access to each token's text.

use crate::sentences::Sentence;
use crate::sentences::tokens::{Token, TokenKind};
use crate::span::Span;

pub struct View<'a> {
    /// The article's prose (markup blanked).
    pub text: &'a str,
    /// The same, ASCII-lowercased: same offsets, case-free comparisons.
    pub lower: &'a str,
    pub toks: &'a [Token<'a>],
    pub sentence: &'a Sentence,
}

impl View<'_> {
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// The token's lowercased text.
    pub fn lw(&self, i: usize) -> &str {
        self.toks[i].word
    }

    /// The token's text as written.
    pub fn raw(&self, i: usize) -> &str {
        self.token_span(i).of(self.text)
    }

    pub fn quoted(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.quoted)
    }

    /// The token that starts at byte `at` (tokens are in text order).
    pub fn token_starting_at(&self, at: usize) -> Option<usize> {
        let k = self.toks.partition_point(|t| t.span(self.lower).start < at);
        (k < self.toks.len() && self.token_span(k).start == at).then_some(k)
    }

    /// The last token that ends at or before byte `at`.
    pub fn last_token_ending_by(&self, at: usize) -> Option<usize> {
        self.toks.partition_point(|t| t.span(self.lower).end <= at).checked_sub(1)
    }

    /// Whether token `i` exists and is the lowercase word `word`.
    pub fn lw_is(&self, i: usize, word: &str) -> bool {
        i < self.len() && self.is_word(i) && self.lw(i) == word
    }

    pub fn is_word(&self, i: usize) -> bool {
        i < self.len() && self.toks[i].is_word()
    }

    pub fn is_quote(&self, i: usize) -> bool {
        i < self.len() && self.toks[i].kind == TokenKind::Quote
    }

    pub fn is_punct(&self, i: usize, c: &str) -> bool {
        i < self.len() && self.toks[i].kind == TokenKind::Punct && self.has_bytes(i, c)
    }

    /// Whether token `i` is written `c`, compared as bytes of its word:
    /// lowercasing leaves marks as they are, and the word is at hand
    /// where the text would be sliced and checked for character
    /// boundaries first.
    fn has_bytes(&self, i: usize, c: &str) -> bool {
        self.toks[i].word.as_bytes() == c.as_bytes()
    }

    pub fn is_comma(&self, i: usize) -> bool {
        self.is_punct(i, ",")
    }

    /// Starts with an upper-case letter. An ASCII first byte, as most
    /// are, is tested alone: slicing the token's text and decoding its
    /// first character cost several times more, for a test asked of many
    /// tokens around every cue.
    pub fn is_cap(&self, i: usize) -> bool {
        if i >= self.len() || self.toks[i].kind != TokenKind::Word {
            return false;
        }
        match self.text.as_bytes()[self.token_span(i).range()].first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => self.raw(i).chars().next().is_some_and(char::is_uppercase),
        }
    }

    pub fn is_number(&self, i: usize) -> bool {
        i < self.len() && self.toks[i].kind == TokenKind::Number
    }

    /// The byte span of token `i`.
    pub fn token_span(&self, i: usize) -> Span {
        self.toks[i].span(self.lower)
    }

    /// The byte span from token `a` to token `b` (exclusive).
    pub fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.token_span(a).start, self.token_span(b - 1).end)
    }

    /// Index of the token after the last one that is not terminal
    /// punctuation. A sentence that ends inside closing quotes keeps its
    /// final marks, as quotations are cited whole.
    pub fn content_end(&self) -> usize {
        let mut end = self.len();
        if end > 0 && self.is_quote(end - 1) {
            return end;
        }
        while end > 0
            && (self.is_punct(end - 1, ".")
                || self.is_punct(end - 1, "!")
                || self.is_punct(end - 1, "?")
                || self.is_punct(end - 1, "…"))
        {
            end -= 1;
        }
        end
    }

    /// Index of the token matching the bracket at `close` (walking left).
    pub fn matching_open(&self, close: usize) -> Option<usize> {
        let (open, shut) = match self.raw(close) {
            ")" => ("(", ")"),
            "]" => ("[", "]"),
            _ => return None,
        };
        let mut depth = 0;
        for k in (0..=close).rev() {
            if self.is_punct(k, shut) {
                depth += 1;
            } else if self.is_punct(k, open) {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
        }
        None
    }

    /// Index of the token matching the bracket at `open` (walking right).
    pub fn matching_close(&self, open: usize) -> Option<usize> {
        let (open_c, shut) = match self.raw(open) {
            "(" => ("(", ")"),
            "[" => ("[", "]"),
            _ => return None,
        };
        let mut depth = 0;
        for k in open..self.len() {
            if self.is_punct(k, open_c) {
                depth += 1;
            } else if self.is_punct(k, shut) {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
        }
        None
    }
}
