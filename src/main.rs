use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = whosaid::cli::Cli::parse();
    ExitCode::from(whosaid::cli::run(cli))
}
