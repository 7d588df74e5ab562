//! Stage 4: attributions → source graph.
//!
//! Every source mention is filed under one node per real source (names
//! normalised, aliases applied, surnames and descriptions matched to
//! earlier mentions, pronouns resolved to the nearest compatible source).
//! Each attribution then gets its chain: the sources from the first one
//! the article cites down to the origin, following `parent` links.
//!
//! Around that core: `relays` finds relay patterns the extractor leaves
//! flat (links, "which cited", "in the cables, X said"), `spelling` finds
//! a source spelled two ways, `corpus` turns an article into the facts the
//! cross-file merge needs, and `tree` lays those facts out as a tree.

pub mod corpus;
mod folded;
pub mod identity;
pub mod kinds;
pub mod relays;
mod scan;
pub mod spelling;
pub mod tree;

use serde::{Deserialize, Serialize};

use crate::attributions::Attribution;
use crate::lexicon::{Lexicon, WordMap};
use crate::span::Span;
use identity::{Aliases, compact, display, surname};
use kinds::{Mention, classify_mention, is_role_noun};
pub use kinds::{SourceKind, looks_like_outlet};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceNode {
    pub id: usize,
    /// Display name: the configured name of an aliased source, else the
    /// fullest mention in the article.
    pub name: String,
    /// Identity key (lowercased, aliases applied), to merge across files.
    pub key: String,
    pub kind: SourceKind,
    pub mentions: Vec<Span>,
}

#[derive(Clone, Debug, Default)]
pub struct SourceGraph {
    pub nodes: Vec<SourceNode>,
    /// For each attribution (by id): the node its source resolves to.
    pub source_of: Vec<Option<usize>>,
    /// For each attribution: its source is a pronoun or description with
    /// nothing earlier to point to.
    pub unresolved: Vec<bool>,
    /// For each attribution: node ids from the first cited to the origin.
    pub chains: Vec<Vec<usize>>,
}

impl SourceGraph {
    pub fn chain_names(&self, attribution: usize) -> Vec<String> {
        self.chains[attribution].iter().map(|&n| self.nodes[n].name.clone()).collect()
    }

    pub fn node_by_key(&self, key: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.key == key)
    }
}

/// The last name (see [`scan::find_name`]) in `window`, as offsets into it.
fn last_name_between(window: &str) -> Option<(usize, usize)> {
    let mut last = None;
    let mut from = 0;
    while let Some(found) = scan::find_name(window, from) {
        (last, from) = (Some(found), found.1);
    }
    last
}

/// Heads of possessive descriptions that are the possessor speaking:
/// "the Gazette's report" is the Gazette, "the authority's plan" is the
/// authority.
fn is_voice_noun(head: &str) -> bool {
    matches!(
        head,
        "report"
            | "reports"
            | "reporting"
            | "story"
            | "article"
            | "statement"
            | "website"
            | "site"
            | "account"
            | "announcement"
            | "plan"
            | "proposal"
            | "post"
            | "tweet"
            | "blog"
            | "newsletter"
            | "broadcast"
            | "coverage"
            | "release"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
    )
}

/// A possessive description split at its possessive: "the authority's
/// plan" → ("the authority", "plan").
fn split_possessive(text: &str) -> Option<(&str, &str)> {
    let at = text.find("'s ").map(|i| (i, 3)).or_else(|| text.find("’s ").map(|i| (i, "’s ".len())))?;
    let (possessor, head) = (text[..at.0].trim(), text[at.0 + at.1..].trim());
    (!possessor.is_empty() && !head.is_empty()).then_some((possessor, head))
}

struct Builder<'a> {
    text: &'a str,
    lexicon: &'a Lexicon,
    aliases: &'a Aliases,
    graph: SourceGraph,
    /// (node, offset) of every resolved mention, in text order.
    recent: Recent,
    /// Where each word first occurs in the lowercased text, for "does the
    /// text before here mention it"; see `mentioned_before`.
    first_seen: FirstSeen,
    /// Every (node, mention) recorded, so that a source mentioned
    /// thousands of times is not searched linearly for each new mention.
    mentioned: std::collections::HashSet<(usize, Span), FastHash>,
    /// `aliases.key` of each mention text seen: a source named a thousand
    /// times is normalised once (normalising allocates half a dozen times).
    /// Keyed by the mention as it stands in the text (or configuration),
    /// not a copy of it.
    key_of_text: std::collections::HashMap<&'a str, String, FastHash>,
    /// Capitalised names in the text, found once, as far as asked.
    names: Names,
    /// The first node of each key, and of each `compact(key)`, so that
    /// looking a key up does not compare it with every node (quadratic in
    /// the number of sources).
    keys: Keys,
    /// Nodes by the surname of their shown name; see `Surnames`.
    surnames: Surnames,
}

/// Node ids by the `surname` of each node's current name, ascending, so
/// that "the first earlier person with this surname" is a lookup rather
/// than a pass over every node computing every surname (quadratic in the
/// number of sources).
#[derive(Default)]
struct Surnames {
    by_surname: WordMap<Vec<usize>>,
}

impl Surnames {
    fn add(&mut self, name: &str, id: usize) {
        self.add_surname(surname(name), id);
    }

    /// Files node `id` under `last`, its name's `surname`, if any.
    fn add_surname(&mut self, last: Option<String>, id: usize) {
        if let Some(last) = last {
            let ids = self.by_surname.entry(last).or_default();
            if let Err(at) = ids.binary_search(&id) {
                ids.insert(at, id);
            }
        }
    }

    fn remove(&mut self, name: &str, id: usize) {
        if let Some(ids) = surname(name).and_then(|last| self.by_surname.get_mut(&last))
            && let Ok(at) = ids.binary_search(&id)
        {
            ids.remove(at);
        }
    }

    /// Ids of the nodes whose name has surname `last`, ascending.
    fn named(&self, last: &str) -> &[usize] {
        self.by_surname.get(last).map_or(&[], Vec::as_slice)
    }
}

/// First node by key and by squeezed key; see `Builder::known`.
#[derive(Default)]
struct Keys {
    by_key: WordMap<usize>,
    by_compact: WordMap<usize>,
}

/// The lexicon's fast hasher, for the builder's lookup-only sets: their
/// keys come from one article, and nothing iterates them, so neither
/// SipHash's flood resistance nor its order matters.
pub(crate) type FastHash = std::hash::BuildHasherDefault<crate::lexicon::WordHasher>;

impl Keys {
    /// Tables for up to `sources` keys, sized once.
    fn with_capacity(sources: usize) -> Keys {
        Keys {
            by_key: WordMap::with_capacity_and_hasher(sources, Default::default()),
            by_compact: WordMap::with_capacity_and_hasher(sources, Default::default()),
        }
    }

