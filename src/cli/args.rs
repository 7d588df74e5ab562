//! Command-line arguments (clap derive).

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::FailOn;
use crate::report::{CheckFormat, ExtractFormat};
use crate::rules::Severity;

#[derive(Debug, Parser)]
#[command(name = "whosaid", version, about = "Claim-attribution and source-chain linter for news copy")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report claims whose attribution is missing, secondhand, circular,
    /// vague, anonymous or unresolved.
    Check(CommonArgs),
    /// Print every attribution (cue, source, content) and source found.
    Extract(CommonArgs),
    /// List the rules.
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Show a rule's documentation and examples.
    Explain {
        /// A rule id, e.g. missing-attribution.
        rule: String,
    },
}

#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Files or folders to read (.md, .markdown, .txt); `-` reads standard
    /// input. Defaults to the current folder.
    pub paths: Vec<String>,
    /// Use this config file for every article instead of discovering one.
    #[arg(long)]
    pub config: Option<String>,
    /// Ignore all config files.
    #[arg(long)]
    pub isolated: bool,
    /// Output format: human, concise, json or jsonl (extract: human, json, jsonl).
    #[arg(long)]
    pub format: Option<String>,
    /// The lowest severity that makes the run exit 1.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOnArg>,
    /// Exit 0 even when there are findings (errors reading files still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The name to report standard input under (and to find its config by).
    #[arg(long)]
    pub stdin_filename: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

impl CommonArgs {
    /// The `check` format; an unknown name is a usage error that lists the
    /// allowed ones (one `--format` flag serves two subcommands, so clap
    /// cannot check it).
    pub fn format_check(&self) -> Result<CheckFormat, String> {
        parse_format(self.format.as_deref(), CheckFormat::Human)
    }

    pub fn format_extract(&self) -> Result<ExtractFormat, String> {
        parse_format(self.format.as_deref(), ExtractFormat::Human)
    }
}

fn parse_format<F: ValueEnum>(name: Option<&str>, default: F) -> Result<F, String> {
    let Some(name) = name else { return Ok(default) };
    F::from_str(name, true).map_err(|_| {
        let allowed: Vec<String> = F::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value())
            .map(|v| v.get_name().to_string())
            .collect();
        format!("error: unknown format `{name}` (allowed: {})", allowed.join(", "))
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOnArg {
    pub fn into_fail_on(self) -> FailOn {
        match self {
            FailOnArg::Error => FailOn::Level(Severity::Error),
            FailOnArg::Warning => FailOn::Level(Severity::Warning),
            FailOnArg::Info => FailOn::Level(Severity::Info),
            FailOnArg::Never => FailOn::Never,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Markdown,
    Json,
}
