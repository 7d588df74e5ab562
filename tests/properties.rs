//! Property tests: any input goes through the whole pipeline without a
//! panic, the markup parse is lossless, every reported span points into
//! the article on a char boundary, and any bytes either decode unchanged
//! or fail with a one-line error inside the file.

use std::path::Path;
use std::sync::{Arc, LazyLock};

use proptest::prelude::*;
use whosaid::analysis::analyse;
use whosaid::graph::corpus::FileGraph;
use whosaid::graph::identity::Aliases;
use whosaid::lexicon::Lexicon;
use whosaid::markup::{Format, parse};
use whosaid::report::{self, CheckedFile};
use whosaid::rules::RuleSettings;

#[path = "support/invariants.rs"]
mod invariants;

static LEXICON: LazyLock<Arc<Lexicon>> = LazyLock::new(|| Arc::new(Lexicon::builtin()));

/// Pieces of news copy and markup, so that generated articles reach the
/// attribution logic instead of stopping at "no sentence here".
const PIECES: &[&str] = &[
    "The mayor",
    " said",
    " told reporters",
    " according to",
    " officials familiar with the matter",
    " sources say",
    " he",
    " she",
    " it",
    " Jane Okafor",
    ", citing",
    " the Harbour Gazette",
    " Coastal Wire reported",
    " that",
    " the port will close",
    ".",
    "?",
    "!",
    "…",
    ",",
    ":",
    " \"",
    "\" ",
    "“",
    "”",
    "'",
    "’s",
    " (",
    ")",
    " [link](http://x)",
    "[",
    "]",
    "`",
    "<!--",
    "-->",
    "<br>",
    "*",
    "_",
    "\\",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "# ",
    "## ",
    "> ",
    ">",
    "- ",
    "1. ",
    "```\n",
    "---\n",
    "+++\n",
    "outlet = \"Coastal Wire\"\n",
    "\u{feff}",
    "Mr.",
    " U.S.",
    " 3.5",
    " Read more:",
    "(Reporting by A. Writer)",
    "é",
    "日本",
    "\u{0}",
    "Σ",
    "İ",
    "\t",
];

/// Articles assembled from the pieces above.
fn newsy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|parts| parts.concat())
}

/// Any text at all, from every part of Unicode.
fn any_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..200).prop_map(|chars| chars.into_iter().collect())
}

fn format_of(markdown: bool) -> Format {
    if markdown { Format::Markdown } else { Format::Text }
}

/// Runs analysis, rules and every renderer; checks every invariant.
fn whole_pipeline(text: &str, format: Format) -> Result<(), String> {
    let aliases = Aliases::default();
    let analysis = analyse(text, format, &LEXICON, &aliases);
    let outlet = analysis.outlet_key(&aliases, None);
    let diagnostics = analysis.lint(&LEXICON, &RuleSettings::default(), outlet);
    invariants::check_analysis(text, &analysis, &diagnostics)?;
    let graph = FileGraph::of("x.md", &analysis, analysis.article.outlet(), &aliases, &[]);
    serde_json::to_string(&graph).map_err(|e| format!("file graph: {e}"))?;
    let extracted = report::extract::jsonl_line(&report::extract::extracted(graph, &analysis));
    serde_json::from_str::<serde_json::Value>(&extracted).map_err(|e| format!("extract json: {e}"))?;
    let _ = report::extract::human("x.md", text, &analysis);
    let file = CheckedFile { path: "x.md".into(), text: text.to_string(), diagnostics, suppressed: Vec::new() };
    let one = std::slice::from_ref(&file);
    serde_json::from_str::<serde_json::Value>(&report::machine::json(one, &[], 1))
        .map_err(|e| format!("check json: {e}"))?;
    for line in report::machine::jsonl(one).lines() {
        serde_json::from_str::<serde_json::Value>(line).map_err(|e| format!("check jsonl: {e}"))?;
    }
    let _ = report::machine::concise(one);
    let mut buffer = codespan_reporting::term::termcolor::Buffer::no_color();
    report::human::render_file(&file, &mut buffer);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn any_text_goes_through_the_pipeline(text in any_text(), markdown in any::<bool>()) {
        whole_pipeline(&text, format_of(markdown)).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn news_like_text_goes_through_the_pipeline(text in newsy(), markdown in any::<bool>()) {
        whole_pipeline(&text, format_of(markdown)).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn markup_parse_is_lossless(text in prop_oneof![any_text(), newsy()], markdown in any::<bool>()) {
        let article = parse(&text, format_of(markdown), &LEXICON);
        invariants::check_article(&text, &article).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn any_bytes_decode_or_fail_at_a_located_byte(bytes in bytes_of_many_encodings()) {
        match whosaid::cli::inputs::decode(bytes.clone()) {
            Ok(text) => prop_assert_eq!(text.as_bytes(), &bytes[..]),
            Err((offset, message)) => {
                prop_assert!(offset < bytes.len(), "offset {} of {} bytes", offset, bytes.len());
                prop_assert!(!message.is_empty() && !message.contains('\n'), "{:?}", message);
            }
        }
    }

    #[test]
    fn config_parser_locates_every_error(text in prop_oneof![any_text(), config_like()]) {
        match whosaid::config::parse(&text, Path::new("/nonexistent-whosaid/whosaid.toml"), &LEXICON) {
            Ok(_) => {}
            Err(e) => {
                prop_assert!(e.span.start <= e.span.end && e.span.end <= text.len(), "{e}: {:?}", e.span);
                prop_assert!(e.line >= 1 && e.column >= 1);
                prop_assert!(e.to_string().starts_with("/nonexistent-whosaid/whosaid.toml:"), "{e}");
            }
        }
    }
}

/// Raw bytes, and text in the encodings a newsroom's files come in:
/// UTF-8, UTF-16 either way round with or without a byte-order mark, and
/// Latin-1 bytes taken as they are.
fn bytes_of_many_encodings() -> impl Strategy<Value = Vec<u8>> {
    let utf16 = (any_text(), any::<bool>(), any::<bool>()).prop_map(|(text, little, marked)| {
        let marked = if marked { format!("\u{FEFF}{text}") } else { text };
        let units = marked.encode_utf16();
        if little { units.flat_map(u16::to_le_bytes).collect() } else { units.flat_map(u16::to_be_bytes).collect() }
    });
    let latin1 = any_text().prop_map(|text| text.chars().map(|c| c as u8).collect());
    prop_oneof![proptest::collection::vec(any::<u8>(), 0..64), any_text().prop_map(String::into_bytes), utf16, latin1]
}

/// TOML-shaped text built from the config's own keys and values.
fn config_like() -> impl Strategy<Value = String> {
    const PARTS: &[&str] = &[
        "fail-on = ",
        "max-hops = ",
        "\"warning\"",
        "\"sometimes\"",
        "3",
        "-1",
        "1e99",
        "[rules]\n",
        "missing-attribution = \"off\"\n",
        "missing-atribution = \"error\"\n",
        "[sources.aliases]\n",
        "\"WikiLeaks\" = [\"Wiki Leaks\"]\n",
        "rule-files = [\"nowhere.toml\"]\n",
        "[[x]]\n",
        "[a.b.c.d]\n",
        "= ",
        "[",
        "]",
        "{",
        "}",
        "\"",
        "'",
        "\n",
        "é",
        "#",
    ];
    prop::collection::vec(prop::sample::select(PARTS), 0..30).prop_map(|parts| parts.concat())
}
