//! Hostile inputs run through the real binary: each gives a clean result or
//! a located one-line error (`path:byte: error: …`), the other files are
//! still checked, exit code 2 means only that something could not be read,
//! and nothing takes long.
//!
//! The time limit is 5 s for a release build (`cargo test --release`); the
//! debug build that plain `cargo test` uses is far slower, so it gets more
//! room. The 100 MB case is `#[ignore]`d; `tests/bench/run.sh` runs it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const RELEASE_LIMIT: Duration = Duration::from_secs(5);

fn limit() -> Duration {
    if cfg!(debug_assertions) { RELEASE_LIMIT * 24 } else { RELEASE_LIMIT }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    took: Duration,
}

fn whosaid(args: &[&str], dir: &Path) -> Run {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("whosaid runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        took: started.elapsed(),
    }
}

/// A fresh empty folder under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An article that always has findings, to show that a folder's good
/// files are still checked next to a hostile one.
const GOOD: &str = "# Port to close\n\nThe port will close in May. Officials familiar with the plan said it would.\n";

/// A fresh folder holding good.md and `files` (name, contents).
fn folder_with(name: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let dir = scratch(name);
    std::fs::write(dir.join("good.md"), GOOD).unwrap();
    for (file, contents) in files {
        std::fs::write(dir.join(file), contents).unwrap();
    }
    dir
}

/// `check` over the folder exits 0, in time, having checked good.md.
fn assert_clean_check(dir: &Path) -> serde_json::Value {
    let run = check_json(dir);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_checked(&run, true)
}

/// Checks `json` output: it parses, and good.md was checked.
fn assert_checked(run: &Run, want_good: bool) -> serde_json::Value {
    assert!(run.took < limit(), "took {:?}\n{}", run.took, run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    if want_good {
        let paths: Vec<&str> =
            doc["diagnostics"].as_array().unwrap().iter().filter_map(|d| d["path"].as_str()).collect();
        assert!(paths.contains(&"good.md"), "good.md not checked: {paths:?}");
    }
    doc
}

/// Every stderr line is a located one-line error for `path`.
fn assert_located_error(run: &Run, path: &str) {
    assert_eq!(run.code, 2, "exit code; stderr: {}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line expected: {}", run.stderr);
    let (located, _) = lines[0].split_once(": error: ").unwrap_or_else(|| panic!("not located: {}", lines[0]));
    let (file, byte) = located.rsplit_once(':').unwrap();
    assert_eq!(file, path);
    assert!(byte.parse::<usize>().is_ok(), "byte offset: {}", lines[0]);
}

fn check_json(dir: &Path) -> Run {
    whosaid(&["check", "--format", "json", "--exit-zero", "."], dir)
}

/// Paragraphs of news copy repeated to about `bytes`.
fn big_article(bytes: usize) -> String {
    let paragraph = "The council will vote on the budget next week, according to the Harbour Gazette. \
        \"We have no choice,\" Mayor Jane Okafor told reporters on Monday. Sources say the ferry will stop. \
        She said that the port would close, citing a memo leaked by a clerk.\n\n";
    let mut text = String::from("# A long day at the council\n\n");
    while text.len() < bytes {
        text.push_str(paragraph);
    }
    text
}

#[test]
fn ten_megabyte_file() {
    let dir = folder_with("ten-mb", &[("big.md", big_article(10 << 20).as_bytes())]);
    let doc = assert_clean_check(&dir);
    assert_eq!(doc["summary"]["files"], 2);
}

/// A large article's extract json is written as it is serialised; the
/// document must still be whole, and agree with the jsonl lines.
#[test]
fn extract_of_a_large_article_is_whole_json() {
    let dir = folder_with("extract-large", &[("big.md", big_article(2 << 20).as_bytes())]);
    let json = whosaid(&["extract", "--format", "json", "."], &dir);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("extract json parses");
    let files = doc["files"].as_array().expect("files");
    assert_eq!(files.len(), 2);
    let big = files.iter().find(|f| f["path"].as_str().is_some_and(|p| p.ends_with("big.md"))).expect("big.md");
    assert!(big["attributions"].as_array().is_some_and(|a| a.len() > 10_000));
    let jsonl = whosaid(&["extract", "--format", "jsonl", "."], &dir);
    assert_eq!(jsonl.code, 0, "{}", jsonl.stderr);
    let lines: Vec<serde_json::Value> =
        jsonl.stdout.lines().map(|l| serde_json::from_str(l).expect("jsonl line parses")).collect();
    assert_eq!(&lines, files);
}

#[test]
#[ignore = "100 MB: run with --include-ignored (tests/bench/run.sh does, on a release build)"]
fn hundred_megabyte_file() {
    let dir = folder_with("hundred-mb", &[("huge.md", big_article(100 << 20).as_bytes())]);
    let run = whosaid(&["check", "--format", "concise", "--exit-zero", "."], &dir);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.took < limit(), "took {:?}", run.took);
    assert!(run.stdout.contains("good.md:"));
}