    /// Files node `id` under `key` and its squeezed form `squeezed`.
    fn add(&mut self, key: &str, squeezed: String, id: usize) {
        self.by_key.entry(key.to_string()).or_insert(id);
        self.by_compact.entry(squeezed).or_insert(id);
    }
}

/// How many of the sources mentioned last a pronoun or description may
/// point back to. A news article names a few dozen; without a bound, an
/// archive-sized article with thousands of names made every unresolvable
/// description a walk over all of them, quadratic in the article.
const NEAREST_LOOKBACK: usize = 64;

/// The resolved mentions so far, kept as one entry per node so that
/// "the nearest earlier source that fits" looks at each source once rather
/// than at every mention of it (which made long articles quadratic).
///
/// Mentions arrive in text order, and each question is asked at the
/// current mention, so only mentions at that very offset are not "before"
/// it; for those the node's previous mention stands in.
#[derive(Default)]
struct Recent {
    /// Each node once, by its latest mention, oldest first.
    order: Vec<usize>,
    /// Per node: its latest mention and the latest one before that, as
    /// (offset, push number); the push number orders equal offsets.
    latest: Vec<Option<(usize, usize)>>,
    before_latest: Vec<Option<(usize, usize)>>,
    pushes: usize,
}

impl Recent {
    fn push(&mut self, node: usize, at: usize) {
        if self.latest.len() <= node {
            self.latest.resize(node + 1, None);
            self.before_latest.resize(node + 1, None);
        }
        self.pushes += 1;
        let previous = self.latest[node];
        if previous.is_none_or(|(latest, _)| latest != at) {
            self.before_latest[node] = previous;
        }
        self.latest[node] = Some((at, self.pushes));
        // A node never mentioned before is not in `order`: searching for it
        // would walk all of `order` for every new source.
        if previous.is_some()
            && let Some(k) = self.order.iter().rposition(|&n| n == node)
        {
            self.order.remove(k);
        }
        self.order.push(node);
    }

    /// Nodes with a mention before `offset`, nearest first.
    fn before(&self, offset: usize) -> impl Iterator<Item = usize> + '_ {
        let before = |mention: Option<(usize, usize)>| mention.filter(|&(at, _)| at < offset);
        // Nodes last mentioned at `offset` itself count from their
        // previous mention; they sit at the end of `order`.
        let split = self.order.iter().rposition(|&n| before(self.latest[n]).is_some()).map_or(0, |k| k + 1);
        let mut moved: Vec<((usize, usize), usize)> =
            self.order[split..].iter().filter_map(|&n| before(self.before_latest[n]).map(|m| (m, n))).collect();
        moved.sort_by_key(|&(m, _)| std::cmp::Reverse(m));
        let mut moved = moved.into_iter().peekable();
        let mut rest = self.order[..split].iter().rev().copied().peekable();
        std::iter::from_fn(move || {
            let next_rest = rest.peek().and_then(|&n| self.latest[n]);
            match (moved.peek().copied(), next_rest) {
                (Some((m, _)), Some(r)) if m > r => moved.next().map(|(_, n)| n),
                (Some(_), None) => moved.next().map(|(_, n)| n),
                _ => rest.next(),
            }
        })
    }
}

/// The matches of [`scan::find_name`] (capitalised names, "Jane Doe",
/// "Acme Corp", antecedents for pronouns when no source came before) in
/// the whole text, in order, found on demand.
struct Names {
    found: Vec<(usize, usize)>,
    /// Where the next search starts; `None` once the text is exhausted.
    next: Option<usize>,
}

impl Names {
    /// Finds matches until one starts at or after `offset`.
    fn reach(&mut self, text: &str, offset: usize) -> &[(usize, usize)] {
        while self.found.last().is_none_or(|&(start, _)| start < offset)
            && let Some(from) = self.next
        {
            match scan::find_name(text, from) {
                Some((start, end)) => {
                    self.found.push((start, end));
                    self.next = Some(end);
                }
                None => self.next = None,
            }
        }
        &self.found
    }
}

/// Answers "does the lowercased text before `offset` contain `word`"
/// with at most one pass over the text per distinct word. Lowercasing the
/// whole prefix for every description made long documents quadratic.
#[derive(Default)]
struct FirstSeen {
    /// Whether lowercasing the text keeps every character's byte length
    /// (so offsets agree) and there is no capital sigma (whose lowercase
    /// depends on what follows, so a prefix could differ).
    aligned: Option<bool>,
    /// The text lowercased, made only for a word that is not ASCII.
    lower: Option<String>,
    /// Per ASCII word: how far the text has been searched for it.
    ascii: WordMap<Search>,
    /// Per other word: where it first occurs in `lower`.
    other: WordMap<Option<usize>>,
}

/// A search for one word that resumes where the last question left off.
#[derive(Clone, Copy)]
struct Search {
    /// Where the word first starts, once found.
    found: Option<usize>,
    /// Every start before this has been tried and does not match.
    tried: usize,
}

impl FirstSeen {
    fn mentioned_before(&mut self, text: &str, offset: usize, word: &str) -> bool {
        let aligned = *self.aligned.get_or_insert_with(|| is_aligned(text));
        if !aligned {
            return text[..offset].to_lowercase().contains(word);
        }
        if !word.is_ascii() {
            let lower = self.lower.get_or_insert_with(|| text.to_lowercase());
            let first = *self.other.entry(word.to_string()).or_insert_with(|| lower.find(word));
            return first.is_some_and(|at| at + word.len() <= offset);
        }
        // An ASCII word is found in the text itself, up to ASCII case: in
        // an aligned text every ASCII byte of the lowercase sits where the
        // ASCII byte it lowercases sits, and no other character lowercases
        // to ASCII. So the lowercase copy (a pass over the whole text for
        // every article) is never made, and the text is searched only as
        // far as the questions reach.
        let search = self.ascii.entry(word.to_string()).or_insert(Search { found: None, tried: 0 });
        if search.found.is_none() && offset >= word.len() {
            let last_start = offset - word.len();
            if search.tried <= last_start {
                search.found = find_ascii_folded(text.as_bytes(), word.as_bytes(), search.tried, last_start);
                search.tried = last_start + 1;
            }
        }
        search.found.is_some_and(|at| at + word.len() <= offset)
    }
}

/// Whether `text.to_lowercase()` has every character at the same byte
/// offset as `text`, and no capital sigma (see `FirstSeen`).
fn is_aligned(text: &str) -> bool {
    non_ascii_chars(text).all(|c| {
        let mut lowered = c.to_lowercase();
        matches!((lowered.next(), lowered.next()), (Some(l), None) if c != 'Σ' && l.len_utf8() == c.len_utf8())
    })
}

