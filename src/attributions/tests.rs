use super::*;
use crate::markup::{Format, parse};
use crate::sentences::split;

/// Cue, source, content pieces and parent of one attribution.
type Extracted = (String, Option<String>, Vec<String>, Option<usize>);

/// Every attribution in `text`.
fn extract_text(text: &str) -> Vec<Extracted> {
    let lex = Lexicon::builtin();
    let src = format!("Title\n{text}");
    let article = parse(&src, Format::Text, &lex);
    let sentences = split(&article, &lex);
    extract(&article, &sentences, &lex)
        .iter()
        .map(|a| {
            (
                a.cue.of(&src).to_string(),
                a.source.map(|s| s.of(&src).to_string()),
                a.content.iter().map(|c| c.of(&src).to_string()).collect(),
                a.parent,
            )
        })
        .collect()
}

fn one(text: &str) -> Extracted {
    let got = extract_text(text);
    assert_eq!(got.len(), 1, "{got:?}");
    got.into_iter().next().unwrap()
}

#[test]
fn plain_said_that() {
    let (cue, source, content, _) = one("The mayor said that the bridge would reopen in May.");
    assert_eq!(cue, "said");
    assert_eq!(source.as_deref(), Some("The mayor"));
    assert_eq!(content, vec!["that the bridge would reopen in May"]);
}

#[test]
fn quote_before_subject() {
    let (cue, source, content, _) = one("“The bridge is safe,” the engineer said.");
    assert_eq!(cue, "said");
    assert_eq!(source.as_deref(), Some("the engineer"));
    assert_eq!(content, vec!["“The bridge is safe,”"]);
}

#[test]
fn inverted_with_appositive() {
    let (_, source, content, _) = one("The bridge is safe, said Ana Ruiz, the city engineer.");
    assert_eq!(source.as_deref(), Some("Ana Ruiz, the city engineer"));
    assert_eq!(content, vec!["The bridge is safe"]);
}

#[test]
fn according_to_first_and_last() {
    let (cue, source, content, _) = one("According to the Harbour Gazette, the port will close.");
    assert_eq!(cue, "According to");
    assert_eq!(source.as_deref(), Some("the Harbour Gazette"));
    assert_eq!(content, vec!["the port will close"]);
    let (_, source, content, _) = one("The port will close, according to the Harbour Gazette.");
    assert_eq!(source.as_deref(), Some("the Harbour Gazette"));
    assert_eq!(content, vec!["The port will close"]);
}

#[test]
fn relay_nests_under_according() {
    let got = extract_text("According to Coastal Wire, memos leaked by a former clerk show that the council knew.");
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Coastal Wire"));
    assert_eq!(got[1].0, "show");
    assert_eq!(got[1].1.as_deref(), Some("memos leaked by a former clerk"));
    assert_eq!(got[1].3, Some(0));
}

#[test]
fn nested_speech() {
    let got = extract_text("The memo details that Ortega stated the plan was dead.");
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("The memo"));
    assert_eq!(got[1].1.as_deref(), Some("Ortega"));
    assert_eq!(got[1].2, vec!["the plan was dead"]);
    assert_eq!(got[1].3, Some(0));
}

#[test]
fn audience_is_not_content() {
    let (cue, source, content, _) = one("Ortega told Coastal Wire that the plan was dead.");
    assert_eq!(cue, "told");
    assert_eq!(source.as_deref(), Some("Ortega"));
    assert_eq!(content, vec!["that the plan was dead"]);
}

#[test]
fn citing_relays_under_main_cue() {
    let got = extract_text("The Gazette, citing two council members, reported that the vote failed.");
    let reported = got.iter().position(|a| a.0 == "reported").expect("reported");
    let citing = got.iter().position(|a| a.0.starts_with("citing")).expect("citing");
    assert_eq!(got[reported].1.as_deref(), Some("The Gazette"));
    assert_eq!(got[citing].1.as_deref(), Some("two council members"));
    assert_eq!(got[citing].3, Some(reported));
}

#[test]
fn split_quote_has_two_pieces() {
    let (_, source, content, _) = one("“We are ready,” she said, “and we will win.”");
    assert_eq!(source.as_deref(), Some("she"));
    assert_eq!(content, vec!["“We are ready,”", "“and we will win.”"]);
}

#[test]
fn quote_across_sentences() {
    let (_, _, content, _) = one("“We built it. It works,” Ruiz said.");
    // One quotation over two sentences is one piece of content.
    assert_eq!(content, vec!["“We built it. It works,”"]);
}

#[test]
fn glue_words_join_the_cue() {
    let (cue, source, _, _) = one("Burns also added that the talks had stalled.");
    assert_eq!(cue, "also added");
    assert_eq!(source.as_deref(), Some("Burns"));
}

