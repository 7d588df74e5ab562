//! Stage 5: the rules. Each rule reads the judged sentences, attributions
//! and source graph of one article and reports diagnostics; cross-file
//! loops are found once all files are analysed (`loops`).

pub mod catalog;
pub mod claims;
pub mod house;
pub mod loops;
pub mod order;
pub mod sources;
pub mod suppress;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::attributions::Attribution;
use crate::graph::{SourceGraph, SourceKind};
use crate::lexicon::{CueKind, Lexicon, PhraseIndex};
use crate::markup::Article;
use crate::sentences::Sentence;
use crate::sentences::tokens::alphanumeric_at;
use crate::span::Span;
use catalog::{ANONYMOUS, CIRCULAR, MISSING, SECONDHAND, UNRESOLVED, VAGUE};
use claims::{Governed, Judgement};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A secondary location: a cue or source along the chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One finding, before it is located in lines and columns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The sentence holding the claim (never crosses a sentence boundary).
    pub span: Span,
    pub labels: Vec<Label>,
    /// Display names from the first cited source to the origin.
    pub chain: Vec<String>,
    pub notes: Vec<String>,
    /// The rule's help line, shared from the embedded catalog rather than
    /// copied into each of what can be millions of findings.
    pub help: &'static str,
}

/// What the rules need to know from the configuration.
#[derive(Clone, Debug)]
pub struct RuleSettings {
    /// Rule id → severity, or `None` when the rule is off.
    pub severities: BTreeMap<String, Option<Severity>>,
    pub max_hops: usize,
    /// `[sources] accept`, `reject` and `trusted` from the config.
    pub house: house::HouseLists,
    /// `single-source` reports when more than this share of an article's
    /// claims rest on one source.
    pub single_source_share: f64,
}

impl Default for RuleSettings {
    fn default() -> Self {
        let severities = catalog::all().iter().map(|r| (r.id.clone(), r.enabled.then_some(r.severity))).collect();
        RuleSettings {
            severities,
            max_hops: 1,
            house: house::HouseLists::default(),
            single_source_share: sources::DEFAULT_SINGLE_SOURCE_SHARE,
        }
    }
}

impl RuleSettings {
    pub fn severity(&self, rule: &str) -> Option<Severity> {
        self.severities.get(rule).copied().flatten()
    }
}

/// Everything known about one article.
pub struct Context<'a> {
    pub article: &'a Article,
    pub sentences: &'a [Sentence],
    pub attributions: &'a [Attribution],
    pub graph: &'a SourceGraph,
    pub judgements: &'a [Judgement],
    pub lexicon: &'a Lexicon,
    /// Key of this article's own outlet, from its front matter or config.
    pub outlet_key: Option<String>,
    /// The threads the per-claim rules may share.
    pub workers: crate::analysis::Workers,
}

/// Runs every rule that is on over one article.
pub fn check(cx: &Context, settings: &RuleSettings) -> Vec<Diagnostic> {
    let by_sentence = BySentence::new(cx.attributions);
    // Each claim is judged on its own, so a large article's sentences are
    // shared among threads; the diagnostics come back in sentence order.
    let workers = cx.workers;
    // The whole-article source rules run beside them.
    let (runs, mut whole) = workers.join(
        || workers.map_ranges(cx.sentences.len(), |range| check_claims(cx, settings, &by_sentence, range)),
        || {
            let mut found = Vec::new();
            sources::check(cx, settings, &mut found);
            found
        },
    );
    let mut out = crate::sentences::concat(runs);
    out.append(&mut whole);
    house::apply(cx, &settings.house, &mut out);
    out.retain(|d| settings.severity(d.rule).is_some());
    for d in &mut out {
        d.severity = settings.severity(d.rule).unwrap_or(d.severity);
    }
    out
}

