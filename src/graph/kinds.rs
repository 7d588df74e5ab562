//! What a source mention is: how it refers (a name, a pronoun, a
//! description) and what kind of source it names (a person, an
//! organisation, a document, an outlet…).

use serde::{Deserialize, Serialize};

use std::sync::LazyLock;

use super::folded::{
    WordList, alphanumeric_ends_key, with_ascii_lowercase, with_ascii_lowercase_within, with_lowercase,
    with_lowercase_within,
};
use super::identity::{ascii_pieces, display, is_droppable_ascii, shown_words};
use crate::attributions::words::is_vague_head;
use crate::lexicon::Lexicon;
use crate::lexicon::trim_end_str;
use crate::sentences::tokens::word_runs;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    Person,
    Organisation,
    Document,
    Anonymous,
    Vague,
    Unknown,
}

/// How a source mention refers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mention {
    /// he, she, they, it
    Pronoun,
    /// I, we, you: the speaker of the surrounding quotation.
    FirstPerson,
    /// who, which, that after a name
    Relative,
    /// "the cable", "Serbia's leader"
    Description,
    Named,
}

pub(crate) fn classify_mention(text: &str) -> Mention {
    // One pass over the words, without collecting them: this runs for
    // every attribution. Walked from the end, bytewise for ASCII: the
    // Unicode whitespace split, twice for the first word, cost more than
    // the rest of the classification.
    let starts_upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let (mut count, mut last, mut first, mut capitalised) = (0, "", "", 0);
    for w in words_from_end(text) {
        if count == 0 {
            last = w;
        }
        capitalised += usize::from(starts_upper(w));
        count += 1;
        first = w;
    }
    let caps_after_first = capitalised - usize::from(starts_upper(first));
    // Every word tested below is at most five bytes, and a possessive
    // ends in "s" or "S": any other first word leaves a name, known
    // without lowercasing it (only ASCII capitals and the Kelvin sign
    // lowercase to ASCII, and no word below holds a "k").
    if first.len() > 5 && !first.ends_with(['s', 'S']) {
        return Mention::Named;
    }
    with_lowercase(first, |first| {
        if count == 1 {
            match first {
                "he" | "she" | "they" | "it" | "him" | "them" | "her" => return Mention::Pronoun,
                "i" | "we" | "you" | "us" | "me" => return Mention::FirstPerson,
                "who" | "which" | "that" => return Mention::Relative,
                _ => {}
            }
        }
        let definite = matches!(first, "the" | "this" | "that" | "these" | "those" | "his" | "her" | "its" | "their")
            || first.ends_with("'s")
            || first.ends_with("’s");
        let head_lower = last.chars().next().is_some_and(char::is_lowercase);
        if definite && head_lower && caps_after_first <= 1 && count <= 5 {
            Mention::Description
        } else {
            Mention::Named
        }
    })
}

/// Words that mark an organisation rather than a person.
const ORG_WORDS: &[&str] = &[
    "ministry",
    "department",
    "party",
    "agency",
    "magazine",
    "news",
    "times",
    "post",
    "press",
    "council",
    "union",
    "committee",
    "commission",
    "office",
    "bureau",
    "institute",
    "university",
    "center",
    "centre",
    "company",
    "inc",
    "corp",
    "group",
    "association",
    "administration",
    "government",
    "police",
    "campaign",
    "court",
    "congress",
    "senate",
    "house",
    "parliament",
    "reuters",
    "wikileaks",
    "guardian",
    "network",
    "foundation",
    "army",
    "navy",
    "board",
    "bank",
    "fund",
    "service",
    "journal",
    "gazette",
    "wire",
    "tribune",
    "herald",
    "cnn",
    "bbc",
    "nbc",
    "abc",
    "cbs",
    "fox",
    "nato",
    "eu",
    "un",
    "fbi",
    "cia",
    "authority",
    "authorities",
    "cooperative",
    "club",
    "school",
    "hospital",
    "church",
    "municipality",
    "county",
    "federation",
    "alliance",
    "coalition",
    "organisation",
    "organization",
    "society",
    "firm",
    "ltd",
    "llc",
    "airline",
    "website",
    "site",
    "radio",
    "television",
    "tv",
    "daily",
    "courier",
    "chronicle",
    "observer",
    "telegraph",
    "bloomberg",
    "politico",
    "breitbart",
    "city",
    "town",
    "village",
    "broadcaster",
    "broadcasting",
    "newspaper",
    "channel",
    "station",
];

/// Words that mark a news outlet: an organisation that relays what others
/// said rather than speaking first-hand.
const OUTLET_WORDS: &[&str] = &[
    "news",
    "times",
    "post",
    "press",
    "gazette",
    "wire",
    "tribune",
    "herald",
    "journal",
    "magazine",
    "daily",
    "radio",
    "tv",
    "television",
    "broadcasting",
    "newspaper",
    "courier",
    "chronicle",
    "observer",
    "telegraph",
    "reuters",
    "bloomberg",
    "afp",
    "ap",
    "cnn",
    "bbc",
    "nbc",
    "abc",
    "cbs",
    "msnbc",
    "npr",
    "pbs",
    "fox",
    "guardian",
    "politico",
    "breitbart",
    "axios",
    "wikileaks",
];

/// The word lists above as sets: comparing each word of a name with
/// every entry of `ORG_WORDS` cost more than the rest of `kind_of`.
static ORG_LIST: LazyLock<WordList> = LazyLock::new(|| WordList::new(ORG_WORDS));
static OUTLET_LIST: LazyLock<WordList> = LazyLock::new(|| WordList::new(OUTLET_WORDS));

/// Whether one of the first `limit` words of `text` (runs of letters and
/// digits), lowercased, is in `list`. Looks up without allocating: this
/// runs for every new source of every article.
fn has_word_in(text: &str, limit: usize, list: &WordList) -> bool {
    word_runs(text, b"").take(limit).any(|(_, word)| list.contains(word))
}

fn is_organisation(text: &str) -> bool {
    if text.is_ascii() {
        return is_ascii_organisation(text);
    }
    has_word_in(text, usize::MAX, &ORG_LIST) || text.split_whitespace().any(is_ascii_acronym)
}

/// `is_organisation` of ASCII text in one bytewise pass that sees both the
/// runs of letters and digits (for the word list) and the words between
/// spaces (for an acronym): walking the runs with `word_runs` and then
/// splitting on whitespace went over every name twice, decoding it both
/// times. Any text of which one test holds gives true, so the order of
/// the tests does not matter.
fn is_ascii_organisation(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Whether the whitespace-separated word being read has only capitals
    // so far, and where it starts.
    let (mut word_start, mut word_caps) = (0, true);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            // A run read in a tight loop, its capitals noted without a
            // branch: testing each byte for a letter, a space and a
            // capital in turn cost about half again as much.
            let start = i;
            let mut caps = true;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                caps &= bytes[i].is_ascii_uppercase();
                i += 1;
            }
            if ORG_LIST.contains_ascii(&text[start..i]) {
                return true;
            }
            word_caps &= caps;
            continue;
        }
        if is_ascii_space(b) {
            if word_caps && i - word_start >= 2 {
                return true;
            }
            (word_start, word_caps) = (i + 1, true);
        } else {
            word_caps = false;
        }
        i += 1;
    }
    word_caps && bytes.len() - word_start >= 2
}

