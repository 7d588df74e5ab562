//! Finding cue words and phrases in a sentence, and telling verbs from the
//! nouns that share their spelling ("she fears" vs "fears of a war").

use super::view::View;
use super::words::is_determiner;
use crate::lexicon::{CueKind, Lexicon, MAY_BE_CONTENT_NOUN, MAY_BE_CUE_WORD, MAY_START_CUE_PHRASE, VerbForm};

/// A cue found in a sentence, by token index (`end` exclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueMatch {
    pub start: usize,
    pub end: usize,
    pub kind: CueKind,
    /// The verb form, for single-word verb cues.
    pub form: Option<VerbForm>,
}

/// Lemmas whose -s form is more often a plural noun ("reports", "claims").
fn plural_noun_too(w: &str) -> bool {
    matches!(
        w,
        "reports"
            | "claims"
            | "plans"
            | "hopes"
            | "fears"
            | "calls"
            | "notes"
            | "documents"
            | "shows"
            | "finds"
            | "details"
            | "comments"
            | "answers"
            | "questions"
            | "tweets"
            | "promises"
            | "demands"
            | "supports"
            | "estimates"
            | "forecasts"
            | "records"
            | "outlines"
            | "signals"
            | "labels"
            | "brands"
            | "wishes"
            | "doubts"
            | "worries"
            | "thanks"
            | "protests"
            | "objects"
            | "lists"
            | "replies"
            | "responds"
            | "results"
            | "highlights"
            | "counters"
            | "quotes"
            | "threats"
            | "views"
    )
}

/// Words that can open what a verb cue says: a clause, an object or a quote.
fn opens_complement(v: &View, i: usize) -> bool {
    if i >= v.len() {
        return false;
    }
    if v.is_quote(i) || v.is_punct(i, ":") || v.is_punct(i, ",") || v.is_cap(i) || v.is_number(i) {
        return true;
    }
    let w = v.lw(i);
    is_determiner(w)
        || matches!(
            w,
            "that"
                | "he"
                | "she"
                | "it"
                | "they"
                | "we"
                | "i"
                | "you"
                | "him"
                | "them"
                | "us"
                | "me"
                | "there"
                | "to"
                | "how"
                | "what"
                | "why"
                | "whether"
                | "if"
                | "when"
                | "where"
                | "who"
                | "no"
                | "not"
                | "more"
                | "most"
                | "all"
                | "some"
                | "both"
                | "nothing"
                | "everything"
                | "something"
                | "little"
                | "much"
                | "in"
                | "on"
                | "about"
                | "for"
                | "with"
                | "at"
                | "so"
        )
}

/// The word before `i` can only be a subject: a pronoun or a name
/// ("Sanders calls Clinton unqualified", "I support him").
fn subject_before(v: &View, i: usize) -> bool {
    i > 0
        && v.is_word(i - 1)
        && (matches!(v.lw(i - 1), "he" | "she" | "they" | "we" | "i" | "you" | "who" | "it") || v.is_cap(i - 1))
}

/// "The audit lists 14 payments", "the memo, written in May, details the
/// costs": a record right before the verb (or before an aside that ends
/// right before it) is its subject, so the noun-like form is a verb here.
fn record_subject_before(v: &View, i: usize, lexicon: &Lexicon) -> bool {
    const MAX_ASIDE: usize = 12;
    if i == 0 {
        return false;
    }
    let mut k = i - 1;
    if v.is_comma(k) {
        let Some(open) = (k.saturating_sub(MAX_ASIDE)..k).rev().find(|&j| v.is_comma(j)) else { return false };
        if open == 0 {
            return false;
        }
        k = open - 1;
    }
    // "the audit", "new emails"; not a modifier ("to discuss document
    // requests").
    let headed = k > 0 && v.is_word(k - 1) && (is_determiner(v.lw(k - 1)) || v.lw(k - 1).ends_with("'s"));
    v.is_word(k) && lexicon.document_nouns.contains(v.lw(k)) && (headed || v.lw(k).ends_with('s'))
}

/// "Polls show voters are angry": a plural subject, the base-form verb at
/// `i`, then a clause without "that".
fn bare_clause_after_plural(v: &View, i: usize) -> bool {
    plural_subject_before(v, i) && finite_clause_at(v, i + 1)
}

/// "Polls show …", "the surveys suggest …": a plural noun right before a
/// base-form verb is its subject.
fn plural_subject_before(v: &View, i: usize) -> bool {
    i > 0 && v.is_word(i - 1) && {
        let w = v.lw(i - 1);
        w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !matches!(w, "this" | "has" | "was" | "does" | "is")
    }
}