/// The per-claim diagnostics of `cx.sentences[range]`.
fn check_claims(
    cx: &Context,
    settings: &RuleSettings,
    by_sentence: &BySentence,
    range: std::ops::Range<usize>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Each claim is lowercased into one reused buffer rather than a fresh
    // string per sentence (or a lowercase copy of a whole 100 MB article),
    // and split into one reused list of words.
    let mut lower = String::new();
    let mut spare_words = Vec::new();
    let mut scratch = SourceScratch::default();
    let mut own: Vec<&Attribution> = Vec::new();
    for i in range {
        let sentence = &cx.sentences[i];
        let judgement = &cx.judgements[i];
        if !judgement.is_claim {
            continue;
        }
        own.clear();
        own.extend(by_sentence.of(i).iter().map(|&a| &cx.attributions[a]));
        lower.clear();
        lower.push_str(sentence.span.of(&cx.article.prose));
        lower.make_ascii_lowercase();
        let mut words = recycle(std::mem::take(&mut spare_words));
        claim_words_into(&lower, &mut words);
        let claim = Claim { sentence, judgement, own: &own, words: &words };
        check_sentence(cx, settings, &claim, &mut scratch, &mut out);
        spare_words = recycle(words);
    }
    out
}

/// An empty list of words that reuses the allocation of `words`, whatever
/// text they borrowed: collecting a vector's own iterator into a vector of
/// an element of the same size and alignment keeps its buffer, so each
/// claim is split into the same buffer rather than into a new one.
fn recycle<'to>(mut words: Vec<&str>) -> Vec<&'to str> {
    words.clear();
    words.into_iter().map(|_| "").collect()
}

/// Buffers for the source phrases `anonymous_in` looks into, reused from
/// claim to claim.
#[derive(Default)]
struct SourceScratch {
    lower: String,
    spare_words: Vec<&'static str>,
}

impl SourceScratch {
    /// Whether the lowercase words of `phrase` hold an anonymous phrase.
    fn holds_anonymous_phrase(&mut self, index: &PhraseIndex<()>, phrase: &str) -> bool {
        self.lower.clear();
        self.lower.push_str(phrase);
        self.lower.make_ascii_lowercase();
        let mut words = recycle(std::mem::take(&mut self.spare_words));
        words_into(&self.lower, &SOURCE_WORD, &mut words);
        let found = index.matches(&words).next().is_some();
        self.spare_words = recycle(words);
        found
    }
}

/// Attribution ids grouped by sentence, in id order within each sentence,
/// so that each sentence finds its own without scanning them all.
pub(crate) struct BySentence {
    ids: Vec<usize>,
    /// The sentence of each entry of `ids`, ascending.
    sentences: Vec<usize>,
}

impl BySentence {
    pub(crate) fn new(attributions: &[Attribution]) -> BySentence {
        let mut ids: Vec<usize> = (0..attributions.len()).collect();
        // Stable: ids stay in order within a sentence.
        ids.sort_by_key(|&a| attributions[a].sentence);
        let sentences = ids.iter().map(|&a| attributions[a].sentence).collect();
        BySentence { ids, sentences }
    }

    pub(crate) fn of(&self, sentence: usize) -> &[usize] {
        let from = self.sentences.partition_point(|&s| s < sentence);
        let to = self.sentences.partition_point(|&s| s <= sentence);
        &self.ids[from..to]
    }
}

pub(crate) fn push<'o>(
    out: &'o mut Vec<Diagnostic>,
    rule: &'static str,
    span: Span,
    message: String,
) -> &'o mut Diagnostic {
    let doc = catalog::get(rule);
    out.push(Diagnostic {
        rule,
        severity: doc.map_or(Severity::Warning, |d| d.severity),
        message,
        span,
        labels: Vec::new(),
        chain: Vec::new(),
        notes: Vec::new(),
        help: doc.map_or("", |d| d.help.as_str()),
    });
    out.last_mut().expect("just pushed")
}

/// One claim sentence and what the rules read of it.
struct Claim<'c> {
    sentence: &'c Sentence,
    judgement: &'c Judgement,
    /// The attributions whose cue is in the sentence.
    own: &'c [&'c Attribution],
    /// The sentence's lowercase words (runs of letters, digits, `'` and `.`).
    words: &'c [&'c str],
}

