//! Case-folded word lookups that do not allocate for the common case.
//!
//! The graph stage asks "is this word, lowercased, one of these?" many
//! times for every new source. `str::to_lowercase` allocates a `String`
//! each time and comparing with every entry of a list is linear; together
//! they were most of the stage's cost. Short ASCII words (nearly all words
//! of news text) are lowercased into a buffer on the stack instead, and
//! lists are hash sets.

use crate::lexicon::TokenSet;

/// Words longer than this are lowercased on the heap; no list entry is
/// anywhere near this long.
const STACK_WORD: usize = 32;

/// Calls `f` with `word.to_lowercase()`, lowercasing short ASCII words on
/// the stack. For ASCII, `to_lowercase` and ASCII lowercasing agree; any
/// other word takes the full Unicode path (final sigma and all).
pub(crate) fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    with_lowercase_within::<STACK_WORD, R>(word, f)
}

/// `with_lowercase`, on the stack for ASCII text of up to `N` bytes.
pub(crate) fn with_lowercase_within<const N: usize, R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if word.len() <= N && word.is_ascii() {
        with_ascii_lowercase_within::<N, R>(word, f)
    } else {
        f(&word.to_lowercase())
    }
}

/// Calls `f` with `word.to_ascii_lowercase()`, on the stack when short.
pub(crate) fn with_ascii_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    with_ascii_lowercase_within::<STACK_WORD, R>(word, f)
}

/// `with_ascii_lowercase`, on the stack for up to `N` bytes.
pub(crate) fn with_ascii_lowercase_within<const N: usize, R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if word.len() > N {
        return f(&word.to_ascii_lowercase());
    }
    let mut buffer = [0u8; N];
    let lowered = &mut buffer[..word.len()];
    lowered.copy_from_slice(word.as_bytes());
    lowered.make_ascii_lowercase();
    // ASCII lowercasing keeps UTF-8 valid, so this never takes the `Err` arm.
    match std::str::from_utf8(lowered) {
        Ok(lower) => f(lower),
        Err(_) => f(&word.to_ascii_lowercase()),
    }
}

/// A 1024-bit sketch of a set of keys, on the stack: a clear bit means no
/// key of the set is the one asked about. What a key is made of is the
/// caller's (a word's length and some of its bytes, ASCII-lowercased), so
/// that it can be computed from the word as written, without copying it.
#[derive(Clone, Copy, Default)]
pub(crate) struct Sketch {
    bits: [u64; 16],
}

impl Sketch {
    /// The bit of `key`, spread over the 1024.
    fn slot(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize
    }

    pub(crate) fn insert(&mut self, key: u64) {
        let slot = Self::slot(key);
        self.bits[slot / 64] |= 1 << (slot % 64);
    }

    /// False when `key` is surely not in the set.
    pub(crate) fn may_hold(&self, key: u64) -> bool {
        let slot = Self::slot(key);
        self.bits[slot / 64] & (1 << (slot % 64)) != 0
    }
}

/// A word's length and first and last byte, ASCII-lowercased: the same
/// for a word as written and for its ASCII lowercase.
pub(crate) fn ends_key(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let first = bytes.first().map_or(0, u8::to_ascii_lowercase);
    let last = bytes.last().map_or(0, u8::to_ascii_lowercase);
    u64::from(first) | u64::from(last) << 8 | (bytes.len().min(255) as u64) << 16
}

/// `ends_key` of the ASCII letters and digits of `word` (ASCII) alone,
/// without copying them out: "Spokesman," keys as "spokesman".
pub(crate) fn alphanumeric_ends_key(word: &str) -> u64 {
    let mut kept = word.bytes().filter(u8::is_ascii_alphanumeric);
    let first = kept.next().map_or(0, |b| b.to_ascii_lowercase());
    let (len, last) = kept.fold((usize::from(first != 0), first), |(len, _), b| (len + 1, b.to_ascii_lowercase()));
    u64::from(first) | u64::from(last) << 8 | (len.min(255) as u64) << 16
}

