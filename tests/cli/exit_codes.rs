//! Exit codes and the flags that change them: 0 clean, 1 findings at or
//! above the fail threshold, 2 usage, config or I/O errors.

use crate::support::{CLEAN, ONE_ERROR, ONE_WARNING, Scratch, run, run_in};

/// A scratch folder with the three small articles.
fn articles() -> Scratch {
    let s = Scratch::new("exit");
    s.write("clean.md", CLEAN);
    s.write("warning.md", ONE_WARNING);
    s.write("error.md", ONE_ERROR);
    s
}

#[test]
fn clean_article_exits_0() {
    let s = articles();
    let out = s.run(&["check", "clean.md"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "No problems found in 1 file.\n");
    assert_eq!(out.stderr, "");
}

#[test]
fn default_fail_on_is_error() {
    let s = articles();
    let warned = s.run(&["check", "--format", "concise", "warning.md"]);
    assert_eq!(warned.stdout, "warning.md:3:1: warning[missing-attribution] claim has no attribution\n");
    assert_eq!(warned.code, 0, "warnings alone do not fail by default");
    let errored = s.run(&["check", "--format", "concise", "error.md"]);
    assert_eq!(
        errored.stdout,
        "error.md:7:1: error[circular-attribution] article cites its own outlet, Harbour Gazette, as evidence [Harbour Gazette]\n"
    );
    assert_eq!(errored.code, 1);
}

#[test]
fn fail_on_picks_the_threshold() {
    let s = articles();
    let code = |args: &[&str]| s.run(args).code;
    assert_eq!(code(&["check", "--fail-on", "warning", "warning.md"]), 1);
    assert_eq!(code(&["check", "--fail-on", "info", "warning.md"]), 1);
    assert_eq!(code(&["check", "--fail-on", "error", "warning.md"]), 0);
    assert_eq!(code(&["check", "--fail-on", "never", "error.md"]), 0);
    assert_eq!(code(&["check", "--fail-on", "warning", "clean.md"]), 0);
    // An info finding fails only at --fail-on info.
    s.write("info.md", "# Chief\n\nThe chief will resign, people familiar with the matter said.\n");
    assert_eq!(code(&["check", "--fail-on", "warning", "info.md"]), 0);
    assert_eq!(code(&["check", "--fail-on", "info", "info.md"]), 1);
}

#[test]
fn exit_zero_keeps_the_report_and_exits_0() {
    let s = articles();
    let out = s.run(&["check", "--exit-zero", "--format", "concise", "error.md", "warning.md"]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout.lines().count(), 2);
    // ...but an unreadable file still exits 2.
    assert_eq!(s.run(&["check", "--exit-zero", "error.md", "missing.md"]).code, 2);
}

#[test]
fn usage_errors_exit_2() {
    let s = articles();
    for args in [
        &["check", "--fail-on", "sometimes", "clean.md"][..],
        &["check", "--no-such-flag"],
        &["frobnicate"],
        &["check", "--format", "xml", "clean.md"],
        &["extract", "--format", "concise", "clean.md"],
    ] {
        let out = s.run(args);
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert_eq!(out.stdout, "", "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
    let out = s.run(&["check", "--format", "xml", "clean.md"]);
    assert_eq!(
        out.stderr,
        "error: invalid value `xml` for `--format`; allowed: human, concise, json, jsonl, sarif, github, junit, gitlab\n"
    );
}

#[test]
fn stdin_is_read_under_its_stdin_filename() {
    let s = articles();
    let out = run_in(
        &s.root,
        &["check", "--format", "concise", "--stdin-filename", "drafts/tram.md", "-"],
        Some(ONE_WARNING.as_bytes()),
    );
    assert_eq!(out.stdout, "drafts/tram.md:3:1: warning[missing-attribution] claim has no attribution\n");
    assert_eq!(out.code, 0);
    // Without a name the input is reported as `-` and read as plain text,
    // where the heading marker is part of the title line.
    let out = run_in(&s.root, &["check", "--format", "concise", "-"], Some(ONE_WARNING.as_bytes()));
    assert_eq!(out.stdout, "-:3:1: warning[missing-attribution] claim has no attribution\n");
}

#[test]
fn stdin_filename_finds_the_config_for_that_path() {
    let s = articles();
    s.write("drafts/whosaid.toml", "fail-on = \"warning\"\n");
    let args = ["check", "--stdin-filename", "drafts/tram.md", "-"];
    assert_eq!(run_in(&s.root, &args, Some(ONE_WARNING.as_bytes())).code, 1);
    let args = ["check", "--stdin-filename", "elsewhere/tram.md", "-"];
    assert_eq!(run_in(&s.root, &args, Some(ONE_WARNING.as_bytes())).code, 0);
}

#[test]
fn json_and_jsonl_stdout_hold_only_json_even_with_errors() {
    let s = articles();
    s.write("bad.md", b"caf\xe9\n");
    let out = s.run(&["check", "--format", "json", "warning.md", "bad.md", "missing.md"]);
    assert_eq!(out.code, 2);
    let doc = out.json();
    assert_eq!(doc["diagnostics"].as_array().map(Vec::len), Some(1));
    // The errors are on stderr and, for machines, in the document too.
    assert_eq!(doc["errors"].as_array().map(Vec::len), Some(2));
    assert_eq!(out.stderr_lines().len(), 2);

    let out = s.run(&["check", "--format", "jsonl", "warning.md", "error.md", "bad.md"]);
    assert_eq!(out.code, 2);
    for line in out.stdout.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(value["rule"].is_string());
    }
    assert_eq!(out.stdout.lines().count(), 2);
}

#[test]
fn no_articles_found_says_so_and_exits_0() {
    let s = articles();
    s.mkdir("empty");
    let out = s.run(&["check", "empty"]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stderr, "whosaid: no articles found (.md, .markdown or .txt)\n");
}

#[test]
fn version_and_help_exit_0() {
    let out = run(&["--version"]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, format!("whosaid {}\n", env!("CARGO_PKG_VERSION")));
    let out = run(&["check", "--help"]);
    assert_eq!(out.code, 0);
    for flag in ["--config", "--isolated", "--format", "--fail-on", "--exit-zero", "--stdin-filename"] {
        assert!(out.stdout.contains(flag), "{flag}");
    }
}

#[test]
fn color_is_off_in_pipes_and_on_when_asked() {
    let s = articles();
    let plain = s.run(&["check", "warning.md"]);
    assert!(!plain.stdout.contains('\u{1b}'), "{}", plain.stdout);
    assert!(plain.stdout.contains("warning[missing-attribution]: claim has no attribution"));
    let colored = s.run(&["check", "--color", "always", "warning.md"]);
    assert!(colored.stdout.contains('\u{1b}'), "{}", colored.stdout);
    assert_eq!(colored.code, plain.code);
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let s = articles();
    // ~110 KB of report: more than a pipe buffer holds, so the writer is
    // still writing when the reader hangs up.
    for i in 0..1500 {
        s.write(&format!("many/story-{i:04}.md"), ONE_WARNING);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["check", "--format", "concise", "many"])
        .current_dir(&s.root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("whosaid starts");
    // Read one byte, then hang up, as `whosaid check | head -c1` would.
    let mut first = [0u8; 1];
    child.stdout.take().expect("piped").read_exact(&mut first).expect("some output");
    let out = child.wait_with_output().expect("whosaid finishes");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}
