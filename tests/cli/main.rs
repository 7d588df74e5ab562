//! Acceptance tests: they run the built `whosaid` binary the way users do
//! and assert what users see (diagnostics, spans, exit codes, JSON).
//!
//! One test binary with several modules, so the suite links once.

mod bad_input;
mod config;
mod exit_codes;
mod extract;
mod graph;
mod readme;
mod rules;
mod samples;
mod seed;
mod snapshots;
mod support;
