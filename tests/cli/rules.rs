//! `whosaid rules` and `whosaid explain`.

use crate::support::run;

const RULE_IDS: &[&str] = &[
    "missing-attribution",
    "secondhand-attribution",
    "circular-attribution",
    "vague-attribution",
    "anonymous-source",
    "unresolved-source",
    "rejected-source",
    "unused-suppression",
    "inconsistent-source-name",
    "single-source",
];

#[test]
fn rules_lists_every_rule_with_its_default_severity() {
    let out = run(&["rules"]);
    assert_eq!(out.code, 0);
    let rows: Vec<Vec<&str>> = out.stdout.lines().map(|l| l.split_whitespace().take(2).collect()).collect();
    let want: Vec<Vec<&str>> = [
        ["missing-attribution", "warning"],
        ["secondhand-attribution", "warning"],
        ["circular-attribution", "error"],
        ["vague-attribution", "warning"],
        ["anonymous-source", "info"],
        ["unresolved-source", "warning"],
        ["rejected-source", "warning"],
        ["unused-suppression", "warning"],
        ["inconsistent-source-name", "info"],
        ["single-source", "info"],
    ]
    .iter()
    .map(|r| r.to_vec())
    .collect();
    assert_eq!(rows, want);
}

#[test]
fn rules_json_and_markdown_list_the_same_rules() {
    let out = run(&["rules", "--format", "json"]);
    assert_eq!(out.code, 0);
    let ids: Vec<String> =
        out.json().as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, RULE_IDS);
    let markdown = run(&["rules", "--format", "markdown"]).stdout;
    assert!(markdown.starts_with("| rule | default | what it flags |\n| --- | --- | --- |\n"), "{markdown}");
    for id in RULE_IDS {
        assert!(markdown.contains(&format!("| `{id}` |")), "{id}");
    }
}

#[test]
fn explain_prints_every_section_of_each_rule() {
    for id in RULE_IDS {
        let out = run(&["explain", id]);
        assert_eq!(out.code, 0, "{id}");
        assert!(out.stdout.starts_with(&format!("# {id}\n\nDefault severity: ")), "{id}");
        for section in ["## What it flags", "## Why it matters", "## Example", "## Instead", "## Help", "Flagged:  "] {
            assert!(out.stdout.contains(section), "{id} lacks {section}");
        }
    }
}

#[test]
fn explain_unknown_rule_exits_2_with_did_you_mean() {
    let out = run(&["explain", "vague-atribution"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "error: unknown rule `vague-atribution`; did you mean `vague-attribution`? (known: missing-attribution, \
         secondhand-attribution, circular-attribution, vague-attribution, anonymous-source, unresolved-source, \
         rejected-source, unused-suppression, inconsistent-source-name, single-source)\n"
    );
    let out = run(&["explain", "unknown-rule"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("error: unknown rule `unknown-rule`"), "{}", out.stderr);
}

#[test]
fn every_rule_example_behaves_as_documented() {
    // The `bad` example of each rule fires that rule; the `good` one is
    // clean of it. Run through the binary, as users would paste them. The
    // workflow rules' examples need a config or span several lines; the
    // rule-example unit test (src/rules/tests.rs) runs those.
    let s = crate::support::Scratch::new("examples");
    for id in &RULE_IDS[..6] {
        let doc = run(&["explain", id]).stdout;
        for (prefix, should_fire) in [("Flagged:  ", true), ("Clean:    ", false)] {
            for (n, example) in doc.lines().filter_map(|l| l.strip_prefix(prefix)).enumerate() {
                // The circular example needs its outlet in front matter.
                let front = if *id == "circular-attribution" { "+++\noutlet = \"Harbour Gazette\"\n+++\n" } else { "" };
                let name = format!("{id}-{should_fire}-{n}.md");
                s.write(&name, format!("{front}# Example\n\n{example}\n"));
                let out = s.run(&["check", "--isolated", "--format", "concise", &name]);
                let fired = out.stdout.contains(&format!("[{id}]"));
                assert_eq!(fired, should_fire, "{id}: {example}\n{}", out.stdout);
            }
        }
    }
}

#[test]
fn a_signed_blockquote_is_attributed_and_its_signature_is_no_claim() {
    let s = crate::support::Scratch::new("signed-quote");
    s.write(
        "a.md",
        "# Water\n\n> A pump failure at the plant let untreated water into the network.\n>\n> — Water authority incident report, March 1\n\nThe contamination is the third in the region since 2020.\n",
    );
    let out = s.run(&["check", "--isolated", "--format", "concise", "a.md"]);
    assert_eq!(out.stdout.trim_end(), "a.md:7:1: warning[missing-attribution] claim has no attribution");
}

#[test]
fn a_named_source_described_as_an_official_is_not_anonymous() {
    let s = crate::support::Scratch::new("named-official");
    s.write(
        "a.txt",
        "Budget\n\nJeffrey Trimble, a senior official with the board, said the budget was cut.\n\nA senior official with the board said the budget was cut.\n",
    );
    let out = s.run(&["check", "--isolated", "--format", "concise", "a.txt"]);
    assert_eq!(
        out.stdout.trim_end(),
        "a.txt:5:1: info[anonymous-source] anonymous source: `A senior official with the board` [senior official with the board]"
    );
}
