//! Relays the extractor leaves flat, added as a post-pass over its
//! attributions so that chains reach the origin:
//!
//! - "The Gazette's report, which cited the port director, said …" and
//!   "According to the Gazette, which cited the port director, …": the
//!   Gazette relays the port director.
//! - "…, the Wire reported, citing the ferry company.": the content is the
//!   clause before the outlet, for both the outlet and the company.
//! - "In other cable leaks, the ambassador mentions that …": the leaked
//!   cables relay the ambassador.
//! - Links: a linked phrase in a sentence with no attribution cites the
//!   link's outlet (`[sources.domains]`, the article's own site for a
//!   relative link, else the bare domain); a link on a source mention
//!   names that source by its domain's outlet.
//!
//! A relay whose content is its parent's content ("X, citing Y,
//! reported") makes the parent's chain run through it; `graph::build`
//! reads it that way.

use crate::attributions::Attribution;
use crate::bytescan::{find_first, splat, zero_bytes};
use crate::graph::folded::with_ascii_lowercase;
use crate::graph::identity::{Aliases, host_of};
use crate::graph::kinds::kind_of;
use crate::graph::{SourceKind, looks_like_outlet};
use crate::lexicon::{CueKind, Lexicon};
use crate::markup::{Article, trim_span};
use crate::sentences::Sentence;
use crate::span::Span;

/// Nouns of records that carry other people's words: "in the cables, X
/// said" is X through the cables. A statement, letter or interview is the
/// speaker's own and stays out.
const RELAYING_RECORDS: &[&str] = &[
    "cable",
    "cables",
    "leak",
    "leaks",
    "document",
    "documents",
    "file",
    "files",
    "transcript",
    "transcripts",
    "minutes",
    "records",
    "dossier",
    "papers",
];

/// Applies every relay pattern to `attrs` (ids stay their indices);
/// returns, per attribution, the source name set by configuration.
pub fn apply(
    article: &Article,
    sentences: &[Sentence],
    attrs: &mut Vec<Attribution>,
    lexicon: &Lexicon,
    aliases: &Aliases,
) -> Vec<Option<String>> {
    let text = &article.prose;
    split_which_cited(text, attrs);
    according_which_cited(text, attrs);
    cited_after_citing(text, sentences, attrs);
    move_content_before_citing(text, sentences, attrs);
    move_content_before_adverbial(text, sentences, attrs);
    for (index, sentence) in sentences.iter().enumerate() {
        record_frame(text, index, sentence, attrs);
    }
    let mut named = vec![None; attrs.len()];
    links(article, sentences, attrs, lexicon, aliases, &mut named);
    named.resize(attrs.len(), None);
    named
}

fn new_relay(sentence: usize, id: usize, cue: Span, source: Span, content: Vec<Span>) -> Attribution {
    Attribution {
        id,
        sentence,
        cue,
        kind: CueKind::According,
        source: Some(source),
        audience: None,
        content,
        parent: None,
    }
}

/// Makes `existing` (a cue the extractor already found on the relay's verb)
/// or a new attribution the relay: `source` said `content` through `cue`,
/// hanging below `parent`. Returns its id.
fn set_relay(
    attrs: &mut Vec<Attribution>,
    existing: Option<usize>,
    sentence: usize,
    cue: Span,
    source: Span,
    content: Vec<Span>,
    parent: Option<usize>,
) -> usize {
    let id = existing.unwrap_or_else(|| {
        attrs.push(new_relay(sentence, attrs.len(), cue, source, Vec::new()));
        attrs.len() - 1
    });
    let relay = &mut attrs[id];
    relay.cue = cue;
    relay.source = Some(source);
    relay.kind = CueKind::According;
    relay.content = content;
    relay.parent = parent;
    relay.audience = None;
    id
}

/// Where ", which cited Y" (or "who quoted", "citing") starts inside a
/// source mention: (end of the relay's own name, verb span, cited span).
fn citation_inside(text: &str, source: Span) -> Option<(usize, Span, Span)> {
    let mention = source.of(text).as_bytes();
    let (at, marker) = first_citation_marker(mention)?;
    let verb = marker.split_whitespace().last()?;
    let verb_from = at + marker.trim_end().rfind(verb)?;
    let verb_to = verb_from + verb.len();
    let cited_from = at + marker.len();
    let cited_to = mention[cited_from..].iter().position(|&b| b == b',').map_or(mention.len(), |k| cited_from + k);
    let base = source.start;
    let cited = trim_span(text, Span::new(base + cited_from, base + cited_to));
    (!cited.is_empty()).then_some((base + at, Span::new(base + verb_from, base + verb_to), cited))
}

