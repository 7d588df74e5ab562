//! Which sentences are claims, and which attribution governs each one.
//!
//! An attribution governs a sentence when it frames the sentence's main
//! clause: its content comes first ("…, she said"), or its source opens
//! the clause ("According to X, …", "When A warned …, B stated …"). An
//! attribution buried inside the claim ("The West tried to make the
//! Russians believe …") does not. Inside a governing attribution, a nested
//! one that opens its content ("… details that Freed stated …") governs in
//! turn, which is how the chain reaches the origin.

use crate::attributions::Attribution;
use crate::attributions::words::{continues_account, is_sentence_opener};
use crate::markup::Article;
use crate::sentences::Sentence;
use crate::span::Span;

/// A sentence needs at least this many words to be a claim.
const MIN_CLAIM_WORDS: usize = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Governed {
    /// No attribution frames this sentence.
    None,
    /// An attribution in (or quoting across) this sentence frames it.
    Own(usize),
    /// The previous sentence's attribution carries over.
    Carried(usize),
}

impl Governed {
    pub fn attribution(self) -> Option<usize> {
        match self {
            Governed::None => None,
            Governed::Own(a) | Governed::Carried(a) => Some(a),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Judgement {
    pub is_claim: bool,
    pub governed: Governed,
}

/// Judges every sentence of an article.
pub fn judge(article: &Article, sentences: &[Sentence], attributions: &[Attribution]) -> Vec<Judgement> {
    let text = &article.prose;
    // Each sentence's attribution ids, gathered into one reused list from
    // a single index rather than a list allocated per sentence.
    let by_sentence = super::BySentence::new(attributions);
    let mut own: Vec<usize> = Vec::new();
    let sorted = attributions.windows(2).all(|w| w[0].sentence <= w[1].sentence);
    let extents = content_extents(attributions);
    let mut window = QuoteWindow::default();
    let mut out: Vec<Judgement> = Vec::with_capacity(sentences.len());
    // The paragraph a colon introduced ("He said:") and its attribution.
    let mut introduced: Option<(usize, usize)> = None;
    for (i, s) in sentences.iter().enumerate() {
        let is_claim = s.kind.holds_claims()
            && !s.is_question(text)
            && has_words(s.span.of(text), MIN_CLAIM_WORDS)
            && !is_interview_turn(article.blocks.get(s.block).map_or("", |b| b.span.of(text)));
        own.clear();
        own.extend(by_sentence.of(i).iter().map(|&k| attributions[k].id));
        let mut governed = governing(text, s, &own, attributions).map_or(Governed::None, Governed::Own);
        if governed == Governed::None {
            let nearby = if sorted { window.around(attributions, i) } else { 0..attributions.len() };
            let quoted = quoted_from_elsewhere(s, i, &attributions[nearby.clone()], &extents[nearby]);
            governed = quoted.map_or(Governed::None, Governed::Own);
        }
        let after_colon = i > 0 && introduced_by_colon(text, &sentences[i - 1]);
        if governed == Governed::None
            && i > 0
            && (after_colon || sentences[i - 1].block == s.block && continues_previous(text, s))
            && let Some(prev) = out[i - 1].governed.attribution()
        {
            governed = Governed::Carried(prev);
            if after_colon {
                introduced = Some((s.block, prev));
            }
        }
        // "He said:" introduces the whole paragraph that follows.
        if governed == Governed::None
            && let Some((_, a)) = introduced.filter(|&(block, _)| block == s.block)
        {
            governed = Governed::Carried(a);
        }
        out.push(Judgement { is_claim, governed });
    }
    out
}

/// "Q: …" / "A: …": a paragraph of a question-and-answer interview. The
/// answers are the interviewee's words and the questions the
/// interviewer's, so neither is the article's own claim.
fn is_interview_turn(block: &str) -> bool {
    let block = block.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    ["Q:", "A:"].iter().any(|label| block.strip_prefix(label).is_some_and(|rest| rest.starts_with([' ', '*', '_'])))
}

/// Whether `text` holds at least `n` words (whitespace-separated, with a
/// letter or digit). Stops at the `n`th word: counting every word of every
/// sentence only to compare with 4 was most of judging.
fn has_words(text: &str, n: usize) -> bool {
    if n == 0 {
        return true;
    }
    // A byte loop rather than splitting into words and decoding each of
    // their characters: ASCII is classified by one table lookup (rather
    // than a chain of range tests per byte), and only other characters are
    // decoded. A word is counted at its first letter or digit and then
    // skipped to the space after it in a loop of its own, which asks
    // only "space or not" of each byte rather than tracking whether the
    // word was counted yet.
    let bytes = text.as_bytes();
    let mut found = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (_, alphanumeric, width) = word_count_class_at(text, i);
        i += width;
        if alphanumeric {
            found += 1;
            if found == n {
                return true;
            }
            i = past_word(text, i);
        }
    }
    false
}

/// Whether the character at `i` is whitespace, whether it is a letter or
/// digit, and its width.
#[inline]
fn word_count_class_at(text: &str, i: usize) -> (bool, bool, usize) {
    match WORD_COUNT_CLASS[usize::from(text.as_bytes()[i])] {
        SPACE => (true, false, 1),
        ALPHANUMERIC => (false, true, 1),
        OTHER => (false, false, 1),
        _ => {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.is_alphanumeric(), c.len_utf8())
        }
    }
}

/// The first whitespace character at or after `i`, or the end.
#[inline]
fn past_word(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        match WORD_COUNT_CLASS[usize::from(bytes[i])] {
            SPACE => return i,
            WIDE => {
                let (space, _, width) = word_count_class_at(text, i);
                if space {
                    return i;
                }
                i += width;
            }
            _ => i += 1,
        }
    }
    i
}

