//! Source identity: turning mentions ("Covert Action magazine", "the
//! Wikileaks cables", "Vucic") into one key per real source.

use std::collections::BTreeMap;

/// Words dropped from the front of a display name.
const LEADING_DROPS: &[&str] = &["the", "a", "an", "new", "certain", "some", "several"];

/// Words that say what kind of outlet a name is, not which one.
const OUTLET_WORDS: &[&str] = &["magazine", "newspaper", "news agency", "website", "journal", "daily", "weekly"];

/// The comparison key of a mention: lowercased, without "the", a
/// possessive, or words like "magazine"; whitespace folded.
pub fn normalise(name: &str) -> String {
    let lower = name.to_lowercase().replace('’', "'");
    let mut words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    while words.first().is_some_and(|w| LEADING_DROPS.contains(w)) {
        words.remove(0);
    }
    let mut key = words.join(" ");
    for outlet_word in OUTLET_WORDS {
        if let Some(stripped) = key.strip_suffix(outlet_word) {
            key = stripped.trim_end().to_string();
        }
    }
    if let Some(stripped) = key.strip_suffix("'s") {
        key = stripped.to_string();
    } else if let Some(stripped) = key.strip_suffix('\'') {
        key = stripped.to_string();
    }
    key.trim().to_string()
}

/// The name as shown to users: the mention without leading articles.
pub fn display(name: &str) -> String {
    let folded: Vec<&str> = name.split_whitespace().collect();
    let mut start = 0;
    while start + 1 < folded.len() && LEADING_DROPS.contains(&folded[start].to_lowercase().as_str()) {
        start += 1;
    }
    folded[start..].join(" ").trim_end_matches(',').to_string()
}

/// The proper-name core of a mention: before its first comma, without
/// titles, so that "Serbia's President Aleksandar Vucic" and "Vucic"
/// share the surname "vucic".
pub fn surname(name: &str) -> Option<String> {
    let core = name.split(',').next()?.trim();
    let last = core.split_whitespace().last()?;
    let last = last.trim_end_matches("'s").trim_end_matches("’s").trim_end_matches(['\'', '’']).to_lowercase();
    let capitalised = core.split_whitespace().last()?.chars().next()?.is_uppercase();
    (capitalised && last.len() > 1).then_some(last)
}

/// Alias table: every spelling's key → the canonical name's key.
#[derive(Clone, Debug, Default)]
pub struct Aliases {
    to_canonical: BTreeMap<String, String>,
}

impl Aliases {
    pub fn add_table(&mut self, table: &BTreeMap<String, Vec<String>>) {
        for (canonical, others) in table {
            let key = normalise(canonical);
            for other in others {
                self.to_canonical.insert(normalise(other), key.clone());
            }
            self.to_canonical.insert(key.clone(), key);
        }
    }

    /// The key a mention should be filed under.
    pub fn key(&self, name: &str) -> String {
        let key = normalise(name);
        self.to_canonical.get(&key).cloned().unwrap_or(key)
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
    }

    #[test]
    fn display_drops_articles() {
        assert_eq!(display("the US Ambassador to Italy"), "US Ambassador to Italy");
        assert_eq!(display("new documents leaked by Wikileaks"), "documents leaked by Wikileaks");
        assert_eq!(display("The"), "The");
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
    }
}
