//! Word tokens with byte spans, for one sentence at a time.

use crate::lexicon::Lexicon;
use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters and digits, with inner apostrophes, hyphens and the periods
    /// of abbreviations ("Serbia's", "NATO-led", "U.S.", "Mr.").
    Word,
    Number,
    /// A double quotation mark, straight or curly.
    Quote,
    /// Any other punctuation mark.
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'t> {
    /// The token's text in the ASCII-lowercased prose, sliced as the token
    /// is found: stages ask for the same token's word many times, and a
    /// separate list of words cost a second pass and a bounds check more
    /// per question. It also gives the token's span ([`Token::span`]): a
    /// span of its own made the token 40 bytes instead of 24, written for
    /// every token of every sentence.
    pub word: &'t str,
    pub kind: TokenKind,
    /// Whether the token stands inside a direct quotation (quotation
    /// marks themselves never do).
    pub quoted: bool,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Number)
    }

    /// The token's byte span in `lower`, the lowercased prose its word was
    /// sliced from: the word's distance from the start of `lower`.
    #[inline]
    pub fn span(&self, lower: &str) -> Span {
        // Only a word sliced from `lower` has a place in it; every caller
        // goes through `attributions::View`, which holds the two together.
        debug_assert!(lower.as_bytes().as_ptr_range().contains(&self.word.as_ptr()) || self.word.is_empty());
        let start = self.word.as_ptr() as usize - lower.as_ptr() as usize;
        Span::new(start, start + self.word.len())
    }
}

fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// `c.is_alphanumeric()`, answered without the Unicode tables for ASCII
/// and for General Punctuation (curly quotes and apostrophes, dashes,
/// ellipsis), which holds no letter or digit: articles are full of those
/// marks, and a table lookup costs a few hundred instructions.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { !GENERAL_PUNCTUATION.contains(&c) && c.is_alphanumeric() }
}

const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

/// The character at byte `i` of `s` and its length; ASCII without decoding.
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b.is_ascii() {
        return (char::from(b), 1);
    }
    let c = s[i..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

/// Splits `text[span]` into tokens, marking those inside quotation marks;
/// `starts_inside` when the sentence continues a quotation opened earlier.
/// `lower` is `text` ASCII-lowercased, for each token's word. `lexicon`
/// supplies the abbreviations whose period belongs to the word.
///
/// A byte loop: spaces and runs of ASCII letters and digits, most of any
/// text, are classified by table without decoding; other characters are
/// decoded one at a time. The quotation marks are followed in the same
/// pass: a second pass over the tokens, into a separate list, cost a
/// bounds check per token each time a stage asked.
pub fn tokenize<'t>(
    text: &str,
    lower: &'t str,
    span: Span,
    starts_inside: bool,
    lexicon: &Lexicon,
    out: &mut Vec<Token<'t>>,
) {
    out.clear();
    let s = &text[span.range()];
    let lower_s = &lower[span.range()];
    // Classes, marks and quotes are read from the lowercased bytes, which
    // differ from the text's only in letters (both `LETTER`): one slice
    // instead of two keeps the loop's bounds and base in fewer registers.
    let bytes = lower_s.as_bytes();
    let mut inside = starts_inside;
    let token =
        |from: usize, to: usize, kind: TokenKind, quoted: bool| Token { word: &lower_s[from..to], kind, quoted };
    let lower_bytes = bytes;
    let mut i = 0;
    while i < bytes.len() {
        let class = ASCII_CLASS[usize::from(bytes[i])];
        if class == SPACE {
            i += 1;
            continue;
        }
        // Fast path for most words: ASCII letters (and digits after the
        // first letter) up to a byte that cannot join a word. It skips
        // decoding the character and the general word search, whose
        // joins, numbers and abbreviations such a word never reaches.
        if class == LETTER {
            match plain_words(lower_s, i, inside, out) {
                PlainStop::Done(next) => {
                    i = next;
                    continue;
                }
                // A period after two or more letters joins no word: it ends
                // the sentence or belongs to an abbreviation ("Sept.").
                PlainStop::Period(from, end) => {
                    let end = if lexicon.abbreviations.contains(&s[from..end]) { end + 1 } else { end };
                    out.push(token(from, end, TokenKind::Word, inside));
                    i = end;
                    continue;
                }
                // Left to the general word search below; the byte at `at`
                // is an ASCII letter like the one the run started with.
                PlainStop::General(at) => i = at,
            }
        }
        // Fast path for most other tokens: an ASCII mark that cannot be a
        // quotation mark is one punctuation token, and digits followed by
        // a byte that joins no number are one number. Both skip decoding
        // the character and the word and quotation tests.
        if PLAIN_PUNCT[usize::from(bytes[i])] {
            out.push(token(i, i + 1, TokenKind::Punct, inside));
            i += 1;
            continue;
        }
        if class == DIGIT {
            let end = digits_end(lower_bytes, i + 1);
            if lower_bytes.get(end).is_none_or(|&b| ENDS_PLAIN_NUMBER[usize::from(b)]) {
                out.push(token(i, end, TokenKind::Number, inside));
                i = end;
                continue;
            }
        }
        let (c, len) = char_at(s, i);
        // ASCII marks are never white space; only other characters need
        // the Unicode tables.
        let non_ascii = !c.is_ascii();
        if non_ascii && c.is_whitespace() {
            i += len;
            continue;
        }
        if class != MARK || non_ascii && is_alphanumeric(c) {
            let word = word_at(s, i, len, lexicon);
            match word.has_apostrophe.then(|| clitic_split(&s[i..word.end])).flatten() {
                // "He’s said", "they’ve argued": the pronoun is the subject
                // and the clitic an auxiliary.
                Some(stem) => {
                    out.push(token(i, i + stem, word.kind, inside));
                    out.push(token(i + stem, word.end, word.kind, inside));
                }
                None => out.push(token(i, word.end, word.kind, inside)),
            }
            i = word.end;
            continue;
        }
        let (to, kind) = if (c == '\'' || c == '`') && bytes.get(i + 1) == Some(&(c as u8)) {
            // '' and `` stand for double quotes in some wire copy.
            (i + 2, TokenKind::Quote)
        } else if is_quote_char(c) {
            (i + len, TokenKind::Quote)
        } else {
            (i + len, TokenKind::Punct)
        };
        let quoted = if kind == TokenKind::Quote {
            inside = opens_quotation(text, Span::new(span.start + i, span.start + to), inside);
            false
        } else {
            inside
        };
        out.push(token(i, to, kind, quoted));
        i = to;
    }
}

