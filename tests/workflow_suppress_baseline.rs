//! Inline suppressions, baselines and `--diff-base`, through the CLI.

mod workflow_support;

use workflow_support::{Scratch, fixture, json, rules_of};

const HEAD: &str = "# Harbour news\n\n";
const UNATTRIBUTED: &str = "The island ferry will stop running at the end of May.";
const VAGUE: &str = "Sources say the operator lost two million dollars last year.";
const ANONYMOUS: &str = "The minister will resign on Friday, people familiar with the matter said.";
const ATTRIBUTED: &str = "Harbour master Tom Reyes said the dredging was finished.";

fn check_json(scratch: &Scratch, file: &str) -> serde_json::Value {
    json(&scratch.run(&["check", "--format", "json", file]))
}

fn article(paragraphs: &[&str]) -> String {
    format!("{HEAD}{}\n", paragraphs.join("\n\n"))
}

#[test]
fn next_line_silences_the_next_claim_only_and_keeps_the_reason() {
    let s = Scratch::new("next-line");
    let text = article(&[
        &format!(
            "<!-- whosaid-disable-next-line missing-attribution -- figure from the 2023 audit -->\n{UNATTRIBUTED}"
        ),
        "The harbour school lost half of its pupils since 2019.",
    ]);
    s.write("a.md", &text);
    let doc = check_json(&s, "a.md");
    assert_eq!(rules_of(&doc), vec!["missing-attribution"]);
    assert_eq!(doc["diagnostics"][0]["line"], 6, "the second claim is still reported");
    assert_eq!(doc["suppressed"][0]["reason"], "figure from the 2023 audit");
    assert_eq!(doc["suppressed"][0]["line"], 4);
}

