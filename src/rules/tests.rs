use super::*;
use crate::analysis::analyse;
use crate::graph::identity::Aliases;
use crate::markup::Format;

fn lint(body: &str) -> Vec<Diagnostic> {
    lint_with(body, &RuleSettings::default())
}

/// Lints `body` under a title as plain text, or as Markdown with its
/// suppression comments applied when it holds `<!--`.
fn lint_with(body: &str, settings: &RuleSettings) -> Vec<Diagnostic> {
    let lex = Lexicon::builtin();
    let markdown = body.contains("<!--");
    let (text, format) = if markdown {
        (format!("# Title\n\n{body}\n"), Format::Markdown)
    } else {
        (format!("Title\n\n{body}\n"), Format::Text)
    };
    let a = analyse(&text, format, &lex, &Aliases::default());
    let found = a.lint(&lex, settings, None);
    if !markdown {
        return found;
    }
    let claims: Vec<Span> =
        a.sentences.iter().zip(&a.judgements).filter(|(_, j)| j.is_claim).map(|(s, _)| s.span).collect();
    suppress::apply(&suppress::directives(&a.article, &claims), found, settings).kept
}

/// The rule settings an example's `config` asks for.
fn example_settings(example: &catalog::Example) -> RuleSettings {
    let Some(config) = &example.config else { return RuleSettings::default() };
    let lex = std::sync::Arc::new(Lexicon::builtin());
    crate::config::parse(config, std::path::Path::new("example.toml"), &lex).expect("example config parses").rules
}

/// Every rule file's bad examples trigger that rule; good ones are clean.
#[test]
fn rule_file_examples() {
    for doc in catalog::all() {
        for example in &doc.examples {
            let settings = example_settings(example);
            if let Some(bad) = &example.bad {
                let found = lint_with(bad, &settings);
                assert!(
                    found.iter().any(|d| d.rule == doc.id),
                    "{}: bad example not flagged: {bad}\n{found:#?}",
                    doc.id
                );
            }
            if let Some(good) = &example.good {
                let found = lint_with(good, &settings);
                assert!(found.is_empty(), "{}: good example flagged: {good}\n{found:#?}", doc.id);
            }
        }
    }
}

#[test]
fn vague_is_not_also_missing() {
    let found = lint("Sources say the harbour will be sold to a private buyer.");
    assert_eq!(found.iter().map(|d| d.rule).collect::<Vec<_>>(), vec![catalog::VAGUE]);
}

#[test]
fn secondhand_chain_names() {
    let found = lint(
        "According to the Coastal Wire, memos leaked by a former clerk show that the council knew about the leak.",
    );
    let d = found.iter().find(|d| d.rule == catalog::SECONDHAND).expect("secondhand");
    assert_eq!(d.chain, vec!["Coastal Wire".to_string(), "memos leaked by a former clerk".to_string()]);
    assert!(d.notes[0].starts_with("this article → Coastal Wire → memos"));
}

#[test]
fn own_outlet_is_circular() {
    let lex = Lexicon::builtin();
    let text =
        "+++\noutlet = \"Harbour Gazette\"\n+++\n\nThe bridge is unsafe, the Harbour Gazette reported last week.\n";
    let a = analyse(text, Format::Markdown, &lex, &Aliases::default());
    let key = a.outlet_key(&Aliases::default(), None);
    let found = a.lint(&lex, &RuleSettings::default(), key);
    assert!(found.iter().any(|d| d.rule == catalog::CIRCULAR), "{found:#?}");
}

#[test]
fn turned_off_rule_is_silent_and_severity_is_overridden() {
    let lex = Lexicon::builtin();
    let text = "Title\n\nThe port authority overspent its budget by four million dollars.\n";
    let a = analyse(text, Format::Text, &lex, &Aliases::default());
    let mut settings = RuleSettings::default();
    settings.severities.insert(catalog::MISSING.into(), Some(Severity::Error));
    assert_eq!(a.lint(&lex, &settings, None)[0].severity, Severity::Error);
    settings.severities.insert(catalog::MISSING.into(), None);
    assert!(a.lint(&lex, &settings, None).is_empty());
}

#[test]
fn words_of_matches_a_plain_split() {
    let texts = [
        "",
        "a",
        "it's U.S. policy, “they” said—42 times…",
        "  ünïcödé wörds, ok.  ",
        "x'y.z'",
        "日本語 テキスト",
        "x\u{2071}y \u{2070}\u{2074} a’b",
    ];
    for text in texts {
        for (also, in_word) in [(&b"'."[..], &CLAIM_WORD), (&b"."[..], &SOURCE_WORD), (&b""[..], &word_bytes(b""))] {
            let expected: Vec<&str> = text
                .split(|c: char| !(c.is_alphanumeric() || c.is_ascii() && also.contains(&(c as u8))))
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(words_of(text, in_word), expected, "{text:?}");
        }
    }
}