fn check_sentence(
    cx: &Context,
    settings: &RuleSettings,
    claim: &Claim,
    scratch: &mut SourceScratch,
    out: &mut Vec<Diagnostic>,
) {
    let Claim { sentence, judgement, own, words } = *claim;
    let span = sentence.span;
    let text = &cx.article.prose;
    let governing = judgement.governed.attribution();
    let chain_nodes: &[usize] = governing.map_or(&[], |g| &cx.graph.chains[g]);

    let vague_phrase = find_phrase(&cx.lexicon.vague, words).or_else(|| {
        chain_nodes
            .iter()
            .find(|&&n| cx.graph.nodes[n].kind == SourceKind::Vague)
            .map(|&n| cx.graph.nodes[n].name.clone())
    });
    // "Officials at the ministry declined to comment": nothing rests on a
    // source that said nothing. Both tests are pure and most claims hold no
    // anonymous source, so the refusal is read only once one is found.
    let silent = || governing.is_some_and(|g| refuses_to_speak(text, &cx.attributions[g]));
    let anonymous_phrase = anonymous_in(cx, own, words, chain_nodes, governing, scratch).filter(|_| !silent());

    if let Some(phrase) = &vague_phrase {
        let d = push(out, VAGUE, span, format!("vague attribution: `{phrase}` names no one"));
        d.chain = chain_names(cx, chain_nodes);
    }
    if let Some(phrase) = &anonymous_phrase {
        let d = push(out, ANONYMOUS, span, format!("anonymous source: `{phrase}`"));
        d.chain = chain_names(cx, chain_nodes);
        d.notes.push("anonymous sourcing should say why the source is not named".into());
    }
    for a in own {
        if cx.graph.unresolved[a.id]
            && let Some(source) = a.source
        {
            let d = push(
                out,
                UNRESOLVED,
                span,
                format!("`{}` does not point to any source named earlier", source.of(text)),
            );
            d.labels.push(Label { span: source, message: "who or what is this?".into() });
        }
    }
    match judgement.governed {
        Governed::None
            if vague_phrase.is_none() && anonymous_phrase.is_none() && is_bare_claim(cx, sentence, words, own) =>
        {
            push(out, MISSING, span, "claim has no attribution".into());
        }
        Governed::None => {}
        Governed::Own(g) | Governed::Carried(g) => {
            let carried = matches!(judgement.governed, Governed::Carried(_));
            check_chain(cx, settings, g, span, carried, out);
        }
    }
}

/// Whether a claim that no attribution frames is the article's own
/// assertion rather than an account of what somebody said, wrote, showed
/// or feels. Each test below removes a family of false alarms measured on
/// annotated news (see the README's accuracy section); a linter that
/// cries wolf gets switched off, so doubt goes to the writer.
fn is_bare_claim(cx: &Context, sentence: &Sentence, words: &[&str], own: &[&Attribution]) -> bool {
    let text = &cx.article.prose;
    let span = sentence.span;
    // The tests are pure, so they run cheapest first: those that look at
    // a field, the first word or the sentence's few attributions turn
    // claims away before any scan of all its bytes or words.
    sentence.open_quote_from.is_none()
        && !opens_with_personal_pronoun(words)
        // "The plan, which officials announced in May, …": a speech act or
        // a finding inside the sentence reports words, even when it frames
        // only part of it. Beliefs are different: "The West tried to make
        // the Russians believe …" still claims what the West did.
        && !own.iter().any(|a| a.kind != CueKind::Cognition)
        && !has_quote(span.of(text))
        && !words.iter().any(|w| cx.lexicon.stance.contains(w))
        && !mostly_reported(text, span, own)
}

/// Whether attributions inside the sentence cover at least half of its
/// words: "Voters appeared to believe the economy would recover" is an
/// account of what voters believe even though no attribution frames the
/// whole sentence. A belief buried in a longer claim ("The West tried to
/// make the Russians believe they would act alone, in an effort to stop
/// them …") covers less and stays a claim.
fn mostly_reported(text: &str, span: Span, own: &[&Attribution]) -> bool {
    if own.is_empty() {
        return false;
    }
    let spans: Vec<Span> =
        own.iter().flat_map(|a| a.source.into_iter().chain([a.cue]).chain(a.content.iter().copied())).collect();
    let (mut words, mut covered) = (0usize, 0usize);
    let mut verb_before_account = false;
    let sentence = span.of(text);
    let words_with_offsets = crate::sentences::tokens::word_runs(sentence, b"'");
    for (offset, word) in words_with_offsets.filter(|(_, w)| w.chars().any(char::is_alphanumeric)) {
        words += 1;
        let at = span.start + offset;
        if spans.iter().any(|s| s.start <= at && at < s.end) {
            covered += 1;
        } else if covered == 0 && opens_verb_phrase(word) {
            verb_before_account = true;
        }
    }
    !verb_before_account && words > 0 && covered * 2 >= words
}

