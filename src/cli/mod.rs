//! Stage 7: the command line. Parses arguments, reads inputs, runs the
//! pipeline on every file (in parallel), and writes one report.

mod args;
mod changed;
mod encoding;
mod graph;
pub mod inputs;
mod setup;
pub mod stream;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::Arc;

use codespan_reporting::term::termcolor::Buffer;

pub use args::{CheckArgs, Cli, ColorChoice, Command, CommonArgs, FailOnArg, GraphArgs, RulesFormat};

use crate::analysis::{Analysis, analyse};
use crate::baseline::Baseline;
use crate::config::{self, ConfigError, FailOn, Resolver, Settings};
use crate::graph::corpus::FileGraph;
use crate::lexicon::Lexicon;
use crate::markup::Format;
use crate::report::{self, CheckFormat, CheckedFile, ExtractFormat, FileError, Summary};
use crate::rules::loops;
use crate::rules::{Diagnostic, Severity, catalog, order, suppress};
use crate::span::Span;
use inputs::Input;

/// Exit codes, as ruff and most linters use them.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// Runs the parsed command line; returns the exit code.
pub fn run(cli: Cli) -> u8 {
    let result = match cli.command {
        Command::Check(args) => check(&args),
        Command::Extract(args) => extract(&args),
        Command::Graph(args) => graph::graph(&args),
        Command::Rules { format } => rules(format),
        Command::Explain { rule } => explain(&rule),
        Command::Init { dir } => setup::init(&dir),
        Command::Config { path, schema, config } => setup::config(&path, schema, config.as_deref()),
        Command::Completions { shell } => setup::completions(shell),
        Command::Man => setup::man(),
    };
    result.unwrap_or_else(|code| code)
}

/// Writes to stdout; a closed pipe (`whosaid … | head`) ends quietly.
fn emit(text: &str) -> Result<(), u8> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(EXIT_CLEAN),
        Err(_) => Err(EXIT_ERROR),
    }
}

#[allow(clippy::print_stderr)]
fn warn(line: &str) {
    eprintln!("{line}");
}

/// Reports a usage error on stderr; the run exits 2.
fn usage_error(message: String) -> u8 {
    warn(&message);
    EXIT_ERROR
}

/// Prints a config error as a code frame on stderr.
fn report_config_error(e: &ConfigError, color: bool) {
    use codespan_reporting::diagnostic::{Diagnostic, Label};
    use codespan_reporting::files::SimpleFile;
    let path = e.path.display().to_string();
    let file = SimpleFile::new(path.as_str(), e.text.as_str());
    let mut notes = Vec::new();
    if !e.allowed.is_empty() {
        notes.push(format!("allowed: {}", e.allowed.join(", ")));
    }
    if let Some(s) = &e.suggestion {
        notes.push(format!("help: did you mean `{s}`?"));
    }
    let label = e.key.as_ref().map_or("here".to_string(), |k| format!("`{k}`"));
    let frame = Diagnostic::error()
        .with_message(e.message.clone())
        .with_labels(vec![Label::primary((), e.span.clone()).with_message(label)])
        .with_notes(notes);
    let mut buffer = if color { Buffer::ansi() } else { Buffer::no_color() };
    if e.text.is_empty()
        || codespan_reporting::term::emit_to_write_style(&mut buffer, &Default::default(), &file, &frame).is_err()
    {
        warn(&e.to_string());
        return;
    }
    // The first line keeps the one-line, grep-able form.
    warn(&e.to_string());
    let _ = std::io::stderr().write_all(buffer.as_slice());
}

