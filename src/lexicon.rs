//! Word lists that drive the pipeline: cue verbs and phrases, vague and
//! anonymous source phrases, related-link markers, abbreviations.
//!
//! The lists live as TOML under `rules/lexicon/` and are embedded in the
//! binary; a project's `rule-files` can add to every list. Lookups are by
//! ASCII-lowercased word so that tokens can be matched without allocating.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use serde::Deserialize;

/// A fast hasher for the lexicon's short lowercase words. The std SipHash
/// guards against crafted collisions, which cannot hurt here: the keys are
/// the lexicon's own entries and articles only look words up. SipHash was
/// the largest single cost of a run.
#[derive(Clone, Copy, Default)]
pub struct WordHasher {
    hash: u64,
}

impl WordHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        // Fold the high bits down: hashbrown picks buckets by low bits.
        self.hash ^ (self.hash >> 29)
    }
}

/// Maps and sets keyed by lowercase words.
pub type WordMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;
pub type WordSet = HashSet<String, BuildHasherDefault<WordHasher>>;

/// A 16384-bit sketch of a set of words by length and first, second and
/// last byte: a clear bit means no word of the set has that shape, so most
/// words of an article ("the", "council", "budget") are turned away before
/// hashing. Every token is looked up as a cue and every claim word as a
/// vague and an anonymous phrase start, and those lookups were a tenth of
/// a run. Removing words leaves their bits set, which only costs a lookup.
#[derive(Clone, Debug)]
pub struct WordFilter {
    bits: Box<[u64; WordFilter::WORDS]>,
}

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter { bits: Box::new([0; WordFilter::WORDS]) }
    }
}

impl WordFilter {
    const SLOT_BITS: u32 = 14;
    const WORDS: usize = (1 << Self::SLOT_BITS) / 64;

    /// The slot of `word`'s shape: its first, second and last byte and its
    /// length (a missing byte counts as zero). Words of two bytes or more
    /// are matched first, so that the usual word is read with one length
    /// test instead of one per byte. The first two bytes are read as one
    /// number, and the length is not capped: lengths past 2^40 lose their
    /// high bits, which only merges slots, and a cap cost two instructions
    /// per lookup.
    #[inline]
    fn slot(word: &str) -> usize {
        let bytes = word.as_bytes();
        let shape = match *bytes {
            [first, second, ..] => {
                let last = bytes[bytes.len() - 1];
                u64::from(u16::from_le_bytes([first, second])) | u64::from(last) << 16 | (bytes.len() as u64) << 24
            }
            [only] => u64::from(only) | u64::from(only) << 16 | 1 << 24,
            [] => 0,
        };
        (shape.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - Self::SLOT_BITS)) as usize
    }

    pub fn insert(&mut self, word: &str) {
        let slot = Self::slot(word);
        self.bits[slot / 64] |= 1 << (slot % 64);
    }

    /// False when `word` is surely not in the set.
    #[inline]
    pub fn may_contain(&self, word: &str) -> bool {
        self.has_slot(Self::slot(word))
    }

    /// [`Self::may_contain`] for a word whose slot is already known, so that
    /// filters can share it.
    #[inline]
    fn has_slot(&self, slot: usize) -> bool {
        self.bits[slot / 64] & (1 << (slot % 64)) != 0
    }
}

/// A word set looked up once per token, with a [`WordFilter`] in front so
/// that most tokens cost no hashing.
#[derive(Clone, Debug, Default)]
pub struct TokenSet {
    words: WordSet,
    filter: WordFilter,
}

impl TokenSet {
    /// The filter is checked inline and the set out of line: most words
    /// are turned away by the filter, and a call per token to reach it cost
    /// more than the check itself.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.filter.may_contain(word) && self.contains_unfiltered(word)
    }

    /// [`Self::contains`] once `word` passed the filter.
    #[inline(never)]
    pub fn contains_unfiltered(&self, word: &str) -> bool {
        self.words.contains(word)
    }
}

impl Extend<String> for TokenSet {
    fn extend<I: IntoIterator<Item = String>>(&mut self, words: I) {
        for word in words {
            self.filter.insert(&word);
            self.words.insert(word);
        }
    }
}

/// The table size the built-in verb lists' forms grow `cue_words` to.
const BUILTIN_CUE_FORMS: usize = 1024;

