//! Signature lines: a quotation signed on the line after it, as pull quotes,
//! epigraphs and readers' letters are.
//!
//! ```text
//! > A pump failure at the plant let untreated water into the network.
//! >
//! > — RWA incident report, March 1
//! ```

use super::{Attribution, new_attribution};
use crate::lexicon::CueKind;
use crate::markup::BlockKind;
use crate::sentences::Sentence;
use crate::span::Span;

/// A signed quotation is rarely longer than this many sentences; the bound
/// keeps a run of dashes in a hostile file linear.
const MAX_SIGNED_SENTENCES: usize = 20;

/// At most this many words in a signature ("RWA incident report, March 1").
const MAX_SIGNATURE_WORDS: usize = 12;

/// The attribution a signature line at `index` makes: the dash is the cue,
/// the name up to its first comma the source, and the quotation just
/// before it (the blockquote it ends, or a paragraph that is one quotation)
/// the content. `None` when the sentence is not a signature or signs
/// nothing.
pub(super) fn signature_line(text: &str, sentences: &[Sentence], index: usize) -> Option<Attribution> {
    let sentence = &sentences[index];
    let line = sentence.span.of(text);
    // Most sentences open with a letter, digit or ASCII mark: no dash
    // after white space can follow, and trimming Unicode white space is
    // skipped.
    if line.as_bytes().first().is_some_and(|&b| b.is_ascii_graphic() && b != b'-') {
        return None;
    }
    let lead = line.len() - line.trim_start().len();
    let after_lead = &line[lead..];
    let dash_len = ["—", "―", "–", "--"].iter().find(|d| after_lead.starts_with(**d))?.len();
    let cue = Span::new(sentence.span.start + lead, sentence.span.start + lead + dash_len);
    let source = signer(text, cue.end, sentence.span.end)?;
    let content = signed_quotation(text, sentences, index);
    if content.is_empty() {
        return None;
    }
    Some(new_attribution(cue, CueKind::Speech, Some(source), content))
}

/// The name after the dash: up to its first comma or the end of the line,
/// capitalised, at most a dozen words.
fn signer(text: &str, from: usize, to: usize) -> Option<Span> {
    let rest = &text[from..to];
    let start = from + (rest.len() - rest.trim_start().len());
    let name =
        text[start..to].split([',', '(', '\n']).next()?.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    let words = name.split_whitespace().count();
    let capitalised = name.starts_with(char::is_uppercase);
    (capitalised && (1..=MAX_SIGNATURE_WORDS).contains(&words)).then(|| Span::new(start, start + name.len()))
}

/// The sentences a signature at `index` signs: the blockquote sentences just
/// before it when it stands in a blockquote, else the previous paragraph
/// when that paragraph is one quotation from its first mark to its last.
fn signed_quotation(text: &str, sentences: &[Sentence], index: usize) -> Vec<Span> {
    let sentence = &sentences[index];
    let earlier = sentences[..index].iter().rev().take(MAX_SIGNED_SENTENCES);
    let mut pieces: Vec<Span> = if sentence.kind == BlockKind::Quote {
        earlier.take_while(|s| s.kind == BlockKind::Quote).map(|s| s.span).collect()
    } else {
        let Some(previous_block) = index.checked_sub(1).map(|k| sentences[k].block) else { return Vec::new() };
        let block: Vec<Span> = earlier.take_while(|s| s.block == previous_block).map(|s| s.span).collect();
        let (Some(first), Some(last)) = (block.last(), block.first()) else { return Vec::new() };
        let whole = Span::new(first.start, last.end).of(text).trim();
        let quoted = whole.starts_with(['"', '“']) && whole.ends_with(['"', '”']);
        if !quoted {
            return Vec::new();
        }
        block
    };
    pieces.reverse();
    pieces
}