/// Where [`plain_words`] stopped.
enum PlainStop {
    /// Before the byte at this index, which starts no plain word.
    Done(usize),
    /// Before the word of ASCII letters and digits at `.0..1`, which a
    /// period follows: an abbreviation or the sentence's end.
    Period(usize, usize),
    /// Before the word at this index, which needs the general search.
    General(usize),
}

/// Pushes the plain words from the ASCII letter at `from` on: runs of
/// ASCII letters and digits that start with a letter and end at a byte
/// that cannot join a word, each followed by one space, or by a mark of
/// its own ("," or ";") and a space, and the next such word. Most of any
/// sentence is such a run. One tight loop keeps the cursor, the bytes and
/// the list in registers, and the explicit ASCII tests let the compiler
/// drop the slicing's char-boundary checks, which the outer loop, with its
/// many paths, cost per word.
#[inline]
fn plain_words<'t>(lower_s: &'t str, from: usize, quoted: bool, out: &mut Vec<Token<'t>>) -> PlainStop {
    let bytes = lower_s.as_bytes();
    let mut i = from;
    // Each turn starts at an ASCII letter; the caller has tested the first
    // one, but the test here is what tells the compiler that the word's
    // slice starts at a char boundary.
    while let Some(&first) = bytes.get(i)
        && first.is_ascii()
        && ASCII_CLASS[usize::from(first)] == LETTER
    {
        let end = letters_and_digits_end(bytes, i + 1);
        let Some(&next) = bytes.get(end) else {
            out.push(Token { word: &lower_s[i..], kind: TokenKind::Word, quoted });
            return PlainStop::Done(end);
        };
        // Most words end at a space, which is stepped over here, and the
        // next word taken without a turn of the outer loop or a table
        // lookup for the space.
        if next == b' ' {
            out.push(Token { word: &lower_s[i..end], kind: TokenKind::Word, quoted });
            i = end + 1;
            continue;
        }
        if !(next.is_ascii() && ENDS_PLAIN_WORD[usize::from(next)]) {
            return if next == b'.' && end - i >= 2 { PlainStop::Period(i, end) } else { PlainStop::General(i) };
        }
        out.push(Token { word: &lower_s[i..end], kind: TokenKind::Word, quoted });
        // A mark that is a token of its own ("," ";" ")") is taken here
        // too, where it is already read, as the outer loop would, and the
        // space after it.
        if !PLAIN_PUNCT[usize::from(next)] {
            return PlainStop::Done(end);
        }
        out.push(Token { word: &lower_s[end..end + 1], kind: TokenKind::Punct, quoted });
        i = end + 1;
        if bytes.get(i) != Some(&b' ') {
            return PlainStop::Done(i);
        }
        i += 1;
    }
    PlainStop::Done(i)
}

