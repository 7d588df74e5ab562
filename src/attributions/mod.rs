//! Stage 3: sentences → attributions (cue, source, content).
//!
//! Each cue found in a sentence becomes one attribution. The source is the
//! subject on the cue's left, or the phrase on its right for "according
//! to X" and inverted forms ("…, said the minister"). The content is what
//! follows the cue, or what precedes the subject when the sentence opens
//! with the quote or claim. Attributions whose cue lies inside another's
//! content are nested under it (`parent`), which is how relays such as
//! "the cable details that Freed stated that …" become chains.

mod cues;
pub mod phrases;
mod signature;
mod view;
pub mod words;

use serde::Serialize;

use crate::analysis::Workers;
use crate::lexicon::{CueKind, Lexicon, VerbForm, trim_end_str};
use crate::markup::{Article, BlockKind};
use crate::sentences::Sentence;
use crate::sentences::tokens::{Token, TokenKind, tokenize};
use crate::span::Span;
use cues::CueMatch;
use view::View;
use words::{is_relative_pronoun, is_sentence_opener, is_subordinator, takes_audience};

/// One "who said what".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Attribution {
    pub id: usize,
    /// Index of the sentence holding the cue.
    #[serde(skip)]
    pub sentence: usize,
    pub cue: Span,
    #[serde(skip)]
    pub kind: CueKind,
    /// The mention of the source in this attribution ("he").
    pub source: Option<Span>,
    /// Who was told, when the cue names a listener ("told Coastal Wire").
    #[serde(skip)]
    pub audience: Option<Span>,
    /// What was said: one piece per sentence, or two around the cue.
    pub content: Vec<Span>,
    /// The attribution whose content holds this one.
    pub parent: Option<usize>,
}

impl Attribution {
    pub fn content_covers(&self, span: Span) -> bool {
        self.content.iter().any(|c| c.contains(span))
    }
}

/// Extracts the attributions of every sentence of `article`.
pub fn extract(article: &Article, sentences: &[Sentence], lexicon: &Lexicon) -> Vec<Attribution> {
    extract_with(article, sentences, lexicon, Workers::ONE)
}

/// [`extract`] with the sentences shared among `workers`. Each sentence's
/// attributions depend on that sentence alone; what joins sentences
/// (quotations running on, nesting) is done afterwards on the whole list.
pub fn extract_with(
    article: &Article,
    sentences: &[Sentence],
    lexicon: &Lexicon,
    workers: Workers,
) -> Vec<Attribution> {
    let lower = article.prose.to_ascii_lowercase();
    let runs =
        workers.map_ranges(sentences.len(), |range| extract_sentences(article, &lower, sentences, range, lexicon));
    let mut out: Vec<Attribution> = Vec::with_capacity(runs.iter().map(Vec::len).sum());
    for run in runs {
        // Ids and parents within a run count from the run's start.
        let base = out.len();
        out.extend(run.into_iter().map(|mut a| {
            a.id += base;
            a.parent = a.parent.map(|p| p + base);
            a
        }));
    }
    extend_quotes_across_sentences(&mut out, sentences, &article.prose);
    for a in &mut out {
        merge_adjacent_pieces(&mut a.content, &article.prose);
    }
    nest(&mut out);
    drop_reported_states(out)
}

/// The attributions found in each of `sentences[range]` on its own, with
/// ids counted from zero.
fn extract_sentences(
    article: &Article,
    lower: &str,
    sentences: &[Sentence],
    range: std::ops::Range<usize>,
    lexicon: &Lexicon,
) -> Vec<Attribution> {
    let mut toks: Vec<Token> = Vec::new();
    let mut found: Vec<CueMatch> = Vec::new();
    let mut nouns: Vec<usize> = Vec::new();
    let mut out: Vec<Attribution> = Vec::new();
    for index in range {
        let sentence = &sentences[index];
        tokenize(&article.prose, lower, sentence.span, sentence.open_quote_from.is_some(), lexicon, &mut toks);
        let v = View { text: &article.prose, lower, toks: &toks, sentence };
        let first_in_sentence = out.len();
        cues::find(&v, lexicon, &mut found, &mut nouns);
        for cue in &found {
            if let Some(mut a) = build(&v, cue, &found, lexicon) {
                a.sentence = index;
                a.id = out.len();
                out.push(a);
            }
        }
        let poll = poll_cue(&v, &found, lexicon);
        for mut a in possessive_noun_cues(&v, &nouns, lexicon).into_iter().chain(poll) {
            if !out[first_in_sentence..].iter().any(|b| b.cue.overlaps(a.cue)) {
                a.sentence = index;
                a.id = out.len();
                out.push(a);
            }
        }
        let block_start = index == 0 || sentences[index - 1].block != sentence.block;
        let labelled = if matches!(sentence.kind, BlockKind::Title | BlockKind::Heading) {
            found.is_empty().then(|| headline_colon(&v)).flatten()
        } else if block_start {
            speaker_label(&v, sentences, index)
        } else {
            None
        };
        let labelled = labelled.or_else(|| signature::signature_line(&article.prose, sentences, index));
        if let Some(mut a) = labelled {
            a.sentence = index;
            a.id = out.len();
            out.push(a);
        }
        quoted_as_saying(&v, &mut out, first_in_sentence, index, lexicon);
        quoted_by_aside(&v, &mut out, first_in_sentence, index, lexicon);
        link_citing(&v, &mut out[first_in_sentence..]);
        share_subject_with_gerunds(&v, &mut out[first_in_sentence..]);
    }
    out
}

/// "Kelly said she wanted to …": a wish or belief inside someone's
/// reported words is part of what they said, not a separate attribution
/// (and not a further relay). Removes those and renumbers the rest.
fn drop_reported_states(attrs: Vec<Attribution>) -> Vec<Attribution> {
    let keep: Vec<bool> = attrs
        .iter()
        .map(|a| !(a.kind == CueKind::Cognition && a.parent.is_some_and(|p| attrs[p].kind == CueKind::Speech)))
        .collect();
    let old_parent: Vec<Option<usize>> = attrs.iter().map(|a| a.parent).collect();
    let mut new_id = vec![None; attrs.len()];
    let mut next = 0;
    for (i, k) in keep.iter().enumerate() {
        if *k {
            new_id[i] = Some(next);
            next += 1;
        }
    }
    attrs
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(mut a, _)| {
            a.id = new_id[a.id].unwrap_or(a.id);
            // A dropped parent passes its place to its own parent.
            let mut parent = a.parent;
            while let Some(p) = parent {
                match new_id[p] {
                    Some(id) => {
                        parent = Some(id);
                        break;
                    }
                    None => parent = old_parent[p],
                }
            }
            a.parent = parent;
            a
        })
        .collect()
}

fn new_attribution(cue: Span, kind: CueKind, source: Option<Span>, content: Vec<Span>) -> Attribution {
    Attribution { id: 0, sentence: 0, cue, kind, source, audience: None, content, parent: None }
}

/// Builds the attribution for one cue, or nothing when the cue has neither
/// a source nor any content.
fn build(v: &View, cue: &CueMatch, all: &[CueMatch], lexicon: &Lexicon) -> Option<Attribution> {
    if cue.kind == CueKind::According {
        return build_according(v, cue, lexicon);
    }
    // "According to X, …" and "citing Y" before this cue are not its
    // subject or its content.
    let floor = all.iter().filter(|c| c.kind == CueKind::According && c.end <= cue.start).map(|c| c.start).max();
    build_verb(v, cue, floor, lexicon)
}