/// `alphanumeric_at` answers U+2000 to U+203F without the Unicode tables:
/// none of them is alphanumeric.
#[test]
fn general_punctuation_holds_no_word_characters() {
    for c in '\u{2000}'..='\u{203f}' {
        let text = c.to_string();
        assert_eq!(text.as_bytes()[..2], [0xE2, 0x80], "{c:?}");
        assert!(!c.is_alphanumeric(), "{c:?}");
        assert_eq!(alphanumeric_at(&text, 0), (false, 3), "{c:?}");
    }
}

fn missing_in(found: &[Diagnostic], text: &str) -> Vec<String> {
    found.iter().filter(|d| d.rule == catalog::MISSING).map(|d| d.span.of(text).to_string()).collect()
}

#[test]
fn a_sentence_mostly_reporting_a_belief_is_not_missing() {
    let body = "The ferry crossed the bay twice on Monday morning. \
                Dock workers appeared to believe the strike would end within a week.";
    let text = format!("Title\n\n{body}\n");
    let found = lint(body);
    assert_eq!(missing_in(&found, &text), vec!["The ferry crossed the bay twice on Monday morning."]);
}

#[test]
fn a_belief_buried_in_a_longer_claim_is_still_missing() {
    // The clause's own verb ("was trying to make") comes before the
    // belief, so the sentence claims what the council did.
    let body = "The council was trying to make the workers believe the yard would stay open, \
                in order to delay the vote on the sale for another season.";
    let found = lint(body);
    assert!(found.iter().any(|d| d.rule == catalog::MISSING), "{found:#?}");
}

#[test]
fn sentences_inside_a_quotation_opened_earlier_are_not_missing() {
    let body = "“We will not sign this year. The yard needs a new owner first. \
                The council has no money left,” the mayor said.";
    let found = lint(body);
    assert!(found.iter().all(|d| d.rule != catalog::MISSING), "{found:#?}");
}