/// Whether the quotation mark at `mark` leaves the text inside a quotation.
/// Spacing tells opening from closing marks better than the glyph, which
/// writers and feeds often get wrong (`“It's unusual,“ said`).
fn opens_quotation(text: &str, mark: Span, inside: bool) -> bool {
    let before = text[..mark.start].chars().next_back();
    let after = text[mark.end..].chars().next();
    let spaced_before = before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–'));
    let spaced_after = after.is_none_or(|c| c.is_whitespace());
    match (spaced_before, spaced_after, mark.of(text)) {
        (true, false, _) => true,
        (false, true, _) => false,
        (_, _, "“" | "„" | "«" | "``") => true,
        (_, _, "”" | "»") => false,
        _ => !inside,
    }
}

/// What an ASCII byte is to the tokenizer: bytes of other characters are
/// `MARK` too, and decoded.
const MARK: u8 = 0;
const SPACE: u8 = 1;
const DIGIT: u8 = 2;
const LETTER: u8 = 4;
const ASCII_CLASS: [u8; 256] = {
    let mut table = [MARK; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_digit() {
            DIGIT
        } else if byte.is_ascii_alphabetic() {
            LETTER
        } else if matches!(byte, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            // The ASCII characters `char::is_whitespace` accepts.
            SPACE
        } else {
            MARK
        };
        b += 1;
    }
    table
};

/// The end of the run of ASCII letters and digits at `from`.
#[inline]
fn letters_and_digits_end(bytes: &[u8], mut from: usize) -> usize {
    while from < bytes.len() && ASCII_CLASS[usize::from(bytes[from])] & (DIGIT | LETTER) != 0 {
        from += 1;
    }
    from
}

/// Bytes after a run of ASCII letters and digits that starts with a
/// letter that end the word there: every ASCII byte but the marks
/// [`word_at`] may let join such a word (a comma joins only numbers; a
/// period is left to the caller). Other characters may be letters and are
/// left to it.
const ENDS_PLAIN_WORD: [bool; 256] = ascii_bytes_except(0, b"'-&.");

/// The end of the run of ASCII digits at `from`.
#[inline]
fn digits_end(bytes: &[u8], mut from: usize) -> usize {
    while from < bytes.len() && ASCII_CLASS[usize::from(bytes[from])] == DIGIT {
        from += 1;
    }
    from
}

/// ASCII marks that make a punctuation token of their own: every one but
/// the quotation marks `"`, `'` and `` ` `` (also doubled: `''`).
const PLAIN_PUNCT: [bool; 256] = ascii_bytes_except(SPACE | DIGIT | LETTER, b"\"'`");

/// Bytes after a run of ASCII digits that end the number there: every
/// ASCII byte but letters (which make it a word) and the period and comma
/// (which may join digits). Other characters may be letters and are left
/// to [`word_at`].
const ENDS_PLAIN_NUMBER: [bool; 256] = ascii_bytes_except(LETTER, b".,");

/// A table of the ASCII bytes whose class is none of `classes` and which
/// are none of `marks`.
const fn ascii_bytes_except(classes: u8, marks: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let mut k = 0;
        let mut listed = false;
        while k < marks.len() {
            listed |= marks[k] == b as u8;
            k += 1;
        }
        table[b] = ASCII_CLASS[b] & classes == 0 && !listed;
        b += 1;
    }
    table
}

/// A word found by [`word_at`].
struct WordEnd {
    end: usize,
    kind: TokenKind,
    /// Only a word with an inner apostrophe can hold a clitic.
    has_apostrophe: bool,
}