/// Auxiliaries and the infinitive "to": a clause that has one of these
/// before the account has its own verb, and the account is its object.
fn opens_verb_phrase(word: &str) -> bool {
    // The longest auxiliary ("should") has six letters: a longer word is
    // turned away before it is lowercased, and a shorter one is lowercased
    // on the stack rather than into a new String per word.
    const LONGEST: usize = 6;
    if word.len() > LONGEST {
        return false;
    }
    let mut buffer = [0u8; LONGEST];
    let lower = &mut buffer[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    let lower = std::str::from_utf8(lower).unwrap_or("");
    lower == "to" || crate::attributions::words::is_auxiliary(lower)
}

/// "He has long opposed …", "They were never told …": a sentence about a
/// person named before is an account of that person, not a bare claim.
fn opens_with_personal_pronoun(words: &[&str]) -> bool {
    words.first().is_some_and(|w| matches!(*w, "he" | "she" | "they" | "i" | "we" | "he's" | "she's" | "they're"))
}

/// Quoted words are somebody's words: a sentence holding a quotation, or
/// starting inside one opened earlier in its paragraph, is
/// attributed by the sentences around it even when whosaid cannot tell by
/// whom, and flagging it would cry wolf.
fn has_quote(s: &str) -> bool {
    // One pass over the bytes rather than a char-decoding search for the
    // three quote marks and a second substring search for `''`. In UTF-8
    // the bytes E2 80 9C / E2 80 9D are always “ / ”. The bytes that can
    // start a quote are found eight at a time rather than one by one.
    use crate::bytescan::{find_first, splat, zero_bytes};
    let bytes = s.as_bytes();
    let starts = |w: u64| zero_bytes(w ^ splat(b'"')) | zero_bytes(w ^ splat(b'\'')) | zero_bytes(w ^ splat(0xE2));
    let is_start = |b: u8| matches!(b, b'"' | b'\'' | 0xE2);
    let mut from = 0;
    while let Some(i) = find_first(bytes, from, starts, is_start) {
        let quote = match bytes[i] {
            b'"' => true,
            b'\'' => bytes.get(i + 1) == Some(&b'\''),
            _ => matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x9C | 0x9D])),
        };
        if quote {
            return true;
        }
        from = i + 1;
    }
    false
}

/// What a byte is to the word splitter.
const SPACE: u8 = 0;
const WORD: u8 = 1;
/// A byte of a character that is not ASCII, which must be decoded.
const WIDE: u8 = 2;

/// Classes of the bytes that make up words: ASCII letters and digits and
/// the ASCII bytes in `also` are `WORD`, other ASCII is `SPACE`.
const fn word_bytes(also: &[u8]) -> [u8; 256] {
    let mut table = [SPACE; 256];
    let mut b = 0;
    while b < 256 {
        if crate::sentences::tokens::ASCII_ALPHANUMERIC[b] {
            table[b] = WORD;
        } else if b >= 0x80 {
            table[b] = WIDE;
        }
        b += 1;
    }
    let mut k = 0;
    while k < also.len() {
        table[also[k] as usize] = WORD;
        k += 1;
    }
    table
}

/// Claim words hold letters, digits, `'` and `.` ("u.s.", "he's").
const CLAIM_WORD: [u8; 256] = word_bytes(b"'.");
/// Source phrase words hold letters, digits and `.`.
const SOURCE_WORD: [u8; 256] = word_bytes(b".");

/// The words of `text` into `words`: its runs of alphanumeric characters
/// and of the ASCII bytes that `classes` marks `WORD`, as
/// `sentences::tokens::word_runs` finds them. A run of ASCII is walked by
/// table alone; only characters that are not ASCII are decoded, so one
/// curly apostrophe no longer sends a whole sentence down a char-by-char
/// iterator (that was half of splitting claims).
fn words_into<'t>(text: &'t str, classes: &[u8; 256], words: &mut Vec<&'t str>) {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut i = 0;
    loop {
        // Up to the next word.
        while i < len {
            match classes[usize::from(bytes[i])] {
                SPACE => i += 1,
                WORD => break,
                _ => match alphanumeric_at(text, i) {
                    (true, _) => break,
                    (false, width) => i += width,
                },
            }
        }
        if i == len {
            return;
        }
        let start = i;
        // To its end.
        while i < len {
            i = past_lowercase_letters(bytes, i);
            if i == len {
                break;
            }
            match classes[usize::from(bytes[i])] {
                WORD => i += 1,
                SPACE => break,
                _ => match alphanumeric_at(text, i) {
                    (true, width) => i += width,
                    (false, _) => break,
                },
            }
        }
        words.push(&text[start..i]);
    }
}

