//! Every bundled sample, checked as a user would check it from the
//! repository root (so `samples/whosaid.toml` applies), with the exact
//! diagnostics of `--format concise` and `--format json`.
//!
//! When extraction is tuned these expectations move; update them from
//! `cargo run -- check --format concise samples/FILE`.

use serde_json::Value;

use crate::support::{repo_root, run};

/// Each sample with the concise lines it must produce on its own.
const EXPECTED: &[(&str, &[&str])] = &[
    // A seed-style article: a leaked memo, an opening according clause, a trusted wire relaying a memo.
    (
        "samples/grain-memo.txt",
        &[
            "samples/grain-memo.txt:3:1: warning[secondhand-attribution] secondhand attribution: what deputy minister, Pavel Ristic said, by way of leaked memo published by the investigative site Open Ledger [leaked memo published by the investigative site Open Ledger → deputy minister, Pavel Ristic]",
            "samples/grain-memo.txt:5:1: warning[missing-attribution] claim has no attribution",
            "samples/grain-memo.txt:5:44: warning[missing-attribution] claim has no attribution",
            "samples/grain-memo.txt:6:71: warning[vague-attribution] vague attribution: `it is alleged` names no one",
            "samples/grain-memo.txt:8:1: warning[secondhand-attribution] secondhand attribution: what internal review said, by way of ministry's spokeswoman, Ana Kovac [ministry's spokeswoman, Ana Kovac → internal review]",
            "samples/grain-memo.txt:9:1: warning[vague-attribution] vague attribution: `observers believe` names no one [observers]",
            "samples/grain-memo.txt:10:1: warning[secondhand-attribution] claim reaches this article through 2 sources before finance ministry [Reuters → second memo seen by the agency → finance ministry]",
        ],
    ),
    // Relays through an outlet, an interview, a citing report; vague and anonymous sources.
    (
        "samples/dam-files.txt",
        &[
            "samples/dam-files.txt:3:1: warning[secondhand-attribution] secondhand attribution: what safety engineer said, by way of Ledger [Ledger → safety engineer]",
            "samples/dam-files.txt:4:1: warning[secondhand-attribution] secondhand attribution: what his supervisor said, by way of engineer, Tomas Ekberg [engineer, Tomas Ekberg → his supervisor]",
            "samples/dam-files.txt:6:1: warning[missing-attribution] claim has no attribution",
            "samples/dam-files.txt:6:66: warning[missing-attribution] claim has no attribution",
            "samples/dam-files.txt:7:1: warning[vague-attribution] vague attribution: `experts believe` names no one [Experts]",
            "samples/dam-files.txt:8:1: warning[secondhand-attribution] secondhand attribution: what data from the national weather service said, by way of report by the Environmental Audit Office [report by the Environmental Audit Office → data from the national weather service]",
            "samples/dam-files.txt:9:1: warning[anonymous-source] anonymous source: `people close to` [People close to the company]",
        ],
    ),
    ("samples/harbour-dredging.md", &[]),
    (
        "samples/ferry-fares.txt",
        &[
            "samples/ferry-fares.txt:4:1: warning[missing-attribution] claim has no attribution",
            "samples/ferry-fares.txt:6:1: warning[missing-attribution] claim has no attribution",
        ],
    ),
    (
        "samples/school-closure.md",
        &[
            "samples/school-closure.md:12:1: warning[secondhand-attribution] secondhand attribution: what education board chairman Oskar Dahl said, by way of councillor Rosa Fenn [councillor Rosa Fenn → education board chairman Oskar Dahl]",
            "samples/school-closure.md:16:1: warning[secondhand-attribution] secondhand attribution: what letter from the board's finance office said, by way of Lindholm Parents' Association [Lindholm Parents' Association → letter from the board's finance office]",
        ],
    ),
    (
        "samples/bridge-inspection.md",
        &[
            "samples/bridge-inspection.md:13:1: error[circular-attribution] article cites its own outlet, Harbour Gazette, as evidence [Harbour Gazette]",
            // A looping chain is reported as circular, not also as secondhand.
            "samples/bridge-inspection.md:19:1: error[circular-attribution] attribution chain returns to Harbour Dockworkers Union [Harbour Dockworkers Union → Coastal Wire → Harbour Dockworkers Union]",
        ],
    ),
    // A signed blockquote, records "seen by the Post" (the article's own
    // outlet only saw them), a trailing outlet relaying the chair, a
    // supplier that declined to comment, an unnamed insider.
    (
        "samples/water-notice.md",
        &[
            "samples/water-notice.md:17:1: warning[secondhand-attribution] secondhand attribution: what board's chair said, by way of Harbour Gazette [Harbour Gazette → board's chair]",
            "samples/water-notice.md:21:1: warning[anonymous-source] anonymous source: `Western diplomat` [Western diplomat]",
            "samples/water-notice.md:23:1: warning[missing-attribution] claim has no attribution",
        ],
    ),
    // Each half of the cross-file loop is clean on its own.
    ("samples/wire-ferry-strike.md", &[]),
    ("samples/gazette-ferry-strike.md", &[]),
    // Each third of the three-outlet loop is clean on its own too.
    ("samples/post-mill-closure.md", &[]),
    ("samples/radio-mill-closure.md", &[]),
    ("samples/times-mill-closure.md", &[]),
    (
        "samples/ferry-subsidy.md",
        &[
            // The Associated Press and Reuters are trusted (samples/whosaid.toml):
            // only the chain through the Coastal Wire counts two hops.
            "samples/ferry-subsidy.md:14:1: warning[secondhand-attribution] secondhand attribution: what ferry company's chief executive Anna Varga said, by way of Coastal Wire [Coastal Wire → ferry company's chief executive Anna Varga]",
        ],
    ),
    (
        "samples/ferry-sale-rumour.md",
        &[
            "samples/ferry-sale-rumour.md:10:1: warning[secondhand-attribution] claim reaches this article through 4 sources before chief executive Anna Varga [Harbour Gazette → Coastal Wire → union spokesman Erik Lund → letter from the company's lawyer → chief executive Anna Varga]",
        ],
    ),
    (
        "samples/marina-sale.md",
        &[
            "samples/marina-sale.md:12:1: warning[vague-attribution] vague attribution: `reportedly` names no one",
            "samples/marina-sale.md:14:1: warning[vague-attribution] vague attribution: `experts say` names no one [Experts]",
            "samples/marina-sale.md:20:1: warning[vague-attribution] vague attribution: `according to reports` names no one [reports]",
            // From samples/house-lexicon.toml, loaded by the config's rule-files.
            "samples/marina-sale.md:26:1: warning[vague-attribution] vague attribution: `talk on the quay is` names no one",
        ],
    ),
    (
        "samples/police-chief.md",
        &[
            "samples/police-chief.md:10:1: warning[anonymous-source] anonymous source: `familiar with the matter` [two people familiar with the matter]",
            "samples/police-chief.md:12:1: warning[anonymous-source] anonymous source: `on condition of anonymity` [senior official at the town hall, who spoke on condition of anonymity because the talks are private]",
            "samples/police-chief.md:18:1: warning[anonymous-source] anonymous source: `A quayside regular` [quayside regular]",
        ],
    ),
    (
        "samples/budget-memo.txt",
        &[
            "samples/budget-memo.txt:2:1: warning[unresolved-source] `The memo` does not point to any source named earlier",
            "samples/budget-memo.txt:3:1: warning[unresolved-source] `He` does not point to any source named earlier",
        ],
    ),
];