/// The word starting with the alphanumeric character at byte `i` of `s`
/// (`len` bytes long), with its inner apostrophes, hyphens and periods.
fn word_at(s: &str, i: usize, len: usize, lexicon: &Lexicon) -> WordEnd {
    let bytes = s.as_bytes();
    let mut end = i + len;
    let mut all_digits = bytes[i].is_ascii_digit();
    let mut has_apostrophe = false;
    loop {
        end = ascii_alphanumeric_end(bytes, end, &mut all_digits);
        let Some(&b) = bytes.get(end) else { break };
        // ASCII letters and digits are taken; of the other ASCII bytes
        // only these marks can join a word. Most words end at a space.
        if b.is_ascii() && !matches!(b, b'\'' | b'-' | b'&' | b'.' | b',') {
            break;
        }
        let j = end;
        let (d, d_len) = char_at(s, j);
        let next_is_alnum = || s[j + d_len..].chars().next().is_some_and(is_alphanumeric);
        let joins = is_alphanumeric(d)
            || ((is_apostrophe(d) || d == '-' || d == '&') && !all_digits && next_is_alnum())
            || ((d == '.' || d == ',') && all_digits && s[j + 1..].starts_with(|n: char| n.is_ascii_digit()))
            || (d == '.' && !all_digits && next_is_alnum() && is_acronym_so_far(&s[i..j]));
        if !joins {
            break;
        }
        all_digits &= d.is_ascii_digit() || d == '.' || d == ',';
        has_apostrophe |= is_apostrophe(d);
        end = j + d_len;
    }
    // A trailing period belongs to an abbreviation or acronym.
    if bytes.get(end) == Some(&b'.') {
        let word = &s[i..end];
        if lexicon.abbreviations.contains(word) || word.contains('.') || is_initial(word) {
            end += 1;
        }
    }
    let kind = if all_digits { TokenKind::Number } else { TokenKind::Word };
    WordEnd { end, kind, has_apostrophe }
}

/// The end of the run of ASCII letters and digits at `from`; clears
/// `all_digits` when the run holds a letter. Digits are taken first so
/// that the usual run, all letters or all digits, is one tight loop.
fn ascii_alphanumeric_end(bytes: &[u8], mut from: usize, all_digits: &mut bool) -> usize {
    if *all_digits {
        from = digits_end(bytes, from);
        if bytes.get(from).is_none_or(|&b| ASCII_CLASS[usize::from(b)] != LETTER) {
            return from;
        }
        *all_digits = false;
    }
    letters_and_digits_end(bytes, from)
}

/// The start of the run of letters and digits holding byte `i` (itself
/// one), walking back over the characters before it: the mirror of
/// [`alphanumeric_run_end`].
pub(crate) fn alphanumeric_run_start(text: &str, mut i: usize) -> usize {
    while let Some(before) = text[..i].chars().next_back() {
        if !is_alphanumeric(before) {
            break;
        }
        i -= before.len_utf8();
    }
    i
}

/// The end of the run of alphanumeric characters at byte `i` of `text`.
pub(crate) fn alphanumeric_run_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        // A table lookup per byte: `is_ascii_alphanumeric` is three range
        // tests.
        while i < bytes.len() && ASCII_ALPHANUMERIC[usize::from(bytes[i])] {
            i += 1;
        }
        if i >= bytes.len() || bytes[i].is_ascii() {
            return i;
        }
        let (alphanumeric, len) = alphanumeric_at(text, i);
        if !alphanumeric {
            return i;
        }
        i += len;
    }
}

/// Whether the character starting at byte `i` of `text` is alphanumeric
/// ([`is_alphanumeric`]), and its length. The curly quotes, apostrophes
/// and dashes of news text (U+2000 to U+203F, bytes E2 80 xx) are answered
/// from their first two bytes, without decoding them.
#[inline]
pub(crate) fn alphanumeric_at(text: &str, i: usize) -> (bool, usize) {
    let bytes = text.as_bytes();
    let b = bytes[i];
    if b.is_ascii() {
        return (ASCII_ALPHANUMERIC[usize::from(b)], 1);
    }
    if b == 0xE2 && bytes.get(i + 1) == Some(&0x80) {
        return (false, 3);
    }
    let (c, len) = char_at(text, i);
    (is_alphanumeric(c), len)
}