/// `is_organisation` of a mention with a word table, given the runs of
/// letters, digits and apostrophes of its lowercase copy (`lower_runs`,
/// which `kind_of` has already cut): the organisation words are looked
/// up in those runs cut at their apostrophes, already lowercased, instead
/// of walking the text again and copying each run to lowercase it.
fn is_organisation_in(table: &MentionWords, lower_runs: &[&str]) -> bool {
    lower_runs.iter().any(|run| ascii_pieces(run, |b| b == b'\'').any(|piece| ORG_LIST.holds(piece)))
        || (0..table.count).any(|i| is_ascii_acronym(table.word(i)))
}

/// Whether an ASCII whitespace-separated word is two or more capitals and
/// nothing else: the acronym test of `is_organisation`.
fn is_ascii_acronym(word: &str) -> bool {
    word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase())
}

/// Offices with one holder in a place: "the mayor" is the mayor wherever
/// the story is.
pub(crate) const SOLE_OFFICES: &[&str] = &[
    "mayor",
    "governor",
    "auditor",
    "comptroller",
    "ombudsman",
    "ombudsperson",
    "coroner",
    "sheriff",
    "premier",
    "chancellor",
    "treasurer",
    "registrar",
];

/// Whether a description names an institution, a one-holder public office
/// or a qualified office ("the harbour board", "the state auditor", "the
/// mayor", "the foreign minister"): in a news story it identifies its
/// source even when nothing earlier names it, unlike "the memo" or "the
/// official".
pub(crate) fn names_an_office(lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    let head = words.last().copied().unwrap_or("");
    // "the foreign minister", "the harbour master's deputy": an office
    // qualified by what it is in charge of; a bare "the minister" is not.
    let qualified_office = words.len() >= 3
        && is_role_noun(head)
        && !matches!(head, "official" | "spokesman" | "spokeswoman" | "spokesperson" | "source" | "expert" | "analyst");
    is_organisation(lower) || SOLE_OFFICES.contains(&head) || qualified_office
}

/// Whether a source mention that resolves to nothing earlier is worth an
/// `unresolved-source` finding: a pronoun, a record ("the memo") or a
/// person or group by role ("the spokesman", "the officials"). Other
/// descriptions ("the vain hope", "the final say") are not sources a
/// reader would look back for.
pub(crate) fn could_point_back(text: &str, lexicon: &Lexicon) -> bool {
    let text = text.trim();
    // ASCII text is not lowercased: each test compares up to ASCII case,
    // and the phrase head is lowercased on its own.
    if text.is_ascii() {
        let last_word = words_from_end(text).next().unwrap_or("");
        return is_ascii_pronoun_first(text)
            || with_phrase_head(text, |head| head_points_back(head, lexicon))
            || is_ascii_document(last_word, lexicon);
    }
    // Lowercased on the stack: every mention judged was a fresh allocation.
    with_lowercase_within::<STACK_TEXT, _>(text, |lower| lower_could_point_back(lower, lexicon))
}

/// `could_point_back` of a mention already trimmed and lowercased.
fn lower_could_point_back(lower: &str, lexicon: &Lexicon) -> bool {
    // "he'll", "she’d": the pronoun before the contraction.
    let pronoun = lower.split(['\'', '’']).next().unwrap_or("");
    if matches!(pronoun, "he" | "she" | "it" | "they" | "him" | "her" | "them") {
        return true;
    }
    with_phrase_head(lower, |head| head_points_back(head, lexicon))
        || lexicon.document_nouns.contains(lower.split_whitespace().last().unwrap_or(""))
}

/// Whether a source mention reads as someone or something that can say
/// things. Extraction sometimes takes an object for a nested cue's source
/// ("called the use of executive orders dangerous", "said that Friday's
/// announcement suggested"); those are turned away by their shape: a time
/// or a preposition first ("Friday", "Among Kasich supporters"), a bare
/// possessive ("Trump's"), an abstract noun followed by "of" ("the use
/// of", "the release of"), or one lowercase word that names nobody
/// ("history"). Anything else may speak.
pub(crate) fn could_be_a_source(text: &str, kind: SourceKind, lexicon: &Lexicon) -> bool {
    const NOT_OPENERS: &[&str] =
        &["among", "contrary", "in", "on", "at", "for", "from", "with", "despite", "after", "before", "during"];
    let text = text.trim().trim_end_matches(',');
    if matches!(kind, SourceKind::Anonymous | SourceKind::Vague) {
        return true;
    }
    let not_an_opener = with_lowercase(text.split_whitespace().next().unwrap_or(""), |first| {
        let first_bare = trim_end_str(trim_end_str(first, "'s"), "’s");
        first.is_empty()
            || NOT_OPENERS.contains(&first)
            || crate::attributions::words::is_temporal(first_bare)
            || text.ends_with("'s")
            || text.ends_with("’s")
    });
    if not_an_opener {
        return false;
    }
    // Settled before the word table is built: most sources are names.
    if text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
        return true;
    }
    match MentionWords::new(text) {
        Some(table) => could_speak_in(&table, lexicon),
        None => could_speak_by_splitting(text, lexicon),
    }
}

/// The tests of `could_be_a_source` after the opener's, of any text,
/// splitting and lowercasing it in each.
fn could_speak_by_splitting(text: &str, lexicon: &Lexicon) -> bool {
    if text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || could_point_back(text, lexicon) {
        return true;
    }
    if is_organisation(text) || is_person_by_role(text) {
        return true;
    }
    with_lowercase_within::<STACK_TEXT, _>(text, |lower| {
        with_phrase_head(lower, |head| may_speak_by_shape(lower, head))
    })
}

/// The tests of `could_be_a_source` after the opener's and the capital's,
/// read from the mention's word table. The phrase head, found and lowercased three
/// times on the other path (by `could_point_back`, the role test and the
/// shape test), is found once; the text is not lowercased at all: ASCII
/// lowercasing moves no space, comma or hyphen, so every word and head
/// is where it was, and each comparison is made up to ASCII case.
fn could_speak_in(table: &MentionWords, lexicon: &Lexicon) -> bool {
    let text = table.text;
    let last_word = table.count.checked_sub(1).map_or("", |i| table.word(i));
    // `could_point_back` trims the text; only its end may be untrimmed here.
    if is_ascii_pronoun_first(text.trim_end()) || is_ascii_document(last_word, lexicon) {
        return true;
    }
    let head_index = table.last_head_index();
    with_head_of(table.core_word_at(head_index), |head| {
        // The head test of `could_point_back`: with it false, so is the
        // head test of `is_person_by_role`.
        head_points_back(head, lexicon)
            || is_organisation(text)
            || has_role_before_name_in(table, head_index)
            || may_speak_by_shape_in(table, head)
    })
}

/// The pronoun test of `lower_could_point_back` of trimmed ASCII text, up
/// to case.
fn is_ascii_pronoun_first(text: &str) -> bool {
    let pronoun = before_first(text, b'\'');
    ["he", "she", "it", "they", "him", "her", "them"].iter().any(|p| pronoun.eq_ignore_ascii_case(p))
}

/// Whether ASCII `word`, lowercased, is a document noun.
fn is_ascii_document(word: &str, lexicon: &Lexicon) -> bool {
    with_ascii_lowercase(word, |word| lexicon.document_nouns.contains(word))
}