/// What a byte is to `has_words`.
const OTHER: u8 = 0;
const SPACE: u8 = 1;
const ALPHANUMERIC: u8 = 2;
/// The first or a later byte of a character that is not ASCII.
const WIDE: u8 = 3;

/// Classes of bytes for `has_words`: `char::is_whitespace` also takes the
/// vertical tab, which `u8::is_ascii_whitespace` does not.
const WORD_COUNT_CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if !byte.is_ascii() {
            WIDE
        } else if byte.is_ascii_whitespace() || byte == 0x0B {
            SPACE
        } else if byte.is_ascii_alphanumeric() {
            ALPHANUMERIC
        } else {
            OTHER
        };
        b += 1;
    }
    table
};

/// The first span (source or cue) of an attribution in text order.
fn lead(a: &Attribution) -> usize {
    a.source.map_or(a.cue.start, |s| s.start.min(a.cue.start))
}

/// Whether the text between `from` and `to` leaves the clause open: empty,
/// "that"/"how", "As" ("As the Courier reported, …"), or an introductory
/// phrase closed by a comma or colon.
fn opens_clause(text: &str, from: usize, to: usize) -> bool {
    if to < from {
        return false;
    }
    let gap = text[from..to].trim();
    let gap = gap.trim_start_matches(|c: char| !c.is_alphanumeric());
    // "But police fear …", "Ultimately, Clarke hopes …"
    let gap = match gap.split_once(char::is_whitespace) {
        Some((first, rest)) if is_sentence_opener(&first.trim_end_matches(',').to_ascii_lowercase()) => {
            rest.trim_start()
        }
        None if is_sentence_opener(&gap.trim_end_matches(',').to_ascii_lowercase()) => "",
        _ => gap,
    };
    let gap = gap
        .strip_prefix("that ")
        .or_else(|| gap.strip_prefix("how "))
        .unwrap_or(if matches!(gap, "that" | "how" | "As" | "as") { "" } else { gap })
        .trim();
    gap.is_empty() || gap.ends_with(',') || gap.ends_with(':') || gap.ends_with('—')
}

