//! Names what a file that is not UTF-8 probably is, for its error line.
//!
//! whosaid decodes nothing but UTF-8, since every span is a byte offset
//! into the file as written. But "invalid UTF-8 at byte 5" leaves a
//! reporter guessing, and most such files are exports from Word or
//! Notepad in Windows-1252 or UTF-16: saying which, and how to convert,
//! saves the guess. Nothing here runs unless a file has already failed.

use std::str::Utf8Error;

/// Why the bytes of a file with a NUL near its start are not UTF-8 text:
/// the offset the error names and its message. `nul` is the first NUL's
/// offset within `sniffed`, the start of the file.
pub fn explain_nul(sniffed: &[u8], nul: usize) -> (usize, String) {
    if let Some(explained) = marked_wide_text(sniffed) {
        return explained;
    }
    if let Some(encoding) = utf16_by_its_nuls(sniffed) {
        return (nul, wide_text(encoding, "without a byte-order mark: every other byte is NUL", encoding));
    }
    (nul, "binary file: NUL byte found; whosaid reads UTF-8 text".into())
}

/// Why `bytes` failed to decode as UTF-8 with `error`: the offset the
/// error names and its message.
pub fn explain_invalid(bytes: &[u8], error: &Utf8Error) -> (usize, String) {
    if let Some(explained) = marked_wide_text(bytes) {
        return explained;
    }
    let at = error.valid_up_to();
    let byte = bytes[at];
    // Text that was plain ASCII up to here and then has a byte that
    // Windows-1252 reads as a letter or mark is very likely Windows-1252
    // (or Latin-1, its subset), even when that byte could begin a UTF-8
    // character cut off by the end of the file. After valid UTF-8
    // letters, the same byte is damage in a UTF-8 file, and converting
    // would garble the rest.
    if bytes[..at].is_ascii()
        && let Some(c) = windows_1252(byte)
    {
        let message = format!(
            "invalid UTF-8 at byte {at} (0x{byte:02X}, {} in Windows-1252); whosaid reads UTF-8 text: \
             if the file is Windows-1252, convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8",
            shown(c)
        );
        return (at, message);
    }
    if error.error_len().is_none() {
        return (
            at,
            format!("invalid UTF-8 at byte {at} (the text ends inside a character); whosaid reads UTF-8 text"),
        );
    }
    (at, format!("invalid UTF-8 at byte {at} (0x{byte:02X}); whosaid reads UTF-8 text"))
}

/// The error for text that opens with a UTF-16 or UTF-32 byte-order
/// mark, located at the mark. Text in either fails both ways: with a NUL
/// when it has ASCII letters, as invalid UTF-8 at the mark when it has none.
fn marked_wide_text(bytes: &[u8]) -> Option<(usize, String)> {
    let encoding = wide_byte_order_mark(bytes)?;
    Some((0, wide_text(encoding, "it opens with a byte-order mark", strip_order(encoding))))
}

/// The error message for text in a wide encoding; `convert_from` is the
/// name iconv should read it as.
fn wide_text(encoding: &str, how_known: &str, convert_from: &str) -> String {
    format!(
        "{encoding} text ({how_known}); whosaid reads UTF-8 text: convert it first, e.g. iconv -f {convert_from} -t UTF-8"
    )
}

/// The encoding named by a UTF-32 or UTF-16 byte-order mark at the start
/// of `bytes`. UTF-32's marks are tested first: the little-endian one
/// begins with UTF-16's.
fn wide_byte_order_mark(bytes: &[u8]) -> Option<&'static str> {
    const MARKS: [(&[u8], &str); 4] = [
        (b"\xFF\xFE\x00\x00", "UTF-32LE"),
        (b"\x00\x00\xFE\xFF", "UTF-32BE"),
        (b"\xFF\xFE", "UTF-16LE"),
        (b"\xFE\xFF", "UTF-16BE"),
    ];
    MARKS.iter().find(|(mark, _)| bytes.starts_with(mark)).map(|&(_, encoding)| encoding)
}

/// The name iconv reads a marked file by: without the byte order, so that
/// the mark decides it and is dropped rather than copied into the output.
fn strip_order(encoding: &str) -> &str {
    encoding.strip_suffix("LE").or_else(|| encoding.strip_suffix("BE")).unwrap_or(encoding)
}

/// UTF-16 without a byte-order mark, told by where its NULs fall: text
/// that is mostly ASCII has a NUL as the high byte of nearly every
/// character, so at odd offsets in little-endian and even ones in
/// big-endian, and almost never on the other side. A few bytes say
/// nothing either way.
fn utf16_by_its_nuls(sniffed: &[u8]) -> Option<&'static str> {
    const FEWEST_PAIRS: usize = 4;
    let pairs = sniffed.len() / 2;
    if pairs < FEWEST_PAIRS {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in sniffed.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let mostly = |count: usize| count * 4 >= pairs * 3;
    let seldom = |count: usize| count * 16 <= pairs;
    if mostly(odd) && seldom(even) {
        Some("UTF-16LE")
    } else if mostly(even) && seldom(odd) {
        Some("UTF-16BE")
    } else {
        None
    }
}

