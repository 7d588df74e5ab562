//! One source spelled two ways in an article: "Wikileaks" and
//! "WikiLeaks", "Wiki Leaks" and "WikiLeaks". Case at the start of a word
//! and all-capital headlines are not spellings; a surname against the
//! full name ("Vucic", "Aleksandar Vucic") is not either.

use super::folded::{Sketch, ends_key, with_ascii_lowercase};
use super::scan::find_capital_start;
use super::{FastHash, SourceGraph, SourceKind, SourceNode};
use crate::bytescan::{find_first, splat};
use crate::lexicon::WordMap;
use crate::lexicon::trim_end_str;
use crate::sentences::tokens::{alphanumeric_run_end, alphanumeric_run_start, char_at, is_alphanumeric};
use crate::span::Span;

/// A source written two ways: the first spelling and where another one
/// first appears.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    pub node: usize,
    pub first: String,
    pub first_at: Span,
    pub other: String,
    pub other_at: Span,
}

/// Words of a name that could be spelled differently: capitalised, not
/// all capitals, four letters or more; appended to `out`.
fn push_name_words<'n>(name: &'n str, out: &mut Vec<&'n str>) {
    // Fewer than four bytes is fewer than four characters: counted only
    // when it could matter.
    let keep = |w: &&str| w.len() >= 4 && w.chars().count() >= 4 && starts_upper(w) && !is_all_caps(w);
    let trim = |w: &'n str| trim_end_str(trim_end_str(w, "'s"), "’s");
    if !name.is_ascii() {
        out.extend(name.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').map(trim).filter(keep));
        return;
    }
    // An ASCII name is split bytewise: the same pieces as splitting on
    // characters, without decoding each one and calling the Unicode tests.
    let bytes = name.as_bytes();
    let mut start = 0;
    for end in (0..=bytes.len()).filter(|&i| bytes.get(i).is_none_or(|&b| !b.is_ascii_alphanumeric() && b != b'\'')) {
        let word = trim(&name[start..end]);
        if keep(&word) {
            out.push(word);
        }
        start = end + 1;
    }
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_all_caps(w: &str) -> bool {
    !w.chars().any(char::is_lowercase)
}

/// Every whole-word occurrence of `word` in `text`, case-insensitive
/// (ASCII), by scanning `lower` (the text ASCII-lowercased). Only used for
/// name words holding an apostrophe ("O'Brien"); see [`CapitalisedWords`].
fn occurrences<'t>(text: &'t str, lower: &str, word: &str) -> Vec<(Span, &'t str)> {
    let needle = word.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = lower[from..].find(&needle) {
        let start = from + found;
        let end = start + needle.len();
        from = end;
        let before_ok = text[..start].chars().next_back().is_none_or(|c| !is_alphanumeric(c));
        let after_ok = text[end..].chars().next().is_none_or(|c| !is_alphanumeric(c));
        if before_ok && after_ok && text.is_char_boundary(start) && text.is_char_boundary(end) {
            out.push((Span::new(start, end), &text[start..end]));
        }
    }
    out
}

/// The first capitalised occurrence of a name word and the first one
/// written differently from it: all that a spelling report needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Spellings<'t> {
    first: Option<Spelling<'t>>,
    other: Option<Spelling<'t>>,
}

/// Where a word is written and how.
type Spelling<'t> = (Span, &'t str);

impl<'t> Spellings<'t> {
    /// Takes in the next occurrence, in text order.
    fn add(&mut self, at: Span, written: &'t str) {
        match self.first {
            None => self.first = Some((at, written)),
            Some((_, first)) if self.other.is_none() && written != first => self.other = Some((at, written)),
            Some(_) => {}
        }
    }

    /// The first spelling and the first other one, when there are two.
    fn pair(&self) -> Option<(Spelling<'t>, Spelling<'t>)> {
        Some((self.first?, self.other?))
    }
}

