//! Config files: nearest-wins discovery up to the repository root,
//! `--config`, `--isolated`, and errors that name the file, line, key,
//! what is allowed and a did-you-mean.

use crate::support::{ONE_WARNING, Scratch};

#[test]
fn the_nearest_config_wins_and_discovery_stops_at_the_repo_root() {
    let s = Scratch::new("discover");
    // Above the repository root: must never be read.
    let outside = s.root.join("whosaid.toml");
    std::fs::write(&outside, "fail-on = \"never\"\n").unwrap();
    s.mkdir("repo/.git");
    s.write("repo/desk/whosaid.toml", "fail-on = \"warning\"\n");
    s.write("repo/desk/story.md", ONE_WARNING);
    s.write("repo/desk/lenient/whosaid.toml", "fail-on = \"error\"\n");
    s.write("repo/desk/lenient/story.md", ONE_WARNING);
    s.write("repo/other/story.md", ONE_WARNING);
    s.write("repo/other/.whosaid.toml", "[rules]\nmissing-attribution = \"off\"\n");
    s.write("repo/plain/story.md", ONE_WARNING);

    let run = |path: &str| s.run(&["check", "--format", "concise", path]);
    assert_eq!(run("repo/desk/story.md").code, 1, "desk/whosaid.toml: fail-on warning");
    assert_eq!(run("repo/desk/lenient/story.md").code, 0, "the nearer file wins");
    let other = run("repo/other/story.md");
    assert_eq!((other.code, other.stdout.as_str()), (0, ""), ".whosaid.toml is found too");
    // No config in the repository: built-in defaults, not the file above it.
    let plain = run("repo/plain/story.md");
    assert_eq!(plain.stdout.lines().count(), 1);
    assert_eq!(plain.code, 0);
    // And a folder run applies each article's own config.
    let all = s.run(&["check", "--format", "concise", "repo"]);
    assert_eq!(all.code, 1);
    assert_eq!(all.stdout.lines().count(), 3, "{}", all.stdout);
}