#[test]
fn region_runs_to_enable_and_names_rules() {
    let s = Scratch::new("region");
    let text = article(&[
        "<!-- whosaid-disable vague-attribution missing-attribution -- background, checked by the desk -->",
        VAGUE,
        UNATTRIBUTED,
        "<!-- whosaid-enable -->",
        "The harbour school lost half of its pupils since 2019.",
        "<!-- whosaid-disable vague-attribution -->",
        ANONYMOUS,
    ]);
    s.write("a.md", &text);
    let doc = check_json(&s, "a.md");
    let suppressed: Vec<&str> =
        doc["suppressed"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert_eq!(suppressed, vec!["vague-attribution", "missing-attribution"]);
    assert!(doc["suppressed"].as_array().unwrap().iter().all(|d| d["reason"] == "background, checked by the desk"));
    let rules = rules_of(&doc);
    assert!(rules.contains(&"missing-attribution".to_string()), "after enable: {rules:?}");
    assert!(rules.contains(&"anonymous-source".to_string()), "a vague-only region leaves others: {rules:?}");
    assert!(rules.contains(&"unused-suppression".to_string()), "the second region silenced nothing: {rules:?}");
}

#[test]
fn disable_without_rules_means_every_rule_and_file_form_covers_all() {
    let s = Scratch::new("file");
    s.write("all.md", &article(&["<!-- whosaid-disable -->", VAGUE, ANONYMOUS, UNATTRIBUTED]));
    let doc = check_json(&s, "all.md");
    assert_eq!(rules_of(&doc), Vec::<String>::new());
    assert_eq!(doc["suppressed"].as_array().unwrap().len(), 3);

    s.write(
        "file.md",
        &article(&[UNATTRIBUTED, "<!-- whosaid-disable-file missing-attribution -- wire copy -->", VAGUE]),
    );
    let doc = check_json(&s, "file.md");
    assert_eq!(rules_of(&doc), vec!["vague-attribution"], "file form covers lines above it too");
    assert_eq!(doc["suppressed"][0]["reason"], "wire copy");
}

#[test]
fn unused_and_unknown_suppressions_are_reported() {
    let s = Scratch::new("unused");
    let text = article(&[
        &format!("<!-- whosaid-disable-next-line missing-attribution -- stale note -->\n{ATTRIBUTED}"),
        &format!("<!-- whosaid-disable-next-line anonymus-source -- desk approved -->\n{ANONYMOUS}"),
    ]);
    s.write("a.md", &text);
    let run = s.run(&["check", "--format", "concise", "a.md"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines.contains(
            &"a.md:3:1: warning[unused-suppression] `whosaid-disable-next-line` silences nothing (missing-attribution)"
        ),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("a.md:6:1: warning[unused-suppression] unknown rule `anonymus-source`")
            && l.ends_with("did you mean `anonymous-source`?")),
        "{lines:#?}"
    );
    assert!(lines.iter().any(|l| l.contains("info[anonymous-source]")), "a misspelt rule silences nothing");
    // The rule can itself be turned off or suppressed.
    s.write("whosaid.toml", "[rules]\nunused-suppression = \"off\"\n");
    let quiet = s.run(&["check", "--format", "concise", "a.md"]);
    assert!(!quiet.stdout.contains("unused-suppression"), "{}", quiet.stdout);
}

#[test]
fn suppressions_in_text_files_are_plain_text_but_overrides_work() {
    let s = Scratch::new("txt");
    s.write("wire/story.txt", &format!("Harbour news\n\n{UNATTRIBUTED}\n"));
    s.write("own/story.txt", &format!("Harbour news\n\n{UNATTRIBUTED}\n"));
    s.write(
        "whosaid.toml",
        "[[overrides]]\nfiles = [\"wire/*.txt\"]\n[overrides.rules]\nmissing-attribution = \"off\"\n",
    );
    let run = s.run(&["check", "--format", "concise", "."]);
    assert_eq!(run.stdout.trim(), "own/story.txt:3:1: warning[missing-attribution] claim has no attribution");
}

#[test]
fn baseline_round_trip() {
    let s = Scratch::new("baseline");
    let original = article(&[UNATTRIBUTED, VAGUE, ANONYMOUS, ATTRIBUTED]);
    s.write("story.md", &original);
    let before = check_json(&s, "story.md");
    assert_eq!(rules_of(&before).len(), 3);

    let written = s.run(&["check", "--write-baseline", "whosaid-baseline.json", "story.md"]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    assert!(written.stderr.contains("wrote 3 finding(s)"), "{}", written.stderr);
    let stored: serde_json::Value = serde_json::from_str(&s.read("whosaid-baseline.json")).unwrap();
    assert_eq!(stored["version"], 1);
    assert_eq!(stored["findings"][0]["path"], "story.md");

    // An unrelated paragraph edited and another added above: nothing old comes back.
    let edited = original
        .replace(ATTRIBUTED, "Harbour master Tom Reyes said on Monday that the dredging was finished.")
        .replace(HEAD, &format!("{HEAD}Mayor Ines Falk said the harbour would reopen in June.\n\n"));
    s.write("story.md", &edited);
    let after_edit = json(&s.run(&["check", "--format", "json", "--baseline", "whosaid-baseline.json", "story.md"]));
    assert_eq!(rules_of(&after_edit), Vec::<String>::new(), "{after_edit:#}");

    // A new unattributed claim: exactly one finding.
    let new_claim = "The coast guard station will close at the end of the year.";
    s.write("story.md", &edited.replace(ANONYMOUS, &format!("{ANONYMOUS}\n\n{new_claim}")));
    let run = s.run(&["check", "--format", "json", "--baseline", "whosaid-baseline.json", "story.md"]);
    let doc = json(&run);
    assert_eq!(rules_of(&doc), vec!["missing-attribution"]);
    let line = doc["diagnostics"][0]["line"].as_u64().unwrap() as usize;
    assert_eq!(s.read("story.md").lines().nth(line - 1), Some(new_claim));
}

#[test]
fn baseline_errors_exit_2() {
    let s = Scratch::new("baseline-bad");
    s.write("story.md", &article(&[UNATTRIBUTED]));
    let missing = s.run(&["check", "--baseline", "nope.json", "story.md"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("cannot read baseline nope.json"), "{}", missing.stderr);
    s.write("bad.json", "{\"version\": 1, \"findings\": [}");
    let bad = s.run(&["check", "--baseline", "bad.json", "story.md"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("bad.json:1:"), "{}", bad.stderr);
}

fn git(s: &Scratch, args: &[&str]) -> bool {
    std::process::Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(&s.path)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn diff_base_reports_only_changed_lines() {
    let s = Scratch::bare("diff-base");
    if !git(&s, &["init", "-q"]) {
        eprintln!("skipped: git is not available");
        return;
    }
    s.write("story.md", &article(&[UNATTRIBUTED, VAGUE]));
    assert!(git(&s, &["add", "story.md"]) && git(&s, &["commit", "-q", "-m", "first"]));
    let new_claim = "The coast guard station will close at the end of the year.";
    s.write("story.md", &article(&[UNATTRIBUTED, new_claim, VAGUE]));
    s.write("new.md", &article(&[UNATTRIBUTED]));
    let run = s.run(&["check", "--format", "concise", "--diff-base", "HEAD", "story.md", "new.md"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        vec![
            "story.md:5:1: warning[missing-attribution] claim has no attribution",
            "new.md:3:1: warning[missing-attribution] claim has no attribution",
        ],
        "untracked files are new in full: {}",
        run.stderr
    );
    let bad = s.run(&["check", "--diff-base", "no-such-ref", "story.md"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("no-such-ref"), "{}", bad.stderr);
}

#[test]
fn fixture_with_every_suppression_form() {
    let s = Scratch::new("fixture");
    s.write("suppressed.md", &fixture("suppressed.md"));
    let doc = check_json(&s, "suppressed.md");
    let reasons: Vec<&str> =
        doc["suppressed"].as_array().unwrap().iter().filter_map(|d| d["reason"].as_str()).collect();
    assert!(reasons.contains(&"desk approved: two cabinet members, verified by the editor"), "{reasons:?}");
    assert!(reasons.contains(&"background paragraph, checked against the 2019 audit"), "{reasons:?}");
}