/// The head test of `lower_could_point_back`: a role, a crowd or a record.
fn head_points_back(head: &str, lexicon: &Lexicon) -> bool {
    is_role_noun(head)
        || matches!(head, "people" | "officials" | "sources" | "website" | "site" | "page" | "blog" | "account")
        || lexicon.document_nouns.contains(head)
}

/// `may_speak_by_shape` of the table's text, compared up to ASCII case.
fn may_speak_by_shape_in(table: &MentionWords, head: &str) -> bool {
    let (mut head_found, mut object_of) = (false, false);
    for i in 0..table.count {
        let w = table.word(i);
        if head_found {
            object_of = w.eq_ignore_ascii_case("of");
            break;
        }
        head_found = w.trim_matches(|c: char| !c.is_ascii_alphanumeric()).eq_ignore_ascii_case(head);
    }
    let bytes = table.text.as_bytes();
    let ends_in = |k: usize, b: u8| bytes.len() >= k && bytes[bytes.len() - k] | 0x20 == b;
    let crowd = table.count == 1 && bytes.len() > 4 && ends_in(1, b's') && !ends_in(2, b's');
    (table.count > 1 || crowd) && !object_of
}

/// The last test of `could_be_a_source`, given the mention lowercased and
/// its phrase head: more than one word, or one plural word, and the head
/// not the object of "of". One pass over the words, without collecting
/// them.
fn may_speak_by_shape(lower: &str, head: &str) -> bool {
    let (mut words, mut head_found, mut after_head, mut object_of) = (0, false, false, false);
    for w in lower.split_whitespace() {
        // Only the word after the first one that is the head counts.
        if after_head {
            object_of = w == "of";
            after_head = false;
        }
        if !head_found && w.trim_matches(|c: char| !c.is_alphanumeric()) == head {
            (head_found, after_head) = (true, true);
        }
        words += 1;
    }
    // One plural word is a crowd that speaks ("protesters"); one singular
    // word is rarely a speaker ("history", "instance").
    let crowd = words == 1 && lower.len() > 4 && lower.ends_with('s') && !lower.ends_with("ss");
    (words > 1 || crowd) && !object_of
}

/// Whether an unnamed source is a group ("people close to the company",
/// "senior officials"), which "he" or "she" cannot point to. The head noun
/// is the last word before the first modifier ("close to", "who", ",").
pub(crate) fn names_a_group(name: &str) -> bool {
    let lower = name.to_lowercase();
    let head_part = lower
        .split([',', '(', '—'])
        .next()
        .unwrap_or("")
        .split(" who ")
        .next()
        .unwrap_or("")
        .split_whitespace()
        .take_while(|w| !matches!(*w, "close" | "familiar" | "with" | "of" | "in" | "at" | "from" | "on" | "for"))
        .last()
        .unwrap_or("");
    head_part == "people" || head_part.ends_with('s') && !head_part.ends_with("ss")
}

/// Whether a name looks like a news outlet ("Coastal Wire", "The New York
/// Times", "Reuters", "Covert Action Magazine").
pub fn looks_like_outlet(name: &str) -> bool {
    has_word_in(name, usize::MAX, &OUTLET_LIST)
}

/// Nouns of records, to recognise a document whatever its kind says
/// ("documents written by US diplomats" reads as anonymous).
const RECORD_NOUNS: &[&str] = &[
    "cable",
    "cables",
    "document",
    "documents",
    "file",
    "files",
    "leak",
    "leaks",
    "memo",
    "memos",
    "report",
    "reports",
    "records",
    "papers",
    "transcript",
    "transcripts",
    "letter",
    "letters",
    "email",
    "emails",
    "dossier",
];

/// Whether a source name is a record: a document, or a name whose words
/// hold a record noun.
pub fn is_record(name: &str, kind: SourceKind) -> bool {
    static RECORD_LIST: LazyLock<WordList> = LazyLock::new(|| WordList::new(RECORD_NOUNS));
    kind == SourceKind::Document || has_word_in(name, 4, &RECORD_LIST)
}

/// Whether a source's name is the name of a news outlet, not a phrase
/// that mentions one: "The New York Times", "Fox News", "BFM TV", but not
/// "the CBS poll", "Bob Woodward, an associate editor for the Post" or
/// "Ben Jacobs in The Guardian".
pub fn is_outlet_name(name: &str) -> bool {
    // Words that may stay lowercase in an outlet's name: "Time magazine".
    const CONNECTORS: &[&str] = &["the", "of", "for", "on", "&", "-", "magazine", "newspaper", "daily", "weekly"];
    const ACRONYMS: &[&str] = &["AP", "AFP", "CNN", "BBC", "NBC", "ABC", "CBS", "NPR", "PBS", "MSNBC", "UPI"];
    const NOT_OUTLETS: &[&str] = &["poll", "polls", "survey", "surveys", "tally", "report", "reports", "analysis"];
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || name.contains([',', '(']) || name.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    static NOT_OUTLET_LIST: LazyLock<WordList> = LazyLock::new(|| WordList::new(NOT_OUTLETS));
    static AND: LazyLock<WordList> = LazyLock::new(|| WordList::new(&["and"]));
    if has_word_in(name, usize::MAX, &NOT_OUTLET_LIST) || has_word_in(name, usize::MAX, &AND) {
        return false;
    }
    let proper =
        words.iter().all(|w| CONNECTORS.contains(&w.to_lowercase().as_str()) || w.starts_with(char::is_uppercase));
    let outlet =
        looks_like_outlet(name) || words.iter().any(|w| ACRONYMS.contains(&w.trim_end_matches(['’', '\'', 's'])));
    proper && outlet
}

/// Heads of descriptions that stand for a person named earlier:
/// "the minister", "Serbia's leader" (compared without a plural "s").
const ROLE_NOUNS: &[&str] = &[
    "leader",
    "minister",
    "president",
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "advisor",
    "adviser",
    "ambassador",
    "director",
    "chief",
    "head",
    "secretary",
    "mayor",
    "governor",
    "senator",
    "candidate",
    "nominee",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "founder",
    "lawyer",
    "attorney",
    "judge",
    "author",
    "reporter",
    "writer",
    "diplomat",
    "envoy",
    "general",
    "commander",
    "officer",
    "engineer",
    "expert",
    "analyst",
    "economist",
    "professor",
    "researcher",
    "prime",
    "premier",
    "chancellor",
    "king",
    "queen",
    "prince",
    "pope",
    "patriarch",
    "dissident",
    "man",
    "woman",
    "politician",
    "lawmaker",
    "congressman",
    "congresswoman",
    "representative",
    "manager",
    "owner",
    "executive",
    "member",
    "narrator",
    "host",
    "activist",
    "businessman",
    "councillor",
    "councilor",
    "clerk",
    "inspector",
    "resident",
    "worker",
    "captain",
    "mother",
    "father",
    "teacher",
    "doctor",
    "witness",
    "steward",
    "organiser",
    "organizer",
    "coordinator",
    "treasurer",
    "deputy",
    "aide",
    "staffer",
    "employee",
    "student",
    "farmer",
    "fisherman",
    "pilot",
    "nurse",
    "sheriff",
    "detective",
    "prosecutor",
    "auditor",
    "consultant",
    "scientist",
    "historian",
    "speaker",
];

