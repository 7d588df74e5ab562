//! Machine-readable and grep-friendly check output: json, jsonl, concise.

use std::ops::ControlFlow;

use serde::Serialize;

use super::{CheckedFile, FileError, LineCursor, LineIndex, Summary};
use crate::analysis::Workers;
use crate::bytescan::{bytes_below, find_first, splat, zero_bytes};
use crate::rules::{Diagnostic, Label};
use crate::span::Span;

/// Version of the JSON documents; bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub path: &'a str,
    pub rule: &'a str,
    pub severity: &'a str,
    pub message: &'a str,
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub chain: &'a [String],
    pub labels: &'a [Label],
    pub notes: &'a [String],
    pub help: &'a str,
}

/// A finding silenced by a `whosaid-disable` comment, with its reason.
#[derive(Serialize)]
pub struct JsonSuppressed<'a> {
    #[serde(flatten)]
    pub diagnostic: JsonDiagnostic<'a>,
    /// The text after ` -- ` in the directive, if any.
    pub reason: Option<&'a str>,
    /// The line of the directive.
    pub directive_line: usize,
}

#[cfg(test)]
#[derive(Serialize)]
struct JsonCheck<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    suppressed: Vec<JsonSuppressed<'a>>,
    summary: Summary,
    errors: &'a [FileError],
}

pub fn json_diagnostic<'a>(file: &'a CheckedFile, index: &LineIndex, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let start = index.locate(&file.text, d.span.start);
    let end = index.locate(&file.text, d.span.end);
    json_diagnostic_at(file, d, start, end)
}

/// A diagnostic for the JSON writers, its start and end already located
/// as lines and columns.
fn json_diagnostic_at<'a>(
    file: &'a CheckedFile,
    d: &'a Diagnostic,
    (line, column): (usize, usize),
    (end_line, end_column): (usize, usize),
) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        path: &file.path,
        rule: d.rule,
        severity: d.severity.as_str(),
        message: &d.message,
        span: d.span,
        line,
        column,
        end_line,
        end_column,
        chain: &d.chain,
        labels: &d.labels,
        notes: &d.notes,
        help: d.help,
    }
}

/// The `check --format json` document.
pub fn json(files: &[CheckedFile], errors: &[FileError], file_count: usize) -> String {
    let mut doc = json_open();
    let mut wrote_any = false;
    let mut suppressed = Vec::new();
    for f in files {
        let fragment = json_fragment(f);
        if !fragment.is_empty() {
            if wrote_any {
                doc.push(',');
            }
            doc.push_str(&fragment);
            wrote_any = true;
        }
        suppressed.extend(json_suppressed(f));
    }
    doc.push_str(&json_close(wrote_any, &suppressed, &Summary::of(files, file_count), errors));
    doc
}

// The json document is written in pieces so that `check` can stream it
// file by file: `json_open`, then each file's `json_fragment` joined by
// commas, then `json_close` with the (few) suppressed findings kept
// aside. Together they give exactly what `serde_json::to_string_pretty`
// gives for the whole document.

/// Appends pretty JSON of `value`, nested `depth` levels deep, to `out`.
fn write_pretty_at<T: Serialize>(out: &mut Vec<u8>, value: &T, depth: usize) {
    let mut serializer = serde_json::Serializer::with_formatter(out, Nested { depth, has_value: false });
    // Writing into memory cannot fail, and our types always serialize.
    let _ = value.serialize(&mut serializer);
}

/// Pretty JSON of `value` as it appears nested `depth` levels deep.
fn pretty_at<T: Serialize>(value: &T, depth: usize) -> String {
    let mut out = Vec::new();
    write_pretty_at(&mut out, value, depth);
    String::from_utf8(out).unwrap_or_default()
}

/// serde_json's pretty layout (two-space indent) starting `depth` levels
/// deep, so that a value rendered on its own drops into a document
/// exactly as if the whole document had been rendered at once.
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn newline<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, mark: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(mark)
    }

    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, mark: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(mark)
    }

    fn item<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// The document up to the opening of the diagnostics array.
pub fn json_open() -> String {
    format!("{{\n  \"version\": {JSON_VERSION},\n  \"diagnostics\": [")
}