/// A clause without "that" starts at `i`: a verb ("will", "are", "could",
/// a past tense) follows within its first few words ("show voters are
/// angry", "show port officials knew").
fn finite_clause_at(v: &View, i: usize) -> bool {
    const IRREGULAR_PAST: &[&str] = &[
        "knew", "said", "told", "thought", "made", "took", "gave", "lost", "won", "paid", "left", "kept", "sold",
        "bought", "spent", "felt", "saw", "found", "met", "sent", "wrote", "ran", "fell", "rose", "grew", "began",
    ];
    (i + 1..v.len().min(i + 5)).take_while(|&k| v.is_word(k)).any(|k| {
        let w = v.lw(k);
        super::words::is_auxiliary(w) || IRREGULAR_PAST.contains(&w) || (w.len() > 4 && w.ends_with("ed"))
    })
}

/// A clause or quotation starts at `i`: "that", "how", a quote, a colon.
fn opens_clause(v: &View, i: usize) -> bool {
    i < v.len()
        && (v.is_quote(i)
            || v.is_punct(i, ":")
            || (v.is_word(i)
                && matches!(v.lw(i), "that" | "how" | "what" | "whether" | "why" | "when" | "where" | "who" | "to")))
}

/// Whether the verb-form word at `i` is used as a verb here.
pub fn used_as_verb(v: &View, i: usize, form: VerbForm) -> bool {
    let prev = (i > 0 && v.is_word(i - 1)).then(|| v.lw(i - 1));
    let next = (i + 1 < v.len() && v.is_word(i + 1)).then(|| v.lw(i + 1));
    // "in pledged delegates", "in order to": no verb follows a preposition.
    if prev.is_some_and(|p| {
        matches!(p, "in" | "of" | "for" | "with" | "by" | "from" | "on" | "at" | "about" | "among" | "into" | "than")
    }) {
        // "by saying he would", "in arguing that": a gerund that reports.
        return form == VerbForm::Gerund && prev != Some("of") && gerund_opens_clause(v, i);
    }
    // "continue to fight" is an aspect and "France will recall its
    // ambassador" withdraws someone; "he continued: …", "she recalled that
    // …" and "…, he recalled." report.
    // "All told, the groups spent …": an idiom for "in total".
    if prev == Some("all") && v.lw(i) == "told" && v.is_comma(i + 1) {
        return false;
    }
    if (v.lw(i).starts_with("continu") || v.lw(i).starts_with("recall"))
        && !(opens_clause(v, i + 1) || i + 1 >= v.len() || v.is_comma(i + 1) || v.is_punct(i + 1, "."))
    {
        return false;
    }
    // "his claims", "the report"; but "several said", "many believe".
    let noun_before =
        prev.is_some_and(|p| is_determiner(p) || form != VerbForm::Past && super::words::is_noun_modifier(p));
    if noun_before {
        return false;
    }
    if v.is_cap(i) && i > 0 && !v.is_quote(i - 1) {
        // Capitalised mid-sentence: a name or a title ("Hope Hicks",
        // "the Guardian Reports") unless a headline capitalises every word.
        let headline = v.sentence.kind != crate::markup::BlockKind::Paragraph;
        if !headline {
            return false;
        }
    }
    match form {
        VerbForm::Base => {
            // "to say" is an infinitive under another verb; "the fear of";
            // "state law" is a noun phrase.
            // "…, experts say." ends the clause; "which Democrats say could
            // be …" runs straight into the reported clause.
            let ends_clause = i + 1 >= v.len() || v.is_comma(i + 1) || v.is_punct(i + 1, ".");
            let takes_bare_clause = matches!(
                v.lw(i),
                "say"
                    | "think"
                    | "believe"
                    | "argue"
                    | "claim"
                    | "insist"
                    | "suggest"
                    | "fear"
                    | "hope"
                    | "know"
                    | "expect"
                    | "worry"
                    | "contend"
                    | "predict"
                    | "warn"
            );
            prev != Some("to")
                && next != Some("of")
                && (opens_complement(v, i + 1)
                    || ends_clause
                    || takes_bare_clause && prev.is_some()
                    || bare_clause_after_plural(v, i))
                && !(v.lw(i) == "state" && next != Some("that"))
        }
        VerbForm::ThirdPerson => {
            if next == Some("of") {
                return false;
            }
            !plural_noun_too(v.lw(i)) || opens_complement(v, i + 1)
        }
        VerbForm::Past | VerbForm::Participle => {
            // "documents leaked by", "the cables revealed by": a modifier,
            // unless a form of "be" makes it passive.
            let passive = prev.is_some_and(|p| matches!(p, "was" | "were" | "is" | "are" | "been" | "be" | "being"));
            let modifier = next == Some("by") && !passive;
            let bare_participle =
                form == VerbForm::Participle && !passive && prev.is_none_or(|p| !matches!(p, "has" | "have" | "had"));
            !modifier && !bare_participle
        }
        VerbForm::Gerund => {
            // "saying", "adding": after a comma (also one inside a closing
            // quotation mark: `“values,” saying`) or a form of "be".
            let after_comma = i > 0 && v.is_comma(i - 1) || i > 1 && v.is_quote(i - 1) && v.is_comma(i - 2);
            let progressive = prev
                .is_some_and(|p| matches!(p, "is" | "was" | "were" | "are" | "been" | "be" | "'s" | "’s"))
                || (i > 0 && (v.raw(i - 1).ends_with("'s") || v.raw(i - 1).ends_with("’s")));
            after_comma
                || progressive
                || gerund_opens_clause(v, i)
                || prev.is_some_and(super::words::is_personal_pronoun)
        }
    }
}

