//! `whosaid graph [PATH…] [--from-jsonl FILE…] [--outlets] [--format …]`:
//! source trees and the outlet-level graph, from articles (analysed in
//! parallel) or from the jsonl that `extract` printed earlier, so an
//! archive can be extracted in pieces and merged in one pass.

use std::io::BufRead;
use std::path::Path;
use std::sync::Arc;

use super::{
    EXIT_CLEAN, EXIT_ERROR, GraphArgs, Outcome, analyse_input, emit, file_graph, overlap_of, prepare,
    report_config_error, usage_error, warn,
};
use crate::config::Resolver;
use crate::graph::corpus::{FileGraph, OutletGraph, run_outlets};
use crate::graph::tree;
use crate::lexicon::Lexicon;
use crate::report::graph::{self as render, GraphReport};
use crate::report::{FileError, GraphFormat};
use crate::rules::loops::DEFAULT_LOOP_OVERLAP;

pub fn graph(args: &GraphArgs) -> Result<u8, u8> {
    let format = args.common.format_graph().map_err(usage_error)?;
    if !args.from_jsonl.is_empty() && !args.common.paths.is_empty() {
        return Err(usage_error("error: give articles or `--from-jsonl FILE…`, not both".into()));
    }
    let (resolver, mut errors, inputs, threads) = if args.from_jsonl.is_empty() {
        let prepared = prepare(&args.common)?;
        (prepared.resolver, prepared.errors, prepared.inputs, prepared.threads)
    } else {
        (jsonl_resolver(args)?, Vec::new(), Vec::new(), 1)
    };
    let mut config_failed = false;
    let files = if args.from_jsonl.is_empty() {
        let mut outcomes: Vec<Outcome> = Vec::with_capacity(inputs.len());
        super::stream::run_ordered(
            &inputs,
            threads,
            |_, input| graph_one(input, &resolver),
            |i, result| {
                outcomes.push(result.unwrap_or_else(|crash| super::crash_error(&inputs[i], &crash)));
                std::ops::ControlFlow::Continue(())
            },
        );
        let mut files = Vec::new();
        for outcome in outcomes {
            match outcome {
                Outcome::Graphed(f) => files.push(f),
                Outcome::Unreadable(e) => errors.push(e),
                Outcome::BadConfig(e) => {
                    config_failed = true;
                    report_config_error(&e, false);
                }
                Outcome::Checked { .. } | Outcome::Rendered(_) | Outcome::Extracted { .. } => {}
            }
        }
        files
    } else {
        read_jsonl(&args.from_jsonl, &mut errors)
    };
    let overlap = run_overlap(&resolver, &files);
    let outlets = run_outlets(&files);
    let articles = if args.outlets { Vec::new() } else { files.iter().map(|f| tree::build(f, &outlets)).collect() };
    let report = GraphReport {
        version: crate::report::machine::JSON_VERSION,
        articles,
        outlets: OutletGraph::build(&files, overlap),
        files: files.len(),
        outlets_only: args.outlets,
    };
    let text = match format {
        GraphFormat::Tree => render::tree(&report),
        GraphFormat::Dot => render::dot(&report),
        GraphFormat::Json => render::json(&report),
        GraphFormat::Mermaid => render::mermaid(&report),
    };
    for e in &errors {
        warn(&e.to_string());
    }
    emit(&text)?;
    if files.is_empty() && errors.is_empty() && !config_failed {
        warn("whosaid: no articles found (.md, .markdown or .txt)");
    }
    Ok(if errors.is_empty() && !config_failed { EXIT_CLEAN } else { EXIT_ERROR })
}

/// The config for merging jsonl: `--config`, else the one each article's
/// path finds (the paths are as `extract` printed them).
fn jsonl_resolver(args: &GraphArgs) -> Result<Resolver, u8> {
    let builtin = Arc::new(Lexicon::builtin());
    let forced = match &args.common.config {
        Some(path) => match crate::config::load(Path::new(path), &builtin) {
            Ok(settings) => Some(settings),
            Err(e) => {
                report_config_error(&e, false);
                return Err(EXIT_ERROR);
            }
        },
        None => None,
    };
    Ok(Resolver::new(builtin, forced, args.common.isolated))
}

fn graph_one(input: &super::inputs::Input, resolver: &Resolver) -> Outcome {
    match analyse_input(input, resolver) {
        Ok((_, settings, analysis)) => Outcome::Graphed(file_graph(input, &settings, &analysis)),
        Err(outcome) => outcome,
    }
}

/// The `loop-overlap` that governs the merge: the smallest among the
/// configs of the articles (from their paths, also for jsonl input).
fn run_overlap(resolver: &Resolver, files: &[FileGraph]) -> f64 {
    let settings: Vec<_> = files.iter().filter_map(|f| resolver.for_article(Path::new(&f.path)).ok()).collect();
    let refs: Vec<&crate::config::Settings> = settings.iter().map(|s| &**s).collect();
    overlap_of(&refs).unwrap_or(DEFAULT_LOOP_OVERLAP)
}

/// Reads `extract --format jsonl` output: one file object a line. A line
/// that is not such an object is an error located at its line.
fn read_jsonl(paths: &[String], errors: &mut Vec<FileError>) -> Vec<FileGraph> {
    let mut files = Vec::new();
    for path in paths {
        let reader: Box<dyn BufRead> = if path == "-" {
            Box::new(std::io::BufReader::new(std::io::stdin()))
        } else {
            match std::fs::File::open(path) {
                Ok(f) => Box::new(std::io::BufReader::new(f)),
                Err(e) => {
                    errors.push(FileError { path: path.clone(), offset: 0, message: format!("cannot read: {e}") });
                    continue;
                }
            }
        };
        let mut offset = 0;
        for (n, line) in reader.lines().enumerate() {
            let line = match line {
                Ok(line) => line,
                Err(e) => {
                    errors.push(FileError { path: path.clone(), offset, message: format!("cannot read: {e}") });
                    break;
                }
            };
            let here = offset;
            offset += line.len() + 1;
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<FileGraph>(&line) {
                Ok(file) if !file.path.is_empty() => files.push(file),
                Ok(_) => errors.push(FileError {
                    path: path.clone(),
                    offset: here,
                    message: format!("line {}: not a file object of `whosaid extract --format jsonl`", n + 1),
                }),
                Err(e) => errors.push(FileError {
                    path: path.clone(),
                    offset: here,
                    message: format!("line {}: not `whosaid extract --format jsonl` output: {e}", n + 1),
                }),
            }
        }
    }
    files
}