/// The first byte at or after `from` that is not a lowercase ASCII letter.
/// Most of a lowercased claim is runs of these: they are skipped eight at
/// a time rather than looked up in the class table byte by byte. Not
/// `bytescan::find_first`: these runs are short, and its sixteen-byte step
/// and generic tail cost 22 M more instructions over PolNeAR train.
fn past_lowercase_letters(bytes: &[u8], from: usize) -> usize {
    use crate::bytescan::{splat, word_at};
    const HIGH: u64 = splat(0x80);
    let mut i = from;
    while i + 8 <= bytes.len() {
        let word = word_at(bytes, i);
        // Each byte's low seven bits, plus an offset that carries into the
        // byte's high bit from `a` (0x61) up, and from past `z` (0x7A) up;
        // no sum overflows its byte.
        let low = word & splat(0x7F);
        let from_a = (low + splat(0x80 - b'a')) & HIGH;
        let past_z = (low + splat(0x80 - b'z' - 1)) & HIGH;
        let others = (!(from_a & !past_z) & HIGH) | (word & HIGH);
        if others != 0 {
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i].is_ascii_lowercase() {
        i += 1;
    }
    i
}

/// The words of `text` (see `words_into`).
#[cfg(test)]
fn words_of<'t>(text: &'t str, classes: &[u8; 256]) -> Vec<&'t str> {
    let mut words = Vec::new();
    words_into(text, classes, &mut words);
    words
}

/// A claim's lowercase words for lexicon lookups, into `words` (empty).
/// Dots stay inside words so that "u.s. officials" matches, but the full
/// stop that ends a sentence does not: "The mayor was skeptical." holds
/// "skeptical".
fn claim_words_into<'t>(lower: &'t str, words: &mut Vec<&'t str>) {
    words_into(lower, &CLAIM_WORD, words);
    for word in words.iter_mut() {
        if let Some(bare) = word.strip_suffix('.')
            && !bare.contains('.')
        {
            *word = bare;
        }
    }
}

/// The first vague phrase in the sentence's words.
fn find_phrase(index: &PhraseIndex<()>, words: &[&str]) -> Option<String> {
    index.matches(words).next().map(|(i, len, _)| words[i..i + len].join(" "))
}

/// Anonymity markers: in a source phrase of this sentence, in the chain,
/// or an explicit "on condition of anonymity" anywhere in the sentence.
/// `speaking` is the attribution governing the claim, if any: the caller
/// drops what is found when it refuses to speak, so it is not asked here.
fn anonymous_in(
    cx: &Context,
    own: &[&Attribution],
    words: &[&str],
    chain: &[usize],
    speaking: Option<usize>,
    scratch: &mut SourceScratch,
) -> Option<String> {
    // An explicit phrase holds one of these words, and most sentences hold
    // none: then no phrase lookup is needed at all. A `match` tells most
    // words apart by length alone, where comparing each word with a list
    // of eight was a twentieth of checking a claim.
    let is_explicit_word = |w: &&str| {
        matches!(
            *w,
            "anonymity" | "familiar" | "authorized" | "authorised" | "named" | "unnamed" | "anonymous" | "close"
        )
    };
    let is_explicit = |phrase: &[&str]| phrase.iter().any(is_explicit_word);
    let explicit = if is_explicit(words) {
        let mut found = cx.lexicon.anonymous.matches(words);
        found.find(|&(i, len, _)| is_explicit(&words[i..i + len])).map(|(i, len, _)| words[i..i + len].join(" "))
    } else {
        None
    };
    explicit
        .or_else(|| {
            // What a reported person knew or felt ("the emails show that
            // port officials knew …") makes them the subject of the claim,
            // not a source the article relies on.
            let nested_belief = |a: &Attribution| a.kind == CueKind::Cognition && a.parent.is_some();
            // The governing attribution (`speaking`) is left to the caller,
            // which reads its cue and content only once something is found.
            let silent = |a: &Attribution| Some(a.id) != speaking && refuses_to_speak(&cx.article.prose, a);
            // The tests are pure, so the one that turns most source
            // phrases away, an anonymous phrase in them, runs first: the
            // name and refusal tests then run for the few that hold one,
            // not for every source phrase of every claim.
            own.iter().filter(|a| !nested_belief(a)).find_map(|a| {
                let phrase = a.source?.of(&cx.article.prose);
                let relied_on = scratch.holds_anonymous_phrase(&cx.lexicon.anonymous, phrase)
                    && !crate::graph::kinds::names_someone_first(phrase)
                    && !silent(a);
                relied_on.then(|| phrase.to_string())
            })
        })
        .or_else(|| {
            chain
                .iter()
                .find(|&&n| cx.graph.nodes[n].kind == SourceKind::Anonymous)
                .map(|&n| cx.graph.nodes[n].name.clone())
        })
}