/// "According to X, …" / "…, according to X." / "…, citing X".
fn build_according(v: &View, cue: &CueMatch, lexicon: &Lexicon) -> Option<Attribution> {
    let mut source_end = phrases::phrase_after(v, cue.end, lexicon)?;
    let end = v.content_end();
    let opens_sentence = (0..cue.start).all(|k| !v.is_word(k) || is_sentence_opener(v.lw(k)));
    if !opens_sentence {
        // "…, according to Jo Ruiz, who advised the campaign."
        source_end = phrases::extend_appositive(v, source_end, lexicon);
    }
    let source = v.span(cue.end, source_end);
    let content = if opens_sentence {
        let mut start = source_end;
        while start < end && (v.is_comma(start) || v.is_punct(start, ":")) {
            start += 1;
        }
        (start < end).then(|| v.span(start, end))
    } else {
        let mut stop = cue.start;
        while stop > 0 && (v.is_comma(stop - 1) || v.is_punct(stop - 1, "—") || v.is_punct(stop - 1, "(")) {
            stop -= 1;
        }
        let start = clause_start(v, stop);
        (start < stop).then(|| v.span(start, stop))
    };
    Some(new_attribution(v.span(cue.start, cue.end), CueKind::According, Some(source), content.into_iter().collect()))
}

/// Where the clause that ends at `stop` starts: the sentence start, after
/// any opening conjunction.
fn clause_start(v: &View, stop: usize) -> usize {
    let mut start = 0;
    while start < stop && v.is_word(start) && is_sentence_opener(v.lw(start)) && v.lw(start) != "according" {
        start += 1;
        while start < stop && v.is_comma(start) {
            start += 1;
        }
    }
    start
}

/// Skips adverbs and auxiliaries that sit between a subject and its verb
/// ("Burns also added", "has repeatedly said"); returns the new cue start.
fn glue_start(v: &View, cue_start: usize, lexicon: &Lexicon) -> usize {
    let mut start = cue_start;
    while start > 0
        && v.is_word(start - 1)
        && (lexicon.is_glue(v.lw(start - 1)) || !v.is_cap(start - 1) && words::is_ly_adverb(v.lw(start - 1)))
    {
        start -= 1;
    }
    start
}

/// A verb cue: find the source on the left (or right when inverted), then
/// the content after the cue (or before the source).
fn build_verb(v: &View, cue: &CueMatch, according_before: Option<usize>, lexicon: &Lexicon) -> Option<Attribution> {
    let cue_start = glue_start(v, cue.start, lexicon);
    let mut cue_end = cue.end;
    // "said:" — the colon belongs to the cue.
    if v.is_punct(cue_end, ":") {
        cue_end += 1;
    }
    // "said in a statement" — the venue belongs to the cue.
    cue_end = venue_end(v, cue_end, lexicon).unwrap_or(cue_end);
    // "talked about", "referred to the report", "said Friday".
    cue_end = particle_end(v, cue_end);

    if let Some(passive) = build_passive(v, cue, cue_start, cue_end, lexicon) {
        return Some(passive);
    }
    if is_asked_aside(v, cue_start) {
        return None;
    }
    let (mut source, mut source_start) = find_subject(v, cue, cue_start, lexicon);
    if let (Some((a, b)), Some(floor)) = (source, according_before)
        && a <= floor
    {
        // "According to the memo, the minister, Ana Ruiz, told …": the
        // subject starts after the opening according clause.
        let after_opening = (floor == a).then(|| (floor..b).find(|&k| v.is_comma(k))).flatten();
        if let Some(comma) = after_opening.filter(|&comma| comma + 1 < b) {
            source = Some((comma + 1, b));
            source_start = Some(comma + 1);
        } else {
            // "The Gazette, citing two members, reported": the subject ends
            // before the citing clause.
            let mut end = floor;
            while end > a && v.is_comma(end - 1) {
                end -= 1;
            }
            if end > a && end < b {
                source = Some((a, end));
            } else if end <= a {
                source = None;
                source_start = None;
            }
        }
    }
    let mut inverted_source = None;
    if source.is_none() && matches!(cue.form, Some(VerbForm::Past | VerbForm::ThirdPerson)) && cue_start > 0 {
        // "“…,” said the minister" / "…, says Smith."
        // "told officials that …" names the audience, not the speaker.
        if let Some(end) = phrases::phrase_after(v, cue_end, lexicon).filter(|&end| !v.lw_is(end, "that")) {
            let end = phrases::extend_appositive(v, end, lexicon);
            inverted_source = Some((cue_end, end));
        }
    }
    let gerund_subject = if source.is_none() && cue.form == Some(VerbForm::Gerund) {
        sentence_subject(v, cue_start, lexicon)
    } else {
        None
    };

    // What follows the cue: audience ("told reporters"), then content.
    let after_cue = inverted_source.map_or(cue_end, |(_, end)| end);
    let (audience, content_from) = audience_after(v, cue, after_cue, lexicon);
    let content_from = skip_citing_aside(v, content_from);
    let end = content_end_for(v, source_start.unwrap_or(cue_start), content_from, cue, lexicon);
    let mut content_start = content_from;
    while content_start < end && (v.is_comma(content_start) || v.is_punct(content_start, ":")) {
        content_start += 1;
    }
    let mut content = Vec::new();

    // Content before the subject: "“…,” he said" / "X is wrong, she said".
    // Only a quotation, or a claim with nothing after the cue, comes first:
    // in "When A warned …, B stated …" the opening clause is not B's.
    let before_end = source_start.unwrap_or(cue_start).min(inverted_source.map_or(usize::MAX, |_| cue_start));
    let adjunct_only = content_start < end
        && opens_adjunct(v, content_start)
        && (content_start..end).all(|k| !v.is_quote(k))
        && end - content_start <= 8;
    let after_is_empty = content_start >= end || adjunct_only;
    let quote_before = before_end > 0
        && (v.is_quote(before_end - 1) || before_end > 1 && v.is_comma(before_end - 1) && v.is_quote(before_end - 2));
    let has_before = before_end > 0
        && (quote_before || (after_is_empty && v.is_comma(before_end - 1)))
        && gerund_subject.is_none()
        && according_before.is_none_or(|floor| floor >= before_end);
    if has_before {
        let mut stop = before_end;
        if v.is_comma(stop - 1) {
            stop -= 1;
        }
        let start = clause_start(v, stop);
        if start < stop {
            content.push(v.span(start, stop));
        }
    }
    if !after_is_empty && (!has_before || v.is_quote(content_start)) {
        content.push(v.span(content_start, end));
    }
    if let Some(main_clause) = as_reported_clause(v, source_start.unwrap_or(cue_start), cue_end) {
        // "As the Courier reported last week, the operator lost …"
        content = vec![main_clause];
    }

    // "Carson appears to be slipping", "Trump is expected to win": the
    // subject is part of what is said, and nobody in the sentence says it.
    if (is_raising(v, cue, cue_start) || is_agentless_passive(v, cue, cue_start, cue_end))
        && let Some((a, b)) = source
    {
        content.insert(0, v.span(a, b));
        let mut attr = new_attribution(v.span(cue_start, cue_end), cue.kind, None, content);
        attr.audience = None;
        return Some(attr);
    }
    let source = source
        .map(|(a, b)| v.span(a, b))
        .or_else(|| inverted_source.map(|(a, b)| v.span(a, b)))
        .or_else(|| gerund_subject.map(|(a, b)| v.span(a, b)));
    if content.is_empty() && (source.is_none() || cue.kind != CueKind::Speech) {
        return None;
    }
    let mut a = new_attribution(v.span(cue_start, cue_end), cue.kind, source, content);
    a.audience = audience.map(|(x, y)| v.span(x, y));
    Some(a)
}

