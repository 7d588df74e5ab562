//! Finding the source phrase next to a cue: the subject on its left
//! ("Daniel Freed, the Assistant to the US Secretary of State, said") or
//! the noun phrase on its right ("according to the Roper Center",
//! "said the minister").

use super::view::View;
use super::words::{is_determiner, is_temporal, joins_phrase, stops_subject};
use crate::lexicon::{Lexicon, VerbForm};

/// Longest subject or object phrase, in tokens.
const MAX_PHRASE: usize = 30;

/// A word ending like a participle: "leaked", "written", "known".
fn looks_participle(w: &str) -> bool {
    w.len() > 3 && (w.ends_with("ed") || w.ends_with("en") || w.ends_with("wn"))
}

/// Nouns for records and studies that name their author with "by".
fn is_record_noun(w: &str) -> bool {
    matches!(
        w,
        "study"
            | "report"
            | "poll"
            | "survey"
            | "analysis"
            | "review"
            | "investigation"
            | "audit"
            | "paper"
            | "book"
            | "article"
            | "op-ed"
            | "column"
            | "letter"
            | "memo"
            | "statement"
            | "research"
            | "estimate"
            | "estimates"
            | "data"
            | "documents"
            | "cables"
            | "files"
            | "emails"
            | "records"
            | "interview"
            | "editorial"
    )
}

/// Whether the word at `k` can stand inside a name or description that
/// runs across it, judged by its neighbours.
fn joins_here(v: &View, k: usize) -> bool {
    let w = v.lw(k);
    let next_fits = v.is_cap(k + 1) || v.is_number(k + 1) || (k + 1 < v.len() && is_determiner(v.lw(k + 1)));
    let prev_fits = k > 0 && v.is_word(k - 1) && !stops_subject(v.lw(k - 1));
    match w {
        // "leaked by Wikileaks", "a study by Harvard"
        "by" => k > 0 && v.is_word(k - 1) && (looks_participle(v.lw(k - 1)) || is_record_noun(v.lw(k - 1))),
        // "Wikileaks and the Guardian"; "written by X and leaked by Y"
        "and" | "&" => {
            let next_word = k + 1 < v.len() && v.is_word(k + 1);
            let next_participle = next_word && looks_participle(v.lw(k + 1));
            let next_plain_noun = k > 0 && next_word && !stops_subject(v.lw(k + 1)) && v.is_cap(k - 1);
            prev_fits
                && (v.is_cap(k - 1) || v.is_number(k - 1) || next_participle)
                && (next_fits || next_participle || next_plain_noun)
        }
        // "a person with knowledge of …", "an aide with ties to …"
        "with" if k > 0 && v.is_word(k - 1) && is_person_noun(v.lw(k - 1)) => true,
        // "officials speaking on background", "… on condition of anonymity"
        "on" if k + 1 < v.len() && v.is_word(k + 1) && matches!(v.lw(k + 1), "background" | "condition") => true,
        // "Trump on Tuesday said": a time, not part of the name.
        "on" | "in" | "at" if k + 1 < v.len() && v.is_word(k + 1) && is_temporal(v.lw(k + 1)) => false,
        // "chief of staff", "head of security"
        "of" => prev_fits && k + 1 < v.len() && v.is_word(k + 1) && !stops_subject(v.lw(k + 1)),
        _ => prev_fits && next_fits,
    }
}

/// Nouns for people whom a "with" phrase can describe.
fn is_person_noun(w: &str) -> bool {
    matches!(
        w,
        "person"
            | "people"
            | "source"
            | "sources"
            | "official"
            | "officials"
            | "someone"
            | "aide"
            | "aides"
            | "member"
            | "members"
            | "diplomat"
            | "diplomats"
            | "employee"
            | "employees"
            | "executive"
            | "executives"
            | "adviser"
            | "advisers"
            | "advisor"
            | "advisors"
            | "insider"
            | "insiders"
    )
}

