//! The order findings are reported in: by where they start, then by rule.

use super::Diagnostic;

/// Sorts findings by start, then by rule id, keeping the order they were
/// found in among equals (a stable sort).
///
/// A finding is some 150 bytes and a large article has hundreds of
/// thousands; sorting them in place moved each one some twenty times and
/// was a serial tenth of a second per 10 MB. Instead a small key is sorted
/// (its index makes it unique, so an unstable sort gives the stable order)
/// and each finding is moved once.
pub fn sort_by_position(diagnostics: &mut Vec<Diagnostic>) {
    let position = |d: &Diagnostic| (d.span.start, d.rule);
    if diagnostics.is_sorted_by(|a, b| position(a) <= position(b)) {
        return;
    }
    let mut keys: Vec<(usize, &'static str, usize)> =
        diagnostics.iter().enumerate().map(|(index, d)| (d.span.start, d.rule, index)).collect();
    keys.sort_unstable();
    let mut slots: Vec<Option<Diagnostic>> = diagnostics.drain(..).map(Some).collect();
    diagnostics.extend(keys.iter().filter_map(|&(_, _, index)| slots[index].take()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;
    use crate::span::Span;

    fn finding(rule: &'static str, start: usize, message: &str) -> Diagnostic {
        Diagnostic {
            rule,
            severity: Severity::Warning,
            message: message.to_string(),
            span: Span::new(start, start + 1),
            labels: Vec::new(),
            chain: Vec::new(),
            notes: Vec::new(),
            help: "",
        }
    }

    fn order(diagnostics: &[Diagnostic]) -> Vec<(usize, &str, &str)> {
        diagnostics.iter().map(|d| (d.span.start, d.rule, d.message.as_str())).collect()
    }

    #[test]
    fn sorts_by_start_then_rule_and_keeps_the_found_order_among_equals() {
        let mut found = vec![
            finding("vague-attribution", 9, "first vague at 9"),
            finding("missing-attribution", 3, "missing at 3"),
            finding("anonymous-source", 9, "anonymous at 9"),
            finding("vague-attribution", 9, "second vague at 9"),
            finding("missing-attribution", 0, "missing at 0"),
        ];
        sort_by_position(&mut found);
        assert_eq!(
            order(&found),
            [
                (0, "missing-attribution", "missing at 0"),
                (3, "missing-attribution", "missing at 3"),
                (9, "anonymous-source", "anonymous at 9"),
                (9, "vague-attribution", "first vague at 9"),
                (9, "vague-attribution", "second vague at 9"),
            ]
        );
    }

    #[test]
    fn agrees_with_a_stable_sort_on_many_findings() {
        let rules = ["vague-attribution", "missing-attribution", "anonymous-source"];
        let mut found: Vec<Diagnostic> =
            (0..500).map(|k| finding(rules[k % 3], (k * 7919) % 97, &format!("finding {k}"))).collect();
        let mut expected = found.clone();
        expected.sort_by(|a, b| (a.span.start, a.rule).cmp(&(b.span.start, b.rule)));
        sort_by_position(&mut found);
        assert_eq!(order(&found), order(&expected));
    }
}