/// "As the Courier reported last week, the operator lost …": a cue in an
/// opening "as" clause vouches for the main clause after its comma.
/// Returns that clause's span.
fn as_reported_clause(v: &View, subject_start: usize, cue_end: usize) -> Option<Span> {
    let opens_with_as = subject_start > 0
        && v.is_word(subject_start - 1)
        && v.lw(subject_start - 1) == "as"
        && clause_start(v, subject_start - 1) == subject_start - 1;
    if !opens_with_as {
        return None;
    }
    // Only a short adjunct ("last week", "on Monday") before the comma.
    let comma = (cue_end..v.len().min(cue_end + 6)).find(|&k| v.is_comma(k))?;
    if (cue_end..comma).any(|k| !v.is_word(k)) {
        return None;
    }
    let end = v.content_end();
    (comma + 1 < end).then(|| v.span(comma + 1, end))
}

/// "Clinton was asked about the emails": the subject is not the source,
/// and nobody in the sentence is.
fn is_agentless_passive(v: &View, cue: &CueMatch, cue_start: usize, cue_end: usize) -> bool {
    let be = (cue_start..cue.start).any(|k| matches!(v.lw(k), "is" | "was" | "were" | "are" | "been" | "be" | "being"));
    let by_follows = (cue_end..v.len().min(cue_end + 3)).any(|k| v.is_word(k) && v.lw(k) == "by");
    be && cue.form == Some(VerbForm::Past) && !by_follows
}

/// Verbs that raise their subject out of the content: "seems", "appears",
/// "is expected".
fn is_raising(v: &View, cue: &CueMatch, cue_start: usize) -> bool {
    let w = v.lw(cue.end - 1);
    let passive_expected = w == "expected"
        && (cue_start..cue.end).any(|k| matches!(v.lw(k), "is" | "was" | "are" | "were" | "be" | "been" | "'s" | "’s"));
    matches!(w, "seem" | "seems" | "seemed" | "seeming" | "appear" | "appears" | "appeared") || passive_expected
}

/// "X was described in the cables revealed by Y" / "X is highlighted by Y":
/// the agent after "by"/"in" is the source and the subject is the content.
fn build_passive(v: &View, cue: &CueMatch, cue_start: usize, cue_end: usize, lexicon: &Lexicon) -> Option<Attribution> {
    let be = (cue_start..cue.start).any(|k| matches!(v.lw(k), "is" | "was" | "were" | "are" | "been" | "be" | "being"));
    if !be
        || cue.form != Some(VerbForm::Past)
        || cue_end >= v.len()
        || !v.is_word(cue_end)
        || !matches!(v.lw(cue_end), "by" | "in")
        || names_a_time(v, cue_end)
    {
        return None;
    }
    let agent_end = phrases::phrase_after(v, cue_end + 1, lexicon)?;
    let subject = phrases::subject_before(v, cue_start, lexicon)?;
    Some(new_attribution(
        v.span(cue_start, cue_end + 1),
        cue.kind,
        Some(v.span(cue_end + 1, agent_end)),
        vec![v.span(subject, cue_start)],
    ))
}

/// "The secretary, asked about the cuts, said …": the secretary was asked;
/// the aside is not an attribution whose source is the secretary.
fn is_asked_aside(v: &View, cue_start: usize) -> bool {
    const QUESTION_WORDS: &[&str] = &["about", "whether", "if", "why", "how", "what", "when", "where", "who", "to"];
    cue_start > 0
        && v.is_comma(cue_start - 1)
        && v.lw_is(cue_start, "asked")
        && QUESTION_WORDS.iter().any(|w| v.lw_is(cue_start + 1, w))
}

/// "…, the Gazette reported." / "…, Bay Radio said on Monday.": a short
/// subject and a reporting verb that close the sentence, so the words
/// before them are the outlet's account, not the earlier cue's content.
fn closing_report(v: &View, from: usize, end: usize, lexicon: &Lexicon) -> bool {
    const MAX_SUBJECT_WORDS: usize = 6;
    const MAX_TAIL_WORDS: usize = 6;
    let Some(verb) = (from..end.min(from + MAX_SUBJECT_WORDS + 1)).find(|&k| {
        v.is_word(k)
            && lexicon.cue_word(v.lw(k)).is_some_and(|c| {
                c.kind != CueKind::Cognition && matches!(c.form, VerbForm::Past | VerbForm::ThirdPerson)
            })
    }) else {
        return false;
    };
    // A subject of words only, not "…, and the board said that …".
    let plain_subject =
        verb > from && (from..verb).all(|k| v.is_word(k) && !matches!(v.lw(k), "and" | "but" | "which" | "who"));
    let tail = verb + 1..end;
    plain_subject && tail.len() <= MAX_TAIL_WORDS && !tail.clone().any(|k| v.lw_is(k, "that") || v.is_quote(k))
}

/// "was predicted in 2022", "was announced in March": after "in" comes a
/// time, not the agent.
fn names_a_time(v: &View, preposition: usize) -> bool {
    let next = preposition + 1;
    v.lw(preposition) == "in"
        && next < v.len()
        && v.is_word(next)
        && (words::is_temporal(v.lw(next)) || v.lw(next).starts_with(|c: char| c.is_ascii_digit()))
}

/// The subject of a verb cue: (token range, where the subject phrase starts).
#[allow(clippy::type_complexity)]
fn find_subject(
    v: &View,
    cue: &CueMatch,
    cue_start: usize,
    lexicon: &Lexicon,
) -> (Option<(usize, usize)>, Option<usize>) {
    // "Sanders on Saturday criticized": the time is neither subject nor cue.
    let cue_start = time_adjunct_start(v, cue_start);
    if cue_start == 0 {
        return (None, None);
    }
    let k = cue_start - 1;
    if v.is_word(k) && is_relative_pronoun(v.lw(k)) && k > 0 && (v.is_comma(k - 1) || v.lw(k) == "who") {
        // "Trump, who said …": the relative pronoun is the source.
        return (Some((k, k + 1)), Some(k));
    }
    if v.is_comma(k) && cue.form != Some(VerbForm::Gerund) {
        // The closing comma of an appositive belongs to the source, as
        // annotators mark it ("Rep. Chris Collins, R-NY, says").
        return match phrases::subject_before_comma(v, k, lexicon) {
            Some(start) => {
                // "Biden, recalling …, said", "Ruiz, however, said": the
                // subject ends before the interruption.
                let stop = (start + 1..k).find(|&i| v.is_comma(i) && opens_interruption(v, i + 1)).unwrap_or(k);
                let end = if (start..stop).any(|i| v.is_comma(i)) { stop + 1 } else { stop };
                (Some((start, end)), Some(start))
            }
            None => (None, None),
        };
    }
    if v.is_word(k) && matches!(v.lw(k), "and" | "but" | "or") {
        // "Fields tweeted a photo and said …": the verbs share a subject.
        return match sentence_subject(v, k, lexicon) {
            Some((a, b)) => (Some((a, b)), Some(a)),
            None => (None, None),
        };
    }
    if (v.is_word(k) || v.is_punct(k, ")") || v.is_punct(k, "]"))
        && let Some(start) = phrases::subject_before(v, cue_start, lexicon)
    {
        // "Hawkins and others who want to ban abortion said": the subject
        // is the phrase before the relative clause.
        if let Some(head) = subject_before_relative(v, start, lexicon) {
            return (Some((head, cue_start)), Some(head));
        }
        return (Some((start, cue_start)), Some(start));
    }
    (None, None)
}