/// Whether an attribution frames the clause that starts at `clause_start`.
fn frames(text: &str, a: &Attribution, clause_start: usize) -> bool {
    if a.content.first().is_some_and(|c| c.start < a.cue.start && c.start <= clause_start + 2) {
        return true; // "“…,” she said" / "…, according to X"
    }
    opens_clause(text, clause_start, lead(a))
}

/// The attribution that governs sentence `s`, descending into nested
/// attributions that open their parent's content.
fn governing(text: &str, s: &Sentence, own: &[usize], attrs: &[Attribution]) -> Option<usize> {
    let root = own.iter().copied().find(|&a| {
        let parent_here = attrs[a].parent.is_some_and(|p| attrs[p].sentence == attrs[a].sentence);
        !parent_here && frames(text, &attrs[a], s.span.start)
    })?;
    let mut current = root;
    'descend: loop {
        for &child in own {
            // A belief inside a report ("the memo shows the council knew")
            // is not a further relay of the claim.
            if attrs[child].parent != Some(current) || attrs[child].kind == crate::lexicon::CueKind::Cognition {
                continue;
            }
            let holder = attrs[current].content.iter().find(|c| c.contains(attrs[child].cue));
            if let Some(piece) = holder
                && frames(text, &attrs[child], piece.start)
            {
                current = child;
                continue 'descend;
            }
        }
        return Some(current);
    }
}

/// How many sentences away a quotation can cover a sentence.
const QUOTE_REACH: usize = 40;

/// The attributions that can reach a sentence by quotation, when they are
/// in sentence order (as `extract` makes them): a short range, which keeps
/// judging a long document linear instead of scanning every attribution
/// for every sentence. Sentences are judged in order, so both ends of the
/// range only move forward: they are walked on from the last sentence's
/// rather than found by two binary searches per sentence.
#[derive(Default)]
struct QuoteWindow {
    from: usize,
    to: usize,
}

impl QuoteWindow {
    /// The indices of the attributions that can reach sentence `index`, no
    /// lower than the last one asked for.
    fn around(&mut self, attrs: &[Attribution], index: usize) -> std::ops::Range<usize> {
        while self.from < attrs.len() && attrs[self.from].sentence + QUOTE_REACH < index {
            self.from += 1;
        }
        while self.to < attrs.len() && attrs[self.to].sentence <= index + QUOTE_REACH {
            self.to += 1;
        }
        self.from..self.to.max(self.from)
    }
}

/// The span from the start of each attribution's content to its end
/// (empty when it has none): content that covers part of a sentence lies
/// inside it.
fn content_extents(attrs: &[Attribution]) -> Vec<Span> {
    let extent = |a: &Attribution| a.content.iter().copied().reduce(Span::cover).unwrap_or(Span::EMPTY);
    attrs.iter().map(extent).collect()
}

/// A quotation opened or continued in another sentence that covers most of
/// this one. `extents` are the content extents of `attrs`.
fn quoted_from_elsewhere(s: &Sentence, index: usize, attrs: &[Attribution], extents: &[Span]) -> Option<usize> {
    // Each sentence looks at the attributions of some eighty around it,
    // and the content of nearly all of them lies elsewhere: their extent,
    // read from one compact list, turns them away without walking their
    // content pieces. An empty sentence is covered by any content, so it
    // takes the long way.
    let may_cover = |e: &Span| s.span.is_empty() || e.overlaps(s.span);
    let candidates = attrs.iter().zip(extents).filter(|(_, e)| may_cover(e)).map(|(a, _)| a);
    candidates.filter(|a| a.sentence.abs_diff(index) <= QUOTE_REACH && a.sentence != index).find_map(|a| {
        let covered: usize = a.content.iter().map(|c| overlap(*c, s.span)).sum();
        (covered * 2 >= s.span.len()).then_some(a.id)
    })
}

fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// "He said:" — a sentence ending in a colon introduces what follows, in
/// its own paragraph or the next.
fn introduced_by_colon(text: &str, previous: &Sentence) -> bool {
    previous.span.of(text).trim_end().ends_with(':')
}