fn use_color(choice: ColorChoice, stream_is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stream_is_terminal && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// Settings for every input, or the errors that stop some of them.
struct Prepared {
    inputs: Vec<Input>,
    errors: Vec<FileError>,
    resolver: Resolver,
    /// Config files that failed to load; the articles they govern were
    /// not checked.
    config_failures: ConfigFailures,
    threads: usize,
}

fn prepare(args: &CommonArgs) -> Result<Prepared, u8> {
    // The built-in word lists are parsed while the folders are walked: both
    // come before any file is checked, so each is wall time one-for-one.
    let mut errors = Vec::new();
    let (builtin, found) = std::thread::scope(|scope| {
        // The rule catalog (every rule file's TOML, which the default
        // settings read their severities from) is parsed by whichever
        // thread is free first, instead of by `Resolver::new` after the
        // join: the main thread when the walk is short (one draft), the
        // lexicon's when the walk is long (a folder of 840 articles). The
        // other thread finds it parsed or waits for the rest of the parse.
        let lexicon = scope.spawn(|| {
            let lexicon = Lexicon::builtin();
            let _ = crate::rules::catalog::all();
            lexicon
        });
        let found = inputs::collect_with(&args.paths, args.stdin_filename.as_deref(), !args.no_ignore, &mut errors);
        let _ = crate::rules::catalog::all();
        match lexicon.join() {
            Ok(lexicon) => (Arc::new(lexicon), found),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    let forced = match &args.config {
        Some(path) => match config::load(Path::new(path), &builtin) {
            Ok(settings) => Some(settings),
            Err(e) => {
                report_config_error(&e, use_color(args.color, std::io::stderr().is_terminal()));
                return Err(EXIT_ERROR);
            }
        },
        None => None,
    };
    let resolver = Resolver::new(builtin, forced, args.isolated);
    let inputs =
        found.into_iter().filter(|(input, explicit)| wanted(input, *explicit, args, &resolver)).map(|(i, _)| i);
    let threads = stream::thread_count(args.threads);
    crate::analysis::set_article_threads(threads);
    Ok(Prepared { inputs: inputs.collect(), errors, resolver, config_failures: ConfigFailures::default(), threads })
}

/// Whether the config's `include`/`exclude` keep an input. Files found by
/// walking obey both; files named on the command line are always read,
/// unless `--force-exclude` makes `exclude` apply to them too. An input
/// whose config is broken is kept so that the error is reported.
fn wanted(input: &Input, explicit: bool, args: &CommonArgs, resolver: &Resolver) -> bool {
    let Input::File { path, .. } = input else { return true };
    let Ok(settings) = resolver.for_folder_of(path) else { return true };
    if explicit { !(args.force_exclude && settings.excludes(path)) } else { !settings.skips(path) }
}

/// What happened to one input.
enum Outcome {
    /// Checked, with cross-file findings added and suppressions applied.
    Checked {
        file: CheckedFile,
        fail_on: Option<FailOn>,
        problems: Vec<FileError>,
    },
    /// Checked and already rendered, for output written as it comes.
    Rendered(CheckedOutput),
    Extracted {
        rendered: String,
        /// A large article's json, serialised while it is written instead
        /// of rendered whole (see `JsonLater`); `rendered` is then empty.
        later: Option<Box<report::extract::ExtractedFile>>,
    },
    Graphed(FileGraph),
    Unreadable(FileError),
    BadConfig(ConfigError),
}

/// One checked file in the chosen format, with what the run's summary
/// and exit code need to know of it.
struct CheckedOutput {
    rendered: Rendered,
    /// Json only: the file's suppressed findings, which the document lists
    /// after all diagnostics.
    suppressed: Vec<String>,
    counts: Summary,
    /// Whether a finding reaches the file's fail-on level.
    failed: bool,
    problems: Vec<FileError>,
}

/// How `check` renders and judges each file when it streams its output.
struct Style {
    format: CheckFormat,
    color: bool,
    fail_on: Option<FailOn>,
}

/// A worker that panicked: reported against its input, never silently lost.
fn crash_error(input: &Input, crash: &stream::Crashed) -> Outcome {
    Outcome::Unreadable(FileError {
        path: input.display().to_string(),
        offset: 0,
        message: format!("internal error, please report it: {}", crash.message),
    })
}

/// Reads and analyses one input.
fn analyse_input(input: &Input, resolver: &Resolver) -> Result<(String, Arc<Settings>, Analysis), Outcome> {
    let settings = resolver.for_article(input.config_anchor()).map_err(Outcome::BadConfig)?;
    let text = inputs::read(input).map_err(Outcome::Unreadable)?;
    let analysis = analyse(&text, Format::from_path(input.display()), &settings.lexicon, &settings.aliases);
    Ok((text, settings, analysis))
}

/// Checks one input; `loops` are its cross-file findings, found first.
/// With a `style` the file comes back rendered, else as a `CheckedFile`.
fn check_one(input: &Input, resolver: &Resolver, loops: &[Diagnostic], style: Option<&Style>) -> Outcome {
    let (text, settings, analysis) = match analyse_input(input, resolver) {
        Ok(parts) => parts,
        Err(outcome) => return outcome,
    };
    let outlet = outlet_of(input, &settings, &analysis);
    let outlet_key = outlet.as_deref().map(|o| settings.aliases.key(o));
    let mut diagnostics = analysis.lint(&settings.lexicon, &settings.rules, outlet_key);
    order::sort_by_position(&mut diagnostics);
    add_loops(&mut diagnostics, loops, &settings);
    // Bad front matter: the article is still checked, and the run exits 2.
    let problems = analysis
        .article
        .problems
        .iter()
        .map(|p| FileError { path: input.display().to_string(), offset: p.offset, message: p.message.clone() })
        .collect();
    let claims: Vec<Span> =
        analysis.sentences.iter().zip(&analysis.judgements).filter(|(_, j)| j.is_claim).map(|(s, _)| s.span).collect();
    let suppressions =
        Suppressions { directives: suppress::directives(&analysis.article, &claims), settings: settings.clone() };
    let article_bytes = analysis.article.prose.len();
    drop_aside(analysis, article_bytes);
    let mut file = CheckedFile { path: input.display().to_string(), text, diagnostics, suppressed: Vec::new() };
    suppressions.apply(&mut file);
    let Some(style) = style else {
        return Outcome::Checked { file, fail_on: settings.fail_on, problems };
    };
    let fail_on = style.fail_on.or(settings.fail_on).unwrap_or(FailOn::Level(Severity::Error));
    let suppressed =
        if style.format == CheckFormat::Json { report::machine::json_suppressed(&file) } else { Vec::new() };
    let counts = Summary::of(std::slice::from_ref(&file), 1);
    let failed = file.diagnostics.iter().any(|d| fail_on.fails(d.severity));
    Outcome::Rendered(CheckedOutput { rendered: Rendered::of(file, style), suppressed, counts, failed, problems })
}

/// Frees what a large article left behind on a thread of its own: the
/// millions of pieces of a 100 MB article's analysis took a fifth of a
/// second to free on the thread the rest of the run waits for. Should the
/// run end first, the memory goes back with the process all the same.
fn drop_aside<T: Send + 'static>(value: T, article_bytes: usize) {
    if article_bytes < crate::analysis::PARALLEL_BYTES {
        return drop(value);
    }
    // If no thread can be started, the closure, and with it `value`, is
    // dropped here instead.
    let _ = std::thread::Builder::new().name("whosaid-free".into()).spawn(move || drop(value));
}

/// Articles of at least this many bytes have their json written by the
/// writer, piece by piece, instead of rendered whole by their worker.
const JSON_LATER_BYTES: usize = 1 << 20;

/// One file's part of a streamed `check` output.
enum Rendered {
    Bytes(Vec<u8>),
    /// A large article's json, rendered while it is written: a 100 MB
    /// article gives some 400 MB of json, which held whole (and grown by
    /// doubling) cost more memory than the rest of the run and seconds
    /// of page faults and copying.
    JsonLater(Box<CheckedFile>),
}

impl Rendered {
    fn of(file: CheckedFile, style: &Style) -> Rendered {
        if style.format == CheckFormat::Json && file.text.len() >= JSON_LATER_BYTES {
            Rendered::JsonLater(Box::new(file))
        } else {
            Rendered::Bytes(render_one(&file, style))
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Rendered::Bytes(bytes) => bytes.is_empty(),
            Rendered::JsonLater(file) => file.diagnostics.is_empty(),
        }
    }

    fn write_to(&self, out: &mut Output) -> ControlFlow<()> {
        match self {
            Rendered::Bytes(bytes) => out.write(bytes),
            Rendered::JsonLater(file) => report::machine::json_fragment_pieces(file, |piece| out.write(piece)),
        }
    }
}

/// One file's part of a streamed `check` output.
fn render_one(file: &CheckedFile, style: &Style) -> Vec<u8> {
    let one = std::slice::from_ref(file);
    match style.format {
        CheckFormat::Json => report::machine::json_fragment(file).into_bytes(),
        CheckFormat::Jsonl => report::machine::jsonl(one).into_bytes(),
        CheckFormat::Concise => report::machine::concise(one).into_bytes(),
        _ => {
            let mut buffer = if style.color { Buffer::ansi() } else { Buffer::no_color() };
            report::human::render_file(file, &mut buffer);
            buffer.into_inner()
        }
    }
}

/// An article's outlet: front matter `outlet`, else `[[outlets]]`.
fn outlet_of(input: &Input, settings: &Settings, analysis: &Analysis) -> Option<String> {
    analysis.article.outlet().or_else(|| settings.outlet_for(Path::new(input.display()))).map(str::to_string)
}

/// What one article contributes to the run-wide graph.
pub(crate) fn file_graph(input: &Input, settings: &Settings, analysis: &Analysis) -> FileGraph {
    let outlet = outlet_of(input, settings, analysis);
    FileGraph::of(input.display(), analysis, outlet.as_deref(), &settings.aliases, &settings.rules.house.trusted)
}

/// A file's suppression comments and the settings to judge them by; they
/// are applied once cross-file findings have been added.
struct Suppressions {
    directives: Vec<suppress::Directive>,
    settings: Arc<Settings>,
}

impl Suppressions {
    fn apply(&self, file: &mut CheckedFile) {
        let diagnostics = std::mem::take(&mut file.diagnostics);
        let applied = suppress::apply(&self.directives, diagnostics, &self.settings.rules);
        file.diagnostics = applied.kept;
        file.suppressed = applied.suppressed;
    }
}

fn check(check_args: &CheckArgs) -> Result<u8, u8> {
    let args = &check_args.common;
    let format = args.format_check().map_err(usage_error)?;
    // Never dropped: the run ends with this function, and freeing the
    // lexicon's thousands of words, built on a thread that has ended, cost
    // half a million instructions the exit waited for.
    let mut prepared = std::mem::ManuallyDrop::new(prepare(args)?);
    let loops = find_loops(&prepared);
    // Formats that are one piece per file are written as files finish, so
    // memory stays flat; the others, and baselines and --diff-base, need
    // every file first.
    let streams = matches!(format, CheckFormat::Json | CheckFormat::Jsonl | CheckFormat::Concise | CheckFormat::Human)
        && check_args.diff_base.is_none()
        && check_args.baseline.is_none()
        && check_args.write_baseline.is_none();
    if streams {
        return check_streaming(args, format, &mut prepared, &loops);
    }
    let mut outcomes = Vec::with_capacity(prepared.inputs.len());
    let no_loops = Vec::new();
    let inputs = &prepared.inputs;
    stream::run_ordered(
        inputs,
        prepared.threads,
        |i, input| check_one(input, &prepared.resolver, loops.get(&i).unwrap_or(&no_loops), None),
        |i, result| {
            outcomes.push(result.unwrap_or_else(|crash| crash_error(&inputs[i], &crash)));
            ControlFlow::Continue(())
        },
    );
    let mut files = Vec::new();
    let mut fail_levels = Vec::new();
    let color_err = use_color(args.color, std::io::stderr().is_terminal());
    for outcome in outcomes {
        match outcome {
            Outcome::Checked { file, fail_on, problems } => {
                prepared.errors.extend(problems);
                files.push(file);
                fail_levels.push(fail_on);
            }
            Outcome::Unreadable(e) => prepared.errors.push(e),
            Outcome::BadConfig(e) => prepared.config_failures.report(&e, color_err),
            Outcome::Rendered(_) | Outcome::Extracted { .. } | Outcome::Graphed(_) => {}
        }
    }
    if let Some(base) = &check_args.diff_base {
        only_changed(&mut files, &prepared.inputs, base)?;
    }
    if let Some(path) = &check_args.write_baseline {
        return write_baseline(&files, path, &prepared);
    }
    if let Some(path) = &check_args.baseline {
        let baseline = Baseline::read(Path::new(path)).map_err(|message| {
            warn(&format!("error: {message}"));
            EXIT_ERROR
        })?;
        baseline.filter(&mut files);
    }

    let file_count = files.len();
    let rendered = render_check(format, &files, &prepared.all_errors(), file_count, args.color);
    for e in &prepared.errors {
        warn(&e.to_string());
    }
    emit(&rendered)?;
    if format == CheckFormat::Github
        && let Err(message) = report::github::write_step_summary(&files, &Summary::of(&files, file_count))
    {
        warn(&format!("warning: {message}"));
    }
    if file_count == 0 && prepared.errors.is_empty() && !prepared.config_failures.failed() {
        warn("whosaid: no articles found (.md, .markdown or .txt)");
    }

    if !prepared.errors.is_empty() || prepared.config_failures.failed() {
        return Ok(EXIT_ERROR);
    }
    if args.exit_zero {
        return Ok(EXIT_CLEAN);
    }
    let cli_fail_on = args.fail_on.map(FailOnArg::into_fail_on);
    let failed = files.iter().zip(&fail_levels).any(|(f, level)| {
        let fail_on = cli_fail_on.or(*level).unwrap_or(FailOn::Level(Severity::Error));
        f.diagnostics.iter().any(|d| fail_on.fails(d.severity))
    });
    Ok(if failed { EXIT_FINDINGS } else { EXIT_CLEAN })
}

fn render_check(
    format: CheckFormat,
    files: &[CheckedFile],
    errors: &[FileError],
    file_count: usize,
    color: ColorChoice,
) -> String {
    match format {
        CheckFormat::Json => report::machine::json(files, errors, file_count),
        CheckFormat::Jsonl => report::machine::jsonl(files),
        CheckFormat::Concise => report::machine::concise(files),
        CheckFormat::Sarif => report::sarif::sarif(files, errors),
        CheckFormat::Github => report::github::annotations(files, errors, &Summary::of(files, file_count)),
        CheckFormat::Junit => report::junit::junit(files, errors, &Summary::of(files, file_count)),
        CheckFormat::Gitlab => report::gitlab::gitlab(files, errors),
        CheckFormat::Human => {
            let color = use_color(color, std::io::stdout().is_terminal());
            let mut buffer = if color { Buffer::ansi() } else { Buffer::no_color() };
            for f in files {
                report::human::render_file(f, &mut buffer);
            }
            let mut text = String::from_utf8_lossy(buffer.as_slice()).into_owned();
            text.push_str(&report::human::summary_line(&Summary::of(files, file_count)));
            text
        }
    }
}

/// `--diff-base`: drops findings on lines that did not change.
fn only_changed(files: &mut [CheckedFile], inputs: &[Input], base: &str) -> Result<(), u8> {
    for file in files.iter_mut() {
        let input = inputs.iter().find(|i| i.display() == file.path);
        let Some(Input::File { path, .. }) = input else { continue };
        match changed::changed_lines(base, path) {
            Ok(lines) => {
                changed::keep_changed(file, &lines);
            }
            Err(message) => {
                warn(&format!("error: {message}"));
                return Err(EXIT_ERROR);
            }
        }
    }
    Ok(())
}

/// `--write-baseline`: records the findings and exits 0 (or 2 when a file
/// could not be checked, since the baseline would then be incomplete).
fn write_baseline(files: &[CheckedFile], path: &str, prepared: &Prepared) -> Result<u8, u8> {
    for e in &prepared.errors {
        warn(&e.to_string());
    }
    if !prepared.errors.is_empty() || prepared.config_failures.failed() {
        warn("error: baseline not written: some files could not be checked");
        return Ok(EXIT_ERROR);
    }
    let baseline = Baseline::of(files);
    if let Err(e) = std::fs::write(path, baseline.to_json()) {
        warn(&format!("error: cannot write baseline {path}: {e}"));
        return Ok(EXIT_ERROR);
    }
    warn(&format!("whosaid: wrote {} finding(s) to {path}", baseline.findings.len()));
    Ok(EXIT_CLEAN)
}

/// `check` for formats written one file at a time: each file is printed
/// as soon as it and those before it are done.
fn check_streaming(
    args: &CommonArgs,
    format: CheckFormat,
    prepared: &mut Prepared,
    loops: &BTreeMap<usize, Vec<Diagnostic>>,
) -> Result<u8, u8> {
    let style = Style {
        format,
        color: format == CheckFormat::Human && use_color(args.color, std::io::stdout().is_terminal()),
        fail_on: args.fail_on.map(FailOnArg::into_fail_on),
    };
    let color_err = use_color(args.color, std::io::stderr().is_terminal());
    for e in &prepared.errors {
        warn(&e.to_string());
    }
    let mut out = Output::new();
    let mut summary = Summary::default();
    let mut suppressed = Vec::new();
    let mut failed = false;
    let mut wrote_any = false;
    if format == CheckFormat::Json {
        let _ = out.write(report::machine::json_open().as_bytes());
    }
    let no_loops = Vec::new();
    let (inputs, resolver, errors) = (&prepared.inputs, &prepared.resolver, &mut prepared.errors);
    let config_failures = &mut prepared.config_failures;
    stream::run_ordered(
        inputs,
        prepared.threads,
        |i, input| check_one(input, resolver, loops.get(&i).unwrap_or(&no_loops), Some(&style)),
        |i, result| match result.unwrap_or_else(|crash| crash_error(&inputs[i], &crash)) {
            Outcome::Rendered(checked) => {
                for p in checked.problems {
                    warn(&p.to_string());
                    errors.push(p);
                }
                summary.files += 1;
                summary.error += checked.counts.error;
                summary.warning += checked.counts.warning;
                summary.info += checked.counts.info;
                failed |= checked.failed;
                suppressed.extend(checked.suppressed);
                if checked.rendered.is_empty() {
                    return out.write(&[]);
                }
                if format == CheckFormat::Json && wrote_any {
                    let _ = out.write(b",");
                }
                wrote_any = true;
                let flow = checked.rendered.write_to(&mut out);
                if let Rendered::JsonLater(file) = checked.rendered {
                    let bytes = file.text.len();
                    drop_aside(file, bytes);
                }
                flow
            }
            Outcome::Unreadable(e) => {
                warn(&e.to_string());
                errors.push(e);
                ControlFlow::Continue(())
            }
            Outcome::BadConfig(e) => {
                config_failures.report(&e, color_err);
                ControlFlow::Continue(())
            }
            Outcome::Checked { .. } | Outcome::Extracted { .. } | Outcome::Graphed(_) => ControlFlow::Continue(()),
        },
    );
    let closing = match format {
        CheckFormat::Json => report::machine::json_close(wrote_any, &suppressed, &summary, &prepared.all_errors()),
        CheckFormat::Human => report::human::summary_line(&summary),
        _ => String::new(),
    };
    let _ = out.write(closing.as_bytes());
    out.finish()?;
    if summary.files == 0 && prepared.errors.is_empty() && !prepared.config_failures.failed() {
        warn("whosaid: no articles found (.md, .markdown or .txt)");
    }
    if !prepared.errors.is_empty() || prepared.config_failures.failed() {
        return Ok(EXIT_ERROR);
    }
    if args.exit_zero {
        return Ok(EXIT_CLEAN);
    }
    Ok(if failed { EXIT_FINDINGS } else { EXIT_CLEAN })
}

/// Config files that failed to load during a run. Each is shown on stderr
/// once however many articles it governs, and kept as a located error so
/// that the machine formats list it beside the files that could not be
/// read: the articles it governs were not checked.
#[derive(Default)]
struct ConfigFailures {
    seen: BTreeSet<String>,
    errors: Vec<FileError>,
}

impl Prepared {
    /// Every file and config that could not be read, for the formats that
    /// list them.
    fn all_errors(&self) -> Vec<FileError> {
        [&self.errors[..], &self.config_failures.errors[..]].concat()
    }
}

impl ConfigFailures {
    fn failed(&self) -> bool {
        !self.errors.is_empty()
    }

    fn report(&mut self, e: &ConfigError, color: bool) {
        if self.seen.insert(e.to_string()) {
            report_config_error(e, color);
            self.errors.push(FileError {
                path: e.path.display().to_string(),
                offset: e.span.start,
                message: e.detail(),
            });
        }
    }
}

/// Buffered standard output that remembers how writing ended.
struct Output {
    /// Not a `StdoutLock`: the sink that writes here may run on any
    /// worker thread, and the buffer locks stdout only when it flushes.
    out: std::io::BufWriter<std::io::Stdout>,
    /// Set once a write failed: the exit code the run ends with.
    failed: Option<u8>,
}

impl Output {
    fn new() -> Output {
        Output { out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()), failed: None }
    }

    /// Writes `bytes`; a closed pipe (`whosaid … | head`) ends quietly.
    fn write(&mut self, bytes: &[u8]) -> ControlFlow<()> {
        if self.failed.is_some() {
            return ControlFlow::Break(());
        }
        match self.out.write_all(bytes) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                self.failed = Some(exit_for_write_error(&e));
                ControlFlow::Break(())
            }
        }
    }

    fn finish(mut self) -> Result<(), u8> {
        if self.failed.is_none()
            && let Err(e) = self.out.flush()
        {
            self.failed = Some(exit_for_write_error(&e));
        }
        self.failed.map_or(Ok(()), Err)
    }
}

