use super::*;

fn parse_str(text: &str) -> Result<Settings, ConfigError> {
    parse(text, Path::new("whosaid.toml"), &Arc::new(Lexicon::builtin()))
}

#[test]
fn reads_every_key() {
    let s = parse_str(
        "fail-on = \"warning\"\nmax-hops = 2\n[rules]\nanonymous-source = \"off\"\nmissing-attribution = \"error\"\n[sources.aliases]\n\"WikiLeaks\" = [\"Wiki Leaks\"]\n",
    )
    .unwrap();
    assert_eq!(s.fail_on, Some(FailOn::Level(Severity::Warning)));
    assert_eq!(s.rules.max_hops, 2);
    assert_eq!(s.rules.severity("anonymous-source"), None);
    assert_eq!(s.rules.severity("missing-attribution"), Some(Severity::Error));
    assert_eq!(s.aliases.key("wiki leaks"), "wikileaks");
}

#[test]
fn unknown_top_key_names_line_and_suggests() {
    let e = parse_str("max-hops = 1\nfial-on = \"error\"\n").unwrap_err();
    assert_eq!((e.line, e.column), (2, 1));
    assert_eq!(e.key.as_deref(), Some("fial-on"));
    assert_eq!(e.suggestion.as_deref(), Some("fail-on"));
    assert!(e.allowed.iter().any(|a| a == "max-hops"), "{e}");
    assert!(e.to_string().starts_with("whosaid.toml:2:1: error: unknown key `fial-on`"), "{e}");
}

#[test]
fn unknown_rule_id() {
    let e = parse_str("[rules]\nmissing-atribution = \"off\"\n").unwrap_err();
    assert_eq!(e.line, 2);
    assert_eq!(e.suggestion.as_deref(), Some("missing-attribution"));
}

#[test]
fn bad_values() {
    let e = parse_str("fail-on = \"warn\"\n").unwrap_err();
    assert_eq!(e.key.as_deref(), Some("fail-on"));
    assert_eq!(e.suggestion.as_deref(), Some("warning"));
    let e = parse_str("[rules]\nvague-attribution = \"loud\"\n").unwrap_err();
    assert!(e.allowed.contains(&"off".to_string()));
    let e = parse_str("max-hops = -3\n").unwrap_err();
    assert_eq!(e.key.as_deref(), Some("max-hops"));
    let e = parse_str("max-hops = \"two\"\n").unwrap_err();
    assert_eq!(e.line, 1);
    assert_eq!(e.key.as_deref(), Some("max-hops"));
}

#[test]
fn syntax_error_is_located() {
    let e = parse_str("fail-on = \"error\"\n[rules\n").unwrap_err();
    assert_eq!(e.line, 2);
}

#[test]
fn discovery_stops_at_repo_root() {
    let root = std::env::temp_dir().join(format!("whosaid-cfg-{}", std::process::id()));
    let inner = root.join("repo/drafts/deep");
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::create_dir_all(root.join("repo/.git")).unwrap();
    std::fs::write(root.join("whosaid.toml"), "").unwrap();
    assert_eq!(discover(&inner), None);
    std::fs::write(root.join("repo/drafts/.whosaid.toml"), "").unwrap();
    assert_eq!(discover(&inner), Some(root.join("repo/drafts/.whosaid.toml")));
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn top_level_key_under_aliases_is_located() {
    let e =
        parse_str("[sources.aliases]\n\"Coastal Wire\" = [\"the Wire\"]\nrule-files = [\"words.toml\"]\n").unwrap_err();
    assert_eq!((e.line, e.column), (3, 1));
    assert!(e.message.contains("`rule-files` is inside [sources.aliases]"), "{e}");
}

#[test]
fn reads_the_chain_keys() {
    let s = parse_str(
        "loop-overlap = 0.5\nsingle-source-share = 1\n[sources]\ntrusted = [\"Reuters\"]\n[sources.domains]\n\"www.gazette.example\" = \"Harbour Gazette\"\n[[outlets]]\nfiles = [\"nyt_*\"]\nname = \"The New York Times\"\n",
    )
    .unwrap();
    assert_eq!(s.loop_overlap, 0.5);
    assert_eq!(s.rules.single_source_share, 1.0);
    assert_eq!(s.rules.house.trusted.len(), 1);
    assert_eq!(s.aliases.outlet_for_host("gazette.example"), Some("Harbour Gazette"));
    assert_eq!(s.outlet_for(Path::new("archive/nyt_2016-01-01_x.txt")), Some("The New York Times"));
    assert_eq!(s.outlet_for(Path::new("archive/politico_x.txt")), None);
    let e = parse_str("single-source-share = \"half\"\n").unwrap_err();
    assert_eq!(e.key.as_deref(), Some("single-source-share"));
}

#[test]
fn files_written_in_one_folder_share_its_parent() {
    let paths =
        ["a/b.md", "./b.md", "a//b.md", "a/./b.md", "/b.md", "../x/../y/b.md", "a/.", "a/..", "a/", "b.md", "/"];
    for path in paths {
        let Some(folder) = written_folder(Path::new(path)) else {
            assert!(!cfg!(unix) || ["a/.", "a/..", "a/", "b.md", "/b.md", "/"].contains(&path), "{path}");
            continue;
        };
        let mut sibling = folder.to_vec();
        sibling.extend_from_slice(b"/other name.txt");
        let sibling = Path::new(std::str::from_utf8(&sibling).unwrap());
        assert_eq!(Path::new(path).parent(), sibling.parent(), "{path}");
    }
}