/// Whether the word at `k` ends a subject when met walking left.
fn ends_subject(v: &View, k: usize, lexicon: &Lexicon) -> bool {
    let w = v.lw(k);
    if joins_phrase(w) {
        return !joins_here(v, k);
    }
    if stops_subject(w) {
        return true;
    }
    // A past-tense verb ends the subject ("Wikileaks published files
    // detailing"), but an adjective after a determiner ("the leaked
    // cables") or a participle before "by" ("written by") does not.
    // The neighbours are read only for a word that looks like a
    // participle: reading them first cost a time-word test of the next
    // word for every word of every subject.
    let modifier_follows = || k + 1 < v.len() && v.is_word(k + 1) && (v.lw(k + 1) == "by" || is_temporal(v.lw(k + 1)));
    if looks_participle(w) && !v.is_cap(k) && !modifier_follows() && !after_determiner(v, k) {
        return true;
    }
    // Another verb: "... and said", "... warned" (but not the noun in
    // "documents leaked by").
    lexicon.cue_word(w).is_some_and(|c| {
        // "files show the mayor knew": the subject of "knew" starts after
        // the verb "show" (a base form counts when it is used as a verb).
        let verb_form = matches!(c.form, VerbForm::Past | VerbForm::ThirdPerson)
            || c.form == VerbForm::Base && k > 0 && v.is_word(k - 1) && v.lw(k - 1).ends_with('s');
        verb_form && !v.lw_next_is(k, "by") && !v.is_cap(k) && super::cues::used_as_verb(v, k, c.form)
    })
}

impl View<'_> {
    /// Token `k` is written against both its neighbours ("21-year").
    fn touches_neighbours(&self, k: usize) -> bool {
        k > 0
            && k + 1 < self.len()
            && self.token_span(k - 1).end == self.token_span(k).start
            && self.token_span(k).end == self.token_span(k + 1).start
    }

    fn lw_next_is(&self, k: usize, word: &str) -> bool {
        self.lw_is(k + 1, word)
    }
}

/// The subject phrase that ends just before token `end`, if any: returns
/// its first token.
pub fn subject_before(v: &View, end: usize, lexicon: &Lexicon) -> Option<usize> {
    let mut start = end;
    while start > 0 && end - start < MAX_PHRASE {
        let k = start - 1;
        if v.is_word(k) {
            if ends_subject(v, k, lexicon) {
                break;
            }
            start = k;
        } else if v.is_punct(k, ")") || v.is_punct(k, "]") {
            match v.matching_open(k) {
                Some(open) if open > 0 || start != end => start = open,
                _ => break,
            }
        } else if (v.is_punct(k, "'") || v.is_punct(k, "’") || v.is_punct(k, "/"))
            && k > 0
            && v.is_word(k - 1)
            && start < end
        {
            start = k; // "Sanders’ campaign", "Reuters/Ipsos poll"
        } else if v.is_punct(k, "-") && start < end && k > 0 && v.is_word(k - 1) && v.touches_neighbours(k) {
            start = k; // "a 21-year-old", "the 90-second ad"
        } else {
            break;
        }
    }
    // A phrase cannot start with a joining word or a stray determiner alone.
    while start < end && v.is_word(start) && joins_phrase(v.lw(start)) {
        start += 1;
    }
    // "These files show …": a demonstrative opening the sentence belongs to
    // the subject (elsewhere "this" usually ends one: "said this week").
    if start > 0 && start < end && v.is_word(start - 1) && matches!(v.lw(start - 1), "this" | "these") && start - 1 == 0
    {
        start -= 1;
    }
    // "a topic she knew", "On Tuesday she said": nothing stands before a
    // subject pronoun in its own phrase.
    if let Some(p) = (start + 1..end).rev().find(|&k| is_subject_pronoun(v.lw(k)) && !v.is_quote(k - 1)) {
        let listed = v.is_comma(p - 1) || v.is_word(p - 1) && matches!(v.lw(p - 1), "and" | "or" | "nor");
        if !listed {
            start = p;
        }
    }
    if start < end {
        start = quantifier_start(v, start);
    }
    (start < end && (end - start) < MAX_PHRASE).then_some(start)
}