/// Elements nested at depth 2 with their leading newlines, comma-separated.
fn elements<T: Serialize>(items: impl Iterator<Item = T>) -> String {
    let mut out = Vec::new();
    write_elements(&mut out, items);
    String::from_utf8(out).unwrap_or_default()
}

/// Appends what `elements` gives to `out`.
fn write_elements<T: Serialize>(out: &mut Vec<u8>, items: impl Iterator<Item = T>) {
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"\n    ");
        write_pretty_at(out, &item, 2);
    }
}

/// One file's diagnostics as array elements, comma-separated; empty when
/// the file has none.
pub fn json_fragment(file: &CheckedFile) -> String {
    // The pieces are strings already: the first is kept as it is and the
    // rest appended, rather than all copied into bytes and checked again
    // as UTF-8.
    let mut out = String::new();
    let _ = render_pieces(file, |piece| {
        if out.is_empty() {
            out = piece;
        } else {
            out.push_str(&piece);
        }
        ControlFlow::Continue(())
    });
    out
}

/// How many diagnostics `json_fragment_pieces` renders per piece.
const DIAGNOSTICS_PER_PIECE: usize = 256;

/// About how long one diagnostic's JSON is (PolNeAR's average is ~580).
const TYPICAL_DIAGNOSTIC_BYTES: usize = 640;

/// Pieces rendered side by side, per worker, before they are written: a
/// large article's findings are rendered on all its workers, a round at a
/// time, so that memory holds a few pieces rather than the whole JSON.
const PIECES_PER_WORKER_ROUND: usize = 8;

/// `json_fragment`, handed to `write` a few hundred diagnostics at a time,
/// so that a file with a million findings never has its whole JSON in
/// memory. Stops when `write` breaks.
pub fn json_fragment_pieces(file: &CheckedFile, mut write: impl FnMut(&[u8]) -> ControlFlow<()>) -> ControlFlow<()> {
    render_pieces(file, |piece| write(piece.as_bytes()))
}

/// `json_fragment_pieces`, each piece handed over whole.
fn render_pieces(file: &CheckedFile, mut write: impl FnMut(String) -> ControlFlow<()>) -> ControlFlow<()> {
    if file.diagnostics.is_empty() {
        return ControlFlow::Continue(());
    }
    let workers = Workers::for_article(file.text.len());
    let pieces: Vec<&[Diagnostic]> = file.diagnostics.chunks(DIAGNOSTICS_PER_PIECE).collect();
    let per_round = workers.count() * PIECES_PER_WORKER_ROUND;
    // A file rendered in one go by one worker (nearly every article) is
    // located by a cursor that walks its lines once, in the order its
    // findings start; a larger one is indexed once and shared, as its
    // rounds and workers each start elsewhere in it.
    let single_pass = workers.count() == 1 && pieces.len() <= per_round;
    let index = (!single_pass).then(|| LineIndex::new(&file.text));
    for (round, batch) in pieces.chunks(per_round).enumerate() {
        let rendered = workers.map_ranges(batch.len(), |range| {
            // Room for the findings at a typical size, so that the piece is
            // not copied over and over as it grows.
            let findings: usize = batch[range.clone()].iter().map(|piece| piece.len()).sum();
            let mut out = String::with_capacity(findings * TYPICAL_DIAGNOSTIC_BYTES);
            // Every diagnostic repeats the path and its rule's help, a third
            // of the document: each is escaped once.
            let quoted_path = json_string(&file.path);
            let mut quoted_help = QuotedOnce::default();
            // Starts ascend, and a finding's end is nearly always on the
            // line of the next one's start or before it.
            let mut lines = LineCursor::new(&file.text);
            for k in range {
                if round > 0 || k > 0 {
                    out.push(',');
                }
                for (i, d) in batch[k].iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str("\n    ");
                    let help = quoted_help.get_or_insert(d.help);
                    let located = match &index {
                        Some(index) => json_diagnostic(file, index, d),
                        None => json_diagnostic_at(file, d, lines.locate(d.span.start), lines.locate(d.span.end)),
                    };
                    write_diagnostic(&mut out, &located, &quoted_path, help);
                }
            }
            out
        });
        for piece in rendered {
            write(piece)?;
        }
    }
    ControlFlow::Continue(())
}