/// The first citation marker in `mention` (up to ASCII case) and where it
/// starts. Every marker opens with ", ", so only the commas are tried,
/// found eight bytes at a time: a search of a lowercased copy for each
/// of the seven markers cost more than the rest of the relay patterns.
/// No marker is a prefix of another, so at most one matches at a comma.
fn first_citation_marker(mention: &[u8]) -> Option<(usize, &'static str)> {
    const MARKERS: &[&str] = &[
        ", which cited ",
        ", which quoted ",
        ", who cited ",
        ", who quoted ",
        ", that cited ",
        ", citing ",
        ", quoting ",
    ];
    let commas = |word: u64| zero_bytes(word ^ splat(b','));
    let mut from = 0;
    loop {
        let comma = find_first(mention, from, commas, |b| b == b',')?;
        let opens = |marker: &&str| {
            mention.get(comma..comma + marker.len()).is_some_and(|m| m.eq_ignore_ascii_case(marker.as_bytes()))
        };
        if let Some(marker) = MARKERS.iter().copied().find(opens) {
            return Some((comma, marker));
        }
        from = comma + 1;
    }
}

/// "The Gazette's report, which cited the port director, said …": the
/// subject is the Gazette's report, relaying the port director. A cue the
/// extractor found inside the subject ("report") is part of the name, and
/// goes.
fn split_which_cited(text: &str, attrs: &mut Vec<Attribution>) {
    let mut dropped = Vec::new();
    for m in 0..attrs.len() {
        let Some(source) = attrs[m].source else { continue };
        let Some((name_end, verb, cited)) = citation_inside(text, source) else { continue };
        let subject = trim_span(text, Span::new(source.start, name_end));
        attrs[m].source = Some(subject);
        let content = attrs[m].content.clone();
        let existing = (0..attrs.len()).find(|&w| w != m && attrs[w].cue.overlaps(verb));
        let w = set_relay(attrs, existing, attrs[m].sentence, verb, cited, content, Some(m));
        let inside_subject: Vec<usize> =
            (0..attrs.len()).filter(|&i| i != m && i != w && subject.contains(attrs[i].cue)).collect();
        // M hangs where it hung before the relay and the subject's cues did.
        let mut parent = attrs[m].parent;
        while let Some(p) = parent.filter(|p| *p == w || inside_subject.contains(p)) {
            parent = attrs[p].parent.filter(|&q| q != m);
        }
        attrs[m].parent = parent;
        dropped.extend(inside_subject);
    }
    remove(attrs, &dropped);
}

/// "According to the Gazette, which cited the port director, the channel
/// is too shallow": the aside opens the according cue's content. The
/// content starts after it, and the "cited" attribution (whose source the
/// extractor took to be "which") becomes the director's, below the
/// Gazette's.
fn according_which_cited(text: &str, attrs: &mut Vec<Attribution>) {
    for m in 0..attrs.len() {
        let (Some(source), Some(first), Some(last)) =
            (attrs[m].source, attrs[m].content.first().copied(), attrs[m].content.last().copied())
        else {
            continue;
        };
        if attrs[m].kind != CueKind::According || first.start < source.end {
            continue;
        }
        let Some((name_end, verb, cited)) = citation_inside(text, Span::new(source.start, last.end)) else { continue };
        // The aside must sit between the source and its words.
        let after_aside = text[cited.end..last.end].find(',').map(|k| cited.end + k + 1);
        let Some(words_start) = after_aside.filter(|_| name_end == source.end && cited.end < last.end) else {
            continue;
        };
        let said = trim_span(text, Span::new(words_start, last.end));
        if said.is_empty() {
            continue;
        }
        attrs[m].content = vec![said];
        let sentence = attrs[m].sentence;
        let existing =
            (0..attrs.len()).find(|&w| attrs[w].sentence == sentence && w != m && attrs[w].cue.overlaps(verb));
        set_relay(attrs, existing, sentence, verb, cited, vec![said], Some(m));
    }
}