/// Whether an attribution reports that its source said nothing: "officials
/// declined to comment", "the company did not respond to a request for
/// comment", "police refused to say how many …". Nothing rests on such a
/// source, so its anonymity is not worth a finding.
fn refuses_to_speak(text: &str, a: &Attribution) -> bool {
    const REFUSALS: &[&str] =
        &["declin", "refus", "did not respond", "didn't respond", "didn’t respond", "did not return", "would not"];
    const SILENT_CONTENT: &[&str] = &[
        "to comment",
        "to say",
        "to discuss",
        "to elaborate",
        "to answer",
        "to confirm",
        "to speak",
        "to respond",
        "to be interviewed",
        "to give",
        "to provide",
        "comment",
        "a request",
        "requests",
        "messages",
        "calls",
        "phone calls",
        "emails",
    ];
    if !cue_refuses(a.cue.of(text), REFUSALS) {
        return false;
    }
    // Only a refusing cue has its content (often paragraphs) lowercased.
    let content = a.content.first().map_or(String::new(), |c| c.of(text).trim_start().to_lowercase());
    content.is_empty() || SILENT_CONTENT.iter().any(|c| content.starts_with(c))
}

/// Whether `cue`, lowercased, holds one of `refusals` (lowercase).
fn cue_refuses(cue: &str, refusals: &[&str]) -> bool {
    if cue.is_ascii() {
        // Nearly every cue: compared in place, ignoring ASCII case, rather
        // than lowercased into a new String and searched once per refusal
        // with a searcher built per call. A refusal that is not ASCII
        // never equals an ASCII window, so it needs no test of its own.
        // A window is compared whole only when its first byte matches.
        let cue = cue.as_bytes();
        return refusals.iter().any(|r| {
            let r = r.as_bytes();
            let Some(&first) = r.first() else { return true };
            cue.len() >= r.len()
                && cue.windows(r.len()).any(|w| w[0].to_ascii_lowercase() == first && w.eq_ignore_ascii_case(r))
        });
    }
    let cue = cue.to_lowercase();
    refusals.iter().any(|r| cue.contains(r))
}

fn chain_names(cx: &Context, nodes: &[usize]) -> Vec<String> {
    nodes.iter().map(|&n| cx.graph.nodes[n].name.clone()).collect()
}

/// "According to X, which cited Y, …": X's chain runs on through the
/// relay Y hanging below it. Returns the deepest attribution below `g` in
/// the same sentence that carries `g`'s chain, so that the labels show
/// every hop; `g` itself when there is none. Runs once per finding.
fn relay_below(cx: &Context, g: usize) -> usize {
    let chain = &cx.graph.chains[g];
    let below_g = |mut k: usize| {
        for _ in 0..cx.attributions.len() {
            match cx.attributions[k].parent {
                Some(p) if p == g => return true,
                Some(p) => k = p,
                None => return false,
            }
        }
        false
    };
    // Attributions are numbered in sentence order, so the sentence's own
    // are the run around `g`: look only there (a scan of all of them per
    // finding is quadratic on a huge article).
    let sentence = cx.attributions[g].sentence;
    let same_sentence = |k: &usize| cx.attributions[*k].sentence == sentence;
    let first = (0..g).rev().take_while(same_sentence).last().unwrap_or(g);
    (first..cx.attributions.len())
        .take_while(same_sentence)
        .filter(|&k| k != g && &cx.graph.chains[k] == chain && below_g(k))
        .fold(g, |_, k| k)
}