/// A diagnostic as a pretty object nested two levels deep, byte for byte
/// what serde writes through [`Nested`] (a test holds them equal), written
/// directly: rendering was a twelfth of a PolNeAR check, most of it
/// serde's per-field and per-string machinery.
fn write_diagnostic(out: &mut String, d: &JsonDiagnostic, quoted_path: &str, quoted_help: &str) {
    // Each key is written with the comma, newline and indent before it
    // and the `": ` after it as one literal: one copy rather than six
    // pushes per key.
    out.push_str("{\n      \"path\": ");
    out.push_str(quoted_path);
    out.push_str(",\n      \"rule\": ");
    write_json_str(out, d.rule);
    out.push_str(",\n      \"severity\": ");
    write_json_str(out, d.severity);
    out.push_str(",\n      \"message\": ");
    write_json_str(out, d.message);
    out.push_str(",\n      \"span\": ");
    write_span(out, &SPAN_AT_6, d.span);
    for (key, number) in [
        (",\n      \"line\": ", d.line),
        (",\n      \"column\": ", d.column),
        (",\n      \"end_line\": ", d.end_line),
        (",\n      \"end_column\": ", d.end_column),
    ] {
        out.push_str(key);
        write_number(out, number);
    }
    out.push_str(",\n      \"chain\": ");
    write_string_array(out, 6, d.chain);
    out.push_str(",\n      \"labels\": ");
    write_array(out, 6, d.labels, |out, label| {
        out.push_str("{\n          \"span\": ");
        write_span(out, &SPAN_AT_10, label.span);
        out.push_str(",\n          \"message\": ");
        write_json_str(out, &label.message);
        write_close(out, 8, '}');
    });
    out.push_str(",\n      \"notes\": ");
    write_string_array(out, 6, d.notes);
    out.push_str(",\n      \"help\": ");
    out.push_str(quoted_help);
    write_close(out, 4, '}');
}

/// `text` as a JSON string.
fn json_string(text: &str) -> String {
    let mut out = String::new();
    write_json_str(&mut out, text);
    out
}

/// The rules' help texts as JSON strings, each escaped the first time it
/// is asked for. There are a handful of rules, so a list beats a map.
#[derive(Default)]
struct QuotedOnce {
    quoted: Vec<(&'static str, String)>,
}

impl QuotedOnce {
    fn get_or_insert(&mut self, text: &'static str) -> &str {
        let at = match self.quoted.iter().position(|(t, _)| std::ptr::eq(*t, text)) {
            Some(at) => at,
            None => {
                self.quoted.push((text, json_string(text)));
                self.quoted.len() - 1
            }
        };
        &self.quoted[at].1
    }
}

/// The first byte at or after `from` that JSON escapes: a quote, a
/// backslash or a control character, found eight bytes at a time.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    find_first(
        bytes,
        from,
        |word| zero_bytes(word ^ splat(b'"')) | zero_bytes(word ^ splat(b'\\')) | bytes_below(word, 0x20),
        |b| JSON_ESCAPE[usize::from(b)] != 0,
    )
}

/// What serde_json writes for each byte of a string: 0 for the byte
/// itself, `u` for a `\u00XX` escape, else the letter after a backslash.
const JSON_ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[b'\n' as usize] = b'n';
    table[b'\r' as usize] = b'r';
    table[b'\t' as usize] = b't';
    table[0x08] = b'b';
    table[0x0c] = b'f';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Spaces enough for the deepest indent of a diagnostic.
const SPACES: &str = "                ";

fn write_newline(out: &mut String, indent: usize) {
    out.push('\n');
    match SPACES.get(..indent) {
        Some(spaces) => out.push_str(spaces),
        None => out.extend(std::iter::repeat_n(' ', indent)),
    }
}

/// The closing `mark` of a non-empty object or array, on its own line.
fn write_close(out: &mut String, indent: usize, mark: char) {
    write_newline(out, indent);
    out.push(mark);
}

/// `number` in decimal, without the formatting machinery.
fn write_number(out: &mut String, mut number: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (number % 10) as u8;
        number /= 10;
        if number == 0 {
            break;
        }
    }
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
}