/// Removes attributions, keeping ids equal to indices and re-hanging the
/// children of a removed one on its parent.
fn remove(attrs: &mut Vec<Attribution>, gone: &[usize]) {
    if gone.is_empty() {
        return;
    }
    let parents: Vec<Option<usize>> = attrs.iter().map(|a| a.parent).collect();
    let surviving_parent = |mut p: Option<usize>| {
        for _ in 0..parents.len() {
            match p {
                Some(q) if gone.contains(&q) => p = parents[q],
                _ => break,
            }
        }
        p.filter(|q| !gone.contains(q))
    };
    let mut new_id = vec![None; attrs.len()];
    let mut next = 0;
    for (i, slot) in new_id.iter_mut().enumerate() {
        if !gone.contains(&i) {
            *slot = Some(next);
            next += 1;
        }
    }
    let old = std::mem::take(attrs);
    for (i, mut a) in old.into_iter().enumerate() {
        let Some(id) = new_id[i] else { continue };
        a.id = id;
        a.parent = surviving_parent(a.parent).and_then(|p| new_id[p]);
        attrs.push(a);
    }
}

/// "…, the Wire reported, citing the company.": the source of "citing" is
/// what it cites, not the subject it shares with "reported" (the
/// extractor gives gerunds after a comma the subject before them).
fn cited_after_citing(text: &str, sentences: &[Sentence], attrs: &mut [Attribution]) {
    for a in attrs.iter_mut() {
        let cue = a.cue.of(text);
        if !(starts_with_ignoring_case(cue, "citing") || starts_with_ignoring_case(cue, "quoting"))
            || a.source.is_some_and(|s| s.start >= a.cue.end)
        {
            continue;
        }
        let sentence = sentences[a.sentence].span;
        let rest = &text[a.cue.end..sentence.end];
        let end = rest.find([',', ';', '.', '—', '(']).unwrap_or(rest.len());
        let cited = trim_span(text, Span::new(a.cue.end, a.cue.end + end));
        if !cited.is_empty() && cited.of(text).split_whitespace().count() <= 12 {
            a.source = Some(cited);
        }
    }
}

/// Whether `text` starts with `prefix` (ASCII lowercase) in any ASCII case.
fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.as_bytes().get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// "…, the Wire reported, citing the company.": the extractor takes the
/// citing clause as the report's content; the claim is the clause before
/// the outlet.
fn move_content_before_citing(text: &str, sentences: &[Sentence], attrs: &mut [Attribution]) {
    // Parents do not change here; an index of children spares a scan of
    // every attribution for each one.
    let children = super::children_of(attrs);
    for m in 0..attrs.len() {
        let Some(source) = attrs[m].source else { continue };
        let [piece] = attrs[m].content[..] else { continue };
        let citing = children[m].iter().copied().find(|&w| {
            let cue = attrs[w].cue.of(text);
            attrs[w].parent == Some(m)
                && attrs[w].cue.start == piece.start
                && attrs[w].kind == CueKind::According
                && (starts_with_ignoring_case(cue, "citing") || starts_with_ignoring_case(cue, "quoting"))
        });
        let Some(w) = citing else { continue };
        let sentence = sentences[attrs[m].sentence].span;
        let before = text[sentence.start..source.start.min(attrs[m].cue.start)].trim_end();
        let Some(clause) = before.strip_suffix(',') else { continue };
        let claim = trim_span(text, Span::new(sentence.start, sentence.start + clause.len()));
        if claim.is_empty() {
            continue;
        }
        attrs[m].content = vec![claim];
        attrs[w].content = vec![claim];
    }
}

/// Whether a few words after a cue only say when: "on Tuesday", "last
/// week", "earlier this month".
fn is_time_adverbial(words: &str) -> bool {
    const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    // Words that can both open the phrase and say when.
    const WHEN: &[&str] = &["yesterday", "today", "tonight", "overnight", "recently", "earlier", "later"];
    const OPENERS: &[&str] = &["on", "last", "this", "late", "in"];
    const TIMES: &[&str] = &[
        "week",
        "month",
        "year",
        "morning",
        "afternoon",
        "evening",
        "night",
        "weekend",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let any_of = |word: &str, lists: &[&[&str]]| {
        with_ascii_lowercase(word, |lower| lists.iter().any(|list| list.contains(&lower)))
    };
    // Five words are enough to know: the content of a cue can be a whole
    // (force-cut) sentence, and lowercasing all its words for every cue
    // of the sentence made a long one quadratic. They are kept in place
    // and lowercased on the stack: this runs for most cues.
    let mut first_words = [""; 5];
    let mut count = 0;
    for (slot, word) in
        first_words.iter_mut().zip(words.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()))
    {
        *slot = word;
        count += 1;
    }
    let first_words = &first_words[..count];
    (1..=4).contains(&count)
        && any_of(first_words[0], &[OPENERS, WEEKDAYS, WHEN])
        && first_words.iter().any(|w| any_of(w, &[TIMES, WEEKDAYS, WHEN]))
}

