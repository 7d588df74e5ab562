//! The whole per-file `check` and `extract` pipeline on any text: no panic,
//! every span in bounds, every renderer works.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use whosaid::analysis::analyse;
use whosaid::graph::corpus::FileGraph;
use whosaid::graph::identity::Aliases;
use whosaid::lexicon::Lexicon;
use whosaid::markup::Format;
use whosaid::report::{self, CheckedFile};
use whosaid::rules::RuleSettings;

#[path = "../../support/invariants.rs"]
mod invariants;

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::builtin);

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format, the rest is the article.
    let Some((&pick, rest)) = data.split_first() else { return };
    let format = if pick & 1 == 0 { Format::Markdown } else { Format::Text };
    let text = String::from_utf8_lossy(rest).into_owned();
    let aliases = Aliases::default();
    let analysis = analyse(&text, format, &LEXICON, &aliases);
    let outlet = analysis.outlet_key(&aliases, None);
    let diagnostics = analysis.lint(&LEXICON, &RuleSettings::default(), outlet);
    if let Err(e) = invariants::check_analysis(&text, &analysis, &diagnostics) {
        panic!("{format:?}: {e}");
    }
    let graph = FileGraph::of("x.md", &analysis, analysis.article.outlet(), &aliases, &[]);
    serde_json::to_string(&graph).expect("file graph serializes");
    let _ = report::extract::human("x.md", &text, &analysis);
    let extracted = report::extract::jsonl_line(&report::extract::extracted(graph, &analysis));
    serde_json::from_str::<serde_json::Value>(&extracted).expect("extract line is JSON");
    let file = CheckedFile { path: "x.md".into(), text, diagnostics, suppressed: Vec::new() };
    let one = std::slice::from_ref(&file);
    let json = report::machine::json(one, &[], 1);
    serde_json::from_str::<serde_json::Value>(&json).expect("check output is JSON");
    let _ = report::machine::jsonl(one);
    let _ = report::machine::concise(one);
    let mut buffer = codespan_reporting::term::termcolor::Buffer::no_color();
    report::human::render_file(&file, &mut buffer);
});