/// A sentence that continues the account of the one before it: it opens
/// with "Furthermore", "Additionally" and the like, or inside a quotation.
fn continues_previous(text: &str, s: &Sentence) -> bool {
    if s.open_quote_from.is_some() {
        return true;
    }
    let first: String = s
        .span
        .of(text)
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_ascii_lowercase();
    continues_account(&first) || first == "in" && s.span.of(text).to_ascii_lowercase().starts_with("in addition")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attributions::extract;
    use crate::lexicon::Lexicon;
    use crate::markup::{Format, parse};
    use crate::sentences::split;

    fn judge_text(body: &str) -> (String, Vec<Sentence>, Vec<Attribution>, Vec<Judgement>) {
        let lex = Lexicon::builtin();
        let src = format!("Title\n{body}");
        let article = parse(&src, Format::Text, &lex);
        let sentences = split(&article, &lex);
        let attrs = extract(&article, &sentences, &lex);
        let j = judge(&article, &sentences, &attrs);
        (src, sentences, attrs, j)
    }

    #[test]
    fn embedded_cognition_does_not_govern() {
        let (_, _, _, j) =
            judge_text("The council tried to make the voters believe the tax was temporary, in a bid to win.");
        assert!(j[1].is_claim);
        assert_eq!(j[1].governed, Governed::None);
    }

    #[test]
    fn subordinate_clause_then_main_speaker() {
        let (src, _, attrs, j) =
            judge_text("When Okafor warned that costs would rise, Reyes stated that the budget was fine.");
        let g = j[1].governed.attribution().unwrap();
        assert_eq!(attrs[g].source.unwrap().of(&src), "Reyes");
    }

    #[test]
    fn nested_speaker_governs() {
        let (src, _, attrs, j) = judge_text("The memo details that Ortega stated the plan was dead.");
        let g = j[1].governed.attribution().unwrap();
        assert_eq!(attrs[g].source.unwrap().of(&src), "Ortega");
    }

    #[test]
    fn carried_by_furthermore_not_by_plain_sentence() {
        let (_, _, _, j) = judge_text(
            "According to the Gazette, the port closed. Furthermore, the ferry stopped running. The mayor is on holiday this week.",
        );
        assert!(matches!(j[1].governed, Governed::Own(_)));
        assert!(matches!(j[2].governed, Governed::Carried(_)));
        assert_eq!(j[3].governed, Governed::None);
    }

    #[test]
    fn a_colon_introduces_the_whole_next_paragraph() {
        let (_, _, _, j) = judge_text(
            "The harbour master wrote in her report:\n\nThe channel is silting up. Ferries touch bottom at low tide.\n\nThe mayor is on holiday this week.",
        );
        let last = j.len() - 1;
        assert!(matches!(j[last - 2].governed, Governed::Carried(_)), "{j:?}");
        assert!(matches!(j[last - 1].governed, Governed::Carried(_)), "{j:?}");
        assert_eq!(j[last].governed, Governed::None);
    }

    #[test]
    fn a_claim_needs_four_words_with_letters_or_digits() {
        let (_, _, _, j) = judge_text("Taxes rose sharply. Taxes rose — again. Taxes rose in 2024.");
        assert_eq!(j.iter().map(|j| j.is_claim).collect::<Vec<_>>(), vec![false, false, false, true]);
    }

    /// `has_words` counts as splitting on whitespace and keeping the words
    /// with a letter or digit does.
    #[test]
    fn has_words_counts_as_a_split_does() {
        let texts = ["", "a b c d", "a — b, c", "x\u{b}y\u{a0}z\u{2003}w", "é ü 42 —", " \t\n ", "a-b c.d e f"];
        for text in texts {
            let words = text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
            for n in 0..6 {
                assert_eq!(has_words(text, n), words >= n, "{text:?} {n}");
            }
        }
    }

    #[test]
    fn questions_and_titles_are_not_claims() {
        let (_, _, _, j) = judge_text("Why would the port close so soon?");
        assert!(!j[0].is_claim);
        assert!(!j[1].is_claim);
    }
}