/// What is written around the numbers of a span whose key sits at some
/// indent, each piece as one literal.
struct SpanLayout {
    /// The opening brace and the `start` key.
    open: &'static str,
    /// The `end` key, with the comma before it.
    end: &'static str,
    /// The closing brace on its own line.
    close: &'static str,
}

/// A diagnostic's span, whose key sits six spaces in.
const SPAN_AT_6: SpanLayout =
    SpanLayout { open: "{\n        \"start\": ", end: ",\n        \"end\": ", close: "\n      }" };

/// A label's span, whose key sits ten spaces in.
const SPAN_AT_10: SpanLayout =
    SpanLayout { open: "{\n            \"start\": ", end: ",\n            \"end\": ", close: "\n          }" };

/// `{"start": …, "end": …}` laid out as `layout` says.
fn write_span(out: &mut String, layout: &SpanLayout, span: Span) {
    out.push_str(layout.open);
    write_number(out, span.start);
    out.push_str(layout.end);
    write_number(out, span.end);
    out.push_str(layout.close);
}

/// An array whose key sits at `indent`: `[]` when empty, else one element
/// per line written by `element`.
fn write_array<T>(out: &mut String, indent: usize, items: &[T], element: impl Fn(&mut String, &T)) {
    out.push('[');
    if items.is_empty() {
        out.push(']');
        return;
    }
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_newline(out, indent + 2);
        element(out, item);
    }
    write_close(out, indent, ']');
}

fn write_string_array(out: &mut String, indent: usize, items: &[String]) {
    write_array(out, indent, items, |out, item| write_json_str(out, item));
}

/// `text` as a JSON string, escaped as serde_json escapes it: quotes,
/// backslashes and control characters; everything else as is. Runs
/// without escapes, nearly all of any text, are copied whole. Every byte
/// escaped is ASCII, so the runs between them are whole characters.
fn write_json_str(out: &mut String, text: &str) {
    out.push('"');
    let bytes = text.as_bytes();
    let mut copied = 0;
    while let Some(i) = next_escape(bytes, copied) {
        let b = bytes[i];
        let escape = JSON_ESCAPE[usize::from(b)];
        out.push_str(&text[copied..i]);
        out.push('\\');
        if escape == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push(char::from(escape));
        }
        copied = i + 1;
    }
    out.push_str(&text[copied..]);
    out.push('"');
}

/// One file's suppressed findings, each as a pretty array element.
pub fn json_suppressed(file: &CheckedFile) -> Vec<String> {
    if file.suppressed.is_empty() {
        return Vec::new();
    }
    let index = LineIndex::new(&file.text);
    file.suppressed
        .iter()
        .map(|s| {
            elements(std::iter::once(JsonSuppressed {
                diagnostic: json_diagnostic(file, &index, &s.diagnostic),
                reason: s.reason.as_deref(),
                directive_line: index.locate(&file.text, s.directive.start).0,
            }))
        })
        .collect()
}

/// The rest of the document after the last diagnostic.
pub fn json_close(wrote_any: bool, suppressed: &[String], summary: &Summary, errors: &[FileError]) -> String {
    let suppressed = if suppressed.is_empty() { "[]".to_string() } else { format!("[{}\n  ]", suppressed.join(",")) };
    format!(
        "{}],\n  \"suppressed\": {suppressed},\n  \"summary\": {},\n  \"errors\": {}\n}}\n",
        if wrote_any { "\n  " } else { "" },
        pretty_at(summary, 1),
        pretty_at(&errors, 1)
    )
}

/// One diagnostic per line.
pub fn jsonl(files: &[CheckedFile]) -> String {
    let mut out = String::new();
    for f in files {
        let index = LineIndex::new(&f.text);
        for d in &f.diagnostics {
            out.push_str(&serde_json::to_string(&json_diagnostic(f, &index, d)).unwrap_or_default());
            out.push('\n');
        }
    }
    out
}

