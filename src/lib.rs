//! whosaid: a claim-attribution and source-chain linter for news copy.
//!
//! The pipeline has one module per stage:
//! markup → sentences → attributions → graph → rules → report, with the
//! command line in `cli` and configuration in `config`.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod attributions;
pub mod lexicon;
pub mod markup;
pub mod sentences;
pub mod span;
pub mod graph;
pub mod analysis;
pub mod rules;
pub mod config;
pub mod report;
pub mod cli;
