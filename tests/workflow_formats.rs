//! `check --format` for every output format, run on the fixture articles in
//! tests/fixtures/workflow/. The SARIF test reads the official schema from
//! ../shared/schemas when it is there and says so when it is not.

mod workflow_support;

use serde_json::Value;
use workflow_support::{Scratch, fixture, fixtures, json, run_in};

fn check(args: &[&str]) -> workflow_support::Run {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    run_in(&fixtures(), &all, &[])
}

#[test]
fn invalid_format_is_a_usage_error_listing_allowed_values() {
    let run = check(&["--format", "sarf", "story.md"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    for name in ["human", "concise", "json", "jsonl", "sarif", "github", "junit", "gitlab"] {
        assert!(run.stderr.contains(name), "{name} missing from: {}", run.stderr);
    }
    assert!(run.stderr.contains("did you mean `sarif`"), "{}", run.stderr);
    let env = run_in(&fixtures(), &["check", "story.md"], &[("WHOSAID_FORMAT", "yaml")]);
    assert_eq!(env.code, 2, "an invalid $WHOSAID_FORMAT is a usage error too");
}

#[test]
fn concise_and_jsonl_lines() {
    let run = check(&["--format", "concise", "story.md"]);
    assert_eq!(run.code, 0, "warnings do not fail by default: {}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "story.md:8:1: warning[missing-attribution] claim has no attribution");
    assert!(lines.iter().any(|l| l.starts_with("story.md:10:1: warning[vague-attribution] ")), "{lines:?}");
    let run = check(&["--format", "jsonl", "story.md"]);
    let first: Value = serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["rule"], "missing-attribution");
    assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(8), Some(1)));
}

#[test]
fn json_is_versioned_and_keeps_suppressed_findings_with_reasons() {
    let doc = json(&check(&["--format", "json", "story.md", "suppressed.md"]));
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["summary"]["files"], 2);
    let suppressed = doc["suppressed"].as_array().unwrap();
    let anonymous = suppressed.iter().find(|s| s["rule"] == "anonymous-source").expect("suppressed anonymous");
    assert_eq!(anonymous["reason"], "desk approved: two cabinet members, verified by the editor");
    assert_eq!(anonymous["directive_line"], 3);
    assert_eq!(anonymous["line"], 4);
}

#[test]
fn human_output_ends_with_a_summary() {
    let run = check(&["story.md"]);
    assert!(run.stdout.contains("warning[missing-attribution]: claim has no attribution"), "{}", run.stdout);
    assert!(run.stdout.contains("┌─ story.md:8:1"), "{}", run.stdout);
    assert!(run.stdout.trim_end().ends_with("in 1 file."), "{}", run.stdout);
}

fn sarif_of(dir: &std::path::Path, files: &[&str]) -> Value {
    let mut args = vec!["check", "--format", "sarif"];
    args.extend_from_slice(files);
    json(&run_in(dir, &args, &[]))
}

#[test]
fn sarif_validates_against_the_official_schema() {
    assert_valid_sarif(&sarif_of(&fixtures(), &["story.md", "suppressed.md", "columns.md"]));
}

fn assert_valid_sarif(doc: &Value) {
    let schema_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-schema-2.1.0.json");
    let Ok(schema_text) = std::fs::read_to_string(&schema_path) else {
        eprintln!("skipped: {} is absent (shared material not mounted)", schema_path.display());
        return;
    };
    let schema: Value = serde_json::from_str(&schema_text).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator.iter_errors(doc).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF does not validate:\n{}", errors.join("\n"));
}

