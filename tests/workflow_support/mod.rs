//! Helpers for the CI-workflow integration tests: run the built binary in
//! a folder, and make scratch folders that clean up after themselves.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const BIN: &str = env!("CARGO_BIN_EXE_whosaid");

/// The fixture folder of these tests.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workflow")
}

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixtures().join(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs whosaid in `dir` with `args`, a clean environment for the
/// variables whosaid reads, and `env` on top.
pub fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(BIN);
    cmd.args(args).current_dir(dir).stdin(Stdio::null());
    cmd.env_remove("WHOSAID_FORMAT").env_remove("GITHUB_STEP_SUMMARY").env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("whosaid runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A scratch folder under the system temp folder, removed on drop. It holds
/// an empty `.git` folder so that config discovery stops inside it.
pub struct Scratch {
    pub path: PathBuf,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!("whosaid-wf-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(path.join(".git")).expect("scratch folder");
        Scratch { path }
    }

    /// A scratch folder without the `.git` marker (for `git init`).
    pub fn bare(name: &str) -> Scratch {
        let s = Scratch::new(name);
        std::fs::remove_dir_all(s.path.join(".git")).expect("remove marker");
        s
    }

    pub fn write(&self, relative: &str, text: &str) -> PathBuf {
        let p = self.path.join(relative);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("parent folder");
        }
        std::fs::write(&p, text).expect("write file");
        p
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path.join(relative)).expect("read file")
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_in(&self.path, args, &[])
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Parses stdout as JSON, with the output in the failure message.
pub fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout, run.stderr))
}

/// The rules of the findings in `check --format json` output.
pub fn rules_of(doc: &serde_json::Value) -> Vec<String> {
    doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}
