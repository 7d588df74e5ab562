//! Stage 4: attributions → source graph.
//!
//! Every source mention is filed under one node per real source (names
//! normalised, aliases applied, surnames and descriptions matched to
//! earlier mentions, pronouns resolved to the nearest compatible source).
//! Each attribution then gets its chain: the sources from the first one
//! the article cites down to the origin, following `parent` links.

pub mod identity;

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::attributions::Attribution;
use crate::attributions::words::is_vague_head;
use crate::lexicon::Lexicon;
use crate::span::Span;
use identity::{Aliases, display, surname};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    Person,
    Organisation,
    Document,
    Anonymous,
    Vague,
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceNode {
    pub id: usize,
    /// Display name: the fullest mention in the article.
    pub name: String,
    #[serde(skip)]
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

/// How a source mention refers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mention {
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

fn classify_mention(text: &str) -> Mention {
    let words: Vec<&str> = text.split_whitespace().collect();
    let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    if words.len() == 1 {
        match first.as_str() {
            "he" | "she" | "they" | "it" | "him" | "them" | "her" => return Mention::Pronoun,
            "i" | "we" | "you" | "us" | "me" => return Mention::FirstPerson,
            "who" | "which" | "that" => return Mention::Relative,
            _ => {}
        }
    }
    let definite =
        matches!(first.as_str(), "the" | "this" | "that" | "these" | "those" | "his" | "her" | "its" | "their")
            || first.ends_with("'s")
            || first.ends_with("’s");
    let head_lower = words.last().is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase));
    let caps_after_first = words.iter().skip(1).filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    if definite && head_lower && caps_after_first <= 1 && words.len() <= 5 {
        Mention::Description
    } else {
        Mention::Named
    }
}

/// Words that mark an organisation rather than a person.
fn is_organisation(text: &str) -> bool {
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
    ];
    text.split(|c: char| !c.is_alphanumeric()).any(|w| ORG_WORDS.contains(&w.to_lowercase().as_str()))
        || text.split_whitespace().any(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()))
}

fn kind_of(text: &str, lexicon: &Lexicon) -> SourceKind {
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).collect();
    let phrase_hit =
        |index: &crate::lexicon::PhraseIndex<()>| (0..words.len()).any(|i| index.longest_at(&words[i..]).is_some());
    if phrase_hit(&lexicon.anonymous) {
        return SourceKind::Anonymous;
    }
    let has_name = text.split_whitespace().skip(1).any(|w| w.chars().next().is_some_and(char::is_uppercase));
    if !has_name && words.iter().any(|w| is_vague_head(w)) {
        return SourceKind::Vague;
    }
    if words.iter().take(4).any(|w| lexicon.document_nouns.contains(*w)) {
        return SourceKind::Document;
    }
    if is_organisation(text) {
        return SourceKind::Organisation;
    }
    if text.chars().next().is_some_and(char::is_uppercase) || has_name {
        SourceKind::Person
    } else {
        SourceKind::Unknown
    }
}

/// Heads of descriptions that stand for a person named earlier:
/// "the minister", "Serbia's leader" (compared without a plural "s").
fn is_role_noun(head: &str) -> bool {
    matches!(
        head,
        "leader"
            | "minister"
            | "president"
            | "official"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "advisor"
            | "adviser"
            | "ambassador"
            | "director"
            | "chief"
            | "head"
            | "secretary"
            | "mayor"
            | "governor"
            | "senator"
            | "candidate"
            | "nominee"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "ceo"
            | "founder"
            | "lawyer"
            | "attorney"
            | "judge"
            | "author"
            | "reporter"
            | "writer"
            | "diplomat"
            | "envoy"
            | "general"
            | "commander"
            | "officer"
            | "engineer"
            | "expert"
            | "analyst"
            | "economist"
            | "professor"
            | "researcher"
            | "prime"
            | "premier"
            | "chancellor"
            | "king"
            | "queen"
            | "prince"
            | "pope"
            | "patriarch"
            | "dissident"
            | "man"
            | "woman"
            | "politician"
            | "lawmaker"
            | "congressman"
            | "congresswoman"
            | "representative"
            | "manager"
            | "owner"
            | "executive"
            | "member"
            | "narrator"
            | "host"
            | "activist"
            | "businessman"
    )
}

