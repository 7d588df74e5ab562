//! Runs the per-file stages in order: markup → sentences → attributions →
//! source graph → claim judgements → rules.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::attributions::{self, Attribution};
use crate::graph::identity::Aliases;
use crate::graph::{self, SourceGraph};
use crate::lexicon::Lexicon;
use crate::markup::{self, Article, Format};
use crate::rules::claims::{self, Judgement};
use crate::rules::{self, Context, Diagnostic, RuleSettings};
use crate::sentences::{self, Sentence};

/// Articles of at least this many bytes have their per-sentence stages
/// spread over several threads; smaller ones (nearly all news) stay on one,
/// where starting threads would cost more than it saves.
pub const PARALLEL_BYTES: usize = 256 * 1024;

/// Threads one article may use, as `--threads` set it (one until the
/// command line says otherwise, so library callers and tests stay serial).
static ARTICLE_THREADS: AtomicUsize = AtomicUsize::new(1);

/// Sets how many threads one large article may use.
pub fn set_article_threads(threads: usize) {
    ARTICLE_THREADS.store(threads.max(1), Ordering::Relaxed);
}

/// How many threads a stage of one article runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Workers(usize);

impl Workers {
    pub const ONE: Workers = Workers(1);

    /// `threads` workers (at least one).
    pub fn new(threads: usize) -> Workers {
        Workers(threads.max(1))
    }

    /// How many threads this is.
    pub fn count(self) -> usize {
        self.0
    }

    /// The workers for an article of `bytes`: the configured number for a
    /// large article, one for a small one.
    pub fn for_article(bytes: usize) -> Workers {
        if bytes < PARALLEL_BYTES { Workers::ONE } else { Workers::new(ARTICLE_THREADS.load(Ordering::Relaxed)) }
    }

