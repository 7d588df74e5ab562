//! JUnit XML, which most CI systems (GitLab, Jenkins, Azure) show as test
//! results: one test suite per file, one failing test case per finding, and
//! one passing case for a clean file so that it still shows as checked.
//! Files that could not be read come last, as a suite of test cases in
//! error, so that a skipped article never looks like one that passed.

use super::{CheckedFile, FileError, LineIndex, Summary};

/// Escapes text for XML content and attribute values. Characters XML 1.0
/// cannot carry at all (most C0 controls) are replaced, not dropped, so the
/// reader sees that something was there.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// The whole report; `errors` are the files that could not be read and
/// the problems found in files that were.
pub fn junit(files: &[CheckedFile], errors: &[FileError], summary: &Summary) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let cases: usize = files.iter().map(|f| f.diagnostics.len().max(1)).sum::<usize>() + errors.len();
    out.push_str(&format!(
        "<testsuites name=\"whosaid\" tests=\"{cases}\" failures=\"{}\" errors=\"{}\">\n",
        summary.total(),
        errors.len()
    ));
    for file in files {
        let index = LineIndex::new(&file.text);
        let path = escape(&file.path);
        out.push_str(&format!(
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
            file.diagnostics.len().max(1),
            file.diagnostics.len()
        ));
        if file.diagnostics.is_empty() {
            out.push_str(&format!("    <testcase name=\"whosaid\" classname=\"{path}\"/>\n"));
        }
        for d in &file.diagnostics {
            let (line, column) = index.locate(&file.text, d.span.start);
            let mut body = format!("{}:{line}:{column}: {}[{}] {}", file.path, d.severity.as_str(), d.rule, d.message);
            if !d.chain.is_empty() {
                body.push_str(&format!("\nchain: this article → {}", d.chain.join(" → ")));
            }
            if !d.help.is_empty() {
                body.push_str(&format!("\nhelp: {}", d.help));
            }
            out.push_str(&format!(
                "    <testcase name=\"{} at line {line}, column {column}\" classname=\"{path}\" file=\"{path}\" line=\"{line}\">\n",
                escape(d.rule)
            ));
            out.push_str(&format!(
                "      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                escape(&d.message),
                escape(d.severity.as_str()),
                escape(&body)
            ));
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    if !errors.is_empty() {
        out.push_str(&error_suite(errors));
    }
    out.push_str("</testsuites>\n");
    out
}

/// One test case in error per file problem, each named by its file and
/// carrying the `path:byte: error: …` line that stderr shows.
fn error_suite(errors: &[FileError]) -> String {
    let mut out = format!(
        "  <testsuite name=\"whosaid: file errors\" tests=\"{0}\" failures=\"0\" errors=\"{0}\" skipped=\"0\">\n",
        errors.len()
    );
    for e in errors {
        let path = escape(&e.path);
        out.push_str(&format!("    <testcase name=\"{path}\" classname=\"{path}\" file=\"{path}\">\n"));
        out.push_str(&format!(
            "      <error message=\"{}\" type=\"file error\">{}</error>\n",
            escape(&e.message),
            escape(&e.to_string())
        ));
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_controls() {
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(escape("x\u{1}y\nz"), "x\u{fffd}y&#10;z");
    }
}