pub const BUILTIN_CUES: &str = include_str!("../rules/lexicon/cues.toml");
pub const BUILTIN_SOURCES: &str = include_str!("../rules/lexicon/sources.toml");
pub const BUILTIN_MARKUP: &str = include_str!("../rules/lexicon/markup.toml");
pub const BUILTIN_STANCE: &str = include_str!("../rules/lexicon/stance.toml");

/// What a cue says about its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// said, told, warned: someone communicated the content.
    Speech,
    /// shows, found, documents: a record or study evidences the content.
    Evidence,
    /// believes, wants, fears: an internal state.
    Cognition,
    /// "according to X": the source follows the cue.
    According,
}

/// Which inflection of a cue verb a word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VerbForm {
    /// say, believe
    Base,
    /// says, believes
    ThirdPerson,
    /// said, believed (also the participle when it is the same)
    Past,
    /// written, known: only a participle
    Participle,
    /// saying, believing
    Gerund,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueWord {
    pub kind: CueKind,
    pub form: VerbForm,
    /// Mostly a noun in this form ("states", "emails"): a cue only when a
    /// clause or quotation follows ("details that", "states:").
    pub noun_like: bool,
}

/// A multiword entry: the words after the first, and what it means.
#[derive(Clone, Debug)]
pub struct Phrase<T> {
    pub rest: Vec<String>,
    pub value: T,
}

/// Phrases indexed by their first word, longest first.
#[derive(Clone, Debug)]
pub struct PhraseIndex<T> {
    by_first: WordMap<Vec<Phrase<T>>>,
    /// The keys of `by_first`.
    first_words: WordFilter,
}

impl<T> Default for PhraseIndex<T> {
    fn default() -> Self {
        PhraseIndex { by_first: WordMap::default(), first_words: WordFilter::default() }
    }
}

impl<T: Clone> PhraseIndex<T> {
    pub fn insert(&mut self, phrase: &str, value: T) {
        let mut words = phrase.split_whitespace().map(|w| w.to_ascii_lowercase());
        let Some(first) = words.next() else { return };
        let rest: Vec<String> = words.collect();
        self.first_words.insert(&first);
        let entries = self.by_first.entry(first).or_default();
        if entries.iter().any(|p| p.rest == rest) {
            return;
        }
        entries.push(Phrase { rest, value });
        entries.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
    }

    /// The longest phrase starting at `words[0]`; returns its length in words.
    /// `words` are lowercased; "*" in a phrase matches any one word.
    #[inline]
    pub fn longest_at<'a>(&'a self, words: &[&str]) -> Option<(usize, &'a T)> {
        // The filter is checked inline: most words are turned away by it,
        // and a call per word of every claim cost more than the check.
        let first = words.first().filter(|w| self.first_words.may_contain(w))?;
        self.longest_from(first, words)
    }

    /// [`Self::longest_at`] once `first` passed the filter.
    pub fn longest_from<'a>(&'a self, first: &str, words: &[&str]) -> Option<(usize, &'a T)> {
        let entries = self.by_first.get(first)?;
        entries.iter().find_map(|p| {
            let matches = p.rest.len() < words.len()
                && p.rest.iter().zip(&words[1..]).all(|(want, got)| want == "*" || want == got);
            matches.then_some((p.rest.len() + 1, &p.value))
        })
    }

    /// The longest phrase starting at each word of `words` that starts
    /// one, in order, as (index of its first word, length in words, value).
    /// `longest_at` tries the first-word filter inline, so the many words
    /// that start no phrase cost no hashing.
    pub fn matches<'s>(&'s self, words: &[&str]) -> impl Iterator<Item = (usize, usize, &'s T)> {
        PhraseMatches { index: self, words, next: 0 }
    }

    /// False when no phrase surely starts with `word`: the filter alone,
    /// for callers that go on to [`Self::longest_at`], which looks the
    /// word up itself (a [`Self::starts_with`] first hashed it twice).
    #[inline]
    pub fn may_start_with(&self, word: &str) -> bool {
        self.first_words.may_contain(word)
    }

    #[inline]
    pub fn starts_with(&self, word: &str) -> bool {
        self.first_words.may_contain(word) && self.by_first.contains_key(word)
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }
}

