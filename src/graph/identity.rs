//! Source identity: turning mentions ("Covert Action magazine", "the
//! Wikileaks cables", "Vucic") into one key per real source.

use std::collections::BTreeMap;

use super::folded::with_lowercase;
use super::kinds::{before_first, is_ascii_space, words_from_end};
use crate::lexicon::trim_end_str;

/// Words dropped from the front of a display name.
const LEADING_DROPS: &[&str] = &["the", "a", "an", "new", "certain", "some", "several"];

/// Words that say what kind of outlet a name is, not which one.
const OUTLET_WORDS: &[&str] = &["magazine", "newspaper", "news agency", "website", "journal", "daily", "weekly"];

/// The comparison key of a mention: lowercased, without "the", a
/// possessive, or words like "magazine"; whitespace folded.
pub fn normalise(name: &str) -> String {
    // Every new mention text of every article is normalised: the key is
    // built in one string, cut down in place, without collecting words.
    let mut key = if name.is_ascii() { ascii_words_key(name) } else { unicode_words_key(name) };
    for outlet_word in OUTLET_WORDS {
        if let Some(stripped) = key.strip_suffix(outlet_word)
            && !stripped.trim().is_empty()
        {
            key.truncate(stripped.trim_end().len());
        }
    }
    if key.ends_with("'s") {
        key.truncate(key.len() - 2);
    } else if key.ends_with('\'') {
        key.truncate(key.len() - 1);
    }
    let trimmed = key.trim();
    if trimmed.len() == key.len() { key } else { trimmed.to_string() }
}

/// Whether `c` separates the words of a name for its key.
fn is_key_break(c: char) -> bool {
    c.is_whitespace() || c == ','
}

/// The words of an ASCII `name` lowercased and joined by single spaces,
/// leading droppable words left out: what [`unicode_words_key`] gives for
/// ASCII, found bytewise and copied once into the key and lowercased
/// there, without the lowercase copy of the whole name, splitting it by
/// characters twice and lowercasing each leading word to test it.
fn ascii_words_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in ascii_pieces(name, is_ascii_key_break) {
        if key.is_empty() && is_droppable_ascii(word) {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key.make_ascii_lowercase();
    key
}

/// Whether ASCII byte `b` is whitespace or a comma: [`is_key_break`].
fn is_ascii_key_break(b: u8) -> bool {
    is_ascii_space(b) || b == b','
}

/// The non-empty pieces of ASCII `name` between bytes that `is_break`,
/// cut bytewise: `name.split(..)` without the empty pieces.
pub(crate) fn ascii_pieces(name: &str, is_break: impl Fn(u8) -> bool) -> impl Iterator<Item = &str> {
    let bytes = name.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + bytes[at..].iter().position(|&b| !is_break(b))?;
        let end = bytes[start..].iter().position(|&b| is_break(b)).map_or(bytes.len(), |k| start + k);
        at = end;
        Some(&name[start..end])
    })
}

/// `droppable` of an ASCII word and its lowercase, compared up to ASCII
/// case instead of lowercasing a copy.
pub(crate) fn is_droppable_ascii(word: &str) -> bool {
    LEADING_DROPS.iter().any(|drop| drop.eq_ignore_ascii_case(word))
        && (!word.eq_ignore_ascii_case("new") || word.starts_with(|c: char| c.is_ascii_lowercase()))
}