fn exit_for_write_error(e: &std::io::Error) -> u8 {
    if e.kind() == std::io::ErrorKind::BrokenPipe { EXIT_CLEAN } else { EXIT_ERROR }
}

/// Whether an article may have an outlet: front matter (a Markdown file
/// opening with `+++`) or an `[[outlets]]` entry of its config.
fn may_have_outlet(input: &Input, settings: &Settings) -> bool {
    let front_matter = Format::from_path(input.display()) == Format::Markdown && {
        let head = inputs::head(input, 6);
        head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&head).starts_with(b"+++")
    };
    front_matter || settings.outlet_for(Path::new(input.display())).is_some()
}

/// Cross-file circular reporting, found before any file is checked so that
/// files can then be checked and printed one at a time. Only articles with
/// an outlet take part, so a run without two of them skips the analysis.
fn find_loops(prepared: &Prepared) -> BTreeMap<usize, Vec<Diagnostic>> {
    let mut overlaps: Vec<Arc<Settings>> = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    for (i, input) in prepared.inputs.iter().enumerate() {
        let Ok(settings) = prepared.resolver.for_article(input.config_anchor()) else { continue };
        if may_have_outlet(input, &settings) {
            candidates.push(i);
        }
        if !overlaps.iter().any(|s| Arc::ptr_eq(s, &settings)) {
            overlaps.push(settings);
        }
    }
    if candidates.len() < 2 {
        return BTreeMap::new();
    }
    let mut facts: Vec<FileGraph> = Vec::new();
    let mut owners: Vec<usize> = Vec::new();
    stream::run_ordered(
        &candidates,
        prepared.threads,
        |_, &i| {
            let input = &prepared.inputs[i];
            let (_, settings, analysis) = analyse_input(input, &prepared.resolver).ok()?;
            let graph = file_graph(input, &settings, &analysis);
            graph.outlet_key.is_some().then_some((i, graph))
        },
        |_, result| {
            if let Ok(Some((i, f))) = result {
                owners.push(i);
                facts.push(f);
            }
            ControlFlow::Continue(())
        },
    );
    let refs: Vec<&Settings> = overlaps.iter().map(|s| &**s).collect();
    let overlap = overlap_of(&refs).unwrap_or(loops::DEFAULT_LOOP_OVERLAP);
    let mut found: BTreeMap<usize, Vec<Diagnostic>> = BTreeMap::new();
    for (index, d) in loops::find(&facts, overlap) {
        found.entry(owners[index]).or_default().push(d);
    }
    found
}