/// The iterator of [`PhraseIndex::matches`]: a loop in `next`, which is
/// inlined where it is used, rather than a `filter_map` closure, whose
/// call per word the compiler left out of line in some builds (a
/// thirtieth of a run, for every word of every claim).
struct PhraseMatches<'s, 'w, T> {
    index: &'s PhraseIndex<T>,
    words: &'w [&'w str],
    /// The word to try next.
    next: usize,
}

impl<'s, T: Clone> Iterator for PhraseMatches<'s, '_, T> {
    type Item = (usize, usize, &'s T);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        while self.next < self.words.len() {
            let i = self.next;
            self.next += 1;
            if let Some((len, value)) = self.index.longest_at(&self.words[i..]) {
                return Some((i, len, value));
            }
        }
        None
    }
}

/// The whole lexicon, ready for lookups.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Filled through `add_verb` only; `add` then rebuilds `cue_roles`,
    /// which filters lookups of it.
    cue_words: WordMap<CueWord>,
    pub cue_phrases: PhraseIndex<CueKind>,
    pub venue_phrases: PhraseIndex<()>,
    pub content_nouns: TokenSet,
    pub glue: TokenSet,
    pub vague: PhraseIndex<()>,
    pub anonymous: PhraseIndex<()>,
    pub document_nouns: TokenSet,
    pub related_markers: Vec<String>,
    pub credit_markers: Vec<String>,
    pub abbreviations: TokenSet,
    /// Words that show a sentence reports someone's stance.
    pub stance: TokenSet,
    /// What the words of each filter slot may be to the cue search.
    cue_roles: CueRoles,
}

/// A word's shape may be that of a cue word ([`CueRoles`]).
pub const MAY_BE_CUE_WORD: u8 = 1;
/// A word's shape may be that of a cue phrase's first word.
pub const MAY_START_CUE_PHRASE: u8 = 2;
/// A word's shape may be that of a content noun.
pub const MAY_BE_CONTENT_NOUN: u8 = 4;

/// One byte per [`WordFilter`] slot holding which of the cue word, cue
/// phrase and content noun lists have a word of that shape. The cue search
/// asks all three of every token: three filters cost three bit probes, and
/// a slot computed again for each lookup that followed. Rebuilt from the
/// lists whenever words are added.
///
/// The shape here adds the third byte to a [`WordFilter`]'s: with only
/// the first two and the last, common words shared the shape of a cue
/// word ("with" that of "wish") and paid a hashed lookup for nothing
/// (53,909 such lookups on train, 12,413 with the third byte).
#[derive(Clone, Debug)]
struct CueRoles {
    by_slot: Box<[u8; 1 << WordFilter::SLOT_BITS]>,
}

impl Default for CueRoles {
    fn default() -> Self {
        CueRoles { by_slot: Box::new([0; 1 << WordFilter::SLOT_BITS]) }
    }
}

impl CueRoles {
    /// The slot of `word`'s first three bytes, last byte and length (a
    /// missing byte counts as zero).
    #[inline]
    fn slot(word: &str) -> usize {
        let bytes = word.as_bytes();
        let shape = match *bytes {
            [first, second, third, ..] => u32::from_le_bytes([first, second, third, bytes[bytes.len() - 1]]),
            [first, second] => u32::from_le_bytes([first, second, 0, second]),
            [only] => u32::from_le_bytes([only, 0, 0, only]),
            [] => 0,
        };
        let shape = u64::from(shape) | (bytes.len() as u64) << 32;
        (shape.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - WordFilter::SLOT_BITS)) as usize
    }

    fn mark<'w>(&mut self, words: impl Iterator<Item = &'w String>, role: u8) {
        for word in words {
            self.by_slot[Self::slot(word)] |= role;
        }
    }
}