/// What Windows-1252 reads `byte` (not ASCII) as; `None` for the five
/// bytes it leaves undefined. From 0xA0 on it agrees with Latin-1.
fn windows_1252(byte: u8) -> Option<char> {
    // 0x80 to 0x9F: the curly quotes, dashes and other marks that word
    // processors write, and the few letters Latin-1 lacks.
    const LOW: [Option<char>; 32] = [
        Some('€'),
        None,
        Some('‚'),
        Some('ƒ'),
        Some('„'),
        Some('…'),
        Some('†'),
        Some('‡'),
        Some('ˆ'),
        Some('‰'),
        Some('Š'),
        Some('‹'),
        Some('Œ'),
        None,
        Some('Ž'),
        None,
        None,
        Some('‘'),
        Some('’'),
        Some('“'),
        Some('”'),
        Some('•'),
        Some('–'),
        Some('—'),
        Some('˜'),
        Some('™'),
        Some('š'),
        Some('›'),
        Some('œ'),
        None,
        Some('ž'),
        Some('Ÿ'),
    ];
    match byte {
        0x80..=0x9F => LOW[usize::from(byte - 0x80)],
        0xA0.. => Some(char::from(byte)),
        _ => None,
    }
}

/// A character as the message shows it: quoted when it can be seen, by
/// its code point when it is a space or invisible.
fn shown(c: char) -> String {
    if c.is_whitespace() || c == '\u{AD}' { format!("U+{:04X}", u32::from(c)) } else { format!("\"{c}\"") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invalid(bytes: &[u8]) -> (usize, String) {
        let error = std::str::from_utf8(bytes).expect_err("not UTF-8");
        explain_invalid(bytes, &error)
    }

    fn nul(bytes: &[u8]) -> (usize, String) {
        let at = bytes.iter().position(|&b| b == 0).expect("has a NUL");
        explain_nul(bytes, at)
    }

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn utf16be(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    #[test]
    fn windows_1252_curly_quotes_and_latin_letters_are_named() {
        let (at, message) = invalid(b"The mayor said \x93we will rebuild\x94.");
        assert_eq!(at, 15);
        assert_eq!(
            message,
            "invalid UTF-8 at byte 15 (0x93, \"\u{201C}\" in Windows-1252); whosaid reads UTF-8 text: \
             if the file is Windows-1252, convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8"
        );
        assert!(invalid(b"Caf\xe9").1.starts_with("invalid UTF-8 at byte 3 (0xE9, \"\u{E9}\" in Windows-1252)"));
        assert!(invalid(b"a\xa0b").1.starts_with("invalid UTF-8 at byte 1 (0xA0, U+00A0 in Windows-1252)"));
    }

    #[test]
    fn damage_inside_utf8_text_is_not_called_windows_1252() {
        // Valid UTF-8 letters before the bad byte: converting would garble them.
        assert_eq!(invalid(b"caf\xC3\xA9 \x93").1, "invalid UTF-8 at byte 6 (0x93); whosaid reads UTF-8 text");
        // A byte Windows-1252 leaves undefined.
        assert_eq!(invalid(b"ab\x81").1, "invalid UTF-8 at byte 2 (0x81); whosaid reads UTF-8 text");
        // A character cut off at the end of the file.
        assert_eq!(
            invalid(b"\xC3\xA9 \xe2\x80").1,
            "invalid UTF-8 at byte 3 (the text ends inside a character); whosaid reads UTF-8 text"
        );
    }

    #[test]
    fn byte_order_marks_name_wide_encodings() {
        let mut marked = b"\xFF\xFE".to_vec();
        marked.extend(utf16le("Officials said so."));
        assert_eq!(
            nul(&marked),
            (
                0,
                "UTF-16LE text (it opens with a byte-order mark); whosaid reads UTF-8 text: \
                 convert it first, e.g. iconv -f UTF-16 -t UTF-8"
                    .to_string()
            )
        );
        // Text with no ASCII (so no NUL) fails as UTF-8 at its mark instead.
        let mut greek = b"\xFE\xFF".to_vec();
        greek.extend(utf16be("\u{3B1}\u{3B2}"));
        assert!(invalid(&greek).1.starts_with("UTF-16BE text (it opens with a byte-order mark)"));
        assert!(nul(b"\xFF\xFE\x00\x00a\x00\x00\x00").1.starts_with("UTF-32LE text"));
        assert!(nul(b"\x00\x00\xFE\xFF\x00\x00\x00a").1.contains("iconv -f UTF-32 -t UTF-8"));
    }

    #[test]
    fn utf16_without_a_mark_is_told_by_its_nuls() {
        let (at, message) = nul(&utf16le("The port will close."));
        assert_eq!(at, 1);
        assert!(message.starts_with("UTF-16LE text (without a byte-order mark"), "{message}");
        assert!(message.ends_with("iconv -f UTF-16LE -t UTF-8"), "{message}");
        assert!(nul(&utf16be("The port will close.")).1.starts_with("UTF-16BE text"));
    }

    #[test]
    fn other_binaries_stay_binary() {
        for bytes in [&b"GIF89a\x01\x00\x00\x00whatever"[..], b"ab\0c", b"\0", b"\x00\x00\x00\x00"] {
            assert_eq!(nul(bytes).1, "binary file: NUL byte found; whosaid reads UTF-8 text", "{bytes:?}");
        }
    }

    #[test]
    fn every_byte_windows_1252_defines_is_a_character() {
        let undefined: Vec<u8> = (0x80..=0xFF).filter(|&b| windows_1252(b).is_none()).collect();
        assert_eq!(undefined, [0x81, 0x8D, 0x8F, 0x90, 0x9D]);
        assert_eq!(windows_1252(0x80), Some('€'));
        assert_eq!(windows_1252(0x9F), Some('Ÿ'));
        assert_eq!(windows_1252(0xFF), Some('ÿ'));
        assert_eq!(windows_1252(b'a'), None);
    }
}
