//! The order findings are reported in: by where they start, then by rule.

use super::Diagnostic;

/// Sorts findings by start, then by rule id, keeping the order they were
/// found in among equals (a stable sort).
///
/// A finding is some 150 bytes and a large article has hundreds of
/// thousands; sorting them in place moved each one some twenty times and
/// was a serial tenth of a second per 10 MB. Instead a small key is sorted
/// (its index makes it unique, so an unstable sort gives the stable order)
/// and the findings are then put in that order in place, by swaps along
/// each cycle of the permutation: moving them into a fresh list instead
/// cost as much again in page faults.
pub fn sort_by_position(diagnostics: &mut [Diagnostic]) {
    let position = |d: &Diagnostic| (d.span.start, d.rule);
    if diagnostics.is_sorted_by(|a, b| position(a) <= position(b)) {
        return;
    }
    let mut keys: Vec<(usize, &'static str, usize)> =
        diagnostics.iter().enumerate().map(|(index, d)| (d.span.start, d.rule, index)).collect();
    keys.sort_unstable();
    let source_of: Vec<usize> = keys.iter().map(|&(_, _, index)| index).collect();
    permute(diagnostics, &source_of);
}

/// Reorders `items` so that position `k` holds what was at
/// `source_of[k]` (a permutation), walking each cycle once.
fn permute<T>(items: &mut [T], source_of: &[usize]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = source_of[at];
            if from == start {
                break;
            }
            // `items[at]` still holds the cycle's first item, which moves
            // on to `from`, where the next wanted item is taken from.
            items.swap(at, from);
            at = from;
        }
    }
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
    fn permutes_along_every_cycle() {
        // Cycles of one, two and three, and the reverse of six.
        for source_of in [vec![0, 2, 1, 4, 5, 3], vec![5, 4, 3, 2, 1, 0], vec![1, 2, 3, 4, 5, 0]] {
            let mut items = vec!['a', 'b', 'c', 'd', 'e', 'f'];
            let wanted: Vec<char> = source_of.iter().map(|&k| items[k]).collect();
            permute(&mut items, &source_of);
            assert_eq!(items, wanted, "{source_of:?}");
        }
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
