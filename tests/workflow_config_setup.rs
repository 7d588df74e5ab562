//! Config (errors, extend, overrides, include/exclude, house lists), file
//! walking, and the setup commands: init, config, completions, man,
//! explain — including a new user's first steps.

mod workflow_support;

use workflow_support::{BIN, Scratch, fixture, json, rules_of, run_in};

const UNATTRIBUTED: &str = "# Harbour news\n\nThe island ferry will stop running at the end of May.\n";

/// A config error: exit 2, and the first stderr line names the file and
/// line, the key, and a suggestion when one exists.
fn assert_config_error(config: &str, file: &str, line: usize, key: &str, suggestion: Option<&str>) {
    let s = Scratch::new("config-error");
    s.write("whosaid.toml", config);
    s.write("base.toml", "extend = \"whosaid.toml\"\n");
    s.write("a.md", UNATTRIBUTED);
    let run = s.run(&["check", "a.md"]);
    assert_eq!(run.code, 2, "config {config:?}: {}", run.stderr);
    let first = run.stderr.lines().next().unwrap_or("");
    assert!(first.contains(&format!("{file}:{line}:")), "{config:?}: expected {file}:{line} in {first}");
    assert!(first.contains(&format!("`{key}`")), "{config:?}: expected key `{key}` in {first}");
    if let Some(s) = suggestion {
        assert!(first.contains(&format!("did you mean `{s}`?")), "{config:?}: expected suggestion in {first}");
    }
    assert!(run.stderr.contains('^'), "a code frame follows: {}", run.stderr);
}

#[test]
fn every_config_error_names_file_line_key_and_suggestion() {
    assert_config_error("fail-on = \"error\"\nexlude = [\"x\"]\n", "whosaid.toml", 2, "exlude", Some("exclude"));
    assert_config_error("fail-on = \"warn\"\n", "whosaid.toml", 1, "fail-on", Some("warning"));
    assert_config_error(
        "[rules]\nanonymous-sorce = \"off\"\n",
        "whosaid.toml",
        2,
        "rules.anonymous-sorce",
        Some("anonymous-source"),
    );
    assert_config_error("[rules]\nvague-attribution = \"loud\"\n", "whosaid.toml", 2, "rules.vague-attribution", None);
    assert_config_error("max-hops = 500\n", "whosaid.toml", 1, "max-hops", None);
    assert_config_error("exclude = [\"ok\", \"drafts/[a\"]\n", "whosaid.toml", 1, "exclude", None);
    assert_config_error("\nextend = \"missing.toml\"\n", "whosaid.toml", 2, "extend", None);
    assert_config_error("max-hops = 1\nextend = \"base.toml\"\n", "base.toml", 1, "extend", None);
    assert_config_error(
        "[[overrides]]\nfiles = [\"drafts/**\"]\nrulez = {}\n",
        "whosaid.toml",
        3,
        "rulez",
        Some("rules"),
    );
    assert_config_error(
        "[[overrides]]\nfiles = [\"drafts/**\"]\n[overrides.rules]\nmissing-atribution = \"off\"\n",
        "whosaid.toml",
        4,
        "overrides.rules.missing-atribution",
        Some("missing-attribution"),
    );
    assert_config_error("[[overrides]]\nfiles = []\n", "whosaid.toml", 2, "overrides[0].files", None);
    assert_config_error("[[overrides]]\nfail-on = \"never\"\n", "whosaid.toml", 1, "files", None);
    assert_config_error("[sources]\nrejects = [\"x\"]\n", "whosaid.toml", 2, "rejects", Some("reject"));
    assert_config_error("[sources]\naccept = \"police\"\n", "whosaid.toml", 2, "accept", None);
}

#[test]
fn allowed_values_are_listed() {
    let s = Scratch::new("allowed");
    s.write("whosaid.toml", "fail-on = \"loud\"\n");
    s.write("a.md", UNATTRIBUTED);
    let run = s.run(&["check", "a.md"]);
    assert!(run.stderr.contains("allowed: error, warning, info, never"), "{}", run.stderr);
}