/// "files detailing that …", "saying he …", "adding: …": the gerund at `i`
/// runs into a reported clause or quotation.
fn gerund_opens_clause(v: &View, i: usize) -> bool {
    let next = (i + 1 < v.len() && v.is_word(i + 1)).then(|| v.lw(i + 1));
    next.is_some_and(|n| matches!(n, "that" | "he" | "she" | "they" | "it" | "we" | "i" | "reporters"))
        || v.is_quote(i + 1)
        || v.is_punct(i + 1, ":")
}

/// The most words of a sentence a cue phrase is matched against.
const MAX_PHRASE_WORDS: usize = 6;

/// All cues of `v`, left to right, not overlapping.
/// The cues of the sentence in `out`, and in `nouns` the unquoted words
/// that may be content nouns ([`Lexicon::cue_roles`]): the
/// possessive-noun search reads those instead of every token again.
pub fn find(v: &View, lexicon: &Lexicon, out: &mut Vec<CueMatch>, nouns: &mut Vec<usize>) {
    out.clear();
    nouns.clear();
    // The words a phrase may span, on the stack: a Vec here cost an
    // allocation per sentence.
    let mut words: [&str; MAX_PHRASE_WORDS] = [""; MAX_PHRASE_WORDS];
    let mut i = 0;
    while i < v.len() {
        // Speech reported inside a direct quotation is the speaker's own
        // words, not an attribution the article makes.
        let token = &v.toks[i];
        if !token.is_word() || token.quoted {
            i += 1;
            continue;
        }
        let first = token.word;
        // One slot and one byte say which lists may hold the word; each
        // lookup below reads its answer instead of its own filter.
        let roles = lexicon.cue_roles(first);
        if roles & MAY_BE_CONTENT_NOUN != 0 {
            nouns.push(i);
        }
        if roles & (MAY_BE_CUE_WORD | MAY_START_CUE_PHRASE) == 0 {
            i += 1;
            continue;
        }
        if roles & MAY_START_CUE_PHRASE != 0 {
            let mut count = 0;
            for k in (i..v.len().min(i + MAX_PHRASE_WORDS)).take_while(|&k| v.is_word(k)) {
                words[count] = v.lw(k);
                count += 1;
            }
            if let Some((len, &kind)) = lexicon.cue_phrases.longest_from(first, &words[..count]) {
                out.push(CueMatch { start: i, end: i + len, kind, form: None });
                // The phrase's other words are passed over by the cue
                // search, but not by the noun one (they share the first
                // word's quotation state: no quotation mark between).
                nouns.extend((i + 1..i + len).filter(|&k| lexicon.cue_roles(v.lw(k)) & MAY_BE_CONTENT_NOUN != 0));
                i += len;
                continue;
            }
        }
        if roles & MAY_BE_CUE_WORD != 0
            && let Some(cue) = lexicon.cue_word_unfiltered(first)
            && used_as_verb(v, i, cue.form)
            && (!cue.noun_like
                || !v.is_cap(i)
                    && (opens_clause(v, i + 1)
                        || subject_before(v, i) && opens_complement(v, i + 1)
                        || cue.form == VerbForm::Base && bare_clause_after_plural(v, i)
                        || cue.form == VerbForm::ThirdPerson && record_subject_before(v, i, lexicon)))
        {
            out.push(CueMatch { start: i, end: i + 1, kind: cue.kind, form: Some(cue.form) });
        }
        i += 1;
    }
}