#[test]
fn sarif_carries_rules_locations_and_suppressions() {
    let doc = sarif_of(&fixtures(), &["story.md", "suppressed.md"]);
    assert_eq!(doc["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for rule in rules {
        for field in ["/shortDescription/text", "/fullDescription/text", "/help/text"] {
            let text = rule.pointer(field).and_then(Value::as_str).unwrap_or("");
            assert!(!text.is_empty() && text.chars().count() <= 1024, "{} {field}", rule["id"]);
        }
    }
    assert!(rules.iter().any(|r| r["id"] == "unused-suppression"));
    let results = run["results"].as_array().unwrap();
    let missing = &results[0];
    assert_eq!(missing["ruleId"], "missing-attribution");
    let region = &missing["locations"][0]["physicalLocation"]["region"];
    assert_eq!((region["startLine"].as_u64(), region["startColumn"].as_u64()), (Some(8), Some(1)));
    assert_eq!(region["endColumn"], 54, "end column is the one after the last character");
    assert_eq!(missing["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "story.md");
    let silenced: Vec<&Value> = results.iter().filter(|r| r.get("suppressions").is_some()).collect();
    assert!(!silenced.is_empty());
    assert!(silenced.iter().all(|r| r["suppressions"][0]["kind"] == "inSource"));
    assert!(silenced.iter().any(|r| r["suppressions"][0]["justification"].as_str().unwrap().contains("desk approved")));
    for r in results {
        let rule_index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[rule_index]["id"], r["ruleId"]);
    }
}

#[test]
fn sarif_columns_count_code_points() {
    let doc = sarif_of(&fixtures(), &["columns.md"]);
    let text = fixture("columns.md");
    let line = text.lines().nth(2).unwrap();
    let second = line.find("The island").unwrap();
    let expected = line[..second].chars().count() + 1;
    let region = &doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"].as_u64(), Some(expected as u64), "{region}");
    assert_eq!(region["endColumn"].as_u64(), Some(line.chars().count() as u64 + 1));
}

fn fingerprints(doc: &Value) -> Vec<(String, String, u64)> {
    doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["partialFingerprints"]["whosaid/v1"].as_str().unwrap().to_string(),
                r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn sarif_fingerprints_survive_line_shifts() {
    let scratch = Scratch::new("sarif-shift");
    let story = fixture("story.md");
    scratch.write("story.md", &story);
    let before = fingerprints(&sarif_of(&scratch.path, &["story.md"]));
    let shifted = story.replacen(
        "# Ferry service to end in May\n",
        "# Ferry service to end in May\n\nHarbour master Tom Reyes said the weather was calm.\n\n\n",
        1,
    );
    scratch.write("story.md", &shifted);
    let after = fingerprints(&sarif_of(&scratch.path, &["story.md"]));
    assert_eq!(before.len(), after.len());
    for ((rule_a, print_a, line_a), (rule_b, print_b, line_b)) in before.iter().zip(&after) {
        assert_eq!((rule_a, print_a), (rule_b, print_b));
        assert_eq!(line_a + 4, *line_b, "lines moved, fingerprints did not");
    }
    let unique: std::collections::BTreeSet<&String> = before.iter().map(|(_, p, _)| p).collect();
    assert_eq!(unique.len(), before.len(), "fingerprints are distinct");
}

/// A path with every character GitHub's command syntax cares about.
/// `check --format FORMAT` on a good article, one that is not UTF-8
/// (Windows-1252 quotes from byte 24) and one whose front matter has an
/// unknown key, in that order; the run exits 2. Returns the folder too.
fn check_with_file_errors(format: &str) -> (Scratch, workflow_support::Run) {
    let scratch = Scratch::new(&format!("{format}-errors"));
    scratch.write("story.md", &fixture("story.md"));
    std::fs::write(scratch.path.join("word.md"), b"# Draft\n\nThe mayor said \x93we will rebuild\x94.\n").unwrap();
    scratch.write("front.md", "+++\ntitel = \"Tram\"\n+++\n\nThe tram line will close in May.\n");
    let run = scratch.run(&["check", "--format", format, "story.md", "word.md", "front.md"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    (scratch, run)
}

#[test]
fn sarif_reports_files_it_could_not_read_on_its_invocation() {
    let (_, run) = check_with_file_errors("sarif");
    let doc = json(&run);
    assert_valid_sarif(&doc);
    let invocation = &doc["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    let summary: Vec<(&str, &str, u64)> = notes
        .iter()
        .map(|n| {
            let place = &n["locations"][0]["physicalLocation"];
            (
                place["artifactLocation"]["uri"].as_str().unwrap(),
                n["message"]["text"].as_str().unwrap(),
                place["region"]["byteOffset"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(summary.len(), 2, "{summary:?}");
    assert!(notes.iter().all(|n| n["level"] == "error"));
    // In the order the files were named.
    assert_eq!((summary[0].0, summary[0].2), ("word.md", 24));
    assert!(summary[0].1.starts_with("invalid UTF-8 at byte 24 (0x93"), "{summary:?}");
    assert_eq!((summary[1].0, summary[1].2), ("front.md", 4));
    assert!(summary[1].1.starts_with("invalid front matter: unknown field `titel`"), "{summary:?}");
    // The readable files' findings are there as usual.
    let results = doc["runs"][0]["results"].as_array().unwrap();
    let uris: Vec<&str> = results
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    assert!(uris.contains(&"story.md") && uris.contains(&"front.md"), "{uris:?}");
}

#[test]
fn github_annotates_files_it_could_not_read_ahead_of_findings() {
    let (_, run) = check_with_file_errors("github");
    let annotations: Vec<&str> =
        run.stdout.lines().filter(|l| l.starts_with("::error ") || l.starts_with("::warning ")).collect();
    // An undecodable file is annotated as a whole, a read file's problem
    // on its line; both in the order the files were named.
    assert_eq!(
        annotations[0],
        "::error file=word.md,title=whosaid%3A file error::invalid UTF-8 at byte 24 (0x93, \"\u{201C}\" in \
         Windows-1252); whosaid reads UTF-8 text: if the file is Windows-1252, convert it first, e.g. iconv -f \
         WINDOWS-1252 -t UTF-8"
    );
    assert!(
        annotations[1].starts_with(
            "::error file=front.md,line=2,col=1,title=whosaid%3A file error::invalid front matter: unknown field `titel`"
        ),
        "{annotations:#?}"
    );
    assert!(annotations[2..].iter().all(|a| a.starts_with("::warning ")), "findings follow: {annotations:#?}");
    assert!(annotations.len() > 2, "{annotations:#?}");
    // The same lines are still on stderr for the log.
    assert!(run.stderr.contains("word.md:24: error: invalid UTF-8 at byte 24"), "{}", run.stderr);
}

const HOSTILE_NAME: &str = "a,b:c%d\r\ne.md";

#[test]
fn github_annotations_escape_hostile_paths_and_messages() {
    let scratch = Scratch::new("github");
    let body = "# T\n\n<!-- whosaid-disable-next-line 100%:on,now -- x -->\nThe island ferry will stop running at the end of May.\n";
    scratch.write(HOSTILE_NAME, body);
    let run = scratch.run(&["check", "--format", "github", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let annotations: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("::warning ")).collect();
    assert_eq!(annotations.len(), 3, "{}", run.stdout);
    let escaped_path = "file=a%2Cb%3Ac%25d%0D%0Ae.md,";
    assert!(annotations.iter().all(|a| a.contains(escaped_path)), "{annotations:#?}");
    let unknown = annotations.iter().find(|a| a.contains("unknown rule")).expect("unknown-rule annotation");
    let message = unknown.split_once("::").unwrap().1.split_once("::").unwrap().1;
    assert!(message.starts_with("unknown rule `100%25:on`"), "message keeps `:` but escapes `%`: {message}");
    assert!(message.contains("%0Ahelp: "), "line breaks are escaped: {message}");
    assert!(!message.contains('\r') && !message.contains('\n'));
    let missing = annotations.iter().find(|a| a.contains("missing-attribution")).unwrap();
    assert!(missing.contains(",line=4,endLine=4,col=1,endColumn=54,title=whosaid missing-attribution::"), "{missing}");
    // Every workflow command starts a line, and article text cannot start one:
    // the plain log lines are fenced by stop-commands.
    let stop = run.stdout.lines().find(|l| l.starts_with("::stop-commands::")).expect("stop-commands");
    let token = stop.trim_start_matches("::stop-commands::");
    assert!(run.stdout.contains(&format!("::{token}::")));
}

#[test]
fn github_overflow_notice_and_step_summary() {
    let scratch = Scratch::new("github-summary");
    scratch.write("many.md", &fixture("many.md"));
    scratch.write("pipe|name.md", &fixture("story.md"));
    let summary = scratch.path.join("summary.md");
    let run = run_in(
        &scratch.path,
        &["check", "--format", "github", "many.md", "pipe|name.md"],
        &[("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())],
    );
    let warnings = run.stdout.lines().filter(|l| l.starts_with("::warning ")).count();
    assert_eq!(warnings, 14, "{}", run.stdout);
    let notice = run.stdout.lines().find(|l| l.starts_with("::notice title=whosaid::")).expect("overflow notice");
    assert!(notice.contains("4 of 15 findings are not shown"), "{notice}");
    let table = std::fs::read_to_string(&summary).expect("step summary written");
    assert!(table.contains("| File | Line | Severity | Rule | Message |"), "{table}");
    assert_eq!(table.lines().filter(|l| l.starts_with("| many.md |")).count(), 12);
    assert!(table.contains("| pipe\\|name.md | 8 | warning | `missing-attribution` |"), "{table}");
    let clean = run_in(&scratch.path, &["check", "--format", "github", "many.md"], &[]);
    assert!(clean.stderr.is_empty(), "no summary file, no complaint: {}", clean.stderr);
}

/// Checks that every `&` starts an entity and no `<` sits inside an
/// attribute value: enough to catch unescaped text without an XML parser.
fn assert_well_formed_xml(xml: &str) {
    for (i, _) in xml.match_indices('&') {
        let rest = &xml[i..];
        let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#"].iter().any(|e| rest.starts_with(e));
        assert!(ok, "bare & at {i}: {}", &rest[..rest.len().min(20)]);
    }
    for tag in xml.split('<').skip(1) {
        let inside = tag.split('>').next().unwrap();
        assert_eq!(inside.matches('"').count() % 2, 0, "unbalanced quotes in <{inside}>");
    }
    assert_eq!(xml.matches("<testsuite ").count(), xml.matches("</testsuite>").count());
}

#[test]
fn gitlab_lists_files_it_could_not_read_as_critical_issues() {
    let (_, run) = check_with_file_errors("gitlab");
    let doc = json(&run);
    let issues = doc.as_array().expect("an array of issues");
    let errors: Vec<(&str, u64, &str)> = issues
        .iter()
        .filter(|i| i["check_name"] == "file-error")
        .map(|i| {
            assert_eq!(i["severity"], "critical");
            let place = &i["location"];
            (
                place["path"].as_str().unwrap(),
                place["lines"]["begin"].as_u64().unwrap(),
                i["description"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!((errors[0].0, errors[0].1), ("word.md", 1), "an unread file's issue is on its first line");
    assert!(errors[0].2.starts_with("invalid UTF-8 at byte 24"), "{errors:?}");
    assert_eq!((errors[1].0, errors[1].1), ("front.md", 2), "bad front matter is on its line");
    assert!(issues.iter().any(|i| i["check_name"] == "missing-attribution"), "findings are still there");
    let prints: std::collections::BTreeSet<&str> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    assert_eq!(prints.len(), issues.len(), "fingerprints are unique per issue");
}

#[test]
fn junit_shows_files_it_could_not_read_as_errors() {
    let (scratch, run) = check_with_file_errors("junit");
    assert_well_formed_xml(&run.stdout);
    assert!(
        run.stdout.contains("<testsuites name=\"whosaid\" tests=\"6\" failures=\"4\" errors=\"2\">"),
        "{}",
        run.stdout
    );
    let suite = run.stdout.split("<testsuite name=\"whosaid: file errors\"").nth(1).expect("a suite of file errors");
    assert!(suite.starts_with(" tests=\"2\" failures=\"0\" errors=\"2\""), "{suite}");
    assert!(suite.contains("<testcase name=\"word.md\" classname=\"word.md\" file=\"word.md\">"), "{suite}");
    assert!(
        suite.contains("<error message=\"invalid UTF-8 at byte 24 (0x93, &quot;\u{201C}&quot; in Windows-1252)"),
        "{suite}"
    );
    assert!(
        suite.contains("type=\"file error\">front.md:4: error: invalid front matter: unknown field `titel`"),
        "{suite}"
    );
    let clean = scratch.run(&["check", "--format", "junit", "story.md"]);
    assert!(!clean.stdout.contains("file errors"), "{}", clean.stdout);
    assert!(clean.stdout.contains("errors=\"0\">"), "{}", clean.stdout);
}

#[test]
fn junit_is_escaped_xml_with_a_case_per_finding() {
    let scratch = Scratch::new("junit");
    scratch.write("R&D <\"draft\">.md", &fixture("story.md"));
    scratch.write("clean.md", &fixture("clean.md"));
    let run = scratch.run(&["check", "--format", "junit", "."]);
    assert!(run.stdout.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), "{}", run.stdout);
    assert_well_formed_xml(&run.stdout);
    assert!(run.stdout.contains("name=\"R&amp;D &lt;&quot;draft&quot;&gt;.md\""), "{}", run.stdout);
    assert!(run.stdout.contains("<testsuites name=\"whosaid\" tests=\"4\" failures=\"3\""), "{}", run.stdout);
    assert!(run.stdout.contains("<testcase name=\"whosaid\" classname=\"clean.md\"/>"), "clean file passes");
    assert!(run.stdout.contains("<failure message=\"claim has no attribution\" type=\"warning\">"));
    assert!(run.stdout.contains("&#10;help: "), "line breaks in bodies are character references");
}

#[test]
fn gitlab_code_quality() {
    let doc = json(&check(&["--format", "gitlab", "story.md", "many.md"]));
    let issues = doc.as_array().expect("an array of issues");
    assert_eq!(issues.len(), 15);
    let first = &issues[0];
    assert_eq!(first["check_name"], "missing-attribution");
    assert_eq!(first["description"], "claim has no attribution");
    assert_eq!(first["severity"], "minor");
    assert_eq!(first["location"]["path"], "story.md");
    assert_eq!(first["location"]["lines"]["begin"], 8);
    let anonymous = issues.iter().find(|i| i["check_name"] == "anonymous-source").unwrap();
    assert_eq!(anonymous["severity"], "info");
    let allowed = ["info", "minor", "major", "critical", "blocker"];
    assert!(issues.iter().all(|i| allowed.contains(&i["severity"].as_str().unwrap())));
    let prints: std::collections::BTreeSet<&str> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    assert_eq!(prints.len(), issues.len(), "fingerprints are unique per issue");
}

#[test]
fn machine_formats_are_empty_documents_when_clean() {
    assert_eq!(json(&check(&["--format", "gitlab", "clean.md"])), serde_json::json!([]));
    let sarif = json(&check(&["--format", "sarif", "clean.md"]));
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    assert_eq!(invocation["toolExecutionNotifications"], serde_json::json!([]));
    let github = check(&["--format", "github", "clean.md"]);
    assert!(!github.stdout.contains("::warning"), "{}", github.stdout);
    assert_eq!(github.code, 0);
}