/// `ROLE_NOUNS` as a set, with a sketch for turning words away unread.
static ROLE_LIST: LazyLock<WordList> = LazyLock::new(|| WordList::new(ROLE_NOUNS));

/// Whether `head` (as written, not lowercased) is one of `ROLE_NOUNS`.
pub(crate) fn is_role_noun(head: &str) -> bool {
    ROLE_LIST.holds(head)
}

/// Calls `f` with the head of a noun phrase: its last word before a
/// preposition or a comma ("US Ambassador to Italy" → "ambassador"),
/// lowercased and without a plural "s" (kept when what is left is no
/// role). Built on the stack when the head word is short ASCII: the kind
/// tests ask for a head for every new source, and only compare it.
fn with_phrase_head<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    with_head_of(last_head_word(text), f)
}

/// `with_phrase_head` given the phrase's last word before a preposition
/// or a comma.
fn with_head_of<R>(last: &str, f: impl FnOnce(&str) -> R) -> R {
    let last = after_last(last, b'-');
    with_lowercase_alphanumeric(last, |lower| f(lower.strip_suffix('s').filter(|s| is_role_noun(s)).unwrap_or(lower)))
}

/// `text` up to the first `byte` (ASCII), or all of it: what
/// `text.split(',').next()` gives. A byte loop: the names and phrases cut
/// are a few words, too short for `str::find`'s searcher to pay off.
pub(crate) fn before_first(text: &str, byte: u8) -> &str {
    text.bytes().position(|b| b == byte).map_or(text, |k| &text[..k])
}

/// `text` after the last `byte` (ASCII), or all of it: what
/// `text.rsplit('-').next()` gives, likewise without a searcher.
fn after_last(text: &str, byte: u8) -> &str {
    text.bytes().rposition(|b| b == byte).map_or(text, |k| &text[k + 1..])
}

/// The last word of a noun phrase before a preposition or a comma.
fn last_head_word(text: &str) -> &str {
    let core = before_first(text, b',');
    if core.is_ascii() {
        return last_ascii_head_word(core);
    }
    let mut last = "";
    for w in core.split_whitespace() {
        // Only an ASCII word of at most four bytes lowercases to one of
        // these (no other character lowercases to these letters).
        let ends_head = w.len() <= 4
            && with_lowercase(w, |w| matches!(w, "to" | "of" | "for" | "at" | "in" | "from" | "on" | "with" | "who"));
        if ends_head {
            break;
        }
        last = w;
    }
    last
}

/// `last_head_word` of ASCII text without a comma, split bytewise and
/// compared up to ASCII case: this runs for every new source, and
/// splitting on Unicode whitespace and copying each short word to
/// lowercase it cost more than the test itself.
fn last_ascii_head_word(core: &str) -> &str {
    let mut last = "";
    for word in ascii_pieces(core, is_ascii_space) {
        if ends_ascii_head(word) {
            break;
        }
        last = word;
    }
    last
}

/// Whether ASCII `word` is a preposition (or "who") that ends a noun
/// phrase's head, up to ASCII case.
fn ends_ascii_head(word: &str) -> bool {
    const ENDS_HEAD: &[&str] = &["to", "of", "for", "at", "in", "from", "on", "with", "who"];
    // Every entry is two to four letters: a word of another length is
    // settled without comparing it with each.
    (2..=4).contains(&word.len()) && ENDS_HEAD.iter().any(|e| word.eq_ignore_ascii_case(e))
}

/// Calls `f` with the letters and digits of `word`, lowercased; on the
/// stack when `word` is short ASCII.
fn with_lowercase_alphanumeric<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if word.is_ascii() && word.len() <= 32 {
        let mut buffer = [0u8; 32];
        let mut len = 0;
        for b in word.bytes().filter(u8::is_ascii_alphanumeric) {
            buffer[len] = b.to_ascii_lowercase();
            len += 1;
        }
        if let Ok(lower) = std::str::from_utf8(&buffer[..len]) {
            return f(lower);
        }
    }
    f(&lowercase_alphanumeric(word))
}

/// The letters and digits of `word`, lowercased.
fn lowercase_alphanumeric(word: &str) -> String {
    if word.is_ascii() {
        // One pass and one allocation of bytes instead of collecting
        // characters and then lowercasing a copy.
        let bytes: Vec<u8> = word.bytes().filter(u8::is_ascii_alphanumeric).map(|b| b.to_ascii_lowercase()).collect();
        String::from_utf8(bytes).unwrap_or_default()
    } else {
        word.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase()
    }
}

/// Whether `word` without its hyphenated prefix and punctuation is a role
/// noun ("Vice-President", "spokesman,").
fn is_role_word(word: &str) -> bool {
    let bare = after_last(word, b'-');
    // This runs for the last words of every new source, and most are no
    // role: their letters and digits are sketched where they stand rather
    // than copied, lowercased and looked up.
    if bare.is_ascii() && !ROLE_LIST.may_hold(alphanumeric_ends_key(bare)) {
        return false;
    }
    with_lowercase_alphanumeric(bare, is_role_noun)
}

/// A person by role: the phrase's head is a role ("two council members",
/// "US Ambassador to Italy"), or a role comes before a capitalised name
/// ("Committee member Lotte Berger", "Union spokesman Erik Lund").
fn is_person_by_role(text: &str) -> bool {
    match MentionWords::new(text) {
        Some(words) => is_person_by_role_in(&words),
        None => is_person_by_role_by_splitting(text),
    }
}

/// `is_person_by_role` of any text, splitting it in each test.
fn is_person_by_role_by_splitting(text: &str) -> bool {
    if with_phrase_head(text, is_role_noun) {
        return true;
    }
    // The words after the last role word must be one to four capitalised
    // words, none an organisation's. Walked from the end, so that a long
    // phrase is given up after five words instead of collecting them all
    // and testing each for a role; the organisation test waits for a role
    // word, which most names lack. (`is_organisation` of the words one by
    // one is that of the words joined: none of its tests crosses a space.)
    let core = before_first(text, b',');
    let mut name = [""; 4];
    for (name_words, w) in words_from_end(core).enumerate() {
        if is_role_word(w) {
            return name_words > 0 && !name[..name_words].iter().any(|w| is_organisation(w));
        }
        if name_words == name.len() || !w.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        name[name_words] = w;
    }
    false
}

/// `is_person_by_role` read from the mention's word table: the head word
/// and the words from the end are taken from it rather than found by
/// scanning the text twice more, and the head word is found once for
/// both halves.
fn is_person_by_role_in(words: &MentionWords) -> bool {
    let head = words.last_head_index();
    with_head_of(words.core_word_at(head), is_role_noun) || has_role_before_name_in(words, head)
}

/// The second half of `is_person_by_role_in`: a role word before one to
/// four capitalised words. Asked only once the phrase head, core word
/// `head` (`MentionWords::last_head_index`), is no role.
fn has_role_before_name_in(words: &MentionWords, head: Option<usize>) -> bool {
    // When the head is the last word, that word is no role word either
    // (`is_role_word` is the head's test without the plural "s" dropped),
    // which is known without sketching and looking it up again.
    let head_is_last = words.core_count.checked_sub(1).is_some_and(|last| head == Some(last));
    let mut name = [""; 4];
    for (name_words, i) in (0..words.core_count).rev().enumerate() {
        let w = words.core_word(i);
        if !(name_words == 0 && head_is_last) && is_role_word(w) {
            return name_words > 0 && !name[..name_words].iter().any(|w| is_organisation(w));
        }
        // A core word is never empty; for ASCII the first byte is the first character.
        if name_words == name.len() || !w.as_bytes()[0].is_ascii_uppercase() {
            return false;
        }
        name[name_words] = w;
    }
    false
}

