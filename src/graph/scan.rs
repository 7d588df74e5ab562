//! Byte scans over a whole article, eight bytes at a time.
//!
//! A few graph questions walk the whole text: where a word first occurs
//! (up to case), where the capitalised words are. Testing byte by byte
//! cost several instructions per byte of every article; these scans test
//! a block of eight bytes with a handful of word operations (the usual
//! "does this word hold a zero byte" trick) and only look closer at the
//! blocks that hold a candidate.

use crate::bytescan::{find_first, splat, word_at, zero_bytes};

const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The first index `>= from` whose byte, ASCII-lowercased, is `lower`
/// (a byte that is not an upper-case ASCII letter).
pub(crate) fn find_folded_byte(bytes: &[u8], from: usize, lower: u8) -> Option<usize> {
    // Setting bit 0x20 folds 'A'..='Z' onto 'a'..='z' and nothing else
    // onto a lowercase letter; any other byte must match exactly.
    let fold = if lower.is_ascii_lowercase() { 0x20 } else { 0 };
    let (pattern, folds) = (splat(lower), splat(fold));
    find_first(bytes, from, |block| zero_bytes((block | folds) ^ pattern), |b| b | fold == lower)
}

/// The first index `>= from` where two bytes in a row, ASCII-lowercased,
/// are `first` and `second` (bytes that are not upper-case ASCII letters).
/// A word's first letter alone is found every dozen bytes of an article
/// (an "s", a "t"), and each find was a restarted scan and a comparison;
/// its first two letters together are rare.
pub(crate) fn find_folded_pair(bytes: &[u8], from: usize, first: u8, second: u8) -> Option<usize> {
    let folds = |lower: u8| splat(if lower.is_ascii_lowercase() { 0x20 } else { 0 });
    let (fold_first, fold_second) = (folds(first), folds(second));
    let (want_first, want_second) = (splat(first), splat(second));
    let mut at = from;
    // The block at `at` and the one a byte later, for the pair at each
    // of the eight starts; the marks must be exact for every byte, as
    // both blocks' marks are combined.
    while at + 9 <= bytes.len() {
        let firsts = exact_zero_bytes((word_at(bytes, at) | fold_first) ^ want_first);
        let seconds = exact_zero_bytes((word_at(bytes, at + 1) | fold_second) ^ want_second);
        let both = firsts & seconds;
        if both != 0 {
            return Some(at + (both.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let fold = |b: u8, lower: u8| if lower.is_ascii_lowercase() { b | 0x20 == lower } else { b == lower };
    (at..bytes.len().saturating_sub(1)).find(|&k| fold(bytes[k], first) && fold(bytes[k + 1], second))
}

/// The high bit of exactly those bytes of `block` that are zero (unlike
/// `zero_bytes`, no byte above a zero byte is marked falsely).
fn exact_zero_bytes(block: u64) -> u64 {
    let low_bits_set = (block & !HIGHS) + !HIGHS;
    !(low_bits_set | block) & HIGHS
}

/// The first index `>= from` holding an upper-case ASCII letter or the
/// first byte of a character of two or more bytes (which may be a
/// capital): the bytes that can start a capitalised word.
pub(crate) fn find_capital_start(bytes: &[u8], from: usize) -> Option<usize> {
    find_first(bytes, from, capital_starts, may_start_capital)
}

/// The high bit of each byte of `block` that is an upper-case ASCII letter
/// or the lead byte of a longer character.
fn capital_starts(block: u64) -> u64 {
    let capitals = ascii_capitals(block);
    // A lead byte of a longer character is 0b11xxxxxx: bit 6 shifted up
    // onto bit 7 of the same byte.
    let leads = block & (block << 1) & HIGHS;
    capitals | leads
}

/// The high bit of each byte of `block` that is an upper-case ASCII letter.
fn ascii_capitals(block: u64) -> u64 {
    // For ASCII bytes (high bit clear), adding 0x3F sets the high bit from
    // 'A' up and adding 0x25 from '[' up; masking to seven bits first keeps
    // the sums inside their byte.
    let low = block & !HIGHS;
    (low + splat(0x3F)) & !(low + splat(0x25)) & !block & HIGHS
}

/// An upper-case ASCII letter, or the first byte of a non-ASCII character.
pub(crate) fn may_start_capital(b: u8) -> bool {
    b.is_ascii_uppercase() || b >= 0xC0
}

/// The first index `>= from` holding an upper-case ASCII letter.
fn find_ascii_capital(bytes: &[u8], from: usize) -> Option<usize> {
    find_first(bytes, from, ascii_capitals, |b| b.is_ascii_uppercase())
}

/// The first match of the name pattern
/// `(?-u:\b)[A-Z][a-z'’-]+(?: +(?:[A-Z]\.|[A-Z][A-Za-z'’-]+))+` starting
/// at or after `from`, as the regex crate's `find_at` finds it. Matched
/// by hand: the regex engine stepped through every byte of every article
/// with pronouns in it, while capitals, where a match must start, are
/// found a block at a time. Every part of the pattern is greedy over a
/// class the next part cannot start with, so the longest run of each
/// part is the match, with no backtracking to consider.
pub(crate) fn find_name(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(start) = find_ascii_capital(bytes, at) {
        if let Some(end) = name_from(bytes, start) {
            return Some((start, end));
        }
        at = start + 1;
    }
    None
}

/// Where a name that starts with the capital at `start` ends, if one does.
fn name_from(bytes: &[u8], start: usize) -> Option<usize> {
    // `(?-u:\b)` before a capital: the byte before is no ASCII word byte.
    if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
        return None;
    }
    let mut end = None;
    let mut at = run_end(bytes, start + 1, false).filter(|&e| e > start + 1)?;
    loop {
        let capital = at + bytes[at..].iter().take_while(|&&b| b == b' ').count();
        if capital == at || !bytes.get(capital).is_some_and(u8::is_ascii_uppercase) {
            return end;
        }
        let word_end = if bytes.get(capital + 1) == Some(&b'.') {
            capital + 2
        } else {
            match run_end(bytes, capital + 1, true) {
                Some(e) if e > capital + 1 => e,
                _ => return end,
            }
        };
        (end, at) = (Some(word_end), word_end);
    }
}

/// The end of the run from `at` of lowercase ASCII letters (and capitals
/// when `capitals`), apostrophes, right single quotes and hyphens.
fn run_end(bytes: &[u8], mut at: usize, capitals: bool) -> Option<usize> {
    const RIGHT_QUOTE: &[u8] = "’".as_bytes();
    loop {
        match bytes.get(at) {
            Some(b) if b.is_ascii_lowercase() || matches!(b, b'\'' | b'-') || capitals && b.is_ascii_uppercase() => {
                at += 1
            }
            Some(_) if bytes[at..].starts_with(RIGHT_QUOTE) => at += RIGHT_QUOTE.len(),
            _ => return Some(at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every position of a block and of the tail.
    fn haystacks() -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for b in 0..=255u8 {
            for at in [0, 3, 7, 8, 12, 17] {
                let mut hay = vec![b'.'; 19];
                hay[at] = b;
                out.push(hay);
            }
        }
        out
    }

    #[test]
    fn folded_byte_agrees_with_a_plain_search() {
        for hay in haystacks() {
            for lower in [b'a', b'm', b'z', b'-', b'\'', 0xC3, 0x80, b'.'] {
                for from in [0, 1, 5, 9, 19] {
                    let expected = (from..hay.len()).find(|&k| hay[k].to_ascii_lowercase() == lower);
                    assert_eq!(find_folded_byte(&hay, from, lower), expected, "{hay:?} {lower} {from}");
                }
            }
        }
    }

    #[test]
    fn folded_pair_agrees_with_a_plain_search() {
        let mut hays = haystacks();
        hays.push(b"Sa sA.sa-SAs xsa".repeat(3));
        for hay in hays {
            for (first, second) in [(b's', b'a'), (b'.', b'.'), (b'a', b'.'), (b'-', b's'), (0xC3, b'.')] {
                for from in [0, 1, 5, 9, 19] {
                    let expected = (from..hay.len().saturating_sub(1))
                        .find(|&k| hay[k].to_ascii_lowercase() == first && hay[k + 1].to_ascii_lowercase() == second);
                    assert_eq!(find_folded_pair(&hay, from, first, second), expected, "{hay:?} {first} {from}");
                }
            }
        }
    }

    /// The pattern [`find_name`] matches by hand, for the regex crate to check it.
    fn name_pattern() -> &'static regex::Regex {
        static PATTERN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(r"(?-u:\b)[A-Z][a-z'’-]+(?: +(?:[A-Z]\.|[A-Z][A-Za-z'’-]+))+").unwrap()
        });
        &PATTERN
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]

        /// Texts made of the characters the pattern turns on, so that
        /// names, near-names and their edges are common.
        #[test]
        fn names_agree_with_the_pattern_on_any_text(text in "[ABab '’.\\-_é\t1\n]{0,32}") {
            for from in (0..=text.len()).filter(|&k| text.is_char_boundary(k)) {
                let expected = name_pattern().find_at(&text, from).map(|m| (m.start(), m.end()));
                proptest::prop_assert_eq!(find_name(&text, from), expected, "{:?} {}", text, from);
            }
        }
    }

    #[test]
    fn names_agree_with_the_pattern() {
        let pattern = name_pattern();
        let texts = [
            "Jane Okafor met J. Smith. Smith said Harbour Gazette Reporter Tom Lee was there. He Also Went.\nAnn Bo",
            "McDonald Smith and O’Brien  Lee-Ray, aJohn Doe _Ann Bo 1Ann Bo éAnn Bo Ann B.C. Ann  B. Ann Bé",
            "Ann ’ Bo Ann’s Bo Ann-  X. Ann X Ann X.Y Z Ab CD’ef- EF A B Ann\tBo Ann B",
            "",
            "A",
            "Ab",
            "Ab C",
            "Ab C.",
            "Ab Cd",
        ];
        for text in texts {
            for from in (0..=text.len()).filter(|&k| text.is_char_boundary(k)) {
                let expected = pattern.find_at(text, from).map(|m| (m.start(), m.end()));
                assert_eq!(find_name(text, from), expected, "{text:?} {from}");
            }
        }
    }

    #[test]
    fn capital_start_agrees_with_a_plain_search() {
        for hay in haystacks() {
            for from in [0, 1, 5, 9, 19] {
                let expected = (from..hay.len()).find(|&k| may_start_capital(hay[k]));
                assert_eq!(find_capital_start(&hay, from), expected, "{hay:?} {from}");
            }
        }
    }
}
