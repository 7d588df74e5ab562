//! Inputs that once broke the pipeline, found by fuzzing
//! (`tests/fuzz`); each must now give a clean analysis.

use whosaid::analysis::analyse;
use whosaid::graph::identity::Aliases;
use whosaid::lexicon::Lexicon;
use whosaid::markup::Format;
use whosaid::rules::RuleSettings;

#[path = "support/invariants.rs"]
mod invariants;

fn clean(bytes: &[u8], format: Format) {
    let text = String::from_utf8_lossy(bytes);
    let lexicon = Lexicon::builtin();
    let analysis = analyse(&text, format, &lexicon, &Aliases::default());
    let diagnostics = analysis.lint(&lexicon, &RuleSettings::default(), None);
    invariants::check_analysis(&text, &analysis, &diagnostics).unwrap();
}

/// fuzz check, crash-836b310e: a speaker label whose colon is followed
/// only by a full stop ("Th: .") built a content span running backwards.
#[test]
fn speaker_label_with_nothing_after_the_colon() {
    clean(b"Th: . \"It +?\n\xdc\x8d\xdd\n. \"It +?\n\xdc\x8d\xdd\n++o\nv", Format::Markdown);
    clean(b"Title\n\nMATTHEWS: .\n\nPENCE: It is.\n", Format::Markdown);
    clean(b"PENCE:.", Format::Text);
}