/// The characters of `text` that are not ASCII. News text is nearly all
/// ASCII with a curly quote here and there, so ASCII is passed over a
/// block at a time instead of decoding every character.
fn non_ascii_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    const BLOCK: usize = 32;
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if bytes.get(i..i + BLOCK).is_some_and(<[u8]>::is_ascii) {
                i += BLOCK;
            } else if bytes[i].is_ascii() {
                i += 1;
            } else {
                // `i` is always a character boundary: it only moves past
                // ASCII bytes and whole characters.
                let c = text[i..].chars().next()?;
                i += c.len_utf8();
                return Some(c);
            }
        }
        None
    })
}

/// The first start in `first..=last` where `text` holds `word` (lowercase
/// ASCII) up to ASCII case.
fn find_ascii_folded(text: &[u8], word: &[u8], first: usize, last: usize) -> Option<usize> {
    // A capital in `word` matches nothing in a lowercased text.
    if word.iter().any(u8::is_ascii_uppercase) {
        return None;
    }
    let Some((&lead, rest)) = word.split_first() else { return Some(first) };
    let last = last.min(text.len().checked_sub(word.len())?);
    let mut at = first;
    // Candidates are found a block at a time, by the first two letters
    // when there are two; most of an article holds neither case of them.
    let find = |at: usize| match rest.first() {
        Some(&second) => scan::find_folded_pair(text, at, lead, second),
        None => scan::find_folded_byte(text, at, lead),
    };
    while let Some(candidate) = find(at).filter(|&c| c <= last) {
        if text[candidate + 1..candidate + word.len()].eq_ignore_ascii_case(rest) {
            return Some(candidate);
        }
        at = candidate + 1;
    }
    None
}

/// At most one whitespace-separated word of `text` does not end with a
/// period ("Smith", "J. Smith"). Asking for a second such word stops
/// there instead of counting every word of a long mention; ASCII text
/// (nearly every mention) is split bytewise rather than by decoding each
/// character for the Unicode whitespace test.
fn has_at_most_one_plain_word(text: &str) -> bool {
    let plain = |w: &&str| !w.ends_with('.');
    if text.is_ascii() {
        identity::ascii_pieces(text, kinds::is_ascii_space).filter(plain).nth(1).is_none()
    } else {
        text.split_whitespace().filter(plain).nth(1).is_none()
    }
}

/// `Builder::lookup` in `keys` alone, so that it can be asked while the
/// builder's key cache is borrowed.
fn lookup_in(keys: &Keys, key: &str) -> Result<usize, String> {
    if let Some(&id) = keys.by_key.get(key) {
        return Ok(id);
    }
    let squeezed = compact(key);
    match keys.by_compact.get(&squeezed) {
        Some(&id) if squeezed.len() >= 4 => Ok(id),
        _ => Err(squeezed),
    }
}