/// A comma-delimited aside between a subject and its verb starts at `i`:
/// a participle clause ("recalling …", "writing for the majority"), a
/// venue ("in a statement"), or an adverbial ("however", "for instance").
/// Annotators leave these out of the source.
fn opens_interruption(v: &View, i: usize) -> bool {
    if !v.is_word(i) || v.is_cap(i) {
        return false;
    }
    let w = v.lw(i);
    let participle = w.len() > 4 && w.ends_with("ing") && !words::is_ing_noun(w);
    participle
        || matches!(w, "however" | "meanwhile" | "too" | "though" | "instead" | "in" | "for" | "of" | "nonetheless")
}

/// Where a time adjunct that ends at `end` starts ("on Sunday night",
/// "this week", "at the time"), or `end` when there is none. "In March"
/// stays: annotators keep it in the subject ("a poll in March found").
/// Only an adjunct with words before it counts: "Tuesday said" alone is
/// left to the subject search.
fn time_adjunct_start(v: &View, end: usize) -> usize {
    if end >= 3 && v.lw(end - 3) == "at" && v.lw(end - 2) == "the" && v.lw(end - 1) == "time" {
        return end - 3;
    }
    let mut start = end;
    let mut has_noun = false;
    while start > 0 && v.is_word(start - 1) && !v.quoted(start - 1) {
        let w = v.lw(start - 1);
        // One time-word test per word: `is_time_noun` and then
        // `is_temporal` tested most words twice.
        if !words::is_temporal(w) {
            break;
        }
        if words::is_time_noun_among_temporal(w) {
            has_noun = true;
        } else if w == "may" {
            break;
        }
        start -= 1;
    }
    if !has_noun || start == end {
        return end;
    }
    if start > 0 && v.is_word(start - 1) && matches!(v.lw(start - 1), "on" | "during" | "early" | "late") {
        start -= 1;
    } else if start > 0 && v.is_word(start - 1) && (words::is_determiner(v.lw(start - 1)) || v.lw(start - 1) == "in") {
        // "the Sunday meeting", "a poll in March": part of the noun phrase.
        return end;
    }
    // Something must remain to be the subject.
    if start == 0 || !v.is_word(start - 1) { end } else { start }
}

/// When the words before a cue end a relative clause ("… who want to ban
/// abortion said"), the start of the noun phrase the clause describes.
fn subject_before_relative(v: &View, start: usize, lexicon: &Lexicon) -> Option<usize> {
    let first_is_noun_like = v.is_cap(start) || words::is_determiner(v.lw(start)) || v.is_number(start);
    if first_is_noun_like || start == 0 {
        return None;
    }
    let relative =
        (start.saturating_sub(6)..start).rev().find(|&k| v.is_word(k) && matches!(v.lw(k), "who" | "that"))?;
    // "emails show that port officials knew": nothing between "that" and
    // the subject, so "that" opens a complement clause, not a relative one.
    if relative + 1 == start || (relative + 1..start).any(|k| !v.is_word(k)) || relative == 0 {
        return None;
    }
    let end = if v.is_comma(relative - 1) { relative - 1 } else { relative };
    phrases::subject_before(v, end, lexicon)
}

/// Words after a verb cue that annotators count as part of it: a day
/// ("said Friday"), a manner adverb ("said repeatedly") and a governing
/// preposition ("talked about", "accused of", "referred to the report";
/// but not the "to" of an infinitive, "wants to win").
fn particle_end(v: &View, from: usize) -> usize {
    let mut end = from;
    if end < v.len()
        && v.is_word(end)
        && (words::is_weekday(v.lw(end))
            || matches!(v.lw(end), "recently" | "repeatedly" | "publicly" | "privately" | "bluntly" | "flatly"))
    {
        end += 1;
    }
    if end < v.len() && v.is_word(end) && !v.quoted(end) {
        let w = v.lw(end);
        let object_follows = end + 1 < v.len()
            && (v.is_cap(end + 1)
                || v.is_number(end + 1)
                || v.is_word(end + 1)
                    && (words::is_determiner(v.lw(end + 1))
                        || matches!(
                            v.lw(end + 1),
                            "him" | "her" | "them" | "it" | "us" | "me" | "what" | "how" | "whether"
                        )));
        let governs = matches!(w, "about" | "for" | "of" | "with" | "against" | "upon")
            || (w == "to" && object_follows && !audience_then_clause(v, end + 1))
            || (w == "on" && end + 1 < v.len() && v.is_word(end + 1) && !words::is_temporal(v.lw(end + 1)));
        if governs {
            end += 1;
        }
    }
    end
}

/// "mentions to the State Department that …": the phrase after "to" is a
/// listener, followed by what was said.
fn audience_then_clause(v: &View, from: usize) -> bool {
    (from..v.len().min(from + 10)).any(|k| v.is_word(k) && v.lw(k) == "that" || v.is_comma(k) || v.is_quote(k))
}

/// "in a statement", "in an interview with CNN" right after the cue.
fn venue_end(v: &View, from: usize, lexicon: &Lexicon) -> Option<usize> {
    if from >= v.len() || !v.is_word(from) || !lexicon.venue_phrases.starts_with(v.lw(from)) {
        return None;
    }
    let words: Vec<&str> = (from..v.len().min(from + 6)).take_while(|&k| v.is_word(k)).map(|k| v.lw(k)).collect();
    lexicon.venue_phrases.longest_at(&words).map(|(len, _)| from + len)
}

/// The listener after a cue ("told reporters that", "mentions to the State
/// Department that"): returns the audience and where the content starts.
#[allow(clippy::type_complexity)]
fn audience_after(v: &View, cue: &CueMatch, from: usize, lexicon: &Lexicon) -> (Option<(usize, usize)>, usize) {
    let cue_word = v.lw(cue.start.min(v.len() - 1));
    let (np_start, needs_to) = if from < v.len() && v.is_word(from) && v.lw(from) == "to" && cue.kind == CueKind::Speech
    {
        (from + 1, true)
    } else {
        (from, false)
    };
    if !needs_to && !takes_audience(cue_word) {
        return (None, from);
    }
    if np_start >= v.len() || v.is_quote(np_start) || (v.is_word(np_start) && v.lw(np_start) == "that") {
        return (None, from);
    }
    match phrases::phrase_after(v, np_start, lexicon) {
        // Only an audience when the content follows ("that", a comma, a quote,
        // "to" + verb): "told Coastal Wire that …".
        Some(end)
            if end < v.len()
                && (v.is_quote(end)
                    || v.is_comma(end)
                    || v.is_punct(end, ":")
                    || (v.is_word(end)
                        && matches!(
                            v.lw(end),
                            "that" | "to" | "about" | "how" | "what" | "whether" | "he" | "she" | "they" | "it" | "the"
                        ))) =>
        {
            (Some((np_start, end)), end)
        }
        Some(end) if end >= v.content_end() && takes_audience(cue_word) => (Some((np_start, end)), end),
        _ => (None, from),
    }
}

