//! whosaid: a claim-attribution and source-chain linter for news copy.
//!
//! The pipeline has one module per stage:
//! markup → sentences → attributions → graph → rules → report, with the
//! command line in `cli` and configuration in `config`.

#![warn(clippy::print_stdout, clippy::print_stderr)]
// Errors carry the config text for rendering; they are rare and cold, so
// their size does not matter.
#![allow(clippy::result_large_err)]

pub mod analysis;
pub mod attributions;
pub mod baseline;
pub mod bytescan;
pub mod cli;
pub mod config;
pub mod graph;
pub mod lexicon;
pub mod markup;
pub mod report;
pub mod rules;
pub mod sentences;
pub mod span;