/// The findings only a whole-folder run can see.
const LOOP_LINES: &[&str] = &[
    "samples/gazette-ferry-strike.md:10:1: error[circular-attribution] circular reporting: this article cites Coastal Wire, which cites Harbour Gazette (this article's outlet) for the same claim [Coastal Wire → Harbour Gazette]",
    "samples/wire-ferry-strike.md:10:1: error[circular-attribution] circular reporting: this article cites Harbour Gazette, which cites Coastal Wire (this article's outlet) for the same claim [Harbour Gazette → Coastal Wire]",
    "samples/post-mill-closure.md:10:1: error[circular-attribution] circular reporting: this article cites Bay Radio, which cites Kessel Island Times, which cites Lindholm Post (this article's outlet) for the same claim [Bay Radio → Kessel Island Times → Lindholm Post]",
    "samples/radio-mill-closure.md:10:1: error[circular-attribution] circular reporting: this article cites Kessel Island Times, which cites Lindholm Post, which cites Bay Radio (this article's outlet) for the same claim [Kessel Island Times → Lindholm Post → Bay Radio]",
    "samples/times-mill-closure.md:10:1: error[circular-attribution] circular reporting: this article cites Lindholm Post, which cites Bay Radio, which cites Kessel Island Times (this article's outlet) for the same claim [Lindholm Post → Bay Radio → Kessel Island Times]",
];

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