/// The words of `name` lowercased (curly apostrophes made straight) and
/// joined by single spaces, leading droppable words left out.
fn unicode_words_key(name: &str) -> String {
    let lower = name.to_lowercase();
    // `replace` copies even when there is nothing to replace.
    let lower = if lower.contains('’') { lower.replace('’', "'") } else { lower };
    // Lowercasing makes no separator and removes none, so the written
    // words pair up with the lowercase ones.
    let mut written = name.split(is_key_break).filter(|w| !w.is_empty());
    let mut key = String::with_capacity(lower.len());
    for word in lower.split(is_key_break).filter(|w| !w.is_empty()) {
        let as_written = written.next().unwrap_or(word);
        if key.is_empty() && droppable(word, as_written) {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

/// Whether a leading word is dropped from a name: "the", "a", "some";
/// "new" only as an adjective ("new documents"), not in "New York".
fn droppable(lower: &str, written: &str) -> bool {
    LEADING_DROPS.contains(&lower) && (lower != "new" || written.starts_with(char::is_lowercase))
}

/// The name as shown to users: the mention without leading articles.
pub fn display(name: &str) -> String {
    // An ASCII name is split and tested bytewise: splitting on Unicode
    // whitespace and lowercasing each leading word cost more than the rest.
    if name.is_ascii() {
        shown_words(name, ascii_pieces(name, is_ascii_space), is_droppable_ascii)
    } else {
        shown_words(name, name.split_whitespace(), |word| with_lowercase(word, |lower| droppable(lower, word)))
    }
}

/// `words` of `name` joined by single spaces, leading words that
/// `is_droppable` dropped (never the last word), and without trailing
/// commas.
pub(crate) fn shown_words<'n>(
    name: &str,
    words: impl Iterator<Item = &'n str>,
    is_droppable: impl Fn(&str) -> bool,
) -> String {
    let mut words = words.peekable();
    let mut shown = String::with_capacity(name.len());
    while let Some(word) = words.next() {
        // Leading articles go, but never the last word. Nothing kept yet
        // means still leading: every word kept is non-empty.
        let leading = shown.is_empty() && words.peek().is_some();
        if leading && is_droppable(word) {
            continue;
        }
        if !shown.is_empty() {
            shown.push(' ');
        }
        shown.push_str(word);
    }
    shown.truncate(shown.trim_end_matches(',').len());
    shown
}

/// The proper-name core of a mention: before its first comma, without
/// titles, so that "Serbia's President Aleksandar Vucic" and "Vucic"
/// share the surname "vucic".
pub fn surname(name: &str) -> Option<String> {
    if name.is_ascii() {
        return ascii_surname(words_from_end(before_first(name, b',')).next().unwrap_or(""));
    }
    surname_by_splitting(name)
}

/// `surname` of any text: split on Unicode whitespace and lowercased as
/// characters.
fn surname_by_splitting(name: &str) -> Option<String> {
    let core = name.split(',').next()?.trim();
    let last_word = core.split_whitespace().next_back()?;
    // Decided before copying anything: most names asked about are not
    // capitalised at the end ("the minister").
    if !last_word.chars().next()?.is_uppercase() {
        return None;
    }
    let last = trim_end_str(trim_end_str(last_word, "'s"), "’s").trim_end_matches(['\'', '’']).to_lowercase();
    (last.len() > 1).then_some(last)
}

/// `surname` of an ASCII name whose core's last word is `last_word` (""
/// for none), found and trimmed bytewise: decoding the name backwards
/// for Unicode whitespace and lowercasing it as characters cost more than
/// the surname table lookup it serves, for every new source.
pub(crate) fn ascii_surname(last_word: &str) -> Option<String> {
    if !last_word.as_bytes().first()?.is_ascii_uppercase() {
        return None;
    }
    let last = trim_end_str(last_word, "'s").trim_end_matches('\'');
    (last.len() > 1).then(|| last.to_ascii_lowercase())
}

/// The spelling-free core of a key: letters and digits only, so that
/// "Wiki Leaks", "Wiki-Leaks" and "WikiLeaks" meet.
pub fn compact(key: &str) -> String {
    if key.is_ascii() {
        // Bytewise, into a buffer sized once, without decoding characters
        // or pushing them one by one as `char`s.
        let mut squeezed = Vec::with_capacity(key.len());
        squeezed.extend(key.bytes().filter(u8::is_ascii_alphanumeric));
        return String::from_utf8(squeezed).unwrap_or_default();
    }
    key.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The host of a URL, lowercased and without `www.`; `None` for a
/// relative link ("/2025/05/story") or something that is not a URL.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://").map(|(_, r)| r).or_else(|| url.trim().strip_prefix("//"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// Alias table: every spelling's key → the canonical name's key; the
/// canonical names as configured; and web domains → outlet names
/// (`[sources.domains]`).
#[derive(Clone, Debug, Default)]
pub struct Aliases {
    to_canonical: BTreeMap<String, String>,
    /// Canonical key → the name as written in the config.
    names: BTreeMap<String, String>,
    /// Host ("coastalwire.example") → outlet name ("Coastal Wire").
    domains: BTreeMap<String, String>,
}

impl Aliases {
    pub fn add_table(&mut self, table: &BTreeMap<String, Vec<String>>) {
        for (canonical, others) in table {
            let key = normalise(canonical);
            for other in others {
                self.to_canonical.insert(normalise(other), key.clone());
            }
            self.to_canonical.insert(key.clone(), key.clone());
            self.names.insert(key, canonical.trim().to_string());
        }
    }

    /// Files the short name of an article's own outlet under the outlet:
    /// "the Echo" in a Midland Echo article, "the Gazette" in a Harbour
    /// Gazette one, as papers name themselves. An alias already configured
    /// for the short name wins.
    pub fn add_own_outlet(&mut self, outlet: &str) {
        let words: Vec<&str> = outlet.split_whitespace().collect();
        let [.., last] = words.as_slice() else { return };
        if words.len() < 2 || last.chars().count() < 3 || !last.starts_with(char::is_uppercase) {
            return;
        }
        let key = self.key(outlet);
        self.names.entry(key.clone()).or_insert_with(|| outlet.trim().to_string());
        self.to_canonical.entry(normalise(last)).or_insert(key);
    }

    /// Adds `[sources.domains]`: host → outlet name.
    pub fn add_domains(&mut self, domains: &BTreeMap<String, String>) {
        for (domain, outlet) in domains {
            let host = host_of(&format!("https://{}", domain.trim())).unwrap_or_else(|| domain.to_ascii_lowercase());
            self.domains.insert(host, outlet.clone());
        }
    }

    /// The key a mention should be filed under.
    pub fn key(&self, name: &str) -> String {
        let key = normalise(name);
        self.to_canonical.get(&key).cloned().unwrap_or(key)
    }

    /// The configured name of the source filed under `key`, if an alias
    /// table names it: "Coastal Wire", never the alias "the Wire".
    pub fn canonical_name(&self, key: &str) -> Option<&str> {
        self.names.get(key).map(String::as_str)
    }

    /// The outlet a URL belongs to by `[sources.domains]`, also for a
    /// subdomain ("news.coastalwire.example").
    pub fn outlet_for_host(&self, host: &str) -> Option<&str> {
        let mut candidate = host;
        loop {
            if let Some(name) = self.domains.get(candidate) {
                return Some(name);
            }
            candidate = candidate.split_once('.').map(|(_, rest)| rest).filter(|r| r.contains('.'))?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_articles_possessives_and_outlet_words() {
        assert_eq!(normalise("Covert Action magazine"), "covert action");
        assert_eq!(normalise("Covert Action Magazine"), "covert action");
        assert_eq!(normalise("The Guardian's"), "guardian");
        assert_eq!(normalise("the  Harbour   Gazette"), "harbour gazette");
        assert_eq!(normalise("The New York Times"), "new york times");
        assert_eq!(normalise("new documents"), "documents");
        assert_eq!(normalise("the Journal"), "journal");
    }

    #[test]
    fn ascii_keys_are_the_unicode_keys() {
        for name in [
            "The  New York Times",
            "new documents",
            "New Documents",
            "a,b , c",
            "\tSome\x0bTHE x",
            "",
            " , ",
            "NEW",
            "nEw x",
        ] {
            assert_eq!(ascii_words_key(name), unicode_words_key(name), "{name:?}");
        }
    }

    #[test]
    fn ascii_names_display_as_unicode_ones() {
        for name in ["The  New York Times", "the", "A B,", "new documents", "\tSome\x0bTHE x,,", "", " ", "nEw x"] {
            let unicode =
                shown_words(name, name.split_whitespace(), |w| with_lowercase(w, |lower| droppable(lower, w)));
            assert_eq!(display(name), unicode, "{name:?}");
        }
    }

    #[test]
    fn display_drops_articles() {
        assert_eq!(display("the US Ambassador to Italy"), "US Ambassador to Italy");
        assert_eq!(display("new documents leaked by Wikileaks"), "documents leaked by Wikileaks");
        assert_eq!(display("The"), "The");
        assert_eq!(display("The New York Times"), "New York Times");
    }

    #[test]
    fn surnames() {
        assert_eq!(surname("Serbia's President Aleksandar Vucic").as_deref(), Some("vucic"));
        assert_eq!(surname("William Burns, the now-CIA director").as_deref(), Some("burns"));
        assert_eq!(surname("the minister"), None);
    }

    #[test]
    fn aliases_map_spellings() {
        let mut aliases = Aliases::default();
        let mut table = BTreeMap::new();
        table.insert("WikiLeaks".to_string(), vec!["Wiki Leaks".to_string()]);
        aliases.add_table(&table);
        assert_eq!(aliases.key("wiki leaks"), "wikileaks");
        assert_eq!(aliases.key("Wikileaks"), "wikileaks");
        assert_eq!(aliases.canonical_name("wikileaks"), Some("WikiLeaks"));
        assert_eq!(aliases.canonical_name("wiki leaks"), None);
    }

    #[test]
    fn hosts_and_domains() {
        assert_eq!(host_of("https://www.CoastalWire.example/2025/x?y=1").as_deref(), Some("coastalwire.example"));
        assert_eq!(host_of("http://user@news.gazette.example:8080/").as_deref(), Some("news.gazette.example"));
        assert_eq!(host_of("/2025/05/old-mill-bridge"), None);
        assert_eq!(host_of("mailto:desk@gazette.example"), None);
        let mut aliases = Aliases::default();
        let mut domains = BTreeMap::new();
        domains.insert("www.coastalwire.example".to_string(), "Coastal Wire".to_string());
        aliases.add_domains(&domains);
        assert_eq!(aliases.outlet_for_host("coastalwire.example"), Some("Coastal Wire"));
        assert_eq!(aliases.outlet_for_host("news.coastalwire.example"), Some("Coastal Wire"));
        assert_eq!(aliases.outlet_for_host("example"), None);
        assert_eq!(aliases.outlet_for_host("gazette.example"), None);
    }

    #[test]
    fn compact_keys_ignore_spacing_and_hyphens() {
        assert_eq!(compact(&normalise("Wiki-Leaks")), compact(&normalise("WikiLeaks")));
        assert_eq!(compact(&normalise("U.S.")), "us");
    }

    #[test]
    fn ascii_surnames_agree_with_splitting() {
        for name in
            ["", " ", ",", "The , Smith", "Smith's's", "O'Neil'", "A'", "Ab,Cd", " Jan  Berg ,x", "x Y\t", "CNN's"]
        {
            assert_eq!(surname(name), surname_by_splitting(name), "{name:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 3000, ..Default::default() })]

        #[test]
        fn ascii_surnames_agree_with_splitting_on_any_text(name in "[AaBsS' ,\t\n\x0b.-]{0,16}") {
            proptest::prop_assert_eq!(surname(&name), surname_by_splitting(&name));
        }
    }
}
