//! Closed word classes used to find where a source phrase starts and ends.
//! All lookups take ASCII-lowercased words.

/// Determiners and possessives: a cue word after one of these is a noun
/// ("his claims", "the report").
pub fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "these"
            | "those"
            | "such"
            | "no"
            | "every"
            | "each"
            | "any"
            | "this"
            | "whose"
    )
}

/// Adjectives that stand before the nouns that share a spelling with cue
/// verbs ("the new report", "his latest claims").
pub fn is_noun_modifier(w: &str) -> bool {
    matches!(
        w,
        "new"
            | "latest"
            | "recent"
            | "previous"
            | "earlier"
            | "same"
            | "internal"
            | "secret"
            | "private"
            | "joint"
            | "several"
            | "many"
            | "two"
            | "three"
            | "false"
            | "repeated"
            | "numerous"
            | "similar"
            | "other"
    )
}

/// Words that end a subject phrase when walking left from a cue.
pub fn stops_subject(w: &str) -> bool {
    is_auxiliary(w)
        || matches!(
            w,
            "that"
                | "but"
                | "when"
                | "while"
                | "because"
                | "if"
                | "as"
                | "after"
                | "before"
                | "since"
                | "although"
                | "though"
                | "so"
                | "then"
                | "where"
                | "whether"
                | "than"
                | "until"
                | "unless"
                | "once"
                | "whereas"
                | "am"
                | "shall"
                | "not"
                | "also"
                | "in"
                | "on"
                | "at"
                | "with"
                | "about"
                | "during"
                | "over"
                | "under"
                | "into"
                | "through"
                | "against"
                | "between"
                | "without"
                | "within"
                | "upon"
                | "amid"
                | "among"
                | "toward"
                | "towards"
                | "like"
                | "what"
                | "how"
                | "why"
                | "yet"
                | "even"
                | "just"
                | "only"
                | "there"
                | "here"
                | "now"
                | "today"
                | "yesterday"
                | "tomorrow"
                | "again"
                | "furthermore"
                | "additionally"
                | "moreover"
                | "however"
                | "meanwhile"
                | "instead"
                | "indeed"
                | "still"
                | "thus"
                | "hence"
                | "therefore"
                | "to"
                | "for"
                | "from"
                | "by"
                | "of"
                | "or"
                | "nor"
                | "and"
                | "who"
                | "which"
                | "whom"
                | "said"
                | "says"
                | "told"
                | "very"
                | "too"
                | "this"
                | "these"
        )
}

/// Prepositions and conjunctions allowed inside a name or description
/// ("Secretary of State for Europe", "Wikileaks and the Guardian",
/// "documents leaked by Wikileaks") when the neighbours fit.
pub fn joins_phrase(w: &str) -> bool {
    matches!(
        w,
        "of" | "for" | "to" | "by" | "and" | "from" | "at" | "on" | "in" | "&" | "de" | "del" | "van" | "von" | "with"
    )
}

/// Subordinators: a clause opened by one ends at its first comma.
pub fn is_subordinator(w: &str) -> bool {
    matches!(
        w,
        "when"
            | "if"
            | "as"
            | "after"
            | "because"
            | "while"
            | "although"
            | "though"
            | "since"
            | "before"
            | "until"
            | "unless"
            | "once"
            | "whereas"
            | "whenever"
    )
}

/// Personal pronouns that can be sources.
pub fn is_personal_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "they" | "it" | "we" | "i" | "you")
}

pub fn is_relative_pronoun(w: &str) -> bool {
    matches!(w, "who" | "which" | "that")
}

/// Verbs after which the next noun phrase is the audience, not content:
/// "told reporters", "assured the committee".
pub fn takes_audience(w: &str) -> bool {
    matches!(
        w,
        "tell"
            | "tells"
            | "told"
            | "telling"
            | "inform"
            | "informs"
            | "informed"
            | "informing"
            | "assure"
            | "assures"
            | "assured"
            | "assuring"
            | "remind"
            | "reminds"
            | "reminded"
            | "reminding"
            | "notify"
            | "notified"
            | "advise"
            | "advised"
            | "advises"
            | "warn"
            | "warns"
            | "warned"
            | "warning"
            | "ask"
            | "asks"
            | "asked"
            | "asking"
            | "urge"
            | "urges"
            | "urged"
            | "urging"
            | "promise"
            | "promised"
            | "promises"
            | "reassure"
            | "reassured"
            | "convince"
            | "convinced"
            | "persuade"
            | "persuaded"
    )
}