/// One lexicon file as written in TOML; every part is optional so that a
/// project's rule file can add to one list only.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    #[serde(default)]
    pub verbs: VerbLists,
    #[serde(default)]
    pub phrases: PhraseLists,
    #[serde(default)]
    pub nouns: NounLists,
    #[serde(default)]
    pub glue: GlueLists,
    #[serde(default)]
    pub vague: PhraseList,
    #[serde(default)]
    pub anonymous: PhraseList,
    #[serde(default)]
    pub documents: DocumentList,
    #[serde(default)]
    pub related: MarkerList,
    #[serde(default)]
    pub credits: MarkerList,
    #[serde(default)]
    pub abbreviations: WordList,
    #[serde(default)]
    pub stance: WordList,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerbLists {
    #[serde(default)]
    pub speech: Vec<String>,
    #[serde(default)]
    pub evidence: Vec<String>,
    #[serde(default)]
    pub cognition: Vec<String>,
    /// Word forms that are never cues.
    #[serde(default)]
    pub never: Vec<String>,
    /// Lemmas whose base and -s forms are mostly nouns ("states",
    /// "emails"): only their past and -ing forms are cues.
    #[serde(default)]
    pub past_only: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseLists {
    #[serde(default)]
    pub according: Vec<String>,
    #[serde(default)]
    pub speech: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NounLists {
    #[serde(default)]
    pub venue: Vec<String>,
    #[serde(default)]
    pub content: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlueLists {
    #[serde(default)]
    pub adverbs: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseList {
    #[serde(default)]
    pub phrases: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentList {
    #[serde(default)]
    pub nouns: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkerList {
    #[serde(default)]
    pub markers: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordList {
    #[serde(default)]
    pub words: Vec<String>,
}

impl Lexicon {
    /// The lexicon built into the binary.
    pub fn builtin() -> Lexicon {
        let mut lexicon = Lexicon::default();
        // Room for the forms the built-in verb lists make (about 1,000), so
        // the table is not grown and rehashed five times on the way.
        lexicon.cue_words.reserve(BUILTIN_CUE_FORMS);
        for text in [BUILTIN_CUES, BUILTIN_SOURCES, BUILTIN_MARKUP, BUILTIN_STANCE] {
            // The embedded files are checked by the test suite, so a parse
            // failure here is a build defect; fall back to an empty list
            // rather than panic in a user's run.
            if let Ok(file) = toml::from_str::<LexiconFile>(text) {
                lexicon.add_lists(&file);
            }
        }
        // Once, after every list: each file's own rebuild redid the whole
        // table for the lists before it.
        lexicon.rebuild_cue_roles();
        lexicon
    }

    /// Adds every list of `file` to this lexicon.
    pub fn add(&mut self, file: &LexiconFile) {
        self.add_lists(file);
        self.rebuild_cue_roles();
    }

    /// [`Self::add`] without rebuilding the cue-role filter.
    fn add_lists(&mut self, file: &LexiconFile) {
        for (list, kind) in [
            (&file.verbs.speech, CueKind::Speech),
            (&file.verbs.evidence, CueKind::Evidence),
            (&file.verbs.cognition, CueKind::Cognition),
        ] {
            for entry in list {
                self.add_verb(entry, kind);
            }
        }
        for form in &file.verbs.never {
            self.cue_words.remove(&form.to_ascii_lowercase());
        }
        for lemma in &file.verbs.past_only {
            let lemma = lemma.to_ascii_lowercase();
            for form in [third_person(&lemma), lemma] {
                if let Some(cue) = self.cue_words.get_mut(&form) {
                    cue.noun_like = true;
                }
            }
        }
        for phrase in &file.phrases.according {
            self.cue_phrases.insert(phrase, CueKind::According);
        }
        for phrase in &file.phrases.speech {
            self.cue_phrases.insert(phrase, CueKind::Speech);
        }
        for phrase in &file.nouns.venue {
            self.venue_phrases.insert(phrase, ());
        }
        lower_into(&mut self.content_nouns, &file.nouns.content);
        lower_into(&mut self.glue, &file.glue.adverbs);
        for phrase in &file.vague.phrases {
            self.vague.insert(phrase, ());
        }
        for phrase in &file.anonymous.phrases {
            self.anonymous.insert(phrase, ());
        }
        lower_into(&mut self.document_nouns, &file.documents.nouns);
        self.related_markers.extend(file.related.markers.iter().cloned());
        self.credit_markers.extend(file.credits.markers.iter().cloned());
        self.abbreviations.extend(file.abbreviations.words.iter().cloned());
        lower_into(&mut self.stance, &file.stance.words);
    }

    fn rebuild_cue_roles(&mut self) {
        let mut roles = CueRoles::default();
        roles.mark(self.cue_words.keys(), MAY_BE_CUE_WORD);
        roles.mark(self.cue_phrases.by_first.keys(), MAY_START_CUE_PHRASE);
        roles.mark(self.content_nouns.words.iter(), MAY_BE_CONTENT_NOUN);
        self.cue_roles = roles;
    }

    /// Registers every inflection of a verb entry ("say:said" or "believe").
    fn add_verb(&mut self, entry: &str, kind: CueKind) {
        let mut parts = entry.split(':').map(|p| p.trim().to_ascii_lowercase());
        let Some(lemma) = parts.next().filter(|l| !l.is_empty()) else { return };
        let past = parts.next().unwrap_or_else(|| past_tense(&lemma));
        let participle = parts.next();
        let forms = [
            (lemma.clone(), VerbForm::Base),
            (third_person(&lemma), VerbForm::ThirdPerson),
            (past, VerbForm::Past),
            (gerund(&lemma), VerbForm::Gerund),
        ];
        for (word, form) in forms {
            // The first meaning registered wins: "said" stays speech even
            // if a later list happens to produce the same form.
            self.cue_words.entry(word).or_insert(CueWord { kind, form, noun_like: false });
        }
        if let Some(participle) = participle {
            self.cue_words.entry(participle).or_insert(CueWord { kind, form: VerbForm::Participle, noun_like: false });
        }
    }

    /// Which of the cue word, cue phrase and content noun lists may hold
    /// `lower` (a clear bit: surely not), from one slot and one byte.
    #[inline]
    pub fn cue_roles(&self, lower: &str) -> u8 {
        self.cue_roles.by_slot[CueRoles::slot(lower)]
    }

    /// [`Self::cue_word`] once [`Self::cue_roles`] said it may be one.
    #[inline(never)]
    pub fn cue_word_unfiltered(&self, lower: &str) -> Option<CueWord> {
        self.cue_words.get(lower).copied()
    }

    #[inline]
    pub fn cue_word(&self, lower: &str) -> Option<CueWord> {
        if self.cue_roles(lower) & MAY_BE_CUE_WORD == 0 {
            return None;
        }
        self.cue_words.get(lower).copied()
    }

    pub fn is_glue(&self, lower: &str) -> bool {
        self.glue.contains(lower)
    }
}

/// `text` without any number of `suffix` at its end, like
/// `trim_end_matches(suffix)` but without building a string searcher (a
/// few hundred instructions) for every call.
pub fn trim_end_str<'t>(mut text: &'t str, suffix: &str) -> &'t str {
    if suffix.is_empty() {
        return text;
    }
    while let Some(shorter) = text.strip_suffix(suffix) {
        text = shorter;
    }
    text
}

fn lower_into(set: &mut impl Extend<String>, words: &[String]) {
    set.extend(words.iter().map(|w| w.to_ascii_lowercase()));
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Short consonant-vowel-consonant verbs double their last letter: plan → planned.
fn doubles_final_consonant(lemma: &str) -> bool {
    let b = lemma.as_bytes();
    let n = b.len();
    (3..=4).contains(&n)
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
}

// The inflections below join their parts with `concat`, which sizes the
// string once, instead of `format!`, whose formatting machinery cost about
// five hundred instructions for each of the 850 forms the built-in lists
// make at every start.
fn third_person(lemma: &str) -> String {
    let b = lemma.as_bytes();
    if lemma.ends_with('s')
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with("ch")
        || lemma.ends_with("sh")
        || lemma.ends_with('o')
    {
        [lemma, "es"].concat()
    } else if lemma.ends_with('y') && b.len() > 1 && !is_vowel(b[b.len() - 2]) {
        [&lemma[..lemma.len() - 1], "ies"].concat()
    } else {
        [lemma, "s"].concat()
    }
}

fn past_tense(lemma: &str) -> String {
    let b = lemma.as_bytes();
    if lemma.ends_with('e') {
        [lemma, "d"].concat()
    } else if lemma.ends_with('y') && b.len() > 1 && !is_vowel(b[b.len() - 2]) {
        [&lemma[..lemma.len() - 1], "ied"].concat()
    } else if doubles_final_consonant(lemma) {
        [lemma, &lemma[lemma.len() - 1..], "ed"].concat()
    } else {
        [lemma, "ed"].concat()
    }
}

fn gerund(lemma: &str) -> String {
    if let Some(stem) = lemma.strip_suffix("ie") {
        [stem, "ying"].concat()
    } else if let Some(stem) = lemma.strip_suffix('e').filter(|s| !s.ends_with('e') && s.len() > 1) {
        [stem, "ing"].concat()
    } else if doubles_final_consonant(lemma) {
        [lemma, &lemma[lemma.len() - 1..], "ing"].concat()
    } else {
        [lemma, "ing"].concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_parse() {
        for text in [BUILTIN_CUES, BUILTIN_SOURCES, BUILTIN_MARKUP, BUILTIN_STANCE] {
            toml::from_str::<LexiconFile>(text).expect("embedded lexicon parses");
        }
    }

    #[test]
    fn inflections() {
        assert_eq!(third_person("say"), "says");
        assert_eq!(third_person("deny"), "denies");
        assert_eq!(third_person("stress"), "stresses");
        assert_eq!(past_tense("deny"), "denied");
        assert_eq!(past_tense("note"), "noted");
        assert_eq!(past_tense("plan"), "planned");
        assert_eq!(past_tense("vow"), "vowed");
        assert_eq!(past_tense("warn"), "warned");
        assert_eq!(gerund("note"), "noting");
        assert_eq!(gerund("plan"), "planning");
        assert_eq!(gerund("see"), "seeing");
    }

    #[test]
    fn builtin_lookups() {
        let lex = Lexicon::builtin();
        assert_eq!(lex.cue_word("said").map(|c| c.kind), Some(CueKind::Speech));
        assert_eq!(lex.cue_word("told").map(|c| c.form), Some(VerbForm::Past));
        assert_eq!(lex.cue_word("believes").map(|c| c.kind), Some(CueKind::Cognition));
        assert_eq!(lex.cue_word("found").map(|c| c.kind), Some(CueKind::Evidence));
        assert_eq!(lex.cue_phrases.longest_at(&["according", "to", "x"]).map(|m| m.0), Some(2));
        assert!(lex.cue_phrases.longest_at(&["according"]).is_none());
        assert!(lex.abbreviations.contains("Sept"));
    }

    #[test]
    fn matches_gives_the_longest_phrase_at_each_word_in_order() {
        let mut index = PhraseIndex::default();
        for (phrase, value) in [("sources say", 1), ("sources", 2), ("people * the talks", 3), ("say", 4)] {
            index.insert(phrase, value);
        }
        let words = ["sources", "say", "people", "close", "to", "the", "talks"];
        let found: Vec<(usize, usize, i32)> = index.matches(&words).map(|(i, len, &v)| (i, len, v)).collect();
        assert_eq!(found, vec![(0, 2, 1), (1, 1, 4)]);
        let words = ["people", "near", "the", "talks"];
        assert_eq!(index.matches(&words).map(|(i, len, &v)| (i, len, v)).collect::<Vec<_>>(), vec![(0, 4, 3)]);
        assert_eq!(index.matches(&[]).count(), 0);
    }

    #[test]
    fn word_filters_keep_every_entry() {
        let lex = Lexicon::builtin();
        assert!(lex.cue_words.len() <= BUILTIN_CUE_FORMS, "{} cue forms", lex.cue_words.len());
        for (word, cue) in &lex.cue_words {
            assert_eq!(lex.cue_word(word), Some(*cue), "{word}");
            assert!(lex.cue_roles(word) & MAY_BE_CUE_WORD != 0, "{word}");
        }
        for first in lex.cue_phrases.by_first.keys() {
            assert!(lex.cue_roles(first) & MAY_START_CUE_PHRASE != 0, "{first}");
        }
        for noun in &lex.content_nouns.words {
            assert!(lex.cue_roles(noun) & MAY_BE_CONTENT_NOUN != 0, "{noun}");
        }
        for index in [&lex.vague, &lex.anonymous] {
            for first in index.by_first.keys() {
                assert!(index.starts_with(first), "{first}");
            }
        }
    }

    #[test]
    fn word_filters_turn_most_common_words_away() {
        let lex = Lexicon::builtin();
        let common = "the of and to in is that for it with as was on be by at this from or had not are but have an \
            they which one you were her all she there would their we him been has when who will more no if out so \
            what up its about into than them can only other new some could time these two may then do first any my \
            now such like our over man me even most made after also did many before must through back years where";
        let words: Vec<&str> = common.split_whitespace().collect();
        let passed = words.iter().filter(|w| lex.cue_roles(w) & MAY_BE_CUE_WORD != 0).count();
        assert!(passed * 4 < words.len(), "{passed} of {} common words pass the cue filter", words.len());
    }
}