/// The capitalised words of the text that could be a spelling of a name
/// word, by their ASCII-lowercased form; built in one pass.
///
/// Searching the whole text once per word of every source's name cost more
/// than the rest of a run together (and grows with sources × text). For a
/// name word made only of letters and digits, a whole-word match is exactly
/// a maximal run of alphanumeric characters equal to it up to ASCII case,
/// so one walk over the runs finds them all. Only the first two spellings
/// of each word are kept: listing every occurrence grew a vector per word.
struct CapitalisedWords<'t> {
    by_lower: WordMap<Spellings<'t>>,
}

/// Whether byte `i` of `text` (a character boundary) is not preceded by a
/// letter or digit, so that a run of them starting there is whole.
fn starts_run(text: &str, i: usize) -> bool {
    match text.as_bytes()[..i].last() {
        None => true,
        Some(&before) if before.is_ascii() => !before.is_ascii_alphanumeric(),
        Some(_) => !text[..i].chars().next_back().is_some_and(is_alphanumeric),
    }
}

/// Two sketches of a set of ASCII-lowercased words: one by their first
/// two bytes and one by length and end bytes. Most capitalised words of an
/// article are no name word wanted; a clear bit turns one away before its
/// end is found (the first sketch) or before it is copied, lowercased and
/// hashed (the second).
#[derive(Default)]
struct Shapes {
    starts: Sketch,
    ends: Sketch,
}

impl Shapes {
    /// The key of a word's first two bytes. Only the bytes' ASCII
    /// lowercase counts, so a word and its lowercase agree.
    fn start_key(first: u8, second: u8) -> u64 {
        u64::from(first.to_ascii_lowercase()) | u64::from(second.to_ascii_lowercase()) << 8
    }

    fn insert(&mut self, word: &str) {
        if let [first, second, ..] = word.as_bytes() {
            self.starts.insert(Self::start_key(*first, *second));
        }
        self.ends.insert(ends_key(word));
    }

    /// False when no word of the set of two bytes or more starts with
    /// `first` and `second` up to ASCII case.
    fn may_start(&self, first: u8, second: u8) -> bool {
        self.starts.may_hold(Self::start_key(first, second))
    }

    /// False when no word of the set is `word` up to ASCII case.
    fn may_contain(&self, word: &str) -> bool {
        self.ends.may_hold(ends_key(word))
    }
}

impl<'t> CapitalisedWords<'t> {
    /// The spellings in `text` of each of `wanted` (lowercased words).
    fn of<'w>(text: &'t str, wanted: impl Iterator<Item = &'w str>) -> CapitalisedWords<'t> {
        let mut by_lower: WordMap<Spellings<'t>> = WordMap::default();
        let mut shapes = Shapes::default();
        for word in wanted {
            if !by_lower.contains_key(word) {
                shapes.insert(word);
                by_lower.insert(word.to_string(), Spellings::default());
            }
        }
        if by_lower.is_empty() {
            return CapitalisedWords { by_lower };
        }
        // The runs of alphanumeric characters, as `word_runs` finds them,
        // that start with a capital: only an upper-case ASCII letter or the
        // first byte of a non-ASCII character can start one, so the bytes
        // between those (nearly all of any text) are passed over in a tight
        // loop, and a capital inside a run ("WikiLeaks") is no start.
        let bytes = text.as_bytes();
        let mut key = String::new();
        let mut i = 0;
        while i < bytes.len() {
            let Some(next) = find_capital_start(bytes, i) else { break };
            i = next;
            // A run of four bytes or more whose first two bytes start no
            // wanted word is passed over without finding its end: the
            // capitals inside it are no starts (`starts_run`), so the walk
            // can resume right after its first byte.
            let starts_wanted = bytes.len() - i >= 4 && shapes.may_start(bytes[i], bytes[i + 1]);
            if !starts_wanted || !starts_run(text, i) {
                i += 1;
                continue;
            }
            let (c, len) = char_at(text, i);
            if !is_alphanumeric(c) {
                i += len;
                continue;
            }
            let start = i;
            i = alphanumeric_run_end(text, i + len);
            let run = &text[start..i];
            if run.len() < 4 || !shapes.may_contain(run) || !c.is_uppercase() || is_all_caps(run) {
                continue;
            }
            key.clear();
            key.push_str(run);
            key.make_ascii_lowercase();
            if let Some(spellings) = by_lower.get_mut(&key) {
                spellings.add(Span::new(start, i), run);
            }
        }
        CapitalisedWords { by_lower }
    }

