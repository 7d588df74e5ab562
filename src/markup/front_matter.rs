//! TOML front matter between `+++` lines at the top of a Markdown article.

use std::collections::BTreeMap;

use serde::Deserialize;

/// What an article says about itself.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    /// The publication this article belongs to.
    pub outlet: Option<String>,
    pub date: Option<toml::Value>,
    pub url: Option<String>,
    #[serde(default)]
    pub author: Option<toml::Value>,
    #[serde(default)]
    pub sources: FrontMatterSources,
    #[serde(skip)]
    pub aliases: BTreeMap<String, Vec<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatterSources {
    /// Canonical name → other spellings, the same shape as in `whosaid.toml`.
    #[serde(default)]
    pub aliases: BTreeMap<String, Vec<String>>,
}

/// A front matter block that is not valid TOML or has unknown keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatterError {
    /// Byte offset in the article.
    pub offset: usize,
    pub message: String,
}

/// Parses the TOML between the fences; `body_offset` is where it starts in
/// the article, so error positions point into the article.
pub fn parse_front_matter(body: &str, body_offset: usize) -> Result<FrontMatter, FrontMatterError> {
    match toml::from_str::<FrontMatter>(body) {
        Ok(mut front) => {
            front.aliases = std::mem::take(&mut front.sources.aliases);
            Ok(front)
        }
        Err(err) => Err(FrontMatterError {
            offset: body_offset + err.span().map_or(0, |s| s.start),
            message: format!("invalid front matter: {}", err.message()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_outlet_and_aliases() {
        let fm = parse_front_matter(
            "title = \"T\"\noutlet = \"Harbour Gazette\"\n[sources.aliases]\n\"WikiLeaks\" = [\"Wikileaks\"]\n",
            4,
        )
        .unwrap();
        assert_eq!(fm.outlet.as_deref(), Some("Harbour Gazette"));
        assert_eq!(fm.aliases["WikiLeaks"], vec!["Wikileaks".to_string()]);
    }

    #[test]
    fn bad_key_is_located() {
        let err = parse_front_matter("titel = \"T\"\n", 4).unwrap_err();
        assert_eq!(err.offset, 4);
        assert!(err.message.contains("titel"), "{}", err.message);
    }
}