#[test]
fn dot_whosaid_toml_and_extend_compose() {
    let s = Scratch::new("extend");
    s.write(
        "newsroom.toml",
        "fail-on = \"warning\"\n[rules]\nanonymous-source = \"off\"\n[sources]\nreject = [\"Daily Rumour\"]\n",
    );
    s.write("desk/.whosaid.toml", "extend = \"../newsroom.toml\"\n[sources]\nreject = [\"Coastal Wire\"]\n");
    s.write(
        "desk/a.md",
        "# T\n\nThe minister will resign on Friday, people familiar with the matter said.\n\nThe harbour will be sold, the Coastal Wire reported.\n\nThe harbour will be sold, the Daily Rumour reported.\n",
    );
    let run = s.run(&["check", "--format", "json", "desk/a.md"]);
    assert_eq!(run.code, 1, "fail-on = warning comes from the extended file: {}", run.stderr);
    assert_eq!(rules_of(&json(&run)), vec!["rejected-source", "rejected-source"], "lists add up along extend");

    let shown = s.run(&["config", "desk/a.md"]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    let line_of = |key: &str| shown.stdout.lines().find(|l| l.starts_with(key)).unwrap_or("").to_string();
    assert!(line_of("fail-on").contains("newsroom.toml:1"), "{}", shown.stdout);
    assert!(line_of("anonymous-source").contains("\"off\""), "{}", shown.stdout);
    assert!(line_of("missing-attribution").ends_with("# default"), "{}", shown.stdout);
    let reject = line_of("reject =");
    assert!(reject.contains("newsroom.toml:5") && reject.contains(".whosaid.toml:3"), "{reject}");
    assert!(shown.stdout.contains("# extends: "), "{}", shown.stdout);
}

#[test]
fn overrides_apply_by_glob_and_show_where_they_came_from() {
    let s = Scratch::new("overrides");
    s.write("whosaid.toml", "[[overrides]]\nfiles = [\"drafts/**\"]\nfail-on = \"never\"\n[overrides.rules]\nmissing-attribution = \"info\"\n");
    s.write("drafts/x.md", UNATTRIBUTED);
    s.write("stories/x.md", UNATTRIBUTED);
    let doc = json(&s.run(&["check", "--format", "json", "."]));
    let severities: Vec<(&str, &str)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(severities, vec![("drafts/x.md", "info"), ("stories/x.md", "warning")]);
    let shown = s.run(&["config", "drafts/x.md"]);
    let line = shown.stdout.lines().find(|l| l.starts_with("missing-attribution")).unwrap();
    assert!(line.contains("\"info\"") && line.contains("[[overrides]] 1"), "{line}");
    let strict = s.run(&["check", "--fail-on", "info", "drafts/x.md"]);
    assert_eq!(strict.code, 1, "--fail-on on the command line beats the override");
}

#[test]
fn include_exclude_gitignore_and_force_exclude() {
    let s = Scratch::new("walk");
    s.write("whosaid.toml", "include = [\"stories/**\", \"drafts/**\"]\nexclude = [\"drafts/old\"]\n");
    for f in ["stories/a.md", "drafts/b.md", "drafts/old/c.md", "notes/d.md", "stories/tmp/e.md", "stories/f.txt"] {
        s.write(f, UNATTRIBUTED);
    }
    s.write(".gitignore", "tmp/\n");
    let paths = |run: &workflow_support::Run| -> Vec<String> {
        json(run)["diagnostics"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap().to_string()).collect()
    };
    let walked = s.run(&["check", "--format", "json", "."]);
    assert_eq!(paths(&walked), vec!["drafts/b.md", "stories/a.md", "stories/f.txt"], "sorted, ignored, excluded");
    let all = s.run(&["check", "--format", "json", "--no-ignore", "."]);
    assert_eq!(paths(&all), vec!["drafts/b.md", "stories/a.md", "stories/f.txt", "stories/tmp/e.md"]);
    let named = s.run(&["check", "--format", "json", "drafts/old/c.md", "notes/d.md"]);
    assert_eq!(paths(&named), vec!["drafts/old/c.md", "notes/d.md"], "named files are read");
    let forced = s.run(&["check", "--format", "json", "--force-exclude", "drafts/old/c.md", "notes/d.md"]);
    assert_eq!(paths(&forced), vec!["notes/d.md"], "--force-exclude applies exclude, not include");
}

#[test]
fn accepted_sources_are_never_vague_anonymous_or_unresolved() {
    let s = Scratch::new("accept");
    let text = "# T\n\nThe road was closed overnight, officials said.\n\nSources say the operator lost two million dollars last year.\n";
    s.write("a.md", text);
    let before = rules_of(&json(&s.run(&["check", "--format", "json", "a.md"])));
    assert!(before.contains(&"anonymous-source".to_string()), "{before:?}");
    s.write("whosaid.toml", "[sources]\naccept = [\"officials said\"]\n");
    let after = rules_of(&json(&s.run(&["check", "--format", "json", "a.md"])));
    assert_eq!(after, vec!["vague-attribution"], "only the accepted claim is cleared");
}

#[test]
fn new_user_path_init_check_and_pre_commit() {
    let s = Scratch::new("new-user");
    let init = s.run(&["init"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    let starter = s.read("whosaid.toml");
    assert!(starter.starts_with("# whosaid.toml"), "commented starter: {starter}");
    let again = s.run(&["init"]);
    assert_eq!(again.code, 2, "init refuses to overwrite");
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(s.read("whosaid.toml"), starter);

    s.write("drafts/story.md", &fixture("story.md"));
    let check = s.run(&["check", "drafts/story.md"]);
    assert_eq!(check.code, 0, "the starter fails on errors only: {}", check.stdout);
    assert!(check.stdout.contains("warning[missing-attribution]"), "{}", check.stdout);
    s.write("whosaid.toml", &starter.replace("fail-on = \"error\"", "fail-on = \"warning\""));
    assert_eq!(s.run(&["check", "drafts/story.md"]).code, 1);

    // The hook the repository publishes runs `whosaid check FILE…`.
    let hooks =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"))
            .expect(".pre-commit-hooks.yaml at the repository root");
    for line in ["- id: whosaid", "entry: whosaid check", "language: rust", "types_or: [markdown, plain-text]"] {
        assert!(hooks.contains(line), "{line} missing from .pre-commit-hooks.yaml");
    }
    let entry = hooks.lines().find_map(|l| l.trim().strip_prefix("entry: ")).unwrap();
    let mut args: Vec<&str> = entry.split_whitespace().skip(1).collect();
    args.extend(["--force-exclude", "drafts/story.md"]);
    let hook = run_in(&s.path, &args, &[]);
    assert_eq!(hook.code, 1, "the hook fails the commit on findings: {}", hook.stderr);
}

#[test]
fn starter_and_schema_agree() {
    let s = Scratch::new("schema");
    s.run(&["init"]);
    let schema_run = s.run(&["config", "--schema"]);
    assert_eq!(schema_run.code, 0);
    let schema = json(&schema_run);
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let starter: toml::Value = toml::from_str(&s.read("whosaid.toml")).unwrap();
    let as_json = serde_json::to_value(starter).unwrap();
    assert!(validator.is_valid(&as_json), "{as_json}");
    let typo: serde_json::Value = serde_json::json!({"fail-on": "warn", "rules": {"anonymus-source": "off"}});
    assert!(!validator.is_valid(&typo));
    let ids = schema["properties"]["rules"]["propertyNames"]["enum"].as_array().unwrap();
    assert!(ids.iter().any(|i| i == "rejected-source"));
}

#[test]
fn completions_man_and_explain() {
    let dir = std::env::temp_dir();
    let bash = run_in(&dir, &["completions", "bash"], &[]);
    assert_eq!(bash.code, 0);
    assert!(bash.stdout.contains("whosaid") && bash.stdout.contains("--format"), "{}", &bash.stdout[..200]);
    let zsh = run_in(&dir, &["completions", "zsh"], &[]);
    assert!(zsh.stdout.starts_with("#compdef whosaid"), "{}", &zsh.stdout[..100]);
    assert_eq!(run_in(&dir, &["completions", "tcsh"], &[]).code, 2, "unknown shell is a usage error");
    let man = run_in(&dir, &["man"], &[]);
    assert!(man.stdout.contains(".TH whosaid"), "{}", &man.stdout[..200]);
    let explain = run_in(&dir, &["explain", "unused-suppression"], &[]);
    for part in ["# unused-suppression", "## What it flags", "## Why it matters", "## Instead", "Flagged:", "Clean:"] {
        assert!(explain.stdout.contains(part), "{part} missing: {}", explain.stdout);
    }
    let typo = run_in(&dir, &["explain", "rejected-sorce"], &[]);
    assert_eq!(typo.code, 2);
    assert!(typo.stderr.contains("did you mean `rejected-source`?"), "{}", typo.stderr);
    assert!(std::process::Command::new(BIN).arg("--version").output().unwrap().status.success());
}
