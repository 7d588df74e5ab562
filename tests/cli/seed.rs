//! Seed acceptance: the shared seed article's hand-written expectations,
//! scored by the shared scorer. This test reads `../shared` (outside the
//! repository) and needs python3; when either is missing it says so and
//! passes.

use std::path::Path;
use std::process::Command;

use crate::support::repo_root;

#[test]
fn seed_article_meets_every_expectation() {
    let shared = repo_root().join("../shared");
    let scorer = shared.join("eval/check_expectations.py");
    let seed = shared.join("seed");
    if !scorer.is_file() || !seed.is_dir() {
        eprintln!("skipped: {} is absent", shared.display());
        return;
    }
    let python = Command::new("python3").arg("--version").output();
    if !python.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: python3 is not available");
        return;
    }
    let out = Command::new("python3")
        .arg(&scorer)
        .arg("-v")
        .arg(&seed)
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_whosaid"))
        .args(["check", "--isolated", "--format", "json"])
        .current_dir(Path::new(env!("CARGO_TARGET_TMPDIR")))
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "scorer failed: {stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(stdout.lines().last(), Some("expectations: 7/7 must hit, 0 forbidden or unexpected"), "{stdout}");
}
