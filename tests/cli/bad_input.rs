//! Bad input never stops a run: each bad file gives one
//! `path:byte: error: …` line on stderr, every other file is still checked
//! and reported in full, and the run exits 2.

use crate::support::{ONE_WARNING, Scratch};

const WARNING_LINE: &str = "warning[missing-attribution] claim has no attribution";

#[test]
fn each_bad_input_is_one_located_error_and_the_rest_is_checked() {
    let s = Scratch::new("bad");
    s.write("good.md", ONE_WARNING);
    s.write("latin1.md", b"# Caf\xe9\n\nThe caf\xe9 closed.\n");
    s.write("binary.txt", b"GIF89a\x01\x00\x00\x00whatever");
    s.write("empty.md", "");
    // Notepad's "Unicode": UTF-16, little-endian, with a byte-order mark.
    let notepad: Vec<u8> = "\u{FEFF}The port will close.\r\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    s.write("notepad.txt", notepad);
    let inputs = ["good.md", "latin1.md", "binary.txt", "empty.md", "missing.md", "notepad.txt"];
    let out = s.run(&[&["check", "--format", "concise"][..], &inputs].concat());
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(out.stdout, format!("good.md:3:1: {WARNING_LINE}\n"));
    let mut errors = out.stderr_lines();
    errors.sort();
    assert_eq!(
        errors,
        vec![
            "binary.txt:7: error: binary file: NUL byte found; whosaid reads UTF-8 text",
            "latin1.md:5: error: invalid UTF-8 at byte 5 (0xE9, \"\u{E9}\" in Windows-1252); whosaid reads UTF-8 \
             text: if the file is Windows-1252, convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8",
            "missing.md:0: error: cannot read: no such file or directory",
            "notepad.txt:0: error: UTF-16LE text (it opens with a byte-order mark); whosaid reads UTF-8 text: \
             convert it first, e.g. iconv -f UTF-16 -t UTF-8",
        ]
    );
}

#[test]
fn an_empty_file_is_checked_and_clean() {
    let s = Scratch::new("empty");
    s.write("empty.md", "");
    s.write("blank.txt", "\n\n   \n");
    let out = s.run(&["check", "empty.md", "blank.txt"]);
    assert_eq!((out.code, out.stdout.as_str(), out.stderr.as_str()), (0, "No problems found in 2 files.\n", ""));
}

#[test]
fn a_folder_named_like_an_article_is_walked_not_read() {
    let s = Scratch::new("dirmd");
    s.write("x.md/inside.md", ONE_WARNING);
    // Named on the command line, and met while walking its parent.
    for arg in ["x.md", "."] {
        let out = s.run(&["check", "--format", "concise", arg]);
        assert_eq!(out.code, 0, "{arg}: {out:?}");
        assert_eq!(out.stdout, format!("x.md/inside.md:3:1: {WARNING_LINE}\n"), "{arg}");
        assert_eq!(out.stderr, "", "{arg}");
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_folder_named_like_an_article_is_an_error_not_a_crash() {
    let s = Scratch::new("linkmd");
    s.write("good.md", ONE_WARNING);
    let target = s.mkdir("real");
    std::os::unix::fs::symlink(&target, s.root.join("link.md")).expect("symlink");
    let out = s.run(&["check", "--format", "concise", "."]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, format!("good.md:3:1: {WARNING_LINE}\n"));
    assert_eq!(out.stderr, "link.md:0: error: cannot read: not a regular file\n");
}

#[test]
fn bad_front_matter_is_located_and_the_article_still_checked() {
    let s = Scratch::new("front");
    s.write("story.md", format!("+++\ntitel = \"Tram\"\n+++\n\n{ONE_WARNING}"));
    let out = s.run(&["check", "--format", "concise", "story.md"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, format!("story.md:7:1: {WARNING_LINE}\n"));
    let errors = out.stderr_lines();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("story.md:4: error: invalid front matter: unknown field `titel`"), "{}", errors[0]);
}

/// Article `i` of the generated folder; every tenth has a finding and
/// every hundredth is not UTF-8.
/// The end of the error line for a file that reads as Windows-1252.
const CONVERT_1252: &str =
    "whosaid reads UTF-8 text: if the file is Windows-1252, convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8";

fn generated(i: usize) -> Vec<u8> {
    if i % 100 == 7 {
        return b"# Broken\n\nBad byte \xff here.\n".to_vec();
    }
    if i % 10 == 3 {
        return format!("# Story {i}\n\nThe depot on road {i} will close in May.\n").into_bytes();
    }
    format!("# Story {i}\n\nThe depot on road {i} will close in May, transport director Ella Sand said.\n").into_bytes()
}

#[test]
fn a_thousand_files_with_some_bad_ones_are_all_checked() {
    let s = Scratch::new("thousand");
    for i in 0..1000 {
        s.write(&format!("batch/story-{i:04}.md"), generated(i));
    }
    let out = s.run(&["check", "--format", "json", "batch"]);
    assert_eq!(out.code, 2);
    let doc = out.json();
    let bad: Vec<usize> = (0..1000).filter(|i| i % 100 == 7).collect();
    let flagged: Vec<usize> = (0..1000).filter(|i| i % 10 == 3).collect();
    assert_eq!(doc["summary"]["files"], 1000 - bad.len());
    assert_eq!(doc["summary"]["warning"], flagged.len());
    let paths: Vec<&str> = doc["diagnostics"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    let want: Vec<String> = flagged.iter().map(|i| format!("batch/story-{i:04}.md")).collect();
    assert_eq!(paths, want, "every finding, in path order");
    let errors = out.stderr_lines();
    let want: Vec<String> = bad
        .iter()
        .map(|i| {
            format!(
                "batch/story-{i:04}.md:19: error: invalid UTF-8 at byte 19 (0xFF, \"\u{FF}\" in Windows-1252); {}",
                CONVERT_1252
            )
        })
        .collect();
    assert_eq!(errors, want);
}
