//! Config and rule (lexicon) files on any text: located errors, never a
//! panic; a lexicon built from any rule file analyses an article safely.
#![no_main]

use std::path::Path;
use std::sync::{Arc, LazyLock};

use libfuzzer_sys::fuzz_target;
use whosaid::analysis::analyse;
use whosaid::graph::identity::Aliases;
use whosaid::lexicon::{Lexicon, LexiconFile};
use whosaid::markup::Format;

#[path = "../../support/invariants.rs"]
mod invariants;

static BUILTIN: LazyLock<Arc<Lexicon>> = LazyLock::new(|| Arc::new(Lexicon::builtin()));

const ARTICLE: &str = "Harbour plan\n\nThe mayor said the port would close, according to officials familiar with the plan. \
\"It is over,\" she told Coastal Wire. Sources say the ferry stops in May.\n";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // A folder that does not exist: relative rule-files cannot be read.
    let path = Path::new("/nonexistent-whosaid-fuzz/whosaid.toml");
    match whosaid::config::parse(&text, path, &BUILTIN) {
        Ok(settings) => {
            let a = analyse(ARTICLE, Format::Text, &settings.lexicon, &settings.aliases);
            let d = a.lint(&settings.lexicon, &settings.rules, None);
            invariants::check_analysis(ARTICLE, &a, &d).unwrap();
        }
        Err(e) => {
            assert!(e.span.start <= e.span.end && e.span.end <= text.len(), "{e}: span {:?}", e.span);
            assert!(e.line >= 1 && e.column >= 1, "{e}");
            let _ = e.to_string();
        }
    }
    // The same text as a rule file that extends the built-in lexicon.
    if let Ok(file) = toml::from_str::<LexiconFile>(&text) {
        let mut lexicon = (**BUILTIN).clone();
        lexicon.add(&file);
        let a = analyse(ARTICLE, Format::Text, &lexicon, &Aliases::default());
        let d = a.lint(&lexicon, &Default::default(), None);
        invariants::check_analysis(ARTICLE, &a, &d).unwrap();
    }
});