    fn get(&self, lower: &str) -> Spellings<'t> {
        self.by_lower.get(lower).copied().unwrap_or_default()
    }
}

/// The high bit of each upper-case ASCII letter of `block` that may have
/// a letter or digit right before it: the byte before is 0x30 or above,
/// or lies in the block before (the first byte is always kept).
fn maybe_inner_capitals(block: u64) -> u64 {
    const HIGHS: u64 = splat(0x80);
    let low = block & !HIGHS;
    let capitals = (low + splat(0x3F)) & !(low + splat(0x25)) & !block & HIGHS;
    let at_least_0x30 = (block | (low + splat(0x50))) & HIGHS;
    capitals & ((at_least_0x30 << 8) | 0x80)
}

/// For each of `wanted` (lowercased plain words), whether some capitalised
/// run of the text, not all capitals, equals it up to ASCII case and holds
/// an upper-case ASCII letter after its first character ("WikiLeaks").
///
/// Two capitalised spellings of a word that differ only in ASCII case
/// differ after the first character, so one of them has such an inner
/// capital: a word without one has a single spelling. Inner capitals are
/// rare in prose (mostly acronyms), so this one cheap pass spares most
/// articles the index of every capitalised word ([`CapitalisedWords`]).
fn with_inner_capitals(text: &str, wanted: &[&str]) -> Vec<bool> {
    let mut found = vec![false; wanted.len()];
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(at) = find_first(bytes, i, maybe_inner_capitals, |b| b.is_ascii_uppercase()) {
        i = at + 1;
        let inner = text[..at].chars().next_back().is_some_and(is_alphanumeric);
        if !inner {
            continue;
        }
        let start = alphanumeric_run_start(text, at);
        let end = alphanumeric_run_end(text, at + 1);
        i = end;
        let run = &text[start..end];
        if run.len() < 4 || !char_at(text, start).0.is_uppercase() || is_all_caps(run) {
            continue;
        }
        for (k, word) in wanted.iter().enumerate() {
            found[k] |= word.eq_ignore_ascii_case(run);
        }
    }
    found
}

/// Finds the whole-word, capitalised spellings of a name word.
struct WordFinder<'t> {
    text: &'t str,
    index: CapitalisedWords<'t>,
    /// The text ASCII-lowercased, made only when a word needs a scan.
    lower: Option<String>,
}

impl<'t> WordFinder<'t> {
    /// The first two spellings of `word`, capitalised and not all capitals.
    fn spellings(&mut self, word: &str) -> Spellings<'t> {
        // A plain word's index entries are already capitalised and not all
        // capitals, so they are read in place.
        if is_plain_word(word) {
            // An empty index (no word indexed) answers nothing: no copy,
            // lowercasing and hashing of the word.
            if self.index.by_lower.is_empty() {
                return Spellings::default();
            }
            return with_ascii_lowercase(word, |lower| self.index.get(lower));
        }
        let text = self.text;
        let lower = self.lower.get_or_insert_with(|| text.to_ascii_lowercase());
        let mut spellings = Spellings::default();
        for (at, written) in occurrences(text, lower, word) {
            if starts_upper(written) && !is_all_caps(written) {
                spellings.add(at, written);
            }
        }
        spellings
    }
}

/// Letters and digits only: its whole-word matches are alphanumeric runs.
fn is_plain_word(word: &str) -> bool {
    word.chars().all(is_alphanumeric)
}

/// The spellings of one word of a name: the first one, and the first other
/// one that differs inside the word ("WikiLeaks" after "Wikileaks").
fn word_variant(finder: &mut WordFinder, word: &str) -> Option<((Span, String), (Span, String))> {
    let ((first_at, first), (other_at, other)) = finder.spellings(word).pair()?;
    Some(((first_at, first.to_string()), (other_at, other.to_string())))
}

