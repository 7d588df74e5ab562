//! The markup parser on any text: no panic, and a lossless parse. The raw
//! bytes also go through the file decoder, which must either return them
//! unchanged or fail with one line located inside them.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use whosaid::lexicon::Lexicon;
use whosaid::markup::{Format, parse};

#[path = "../../support/invariants.rs"]
mod invariants;

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::builtin);

fuzz_target!(|data: &[u8]| {
    match whosaid::cli::inputs::decode(data.to_vec()) {
        Ok(decoded) => assert_eq!(decoded.as_bytes(), data),
        Err((offset, message)) => {
            assert!(offset < data.len(), "offset {offset} of {} bytes: {message}", data.len());
            assert!(!message.is_empty() && !message.contains('\n'), "{message:?}");
        }
    }
    let text = String::from_utf8_lossy(data);
    for format in [Format::Markdown, Format::Text] {
        let article = parse(&text, format, &LEXICON);
        if let Err(e) = invariants::check_article(&text, &article) {
            panic!("{format:?}: {e}");
        }
    }
});
