//! Word-at-a-time byte searches: eight bytes are tested with a few integer
//! operations, for scans that run over every byte of every article.

/// Eight copies of byte `b`.
pub const fn splat(b: u8) -> u64 {
    u64::from_le_bytes([b; 8])
}

/// The high bit of every byte of `word` that is zero. A borrow can only
/// mark bytes above a real zero byte, so the lowest mark is exact.
pub const fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(splat(1)) & !word & splat(0x80)
}

/// The high bit of every byte of `word` below `n` (`n` at most 0x80); as
/// with [`zero_bytes`], only the lowest mark is exact.
pub const fn bytes_below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(splat(n)) & !word & splat(0x80)
}

/// The eight bytes of `bytes` at `i` as one little-endian word.
pub fn word_at(bytes: &[u8], i: usize) -> u64 {
    let mut chunk = [0u8; 8];
    chunk.copy_from_slice(&bytes[i..i + 8]);
    u64::from_le_bytes(chunk)
}

/// The index of the first byte at or after `from` for which `marks` (given
/// a word) sets a high bit, checked eight bytes at a time; the last few
/// bytes are checked one by one with `is_mark`.
pub fn find_first(
    bytes: &[u8],
    from: usize,
    marks: impl Fn(u64) -> u64,
    is_mark: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut i = from;
    // Sixteen bytes per step while they last: one test and one branch for
    // two words halves the loop's own cost on long runs of plain text.
    while i + 16 <= bytes.len() {
        let (low, high) = (marks(word_at(bytes, i)), marks(word_at(bytes, i + 8)));
        if low | high != 0 {
            let bit = if low != 0 { low.trailing_zeros() } else { 64 + high.trailing_zeros() };
            return Some(i + (bit / 8) as usize);
        }
        i += 16;
    }
    while i + 8 <= bytes.len() {
        let found = marks(word_at(bytes, i));
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes.get(i..)?.iter().position(|&b| is_mark(b)).map(|k| i + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_mark_at_every_offset() {
        let marks = |w: u64| zero_bytes(w ^ splat(b'"')) | bytes_below(w, 0x20);
        let is_mark = |b: u8| b == b'"' || b < 0x20;
        // Past 32 bytes, so marks fall in either word of a sixteen-byte
        // step, in the single-word step after it and in the tail.
        for len in 0..40 {
            for at in 0..len {
                for mark in [b'"', b'\n', 0u8, 0x1f] {
                    let mut bytes = vec![b'x'; len];
                    bytes[at] = mark;
                    assert_eq!(find_first(&bytes, 0, marks, is_mark), Some(at), "len {len} at {at}");
                    assert_eq!(find_first(&bytes, at + 1, marks, is_mark), None);
                }
            }
        }
        // With marks in both words of a step, the first one wins.
        let mut two = vec![b'x'; 32];
        (two[5], two[6], two[12]) = (0, b'"', b'\n');
        assert_eq!(find_first(&two, 0, marks, is_mark), Some(5));
        assert_eq!(find_first(&two, 6, marks, is_mark), Some(6));
        // Bytes just above the marks, and non-ASCII, are no marks.
        let plain = "#!  é—”\u{7f}  ".as_bytes();
        assert_eq!(find_first(plain, 0, marks, is_mark), None);
    }
}
