//! The README's generated parts must match the binary.

use crate::support::{repo_root, run};

const START: &str = "<!-- rules:start -->";
const END: &str = "<!-- rules:end -->";

#[test]
fn readme_rules_table_matches_rules_markdown() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).expect("README.md exists");
    let start = readme.find(START).expect("README has the rules:start marker") + START.len();
    let end = readme.find(END).expect("README has the rules:end marker");
    let table = readme[start..end].trim();
    let generated = run(&["rules", "--format", "markdown"]).stdout;
    assert_eq!(
        table,
        generated.trim(),
        "README rules table is stale: replace it with `cargo run -- rules --format markdown`"
    );
}

#[test]
fn readme_example_output_is_real_output() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).expect("README.md exists");
    for args in
        [&["check", "samples/school-closure.md"][..], &["check", "--format", "concise", "samples/budget-memo.txt"]]
    {
        let out = run(args);
        for line in out.stdout.lines().filter(|l| !l.trim().is_empty()) {
            assert!(readme.contains(line), "README lacks a line of `whosaid {}`:\n{line}", args.join(" "));
        }
    }
}
