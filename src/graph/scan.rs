//! Byte scans over a whole article, eight bytes at a time.
//!
//! A few graph questions walk the whole text: where a word first occurs
//! (up to case), where the capitalised words are. Testing byte by byte
//! cost several instructions per byte of every article; these scans test
//! a block of eight bytes with a handful of word operations (the usual
//! "does this word hold a zero byte" trick) and only look closer at the
//! blocks that hold a candidate.

use crate::bytescan::{find_first, splat, zero_bytes};

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

/// The first index `>= from` holding an upper-case ASCII letter or the
/// first byte of a character of two or more bytes (which may be a
/// capital): the bytes that can start a capitalised word.
pub(crate) fn find_capital_start(bytes: &[u8], from: usize) -> Option<usize> {
    find_first(bytes, from, capital_starts, may_start_capital)
}

/// The high bit of each byte of `block` that is an upper-case ASCII letter
/// or the lead byte of a longer character.
fn capital_starts(block: u64) -> u64 {
    // For ASCII bytes (high bit clear), adding 0x3F sets the high bit from
    // 'A' up and adding 0x25 from '[' up; masking to seven bits first keeps
    // the sums inside their byte.
    let low = block & !HIGHS;
    let capitals = (low + splat(0x3F)) & !(low + splat(0x25)) & !block & HIGHS;
    // A lead byte of a longer character is 0b11xxxxxx: bit 6 shifted up
    // onto bit 7 of the same byte.
    let leads = block & (block << 1) & HIGHS;
    capitals | leads
}

/// An upper-case ASCII letter, or the first byte of a non-ASCII character.
pub(crate) fn may_start_capital(b: u8) -> bool {
    b.is_ascii_uppercase() || b >= 0xC0
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
    fn capital_start_agrees_with_a_plain_search() {
        for hay in haystacks() {
            for from in [0, 1, 5, 9, 19] {
                let expected = (from..hay.len()).find(|&k| may_start_capital(hay[k]));
                assert_eq!(find_capital_start(&hay, from), expected, "{hay:?} {from}");
            }
        }
    }
}