/// Adds cross-file circular-reporting findings to one file's diagnostics,
/// at the file's severity for the rule. A claim on a loop is reported as
/// circular only, not also as secondhand.
fn add_loops(diagnostics: &mut Vec<Diagnostic>, loops: &[Diagnostic], settings: &Settings) {
    for d in loops {
        let Some(severity) = settings.rules.severity(d.rule) else { continue };
        let duplicate = diagnostics.iter().any(|e| e.rule == d.rule && e.span == d.span);
        if !duplicate {
            let mut d = d.clone();
            d.severity = severity;
            diagnostics.retain(|e| !(e.rule == catalog::SECONDHAND && e.span == d.span));
            diagnostics.push(d);
            order::sort_by_position(diagnostics);
        }
    }
}

/// The smallest `loop-overlap` among the configs of a run.
pub(crate) fn overlap_of(settings: &[&Settings]) -> Option<f64> {
    settings.iter().map(|s| s.loop_overlap).reduce(f64::min)
}

fn extract_one(input: &Input, resolver: &Resolver, format: ExtractFormat) -> Outcome {
    let (text, settings, analysis) = match analyse_input(input, resolver) {
        Ok(parts) => parts,
        Err(outcome) => return outcome,
    };
    let path = input.display();
    match format {
        ExtractFormat::Human => {
            Outcome::Extracted { rendered: report::extract::human(path, &text, &analysis), later: None }
        }
        ExtractFormat::Json | ExtractFormat::Jsonl => {
            // The json holds offsets, not text: the source can go now.
            drop(text);
            let graph = file_graph(input, &settings, &analysis);
            let file = report::extract::extracted(graph, &analysis);
            if analysis.article.prose.len() >= JSON_LATER_BYTES {
                Outcome::Extracted { rendered: String::new(), later: Some(Box::new(file)) }
            } else {
                Outcome::Extracted { rendered: report::extract::jsonl_line(&file), later: None }
            }
        }
    }
}