/// Mentions of one source that differ only in spacing or hyphens ("Wiki
/// Leaks", "WikiLeaks").
fn spacing_variant(text: &str, mentions: &[Span]) -> Option<((Span, String), (Span, String))> {
    if mentions.len() < 2 {
        return None; // one mention is one spelling
    }
    // Mentions all written alike up to ASCII case have one lowercase
    // form, so no two of them differ beyond case: the usual case of a
    // source named the same way throughout, settled without the
    // squeezing, lowercasing and grouping below.
    let first = strip_article(mentions[0].of(text));
    if mentions.iter().all(|m| strip_article(m.of(text)).eq_ignore_ascii_case(first)) {
        return None;
    }
    if !may_differ_in_spacing(text, mentions) {
        return None;
    }
    let squeeze = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    let mut sorted = mentions.to_vec();
    sorted.sort();
    // The first pair (a, b), a before b, of mentions written differently
    // (not just in case) that squeeze to the same letters. A source named
    // thousands of times made comparing every pair quadratic, so mentions
    // are grouped by their squeezed letters, and each group is scanned from
    // the end once to know whether a later, different spelling exists.
    let items: Vec<(Span, &str, String, String)> = sorted
        .iter()
        .map(|m| {
            let t = strip_article(m.of(text));
            (*m, t, squeeze(t), t.to_lowercase())
        })
        .collect();
    let mut groups: std::collections::HashMap<&str, Vec<usize>, FastHash> = Default::default();
    for (i, item) in items.iter().enumerate() {
        groups.entry(item.2.as_str()).or_default().push(i);
    }
    // For each item: whether a later item of its group starts upper-case
    // and differs from it beyond case.
    let mut other_later = vec![false; items.len()];
    for members in groups.values() {
        // Up to two distinct lowercase spellings among later upper-case items.
        let mut seen: Vec<&str> = Vec::new();
        for &i in members.iter().rev() {
            other_later[i] = seen.iter().any(|l| *l != items[i].3);
            if starts_upper(items[i].1) && !seen.contains(&items[i].3.as_str()) && seen.len() < 2 {
                seen.push(items[i].3.as_str());
            }
        }
    }
    let i = (0..items.len()).find(|&i| other_later[i] && starts_upper(items[i].1))?;
    let (a, a_text, a_squeezed, a_lower) = &items[i];
    let (b, b_text, _, _) = items[i + 1..].iter().find(|(_, b_text, b_squeezed, b_lower)| {
        b_squeezed == a_squeezed && b_lower != a_lower && starts_upper(b_text)
    })?;
    Some(((*a, a_text.to_string()), (*b, b_text.to_string())))
}

/// Whether two capitalised mentions could squeeze to the same letters
/// and yet differ beyond ASCII case, as a spacing variant needs; false
/// settles most sources named in more than one way ("Trump", "Donald
/// Trump") without the copies, lowercasing and grouping of the full test.
/// Compared by a hash of the letters and digits, so equal letters always
/// agree, and by ASCII case, which is coarser than lowercasing.
fn may_differ_in_spacing(text: &str, mentions: &[Span]) -> bool {
    let letters_hash = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .fold(0xCBF2_9CE4_8422_2325_u64, |h, c| (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01B3))
    };
    let mut capitalised: Vec<(u64, &str)> = mentions
        .iter()
        .map(|m| strip_article(m.of(text)))
        .filter(|t| starts_upper(t))
        .map(|t| (letters_hash(t), t))
        .collect();
    capitalised.sort_unstable_by_key(|&(hash, _)| hash);
    // Within a run of one hash, ASCII case equivalence is an equivalence:
    // some pair differs exactly when some member differs from the first.
    capitalised.chunk_by(|a, b| a.0 == b.0).any(|run| run[1..].iter().any(|(_, t)| !t.eq_ignore_ascii_case(run[0].1)))
}

