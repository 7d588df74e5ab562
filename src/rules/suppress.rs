//! Inline suppressions in Markdown comments.
//!
//! ```text
//! <!-- whosaid-disable RULE[,RULE] -- reason -->   … <!-- whosaid-enable -->
//! <!-- whosaid-disable-next-line RULE -- reason -->  (the next claim)
//! <!-- whosaid-disable-file RULE -- reason -->
//! ```
//!
//! Rules are separated by commas or spaces; no rule means every rule. The
//! text after ` -- ` is the reason, kept with each finding it silences so a
//! desk can audit why anonymous sourcing was let through. A directive that
//! silences nothing, and a rule name whosaid does not know, are reported
//! as `unused-suppression`.

use super::{Diagnostic, RuleSettings, Severity, catalog};
use crate::config::did_you_mean;
use crate::markup::{Article, Comment};
use crate::span::Span;

pub const UNUSED: &str = "unused-suppression";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    /// Silences from here to the matching `whosaid-enable` or the end.
    Disable,
    /// Ends `Disable` regions.
    Enable,
    /// Silences the next sentence that holds a claim.
    NextLine,
    /// Silences the whole file.
    File,
}

impl DirectiveKind {
    fn name(self) -> &'static str {
        match self {
            DirectiveKind::Disable => "whosaid-disable",
            DirectiveKind::Enable => "whosaid-enable",
            DirectiveKind::NextLine => "whosaid-disable-next-line",
            DirectiveKind::File => "whosaid-disable-file",
        }
    }
}

/// One `whosaid-…` comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// The comment, `<!--` to `-->`.
    pub comment: Span,
    /// Known rule ids named; empty means every rule.
    pub rules: Vec<String>,
    /// Names that are not rule ids, with where they are.
    pub unknown: Vec<String>,
    pub reason: Option<String>,
    /// The bytes this directive silences (empty for `Enable`, or for a
    /// next-line directive with no claim after it).
    pub scope: Span,
}

impl Directive {
    fn covers(&self, d: &Diagnostic) -> bool {
        // A directive that names only unknown rules silences nothing, not
        // everything.
        let every_rule = self.rules.is_empty() && self.unknown.is_empty();
        let rule_matches = every_rule || self.rules.iter().any(|r| r == d.rule);
        let in_scope = self.scope.start <= d.span.start && d.span.start < self.scope.end;
        rule_matches && in_scope && self.kind != DirectiveKind::Enable
    }
}

/// A finding a directive silenced, with the directive's reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppressed {
    pub diagnostic: Diagnostic,
    pub reason: Option<String>,
    /// Where the directive is.
    pub directive: Span,
}