/// A fixed list of lowercase words, looked up by a word's lowercase form:
/// a [`TokenSet`] (filter in front of the hash set) plus the length bound
/// and a sketch by length and end letters.
pub(crate) struct WordList {
    words: TokenSet,
    /// The longest entry in bytes: a longer ASCII word is no entry, which
    /// is known before lowercasing it.
    longest: usize,
    /// The entries by `ends_key`: most ASCII words asked about (the words
    /// of every new source's name) are turned away before being copied
    /// and lowercased for the set.
    ends: Sketch,
}

impl WordList {
    pub(crate) fn new(list: &[&str]) -> WordList {
        let mut words = TokenSet::default();
        words.extend(list.iter().map(|w| w.to_string()));
        let mut ends = Sketch::default();
        for word in list {
            ends.insert(ends_key(word));
        }
        WordList { words, longest: list.iter().map(|w| w.len()).max().unwrap_or(0), ends }
    }

    /// Whether `word` itself (not lowercased) is in the list.
    pub(crate) fn holds(&self, word: &str) -> bool {
        word.len() <= self.longest && self.ends.may_hold(ends_key(word)) && self.words.contains(word)
    }

    /// False when no entry has this `ends_key`.
    pub(crate) fn may_hold(&self, key: u64) -> bool {
        self.ends.may_hold(key)
    }

    /// `contains` of a word known to be ASCII: not scanned again to learn so.
    pub(crate) fn contains_ascii(&self, word: &str) -> bool {
        word.len() <= self.longest
            && self.ends.may_hold(ends_key(word))
            && with_ascii_lowercase(word, |lower| self.words.contains(lower))
    }

    /// Whether `word.to_lowercase()` is in the list.
    pub(crate) fn contains(&self, word: &str) -> bool {
        // Only ASCII keeps its length and bytes when lowercased ("K", the
        // Kelvin sign, lowercases to one byte), so only ASCII is judged
        // by its length and sketch.
        if word.is_ascii() && (word.len() > self.longest || !self.ends.may_hold(ends_key(word))) {
            return false;
        }
        with_lowercase(word, |lower| self.words.contains(lower))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::trim_end_str;

    #[test]
    fn lowercasing_agrees_with_std() {
        let long = "A".repeat(STACK_WORD + 3);
        for word in ["", "Mayor", "MAYOR", "mayor", "ÉCOLE", "ΟΔΟΣ", "İstanbul", "\u{212A}elvin", long.as_str()] {
            assert_eq!(with_lowercase(word, str::to_string), word.to_lowercase(), "{word}");
            assert_eq!(with_ascii_lowercase(word, str::to_string), word.to_ascii_lowercase(), "{word}");
        }
    }

    #[test]
    fn trimming_agrees_with_std() {
        for text in ["Smith's", "Smith's's", "'s", "", "Smiths", "O’Brien’s"] {
            for suffix in ["'s", "’s", "s"] {
                assert_eq!(trim_end_str(text, suffix), text.trim_end_matches(suffix), "{text} {suffix}");
            }
        }
    }

    #[test]
    fn alphanumeric_keys_are_those_of_the_kept_letters() {
        for word in ["Spokesman,", "O'Brien", "", "--", "a", "X1-y", "'s"] {
            let kept: String = word.bytes().filter(u8::is_ascii_alphanumeric).map(char::from).collect();
            assert_eq!(alphanumeric_ends_key(word), ends_key(&kept.to_ascii_lowercase()), "{word}");
        }
    }

    #[test]
    fn lists_match_any_case() {
        let list = WordList::new(&["kelvin", "times", "news"]);
        for word in ["Times", "NEWS", "news", "\u{212A}elvin"] {
            assert!(list.contains(word), "{word}");
        }
        for word in ["Timesx", "new", "", "newspapers"] {
            assert!(!list.contains(word), "{word}");
        }
    }
}