#[test]
fn interview_turns_are_not_claims() {
    let body = "Q: Did the harbour office answer your letters?\n\nA: No, nobody answered them. \
                The office closed in May and the staff moved to the city.";
    let found = lint(body);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_speech_act_inside_the_sentence_is_not_missing() {
    // "announced" frames only the last clause and covers few words, but
    // the sentence still reports what the harbour board said.
    let body = "Fishing boats will moor at the old quay in Westport for the whole of August and most of September, \
                weeks after the harbour board announced its dredging work.";
    let found = lint(body);
    assert!(found.iter().all(|d| d.rule != catalog::MISSING), "{found:#?}");
}

/// The source names in the chain of the first finding of `rule`.
fn chain_of(found: &[Diagnostic], rule: &str) -> Vec<String> {
    found.iter().find(|d| d.rule == rule).map(|d| d.chain.clone()).unwrap_or_default()
}

#[test]
fn a_state_body_after_a_determiner_stays_in_the_source() {
    // "state" is also a cue verb; after "the" it is part of the name.
    let found = lint("The mayor, citing a report by the state transport department, said the bridge would stay open.");
    assert_eq!(
        chain_of(&found, catalog::SECONDHAND),
        vec!["mayor".to_string(), "report by the state transport department".to_string()]
    );
}

#[test]
fn people_whose_knowledge_a_record_reports_are_not_its_sources() {
    let found = lint("Emails obtained by the Coastal Wire show that port officials knew about the cracks in 2019.");
    assert!(found.iter().all(|d| d.rule != catalog::ANONYMOUS), "{found:#?}");
}

#[test]
fn an_opening_as_clause_vouches_for_the_main_clause() {
    let found = lint(
        "As the Coastal Wire reported last week, memos leaked by a former clerk show that the council knew about the leak.",
    );
    assert_eq!(
        chain_of(&found, catalog::SECONDHAND),
        vec!["Coastal Wire".to_string(), "memos leaked by a former clerk".to_string()]
    );
    let found = lint("As the harbour board said on Monday, the channel will close for a month.");
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_citing_aside_after_the_cue_is_a_relay() {
    let found =
        lint("The Coastal Wire reported, citing two harbour pilots, that the channel was too shallow for ferries.");
    assert_eq!(
        chain_of(&found, catalog::SECONDHAND),
        vec!["Coastal Wire".to_string(), "two harbour pilots".to_string()]
    );
}

#[test]
fn quoted_as_saying_is_a_relay() {
    let found = lint("The Coastal Wire quoted a harbour pilot as saying that the channel was too shallow for ferries.");
    assert_eq!(chain_of(&found, catalog::SECONDHAND), vec!["Coastal Wire".to_string(), "harbour pilot".to_string()]);
}

#[test]
fn a_role_description_does_not_resolve_to_a_different_role() {
    let found = lint(
        "The harbour minister, Ana Ruiz, said the dredging would start in May. \
         In an interview on Monday, the senator said the vote would be delayed.",
    );
    assert!(found.iter().any(|d| d.rule == catalog::UNRESOLVED), "{found:#?}");
}

#[test]
fn a_quoted_by_aside_is_a_relay() {
    let found = lint("The harbour minister, quoted by the Coastal Wire, said the dredging would start in May.");
    assert_eq!(chain_of(&found, catalog::SECONDHAND), vec!["Coastal Wire".to_string(), "harbour minister".to_string()]);
}

#[test]
fn cited_as_showing_is_a_relay() {
    let found = lint("The Coastal Wire cited a leaked audit as showing that the council ignored the warnings.");
    assert_eq!(chain_of(&found, catalog::SECONDHAND), vec!["Coastal Wire".to_string(), "leaked audit".to_string()]);
}

#[test]
fn the_speaker_after_an_opening_according_clause_is_the_source() {
    let found = lint(
        "According to the audit, the harbour master, Ana Ruiz, told pilots that the channel was too shallow for ferries.",
    );
    assert_eq!(
        chain_of(&found, catalog::SECONDHAND),
        vec!["audit".to_string(), "harbour master, Ana Ruiz".to_string()]
    );
    assert!(found.iter().all(|d| d.rule != catalog::ANONYMOUS), "pilots are the audience: {found:#?}");
}

#[test]
fn a_plural_record_showing_a_bare_clause_is_an_attribution() {
    let found = lint("Surveys show ferry passengers are unhappy with the new timetable.");
    assert!(found.iter().all(|d| d.rule != catalog::MISSING), "{found:#?}");
}

#[test]
fn more_vague_and_anonymous_phrasings() {
    let rules_of = |body: &str| lint(body).iter().map(|d| d.rule).collect::<Vec<_>>();
    for vague in [
        "It has been claimed that the harbour water is unsafe to swim in.",
        "There are reports that the ferry company will be sold this winter.",
        "According to local media, the harbour master has resigned from his post.",
        "Rumours are circulating that the shipyard cannot pay its workers.",
    ] {
        assert_eq!(rules_of(vague), vec![catalog::VAGUE], "{vague}");
    }
    for anonymous in [
        "A person with knowledge of the negotiations said a deal on the ferry was close.",
        "Officials speaking on background said the ferry strike would end soon.",
        "One diplomat, who declined to be identified, said the harbour talks had stalled.",
    ] {
        assert_eq!(rules_of(anonymous), vec![catalog::ANONYMOUS], "{anonymous}");
    }
}

#[test]
fn a_description_does_not_point_back_to_a_vague_mention() {
    let found =
        lint("Reports suggest the shipyard will close next year. The audit report found that the yard had lost money.");
    assert_eq!(found.iter().filter(|d| d.rule == catalog::VAGUE).count(), 1, "{found:#?}");
}

#[test]
fn a_record_description_points_back_only_to_a_record_of_its_kind() {
    let found = lint("These files show the mayor knew about the leak. The study found that the water was unsafe.");
    let unresolved: Vec<&str> =
        found.iter().filter(|d| d.rule == catalog::UNRESOLVED).map(|d| d.message.as_str()).collect();
    assert_eq!(unresolved.len(), 2, "{found:#?}");
    let found = lint("Memos leaked by a clerk show the mayor knew. The documents also show that she lied.");
    assert!(found.iter().all(|d| d.rule != catalog::UNRESOLVED), "{found:#?}");
}

#[test]
fn a_citing_aside_before_the_content_relays_whatever_the_citer_is() {
    // "Le Soir" is not recognisably an outlet, and "recall its ambassador"
    // withdraws someone: neither may hide the relay.
    let found = lint("Le Soir reported, citing harbour pilots, that the port would recall its ferry crews.");
    assert_eq!(chain_of(&found, catalog::SECONDHAND), vec!["Le Soir".to_string(), "harbour pilots".to_string()]);
}

#[test]
fn according_to_a_source_cited_by_an_outlet_is_a_relay() {
    let found =
        lint("According to an audit by the port authority, cited by the Coastal Wire, the channel was too shallow.");
    assert_eq!(
        chain_of(&found, catalog::SECONDHAND),
        vec!["Coastal Wire".to_string(), "audit by the port authority".to_string()]
    );
}

#[test]
fn a_stance_word_marks_an_account_not_a_bare_claim() {
    let found = lint("The harbour board considered selling the old ferry terminal last winter.");
    assert!(found.iter().all(|d| d.rule != catalog::MISSING), "{found:#?}");
    let found = lint("The harbour board sold the old ferry terminal last winter.");
    assert!(found.iter().any(|d| d.rule == catalog::MISSING), "{found:#?}");
}

#[test]
fn the_last_word_of_a_sentence_counts_without_its_full_stop() {
    // "skeptical." and "comment." are stance words; "reports." ends a
    // vague phrase. Abbreviations keep their dots ("u.s. officials").
    assert!(lint("The mayor was skeptical.").iter().all(|d| d.rule != catalog::MISSING));
    assert!(lint("Nobody from the board was available for comment.").iter().all(|d| d.rule != catalog::MISSING));
    let vague = lint("The mayor will resign, according to reports.");
    assert_eq!(
        vague.iter().map(|d| d.message.as_str()).collect::<Vec<_>>(),
        vec!["vague attribution: `according to reports` names no one"]
    );
    // A manner adverb is not a stance: "slowed sharply" is still a claim.
    assert!(lint("Car sales across Europe have slowed sharply in 2025.").iter().any(|d| d.rule == catalog::MISSING));
}

#[test]
fn a_source_that_refused_to_speak_is_not_anonymous() {
    let rules_of = |body: &str| lint(body).iter().map(|d| d.rule).collect::<Vec<_>>();
    assert_eq!(rules_of("A person familiar with the talks said the harbour sale was close."), vec![catalog::ANONYMOUS]);
    assert_eq!(
        rules_of("A person familiar with the talks declined to comment on the harbour sale."),
        Vec::<&str>::new()
    );
    assert!(cue_refuses("Declined", &["declin"]));
    assert!(cue_refuses("DIDN’T RESPOND", &["didn’t respond"]));
    assert!(!cue_refuses("said", &["declin", "refus"]));
    assert!(!cue_refuses("dé", &["declin"]));
}

#[test]
fn quote_marks_are_found_as_a_char_search_finds_them() {
    for s in ["plain", "a \"b\"", "“open", "close”", "it''s", "it's", "‘single’", "— dash …", "'", "\u{e2}x"]
    {
        // Padded, so that the quote falls in every lane of an eight-byte word.
        for pad in 0..10 {
            let s = format!("{}{s} and it's — the rest of it", "x".repeat(pad));
            let expected = s.contains(['"', '“', '”']) || s.contains("''");
            assert_eq!(has_quote(&s), expected, "{s:?}");
        }
    }
}

#[test]
fn a_verb_phrase_opens_with_to_or_an_auxiliary_in_any_case() {
    for (word, opens) in [("To", true), ("SHOULD", true), ("was", true), ("shoulder", false), ("ferry", false)] {
        assert_eq!(opens_verb_phrase(word), opens, "{word}");
    }
}

#[test]
fn a_chain_finding_carried_from_the_previous_sentence_says_so_and_has_no_labels() {
    let found = lint(
        "According to the Coastal Wire, memos leaked by a former clerk show that the council knew about the leak. \
         Additionally, the council hid the repair bill.",
    );
    let carried: Vec<&Diagnostic> = found.iter().filter(|d| d.rule == catalog::SECONDHAND).skip(1).collect();
    assert_eq!(carried.len(), 1, "{found:#?}");
    assert!(carried[0].labels.is_empty());
    assert_eq!(carried[0].notes[1], "attribution carried over from the previous sentence");
}

/// `past_lowercase_letters` stops at the first byte that is not `a`..=`z`,
/// at every offset and for every byte value.
#[test]
fn past_lowercase_letters_stops_at_the_first_other_byte() {
    for len in 0..20 {
        for at in 0..len {
            for stop in 0..=255u8 {
                let mut bytes = vec![b'q'; len];
                bytes[at] = stop;
                let expected = if stop.is_ascii_lowercase() { len } else { at };
                assert_eq!(past_lowercase_letters(&bytes, 0), expected, "len {len} at {at} byte {stop}");
            }
        }
    }
}