/// Writes a large article's extracted json straight to the output, ending
/// the line for jsonl, as `jsonl_line` (trimmed for json) would give it.
fn write_extracted(out: &mut Output, file: &report::extract::ExtractedFile, format: ExtractFormat) -> ControlFlow<()> {
    // serde_json writes a few bytes at a time: gather them in a buffer
    // first, which costs a copy where going through the output each time
    // cost more than the serialising.
    let mut writer = std::io::BufWriter::with_capacity(1 << 16, OutputWriter(out));
    if serde_json::to_writer(&mut writer, file).is_err() || writer.flush().is_err() {
        return ControlFlow::Break(());
    }
    drop(writer);
    if format == ExtractFormat::Json { ControlFlow::Continue(()) } else { out.write(b"\n") }
}

/// The output as an `io::Write`, for serialisers that write as they go; a
/// write the output refused (closed pipe) is an error that stops them.
struct OutputWriter<'o>(&'o mut Output);

impl std::io::Write for OutputWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match self.0.write(bytes) {
            ControlFlow::Continue(()) => Ok(bytes.len()),
            ControlFlow::Break(()) => Err(std::io::Error::other("output closed")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn extract(args: &CommonArgs) -> Result<u8, u8> {
    let format = args.format_extract().map_err(usage_error)?;
    let mut prepared = prepare(args)?;
    for e in &prepared.errors {
        warn(&e.to_string());
    }
    let mut out = Output::new();
    let mut first = true;
    if format == ExtractFormat::Json {
        let _ = out.write(format!("{{\"version\": {}, \"files\": [\n", report::machine::JSON_VERSION).as_bytes());
    }
    let (inputs, resolver, errors) = (&prepared.inputs, &prepared.resolver, &mut prepared.errors);
    let config_failures = &mut prepared.config_failures;
    stream::run_ordered(
        inputs,
        prepared.threads,
        |_, input| extract_one(input, resolver, format),
        |i, result| match result.unwrap_or_else(|crash| crash_error(&inputs[i], &crash)) {
            Outcome::Extracted { rendered, later } => {
                if format == ExtractFormat::Json {
                    if !first {
                        let _ = out.write(b",\n");
                    }
                    first = false;
                }
                match later {
                    Some(file) => write_extracted(&mut out, &file, format),
                    None if format == ExtractFormat::Json => out.write(rendered.trim_end().as_bytes()),
                    None => out.write(rendered.as_bytes()),
                }
            }
            Outcome::Unreadable(e) => {
                warn(&e.to_string());
                errors.push(e);
                ControlFlow::Continue(())
            }
            Outcome::BadConfig(e) => {
                config_failures.report(&e, false);
                ControlFlow::Continue(())
            }
            Outcome::Checked { .. } | Outcome::Rendered(_) | Outcome::Graphed(_) => ControlFlow::Continue(()),
        },
    );
    if format == ExtractFormat::Json {
        let _ = out.write(b"\n]}\n");
    }
    out.finish()?;
    Ok(if prepared.errors.is_empty() && !prepared.config_failures.failed() { EXIT_CLEAN } else { EXIT_ERROR })
}

fn rules(format: RulesFormat) -> Result<u8, u8> {
    let text = match format {
        RulesFormat::Text => {
            catalog::all().iter().map(|r| format!("{:<24} {:<8} {}\n", r.id, r.severity.as_str(), r.summary)).collect()
        }
        RulesFormat::Markdown => rules_markdown(),
        RulesFormat::Json => {
            let rows: Vec<serde_json::Value> = catalog::all()
                .iter()
                .map(|r| serde_json::json!({"id": r.id, "severity": r.severity.as_str(), "summary": r.summary, "help": r.help}))
                .collect();
            serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"
        }
    };
    emit(&text)?;
    Ok(EXIT_CLEAN)
}

/// The README's rules table.
pub fn rules_markdown() -> String {
    let mut out = String::from("| rule | default | what it flags |\n| --- | --- | --- |\n");
    for r in catalog::all() {
        out.push_str(&format!("| `{}` | {} | {} |\n", r.id, r.severity.as_str(), r.summary));
    }
    out
}

/// Indents every line by four spaces (examples spanning several lines).
fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}

fn explain(rule: &str) -> Result<u8, u8> {
    let Some(doc) = catalog::get(rule) else {
        let ids: Vec<&str> = catalog::ids().collect();
        let hint = config::did_you_mean(rule, &ids).map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
        warn(&format!("error: unknown rule `{rule}`{hint} (known: {})", ids.join(", ")));
        return Err(EXIT_ERROR);
    };
    let mut text = format!("# {}\n\nDefault severity: {}\n\n{}\n", doc.id, doc.severity.as_str(), doc.summary);
    text.push_str(&format!("\n{}\n", doc.explanation.trim()));
    text.push_str(&format!("\n## Help\n{}\n", doc.help));
    for example in &doc.examples {
        if let Some(config) = &example.config {
            text.push_str(&format!("\nWith whosaid.toml:\n{}", indent(config)));
        }
        if let Some(bad) = &example.bad {
            text.push_str(&format!("\nFlagged:  {bad}\n"));
        }
        if let Some(good) = &example.good {
            text.push_str(&format!("Clean:    {good}\n"));
        }
    }
    emit(&text)?;
    Ok(EXIT_CLEAN)
}
