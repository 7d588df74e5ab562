//! Byte scans over a whole article, eight bytes at a time.
//!
//! A few graph questions walk the whole text: where a word first occurs
//! (up to case), where the capitalised words are. Testing byte by byte
//! cost several instructions per byte of every article; these scans test
//! a block of eight bytes with a handful of word operations (the usual
//! "does this word hold a zero byte" trick) and only look closer at the
//! blocks that hold a candidate.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The block of eight bytes at `i`, little-endian, if there are eight.
fn block_at(bytes: &[u8], i: usize) -> Option<u64> {
    let block: [u8; 8] = bytes.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(block))
}

/// The index of the first flagged byte (high bit set) in `flags`.
fn first_flagged(flags: u64) -> usize {
    (flags.trailing_zeros() / 8) as usize
}

/// The first index `>= from` whose byte, ASCII-lowercased, is `lower`
/// (a byte that is not an upper-case ASCII letter).
pub(crate) fn find_folded_byte(bytes: &[u8], from: usize, lower: u8) -> Option<usize> {
    // Setting bit 0x20 folds 'A'..='Z' onto 'a'..='z' and nothing else
    // onto a lowercase letter; any other byte must match exactly.
    let fold = if lower.is_ascii_lowercase() { 0x20 } else { 0 };
    let (pattern, folds) = (ONES * u64::from(lower), ONES * u64::from(fold));
    let mut i = from;
    while let Some(block) = block_at(bytes, i) {
        let diff = (block | folds) ^ pattern;
        // The lowest flagged byte is exactly the first zero byte of `diff`.
        let zeros = diff.wrapping_sub(ONES) & !diff & HIGHS;
        if zeros != 0 {
            return Some(i + first_flagged(zeros));
        }
        i += 8;
    }
    (i..bytes.len()).find(|&k| bytes[k] | fold == lower)
}

/// The first index `>= from` holding an upper-case ASCII letter or the
/// first byte of a character of two or more bytes (which may be a
/// capital): the bytes that can start a capitalised word.
pub(crate) fn find_capital_start(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(block) = block_at(bytes, i) {
        // For ASCII bytes (high bit clear), adding 0x3F sets the high bit
        // from 'A' up and adding 0x25 from '[' up; masking to seven bits
        // first keeps the sums inside their byte.
        let low = block & !HIGHS;
        let capitals = (low + ONES * 0x3F) & !(low + ONES * 0x25) & !block & HIGHS;
        // A lead byte of a longer character is 0b11xxxxxx: bit 6 shifted
        // up onto bit 7 of the same byte.
        let leads = block & (block << 1) & HIGHS;
        let flags = capitals | leads;
        if flags != 0 {
            return Some(i + first_flagged(flags));
        }
        i += 8;
    }
    (i..bytes.len()).find(|&k| may_start_capital(bytes[k]))
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