/// Capitalised names ("Jane Doe", "Acme Corp") in running text, used as
/// antecedents for pronouns when no source came before.
static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[A-Z][a-z'’-]+(?: +(?:[A-Z]\.|[A-Z][A-Za-z'’-]+))+").expect("name pattern compiles")
});

struct Builder<'a> {
    text: &'a str,
    lexicon: &'a Lexicon,
    aliases: &'a Aliases,
    graph: SourceGraph,
    /// (node, offset) of every resolved mention, in text order.
    recent: Vec<(usize, usize)>,
}

impl Builder<'_> {
    fn add_node(&mut self, name: &str, span: Span) -> usize {
        let key = self.aliases.key(name);
        if let Some(id) = self.graph.node_by_key(&key) {
            self.note_mention(id, name, span);
            return id;
        }
        let id = self.graph.nodes.len();
        self.graph.nodes.push(SourceNode {
            id,
            name: display(name),
            key,
            kind: kind_of(name, self.lexicon),
            mentions: vec![span],
        });
        id
    }

    fn note_mention(&mut self, id: usize, name: &str, span: Span) {
        let node = &mut self.graph.nodes[id];
        if !node.mentions.contains(&span) {
            node.mentions.push(span);
        }
        let shown = display(name);
        if shown.len() > node.name.len() {
            node.name = shown;
        }
    }

    /// The most recent node before `offset` that satisfies `fits`.
    fn nearest(&self, offset: usize, fits: impl Fn(&SourceNode) -> bool) -> Option<usize> {
        self.recent.iter().rev().filter(|(_, at)| *at < offset).map(|(n, _)| *n).find(|&n| fits(&self.graph.nodes[n]))
    }

    /// A capitalised name in the text before `offset`, as a new or known node.
    fn name_in_text_before(&mut self, offset: usize, from: usize) -> Option<usize> {
        let m = NAME.find_iter(&self.text[from..offset]).last()?;
        let span = Span::new(from + m.start(), from + m.end());
        Some(self.named(m.as_str(), span))
    }

    /// A named mention: by key, then by surname, else a new node.
    fn named(&mut self, text: &str, span: Span) -> usize {
        let key = self.aliases.key(text);
        if let Some(id) = self.graph.node_by_key(&key) {
            self.note_mention(id, text, span);
            return id;
        }
        let short = text.split_whitespace().filter(|w| !w.ends_with('.')).count() <= 1;
        if short && let Some(last) = surname(text) {
            let earlier = self
                .graph
                .nodes
                .iter()
                .position(|n| n.kind == SourceKind::Person && surname(&n.name).as_deref() == Some(&last));
            if let Some(id) = earlier {
                self.graph.nodes[id].mentions.push(span);
                return id;
            }
        }
        self.add_node(text, span)
    }

    /// Resolves one attribution's source mention.
    fn resolve(&mut self, a: &Attribution, parent_node: Option<usize>) -> (Option<usize>, bool) {
        let Some(span) = a.source else { return (None, false) };
        let text = span.of(self.text);
        let lower = text.to_lowercase();
        match classify_mention(text) {
            Mention::Named => (Some(self.named(text, span)), false),
            Mention::Pronoun => {
                let want_org = lower == "it";
                let want_person = matches!(lower.as_str(), "he" | "she" | "him" | "her");
                let found = self
                    .nearest(span.start, |n| {
                        if want_org {
                            matches!(n.kind, SourceKind::Organisation | SourceKind::Document)
                        } else if want_person {
                            matches!(n.kind, SourceKind::Person | SourceKind::Anonymous | SourceKind::Unknown)
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
            Mention::Description => {
                let head = lower.split_whitespace().last().unwrap_or("").trim_end_matches('s').to_string();
                let is_document = self.lexicon.document_nouns.contains(lower.split_whitespace().last().unwrap_or(""));
                let by_head =
                    self.nearest(span.start, |n| n.key.split_whitespace().any(|w| w.trim_end_matches('s') == head));
                let role = is_role_noun(&head);
                let by_kind = by_head.or_else(|| {
                    self.nearest(span.start, |n| {
                        if is_document {
                            n.kind == SourceKind::Document
                        } else {
                            role && matches!(n.kind, SourceKind::Person | SourceKind::Unknown)
                        }
                    })
                });
                // "her chief of staff": the possessive points to someone
                // named earlier, and the description names a new source.
                let possessive = matches!(lower.split_whitespace().next(), Some("his" | "her" | "its" | "their"));
                if by_kind.is_none() && possessive {
                    let anchored =
                        self.nearest(span.start, |_| true).is_some() || NAME.is_match(&self.text[..span.start]);
                    return (Some(self.add_node(text, span)), !anchored);
                }
                match by_kind {
                    Some(id) => {
                        self.note_mention(id, "", span);
                        (Some(id), false)
                    }
                    // Something earlier names what the description points to.
                    None if !head.is_empty() && self.text[..span.start].to_lowercase().contains(&head) => {
                        (Some(self.add_node(text, span)), false)
                    }
                    None => (Some(self.add_node(text, span)), true),
                }
            }
        }
    }

    fn mention_of(&mut self, found: Option<usize>, span: Span) -> (Option<usize>, bool) {
        match found {
            Some(id) => {
                let node = &mut self.graph.nodes[id];
                if !node.mentions.contains(&span) {
                    node.mentions.push(span);
                }
                (Some(id), false)
            }
            None => (None, true),
        }
    }
}

/// Builds the source graph of one article.
pub fn build(text: &str, attributions: &[Attribution], lexicon: &Lexicon, aliases: &Aliases) -> SourceGraph {
    let mut b = Builder { text, lexicon, aliases, graph: SourceGraph::default(), recent: Vec::new() };
    let n = attributions.len();
    b.graph.source_of = vec![None; n];
    b.graph.unresolved = vec![false; n];
    // Resolve in text order of the source mentions so that "nearest
    // earlier" means earlier in the article.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| attributions[i].source.map_or(attributions[i].cue.start, |s| s.start));
    for i in order {
        let a = &attributions[i];
        let parent_node = a.parent.and_then(|p| b.graph.source_of.get(p).copied().flatten());
        let (node, unresolved) = b.resolve(a, parent_node);
        b.graph.source_of[i] = node;
        b.graph.unresolved[i] = unresolved;
        if let (Some(node), Some(span)) = (node, a.source) {
            b.recent.push((node, span.start));
        }
    }
    b.graph.chains = (0..n).map(|i| chain(attributions, &b.graph.source_of, i)).collect();
    b.graph
}

/// Node ids from the outermost relay down to attribution `i`'s source.
/// Repeats of the same node in a row ("Smith said that he believes")
/// collapse into one hop.
fn chain(attributions: &[Attribution], source_of: &[Option<usize>], i: usize) -> Vec<usize> {
    let mut nodes = Vec::new();
    let mut cur = Some(i);
    let mut steps = 0;
    while let Some(k) = cur {
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

    fn graph_of(text: &str) -> (String, Vec<Attribution>, SourceGraph) {
        let lex = Lexicon::builtin();
        let src = format!("Title\n{text}");
        let article = parse(&src, Format::Text, &lex);
        let sentences = split(&article, &lex);
        let attrs = extract(&article, &sentences, &lex);
        let graph = build(&article.prose, &attrs, &lex, &Aliases::default());
        (src, attrs, graph)
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
    fn kinds() {
        let lex = Lexicon::builtin();
        assert_eq!(kind_of("people familiar with the matter", &lex), SourceKind::Anonymous);
        assert_eq!(kind_of("experts", &lex), SourceKind::Vague);
        assert_eq!(kind_of("The cables written by the ambassador", &lex), SourceKind::Document);
        assert_eq!(kind_of("Coastal Wire", &lex), SourceKind::Organisation);
        assert_eq!(kind_of("Jane Okafor", &lex), SourceKind::Person);
    }
}
