//! `whosaid extract --format json`: the attributions and sources found.

use serde_json::Value;

use crate::support::{repo_root, run};

fn text_at(text: &str, span: &Value) -> String {
    let start = span["start"].as_u64().expect("start") as usize;
    let end = span["end"].as_u64().expect("end") as usize;
    text.get(start..end).unwrap_or_else(|| panic!("span {start}..{end} is not on char boundaries")).to_string()
}

#[test]
fn extract_json_has_the_documented_shape() {
    let out = run(&["extract", "--format", "json", "samples/harbour-dredging.md", "samples/budget-memo.txt"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc = out.json();
    assert_eq!(doc["version"], 1);
    let files = doc["files"].as_array().expect("files");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["path"], "samples/harbour-dredging.md");
    assert_eq!(files[0]["outlet"], "Mallow Bay Courier");
    assert_eq!(files[1]["path"], "samples/budget-memo.txt");
    assert_eq!(files[1]["outlet"], Value::Null);
    for file in files {
        let text = std::fs::read_to_string(repo_root().join(file["path"].as_str().unwrap())).unwrap();
        let sources = file["sources"].as_array().expect("sources");
        for (i, source) in sources.iter().enumerate() {
            assert_eq!(source["id"], i, "ids count from 0");
            assert!(source["name"].is_string() && source["kind"].is_string(), "{source}");
            for mention in source["mentions"].as_array().expect("mentions") {
                assert!(!text_at(&text, mention).is_empty());
            }
        }
        let attributions = file["attributions"].as_array().expect("attributions");
        assert!(!attributions.is_empty());
        for (i, a) in attributions.iter().enumerate() {
            assert_eq!(a["id"], i);
            assert!(!text_at(&text, &a["cue"]).trim().is_empty(), "{a}");
            assert!(a["source"].is_object() || a["source"].is_null(), "{a}");
            assert!(a["source_id"].is_u64() || a["source_id"].is_null(), "{a}");
            if let Some(id) = a["source_id"].as_u64() {
                assert!((id as usize) < sources.len(), "{a}");
            }
            assert!(a["content"].is_array(), "{a}");
            assert!(
                a["parent"].is_null() || a["parent"].as_u64().is_some_and(|p| (p as usize) < attributions.len()),
                "{a}"
            );
        }
    }
}

#[test]
fn extract_json_names_the_sources_and_cues_of_a_sample() {
    let doc = run(&["extract", "--format", "json", "samples/school-closure.md"]).json();
    let file = &doc["files"][0];
    let text = std::fs::read_to_string(repo_root().join("samples/school-closure.md")).unwrap();
    let names: Vec<&str> = file["sources"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"councillor Rosa Fenn"), "{names:?}");
    assert!(names.contains(&"education board chairman Oskar Dahl"), "{names:?}");
    // The relayed attribution sits inside Fenn's.
    let attributions = file["attributions"].as_array().unwrap();
    let dahl = attributions
        .iter()
        .find(|a| a["source"].is_object() && text_at(&text, &a["source"]) == "education board chairman Oskar Dahl")
        .expect("Dahl's attribution");
    assert_eq!(text_at(&text, &dahl["cue"]), "had told");
    let parent = &attributions[dahl["parent"].as_u64().expect("Dahl's claim is relayed") as usize];
    assert_eq!(text_at(&text, &parent["source"]), "Fenn");
}

#[test]
fn extract_jsonl_is_one_file_per_line_and_human_lists_attributions() {
    let out = run(&["extract", "--format", "jsonl", "samples/ferry-fares.txt", "samples/police-chief.md"]);
    assert_eq!(out.code, 0);
    let lines: Vec<Value> = out.stdout.lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["path"], "samples/police-chief.md");

    let out = run(&["extract", "samples/ferry-fares.txt"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("source:  «the Kessel Ferry Company» → Kessel Ferry Company"), "{}", out.stdout);
}