/// Words a mention's word table holds; a mention with more takes the
/// path that splits the text in each test.
const TABLE_WORDS: usize = 32;

/// The whitespace-separated words of a short ASCII mention (at most 255
/// bytes and `TABLE_WORDS` words), split once and read by every kind
/// test: each test splitting the text itself (whole, or up to its first
/// comma, from the start or from the end) went over the same bytes about
/// a dozen times per new source.
struct MentionWords<'t> {
    text: &'t str,
    starts: [u8; TABLE_WORDS],
    ends: [u8; TABLE_WORDS],
    count: usize,
    /// Where the first comma is, or the text's length.
    comma: usize,
    /// How many words start before the first comma: the words of the
    /// text's "core" (`before_first(text, b',')`), the last one cut at it.
    core_count: usize,
}

impl<'t> MentionWords<'t> {
    /// The table of `text`, or `None` when it is not ASCII, is longer than
    /// 255 bytes or has more than `TABLE_WORDS` words.
    fn new(text: &'t str) -> Option<Self> {
        let bytes = text.as_bytes();
        if bytes.len() > usize::from(u8::MAX) || !text.is_ascii() {
            return None;
        }
        let (mut starts, mut ends, mut count) = ([0; TABLE_WORDS], [0; TABLE_WORDS], 0);
        let mut i = 0;
        // Tight loops over spaces and over a word's bytes: one loop with an
        // in-word state cost about twice as much per byte.
        loop {
            while i < bytes.len() && is_ascii_space(bytes[i]) {
                i += 1;
            }
            if i == bytes.len() {
                break;
            }
            if count == TABLE_WORDS {
                return None;
            }
            let start = i;
            while i < bytes.len() && !is_ascii_space(bytes[i]) {
                i += 1;
            }
            // Both fit a byte: the text is at most 255 bytes long.
            (starts[count], ends[count]) = (start as u8, i as u8);
            count += 1;
        }
        let comma = before_first(text, b',').len();
        let core_count = starts[..count].iter().take_while(|&&s| usize::from(s) < comma).count();
        Some(MentionWords { text, starts, ends, count, comma, core_count })
    }

    /// Word `i` of the text.
    fn word(&self, i: usize) -> &'t str {
        &self.text[usize::from(self.starts[i])..usize::from(self.ends[i])]
    }

    /// Word `i` of the text's core: cut at the first comma.
    fn core_word(&self, i: usize) -> &'t str {
        &self.text[usize::from(self.starts[i])..usize::from(self.ends[i]).min(self.comma)]
    }

    /// `last_head_word` of the text.
    #[cfg(test)]
    fn last_head_word(&self) -> &'t str {
        self.core_word_at(self.last_head_index())
    }

    /// Core word `i`, or "" for none.
    fn core_word_at(&self, i: Option<usize>) -> &'t str {
        i.map_or("", |i| self.core_word(i))
    }

    /// The last word of the core of `display(text)` (what `surname`
    /// splits it for), or "" for none: the core's last word here, unless
    /// `display` drops it, as it does all the core's words when it drops
    /// that one (it drops only leading droppable words, never the last
    /// word, and no droppable word holds a comma).
    fn shown_core_last_word(&self) -> &'t str {
        let Some(last) = self.core_count.checked_sub(1) else {
            return "";
        };
        let dropped = last + 1 < self.count && (0..=last).all(|i| is_droppable_ascii(self.word(i)));
        if dropped { "" } else { self.core_word(last) }
    }

    /// Which core word `last_head_word` is, if any.
    fn last_head_index(&self) -> Option<usize> {
        (0..self.core_count).take_while(|&i| !ends_ascii_head(self.core_word(i))).last()
    }

    /// `first_word_and_name_after` of the text.
    fn first_word_and_name_after(&self) -> (Option<&'t str>, bool) {
        let bytes = self.text.as_bytes();
        let first = (self.count > 0).then(|| self.word(0));
        let has_name = self.starts[..self.count].iter().skip(1).any(|&s| bytes[usize::from(s)].is_ascii_uppercase());
        (first, has_name)
    }

    /// The first word of the text's core, or "".
    fn first_core_word(&self) -> &'t str {
        if self.core_count > 0 { self.core_word(0) } else { "" }
    }
}

/// Whether ASCII byte `b` is whitespace as `char::is_whitespace` has it
/// (tab to carriage return, and space).
pub(crate) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The words of `text`, last first: `text.split_whitespace().rev()`,
/// walked bytewise for ASCII text (searching backwards for whitespace
/// character by character cost more than the rest of the role test).
pub(crate) fn words_from_end(text: &str) -> impl Iterator<Item = &str> {
    let mut unicode = (!text.is_ascii()).then(|| text.split_whitespace());
    let mut rest = text;
    std::iter::from_fn(move || {
        if let Some(words) = &mut unicode {
            return words.next_back();
        }
        let bytes = rest.as_bytes();
        let end = bytes.iter().rposition(|&b| !is_ascii_space(b))? + 1;
        let start = bytes[..end].iter().rposition(|&b| is_ascii_space(b)).map_or(0, |k| k + 1);
        let word = &rest[start..end];
        rest = &rest[..start];
        Some(word)
    })
}

/// "Jeffrey N. Trimble, a senior official with the board": a personal name
/// before the first comma, so an anonymous-sounding phrase after it only
/// describes a named source.
pub(crate) fn names_someone_first(text: &str) -> bool {
    let core = before_first(text, b',');
    // One pass: counting the words and testing them walked them twice.
    let mut words = 0;
    for w in core.split_whitespace() {
        if !(w.starts_with(char::is_uppercase) && !is_all_caps(w) || w.ends_with('.')) {
            return false;
        }
        words += 1;
    }
    words >= 2
}

/// An insider described but not named: "a Western diplomat", "an aide to
/// the mayor", "two Justice Department officials", "a former councillor".
/// A spokesperson speaks on the record for an institution, and a name in
/// an appositive ("a former councillor, Jan Berg,") names the source.
fn is_unnamed_insider(text: &str) -> bool {
    is_unnamed_insider_after(text, before_first(text, b',').split_whitespace().next().unwrap_or(""))
}