    /// Runs `first` and `second` side by side when there is more than one
    /// worker, else one after the other.
    pub fn join<A, B, FA, FB>(self, first: FA, second: FB) -> (A, B)
    where
        A: Send,
        B: Send,
        FA: FnOnce() -> A + Send,
        FB: FnOnce() -> B + Send,
    {
        if self.0 == 1 {
            return (first(), second());
        }
        std::thread::scope(|scope| {
            let helper = scope.spawn(second);
            let a = first();
            match helper.join() {
                Ok(b) => (a, b),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    }

    /// Runs `work` on consecutive ranges covering `0..len` and returns the
    /// results in range order, so that concatenating them gives what one
    /// call on `0..len` would. With one worker that is exactly one call on
    /// the calling thread. Ranges are handed out a few per worker, so a
    /// worker that drew a slow stretch of the article does not hold up the
    /// others for long.
    pub fn map_ranges<R, W>(self, len: usize, work: W) -> Vec<R>
    where
        R: Send,
        W: Fn(Range<usize>) -> R + Sync,
    {
        if self.0 == 1 || len < 2 {
            return vec![work(0..len)];
        }
        let pieces = (self.0 * RANGES_PER_WORKER).min(len);
        let bounds: Vec<usize> = (0..=pieces).map(|k| k * len / pieces).collect();
        let next = AtomicUsize::new(0);
        let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
            let take = || {
                let mut mine = Vec::new();
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    if k >= pieces {
                        return mine;
                    }
                    mine.push((k, work(bounds[k]..bounds[k + 1])));
                }
            };
            let helpers: Vec<_> = (1..self.0.min(pieces)).map(|_| scope.spawn(take)).collect();
            let mut all = take();
            for helper in helpers {
                // A panic in a helper is re-raised here, on the article's
                // own thread, where the caller reports it for this input.
                match helper.join() {
                    Ok(theirs) => all.extend(theirs),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            all
        });
        done.sort_unstable_by_key(|(k, _)| *k);
        done.into_iter().map(|(_, r)| r).collect()
    }
}

/// Ranges per worker in [`Workers::map_ranges`].
const RANGES_PER_WORKER: usize = 4;

/// Everything the pipeline knows about one article.
pub struct Analysis {
    pub article: Article,
    pub sentences: Vec<Sentence>,
    pub attributions: Vec<Attribution>,
    pub graph: SourceGraph,
    pub judgements: Vec<Judgement>,
    /// The threads its stages (and its rules) may use.
    pub workers: Workers,
}

/// Analyses one article. `aliases` are the configured ones; the article's
/// own front matter aliases, and its outlet's short name, are added to them.
pub fn analyse(text: &str, format: Format, lexicon: &Lexicon, aliases: &Aliases) -> Analysis {
    analyse_with(text, format, lexicon, aliases, Workers::for_article(text.len()))
}

/// [`analyse`] on the given workers.
pub fn analyse_with(text: &str, format: Format, lexicon: &Lexicon, aliases: &Aliases, workers: Workers) -> Analysis {
    let article = markup::parse(text, format, lexicon);
    let sentences = sentences::split_with(&article, lexicon, workers);
    let mut attributions = attributions::extract_with(&article, &sentences, lexicon, workers);
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
    // Claims are judged from the attributions alone, so they can be judged
    // while the source graph is built.
    let (graph, judgements) = workers.join(
        || graph::build_with(&article.prose, &attributions, lexicon, aliases, &named),
        || claims::judge(&article, &sentences, &attributions),
    );
    Analysis { article, sentences, attributions, graph, judgements, workers }
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
            workers: self.workers,
        };
        rules::check(&cx, settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One stretch of a long invented article; `n` varies the names so
    /// that sources are not all the same node.
    fn stretch(n: usize) -> String {
        format!(
            "## Harbour news {n}\n\n\
             The harbour dredging will cost {n} million crowns more than planned, according to a report by the port authority.\n\n\
             \"We underestimated the silt,\" harbour master Lena Dahl{n} said on Monday. \"It will take another year.\n\n\
             \"Nobody is to blame.\" She said the work would go on at night.\n\n\
             Officials familiar with the plan said the budget was never realistic. Critics say the council ignored warnings.\n\n\
             The Tidewater Gazette reported, citing the ferry company, that crossings would be cut. Wikileaks{n} said the cables \
             showed the deal. WikiLeaks{n} later denied it.\n\n\
             Mayor Ana Costa{n} told reporters:\n\n\
             The town cannot pay for it. The state must step in.\n\n\
             - Fishermen say catches fell by half.\n\
             - The ferry will stop in May.\n\n\
             Is the bridge safe? Some experts believe it is not. He said so too.\n\n\
             (Reporting by A. Writer{n})\n\n"
        )
    }

    fn long_article() -> String {
        let mut text = String::from("+++\noutlet = \"Harbour Post\"\n+++\n# The long harbour story\n\n");
        let mut n = 0;
        while text.len() <= PARALLEL_BYTES {
            text.push_str(&stretch(n % 37));
            n += 1;
        }
        text
    }

    #[test]
    fn a_long_article_analysed_on_several_threads_matches_one_thread() {
        let lexicon = Lexicon::builtin();
        let aliases = Aliases::default();
        let text = long_article();
        let serial = analyse_with(&text, Format::Markdown, &lexicon, &aliases, Workers::ONE);
        let parallel = analyse_with(&text, Format::Markdown, &lexicon, &aliases, Workers::new(3));
        assert!(serial.attributions.len() > 1000, "the article should hold many attributions");
        assert_eq!(serial.sentences, parallel.sentences);
        assert_eq!(serial.attributions, parallel.attributions);
        assert_eq!(serial.judgements, parallel.judgements);
        assert_eq!(serial.graph.source_of, parallel.graph.source_of);
        assert_eq!(serial.graph.chains, parallel.graph.chains);
        let settings = RuleSettings::default();
        let serial_found = serial.lint(&lexicon, &settings, None);
        assert!(serial_found.len() > 100, "the article should draw many findings");
        assert_eq!(serial_found, parallel.lint(&lexicon, &settings, None));
    }

    #[test]
    fn ranges_cover_everything_once_in_order() {
        for threads in [1, 2, 3, 8] {
            for len in [0, 1, 2, 7, 100] {
                let runs = Workers::new(threads).map_ranges(len, |range| range.collect::<Vec<usize>>());
                let all: Vec<usize> = runs.into_iter().flatten().collect();
                assert_eq!(all, (0..len).collect::<Vec<_>>(), "threads {threads}, len {len}");
            }
        }
    }

    #[test]
    fn join_returns_both_results_in_place() {
        for threads in [1, 2] {
            assert_eq!(Workers::new(threads).join(|| 1, || "two"), (1, "two"));
        }
    }

    #[test]
    fn small_articles_stay_on_one_thread() {
        assert_eq!(Workers::for_article(PARALLEL_BYTES - 1), Workers::ONE);
    }
}