#[test]
fn each_sample_gives_exactly_its_concise_diagnostics() {
    for (path, expected) in EXPECTED {
        let out = run(&["check", "--format", "concise", path]);
        assert_eq!(lines(&out.stdout), expected.to_vec(), "{path}");
        assert_eq!(out.stderr, "", "{path}");
        // samples/whosaid.toml sets fail-on = "warning".
        let want = if expected.is_empty() { 0 } else { 1 };
        assert_eq!(out.code, want, "{path}");
    }
}

#[test]
fn every_article_in_samples_has_an_expectation() {
    let mut on_disk: Vec<String> = std::fs::read_dir(repo_root().join("samples"))
        .expect("samples/ exists")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| (n.ends_with(".md") || n.ends_with(".txt")) && n != "README.md")
        .map(|n| format!("samples/{n}"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = EXPECTED.iter().map(|(p, _)| p.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn the_samples_folder_exits_1_with_every_finding_and_the_cross_file_loop() {
    let out = run(&["check", "--format", "concise", "samples/"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    let mut want: Vec<&str> =
        EXPECTED.iter().flat_map(|(_, l)| l.iter().copied()).chain(LOOP_LINES.iter().copied()).collect();
    let mut got = lines(&out.stdout);
    want.sort();
    got.sort();
    assert_eq!(got, want);
    // README.md is a project doc, not an article, and is skipped by the walk.
    assert!(!out.stdout.contains("README.md"));
}

#[test]
fn the_main_job_exits_1_with_default_output_and_a_summary() {
    let out = run(&["check", "samples/"]);
    assert_eq!(out.code, 1);
    let all: Vec<&str> =
        EXPECTED.iter().flat_map(|(_, l)| l.iter().copied()).chain(LOOP_LINES.iter().copied()).collect();
    let count = |sev: &str| all.iter().filter(|l| l.contains(&format!(": {sev}["))).count();
    let summary = format!(
        "Found {} problems ({} errors, {} warnings, {} info) in {} files.",
        all.len(),
        count("error"),
        count("warning"),
        count("info"),
        EXPECTED.len()
    );
    assert_eq!(out.stdout.lines().last(), Some(summary.as_str()));
    // Human output names each finding with its rule and location.
    assert!(
        out.stdout.contains("error[circular-attribution]: article cites its own outlet, Harbour Gazette, as evidence")
    );
    assert!(out.stdout.contains("┌─ samples/bridge-inspection.md:13:1"));
}

/// Renders a JSON diagnostic as the concise line for the same finding.
fn as_concise(d: &Value) -> String {
    let chain: Vec<&str> = d["chain"]
        .as_array()
        .expect("chain is an array")
        .iter()
        .map(|c| c.as_str().expect("chain entries are strings"))
        .collect();
    let chain = if chain.is_empty() { String::new() } else { format!(" [{}]", chain.join(" → ")) };
    format!(
        "{}:{}:{}: {}[{}] {}{chain}",
        d["path"].as_str().expect("path"),
        d["line"],
        d["column"],
        d["severity"].as_str().expect("severity"),
        d["rule"].as_str().expect("rule"),
        d["message"].as_str().expect("message"),
    )
}

/// 1-based line and character column of a byte offset.
fn locate(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |k| k + 1);
    (line as u64, before[line_start..].chars().count() as u64 + 1)
}

#[test]
fn json_holds_the_same_findings_with_spans_that_match_lines_and_columns() {
    for (path, expected) in EXPECTED {
        let out = run(&["check", "--format", "json", path]);
        let doc = out.json();
        assert_eq!(doc["version"], 1);
        let diagnostics = doc["diagnostics"].as_array().expect("diagnostics is an array");
        let got: Vec<String> = diagnostics.iter().map(as_concise).collect();
        assert_eq!(got, expected.to_vec(), "{path}");

        let text = std::fs::read_to_string(repo_root().join(path)).expect("sample is readable");
        for d in diagnostics {
            let start = d["span"]["start"].as_u64().expect("span.start") as usize;
            let end = d["span"]["end"].as_u64().expect("span.end") as usize;
            assert!(start < end && end <= text.len(), "{path}: span {start}..{end}");
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{path}");
            assert_eq!((d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()), locate(&text, start), "{path}");
            assert_eq!(
                (d["end_line"].as_u64().unwrap(), d["end_column"].as_u64().unwrap()),
                locate(&text, end),
                "{path}"
            );
            for key in ["labels", "notes"] {
                assert!(d[key].is_array(), "{path}: {key}");
            }
            assert!(d["help"].is_string(), "{path}");
        }
        let summary = &doc["summary"];
        let count = |sev: &str| expected.iter().filter(|l| l.contains(&format!(": {sev}["))).count() as u64;
        assert_eq!(summary["files"], 1);
        for sev in ["error", "warning", "info"] {
            assert_eq!(summary[sev].as_u64(), Some(count(sev)), "{path}: {sev}");
        }
    }
}

#[test]
fn json_diagnostics_have_the_documented_keys() {
    let doc = run(&["check", "--format", "json", "samples/school-closure.md"]).json();
    let keys: Vec<&str> = doc.as_object().unwrap().keys().map(String::as_str).collect();
    for key in ["version", "diagnostics", "summary"] {
        assert!(keys.contains(&key), "top-level {key} missing: {keys:?}");
    }
    let first = doc["diagnostics"][0].as_object().expect("one diagnostic at least");
    for key in [
        "path",
        "rule",
        "severity",
        "message",
        "span",
        "line",
        "column",
        "end_line",
        "end_column",
        "chain",
        "labels",
        "notes",
        "help",
    ] {
        assert!(first.contains_key(key), "diagnostic key {key} missing");
    }
    // Each label points into the file with a message.
    let label = &first["labels"][0];
    assert!(label["span"]["start"].is_u64() && label["message"].is_string(), "{label}");
}

#[test]
fn jsonl_is_one_json_diagnostic_per_line() {
    let out = run(&["check", "--format", "jsonl", "samples/"]);
    assert_eq!(out.code, 1);
    let parsed: Vec<Value> =
        out.stdout.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"))).collect();
    let total: usize = EXPECTED.iter().map(|(_, l)| l.len()).sum::<usize>() + LOOP_LINES.len();
    assert_eq!(parsed.len(), total);
    assert!(parsed.iter().all(|d| d["rule"].is_string() && d["span"]["end"].is_u64()));
}

#[test]
fn isolated_ignores_the_samples_config() {
    // Without samples/whosaid.toml anonymous sources are info, the house
    // phrase "a quayside regular" is unknown, and fail-on is back to error.
    let out = run(&["check", "--isolated", "--format", "concise", "samples/police-chief.md"]);
    assert_eq!(
        lines(&out.stdout),
        vec![
            "samples/police-chief.md:10:1: info[anonymous-source] anonymous source: `familiar with the matter` [two people familiar with the matter]",
            "samples/police-chief.md:12:1: info[anonymous-source] anonymous source: `on condition of anonymity` [senior official at the town hall, who spoke on condition of anonymity because the talks are private]",
        ]
    );
    assert_eq!(out.code, 0);
}