/// `is_unnamed_insider` given the first word of the text before its
/// first comma, `first`.
fn is_unnamed_insider_after(text: &str, first: &str) -> bool {
    const INSIDER_ROLES: &[&str] = &[
        "official",
        "diplomat",
        "aide",
        "staffer",
        "insider",
        "adviser",
        "advisor",
        "officer",
        "employee",
        "councillor",
        "councilor",
        "lawmaker",
        "investigator",
        "executive",
        "source",
        "negotiator",
    ];
    // The first word before " by " is the first word before the comma: " by "
    // starts with a space, so it cannot cut that word short, and a " by "
    // before it makes it "by…", no determiner either way. So most sources,
    // which are not indefinite, are settled before searching for the comma
    // or " by " and without copying the word.
    // Each determiner is at most seven letters and starts with one of
    // these: most first words are turned away without being lowercased.
    let may_be_indefinite = first.len() <= 7
        && first.as_bytes().first().is_some_and(|b| matches!(b | 0x20, b'a' | b'o' | b't' | b'f' | b's'));
    let indefinite = may_be_indefinite
        && with_ascii_lowercase(first, |first| {
            matches!(first, "a" | "an" | "one" | "two" | "three" | "four" | "five" | "several" | "another")
        });
    if !indefinite {
        return false;
    }
    // `text.splitn(2, ',')`, cut at the byte without a searcher.
    let before_comma = before_first(text, b',');
    let after_comma = text.get(before_comma.len() + 1..);
    // "a lawsuit filed by a fired staffer" is a record, not the staffer.
    let described = before_comma.split(" by ").next().unwrap_or("");
    let appositive_name =
        after_comma.is_some_and(|rest| rest.split_whitespace().any(|w| w.starts_with(char::is_uppercase)));
    // The head last: finding it lowercases words.
    !appositive_name && with_phrase_head(described, |head| INSIDER_ROLES.contains(&head))
}

/// Two or three capitalised words with no organisation word: a personal
/// name ("Dana Bash", "Michael Patrick Leahy").
fn is_personal_name(words: &[&str]) -> bool {
    // Word by word rather than on the words joined by spaces: neither
    // check looks across a space.
    (2..=3).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase) && !is_all_caps(w))
        && !words.iter().any(|w| is_organisation(w))
        && !words.iter().any(|w| looks_like_outlet(w))
}

fn is_all_caps(w: &str) -> bool {
    !w.chars().any(char::is_lowercase)
}

/// A person named with their organisation: "CNN's Dana Bash", "Bill
/// O'Reilly of Fox News".
/// `table` is the word table of `text` when it has one: the words are
/// copied from it onto the stack rather than split again into a vector.
fn is_person_of_organisation(text: &str, table: Option<&MentionWords>) -> bool {
    // Both shapes need an apostrophe (the curly one starts with byte E2)
    // or the word "of"; most names have neither and are settled here,
    // without collecting their words.
    let bytes = text.as_bytes();
    if !bytes.iter().any(|&b| b == b'\'' || b == 0xE2) && !bytes.windows(2).any(|pair| pair == b"of") {
        return false;
    }
    match table {
        Some(table) => {
            let mut words = [""; TABLE_WORDS];
            for (i, word) in words[..table.count].iter_mut().enumerate() {
                *word = table.word(i);
            }
            names_person_of_organisation(&words[..table.count])
        }
        None => names_person_of_organisation(&text.split_whitespace().collect::<Vec<_>>()),
    }
}

/// `is_person_of_organisation` given the text's whitespace-separated words.
fn names_person_of_organisation(words: &[&str]) -> bool {
    let possessive = words.iter().position(|w| w.ends_with("'s") || w.ends_with("’s") || w.ends_with("s’"));
    if let Some(at) = possessive
        && at + 1 < words.len()
        && is_personal_name(&words[at + 1..])
    {
        return true;
    }
    words.iter().position(|w| *w == "of").is_some_and(|at| is_personal_name(&words[..at]))
}

pub(crate) fn kind_of(text: &str, lexicon: &Lexicon) -> SourceKind {
    kind_and_display(text, lexicon, false).kind
}

/// A new source's name classified and shown; see `kind_and_display`.
pub(crate) struct KindAndDisplay<'t> {
    pub(crate) kind: SourceKind,
    /// `display(text)`, or "" when not asked for.
    pub(crate) shown: String,
    /// The last word of the core of `display(text)` (see
    /// `identity::ascii_surname`), when the word table knew it.
    pub(crate) shown_last_word: Option<&'t str>,
}

/// `kind_of(text)`, and `display(text)` when `shown` (else an empty
/// string), from one word table: a new source's name split on whitespace
/// for the kind tests was split again to show it, and once more for its
/// surname.
pub(crate) fn kind_and_display<'t>(text: &'t str, lexicon: &Lexicon, shown: bool) -> KindAndDisplay<'t> {
    let table = MentionWords::new(text);
    let kind = with_lowercase_runs(text, |words, starts| kind_of_words(text, table.as_ref(), words, starts, lexicon));
    let shown_last_word = table.as_ref().map(MentionWords::shown_core_last_word);
    let shown = match (&table, shown) {
        (_, false) => String::new(),
        (Some(table), true) => shown_words(text, (0..table.count).map(|i| table.word(i)), is_droppable_ascii),
        (None, true) => display(text),
    };
    KindAndDisplay { kind, shown, shown_last_word }
}

/// Texts up to this many bytes are lowercased on the stack; nearly every
/// source name is far shorter.
const STACK_TEXT: usize = 256;
/// Runs kept on the stack; a text with more takes the heap.
const STACK_RUNS: usize = 32;

/// Calls `f` with the runs of letters, digits and apostrophes of
/// `text.to_ascii_lowercase()` and where each starts. On the stack for a
/// short text: `kind_of` runs for every new source, and the lowercase copy
/// and the vector of its words were two allocations per source, the
/// vector grown as it was filled.
fn with_lowercase_runs<R>(text: &str, f: impl FnOnce(&[&str], &[usize]) -> R) -> R {
    with_ascii_lowercase_within::<STACK_TEXT, R>(text, |lower| {
        let (mut words, mut starts) = ([""; STACK_RUNS], [0; STACK_RUNS]);
        let mut count = 0;
        for (start, word) in word_runs(lower, b"'") {
            if count == STACK_RUNS {
                return lowercase_runs_on_heap(lower, f);
            }
            (words[count], starts[count]) = (word, start);
            count += 1;
        }
        f(&words[..count], &starts[..count])
    })
}

/// The first whitespace-separated word of `text`, and whether a later
/// word starts with a capital. ASCII text is split bytewise, in the one
/// pass: splitting on Unicode whitespace, once for each answer, decoded
/// every character of every new source twice.
fn first_word_and_name_after(text: &str) -> (Option<&str>, bool) {
    if !text.is_ascii() {
        let first = text.split_whitespace().next();
        let has_name = text.split_whitespace().skip(1).any(|w| w.chars().next().is_some_and(char::is_uppercase));
        return (first, has_name);
    }
    let mut words = ascii_pieces(text, is_ascii_space);
    let first = words.next();
    (first, words.any(|w| w.as_bytes()[0].is_ascii_uppercase()))
}

/// `with_lowercase_runs` of an already lowercased text, collected on the heap.
fn lowercase_runs_on_heap<R>(lower: &str, f: impl FnOnce(&[&str], &[usize]) -> R) -> R {
    let (starts, words): (Vec<usize>, Vec<&str>) = word_runs(lower, b"'").unzip();
    f(&words, &starts)
}