/// "The mill will close, the Times reported on Tuesday.": the extractor
/// takes "on Tuesday" as what was reported; the claim is the clause
/// before the outlet.
fn move_content_before_adverbial(text: &str, sentences: &[Sentence], attrs: &mut [Attribution]) {
    for a in attrs.iter_mut() {
        let Some(source) = a.source else { continue };
        let [piece] = a.content[..] else { continue };
        if source.start > a.cue.start || piece.start < a.cue.end || !is_time_adverbial(piece.of(text)) {
            continue;
        }
        let sentence = sentences[a.sentence].span;
        let before = text[sentence.start..source.start].trim_end();
        let Some(clause) = before.strip_suffix(',') else { continue };
        let claim = trim_span(text, Span::new(sentence.start, sentence.start + clause.len()));
        if !claim.is_empty() {
            a.content = vec![claim];
        }
    }
}

/// The record named by an opening "In …," phrase, when it carries other
/// people's words: (cue span of "In", record span, end of the phrase).
fn opening_record(text: &str, sentence: Span) -> Option<(Span, Span, usize)> {
    let s = sentence.of(text);
    let lead = s.len() - s.trim_start().len();
    let body = &s[lead..];
    if !body.starts_with("In ") {
        return None;
    }
    let comma = body.find(',')?;
    let phrase = &body[3..comma];
    if phrase.split_whitespace().count() > 12 {
        return None;
    }
    let relays = phrase
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| RELAYING_RECORDS.contains(&w.to_ascii_lowercase().as_str()));
    if !relays {
        return None;
    }
    let start = sentence.start + lead;
    let record = trim_span(text, Span::new(start + 3, start + comma));
    Some((Span::new(start, start + 2), record, start + comma + 1))
}

/// "In other cable leaks, the ambassador mentions that …": the record
/// becomes the relay above the speaker.
fn record_frame(text: &str, index: usize, sentence: &Sentence, attrs: &mut Vec<Attribution>) {
    let Some((cue, record, after)) = opening_record(text, sentence.span) else { return };
    let own: Vec<usize> = (0..attrs.len()).filter(|&i| attrs[i].sentence == index).collect();
    // The speaker after the phrase, unless a speaker after the phrase
    // already relays it.
    let outer = |p: Option<usize>| p.is_none_or(|p| attrs[p].cue.start < after);
    let Some(&main) = own.iter().find(|&&i| {
        attrs[i].cue.start >= after && attrs[i].source.is_some_and(|s| s.start >= after) && outer(attrs[i].parent)
    }) else {
        return;
    };
    let rest = trim_span(text, Span::new(after, sentence.span.end));
    // The extractor may have read a word of the phrase as a cue ("leaks");
    // that attribution becomes the frame.
    let existing = own.iter().copied().find(|&i| record.cover(cue).contains(attrs[i].cue));
    let frame = set_relay(attrs, existing, index, cue, record, vec![rest], None);
    attrs[main].parent = Some(frame);
    for &i in &own {
        if i != frame && i != main && attrs[i].parent == Some(frame) && !rest.contains(attrs[i].cue) {
            attrs[i].parent = None;
        }
    }
}

/// The outlet a link cites: by `[sources.domains]`, the article's own
/// outlet for a relative link or its own site, else the bare domain.
/// `mapped` says whether configuration named it.
fn link_outlet(url: &str, article: &Article, aliases: &Aliases) -> Option<(String, bool)> {
    let own_host = article.front.url.as_deref().and_then(host_of);
    match host_of(url) {
        Some(host) => {
            if let Some(name) = aliases.outlet_for_host(&host) {
                Some((name.to_string(), true))
            } else if own_host.as_deref() == Some(host.as_str()) {
                article.outlet().map(|o| (o.to_string(), true))
            } else {
                Some((host, false))
            }
        }
        None => {
            let relative = url.starts_with('/') || url.starts_with("./") || url.starts_with("../");
            relative.then(|| article.outlet().map(|o| (o.to_string(), true))).flatten()
        }
    }
}