/// Nominative pronouns: a subject on their own.
fn is_subject_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "they" | "we" | "i")
}

/// "about 4 in 10", "at least 21,000", "more than half", "only a
/// quarter", "even her own staff": the quantifier before a subject belongs
/// to it, though the same words end a subject elsewhere.
fn quantifier_start(v: &View, start: usize) -> usize {
    let word_at = |k: usize| if v.is_word(k) { v.lw(k) } else { "" };
    if start >= 1 && word_at(start - 1) == "at" && matches!(word_at(start), "least" | "most") {
        return start - 1;
    }
    let fraction = matches!(word_at(start + 1), "third" | "quarter" | "fifth" | "dozen" | "half" | "handful" | "few");
    let counted = v.is_number(start) || is_number_word(v.lw(start)) || v.lw(start) == "a" && fraction;
    if start >= 2 && counted {
        match (word_at(start - 2), word_at(start - 1)) {
            ("at", "least" | "most") | ("more" | "fewer" | "less", "than") => return start - 2,
            _ => {}
        }
    }
    if start >= 1 {
        let w = word_at(start - 1);
        if counted && matches!(w, "about" | "nearly" | "almost" | "roughly" | "approximately" | "some" | "over") {
            return start - 1;
        }
        if matches!(w, "only" | "even") {
            // "the only candidate who"
            return if start >= 2 && word_at(start - 2) == "the" { start - 2 } else { start - 1 };
        }
    }
    start
}

/// Counting words that open a share of people: "two in three", "half".
fn is_number_word(w: &str) -> bool {
    matches!(
        w,
        "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "half"
            | "dozens"
            | "hundreds"
            | "thousands"
    )
}

/// The subject of a cue preceded by a comma: "X, the adviser to Y, said",
/// "“…,” Melanne Verveer, who served as chief of staff, told CBS",
/// "The fund is short, Ana Ruiz, who chairs the committee, said".
/// `comma` is the index of the comma before the cue. Returns the subject's
/// first token; the subject ends at `comma`.
pub fn subject_before_comma(v: &View, comma: usize, lexicon: &Lexicon) -> Option<usize> {
    // "Trump, however, said": the aside is not part of the subject.
    let comma = match aside_before(v, comma) {
        Some(earlier) => return subject_before(v, earlier, lexicon).filter(|_| earlier > 0),
        None => comma,
    };
    let floor = clause_floor(v, comma);
    // The whole clause when it opens with a noun phrase: "The cables
    // written by X, Craig Stapleton, on December 12, reveal".
    let first_comma = (floor..comma).find(|&i| v.is_comma(i)).unwrap_or(comma);
    if floor < comma && subject_before(v, first_comma, lexicon) == Some(floor) {
        return Some(floor);
    }
    // Candidate starts: the clause start and every comma-separated segment;
    // walking left, keep the leftmost name that only appositives follow.
    let mut best = None;
    let mut seg_end = comma;
    let mut k = comma;
    while k > floor {
        k -= 1;
        let at_boundary = k == floor || v.is_comma(k - 1);
        if !at_boundary {
            continue;
        }
        let seg_start = k;
        if is_name_phrase(v, seg_start, seg_end, lexicon) {
            best = Some(seg_start);
        } else if !is_appositive(v, seg_start, seg_end) {
            break;
        }
        seg_end = seg_start.saturating_sub(1);
    }
    best
}

/// ", however," / ", for example," just before the cue's comma: returns
/// the comma that opens the aside.
fn aside_before(v: &View, comma: usize) -> Option<usize> {
    let open = (comma.saturating_sub(4)..comma).rev().find(|&k| v.is_comma(k))?;
    let aside: Vec<&str> = (open + 1..comma).filter(|&k| v.is_word(k)).map(|k| v.lw(k)).collect();
    let is_aside = matches!(
        aside.as_slice(),
        ["however"]
            | ["meanwhile"]
            | ["too"]
            | ["though"]
            | ["instead"]
            | ["for", "example"]
            | ["for", "instance"]
            | ["in", "turn"]
            | ["in", "particular"]
            | ["in", "fact"]
            | ["of", "course"]
            | ["in", "response"]
    );
    is_aside.then_some(open)
}