/// `kind_of` given the ASCII-lowercased runs of `text` (`words`) and
/// where each starts (the same in `text`: ASCII lowercasing keeps every
/// byte where it is and every letter a letter).
/// `table` is the word table of `text` when it has one (short ASCII):
/// the tests that split the text on whitespace read it instead.
fn kind_of_words(
    text: &str,
    table: Option<&MentionWords>,
    words: &[&str],
    starts: &[usize],
    lexicon: &Lexicon,
) -> SourceKind {
    let phrase_hit =
        |index: &crate::lexicon::PhraseIndex<()>| (0..words.len()).any(|i| index.longest_at(&words[i..]).is_some());
    let unnamed_insider = || match table {
        Some(table) => is_unnamed_insider_after(text, table.first_core_word()),
        None => is_unnamed_insider(text),
    };
    // The personal-name test last: most sources are turned away by the
    // cheaper two, which share no state with it.
    if (phrase_hit(&lexicon.anonymous) || unnamed_insider()) && !names_someone_first(text) {
        return SourceKind::Anonymous;
    }
    let (first, has_name) =
        table.map_or_else(|| first_word_and_name_after(text), MentionWords::first_word_and_name_after);
    // "FEC reports", "CDC studies": an acronym names whose records they are.
    let owned_records = first.is_some_and(|w| w.len() >= 2 && is_all_caps(w))
        && words.iter().any(|w| matches!(*w, "reports" | "studies" | "research"));
    if !has_name && !owned_records && words.iter().any(|w| is_vague_head(w)) {
        return SourceKind::Vague;
    }
    // A record noun makes a document ("the cables", "Documents written
    // by…"), but not inside a name ("the Lindholm Post"). Each word's case
    // as written is read where its lowercase run starts, rather than
    // splitting the text into runs a second time.
    let record = words.iter().zip(starts).take(4).enumerate().any(|(i, (lower, &start))| {
        let lowercase = text[start..].chars().next().is_some_and(char::is_lowercase);
        (lowercase || i == 0) && lexicon.document_nouns.contains(lower)
    });
    if record {
        return SourceKind::Document;
    }
    let by_role = table.map_or_else(|| is_person_by_role(text), is_person_by_role_in);
    if by_role || is_person_of_organisation(text, table) {
        return SourceKind::Person;
    }
    let organisation = match table {
        Some(table) => is_organisation_in(table, words),
        None => is_organisation(text),
    };
    if organisation {
        return SourceKind::Organisation;
    }
    if text.chars().next().is_some_and(char::is_uppercase) || has_name {
        SourceKind::Person
    } else {
        SourceKind::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        let lex = Lexicon::builtin();
        assert_eq!(kind_of("people familiar with the matter", &lex), SourceKind::Anonymous);
        assert_eq!(kind_of("experts", &lex), SourceKind::Vague);
        assert_eq!(kind_of("reports", &lex), SourceKind::Vague);
        assert_eq!(kind_of("FEC reports", &lex), SourceKind::Document);
        assert_eq!(kind_of("The cables written by the ambassador", &lex), SourceKind::Document);
        assert_eq!(kind_of("Coastal Wire", &lex), SourceKind::Organisation);
        assert_eq!(kind_of("Jane Okafor", &lex), SourceKind::Person);
        assert_eq!(kind_of("the Lindholm Post", &lex), SourceKind::Organisation);
        assert_eq!(kind_of("Documents written by the ambassador", &lex), SourceKind::Document);
        for unnamed in
            ["A Western diplomat", "an aide to the mayor", "two Justice Department officials", "a former councillor"]
        {
            assert_eq!(kind_of(unnamed, &lex), SourceKind::Anonymous, "{unnamed}");
        }
        let credible = |t: &str| could_be_a_source(t, kind_of(t, &lex), &lex);
        for speaker in ["Jan Berg", "he'll", "his top aide, Jan Berg,", "rival Jan Berg", "the RNC", "protesters"] {
            assert!(credible(speaker), "{speaker}");
        }
        for noise in ["Friday's announcement", "Trump's", "Among Kasich supporters", "the use of executive orders"] {
            assert!(!credible(noise), "{noise}");
        }
        for named in [
            "Jeffrey N. Trimble, a senior official with the board",
            "a former councillor, Jan Berg,",
            "a spokesperson for the ministry",
            "the Western diplomat",
            "a lawsuit filed by a fired staffer",
        ] {
            assert_ne!(kind_of(named, &lex), SourceKind::Anonymous, "{named}");
        }
    }

    #[test]
    fn people_named_by_role_are_people() {
        let lex = Lexicon::builtin();
        for person in [
            "Committee member Lotte Berger",
            "Union spokesman Erik Lund",
            "US Ambassador to Italy",
            "two council members",
            "then-Secretary of State Condoleezza Rice",
            "education board chairman Oskar Dahl",
            "the port director",
            "CNN’s Dana Bash",
            "Bill O’Reilly of Fox News",
            "Washington Post's Robert Costa",
        ] {
            assert_eq!(kind_of(person, &lex), SourceKind::Person, "{person}");
        }
        for organisation in [
            "Harbour Dockworkers Union",
            "Kessel Ferry Company",
            "the Foreign Ministry",
            "NATO",
            "Federal Bureau of Investigation",
            "Bank of America",
        ] {
            assert_eq!(kind_of(organisation, &lex), SourceKind::Organisation, "{organisation}");
        }
    }

    #[test]
    fn cutting_at_a_byte_agrees_with_splitting() {
        for text in ["", ",", "a,b,c", "Vice-President", "-x-", "é,ü-ß"] {
            assert_eq!(before_first(text, b','), text.split(',').next().unwrap_or(""), "{text}");
            assert_eq!(after_last(text, b'-'), text.rsplit('-').next().unwrap_or(text), "{text}");
        }
    }

    #[test]
    fn mentions_classify_as_by_their_words() {
        for (text, mention) in [
            ("he", Mention::Pronoun),
            (" We ", Mention::FirstPerson),
            ("which", Mention::Relative),
            ("the  harbour master", Mention::Description),
            ("Serbia’s leader", Mention::Description),
            ("the Harbour Board", Mention::Named),
            ("the Harbour chair", Mention::Description),
            ("the Harbour Board chair", Mention::Named),
            ("The A B chair", Mention::Named),
            ("", Mention::Named),
            ("Jane Okafor", Mention::Named),
            ("SERBIA'S leader", Mention::Description),
            ("Jonathan", Mention::Named),
            ("Their  chief", Mention::Description),
        ] {
            assert_eq!(classify_mention(text), mention, "{text:?}");
        }
    }

    #[test]
    fn words_from_the_end_agree_with_splitting() {
        for b in 0..128u8 {
            assert_eq!(is_ascii_space(b), char::from(b).is_whitespace(), "{b}");
        }
        for text in ["", " ", "Mayor Ines  Falk", "\tx\x0b y\x0c\rz \n", "a", " lead", "trail ", "é x\u{a0}y  z"] {
            let expected: Vec<&str> = text.split_whitespace().rev().collect();
            assert_eq!(words_from_end(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    #[test]
    fn first_word_and_later_name_agree_with_splitting() {
        for text in ["", " ", "FEC reports", "the  Harbour\tBoard", "a b c", " lead Trail", "é Ab", "x\u{a0}Y"] {
            let first = text.split_whitespace().next();
            let has_name = text.split_whitespace().skip(1).any(|w| w.chars().next().is_some_and(char::is_uppercase));
            assert_eq!(first_word_and_name_after(text), (first, has_name), "{text:?}");
        }
    }

    #[test]
    fn lowercase_runs_on_the_stack_agree_with_the_heap() {
        let many = "Ab ".repeat(STACK_RUNS + 1);
        let long = format!("{} x", "y".repeat(STACK_TEXT));
        for text in ["", "Jane O'Neil, CEO", "É-Ü ab", many.as_str(), long.as_str()] {
            let on_stack = with_lowercase_runs(text, |w, s| (w.join("|"), s.to_vec()));
            let on_heap = lowercase_runs_on_heap(&text.to_ascii_lowercase(), |w, s| (w.join("|"), s.to_vec()));
            assert_eq!(on_stack, on_heap, "{text:?}");
        }
    }

    /// `is_organisation` by splitting the text once for each test.
    fn is_organisation_by_words(text: &str) -> bool {
        has_word_in(text, usize::MAX, &ORG_LIST) || text.split_whitespace().any(is_ascii_acronym)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]

        #[test]
        fn ascii_organisations_agree_with_the_word_tests_on_any_text(text in "[AaBbUN1 \t,'.\\-]{0,24}") {
            proptest::prop_assert_eq!(is_ascii_organisation(&text), is_organisation_by_words(&text), "{:?}", text);
        }
    }

    #[test]
    fn ascii_organisations_agree_with_the_word_tests() {
        let by_words = is_organisation_by_words;
        for text in [
            "",
            " ",
            "A",
            "AB",
            " AB ",
            "A-B",
            "NATO-led",
            "the Harbour Board",
            "Jane Okafor",
            "X.Y",
            "US\tofficials",
            "ministry's",
            "Ministry,",
            "mini stry",
            "Kessel Ferry Company",
            "un",
            "a UN",
            "A1",
            "AB1",
            "  Ab  CD",
        ] {
            assert_eq!(is_ascii_organisation(text), by_words(text), "{text:?}");
        }
    }

    #[test]
    fn ascii_head_words_agree_with_splitting() {
        fn by_split(core: &str) -> &str {
            let mut last = "";
            for w in core.split_whitespace() {
                if matches!(
                    w.to_lowercase().as_str(),
                    "to" | "of" | "for" | "at" | "in" | "from" | "on" | "with" | "who"
                ) {
                    break;
                }
                last = w;
            }
            last
        }
        for core in
            ["", "  ", "US Ambassador to Italy", " the  port director ", "Of", "a TO b", "aide\tWITH x", "tox of"]
        {
            assert_eq!(last_ascii_head_word(core), by_split(core), "{core:?}");
        }
    }

    /// The word table's answers and those of splitting the text in each
    /// test, for one mention.
    fn table_agrees_with_splitting(text: &str) {
        let Some(table) = MentionWords::new(text) else {
            assert!(!text.is_ascii() || text.len() > 255 || text.split_whitespace().count() > TABLE_WORDS, "{text:?}");
            return;
        };
        let shown = display(text);
        let from_table = crate::graph::identity::ascii_surname(table.shown_core_last_word());
        assert_eq!(from_table, crate::graph::identity::surname(&shown), "{text:?} shown as {shown:?}");
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!((0..table.count).map(|i| table.word(i)).collect::<Vec<_>>(), words, "{text:?}");
        assert_eq!(table.first_word_and_name_after(), first_word_and_name_after(text), "{text:?}");
        let first = before_first(text, b',').split_whitespace().next().unwrap_or("");
        assert_eq!(table.first_core_word(), first, "{text:?}");
        assert_eq!(table.last_head_word(), last_head_word(text), "{text:?}");
        assert_eq!(is_person_by_role_in(&table), is_person_by_role_by_splitting(text), "{text:?}");
        assert_eq!(is_person_of_organisation(text, Some(&table)), is_person_of_organisation(text, None), "{text:?}");
        let runs = with_lowercase_runs(text, |words, _| words.iter().map(|w| w.to_string()).collect::<Vec<_>>());
        let runs: Vec<&str> = runs.iter().map(String::as_str).collect();
        assert_eq!(is_organisation_in(&table, &runs), is_organisation_by_words(text), "{text:?}");
        static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::builtin);
        let lex = &*LEXICON;
        assert_eq!(kind_and_display(text, lex, true).shown, display(text), "{text:?}");
        let lowered_could_point_back = lower_could_point_back(&text.trim().to_lowercase(), lex);
        assert_eq!(could_point_back(text, lex), lowered_could_point_back, "{text:?}");
        // As `could_be_a_source` passes it: trimmed, without commas at the end.
        let trimmed = text.trim().trim_end_matches(',');
        if let Some(table) = MentionWords::new(trimmed) {
            let capital = trimmed.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit());
            assert_eq!(capital || could_speak_in(&table, lex), could_speak_by_splitting(trimmed, lex), "{trimmed:?}");
        }
    }

    #[test]
    fn word_tables_agree_with_splitting() {
        let many = "Ab ".repeat(TABLE_WORDS + 1);
        let long = format!("{} x", "y".repeat(300));
        for text in [
            "",
            " ",
            ",",
            " ,Jan Berg",
            "The , Smith",
            "the The ,",
            "The A ,, B",
            "a Berg's, Jan",
            "Jeffrey N. Trimble, a senior official with the board",
            "Union spokesman Erik Lund",
            "US Ambassador to Italy",
            "then-Secretary of State Condoleezza Rice",
            "CNN's Dana Bash",
            "Bill O'Reilly of Fox News",
            "the Vice-President, Jan",
            "a former councillor, Jan Berg,",
            "he ,",
            "protesters",
            "the use of executive orders",
            "Committee member Lotte Berger ",
            "\tMayor\x0bInes  Falk\n",
            "é Ab",
            many.as_str(),
            long.as_str(),
        ] {
            table_agrees_with_splitting(text);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 3000, ..Default::default() })]

        /// Mentions made of capitalised words, role and organisation words,
        /// prepositions, possessives, commas, hyphens and odd spacing.
        #[test]
        fn word_tables_agree_with_splitting_on_mentions(
            pieces in proptest::collection::vec(
                "(Jan|Berg|O'Neil|CNN's|NATO|US|spokesman|Spokesman,|member|Vice-President|minister|officials|people|the|a|of|to|Union|Bank|memo|reports|protesters|he|she'd|It|Ab.|x|1|,|-|'s| |  |\\t)",
                0..12,
            )
        ) {
            table_agrees_with_splitting(&pieces.join(" "));
            table_agrees_with_splitting(&pieces.concat());
        }
    }

    #[test]
    fn outlet_names() {
        for name in [
            "The New York Times",
            "Fox News",
            "BFM TV",
            "Associated Press",
            "AP",
            "Wyoming Public Radio",
            "Time magazine",
        ] {
            assert!(is_outlet_name(name), "{name}");
        }
        for phrase in [
            "42 percent of the Republicans surveyed in the CBS poll",
            "Bob Woodward, an associate editor for the Post",
            "Ben Jacobs in The Guardian",
            "Associated Press account",
            "Both The New York Times and the Wall Street Journal",
            "Mayor Ines Falk",
        ] {
            assert!(!is_outlet_name(phrase), "{phrase}");
        }
    }

    #[test]
    fn outlets() {
        assert!(looks_like_outlet("Coastal Wire"));
        assert!(looks_like_outlet("The New York Times"));
        assert!(looks_like_outlet("Covert Action Magazine"));
        assert!(!looks_like_outlet("Kessel Ferry Company"));
        assert!(!looks_like_outlet("Mayor Ines Falk"));
    }
}