/// `path:line:col: severity[rule] message`, one per line.
pub fn concise(files: &[CheckedFile]) -> String {
    let mut out = String::new();
    for f in files {
        let index = LineIndex::new(&f.text);
        for d in &f.diagnostics {
            let (line, column) = index.locate(&f.text, d.span.start);
            let chain = if d.chain.is_empty() { String::new() } else { format!(" [{}]", d.chain.join(" → ")) };
            out.push_str(&format!(
                "{}:{line}:{column}: {}[{}] {}{chain}\n",
                f.path,
                d.severity.as_str(),
                d.rule,
                d.message
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;
    use crate::rules::suppress::Suppressed;

    fn diagnostic(start: usize, note: &str) -> Diagnostic {
        Diagnostic {
            rule: "missing-attribution",
            severity: Severity::Warning,
            message: "claim has no attribution".into(),
            span: Span::new(start, start + 4),
            labels: vec![Label { span: Span::new(start, start + 1), message: "cue".into() }],
            chain: vec!["A \"quoted\"\nname".into()],
            notes: if note.is_empty() { Vec::new() } else { vec![note.into()] },
            help: "Say who.",
        }
    }

    fn file(path: &str, diagnostics: Vec<Diagnostic>, suppressed: usize) -> CheckedFile {
        let suppressed = (0..suppressed)
            .map(|i| Suppressed {
                diagnostic: diagnostic(i, "s"),
                reason: (i % 2 == 0).then(|| "checked by the desk".to_string()),
                directive: Span::new(10, 12),
            })
            .collect();
        CheckedFile { path: path.into(), text: "Line one.\nLine “two”.\n".into(), diagnostics, suppressed }
    }

    /// The hand-written diagnostic is what serde writes, whatever the text.
    #[test]
    fn hand_written_diagnostic_equals_serde() {
        let awkward = "say \"no\" \\ tab\t nl\n cr\r bell\u{7} del\u{7f} “curly” é\u{1f}";
        let mut d = diagnostic(3, awkward);
        d.message = awkward.to_string();
        let f = file(awkward, vec![d.clone()], 0);
        let index = LineIndex::new(&f.text);
        let mut bare = d.clone();
        bare.chain.clear();
        bare.labels.clear();
        bare.notes.clear();
        for d in [d, bare] {
            let json = json_diagnostic(&f, &index, &d);
            let mut ours = String::new();
            write_diagnostic(&mut ours, &json, &json_string(json.path), &json_string(json.help));
            let mut serdes = Vec::new();
            write_pretty_at(&mut serdes, &json, 2);
            assert_eq!(ours, String::from_utf8(serdes).unwrap());
        }
    }

    /// The streamed pieces add up to serde's pretty document, byte for byte.
    #[test]
    fn streamed_json_equals_the_whole_document() {
        let error = FileError { path: "bad.md".into(), offset: 3, message: "invalid UTF-8".into() };
        let cases: Vec<(Vec<CheckedFile>, Vec<FileError>)> = vec![
            (Vec::new(), Vec::new()),
            (vec![file("a.md", Vec::new(), 0)], vec![error.clone()]),
            (vec![file("a.md", vec![diagnostic(0, "")], 1), file("b.md", Vec::new(), 0)], Vec::new()),
            (
                vec![
                    file("a.md", vec![diagnostic(0, "n"), diagnostic(10, "")], 0),
                    file("b.md", Vec::new(), 2),
                    file("c.md", vec![diagnostic(12, "x")], 1),
                ],
                vec![error.clone(), error],
            ),
        ];
        for (files, errors) in cases {
            let mut diagnostics = Vec::new();
            let mut suppressed = Vec::new();
            for f in &files {
                let index = LineIndex::new(&f.text);
                diagnostics.extend(f.diagnostics.iter().map(|d| json_diagnostic(f, &index, d)));
                suppressed.extend(f.suppressed.iter().map(|s| JsonSuppressed {
                    diagnostic: json_diagnostic(f, &index, &s.diagnostic),
                    reason: s.reason.as_deref(),
                    directive_line: index.locate(&f.text, s.directive.start).0,
                }));
            }
            let whole = JsonCheck {
                version: JSON_VERSION,
                diagnostics,
                suppressed,
                summary: Summary::of(&files, files.len()),
                errors: &errors,
            };
            let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
            assert_eq!(json(&files, &errors, files.len()), expected);
        }
    }
}