/// "The agency said, citing hospital officials, that …": the content
/// starts after the citing aside, which `link_citing` turns into the
/// relay. Returns where the content may start.
fn skip_citing_aside(v: &View, from: usize) -> usize {
    let opens_aside =
        v.is_comma(from) && from + 1 < v.len() && v.is_word(from + 1) && matches!(v.lw(from + 1), "citing" | "quoting");
    if !opens_aside {
        return from;
    }
    (from + 2..v.len().min(from + 20)).find(|&k| v.is_comma(k)).unwrap_or(from)
}

/// Where the content after a cue ends: the sentence end, or the first
/// comma when the subject stands in a clause opened by a subordinator
/// ("When Saakashvili warned that …, Burns stated …").
fn content_end_for(v: &View, subject_start: usize, content_start: usize, cue: &CueMatch, lexicon: &Lexicon) -> usize {
    let end = v.content_end();
    // "When A warned …, B stated …"; "Asked why …, Sanders said …".
    let opened_by_subordinator =
        (subject_start > 0 && v.is_word(subject_start - 1) && is_subordinator(v.lw(subject_start - 1)))
            || cue.start == 0;
    // A clause ("that …", a quotation, what "said" reports) may hold its own
    // coordination; an object ("denies any wrongdoing") ends where the
    // subject's next verb starts ("… and points out that …").
    let is_clause = takes_clause(v.lw(cue.start))
        || content_start < end
            && (v.is_quote(content_start)
                || v.is_word(content_start)
                    && matches!(v.lw(content_start), "that" | "how" | "what" | "whether" | "why" | "if"));
    for k in content_start..end {
        // Only marks and "and" can end the content: each token's kind is
        // read once here instead of in a test per rule below.
        let token = &v.toks[k];
        if token.quoted || token.kind == TokenKind::Quote {
            continue;
        }
        if token.kind == TokenKind::Punct {
            if let Some(stop) = content_stop_at_mark(v, k, content_start, end, opened_by_subordinator, lexicon) {
                return stop;
            }
        } else if !is_clause
            && k > content_start
            && token.is_word()
            && token.word == "and"
            && next_is_verb(v, k + 1, lexicon)
        {
            let mut stop = k;
            if v.is_comma(stop - 1) {
                stop -= 1;
            }
            return stop;
        }
    }
    end
}

/// Whether the content that starts at `content_start` ends at the
/// punctuation mark `k` ([`content_end_for`]).
fn content_stop_at_mark(
    v: &View,
    k: usize,
    content_start: usize,
    end: usize,
    opened_by_subordinator: bool,
    lexicon: &Lexicon,
) -> Option<usize> {
    if opened_by_subordinator && v.is_comma(k) {
        return Some(k);
    }
    // "…, but there is growing anger …": a new clause.
    if v.is_punct(k, ";") || (v.is_comma(k) && k + 1 < end && v.is_word(k + 1) && v.lw(k + 1) == "but") {
        return Some(k);
    }
    // "The mayor said the port would close, according to the Gazette":
    // the trailing source frames the whole sentence, not the words.
    // ("… reported that, according to X, …" opens an aside instead.)
    let words_before = k > content_start && !v.lw_is(k - 1, "that");
    if v.is_comma(k)
        && words_before
        && (v.lw_is(k + 1, "according") && v.lw_is(k + 2, "to") || closing_report(v, k + 1, end, lexicon))
    {
        return Some(k);
    }
    // "…, noting that …", "…, adding …": the next attribution starts.
    let gerund_follows = v.is_comma(k)
        && k + 1 < end
        && v.is_word(k + 1)
        && !v.is_cap(k + 1)
        && lexicon.cue_word(v.lw(k + 1)).is_some_and(|c| c.form == VerbForm::Gerund);
    gerund_follows.then_some(k)
}

/// Cue verbs that report a whole clause ("said he was alarmed … and
/// wanted …"), as opposed to those that take an object ("defended X").
fn takes_clause(w: &str) -> bool {
    let stem = trim_end_str(trim_end_str(w, "ing").trim_end_matches('s'), "ed").trim_end_matches('d');
    matches!(
        stem,
        "say"
            | "sai"
            | "tell"
            | "tol"
            | "think"
            | "thought"
            | "believe"
            | "believ"
            | "argue"
            | "argu"
            | "claim"
            | "insist"
            | "contend"
            | "suggest"
            | "note"
            | "not"
            | "add"
            | "explain"
            | "warn"
            | "predict"
            | "state"
            | "stat"
            | "declare"
            | "declar"
            | "announce"
            | "announc"
            | "acknowledge"
            | "acknowledg"
            | "admit"
            | "admitt"
            | "concede"
            | "conced"
            | "confirm"
            | "assert"
            | "maintain"
            | "fear"
            | "hope"
            | "hop"
            | "expect"
            | "know"
            | "knew"
            | "feel"
            | "felt"
            | "write"
            | "wrote"
            | "writ"
            | "report"
            | "show"
            | "find"
            | "found"
            | "reveal"
            | "indicate"
            | "indicat"
            | "estimate"
            | "estimat"
            | "conclude"
            | "conclud"
            | "recall"
            | "recal"
            | "stress"
            | "emphasize"
            | "emphasiz"
            | "assure"
            | "assur"
            | "promise"
            | "promis"
            | "vow"
    )
}

/// A verb of the same subject: "and points out", "and tried", "and signaled".
fn next_is_verb(v: &View, i: usize, lexicon: &Lexicon) -> bool {
    if !v.is_word(i) || v.is_cap(i) {
        return false;
    }
    let w = v.lw(i);
    let cue_verb = lexicon.cue_word(w).is_some_and(|c| matches!(c.form, VerbForm::Past | VerbForm::ThirdPerson));
    cue_verb || (w.len() > 4 && w.ends_with("ed") && !(i + 1 < v.len() && v.is_word(i + 1) && v.lw(i + 1) == "by"))
}

/// Words that open a time or place adjunct after a cue ("said Tuesday",
/// "said after the attacks"): not what was said.
fn opens_adjunct(v: &View, i: usize) -> bool {
    v.is_word(i)
        && (words::is_temporal(v.lw(i))
            || matches!(
                v.lw(i),
                "after"
                    | "before"
                    | "during"
                    | "while"
                    | "when"
                    | "outside"
                    | "following"
                    | "at"
                    | "on"
                    | "since"
                    | "as"
            ))
}