#[test]
fn nouns_are_not_cues() {
    assert!(extract_text("Fears of a new war have grown in the region.").is_empty());
    assert!(extract_text("The reports of flooding were late.").is_empty());
}

#[test]
fn cognition() {
    let (cue, source, content, _) = one("Most voters believe the economy is weak.");
    assert_eq!(cue, "believe");
    assert_eq!(source.as_deref(), Some("Most voters"));
    assert_eq!(content, vec!["the economy is weak"]);
}

/// The source of the attribution whose cue is `cue` in `text`.
fn source_of(text: &str, cue: &str) -> Option<String> {
    let got = extract_text(text);
    got.into_iter().find(|a| a.0 == cue).unwrap_or_else(|| panic!("no cue {cue:?} in {text:?}")).1
}

#[test]
fn ly_adverbs_join_the_cue() {
    let (cue, source, _, _) = one("The harbour master has repeatedly warned that the pier is unsafe.");
    assert_eq!(cue, "has repeatedly warned");
    assert_eq!(source.as_deref(), Some("The harbour master"));
    let (cue, source, _, _) = one("Ortega quietly conceded that the count was late.");
    assert_eq!(cue, "quietly conceded");
    assert_eq!(source.as_deref(), Some("Ortega"));
}

#[test]
fn time_between_subject_and_cue_is_neither() {
    let (cue, source, _, _) = one("Councillor Mia Berg on Saturday criticized the ferry timetable.");
    assert_eq!(cue, "criticized");
    assert_eq!(source.as_deref(), Some("Councillor Mia Berg"));
    assert_eq!(
        source_of("The Harbour Gazette this week reported that fares will rise.", "reported").as_deref(),
        Some("The Harbour Gazette")
    );
    assert_eq!(source_of("Ortega at the time said the pier was safe.", "said").as_deref(), Some("Ortega"));
}

#[test]
fn subject_pronoun_stands_alone() {
    assert_eq!(source_of("On Tuesday she argued that the levy was too high.", "argued").as_deref(), Some("she"));
    assert_eq!(source_of("The harbour was a topic he knew well.", "knew").as_deref(), Some("he"));
    // A pronoun in a list keeps the list.
    assert_eq!(source_of("Ruiz and I said the vote was fair.", "said").as_deref(), Some("Ruiz and I"));
}

#[test]
fn quantifiers_and_hyphens_stay_in_the_subject() {
    assert_eq!(source_of("About 4 in 10 said the ferry was late.", "said").as_deref(), Some("About 4 in 10"));
    assert_eq!(source_of("At least 300 said they would vote.", "said").as_deref(), Some("At least 300"));
    assert_eq!(
        source_of("Even her own staff believe the plan is weak.", "believe").as_deref(),
        Some("Even her own staff")
    );
    assert_eq!(source_of("A 19-year-old said the pier was dark.", "said").as_deref(), Some("A 19-year-old"));
}

#[test]
fn inverted_source_keeps_its_description() {
    let (_, source, _, _) = one("“The pier is safe,” said Ana Ruiz, director of the Port Authority.");
    assert_eq!(source.as_deref(), Some("Ana Ruiz, director of the Port Authority"));
    let (_, source, _, _) = one("“The pier is safe,” said Ana Ruiz, who chairs the harbour board.");
    assert_eq!(source.as_deref(), Some("Ana Ruiz, who chairs the harbour board"));
    let (_, source, _, _) = one("Fares will rise, according to Jo Berg, who advised the council.");
    assert_eq!(source.as_deref(), Some("Jo Berg, who advised the council"));
    // What follows a comma is not a description when it is an action.
    let got = extract_text("“The pier is safe,” said Ana Ruiz, pointing to the new railings.");
    assert_eq!(got[0].1.as_deref(), Some("Ana Ruiz"));
}

#[test]
fn opening_clause_is_not_the_shared_subject() {
    let got = extract_text("When Ortega visited the pier and said it was safe, nobody listened.");
    let said = got.iter().find(|a| a.0 == "said").expect("said");
    assert_eq!(said.1.as_deref(), Some("Ortega"));
}

#[test]
fn gerund_after_quoted_comma_or_preposition() {
    let got = extract_text("Ortega praised the “harbour spirit,” saying the town had rebuilt fast.");
    let saying = got.iter().find(|a| a.0 == "saying").expect("saying");
    assert_eq!(saying.1.as_deref(), Some("Ortega"));
    assert_eq!(saying.2, vec!["the town had rebuilt fast"]);
    let got = extract_text("Berg ended the debate by arguing that the levy was fair.");
    let arguing = got.iter().find(|a| a.0 == "arguing").expect("arguing");
    assert_eq!(arguing.1.as_deref(), Some("Berg"));
    // A noun after a preposition is still no cue.
    assert!(extract_text("The harbour was full of offerings for the festival.").is_empty());
}