/// Where the clause holding `comma` starts: after a quotation mark, a
/// semicolon, colon or dash, else the sentence start.
fn clause_floor(v: &View, comma: usize) -> usize {
    (0..comma)
        .rev()
        .find(|&t| {
            v.is_quote(t) || v.is_punct(t, ";") || v.is_punct(t, ":") || v.is_punct(t, "—") || v.is_punct(t, "–")
        })
        .map_or(0, |t| t + 1)
}

/// A proper name or a definite description that can be a subject on its
/// own: "Ana Ruiz", "the mayor", "Rep. Chris Collins".
fn is_name_phrase(v: &View, start: usize, end: usize, lexicon: &Lexicon) -> bool {
    if start >= end || end - start > 10 || !v.is_word(start) {
        return false;
    }
    let first = v.lw(start);
    let opens_like_name = v.is_cap(start) || is_determiner(first);
    opens_like_name
        && !matches!(first, "who" | "which" | "whose" | "that")
        && subject_before(v, end, lexicon) == Some(start)
}

/// A segment that describes the name before it: "the adviser to Y",
/// "who served as chief of staff", "55", "R-NY".
fn is_appositive(v: &View, start: usize, end: usize) -> bool {
    if start >= end || end - start > 25 {
        return false;
    }
    let first = v.lw(start);
    v.is_cap(start)
        || v.is_number(start)
        || is_determiner(first)
        || matches!(
            first,
            "who" | "whose" | "which" | "former" | "then" | "now" | "also" | "both" | "each" | "himself" | "herself"
        )
}

/// The noun phrase starting at token `start` (after "according to", an
/// inverted "said", "citing"): returns the index after its last token.
pub fn phrase_after(v: &View, start: usize, lexicon: &Lexicon) -> Option<usize> {
    if start < v.len() && v.is_word(start) && is_temporal(v.lw(start)) {
        return None; // "said Friday"
    }
    let mut end = start;
    while end < v.len() && end - start < MAX_PHRASE {
        if v.is_word(end) {
            let w = v.lw(end);
            let stops = if end > start && joins_phrase(w) {
                !joins_here(v, end)
            } else if end > start {
                (stops_subject(w) && !is_determiner(w))
                    || (lexicon.cue_word(w).is_some()
                        && !v.is_cap(end)
                        && !v.lw_next_is(end, "by")
                        && !after_determiner(v, end))
            } else {
                stops_subject(w) && !is_determiner(w) && !matches!(w, "some" | "it" | "this" | "those" | "these")
            };
            if stops {
                break;
            }
            end += 1;
        } else if v.is_punct(end, "(") {
            match v.matching_close(end) {
                Some(close) => end = close + 1,
                None => break,
            }
        } else if (v.is_punct(end, "'") || v.is_punct(end, "’")) && end > start && v.is_word(end + 1) {
            end += 1;
        } else {
            break;
        }
    }
    (end > start).then_some(end)
}

/// "a report by the state police": after a determiner, a word spelled like
/// a cue verb is a noun or modifier inside the phrase.
fn after_determiner(v: &View, k: usize) -> bool {
    k > 0 && v.is_word(k - 1) && is_determiner(v.lw(k - 1))
}