fn links(
    article: &Article,
    sentences: &[Sentence],
    attrs: &mut Vec<Attribution>,
    lexicon: &Lexicon,
    aliases: &Aliases,
    named: &mut Vec<Option<String>>,
) {
    let text = &article.prose;
    for link in &article.links {
        let Some((outlet, mapped)) = link_outlet(&link.url, article, aliases) else { continue };
        let Some(index) = sentences.iter().position(|s| s.span.contains(link.text)) else { continue };
        let own: Vec<usize> = (0..attrs.len()).filter(|&i| attrs[i].sentence == index).collect();
        // "[The Gazette](…) reported": the link says which outlet the
        // mention is. A linked person's name stays the person.
        if let Some(&i) = own.iter().find(|&&i| attrs[i].source.is_some_and(|s| s.overlaps(link.text))) {
            let mention = attrs[i].source.map(|s| s.of(text)).unwrap_or_default();
            let person = kind_of(mention, lexicon) == SourceKind::Person && !looks_like_outlet(mention);
            if mapped && !person {
                named.resize(attrs.len(), None);
                named[i] = Some(outlet);
            }
            continue;
        }
        if !own.is_empty() || link.text.is_empty() {
            // The link is a cue's venue or evidence inside someone's
            // words; the attribution already there speaks for the claim.
            continue;
        }
        let claim = trim_span(text, sentences[index].span);
        let id = attrs.len();
        attrs.push(new_relay(index, id, link.text, link.text, vec![claim]));
        named.resize(attrs.len(), None);
        named[id] = Some(outlet);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attributions::extract;
    use crate::graph::build_with;
    use crate::markup::{Format, parse};
    use crate::sentences::split;

    /// The chain names of each sentence's attributions after the relays.
    fn chains(src: &str, format: Format, aliases: &Aliases) -> Vec<Vec<String>> {
        let lex = Lexicon::builtin();
        let article = parse(src, format, &lex);
        let sentences = split(&article, &lex);
        let mut attrs = extract(&article, &sentences, &lex);
        let named = apply(&article, &sentences, &mut attrs, &lex, aliases);
        for (i, a) in attrs.iter().enumerate() {
            assert_eq!(a.id, i, "ids are indices");
            let mut p = a.parent;
            for _ in 0..=attrs.len() {
                p = p.and_then(|q| attrs[q].parent);
            }
            assert_eq!(p, None, "parents of {i} loop: {attrs:?}");
        }
        let graph = build_with(&article.prose, &attrs, &lex, aliases, &named);
        (0..attrs.len()).map(|i| graph.chain_names(i)).collect()
    }

    fn text_chains(body: &str) -> Vec<Vec<String>> {
        chains(&format!("Title\n{body}\n"), Format::Text, &Aliases::default())
    }

    fn has(chains: &[Vec<String>], want: &[&str]) -> bool {
        chains.iter().any(|c| c.iter().map(String::as_str).eq(want.iter().copied()))
    }

    #[test]
    fn according_to_x_which_cited_y_makes_x_relay_y() {
        let c =
            text_chains("According to the Coastal Wire, which cited two harbour pilots, the pier will close in May.");
        assert!(has(&c, &["Coastal Wire", "two harbour pilots"]), "{c:?}");
        assert!(!c.iter().flatten().any(|n| n.contains("which")), "{c:?}");
    }

    #[test]
    fn citation_markers_are_found_as_a_search_of_each_would_find_them() {
        let markers = [", which cited ", ", who QUOTED ", ", citing ", ", quoting ", ", that cited "];
        for mention in [
            "the Wire, citing officials",
            "the Wire , which cited, the Post, Who Quoted the mayor",
            "a long mention, with, commas, and then, That Cited the report",
            "no marker here, none, at all",
            "ends in a comma,",
            "Café, citing",
            "Café, citing x",
        ] {
            let lower = mention.to_ascii_lowercase();
            let expected = markers
                .iter()
                .filter_map(|m| lower.find(&m.to_ascii_lowercase()).map(|i| (i, m.len())))
                .min_by_key(|&(i, _)| i);
            let found = first_citation_marker(mention.as_bytes()).map(|(i, m)| (i, m.len()));
            assert_eq!(found, expected, "{mention}");
        }
    }

    #[test]
    fn which_cited_splits_the_subject() {
        let c = text_chains("The Gazette's report, which cited the port director, said the channel was too shallow.");
        // "The Gazette's report" is the Gazette speaking.
        assert!(has(&c, &["Gazette", "port director"]), "{c:?}");
        assert!(!c.iter().flatten().any(|n| n.contains("which")), "{c:?}");
    }

    #[test]
    fn removing_attributions_keeps_ids_and_rehangs_children() {
        let lex = Lexicon::builtin();
        let src = "Title\nAccording to the Wire, the mayor said the council knew that the port was closing.\n";
        let article = parse(src, Format::Text, &lex);
        let sentences = split(&article, &lex);
        let mut attrs = extract(&article, &sentences, &lex);
        let before = attrs.len();
        assert!(before >= 2, "{attrs:?}");
        let child_of_first: Vec<usize> = (0..before).filter(|&i| attrs[i].parent == Some(0)).collect();
        remove(&mut attrs, &[0]);
        assert_eq!(attrs.len(), before - 1);
        assert!(attrs.iter().enumerate().all(|(i, a)| a.id == i));
        for old in child_of_first {
            assert_eq!(attrs[old - 1].parent, None);
        }
    }

    #[test]
    fn citing_after_the_outlet_keeps_the_claim_before_it() {
        let c = text_chains(
            "The ferry will stop running in May, the Coastal Wire reported, citing the Kessel Ferry Company.",
        );
        assert!(has(&c, &["Coastal Wire", "Kessel Ferry Company"]), "{c:?}");
    }

    #[test]
    fn a_date_after_the_cue_is_not_the_claim() {
        let lex = Lexicon::builtin();
        let src = "Title\nThe mill will close in September, the Kessel Island Times reported on Tuesday.\n";
        let article = parse(src, Format::Text, &lex);
        let sentences = split(&article, &lex);
        let mut attrs = extract(&article, &sentences, &lex);
        apply(&article, &sentences, &mut attrs, &lex, &Aliases::default());
        let contents: Vec<&str> = attrs.iter().flat_map(|a| a.content.iter().map(|c| c.of(src))).collect();
        assert_eq!(contents, vec!["The mill will close in September"]);
        assert!(is_time_adverbial("last week") && is_time_adverbial("on Tuesday"));
        assert!(!is_time_adverbial("that the mill would close"));
    }

    #[test]
    fn records_relay_the_speaker_after_them() {
        let c = text_chains(
            "In other cable leaks, the US Ambassador to Italy mentions to the State Department that the prime minister resigned.",
        );
        assert!(has(&c, &["other cable leaks", "US Ambassador to Italy"]), "{c:?}");
        // A statement is the speaker's own.
        let c = text_chains("In a statement, the Kessel Ferry Company said the boats would run.");
        assert!(has(&c, &["Kessel Ferry Company"]), "{c:?}");
        assert!(!c.iter().flatten().any(|n| n.contains("statement")), "{c:?}");
    }

    #[test]
    fn a_linked_sentence_cites_the_links_outlet() {
        let mut aliases = Aliases::default();
        let domains = [("coastalwire.example".to_string(), "Coastal Wire".to_string())].into_iter().collect();
        aliases.add_domains(&domains);
        let src = "# T\n\nThe pool will [close in May](https://coastalwire.example/pool).\n\nThe [paper](https://coastalwire.example/) reported that taxes rose.\n\nThe bridge [failed its test](https://other.example/x).\n";
        let c = chains(src, Format::Markdown, &aliases);
        assert!(has(&c, &["Coastal Wire"]), "{c:?}");
        assert!(has(&c, &["other.example"]), "{c:?}");
        assert_eq!(c.iter().filter(|c| c == &&vec!["Coastal Wire".to_string()]).count(), 2, "{c:?}");
    }

    #[test]
    fn a_relative_link_cites_the_articles_own_outlet() {
        let src = "+++\noutlet = \"Harbour Gazette\"\nurl = \"https://gazette.example/a\"\n+++\n\n# T\n\nThe bridge is [unsafe](/2025/05/bridge).\n\nThe pier is [closed](https://gazette.example/pier).\n";
        let c = chains(src, Format::Markdown, &Aliases::default());
        assert_eq!(c, vec![vec!["Harbour Gazette".to_string()], vec!["Harbour Gazette".to_string()]]);
    }

    #[test]
    fn a_link_inside_someones_words_changes_nothing() {
        let src = "# T\n\nReyes said the timetable would go up on the [authority's website](https://harbour.example/x) on Monday.\n";
        let c = chains(src, Format::Markdown, &Aliases::default());
        assert_eq!(c, vec![vec!["Reyes".to_string()]]);
    }
}
