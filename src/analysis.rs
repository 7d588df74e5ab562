//! Runs the per-file stages in order: markup → sentences → attributions →
//! source graph → claim judgements → rules.

use crate::attributions::{self, Attribution};
use crate::graph::identity::Aliases;
use crate::graph::{self, SourceGraph};
use crate::lexicon::Lexicon;
use crate::markup::{self, Article, Format};
use crate::rules::claims::{self, Judgement};
use crate::rules::{self, Context, Diagnostic, RuleSettings};
use crate::sentences::{self, Sentence};

/// Everything the pipeline knows about one article.
pub struct Analysis {
    pub article: Article,
    pub sentences: Vec<Sentence>,
    pub attributions: Vec<Attribution>,
    pub graph: SourceGraph,
    pub judgements: Vec<Judgement>,
}

/// Analyses one article. `aliases` are the configured ones; the article's
/// own front matter aliases, and its outlet's short name, are added to them.
pub fn analyse(text: &str, format: Format, lexicon: &Lexicon, aliases: &Aliases) -> Analysis {
    let article = markup::parse(text, format, lexicon);
    let sentences = sentences::split(&article, lexicon);
    let mut attributions = attributions::extract(&article, &sentences, lexicon);
    let merged;
    let aliases = if article.aliases().is_empty() && article.outlet().is_none() {
        aliases
    } else {
        merged = {
            let mut with_article = aliases.clone();
            with_article.add_table(article.aliases());
            if let Some(outlet) = article.outlet() {
                with_article.add_own_outlet(outlet);
            }
            with_article
        };
        &merged
    };
    let named = graph::relays::apply(&article, &sentences, &mut attributions, lexicon, aliases);
    let graph = graph::build_with(&article.prose, &attributions, lexicon, aliases, &named);
    let judgements = claims::judge(&article, &sentences, &attributions);
    Analysis { article, sentences, attributions, graph, judgements }
}

impl Analysis {
    /// The article's own outlet key, from front matter or the given default.
    pub fn outlet_key(&self, aliases: &Aliases, configured: Option<&str>) -> Option<String> {
        self.article.outlet().or(configured).map(|name| aliases.key(name))
    }

    /// Runs the per-file rules.
    pub fn lint(&self, lexicon: &Lexicon, settings: &RuleSettings, outlet_key: Option<String>) -> Vec<Diagnostic> {
        let cx = Context {
            article: &self.article,
            sentences: &self.sentences,
            attributions: &self.attributions,
            graph: &self.graph,
            judgements: &self.judgements,
            lexicon,
            outlet_key,
        };
        rules::check(&cx, settings)
    }
}