/// The subject of the sentence's main clause, for a gerund cue after a
/// comma ("Trump attacked Clinton, saying …").
fn sentence_subject(v: &View, limit: usize, lexicon: &Lexicon) -> Option<(usize, usize)> {
    // Skip an opening adverbial ("On Monday, ").
    let mut start = 0;
    if let Some(comma) = (0..limit.min(8)).find(|&k| v.is_comma(k))
        && (0..comma).all(|k| v.is_word(k) && !v.is_cap(k) || k == 0 || v.is_number(k) || v.is_cap(k))
        && v.is_word(0)
        && matches!(
            v.lw(0),
            "on" | "in" | "at" | "after" | "before" | "during" | "earlier" | "later" | "last" | "then" | "meanwhile"
        )
    {
        start = comma + 1;
    }
    // "And", "But", "Meanwhile," open the sentence, not the subject.
    while start < limit && v.is_word(start) && is_sentence_opener(v.lw(start)) {
        start += 1;
        while start < limit && v.is_comma(start) {
            start += 1;
        }
    }
    // "When Trump … and said", "On Sunday morning Trump …, writing".
    if start < limit && v.is_word(start) && is_subordinator(v.lw(start)) {
        start += 1;
    }
    start = skip_opening_time(v, start, limit);
    let mut end = start;
    while end < limit && v.is_word(end) {
        let w = v.lw(end);
        let name_like =
            v.is_cap(end) || words::is_determiner(w) || w == "of" || words::is_personal_pronoun(w) || v.is_number(end);
        let title_before_name = end + 1 < limit && v.is_cap(end + 1);
        if !name_like && !title_before_name {
            break;
        }
        if end > start && lexicon.cue_word(w).is_some() && !v.is_cap(end) {
            break;
        }
        end += 1;
        if words::is_personal_pronoun(w) {
            break;
        }
    }
    (end > start && (v.is_cap(end - 1) || words::is_personal_pronoun(v.lw(end - 1)))).then_some((start, end))
}

/// After an opening time adjunct with no comma ("On Sunday morning Trump
/// …"), where the subject starts; else `start`.
fn skip_opening_time(v: &View, start: usize, limit: usize) -> usize {
    let mut k = start;
    if k < limit && v.is_word(k) && matches!(v.lw(k), "on" | "in" | "at" | "during" | "early" | "late") {
        k += 1;
    }
    let mut has_noun = false;
    while k < limit && v.is_word(k) && (words::is_temporal(v.lw(k)) && v.lw(k) != "may" || v.is_number(k)) {
        has_noun |= words::is_time_noun(v.lw(k)) || v.is_number(k);
        k += 1;
    }
    if has_noun && k < limit && v.is_word(k) { k } else { start }
}

/// "Trump: Cruz has to come a long way" in a headline.
fn headline_colon(v: &View) -> Option<Attribution> {
    let colon = (1..v.len().min(6)).find(|&k| v.is_punct(k, ":"))?;
    if !(0..colon).all(|k| v.is_cap(k) || v.is_punct(k, "'") || v.is_punct(k, "’")) {
        return None;
    }
    let end = v.content_end();
    (colon + 1 < end).then(|| {
        new_attribution(v.token_span(colon), CueKind::Speech, Some(v.span(0, colon)), vec![v.span(colon + 1, end)])
    })
}

/// "his claim that …", "Trump's criticism of the deal": a noun cue whose
/// source is the possessor. The cue takes the preposition it governs.
fn possessive_noun_cues(v: &View, nouns: &[usize], lexicon: &Lexicon) -> Vec<Attribution> {
    let mut found = Vec::new();
    // Only the unquoted words that passed the content nouns' filter, as
    // the cue search listed them: a walk over every token cost a byte
    // test, a filter slot and two bounds checks per token of the article.
    for &i in nouns {
        let Some(before) = i.checked_sub(1).map(|k| &v.toks[k]) else { continue };
        if !may_be_possessor(before) || !lexicon.content_nouns.contains_unfiltered(v.toks[i].word) {
            continue;
        }
        let Some(source) = possessor_before(v, i) else { continue };
        let mut cue_end = i + 1;
        if cue_end < v.len()
            && v.is_word(cue_end)
            && matches!(v.lw(cue_end), "of" | "for" | "to" | "on" | "about" | "against" | "with")
        {
            cue_end += 1;
        }
        let content_start = cue_end;
        // What the noun reports runs to the end of its clause.
        let mut end = content_start;
        while end < v.content_end() && !(v.is_comma(end) || v.is_punct(end, ";") || v.is_punct(end, ":")) {
            end += 1;
        }
        if end > content_start {
            found.push(new_attribution(
                v.span(i, cue_end),
                CueKind::Speech,
                Some(source),
                vec![v.span(content_start, end)],
            ));
        }
    }
    found
}

/// "In a CNN poll released Monday, Clinton led by 10 points", "In his
/// view, …": the poll (or the view) is the source and "in" the cue, as
/// annotators mark it.
fn poll_cue(v: &View, found: &[CueMatch], lexicon: &Lexicon) -> Option<Attribution> {
    // Only at the clause start: a trailing "… in the polls" mostly states
    // a standing ("leads in the polls"), which annotators rarely mark
    // (measured on train).
    let end = v.content_end();
    let i = clause_start(v, end);
    if i >= end || !v.is_word(i) || v.lw(i) != "in" || v.quoted(i) || !v.is_word(i + 1) || v.lw(i + 1) == "other" {
        return None;
    }
    let source_end = phrases::phrase_after(v, i + 1, lexicon)?;
    let is_poll = (i + 1..source_end).any(|h| heads_poll_phrase(v, h, source_end));
    // "In a … poll, …": what follows the comma.
    if !is_poll
        || found.iter().any(|c| c.start < source_end && c.end > i)
        || !v.is_comma(source_end)
        || source_end + 1 >= end
    {
        return None;
    }
    let content = v.span(source_end + 1, end);
    Some(new_attribution(v.token_span(i), CueKind::Evidence, Some(v.span(i + 1, source_end)), vec![content]))
}

/// The poll noun at `h` heads its phrase: last, or followed only by what
/// describes it ("poll released Monday", "survey by Gallup").
fn heads_poll_phrase(v: &View, h: usize, phrase_end: usize) -> bool {
    v.is_word(h)
        && words::is_poll_noun(v.lw(h))
        && (h + 1 == phrase_end
            || v.is_word(h + 1)
                && (words::is_temporal(v.lw(h + 1))
                    || matches!(
                        v.lw(h + 1),
                        "released" | "conducted" | "published" | "taken" | "by" | "of" | "from" | "for" | "the"
                    )))
}

/// Whether `token` can be what [`possessor_before`] takes: every
/// possessor ends in "s", "r" or "y". A byte test that turns away most
/// words before the noun lookup that would follow for every token.
fn may_be_possessor(token: &Token) -> bool {
    token.is_word() && matches!(token.word.as_bytes().last(), Some(b's' | b'r' | b'y'))
}

/// The possessor right before a noun: "his", "Trump's", "the senator's".
fn possessor_before(v: &View, noun: usize) -> Option<Span> {
    let k = noun - 1;
    if !v.is_word(k) {
        return None;
    }
    let w = v.lw(k);
    if matches!(w, "his" | "her" | "their" | "its" | "my" | "our") {
        return Some(v.token_span(k));
    }
    // "Trump's" is one token; "Sanders’ " ends in an apostrophe token.
    let possessive = w.ends_with("'s") || w.ends_with("’s");
    if possessive && v.is_cap(k) {
        let start = (0..k).rev().take_while(|&j| v.is_cap(j)).last().unwrap_or(k);
        let full = v.span(start, k + 1);
        // The source is the name without its possessive ending.
        let trim = if v.raw(k).ends_with("’s") { "’s".len() } else { 2 };
        return Some(Span::new(full.start, full.end - trim));
    }
    None
}

