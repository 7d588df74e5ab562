//! Runs the per-file stages in order: markup → sentences → attributions →
//! source graph → claim judgements → rules.

use crate::attributions::{self, Attribution};
use crate::graph::identity::Aliases;
use crate::graph::{self, SourceGraph};
use crate::lexicon::Lexicon;
use crate::markup::{self, Article, Format};
use crate::rules::claims::{self, Judgement};
use crate::rules::loops::{CitedClaim, OutletFacts, content_words};
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
/// own front matter aliases are added to them.
pub fn analyse(text: &str, format: Format, lexicon: &Lexicon, aliases: &Aliases) -> Analysis {
    let article = markup::parse(text, format, lexicon);
    let sentences = sentences::split(&article, lexicon);
    let attributions = attributions::extract(&article, &sentences, lexicon);
    let graph = if article.aliases().is_empty() {
        graph::build(&article.prose, &attributions, lexicon, aliases)
    } else {
        let mut merged = aliases.clone();
        merged.add_table(article.aliases());
        graph::build(&article.prose, &attributions, lexicon, &merged)
    };
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

    /// The claims that cite another source, for cross-file loop finding.
    pub fn outlet_facts(&self, outlet_key: Option<String>, outlet_name: Option<String>) -> OutletFacts {
        let mut claims = Vec::new();
        for (i, j) in self.judgements.iter().enumerate() {
            let Some(g) = j.governed.attribution() else { continue };
            if !j.is_claim || self.graph.chains[g].is_empty() {
                continue;
            }
            let nodes = &self.graph.chains[g];
            let content: String =
                self.attributions[g].content.iter().map(|c| c.of(&self.article.prose)).collect::<Vec<_>>().join(" ");
            claims.push(CitedClaim {
                span: self.sentences[i].span,
                keys: nodes.iter().map(|&n| self.graph.nodes[n].key.clone()).collect(),
                names: nodes.iter().map(|&n| self.graph.nodes[n].name.clone()).collect(),
                words: content_words(&content),
            });
        }
        OutletFacts { outlet_key, outlet_name, claims }
    }
}