#[test]
fn config_flag_overrides_discovery_and_isolated_ignores_files() {
    let s = Scratch::new("override");
    s.write("desk/whosaid.toml", "fail-on = \"warning\"\n");
    s.write("desk/story.md", ONE_WARNING);
    s.write("quiet.toml", "[rules]\nmissing-attribution = \"off\"\n");
    let forced = s.run(&["check", "--config", "quiet.toml", "--format", "concise", "desk/story.md"]);
    assert_eq!((forced.code, forced.stdout.as_str()), (0, ""));
    let isolated = s.run(&["check", "--isolated", "--format", "concise", "desk/story.md"]);
    assert_eq!(isolated.code, 0, "isolated: default fail-on error");
    assert_eq!(isolated.stdout.lines().count(), 1);
    let missing = s.run(&["check", "--config", "nope.toml", "desk/story.md"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.starts_with("nope.toml:1:1: error: cannot read config file"), "{}", missing.stderr);
}

#[test]
fn config_severities_and_max_hops_change_the_findings() {
    let s = Scratch::new("levels");
    let relay =
        "# Dredging\n\nMayor Ines Falk said that harbour master Tom Reyes told her the dredging was finished.\n";
    s.write("story.md", relay);
    let concise = |config: &str| {
        s.write("whosaid.toml", config);
        let out = s.run(&["check", "--format", "concise", "story.md"]);
        (out.code, out.stdout)
    };
    let (code, text) = concise("");
    assert_eq!(code, 0);
    assert!(text.starts_with("story.md:3:1: warning[secondhand-attribution]"), "{text}");
    let (code, text) = concise("[rules]\nsecondhand-attribution = \"error\"\n");
    assert_eq!(code, 1);
    assert!(text.starts_with("story.md:3:1: error[secondhand-attribution]"), "{text}");
    assert_eq!(concise("max-hops = 2\n"), (0, String::new()));
}

/// Runs `check` with `config` as the discovered whosaid.toml; returns the
/// exit code and stderr.
fn config_error(config: &str) -> (i32, String) {
    let s = Scratch::new("cfgerr");
    s.write("whosaid.toml", config);
    s.write("story.md", ONE_WARNING);
    let out = s.run(&["check", "--color", "never", "story.md"]);
    assert_eq!(out.stdout.lines().last(), Some("No problems found in 0 files."), "nothing is reported as checked");
    (out.code, out.stderr)
}

#[test]
fn unknown_key_names_file_line_allowed_keys_and_a_suggestion() {
    let (code, stderr) = config_error("max-hops = 1\nfial-on = \"error\"\n");
    assert_eq!(code, 2);
    let first = stderr.lines().next().unwrap();
    assert!(first.contains("whosaid.toml:2:1: error: unknown key `fial-on`"), "{first}");
    assert!(first.contains("allowed: extend, fail-on, max-hops, include, exclude, rules, sources"), "{first}");
    assert!(first.ends_with("did you mean `fail-on`?"), "{first}");
    // Then a code frame pointing at the key.
    assert!(stderr.contains("2 │ fial-on = \"error\""), "{stderr}");
    assert!(stderr.contains("= help: did you mean `fail-on`?"), "{stderr}");
}

#[test]
fn bad_value_names_the_key_and_what_is_allowed() {
    let (code, stderr) = config_error("fail-on = \"warn\"\n");
    assert_eq!(code, 2);
    let first = stderr.lines().next().unwrap();
    assert!(first.contains("whosaid.toml:1:11: error: invalid value `warn` for `fail-on`"), "{first}");
    assert!(first.contains("allowed: error, warning, info, never; did you mean `warning`?"), "{first}");

    let (code, stderr) = config_error("[rules]\nvague-attribution = \"loud\"\n");
    assert_eq!(code, 2);
    let first = stderr.lines().next().unwrap();
    assert!(first.contains("whosaid.toml:2:21: error: invalid value `loud` for `rules.vague-attribution`"), "{first}");
    assert!(first.contains("allowed: off, info, warning, error"), "{first}");

    let (code, stderr) = config_error("max-hops = \"two\"\n");
    assert_eq!(code, 2);
    assert!(stderr.lines().next().unwrap().contains("whosaid.toml:1:"), "{stderr}");
    assert!(stderr.contains("max-hops"), "{stderr}");
}

#[test]
fn unknown_rule_id_suggests_the_nearest_rule() {
    let (code, stderr) = config_error("[rules]\nmissing-atribution = \"off\"\n");
    assert_eq!(code, 2);
    let first = stderr.lines().next().unwrap();
    assert!(first.contains("whosaid.toml:2:1: error: unknown key `rules.missing-atribution`"), "{first}");
    assert!(first.contains("allowed: missing-attribution, secondhand-attribution"), "{first}");
    assert!(first.ends_with("did you mean `missing-attribution`?"), "{first}");
}

#[test]
fn toml_syntax_error_is_located() {
    let (code, stderr) = config_error("fail-on = \"error\"\n[rules\n");
    assert_eq!(code, 2);
    let first = stderr.lines().next().unwrap();
    assert!(first.contains("whosaid.toml:2:"), "{first}");
    assert!(first.contains("error: invalid config in"), "{first}");
}

#[test]
fn a_bad_config_is_reported_once_and_other_folders_are_still_checked() {
    let s = Scratch::new("partial");
    s.write("broken/whosaid.toml", "fial-on = \"error\"\n");
    s.write("broken/a.md", ONE_WARNING);
    s.write("broken/b.md", ONE_WARNING);
    s.write("fine/story.md", ONE_WARNING);
    let out = s.run(&["check", "--format", "concise", "--color", "never", "broken", "fine"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "fine/story.md:3:1: warning[missing-attribution] claim has no attribution\n");
    assert_eq!(out.stderr.matches("unknown key `fial-on`").count(), 2, "one line and one frame: {}", out.stderr);
    assert_eq!(out.stderr.lines().filter(|l| l.contains(": error: ")).count(), 1, "{}", out.stderr);

    // The machine formats list the broken config once among the errors, so
    // that a run whose articles went unchecked is not read as clean.
    let json = s.run(&["check", "--format", "json", "broken", "fine"]);
    assert_eq!(json.code, 2);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    let errors = doc["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0]["path"].as_str().unwrap().ends_with("whosaid.toml"), "{errors:?}");
    assert_eq!(errors[0]["offset"], 0);
    let message = errors[0]["message"].as_str().unwrap();
    assert!(message.starts_with("unknown key `fial-on`") && message.contains("did you mean `fail-on`?"), "{message}");
    assert_eq!(doc["summary"]["files"], 1);
    let sarif = s.run(&["check", "--format", "sarif", "broken", "fine"]);
    let doc: serde_json::Value = serde_json::from_str(&sarif.stdout).expect("sarif");
    let invocation = &doc["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(invocation["toolExecutionNotifications"].as_array().map(Vec::len), Some(1));

    // `extract` reports the broken config once too, not once per article.
    let extract = s.run(&["extract", "--format", "json", "--color", "never", "broken", "fine"]);
    assert_eq!(extract.code, 2);
    assert_eq!(extract.stderr.lines().filter(|l| l.contains(": error: ")).count(), 1, "{}", extract.stderr);
}

#[test]
fn rule_files_extend_the_lexicon() {
    let s = Scratch::new("rulefiles");
    s.write("words.toml", "[vague]\nphrases = [\"talk on the quay is\"]\n");
    s.write("story.md", "# Club\n\nTalk on the quay is that the club will win the vote.\n");
    let before = s.run(&["check", "--format", "concise", "story.md"]);
    assert!(before.stdout.contains("[missing-attribution]"), "{}", before.stdout);
    s.write("whosaid.toml", "rule-files = [\"words.toml\"]\n");
    let after = s.run(&["check", "--format", "concise", "story.md"]);
    assert_eq!(
        after.stdout,
        "story.md:3:1: warning[vague-attribution] vague attribution: `talk on the quay is` names no one\n"
    );
    // A bad rule file is a config error located in that file.
    s.write("words.toml", "[vague]\nphrase = [\"x\"]\n");
    let broken = s.run(&["check", "--color", "never", "story.md"]);
    assert_eq!(broken.code, 2);
    assert!(
        broken.stderr.lines().next().unwrap().contains("words.toml:2:1: error: unknown key `phrase`"),
        "{}",
        broken.stderr
    );
}

#[test]
fn a_top_level_key_after_the_aliases_table_is_reported() {
    let (code, stderr) =
        config_error("[sources.aliases]\n\"Coastal Wire\" = [\"the Wire\"]\nrule-files = [\"words.toml\"]\n");
    assert_eq!(code, 2);
    let first = stderr.lines().next().unwrap();
    assert!(first.contains("whosaid.toml:3:1: error: `rule-files` is inside [sources.aliases]"), "{first}");
}