fn strip_article(mention: &str) -> &str {
    let trimmed = mention.trim();
    for article in ["the ", "The "] {
        if let Some(rest) = trimmed.strip_prefix(article) {
            return rest;
        }
    }
    trimmed
}

/// Nodes whose names can have spellings: people, organisations, documents.
fn spelled(node: &SourceNode) -> bool {
    matches!(node.kind, SourceKind::Person | SourceKind::Organisation | SourceKind::Document)
}

/// Sources of the article spelled more than one way, at most one report
/// per source, in text order of the second spelling.
pub fn variants(text: &str, graph: &SourceGraph) -> Vec<Variant> {
    // Each name's words, split once for both the index and the search, into
    // one list for the article rather than a list per source.
    let nodes: Vec<&SourceNode> = graph.nodes.iter().filter(|n| spelled(n)).collect();
    let mut words: Vec<&str> = Vec::new();
    let mut ends: Vec<usize> = Vec::with_capacity(nodes.len());
    for node in &nodes {
        push_name_words(&node.name, &mut words);
        ends.push(words.len());
    }
    let mut lower_words = String::new();
    let mut lower_ends: Vec<usize> = Vec::new();
    for word in words.iter().filter(|w| is_plain_word(w)) {
        lower_words.push_str(word);
        lower_ends.push(lower_words.len());
    }
    lower_words.make_ascii_lowercase();
    let wanted: Vec<&str> =
        lower_ends.iter().scan(0, |start, &end| Some(&lower_words[std::mem::replace(start, end)..end])).collect();
    // Only words written with an inner capital somewhere can have two
    // spellings, so only they are indexed (most articles have none).
    let inner = if wanted.is_empty() { Vec::new() } else { with_inner_capitals(text, &wanted) };
    let indexed = wanted.iter().zip(&inner).filter(|(_, inner)| **inner).map(|(word, _)| *word);
    let mut finder = WordFinder { text, index: CapitalisedWords::of(text, indexed), lower: None };
    let mut out: Vec<Variant> = Vec::new();
    for (k, node) in nodes.iter().enumerate() {
        let node_words = &words[k.checked_sub(1).map_or(0, |p| ends[p])..ends[k]];
        let found = spacing_variant(text, &node.mentions)
            .or_else(|| node_words.iter().find_map(|w| word_variant(&mut finder, w)));
        let Some(((first_at, first), (other_at, other))) = found else { continue };
        // The same word in two sources' names is one report.
        if out.iter().any(|v| v.other_at == other_at) {
            continue;
        }
        out.push(Variant { node: node.id, first, first_at, other, other_at });
    }
    out.sort_by_key(|v| v.other_at.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(nodes: &[(&str, SourceKind, Vec<Span>)]) -> SourceGraph {
        SourceGraph {
            nodes: nodes
                .iter()
                .enumerate()
                .map(|(id, (name, kind, mentions))| SourceNode {
                    id,
                    name: name.to_string(),
                    key: name.to_lowercase(),
                    kind: *kind,
                    mentions: mentions.clone(),
                })
                .collect(),
            ..SourceGraph::default()
        }
    }

    #[test]
    fn inner_capitals_are_a_second_spelling() {
        let text = "Wikileaks published the cables. Later WikiLeaks said more.";
        let g = graph(&[("Wikileaks", SourceKind::Organisation, vec![Span::new(0, 9)])]);
        let v = variants(text, &g);
        assert_eq!(v.len(), 1);
        assert_eq!((v[0].first.as_str(), v[0].other.as_str()), ("Wikileaks", "WikiLeaks"));
        assert_eq!(v[0].other_at.of(text), "WikiLeaks");
    }

    #[test]
    fn capitals_at_the_start_headlines_and_surnames_are_not() {
        let text = "COVERT ACTION MAGAZINE\nCovert Action magazine said it. Covert Action Magazine added more. Aleksandar Vucic spoke; Vucic left. Time magazine agreed.";
        let g = graph(&[
            ("Covert Action Magazine", SourceKind::Organisation, vec![]),
            ("Aleksandar Vucic", SourceKind::Person, vec![]),
        ]);
        assert_eq!(variants(text, &g), vec![]);
    }

    #[test]
    fn the_word_index_finds_what_a_scan_finds() {
        let text = "Okafor, OKAFOR and okafor; Okafors. Dr Okafor-Reyes met ÉcoleOkafor and Okafor’s aide, Okafor.\nOKafor \
             —Okafor, éOkafor, 9Okafor";
        let words = ["Okafor", "Reyes", "Okafors", "Missing"];
        let wanted: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
        let index = CapitalisedWords::of(text, wanted.iter().map(String::as_str));
        let mut finder = WordFinder { text, index, lower: None };
        let lower = text.to_ascii_lowercase();
        for word in words {
            let mut scanned = Spellings::default();
            for (at, written) in occurrences(text, &lower, word) {
                if starts_upper(written) && !is_all_caps(written) {
                    scanned.add(at, written);
                }
            }
            assert_eq!(finder.spellings(word), scanned, "{word}");
        }
        let pair = finder.spellings("Okafor").pair().map(|((_, a), (_, b))| (a, b));
        assert_eq!(pair, Some(("Okafor", "OKafor")));
    }

    #[test]
    fn every_word_with_two_spellings_has_an_inner_capital() {
        let text = "Wikileaks, WikiLeaks; Okafor OKafor. McAllister Mcallister, NATO Nato; ÉcoleX Écolex \
             aBcd ABCD Abcd; xWikiLeaks—Plain Plain, éOkafor Müller MüLler";
        let words = ["wikileaks", "okafor", "mcallister", "nato", "Écolex", "abcd", "plain", "müller", "missing"];
        let index = CapitalisedWords::of(text, words.iter().copied());
        let inner = with_inner_capitals(text, &words);
        for (word, inner) in words.iter().zip(inner) {
            let two = index.get(word).pair().is_some();
            assert!(inner || !two, "{word}");
        }
        let expected = [true, true, true, false, true, false, false, true, false];
        assert_eq!(with_inner_capitals(text, &words), expected);
    }

    #[test]
    fn ascii_names_split_as_characters_do() {
        let by_chars = |name: &str| -> Vec<String> {
            name.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .map(|w| trim_end_str(trim_end_str(w, "'s"), "’s"))
                .filter(|w| w.len() >= 4 && starts_upper(w) && !is_all_caps(w))
                .map(str::to_string)
                .collect()
        };
        for name in ["Jane O'Brien's Office", "  Wiki-Leaks, NATO  ", "Abcd's", "'s", "", "Dr. J. Okafor-Reyes"] {
            let mut words = Vec::new();
            push_name_words(name, &mut words);
            assert_eq!(words, by_chars(name), "{name}");
        }
    }

    #[test]
    fn only_equal_letters_written_apart_may_be_spacing_variants() {
        let text = "Wiki Leaks, WikiLeaks, WIKILEAKS, Donald Trump, Trump, wiki-leaks";
        let at = |word: &str| {
            let start = text.find(word).expect("in text");
            Span::new(start, start + word.len())
        };
        assert!(may_differ_in_spacing(text, &[at("Wiki Leaks"), at("WikiLeaks")]));
        assert!(!may_differ_in_spacing(text, &[at("WikiLeaks"), at("WIKILEAKS")]));
        assert!(!may_differ_in_spacing(text, &[at("Donald Trump"), at("Trump")]));
        assert!(!may_differ_in_spacing(text, &[at("WikiLeaks"), at("wiki-leaks")]));
    }

    #[test]
    fn spacing_is_a_second_spelling() {
        let text = "Wiki Leaks said so. WikiLeaks said more.";
        let g = graph(&[("WikiLeaks", SourceKind::Organisation, vec![Span::new(0, 10), Span::new(20, 29)])]);
        let v = variants(text, &g);
        assert_eq!(v.len(), 1);
        assert_eq!((v[0].first.as_str(), v[0].other.as_str()), ("Wiki Leaks", "WikiLeaks"));
    }
}