#[test]
fn measured_cue_additions() {
    let (cue, source, _, _) = one("The mayor offered a rosy forecast for the port.");
    assert_eq!((cue.as_str(), source.as_deref()), ("offered", Some("The mayor")));
    let (cue, source, _, _) = one("The harbour board attacked the new timetable.");
    assert_eq!((cue.as_str(), source.as_deref()), ("attacked", Some("The harbour board")));
    // The noun forms of the same lemmas are not cues.
    assert!(extract_text("The attacks on the harbour board continued for weeks.").is_empty());
    assert!(extract_text("Several issues remain open at the port.").is_empty());
}

#[test]
fn opening_poll_is_a_source() {
    let (cue, source, content, _) = one("In a Harbour Gazette poll released Monday, 52 percent backed the levy.");
    assert_eq!(cue, "In");
    assert_eq!(source.as_deref(), Some("a Harbour Gazette poll released Monday"));
    assert_eq!(content, vec!["52 percent backed the levy"]);
    // "In other words" and a standing "in the polls" are no attribution.
    assert!(extract_text("In other words, the levy is safe.").is_empty());
    assert!(extract_text("Berg leads comfortably in the polls.").is_empty());
}

#[test]
fn interruptions_leave_the_subject() {
    assert_eq!(
        source_of("Ortega, recalling the storm of 1998, said the pier would hold.", "said").as_deref(),
        Some("Ortega")
    );
    assert_eq!(
        source_of("The mayor, however, insisted that the pier was safe.", "insisted").as_deref(),
        Some("The mayor")
    );
    // An appositive before the interruption keeps its closing comma.
    assert_eq!(
        source_of("Ana Ruiz, a harbour pilot, speaking to reporters, said the fog was thick.", "said").as_deref(),
        Some("Ana Ruiz, a harbour pilot,")
    );
}

#[test]
fn noun_like_verb_after_an_opening_name() {
    let (cue, source, content, _) = one("Ortega hopes the ferry will run again by June.");
    assert_eq!((cue.as_str(), source.as_deref()), ("hopes", Some("Ortega")));
    assert_eq!(content, vec!["the ferry will run again by June"]);
}

#[test]
fn a_year_or_month_after_a_passive_cue_is_not_its_agent() {
    for text in ["The shortfall was predicted in 2022.", "The closure was announced in March by nobody."] {
        let got = extract_text(text);
        assert!(got.iter().all(|(_, source, _, _)| source.as_deref() != Some("2022")), "{got:?}");
        assert!(got.iter().all(|(_, source, _, _)| !source.as_deref().unwrap_or("").starts_with("March")), "{got:?}");
    }
    let (cue, source, _, _) = one("The rise was described in the council's own report.");
    assert_eq!(cue, "was described in");
    assert_eq!(source.as_deref(), Some("the council's own report"));
}

#[test]
fn a_dash_line_signs_the_quotation_before_it() {
    let got = extract_text(
        "“The river has never been this low. We are afraid.”\n— Jonas Berg, fisherman\nThe river fell again.",
    );
    let signed = got.iter().find(|a| a.0 == "—").expect("signature");
    assert_eq!(signed.1.as_deref(), Some("Jonas Berg"));
    assert_eq!(signed.2, vec!["“The river has never been this low. We are afraid.”"]);
    // A dash line after plain prose signs nothing.
    let got = extract_text("The river has never been this low.\n— Jonas Berg, fisherman");
    assert!(got.iter().all(|a| a.0 != "—"), "{got:?}");
}

#[test]
fn records_showing_a_bare_past_clause_are_the_source() {
    let got = extract_text("The emails show port officials knew about the cracks in 2023.");
    let show = got.iter().find(|a| a.0 == "show").expect("show is a cue");
    assert_eq!(show.1.as_deref(), Some("The emails"));
    assert_eq!(show.2, vec!["port officials knew about the cracks in 2023"]);
}

#[test]
fn a_record_listing_or_detailing_things_is_their_source() {
    for text in [
        "The audit lists 14 payments without invoices.",
        "The audit, published by the regional court, lists 14 payments without invoices.",
    ] {
        let got = extract_text(text);
        let lists = got.iter().find(|a| a.0 == "lists").unwrap_or_else(|| panic!("{text}: {got:?}"));
        assert!(lists.1.as_deref().is_some_and(|s| s.starts_with("The audit")), "{got:?}");
        assert_eq!(lists.2, vec!["14 payments without invoices"]);
    }
    // A record noun as a modifier makes no subject.
    let got = extract_text("The minister met the clerk to discuss document requests.");
    assert!(got.iter().all(|a| a.0 != "requests"), "{got:?}");
}

#[test]
fn all_told_is_no_cue() {
    let got = extract_text("All told, the groups spent more than two million dollars on the campaign.");
    assert!(got.iter().all(|a| a.0 != "told"), "{got:?}");
}