/// "PENCE: And I think …" — a transcript paragraph opened by the speaker's
/// name in capitals: the rest of the paragraph is what they said.
fn speaker_label(v: &View, sentences: &[Sentence], index: usize) -> Option<Attribution> {
    let colon = (1..v.len().min(5)).find(|&k| v.is_punct(k, ":"))?;
    // "PENCE:", "Matthews:", "Former secretary of state Hillary Clinton:"
    let all_caps = (0..colon).all(|k| {
        v.is_word(k) && v.raw(k).chars().any(char::is_alphabetic) && !v.raw(k).chars().any(char::is_lowercase)
    });
    let name = v.is_cap(colon - 1)
        && (0..colon).all(|k| v.is_cap(k) || v.is_word(k) && matches!(v.lw(k), "of" | "de" | "van" | "von"));
    let all_caps = all_caps || name;
    // "NOTE:", "UPDATE:", "WATCH:" label the text, not a speaker.
    let label = v.lw(0);
    let not_a_speaker = matches!(
        label,
        "note"
            | "update"
            | "updated"
            | "correction"
            | "clarification"
            | "watch"
            | "read"
            | "related"
            | "editor's"
            | "editor’s"
            | "photo"
            | "video"
            | "source"
            | "sources"
            | "q"
            | "a"
            | "breaking"
            | "exclusive"
            | "analysis"
            | "opinion"
            | "listen"
            | "see"
            | "more"
            | "also"
            | "warning"
            | "disclaimer"
            | "transcript"
            | "full"
    );
    if !all_caps || not_a_speaker || colon + 1 >= v.len() {
        return None;
    }
    // "Th: ." has nothing after the colon but the full stop: no piece here
    // (a span from the colon to itself would run backwards).
    let end = v.content_end();
    let mut content: Vec<Span> = (end > colon + 1).then(|| v.span(colon + 1, end)).into_iter().collect();
    let block = sentences[index].block;
    content.extend(sentences[index + 1..].iter().take_while(|s| s.block == block).map(|s| s.span));
    content.retain(|c| !c.is_empty());
    Some(new_attribution(v.token_span(colon), CueKind::Speech, Some(v.span(0, colon)), content))
}

/// "“…,” Jacobs said, adding that …": a gerund cue after a comma shares
/// the source of the attribution before it in the sentence.
fn share_subject_with_gerunds(v: &View, sentence_attrs: &mut [Attribution]) {
    for i in 1..sentence_attrs.len() {
        let cue_text = sentence_attrs[i].cue.of(v.lower);
        let cue_start = sentence_attrs[i].cue.start;
        let after_comma = v.last_token_ending_by(cue_start).is_some_and(|k| v.is_comma(k));
        if !cue_text.ends_with("ing") || !after_comma {
            continue;
        }
        if let Some(source) = sentence_attrs[..i].iter().rev().find_map(|a| a.source.filter(|s| s.end <= cue_start)) {
            sentence_attrs[i].source = Some(source);
        }
    }
}

/// "The Mirror quoted a police officer as saying that …" (or "cited a
/// report as showing …"): the outlet
/// relays the officer. The "saying" attribution gets the officer as its
/// source and hangs below a new "quoted" attribution by the outlet, whose
/// content runs from the officer to the end of the reported words.
fn quoted_as_saying(
    v: &View,
    out: &mut Vec<Attribution>,
    first_in_sentence: usize,
    sentence: usize,
    lexicon: &Lexicon,
) {
    for i in first_in_sentence..out.len() {
        // Cheap text test first: this runs for every attribution.
        if !out[i].cue.of(v.lower).ends_with("ing") {
            continue;
        }
        let Some(cue) = v.token_starting_at(out[i].cue.start) else { continue };
        if cue < 3 || v.lw(cue - 1) != "as" {
            continue;
        }
        let Some(quoted) = (cue.saturating_sub(14)..cue - 1).rev().find(|&k| {
            v.is_word(k) && matches!(v.lw(k), "quoted" | "quotes" | "quoting" | "cited" | "cites" | "citing")
        }) else {
            continue;
        };
        let speaker = (quoted + 1, cue - 1);
        if speaker.0 >= speaker.1 || (speaker.0..speaker.1).any(|k| !v.is_word(k) && !v.is_comma(k)) {
            continue;
        }
        let Some(content_end) = out[i].content.last().map(|c| c.end) else { continue };
        let relay_cue = v.span(quoted, quoted + 1);
        let relayed = vec![Span::new(v.span(speaker.0, speaker.1).start, content_end)];
        out[i].source = Some(v.span(speaker.0, speaker.1));
        // "cited" may already be a cue of its own: reuse it.
        if let Some(j) = (first_in_sentence..out.len()).find(|&j| out[j].cue.start == relay_cue.start) {
            out[j].content = relayed;
            out[i].parent = Some(out[j].id);
            continue;
        }
        let relay_source = phrases::subject_before(v, quoted, lexicon).map(|start| v.span(start, quoted));
        let mut relay = new_attribution(relay_cue, CueKind::Speech, relay_source, relayed);
        relay.sentence = sentence;
        relay.id = out.len();
        out[i].parent = Some(relay.id);
        out.push(relay);
    }
}

/// "The minister, quoted by Reuters, said …" and "According to a report,
/// cited by Reuters, …": Reuters relays the minister or the report. The
/// aside leaves the source (or the content) and becomes a relay
/// attribution whose content runs from the relayed source to the end of
/// what was said, so that it frames the sentence and the relayed
/// attribution hangs below it.
fn quoted_by_aside(v: &View, out: &mut Vec<Attribution>, first_in_sentence: usize, sentence: usize, lexicon: &Lexicon) {
    for i in first_in_sentence..out.len() {
        let (Some(source), Some(content_end)) = (out[i].source, out[i].content.last().map(|c| c.end)) else {
            continue;
        };
        let Some((aside, agent_end, relayed_start)) = relay_aside(v, &out[i], lexicon) else { continue };
        let mut relay = new_attribution(
            v.span(aside, aside + 2),
            CueKind::According,
            Some(v.span(aside + 2, agent_end)),
            vec![Span::new(relayed_start, content_end)],
        );
        relay.sentence = sentence;
        relay.id = out.len();
        if out[i].kind == CueKind::According {
            // What was said starts after the aside's closing comma.
            out[i].content = vec![Span::new(v.span(agent_end + 1, agent_end + 2).start, content_end)];
        } else {
            out[i].source = Some(Span::new(source.start, v.span(aside - 1, aside).start));
        }
        out[i].parent = Some(relay.id);
        out.push(relay);
    }
}

/// Where a ", quoted by Y," / ", cited by Y," aside sits in attribution
/// `a`: inside its source ("The minister, quoted by …, said") or opening
/// its content ("According to a report, cited by …, …"). Returns the
/// token of "quoted"/"cited", the end of Y, and where the relayed words
/// start (the source, or the "according to" cue).
fn relay_aside(v: &View, a: &Attribution, lexicon: &Lexicon) -> Option<(usize, usize, usize)> {
    let source = a.source?;
    let is_aside = |k: usize| k + 2 < v.len() && matches!(v.lw(k), "quoted" | "cited") && v.lw(k + 1) == "by";
    if a.kind == CueKind::According {
        let content = *a.content.first()?;
        let opens = content.of(v.lower);
        if !(opens.starts_with("cited by ") || opens.starts_with("quoted by ")) {
            return None;
        }
        let aside = v.token_starting_at(content.start)?;
        let agent_end = phrases::phrase_after(v, aside + 2, lexicon)?;
        return (is_aside(aside) && v.is_comma(agent_end) && agent_end + 2 < v.len()).then_some((
            aside,
            agent_end,
            a.cue.start,
        ));
    }
    if !source.of(v.lower).contains(" by ") {
        return None;
    }
    let first = v.token_starting_at(source.start)?;
    let last = v.last_token_ending_by(source.end).unwrap_or(first);
    let comma = (first + 1..last).find(|&k| v.is_comma(k) && k + 3 <= last && is_aside(k + 1))?;
    let agent_end = phrases::phrase_after(v, comma + 3, lexicon)?;
    Some((comma + 1, agent_end, source.start))
}