/// Splits a comment body into kind, rule names and reason; `None` when it
/// is not a whosaid directive.
fn parse_body(body: &str) -> Option<(DirectiveKind, Vec<String>, Option<String>)> {
    let body = body.trim();
    // Longest names first: "whosaid-disable" is a prefix of the others.
    let kinds = [DirectiveKind::NextLine, DirectiveKind::File, DirectiveKind::Disable, DirectiveKind::Enable];
    let (kind, rest) = kinds.iter().find_map(|k| {
        let rest = body.strip_prefix(k.name())?;
        (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some((*k, rest))
    })?;
    let (names, reason) = match rest.find("--") {
        Some(at) => (&rest[..at], Some(rest[at + 2..].split_whitespace().collect::<Vec<_>>().join(" "))),
        None => (rest, None),
    };
    let names = names.split(|c: char| c == ',' || c.is_whitespace()).filter(|n| !n.is_empty()).map(String::from);
    Some((kind, names.collect(), reason.filter(|r| !r.is_empty())))
}

/// Reads the directives of an article. `claims` are the spans of the
/// sentences that hold claims, in order, for next-line directives.
pub fn directives(article: &Article, claims: &[Span]) -> Vec<Directive> {
    let end = article.prose.len();
    let mut out: Vec<Directive> = article.comments.iter().filter_map(|c| directive(c, claims, end)).collect();
    close_regions(&mut out);
    out
}

fn directive(comment: &Comment, claims: &[Span], end: usize) -> Option<Directive> {
    let (kind, names, reason) = parse_body(&comment.body)?;
    let known: Vec<&str> = catalog::ids().collect();
    let (rules, unknown): (Vec<String>, Vec<String>) = names.into_iter().partition(|n| known.contains(&n.as_str()));
    let scope = match kind {
        DirectiveKind::File => Span::new(0, end),
        DirectiveKind::Disable => Span::new(comment.span.end, end),
        DirectiveKind::Enable => Span::new(comment.span.end, comment.span.end),
        DirectiveKind::NextLine => claims
            .iter()
            .find(|s| s.start >= comment.span.end)
            .copied()
            .unwrap_or(Span::new(comment.span.end, comment.span.end)),
    };
    Some(Directive { kind, comment: comment.span, rules, unknown, reason, scope })
}

/// Ends each `disable` region at the first later `enable` that names one
/// of its rules, or names none (which ends every open region).
fn close_regions(directives: &mut [Directive]) {
    for i in 0..directives.len() {
        if directives[i].kind != DirectiveKind::Disable {
            continue;
        }
        let closer = directives[i + 1..].iter().find(|e| {
            e.kind == DirectiveKind::Enable
                && (e.rules.is_empty() && e.unknown.is_empty()
                    || e.rules.iter().any(|r| directives[i].rules.contains(r)))
        });
        if let Some(enable) = closer {
            directives[i].scope.end = enable.comment.start;
        }
    }
}

/// What applying the directives left.
#[derive(Debug, Default)]
pub struct Applied {
    pub kept: Vec<Diagnostic>,
    pub suppressed: Vec<Suppressed>,
}

/// Silences the findings the directives cover and reports directives that
/// silenced nothing and rule names that do not exist.
pub fn apply(directives: &[Directive], diagnostics: Vec<Diagnostic>, settings: &RuleSettings) -> Applied {
    if directives.is_empty() {
        // Most articles have no directives: nothing is silenced and none
        // can be unused, so the findings are kept as they are rather than
        // moved one by one into a new, regrown list.
        let mut kept = diagnostics;
        super::order::sort_by_position(&mut kept);
        return Applied { kept, suppressed: Vec::new() };
    }
    let mut used = vec![false; directives.len()];
    let mut applied = Applied { kept: Vec::with_capacity(diagnostics.len()), suppressed: Vec::new() };
    for d in diagnostics {
        silence_or_keep(directives, d, &mut used, &mut applied);
    }
    if let Some(severity) = settings.severity(UNUSED) {
        for problem in problems(directives, &used, settings, severity) {
            // `whosaid-disable-file unused-suppression` works too.
            let mut ignore = vec![false; directives.len()];
            silence_or_keep(directives, problem, &mut ignore, &mut applied);
        }
    }
    super::order::sort_by_position(&mut applied.kept);
    applied
}

fn silence_or_keep(directives: &[Directive], d: Diagnostic, used: &mut [bool], applied: &mut Applied) {
    match directives.iter().position(|x| x.covers(&d)) {
        Some(i) => {
            used[i] = true;
            let reason = directives[i].reason.clone();
            applied.suppressed.push(Suppressed { diagnostic: d, reason, directive: directives[i].comment });
        }
        None => applied.kept.push(d),
    }
}

fn problems(directives: &[Directive], used: &[bool], settings: &RuleSettings, severity: Severity) -> Vec<Diagnostic> {
    let known: Vec<&str> = catalog::ids().collect();
    let help = catalog::get(UNUSED).map_or("", |d| d.help.as_str());
    let mut out = Vec::new();
    let mut report = |span: Span, message: String, notes: Vec<String>| {
        out.push(Diagnostic {
            rule: UNUSED,
            severity,
            message,
            span,
            labels: Vec::new(),
            chain: Vec::new(),
            notes,
            help,
        });
    };
    for (directive, &was_used) in directives.iter().zip(used) {
        for name in &directive.unknown {
            let hint = did_you_mean(name, &known).map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
            report(
                directive.comment,
                format!("unknown rule `{name}` in `{}`{hint}", directive.kind.name()),
                vec![format!("known rules: {}", known.join(", "))],
            );
        }
        let named_only_unknown = directive.rules.is_empty() && !directive.unknown.is_empty();
        // A directive for a rule the config turns off may be needed under
        // another config; only directives that could have matched count.
        let could_match = directive.rules.is_empty() || directive.rules.iter().any(|r| settings.severity(r).is_some());
        if directive.kind != DirectiveKind::Enable && !was_used && !named_only_unknown && could_match {
            let what = if directive.rules.is_empty() { "any finding".to_string() } else { directive.rules.join(", ") };
            report(directive.comment, format!("`{}` silences nothing ({what})", directive.kind.name()), Vec::new());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kinds_rules_and_reasons() {
        let (kind, rules, reason) =
            parse_body(" whosaid-disable-next-line anonymous-source, vague-attribution -- desk approved ").unwrap();
        assert_eq!(kind, DirectiveKind::NextLine);
        assert_eq!(rules, vec!["anonymous-source", "vague-attribution"]);
        assert_eq!(reason.as_deref(), Some("desk approved"));
        assert_eq!(parse_body("whosaid-disable").unwrap().0, DirectiveKind::Disable);
        assert_eq!(parse_body("whosaid-disable-file a b").unwrap().1, vec!["a", "b"]);
        assert_eq!(parse_body("whosaid-enable").unwrap().0, DirectiveKind::Enable);
        assert!(parse_body("whosaid-disabled x").is_none());
        assert!(parse_body("a note for editors").is_none());
        assert_eq!(parse_body("whosaid-disable x --").unwrap().2, None);
    }
}
