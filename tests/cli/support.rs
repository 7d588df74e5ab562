//! Running the binary and building throwaway article folders.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The repository root; commands run here so paths in output read
/// `samples/…`, as they do for a user at the top of a checkout.
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What one run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Parses stdout as one JSON document.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }
}

/// Runs `whosaid ARGS` in `dir` with `stdin` piped in (empty when None).
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the whosaid binary starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    // A run that does not read stdin may close it first; that is fine.
    let _ = pipe.write_all(stdin.unwrap_or_default());
    drop(pipe);
    let out = child.wait_with_output().expect("whosaid finishes");
    Run {
        code: out.status.code().expect("whosaid exits with a code, not a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `whosaid ARGS` at the repository root.
pub fn run(args: &[&str]) -> Run {
    run_in(repo_root(), args, None)
}

/// A fresh folder under the target dir, removed when dropped. It holds a
/// `.git` folder so config discovery stops there and nothing outside the
/// test can leak in.
pub struct Scratch {
    pub root: PathBuf,
}

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join(".git")).expect("scratch folder is created");
        Scratch { root }
    }

    /// Writes `bytes` to `relative` (creating folders) and returns the path.
    pub fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder is created");
        }
        std::fs::write(&path, bytes).expect("file is written");
        path
    }

    pub fn mkdir(&self, relative: &str) -> PathBuf {
        let path = self.root.join(relative);
        std::fs::create_dir_all(&path).expect("folder is created");
        path
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_in(&self.root, args, None)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// A short article with one unattributed claim (a `missing-attribution`
/// warning on line 3) and one attributed claim.
pub const ONE_WARNING: &str = "# Tram line delayed\n\nThe new tram line will open a year late.\n\nTransport director Ella Sand said the tracks were ready.\n";

/// A short article with no findings.
pub const CLEAN: &str =
    "# Tram line delayed\n\nThe new tram line will open a year late, transport director Ella Sand said.\n";

/// A short article whose one finding is an error (`circular-attribution`).
pub const ONE_ERROR: &str = "+++\noutlet = \"Harbour Gazette\"\n+++\n\n# Bridge\n\nThe bridge is unsafe, the Harbour Gazette reported last week.\n";