/// ASCII letters and digits, indexed by any byte so that no lookup needs
/// a bounds check.
pub(crate) const ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The runs of `text` made of alphanumeric characters and of the ASCII
/// characters in `also`, with their byte offsets: the same as splitting on
/// every other character and dropping empty pieces, but a table-driven
/// byte loop for ASCII, as this runs over every claim and every article.
pub fn word_runs<'t>(text: &'t str, also: &[u8]) -> impl Iterator<Item = (usize, &'t str)> + 't {
    let mut ascii_word = ASCII_ALPHANUMERIC;
    for &b in also {
        if b.is_ascii() {
            ascii_word[usize::from(b)] = true;
        }
    }
    let bytes = text.as_bytes();
    // Whether the character at `i` is a word character, and its length.
    let at = move |i: usize| -> (bool, usize) {
        let b = bytes[i];
        if b.is_ascii() {
            return (ascii_word[usize::from(b)], 1);
        }
        alphanumeric_at(text, i)
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            if i >= bytes.len() {
                return None;
            }
            let (in_word, len) = at(i);
            if in_word {
                break;
            }
            i += len;
        }
        let start = i;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                if !ascii_word[usize::from(b)] {
                    break;
                }
                i += 1;
                continue;
            }
            let (in_word, len) = at(i);
            if !in_word {
                break;
            }
            i += len;
        }
        Some((start, &text[start..i]))
    })
}

/// Where a pronoun ends and its clitic starts: "He’s" → 2, "they've" → 4.
fn clitic_split(word: &str) -> Option<usize> {
    let apostrophe = word.rfind(['\'', '’'])?;
    let (stem, clitic) = word.split_at(apostrophe);
    let clitic = clitic.trim_start_matches(['\'', '’']);
    const PRONOUNS: [&str; 10] = ["he", "she", "it", "they", "we", "i", "you", "who", "that", "there"];
    let pronoun = PRONOUNS.iter().any(|p| stem.eq_ignore_ascii_case(p));
    (pronoun && matches!(clitic, "s" | "ve" | "re" | "ll" | "d" | "m")).then_some(apostrophe)
}

/// "U.S" so far: single letters separated by periods.
fn is_acronym_so_far(word: &str) -> bool {
    word.split('.').all(|part| part.chars().count() == 1)
}

/// A single capital letter: an initial such as the "F" in "John F. Kennedy".
pub fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        let lex = Lexicon::builtin();
        let lower = s.to_ascii_lowercase();
        let mut out = Vec::new();
        tokenize(s, &lower, Span::new(0, s.len()), false, &lex, &mut out);
        out.iter().map(|t| t.span(&lower).of(s).to_string()).collect()
    }

    #[test]
    fn words_keep_inner_marks() {
        assert_eq!(
            words("Serbia's NATO-led U.S. forces, Mr. Smith said “no.”"),
            vec!["Serbia's", "NATO-led", "U.S.", "forces", ",", "Mr.", "Smith", "said", "“", "no", ".", "”"]
        );
    }

    #[test]
    fn numbers() {
        assert_eq!(words("$100,000 or 3.5 percent"), vec!["$", "100,000", "or", "3.5", "percent"]);
    }

    #[test]
    fn word_runs_split_like_str_split() {
        for text in ["", "  ", "U.S. aid, Serbia's “NATO-led” É1 x", "ab", "naïve café—déjà vu.", "'quoted'"]
        {
            for also in [&b""[..], b"'.", b"."] {
                let split: Vec<(usize, &str)> = text
                    .split(|c: char| !(c.is_alphanumeric() || c.is_ascii() && also.contains(&(c as u8))))
                    .filter(|w| !w.is_empty())
                    .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
                    .collect();
                assert_eq!(word_runs(text, also).collect::<Vec<_>>(), split, "{text:?} {also:?}");
            }
        }
    }

    #[test]
    fn general_punctuation_holds_no_letter_or_digit() {
        for c in GENERAL_PUNCTUATION {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
        for c in ['a', 'Z', '7', 'é', 'Σ', '’', '“', '—', ' ', '\u{1FFF}', '\u{2070}', '\u{2071}', '-'] {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn alphanumeric_at_answers_every_character_as_the_unicode_tables_do() {
        for c in ('\0'..='\u{3000}').chain(['\u{1F642}', '中', 'ﬁ']) {
            let text = format!("{c}x");
            assert_eq!(alphanumeric_at(&text, 0), (c.is_alphanumeric(), c.len_utf8()), "{c:?}");
        }
    }

    #[test]
    fn initials() {
        assert_eq!(words("John F. Kennedy"), vec!["John", "F.", "Kennedy"]);
    }
}