#[test]
fn ten_megabyte_single_line() {
    let sentence = "The mayor said that officials said the port, according to sources, told him it said so. ";
    // A megabyte without a full stop and a cue every few words: the
    // worst case for the stages that compare a sentence's cues.
    let words = "he said she told them that it said ";
    let dir = folder_with(
        "one-line",
        &[
            ("line.txt", sentence.repeat((10 << 20) / sentence.len()).as_bytes()),
            ("no-stop.txt", words.repeat((1 << 20) / words.len()).as_bytes()),
        ],
    );
    assert_clean_check(&dir);
}

#[test]
fn ten_thousand_nested_blockquotes() {
    let deep = format!("{}The mayor said the port would close.\n", "> ".repeat(10_000));
    let tight = format!("{}Sources say so.\n", ">".repeat(10_000));
    let stairs: String = (1..=10_000).map(|depth| format!("{} line {depth}\n", ">".repeat(depth % 200))).collect();
    let dir = folder_with("blockquotes", &[("deep.md", (deep + &tight + &stairs).as_bytes())]);
    assert_clean_check(&dir);
}

#[test]
fn ten_thousand_unbalanced_quote_marks() {
    let straight = "\"The port will close. ".repeat(10_000);
    let curly = "“It is over, he said. ".repeat(10_000);
    let closing = "Sources say it ends.” ".repeat(10_000);
    let lone = "\"".repeat(10_000);
    let text = format!("{straight}\n\n{curly}\n\n{closing}\n\n{lone}\n");
    assert_clean_check(&folder_with("quotes", &[("quotes.md", text.as_bytes())]));
}

#[test]
fn many_unclosed_brackets_and_backticks() {
    let text = format!("{}\n\n{}\n\n{}\n", "[".repeat(200_000), "`x ".repeat(100_000), "<a ".repeat(100_000));
    assert_clean_check(&folder_with("brackets", &[("brackets.md", text.as_bytes())]));
}

#[test]
fn line_endings_and_byte_order_mark() {
    let dir = scratch("endings");
    let body = "The port will close in May. Officials familiar with the plan said it would.";
    std::fs::write(dir.join("crlf.md"), format!("# Title\r\n\r\n{body}\r\n")).unwrap();
    std::fs::write(dir.join("cr.md"), format!("# Title\r\r{body}\r")).unwrap();
    std::fs::write(dir.join("bom.md"), format!("\u{feff}# Title\n\n{body}\n")).unwrap();
    std::fs::write(dir.join("bom.txt"), format!("\u{feff}Title\n\n{body}\n")).unwrap();
    let run = check_json(&dir);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = assert_checked(&run, false);
    // Every file finds the same claim on line 3, however its lines end.
    for path in ["bom.md", "bom.txt", "cr.md", "crlf.md"] {
        let lines: Vec<u64> = doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["path"] == path)
            .map(|d| d["line"].as_u64().unwrap())
            .collect();
        assert!(!lines.is_empty() && lines.iter().all(|&l| l == 3), "{path}: {lines:?}");
    }
}