/// Labels for every cue and source along the chain ending at `g`.
fn chain_labels(cx: &Context, g: usize) -> Vec<Label> {
    let mut labels = Vec::new();
    let mut cur = Some(g);
    let mut steps = 0;
    while let Some(k) = cur {
        let a = &cx.attributions[k];
        labels.push(Label { span: a.cue, message: "cue".into() });
        if let (Some(source), Some(node)) = (a.source, cx.graph.source_of[k]) {
            labels.push(Label { span: source, message: format!("source: {}", cx.graph.nodes[node].name) });
        }
        cur = a.parent;
        steps += 1;
        if steps > cx.attributions.len().min(2 * crate::graph::MAX_CHAIN) {
            break;
        }
    }
    labels.reverse();
    labels
}

/// How many hops of a chain count towards `max-hops`: every source but a
/// trusted wire that relays someone else (a trusted wire at the origin
/// still counts).
fn counted_hops(cx: &Context, settings: &RuleSettings, nodes: &[usize]) -> (usize, Vec<String>) {
    let mut skipped = Vec::new();
    let mut counted = 0;
    for (i, &n) in nodes.iter().enumerate() {
        let node = &cx.graph.nodes[n];
        let relays = i + 1 < nodes.len();
        if relays && settings.house.trusted.iter().any(|t| t.names_source(&node.key, &node.name)) {
            skipped.push(node.name.clone());
        } else {
            counted += 1;
        }
    }
    (counted, skipped)
}

/// Secondhand and circular chains. A chain that loops, or that cites the
/// article's own outlet, is reported as circular only: the circular
/// finding already shows the whole chain.
fn check_chain(cx: &Context, settings: &RuleSettings, g: usize, span: Span, carried: bool, out: &mut Vec<Diagnostic>) {
    let nodes = &cx.graph.chains[g];
    let repeat = nodes.iter().enumerate().find(|(i, n)| nodes[..*i].contains(n)).map(|(_, n)| *n);
    let own_outlet =
        cx.outlet_key.as_ref().and_then(|key| nodes.iter().find(|&&n| &cx.graph.nodes[n].key == key).copied());
    let circular = match (repeat, own_outlet) {
        (Some(node), _) => Some(format!("attribution chain returns to {}", cx.graph.nodes[node].name)),
        (None, Some(node)) => Some(format!("article cites its own outlet, {}, as evidence", cx.graph.nodes[node].name)),
        (None, None) => None,
    };
    if let Some(message) = circular {
        let d = push(out, CIRCULAR, span, message);
        describe_chain(cx, g, span, carried, d);
        return;
    }
    let (hops, trusted) = counted_hops(cx, settings, nodes);
    if hops <= settings.max_hops {
        return;
    }
    let origin = cx.graph.nodes[nodes[nodes.len() - 1]].name.as_str();
    let message = if nodes.len() == 2 {
        // No verb: relays are as often plural ("cables", "documents")
        // as singular, and "cables relays" reads wrong.
        format!("secondhand attribution: what {origin} said, by way of {}", cx.graph.nodes[nodes[0]].name)
    } else {
        format!("claim reaches this article through {} sources before {origin}", nodes.len() - 1)
    };
    let d = push(out, SECONDHAND, span, message);
    describe_chain(cx, g, span, carried, d);
    d.notes.push(format!("chains longer than max-hops = {} are reported", settings.max_hops));
    if !trusted.is_empty() {
        d.notes.push(format!("not counted, as trusted: {}", trusted.join(", ")));
    }
}

/// The chain, labels and first notes of a finding on the chain of `g`.
/// Built only once a chain is found wanting: most claims rest on a sound
/// chain, and naming, formatting and labelling every one of them was a
/// good part of checking a claim.
fn describe_chain(cx: &Context, g: usize, span: Span, carried: bool, d: &mut Diagnostic) {
    let names = chain_names(cx, &cx.graph.chains[g]);
    d.notes.push(format!("this article → {}", names.join(" → ")));
    d.chain = names;
    if carried {
        d.notes.push("attribution carried over from the previous sentence".to_string());
    } else {
        d.labels = chain_labels(cx, relay_below(cx, g)).into_iter().filter(|l| span.contains(l.span)).collect();
    }
}

#[cfg(test)]
mod tests;