/// Extends an inverted source ("said Daniel Freed") over a closing
/// appositive (", the Assistant to the US Secretary of State.") that runs
/// to the end of the sentence.
pub fn extend_appositive(v: &View, end: usize, lexicon: &Lexicon) -> usize {
    let limit = v.content_end();
    if !v.is_comma(end) || end + 1 >= limit {
        return end;
    }
    let tail = end + 1..limit;
    let first = v.lw(end + 1);
    // "the city engineer", "president of NDN", "75, a retiree", "who
    // chairs the panel".
    let title_word =
        v.is_word(end + 1) && !stops_subject(first) && !first.ends_with("ing") && lexicon.cue_word(first).is_none();
    let looks_like_description = v.is_cap(end + 1)
        || is_determiner(first)
        || v.is_number(end + 1)
        || title_word
        || matches!(first, "who" | "whose" | "former");
    // A relative clause may hold verbs; before it, a verb means a new clause.
    let relative = tail.clone().find(|&k| v.is_word(k) && matches!(v.lw(k), "who" | "whose")).unwrap_or(limit);
    let has_verb = (end + 1..relative).any(|k| v.is_word(k) && lexicon.cue_word(v.lw(k)).is_some() && !v.is_cap(k));
    let only_phrase = tail.clone().all(|k| {
        v.is_word(k) || v.is_comma(k) || ["-", "'", "’", "(", ")", ".", "/", "&"].iter().any(|p| v.is_punct(k, p))
    });
    if looks_like_description && !has_verb && only_phrase && tail.len() <= 30 { limit } else { end }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::BlockKind;
    use crate::sentences::Sentence;
    use crate::sentences::tokens::tokenize;
    use crate::span::Span;

    fn with_view<T>(s: &str, f: impl FnOnce(&View) -> T) -> T {
        let lex = Lexicon::builtin();
        let lower = s.to_ascii_lowercase();
        let mut toks = Vec::new();
        tokenize(s, &lower, Span::new(0, s.len()), false, &lex, &mut toks);
        // These tests look at phrases alone, quotation marks or not.
        for t in &mut toks {
            t.quoted = false;
        }
        let sentence = Sentence {
            span: Span::new(0, s.len()),
            block: 0,
            kind: BlockKind::Paragraph,
            open_quote_from: None,
            ends_in_quote: false,
        };
        let v = View { text: s, lower: &lower, toks: &toks, sentence: &sentence };
        f(&v)
    }

    fn subject(s: &str, cue: &str) -> Option<String> {
        with_view(s, |v| {
            let lex = Lexicon::builtin();
            let c = (0..v.len()).find(|&i| v.raw(i) == cue).unwrap();
            subject_before(v, c, &lex).map(|a| v.span(a, c).of(s).to_string())
        })
    }

    #[test]
    fn subjects() {
        assert_eq!(subject("The cable details that Freed stated the West", "stated").as_deref(), Some("Freed"));
        assert_eq!(
            subject("In other cable leaks, the US Ambassador to Italy mentions to the State Department", "mentions")
                .as_deref(),
            Some("the US Ambassador to Italy")
        );
        assert_eq!(
            subject(
                "Documents written by US diplomats and leaked by Wikileaks and The Guardian in 2010 disclosed details",
                "disclosed"
            )
            .as_deref(),
            Some("Documents written by US diplomats and leaked by Wikileaks and The Guardian in 2010")
        );
        assert_eq!(subject("When Saakashvili warned that", "warned").as_deref(), Some("Saakashvili"));
        assert_eq!(subject("\"It is bad,\" he said.", "said").as_deref(), Some("he"));
    }

    #[test]
    fn subject_with_commas() {
        let s = "The cables written by the US Ambassador to France, Craig Stapleton, on December 12, 2006, reveal a discussion";
        let got = with_view(s, |v| {
            let lex = Lexicon::builtin();
            let cue = (0..v.len()).find(|&i| v.raw(i) == "reveal").unwrap();
            subject_before_comma(v, cue - 1, &lex).map(|a| v.span(a, cue - 1).of(s).to_string())
        });
        assert_eq!(
            got.as_deref(),
            Some("The cables written by the US Ambassador to France, Craig Stapleton, on December 12, 2006")
        );
    }

    #[test]
    fn phrase_after_cue() {
        let s = "Clinton leads, according to the Roper Center for Public Opinion Research.";
        let got = with_view(s, |v| {
            let lex = Lexicon::builtin();
            let start = (0..v.len()).find(|&i| v.raw(i) == "the").unwrap();
            phrase_after(v, start, &lex).map(|e| v.span(start, e).of(s).to_string())
        });
        assert_eq!(got.as_deref(), Some("the Roper Center for Public Opinion Research"));
    }
}