impl<'a> Builder<'a> {
    /// A builder for `sources` source mentions: the tables that gain an
    /// entry per mention are sized for them up front, since growing them
    /// rehashed every entry at each doubling.
    fn new(text: &'a str, lexicon: &'a Lexicon, aliases: &'a Aliases, sources: usize) -> Builder<'a> {
        Builder {
            text,
            lexicon,
            aliases,
            graph: SourceGraph { nodes: Vec::with_capacity(sources), ..SourceGraph::default() },
            recent: Recent::default(),
            first_seen: FirstSeen::default(),
            mentioned: std::collections::HashSet::with_capacity_and_hasher(sources, FastHash::default()),
            key_of_text: std::collections::HashMap::with_capacity_and_hasher(sources, FastHash::default()),
            names: Names { found: Vec::new(), next: Some(0) },
            keys: Keys::with_capacity(sources),
            surnames: Surnames { by_surname: WordMap::with_capacity_and_hasher(sources, Default::default()) },
        }
    }

    /// `aliases.key(name)`, normalised once per distinct text.
    fn key(&mut self, name: &'a str) -> String {
        if let Some(key) = self.key_of_text.get(name) {
            return key.clone();
        }
        let key = self.aliases.key(name);
        self.key_of_text.insert(name, key.clone());
        key
    }

    /// The node filed under `key`, or under the same letters spelled with
    /// other spacing or hyphens ("Wiki Leaks" and "WikiLeaks").
    fn known(&self, key: &str) -> Option<usize> {
        self.lookup(key).ok()
    }

    /// `known`, handing back on a miss the squeezed key it made, so that
    /// a new node is filed under it without squeezing the key again.
    fn lookup(&self, key: &str) -> Result<usize, String> {
        lookup_in(&self.keys, key)
    }

    fn add_node(&mut self, name: &'a str, span: Span) -> usize {
        let key = self.key(name);
        match self.lookup(&key) {
            Ok(id) => {
                self.note_mention(id, name, span);
                id
            }
            Err(squeezed) => self.new_node(name, key, squeezed, span),
        }
    }

    /// A node for a mention whose `key` (squeezed: `squeezed`) no node has.
    fn new_node(&mut self, name: &str, key: String, squeezed: String, span: Span) -> usize {
        let id = self.graph.nodes.len();
        let configured = self.aliases.canonical_name(&key);
        let classified = kinds::kind_and_display(name, self.lexicon, configured.is_none());
        // The surname is read from the mention's word table when the name
        // shown is the mention's, rather than splitting that name again.
        let last = match (configured, classified.shown_last_word) {
            (None, Some(word)) => identity::ascii_surname(word),
            _ => surname(configured.unwrap_or(&classified.shown)),
        };
        let (kind, shown) = (classified.kind, configured.map_or(classified.shown, str::to_string));
        self.keys.add(&key, squeezed, id);
        self.surnames.add_surname(last, id);
        self.graph.nodes.push(SourceNode { id, name: shown, key, kind, mentions: vec![span] });
        self.mentioned.insert((id, span));
        id
    }

    /// Records a mention of node `id` unless it is already recorded.
    fn add_mention(&mut self, id: usize, span: Span) {
        if self.mentioned.insert((id, span)) {
            self.graph.nodes[id].mentions.push(span);
        }
    }

    fn note_mention(&mut self, id: usize, name: &str, span: Span) {
        let configured = self.aliases.canonical_name(&self.graph.nodes[id].key).is_some();
        self.add_mention(id, span);
        let node = &mut self.graph.nodes[id];
        // `display` only drops words and spaces, so a mention no longer
        // than the shown name cannot replace it: skip building it.
        if configured || name.len() <= node.name.len() {
            return;
        }
        let shown = display(name);
        if shown.len() > node.name.len() {
            self.surnames.remove(&node.name, id);
            self.surnames.add(&shown, id);
            node.name = shown;
        }
    }

    /// The most recent node before `offset` that satisfies `fits`, among
    /// the [`NEAREST_LOOKBACK`] sources mentioned last.
    fn nearest(&self, offset: usize, fits: impl Fn(&SourceNode) -> bool) -> Option<usize> {
        self.recent.before(offset).take(NEAREST_LOOKBACK).find(|&n| fits(&self.graph.nodes[n]))
    }

    /// A capitalised name in the text before `offset`, as a new or known node.
    fn name_in_text_before(&mut self, offset: usize, from: usize) -> Option<usize> {
        let (start, end) = self.last_name_in(from, offset)?;
        let text = self.text;
        Some(self.named(&text[start..end], Span::new(start, end)))
    }

    /// The last match of [`scan::find_name`] in `text[from..offset]`, as byte offsets
    /// into `text`. Searching every prefix anew made articles with many
    /// pronouns quadratic; instead the whole text is searched once and
    /// only the edges of the window are searched again.
    fn last_name_in(&mut self, from: usize, offset: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let names = self.names.reach(text, offset);
        let search = |a: usize, b: usize| last_name_between(&text[a..b]).map(|(start, end)| (a + start, a + end));
        // A name that runs across `from` ("J. Smith" split after "J."): the
        // window's own matches may differ from the whole text's, so search
        // the window itself, which is one sentence.
        let first = names.partition_point(|&(_, end)| end <= from);
        if names.get(first).is_some_and(|&(start, _)| start < from) {
            return search(from, offset);
        }
        // Matches that end inside the window are the window's matches; one
        // that runs across `offset` may match shorter inside the window, so
        // the window's tail from its start is searched again.
        let inside = names.partition_point(|&(_, end)| end <= offset);
        if let Some(&(start, _)) = names.get(inside).filter(|&&(start, _)| start < offset)
            && let Some(found) = search(start.max(from), offset)
        {
            return Some(found);
        }
        (inside > first).then(|| names[inside - 1])
    }

    /// A named mention: by key, then by surname, else a new node.
    fn named(&mut self, text: &'a str, span: Span) -> usize {
        // The key is looked up where the cache holds it: a text named
        // before is found without copying its key out of the cache.
        let aliases = self.aliases;
        let cached = self.key_of_text.entry(text).or_insert_with(|| aliases.key(text));
        let squeezed = match lookup_in(&self.keys, cached) {
            Ok(id) => {
                self.note_mention(id, text, span);
                return id;
            }
            Err(squeezed) => squeezed,
        };
        let key = cached.clone();
        let short = has_at_most_one_plain_word(text);
        if short && let Some(last) = surname(text) {
            let nodes = &self.graph.nodes;
            let earlier = self.surnames.named(&last).iter().copied().find(|&id| nodes[id].kind == SourceKind::Person);
            if let Some(id) = earlier {
                self.graph.nodes[id].mentions.push(span);
                self.mentioned.insert((id, span));
                return id;
            }
        }
        // `key` is known to be new: nothing was added since the lookup.
        self.new_node(text, key, squeezed, span)
    }

    /// A source named by configuration rather than by the text: the outlet
    /// of a link's domain.
    fn configured(&mut self, name: &'a str, span: Span) -> usize {
        let key = self.key(name);
        if let Some(id) = self.known(&key) {
            self.add_mention(id, span);
            return id;
        }
        let id = self.add_node(name, span);
        self.graph.nodes[id].kind = SourceKind::Organisation;
        id
    }

    /// Resolves one attribution's source mention.
    fn resolve(&mut self, a: &Attribution, parent_node: Option<usize>) -> (Option<usize>, bool) {
        let Some(span) = a.source else { return (None, false) };
        let text = span.of(self.text);
        match classify_mention(text) {
            Mention::Named => (Some(self.named(text, span)), false),
            Mention::Pronoun => {
                let lower = text.to_lowercase();
                let want_org = lower == "it";
                let want_person = matches!(lower.as_str(), "he" | "she" | "him" | "her");
                let found = self
                    .nearest(span.start, |n| {
                        if want_org {
                            // "the city said it …": an unnamed body counts.
                            matches!(n.kind, SourceKind::Organisation | SourceKind::Document)
                                || n.kind == SourceKind::Unknown && !kinds::names_a_group(&n.name)
                        } else if want_person {
                            n.kind == SourceKind::Person
                                || matches!(n.kind, SourceKind::Anonymous | SourceKind::Unknown)
                                    && !kinds::names_a_group(&n.name)
                        } else {
                            true
                        }
                    })
                    .or_else(|| if want_org { None } else { self.name_in_text_before(span.start, 0) });
                self.mention_of(found, span)
            }
            Mention::FirstPerson => {
                let found = parent_node.or_else(|| self.nearest(span.start, |_| true));
                match found {
                    Some(id) => (Some(id), false),
                    None => (Some(self.add_node(text, span)), false),
                }
            }
            Mention::Relative => {
                let sentence_start = self.text[..span.start].rfind(['.', '\n']).map_or(0, |k| k + 1);
                let found =
                    self.name_in_text_before(span.start, sentence_start).or_else(|| self.nearest(span.start, |_| true));
                (found, false)
            }
            Mention::Description => self.description(text, &text.to_lowercase(), span),
        }
    }

    /// "the cable", "Serbia's leader", "the authority's plan".
    fn description(&mut self, text: &'a str, lower: &str, span: Span) -> (Option<usize>, bool) {
        // "The Wikileaks cables" after "Wikileaks cables": the same source.
        let key = self.key(text);
        if let Some(id) = self.known(&key) {
            self.note_mention(id, "", span);
            return (Some(id), false);
        }
        if let Some(found) = self.possessive(text, span) {
            return found;
        }
        let head = lower.split_whitespace().last().unwrap_or("").trim_end_matches('s').to_string();
        let is_document = self.lexicon.document_nouns.contains(lower.split_whitespace().last().unwrap_or(""));
        // "The report found …" after "Reports suggest …": a vague mention
        // names nothing a description could point back to.
        let by_head = self.nearest(span.start, |n| {
            n.kind != SourceKind::Vague && n.key.split_whitespace().any(|w| w.trim_end_matches('s') == head)
        });
        let role = is_role_noun(&head);
        // "the business secretary" is whoever holds that office, not the
        // person named last; only a name holding "secretary" can be them.
        let qualified_office = role && kinds::names_an_office(lower) && !kinds::SOLE_OFFICES.contains(&head.as_str());
        let by_kind = by_head.or_else(|| {
            if qualified_office {
                return None;
            }
            self.nearest(span.start, |n| {
                if is_document {
                    // "the documents" may be any record named before; "the
                    // study" is not the files named before.
                    n.kind == SourceKind::Document && is_generic_record(&head)
                } else {
                    // "the senator" is not the minister named earlier.
                    role && matches!(n.kind, SourceKind::Person | SourceKind::Unknown)
                        && !n.key.split_whitespace().any(|w| {
                            let w = w.trim_end_matches('s');
                            w != head && is_role_noun(w)
                        })
                }
            })
        });
        // "her chief of staff": the possessive points to someone
        // named earlier, and the description names a new source.
        let possessive = matches!(lower.split_whitespace().next(), Some("his" | "her" | "its" | "their"));
        if by_kind.is_none() && possessive {
            // "The plant … will close, its owner announced": "its" points
            // back into the sentence.
            let sentence_start = self.text[..span.start].rfind(['.', '\n']).map_or(0, |k| k + 1);
            let thing_before = matches!(lower.split_whitespace().next(), Some("its" | "their"))
                && self.text[sentence_start..span.start].split_whitespace().count() >= 2;
            let anchored = thing_before
                || self.nearest(span.start, |_| true).is_some()
                || self.last_name_in(0, span.start).is_some();
            return (Some(self.add_node(text, span)), !anchored);
        }
        match by_kind {
            Some(id) => {
                self.note_mention(id, "", span);
                (Some(id), false)
            }
            // Something earlier names what the description points to.
            None if !head.is_empty() && self.first_seen.mentioned_before(self.text, span.start, &head) => {
                (Some(self.add_node(text, span)), false)
            }
            None => (Some(self.add_node(text, span)), !kinds::names_an_office(lower)),
        }
    }

    /// "X's report" is X speaking; "Serbia's leader" is the person named
    /// earlier whose name holds "Serbia"; "the town's website" is resolved
    /// when the town was mentioned before. `None` leaves the description
    /// to the general rules.
    fn possessive(&mut self, text: &'a str, span: Span) -> Option<(Option<usize>, bool)> {
        let (possessor, head) = split_possessive(text)?;
        if matches!(possessor.to_lowercase().as_str(), "his" | "her" | "its" | "their") {
            return None;
        }
        let head_word = head.split_whitespace().last()?.to_lowercase();
        let possessor_start = span.start + text.find(possessor).unwrap_or(0);
        let possessor_span = Span::new(possessor_start, possessor_start + possessor.len());
        if is_role_noun(head_word.trim_end_matches('s')) {
            let needle = possessor.to_lowercase();
            let id =
                self.nearest(span.start, |n| n.kind == SourceKind::Person && n.name.to_lowercase().contains(&needle))?;
            // "Adeyemi's deputy" after "Minister Paul Adeyemi" is someone
            // else, anchored to him; "Serbia's leader" after "Serbia's
            // President Vucic" is Vucic himself.
            if surname(&self.graph.nodes[id].name).is_some_and(|s| needle.ends_with(&s)) {
                return Some((Some(self.add_node(text, span)), false));
            }
            self.note_mention(id, "", span);
            return Some((Some(id), false));
        }
        let owner = self.possessor_node(possessor, possessor_span);
        if is_voice_noun(&head_word)
            && let Some(id) = owner
        {
            self.note_mention(id, "", span);
            return Some((Some(id), false));
        }
        let possessor_head = possessor.split_whitespace().last().unwrap_or("").to_lowercase();
        let mentioned_before = owner.is_some()
            || (possessor_head.len() > 2 && self.first_seen.mentioned_before(self.text, span.start, &possessor_head));
        Some((Some(self.add_node(text, span)), !mentioned_before))
    }

    /// The node a possessor names: an alias or known source ("the
    /// authority"), an earlier source whose name holds its head, or a new
    /// node for a capitalised name ("the Gazette").
    fn possessor_node(&mut self, possessor: &'a str, span: Span) -> Option<usize> {
        let key = self.key(possessor);
        if let Some(id) = self.known(&key) {
            return Some(id);
        }
        if self.aliases.canonical_name(&key).is_some() {
            return Some(self.add_node(possessor, span));
        }
        let head = possessor.split_whitespace().last()?.to_lowercase();
        if let Some(id) = self.nearest(span.start, |n| n.key.split_whitespace().any(|w| w == head)) {
            return Some(id);
        }
        let capitalised = possessor
            .split_whitespace()
            .skip_while(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an" | "this" | "that"))
            .any(|w| w.chars().next().is_some_and(char::is_uppercase));
        capitalised.then(|| self.named(possessor, span))
    }

    fn mention_of(&mut self, found: Option<usize>, span: Span) -> (Option<usize>, bool) {
        match found {
            Some(id) => {
                self.add_mention(id, span);
                (Some(id), false)
            }
            None => (None, true),
        }
    }
}

/// Builds the source graph of one article.
pub fn build(text: &str, attributions: &[Attribution], lexicon: &Lexicon, aliases: &Aliases) -> SourceGraph {
    build_with(text, attributions, lexicon, aliases, &[])
}

/// The most sources the builder's tables are sized for before they grow.
const PRESIZED_SOURCES: usize = 4096;

/// Builds the source graph; `named[i]`, when set, is the source of
/// attribution `i` by configuration (a link's outlet), whatever its text.
pub fn build_with(
    text: &str,
    attributions: &[Attribution],
    lexicon: &Lexicon,
    aliases: &Aliases,
    named: &[Option<String>],
) -> SourceGraph {
    let n = attributions.len();
    // The tables are sized for the article's sources up front, so that
    // they do not rehash as they grow; an article has at most one new
    // source per attribution, usually far fewer. A huge article's tables
    // start at a cap and grow from there: sized for every attribution of a
    // 100 MB article they held 100 MB more than its sources needed.
    let expected_sources = n.min(PRESIZED_SOURCES);
    let mut b = Builder::new(text, lexicon, aliases, expected_sources);
    b.graph.source_of = vec![None; n];
    b.graph.unresolved = vec![false; n];
    // Resolve in text order of the source mentions so that "nearest
    // earlier" means earlier in the article.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| attributions[i].source.map_or(attributions[i].cue.start, |s| s.start));
    for i in order {
        let a = &attributions[i];
        let parent_node = a.parent.and_then(|p| b.graph.source_of.get(p).copied().flatten());
        let (node, unresolved) = match named.get(i).and_then(Option::as_deref) {
            Some(name) => (Some(b.configured(name, a.source.unwrap_or(a.cue))), false),
            None => b.resolve(a, parent_node),
        };
        b.graph.source_of[i] = node;
        b.graph.unresolved[i] = unresolved
            && a.source.is_some_and(|s| kinds::could_point_back(s.of(text), lexicon) && !is_expletive_it(text, s));
        if let (Some(node), Some(span)) = (node, a.source) {
            b.recent.push(node, span.start);
        }
    }
    // A nested cue's "source" may be extraction noise ("called the use of
    // executive orders dangerous", "ordered the release of documents"):
    // such a mention is no hop in a chain. Nor is someone's act that a
    // record reports ("according to the minutes, the board rejected the
    // request"): the record is where the claim comes from.
    // Judged once per distinct mention (and kind): a source named a thousand
    // times is looked at once (the judgement allocates and scans word lists).
    let mut credible_text: std::collections::HashMap<(&str, SourceKind), bool, FastHash> =
        std::collections::HashMap::with_capacity_and_hasher(expected_sources, FastHash::default());
    let in_chains: Vec<Option<usize>> = (0..n)
        .map(|i| {
            let configured = named.get(i).is_some_and(Option::is_some);
            let node = b.graph.source_of[i]?;
            let kind = b.graph.nodes[node].kind;
            let credible = configured
                || attributions[i].source.is_none_or(|s| {
                    let mention = s.of(text);
                    *credible_text
                        .entry((mention, kind))
                        .or_insert_with(|| kinds::could_be_a_source(mention, kind, lexicon))
                });
            let recorded_act = attributions[i].parent.is_some() && is_stance_on_a_thing(text, &attributions[i]);
            (credible && !recorded_act).then_some(node)
        })
        .collect();
    b.graph.chains = (0..n).map(|i| chain(attributions, &in_chains, i)).collect();
    // "The Wire, citing the company, reported" and "…, the Wire reported,
    // citing the company" relay the company. A person "citing" something
    // after their words ("…,” he said, citing rising prices") gives a
    // reason, not a source; nor is "citing the release of prisoners" one.
    let kind_of_source = |a: usize| b.graph.source_of[a].map(|node| b.graph.nodes[node].kind);
    let relays = |parent: usize, relay: usize| {
        let speaks = matches!(
            kind_of_source(relay),
            Some(
                SourceKind::Person
                    | SourceKind::Organisation
                    | SourceKind::Document
                    | SourceKind::Anonymous
                    | SourceKind::Vague
            )
        );
        // "X, citing Y, reported" or "X reported, citing Y, that …": the
        // citation comes before what was said, so it is where X got it.
        let before_content =
            attributions[parent].content.first().is_some_and(|c| attributions[relay].cue.start < c.start);
        let inside_subject = attributions[relay].cue.start < attributions[parent].cue.start || before_content;
        let parent_relays = matches!(kind_of_source(parent), Some(SourceKind::Organisation | SourceKind::Document));
        speaks && (inside_subject || parent_relays)
    };
    let children = children_of(attributions);
    for i in 0..n {
        let relay = cited_by(attributions, &children, i, &relays);
        if relay != i {
            b.graph.chains[i] = b.graph.chains[relay].clone();
        }
    }
    b.graph
}

/// "It's hard not to wonder", "it was clear that": an "it" that stands
/// for nothing, so there is nothing for it to point back to.
fn is_expletive_it(text: &str, source: Span) -> bool {
    if !source.of(text).eq_ignore_ascii_case("it") {
        return false;
    }
    // Only the next few words matter; never copy the rest of the article.
    let rest = &text[source.end..];
    let near = rest.char_indices().nth(12).map_or(rest, |(k, _)| &rest[..k]);
    let next = near.trim_start().to_ascii_lowercase();
    near.starts_with(['\'', '’'])
        || ["is ", "was ", "seems ", "appears ", "remains "].iter().any(|v| next.starts_with(v))
}

/// A belief about a thing or a decision on one, not a proposition:
/// "wants a new bridge", "rejected the request" (a short noun phrase after
/// the cue, with no clause or quotation).
fn is_stance_on_a_thing(text: &str, a: &Attribution) -> bool {
    const MAX_THING_WORDS: usize = 8;
    // Every test below needs exactly one piece of content of at most
    // `MAX_THING_WORDS` words: a longer one (often a whole sentence) is
    // turned away after that many words, without collecting them all.
    let [content] = a.content[..] else { return false };
    let mut kept = [""; MAX_THING_WORDS];
    let mut count = 0;
    for word in content.of(text).split_whitespace() {
        if count == MAX_THING_WORDS {
            return false;
        }
        kept[count] = word;
        count += 1;
    }
    let words = &kept[..count];
    // Lowercased on the stack, and first: most content opens otherwise.
    let starts_a_thing = words.first().is_some_and(|w| {
        folded::with_ascii_lowercase(w, |w| {
            matches!(w, "the" | "a" | "an" | "his" | "her" | "its" | "their" | "this" | "these" | "those")
        })
    });
    if !starts_a_thing {
        return false;
    }
    // "rejected the request", "approved the plan": a decision, whatever
    // the cue's kind.
    const DECIDED_THINGS: &[&str] = &[
        "request",
        "requests",
        "proposal",
        "proposals",
        "application",
        "bid",
        "offer",
        "plan",
        "plans",
        "motion",
        "amendment",
        "budget",
        "deal",
        "contract",
        "bill",
        "measure",
        "appeal",
        "nomination",
        "resignation",
    ];
    let decided = words
        .last()
        .is_some_and(|w| folded::with_lowercase(w.trim_end_matches(['.', ',']), |w| DECIDED_THINGS.contains(&w)));
    (a.kind == crate::lexicon::CueKind::Cognition || decided)
        && !words.iter().any(|w| w.eq_ignore_ascii_case("that") || w.starts_with(['"', '“']))
}

/// "X, citing Y, reported …": a relay that holds exactly its parent's
/// content is where the parent got it, so the parent's chain runs on
/// through it. Returns the deepest such relay (or `i` itself).
fn cited_by(
    attributions: &[Attribution],
    children: &[Vec<usize>],
    i: usize,
    relays: &dyn Fn(usize, usize) -> bool,
) -> usize {
    let mut current = i;
    for _ in 0..attributions.len() {
        // The first child in id order, as a scan of all attributions would
        // find it, without scanning them all for every attribution.
        let next = children[current].iter().copied().find(|&k| {
            let c = &attributions[k];
            c.parent == Some(current)
                && c.id != current
                && c.kind == crate::lexicon::CueKind::According
                && !c.content.is_empty()
                && c.content == attributions[current].content
                && relays(current, c.id)
        });
        match next {
            Some(k) => current = k,
            None => break,
        }
    }
    current
}

/// Record nouns that can stand for any kind of record ("the documents",
/// "these files"), singular stem.
fn is_generic_record(stem: &str) -> bool {
    matches!(stem, "document" | "file" | "record" | "paper" | "material" | "leak")
}

/// Each attribution's children (by `parent`), in index order.
pub(crate) fn children_of(attributions: &[Attribution]) -> Vec<Vec<usize>> {
    let mut children = vec![Vec::new(); attributions.len()];
    for (k, a) in attributions.iter().enumerate() {
        if let Some(p) = a.parent.filter(|&p| p < attributions.len()) {
            children[p].push(k);
        }
    }
    children
}

/// A chain keeps at most this many sources, the ones nearest the origin.
/// `max-hops` goes up to 100, so every rule sees the same verdict; the
/// bound keeps absurd nesting (thousands of cues inside one another) from
/// making chains, and the output listing them, quadratic.
pub const MAX_CHAIN: usize = 128;

/// Node ids from the outermost relay down to attribution `i`'s source.
/// Repeats of the same node in a row ("Smith said that he believes")
/// collapse into one hop.
fn chain(attributions: &[Attribution], source_of: &[Option<usize>], i: usize) -> Vec<usize> {
    let mut nodes = Vec::new();
    let mut cur = Some(i);
    let mut steps = 0;
    // Same-source hops collapse, so bound the walk itself as well.
    while let Some(k) = cur
        && nodes.len() < MAX_CHAIN
        && steps < 4 * MAX_CHAIN
    {
        if let Some(node) = source_of[k]
            && nodes.last() != Some(&node)
        {
            nodes.push(node);
        }
        cur = attributions[k].parent;
        steps += 1;
        if steps > attributions.len() {
            break;
        }
    }
    nodes.reverse();
    nodes.dedup();
    nodes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attributions::extract;
    use crate::markup::{Format, parse};
    use crate::sentences::split;

    /// The pattern [`scan::find_name`] matches by hand.
    fn name_pattern() -> regex::Regex {
        regex::Regex::new(r"(?-u:\b)[A-Z][a-z'’-]+(?: +(?:[A-Z]\.|[A-Z][A-Za-z'’-]+))+").expect("name pattern compiles")
    }

    /// The text after a title line, its attributions and their graph.
    fn pipeline(text: &str, aliases: &Aliases) -> (String, Vec<Attribution>, SourceGraph) {
        let lex = Lexicon::builtin();
        let src = format!("Title\n{text}");
        let article = parse(&src, Format::Text, &lex);
        let sentences = split(&article, &lex);
        let attrs = extract(&article, &sentences, &lex);
        let graph = build(&article.prose, &attrs, &lex, aliases);
        (src, attrs, graph)
    }

    fn graph_of(text: &str) -> (String, Vec<Attribution>, SourceGraph) {
        pipeline(text, &Aliases::default())
    }

    /// Aliases with one configured source and one other name for it.
    fn aliased(canonical: &str, other: &str) -> Aliases {
        let mut aliases = Aliases::default();
        aliases.add_table(&[(canonical.to_string(), vec![other.to_string()])].into_iter().collect());
        aliases
    }

    #[test]
    fn surname_and_description_join_the_full_name() {
        let (_, _, g) = graph_of(
            "Harbour Mayor Jane Okafor said the port would close.\nOkafor added that it would reopen.\nThe mayor warned that costs would rise.",
        );
        assert_eq!(g.nodes.len(), 1, "{:?}", g.nodes);
        assert_eq!(g.nodes[0].name, "Harbour Mayor Jane Okafor");
        assert_eq!(g.nodes[0].mentions.len(), 3);
    }

    #[test]
    fn pronoun_resolves_to_a_name_in_the_text() {
        let (_, _, g) = graph_of("Jane Okafor opened the bridge on Monday.\nShe said it was overdue.");
        assert_eq!(g.unresolved, vec![false]);
        assert_eq!(g.nodes[0].name, "Jane Okafor");
    }

    #[test]
    fn he_or_she_skips_an_unnamed_group() {
        let (_, _, g) = graph_of(
            "Tomas Ekberg said the dam was unsafe.\nPeople close to the company say the board will settle.\nHe denied that anything was hidden.",
        );
        let last = g.source_of.last().copied().flatten().expect("resolved");
        assert_eq!(g.nodes[last].name, "Tomas Ekberg");
    }

    #[test]
    fn an_institution_or_sole_office_needs_no_earlier_mention() {
        let (_, _, g) = graph_of("The harbour board said the dredging would start in May.");
        assert_eq!(g.unresolved, vec![false]);
        let (_, _, g) = graph_of("The state auditor said the port had overspent.");
        assert_eq!(g.unresolved, vec![false]);
        let (_, _, g) = graph_of("The foreign minister said the port had overspent.");
        assert_eq!(g.unresolved, vec![false]);
        let (_, _, g) = graph_of("The official said the port had overspent.");
        assert_eq!(g.unresolved, vec![true]);
        let (_, _, g) = graph_of("The minister said the port had overspent.");
        assert_eq!(g.unresolved, vec![true]);
    }

    #[test]
    fn an_object_noun_is_no_hop_in_a_chain() {
        let (_, _, g) = graph_of(
            "Jeb Bush called the use of executive orders dangerous.\nJane Okafor said that Friday's announcement suggested an effort to hurt the mayor.",
        );
        for i in 0..g.chains.len() {
            assert!(g.chains[i].len() <= 1, "{:?}", g.chain_names(i));
        }
    }

    #[test]
    fn a_decision_a_record_reports_is_no_hop() {
        let (_, _, g) = graph_of("The board rejected the request, according to minutes of the meeting.");
        assert!(
            g.chains.iter().all(|c| c.len() <= 1),
            "{:?}",
            (0..g.chains.len()).map(|i| g.chain_names(i)).collect::<Vec<_>>()
        );
        let (_, _, g) = graph_of("The mayor said the port would close, according to the Gazette.");
        assert!(g.chains.iter().any(|c| c.len() == 2), "the Gazette relays the mayor");
    }

    #[test]
    fn an_it_that_stands_for_nothing_is_not_unresolved() {
        let (_, _, g) = graph_of("It is hard not to wonder whether the port will close.");
        assert!(g.unresolved.iter().all(|u| !u), "{g:?}");
        let (_, _, g) = graph_of("It said the port would close.");
        assert_eq!(g.unresolved, vec![true]);
    }

    #[test]
    fn only_pronouns_records_and_people_by_role_are_unresolved() {
        // Descriptions that name no speaker ("the vain hope", "the final
        // say") are extraction noise, not a source the reader must find.
        for text in ["The final say rests with the board.", "The vain hope is that the voters will forget."] {
            let (_, _, g) = graph_of(text);
            assert!(g.unresolved.iter().all(|u| !u), "{text}: {g:?}");
        }
        let (_, _, g) = graph_of("The spokesman said the port had overspent.");
        assert_eq!(g.unresolved, vec![true]);
    }

    #[test]
    fn unresolved_description_and_pronoun() {
        let (_, _, g) = graph_of("The memo shows that the budget was cut.");
        assert_eq!(g.unresolved, vec![true]);
        let (_, _, g) = graph_of("the budget was cut.\nShe said the cuts were deep.");
        assert_eq!(g.unresolved, vec![true]);
    }

    #[test]
    fn chains_follow_nesting() {
        let (_, _, g) = graph_of("According to Coastal Wire, memos leaked by a clerk show that the council knew.");
        let names: Vec<Vec<String>> = (0..g.chains.len()).map(|i| g.chain_names(i)).collect();
        assert!(names.contains(&vec!["Coastal Wire".to_string(), "memos leaked by a clerk".to_string()]), "{names:?}");
    }

    #[test]
    fn same_source_twice_in_a_row_is_one_hop() {
        let (_, _, g) = graph_of("Okafor said that she believes the port will close.");
        assert!(g.chains.iter().all(|c| c.len() == 1), "{:?}", g.chains);
    }

    #[test]
    fn plain_words_are_counted_as_by_splitting() {
        for text in ["Smith", "J. Smith", "Jane Smith", " a\tb.\n", "", "U.S. Sen. Ann Lee", "Émile Zola", "x\u{a0}y"]
        {
            let split = text.split_whitespace().filter(|w| !w.ends_with('.')).nth(1).is_none();
            assert_eq!(has_at_most_one_plain_word(text), split, "{text:?}");
        }
    }

    #[test]
    fn first_seen_agrees_with_lowercasing_the_prefix() {
        for text in ["The Mayor spoke. the mayor", "ÉCOLE and école", "İstanbul said", "ΟΔΟΣ and Σ then σ", ""]
        {
            let mut seen = FirstSeen::default();
            for word in ["mayor", "école", "said", "σ", "ς", "i̇stanbul", "x"] {
                for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                    let expected = text[..offset].to_lowercase().contains(word);
                    assert_eq!(seen.mentioned_before(text, offset, word), expected, "{text:?} {word:?} {offset}");
                }
            }
        }
    }

    #[test]
    fn last_name_agrees_with_searching_the_window() {
        let lex = Lexicon::builtin();
        let aliases = Aliases::default();
        let text =
            "Jane Okafor met J. Smith. Smith said Harbour Gazette Reporter Tom Lee was there. He Also Went.\nAnn Bo";
        let mut b = Builder::new(text, &lex, &aliases, 0);
        for from in (0..text.len()).filter(|&k| k == 0 || matches!(text.as_bytes()[k - 1], b'.' | b'\n')) {
            for offset in from..=text.len() {
                let expected =
                    name_pattern().find_iter(&text[from..offset]).last().map(|m| (from + m.start(), from + m.end()));
                assert_eq!(b.last_name_in(from, offset), expected, "{from}..{offset}");
            }
        }
    }

    #[test]
    fn recent_sources_in_order_of_their_nearest_mention() {
        // (node, offset) pushes in text order, as `build` makes them.
        let pushes = [(0, 5), (1, 9), (0, 12), (2, 12), (1, 20), (3, 20), (3, 25), (0, 30), (2, 30), (2, 30), (4, 31)];
        let mut recent = Recent::default();
        let mut all: Vec<(usize, usize)> = Vec::new();
        for (i, &(node, at)) in pushes.iter().enumerate() {
            recent.push(node, at);
            all.push((node, at));
            for offset in [at, at + 1] {
                let mut expected: Vec<usize> = Vec::new();
                for &(n, a) in all.iter().rev() {
                    if a < offset && !expected.contains(&n) {
                        expected.push(n);
                    }
                }
                let got: Vec<usize> = recent.before(offset).collect();
                assert_eq!(got, expected, "after push {i}, offset {offset}");
            }
        }
    }

    fn graph_with(text: &str, aliases: &Aliases) -> SourceGraph {
        pipeline(text, aliases).2
    }

    fn plain_graph(text: &str) -> SourceGraph {
        graph_of(text).2
    }

    fn names(g: &SourceGraph) -> Vec<&str> {
        g.nodes.iter().map(|n| n.name.as_str()).collect()
    }

    #[test]
    fn aliased_sources_show_their_configured_name() {
        let g = graph_with("Crews will strike on Monday, the Wire reported.", &aliased("Coastal Wire", "the Wire"));
        assert_eq!(names(&g), vec!["Coastal Wire"]);
    }

    #[test]
    fn possessive_voice_nouns_are_their_owner() {
        let aliases = aliased("Port Mallow Harbour Authority", "the authority");
        let g = graph_with("The authority's plan shows that the channel will be dredged.", &aliases);
        assert_eq!(names(&g), vec!["Port Mallow Harbour Authority"]);
        assert_eq!(g.unresolved, vec![false]);
        let g = plain_graph(
            "The Harbour Gazette said the bridge was unsafe.\nThe Gazette's report shows that the pillar is cracked.",
        );
        assert_eq!(g.source_of[0], g.source_of[1], "{:?}", g.nodes);
    }

    #[test]
    fn a_possessive_whose_owner_was_mentioned_is_resolved() {
        let g =
            plain_graph("The town council met on Monday.\nThe town's website says that the pool will close in May.");
        assert_eq!(g.unresolved, vec![false]);
        let g = plain_graph("The ministry's website says that the pool will close in May.");
        assert_eq!(g.unresolved, vec![true]);
    }

    #[test]
    fn a_leader_is_the_person_named_with_the_country() {
        let g = plain_graph(
            "Serbia's President Aleksandar Vucic said he would not sign.\nMayor Ines Falk said the port was open.\nSerbia's leader also revealed that the talks had failed.",
        );
        assert_eq!(g.source_of[0], g.source_of[2], "{:?}", g.nodes);
    }

    #[test]
    fn spellings_with_other_spacing_are_one_source() {
        let g = plain_graph("Wiki Leaks published the files, the group said.\nWikiLeaks said the files were genuine.");
        let wiki: Vec<&SourceNode> = g.nodes.iter().filter(|n| n.key.contains("wiki")).collect();
        assert_eq!(wiki.len(), 1, "{:?}", g.nodes);
    }

    #[test]
    fn configured_names_override_the_text() {
        let lex = Lexicon::builtin();
        let src = "Title\nThe pool will close, the paper said.";
        let article = parse(src, Format::Text, &lex);
        let sentences = split(&article, &lex);
        let attrs = extract(&article, &sentences, &lex);
        let named: Vec<Option<String>> = attrs.iter().map(|_| Some("Coastal Wire".to_string())).collect();
        let g = build_with(&article.prose, &attrs, &lex, &Aliases::default(), &named);
        assert_eq!(names(&g), vec!["Coastal Wire"]);
        assert_eq!(g.nodes[0].kind, SourceKind::Organisation);
    }
}