/// Words that open an adverbial at the start of a sentence and may stand
/// before "According to …".
pub fn is_sentence_opener(w: &str) -> bool {
    matches!(
        w,
        "but"
            | "and"
            | "yet"
            | "so"
            | "also"
            | "however"
            | "still"
            | "meanwhile"
            | "now"
            | "furthermore"
            | "additionally"
            | "moreover"
            | "indeed"
            | "instead"
            | "then"
            | "again"
            | "thus"
            | "or"
            | "ultimately"
            | "finally"
            | "later"
            | "earlier"
            | "separately"
            | "similarly"
            | "likewise"
            | "nonetheless"
            | "nevertheless"
            | "afterward"
            | "afterwards"
            | "previously"
            | "further"
            | "overall"
    )
}

/// Words that mark a following sentence as continuing the previous one's
/// account: "Furthermore, …", "He added …".
pub fn continues_account(w: &str) -> bool {
    matches!(w, "furthermore" | "additionally" | "moreover" | "also" | "further" | "besides" | "likewise" | "similarly")
}

/// Heads that make a source vague: "sources", "experts", "some".
pub fn is_vague_head(w: &str) -> bool {
    matches!(
        w,
        "sources"
            | "experts"
            | "analysts"
            | "observers"
            | "critics"
            | "commentators"
            | "reports"
            | "rumors"
            | "rumours"
            | "insiders"
            | "some"
            | "many"
            | "others"
            | "people"
            | "studies"
            | "research"
            | "scientists"
            | "economists"
            | "pundits"
            | "skeptics"
            | "sceptics"
            | "supporters"
            | "opponents"
    )
}

/// Words of time that are never sources: "said Friday", "released Monday".
pub fn is_temporal(w: &str) -> bool {
    is_weekday(w)
        || matches!(
            w,
            "today"
                | "yesterday"
                | "tonight"
                | "tomorrow"
                | "january"
                | "february"
                | "march"
                | "april"
                | "may"
                | "june"
                | "july"
                | "august"
                | "september"
                | "october"
                | "november"
                | "december"
                | "last"
                | "earlier"
                | "later"
                | "recently"
                | "week"
                | "month"
                | "year"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "this"
                | "next"
                | "previously"
                | "jan."
                | "feb."
                | "aug."
                | "sept."
                | "oct."
                | "nov."
                | "dec."
        )
}

/// An adverb in -ly ("repeatedly", "quietly", "optimistically") that
/// stands between a subject and its verb; annotators count it as part of
/// the cue. Nouns and adjectives in -ly are not.
pub fn is_ly_adverb(w: &str) -> bool {
    w.len() > 4
        && w.ends_with("ly")
        && w.bytes().all(|b| b.is_ascii_lowercase())
        && !matches!(
            w,
            "family"
                | "rally"
                | "ally"
                | "supply"
                | "assembly"
                | "reply"
                | "belly"
                | "bully"
                | "anomaly"
                | "monopoly"
                | "butterfly"
                | "early"
                | "daily"
                | "weekly"
                | "monthly"
                | "yearly"
                | "friendly"
                | "elderly"
                | "lonely"
                | "holy"
                | "ugly"
                | "italy"
                | "july"
        )
}

/// "monday" … "sunday".
pub fn is_weekday(w: &str) -> bool {
    matches!(w, "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday")
}

/// Temporal words that head a time adjunct on their own: days, months,
/// "week", "night" (but not "this" or "last", which need a noun).
pub fn is_time_noun(w: &str) -> bool {
    is_temporal(w) && is_time_noun_among_temporal(w)
}

/// [`is_time_noun`] for a word already known to be [`is_temporal`].
pub fn is_time_noun_among_temporal(w: &str) -> bool {
    !matches!(w, "this" | "last" | "next" | "earlier" | "later" | "recently" | "previously" | "may")
}

/// Heads of a phrase after "in" that make "in" a cue: "in a new poll", "in
/// Forbes' words", "in his view".
pub fn is_poll_noun(w: &str) -> bool {
    matches!(w, "poll" | "polls" | "survey" | "surveys" | "words" | "view" | "opinion" | "estimation")
}

/// Nouns in -ing that can open an appositive ("X, nothing if not loyal").
pub fn is_ing_noun(w: &str) -> bool {
    matches!(
        w,
        "nothing"
            | "something"
            | "everything"
            | "anything"
            | "thing"
            | "things"
            | "morning"
            | "evening"
            | "meeting"
            | "building"
            | "hearing"
            | "briefing"
            | "spring"
            | "darling"
            | "sibling"
            | "offspring"
    )
}

/// Forms of "be", "have" and "do" and the modals: a clause that has one
/// has a verb of its own.
pub fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "do"
            | "does"
            | "did"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
    )
}