#[test]
fn nul_bytes_are_a_located_error() {
    let dir = folder_with("nul", &[("nul.md", b"# Title\n\nSome text\0more.\n")]);
    let run = check_json(&dir);
    assert_located_error(&run, "nul.md");
    assert!(run.stderr.starts_with("nul.md:18: error: binary file"), "{}", run.stderr);
    let doc = assert_checked(&run, true);
    assert_eq!(doc["errors"][0]["offset"], 18);
}

#[test]
fn invalid_utf8_mid_file_is_a_located_error() {
    let mut bytes = big_article(20_000).into_bytes();
    bytes[12_345] = 0xff;
    let dir = folder_with("utf8", &[("bad.md", &bytes)]);
    let run = check_json(&dir);
    assert_located_error(&run, "bad.md");
    assert!(run.stderr.contains("bad.md:12345: error: invalid UTF-8"), "{}", run.stderr);
    assert_checked(&run, true);
}

#[test]
fn binary_file_named_md() {
    // A PNG header, then noise.
    let mut bytes = vec![0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0, 0, 0, 13];
    bytes.extend((0..50_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    let dir = folder_with("binary", &[("image.md", &bytes)]);
    let run = check_json(&dir);
    assert_located_error(&run, "image.md");
    assert_checked(&run, true);
}

#[test]
#[cfg(unix)]
fn fifo_is_refused_without_blocking() {
    let dir = folder_with("fifo", &[]);
    let made = Command::new("mkfifo").arg(dir.join("pipe.md")).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here
    }
    // Named directly (a walk skips anything but files).
    let run = whosaid(&["check", "--format", "json", "--exit-zero", "pipe.md", "good.md"], &dir);
    assert_located_error(&run, "pipe.md");
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
    assert_checked(&run, true);
    let walked = check_json(&dir);
    assert_eq!(walked.code, 0, "{}", walked.stderr);
    assert_checked(&walked, true);
}

#[test]
fn folder_named_like_an_article() {
    let dir = folder_with("folder-md", &[]);
    std::fs::create_dir_all(dir.join("x.md")).unwrap();
    std::fs::write(dir.join("x.md").join("inner.md"), GOOD).unwrap();
    let doc = assert_clean_check(&dir);
    assert_eq!(doc["summary"]["files"], 2);
}

#[test]
#[cfg(unix)]
fn symlink_loops_in_a_walked_folder() {
    use std::os::unix::fs::symlink;
    let dir = folder_with("symlinks", &[]);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    symlink("..", dir.join("sub").join("up")).unwrap();
    symlink("self.md", dir.join("self.md")).unwrap();
    let run = check_json(&dir);
    assert_located_error(&run, "self.md");
    let doc = assert_checked(&run, true);
    assert_eq!(doc["summary"]["files"], 1);
}

#[test]
fn missing_path_is_reported_and_the_rest_checked() {
    let dir = folder_with("missing", &[]);
    let run = whosaid(&["check", "--format", "json", "--exit-zero", "nope.md", "good.md"], &dir);
    assert_located_error(&run, "nope.md");
    assert_checked(&run, true);
}

#[test]
fn hostile_config_files_are_located_errors() {
    let dir = folder_with("configs", &[]);
    let deep = format!("x = {}{}\n", "[".repeat(5_000), "]".repeat(5_000));
    let huge_array = format!("rule-files = [{}]\n", vec!["\"a.toml\""; 100_000].join(", "));
    let cases = [
        ("deep.toml", deep),
        ("tables.toml", "[a.b.c.d.e.f.g.h.i.j]\n".repeat(10)),
        ("array.toml", huge_array),
        ("regex.toml", "[rules]\n\"(a+)+$\" = \"error\"\n".into()),
        ("zero.toml", "rule-files = [\"/dev/zero\"]\n".into()),
    ];
    for (name, text) in cases {
        std::fs::write(dir.join(name), text).unwrap();
        let run = whosaid(&["check", "--config", name, "good.md"], &dir);
        assert!(run.took < limit(), "{name} took {:?}", run.took);
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        let first = run.stderr.lines().next().unwrap_or("");
        assert!(first.starts_with(&format!("{name}:")) && first.contains(": error: "), "{name}: {}", run.stderr);
    }
}
