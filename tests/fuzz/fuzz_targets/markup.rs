//! The markup parser on any text: no panic, and a lossless parse.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use whosaid::lexicon::Lexicon;
use whosaid::markup::{Format, parse};

#[path = "../../support/invariants.rs"]
mod invariants;

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::builtin);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for format in [Format::Markdown, Format::Text] {
        let article = parse(&text, format, &LEXICON);
        if let Err(e) = invariants::check_article(&text, &article) {
            panic!("{format:?}: {e}");
        }
    }
});