/// "X, citing Y, reported …": the citing attribution relays the main one's
/// content and hangs below it.
fn link_citing(v: &View, sentence_attrs: &mut [Attribution]) {
    let citing: Vec<usize> = (0..sentence_attrs.len())
        .filter(|&i| {
            sentence_attrs[i].kind == CueKind::According && sentence_attrs[i].cue.of(v.lower).starts_with("citing")
        })
        .collect();
    for i in citing {
        let main = (0..sentence_attrs.len()).find(|&j| j != i && sentence_attrs[j].kind != CueKind::According);
        if let Some(j) = main {
            sentence_attrs[i].content = sentence_attrs[j].content.clone();
            sentence_attrs[i].parent = Some(sentence_attrs[j].id);
        }
    }
}

/// A quotation runs over at most this many sentences besides its
/// attribution's own. Real quotations span a few; without a bound, one
/// unbalanced quote mark made every later sentence of its block part of
/// every attribution's content (quadratic in time and memory).
const MAX_QUOTE_SENTENCES: usize = 40;

/// A quotation that opened in an earlier sentence belongs to the
/// attribution at its end: one content piece per sentence, as annotators
/// mark them. Likewise a quotation that runs on after its attribution.
fn extend_quotes_across_sentences(attrs: &mut [Attribution], sentences: &[Sentence], text: &str) {
    // Which sentences hold a cue, by index: a flag per sentence rather than
    // a hashed set of a million entries on a 100 MB article.
    let mut has_cue = vec![false; sentences.len()];
    for a in attrs.iter() {
        if let Some(flag) = has_cue.get_mut(a.sentence) {
            *flag = true;
        }
    }
    for a in attrs.iter_mut() {
        let sentence = &sentences[a.sentence];
        let Some(first) = a.content.first().copied() else { continue };
        if let Some(open) = sentence.open_quote_from
            && first.start <= sentence.span.start + 1
        {
            let mut earlier = Vec::new();
            let mut k = a.sentence;
            while k > 0
                && a.sentence - k < MAX_QUOTE_SENTENCES
                && sentences[k - 1].block == sentence.block
                && sentences[k - 1].span.end > open
            {
                k -= 1;
                let s = &sentences[k];
                earlier.push(Span::new(s.span.start.max(open), s.span.end));
                if s.open_quote_from.is_none() {
                    break;
                }
            }
            earlier.reverse();
            a.content.splice(0..0, earlier);
        }
        let last = *a.content.last().unwrap_or(&first);
        // "“A,” she said. “B.”" — the next sentence, one quotation with no
        // cue of its own, continues what she said.
        let quoted_first = text[first.range()].starts_with(['"', '“', '\'']);
        let cue_ends_sentence = a.cue.end + 40 >= sentence.span.end && last.end <= a.cue.start;
        let next = a.sentence + 1;
        if quoted_first
            && cue_ends_sentence
            && next < sentences.len()
            && sentences[next].block == sentence.block
            && !has_cue[next]
        {
            let piece = crate::markup::trim_span(text, sentences[next].span);
            if text[piece.range()].starts_with(['"', '“', '\'']) {
                // The quotation may run over several sentences.
                let mut end = piece.end;
                let mut k = next;
                while sentences[k].ends_in_quote
                    && k - next < MAX_QUOTE_SENTENCES
                    && k + 1 < sentences.len()
                    && sentences[k + 1].block == sentence.block
                    && !has_cue[k + 1]
                {
                    k += 1;
                    end = sentences[k].span.end;
                }
                a.content.push(Span::new(piece.start, end));
            }
        }
        if sentence.ends_in_quote && last.end + 2 >= sentence.span.end {
            let mut k = a.sentence + 1;
            while k < sentences.len()
                && k - a.sentence <= MAX_QUOTE_SENTENCES
                && sentences[k].block == sentence.block
                && sentences[k].open_quote_from.is_some()
            {
                let s = &sentences[k];
                let piece = crate::markup::trim_span(text, s.span);
                a.content.push(piece);
                if !s.ends_in_quote {
                    break;
                }
                k += 1;
            }
        }
    }
}

/// One quotation split into sentences is one piece of content, as
/// annotators mark it: joins pieces separated only by white space.
fn merge_adjacent_pieces(pieces: &mut Vec<Span>, text: &str) {
    pieces.sort();
    let mut merged: Vec<Span> = Vec::with_capacity(pieces.len());
    for p in pieces.drain(..) {
        match merged.last_mut() {
            Some(last) if last.end <= p.start && text[last.end..p.start].trim().is_empty() => {
                last.end = last.end.max(p.end)
            }
            _ => merged.push(p),
        }
    }
    *pieces = merged;
}

/// Sets `parent` to the attribution whose content most tightly holds each
/// attribution's cue.
fn nest(attrs: &mut [Attribution]) {
    let n = attrs.len();
    for i in 0..n {
        if attrs[i].parent.is_some() {
            continue;
        }
        let cue = attrs[i].cue;
        let sentence = attrs[i].sentence;
        let mut best: Option<(usize, usize)> = None;
        // Only attributions of the same sentence or a quotation around it
        // can hold this one; look nearby.
        for j in i.saturating_sub(8)..(i + 8).min(n) {
            if j == i || attrs[j].sentence.abs_diff(sentence) > 1 {
                continue;
            }
            let holds = attrs[j].content.iter().find(|c| c.contains(cue));
            if let Some(piece) = holds {
                // No loops: the holder's own cue must not sit in our content.
                if attrs[i].content_covers(attrs[j].cue) {
                    continue;
                }
                if best.is_none_or(|(_, len)| piece.len() < len) {
                    best = Some((j, piece.len()));
                }
            }
        }
        attrs[i].parent = best.map(|(j, _)| attrs[j].id);
    }
    break_parent_cycles(attrs);
}

/// Defensive: a parent chain must end; cut any cycle at its first repeat.
/// Each attribution whose chain runs into a cycle loses its parent, in
/// order, as a walk of every chain would decide; chains already known to
/// end are not walked again, which keeps deep nesting linear.
fn break_parent_cycles(attrs: &mut [Attribution]) {
    let mut ends = vec![false; attrs.len()];
    let mut on_path = vec![false; attrs.len()];
    let mut path = Vec::new();
    for i in 0..attrs.len() {
        path.clear();
        let mut cur = Some(i);
        let mut cycle = false;
        while let Some(k) = cur {
            if ends[k] {
                break;
            }
            if on_path[k] {
                cycle = true;
                break;
            }
            on_path[k] = true;
            path.push(k);
            // A parent id out of range ends the chain.
            cur = attrs[k].parent.filter(|&p| p < attrs.len());
        }
        for &k in &path {
            on_path[k] = false;
        }
        if cycle {
            attrs[i].parent = None;
            ends[i] = true;
        } else {
            for &k in &path {
                ends[k] = true;
            }
        }
    }
}

#[cfg(test)]
mod tests;
