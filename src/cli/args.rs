//! Command-line arguments (clap derive).

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::FailOn;
use crate::report::{CheckFormat, ExtractFormat, GraphFormat};
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
    Check(CheckArgs),
    /// Print every attribution (cue, source, content) and source found.
    Extract(CommonArgs),
    /// Show each article's source tree and, for several files, which
    /// outlets cite which, with loops marked.
    Graph(GraphArgs),
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
    /// Write a commented starter whosaid.toml (never overwrites one).
    Init {
        /// The folder to write it in.
        #[arg(default_value = ".")]
        dir: String,
    },
    /// Print the effective config for a file or folder and where each
    /// value came from.
    Config {
        /// The article or folder whose config to show.
        #[arg(default_value = ".")]
        path: String,
        /// Print a JSON Schema of whosaid.toml instead, for editors.
        #[arg(long)]
        schema: bool,
        /// Use this config file instead of discovering one.
        #[arg(long)]
        config: Option<String>,
    },
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
}

/// `check`'s own options on top of the common ones.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<String>,
    /// Record the current findings in this baseline file and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<String>,
    /// Report only findings on lines changed since this git ref
    /// (runs `git diff -U0 REF -- PATH`).
    #[arg(long, value_name = "REF")]
    pub diff_base: Option<String>,
}

/// `graph`'s own options on top of the common ones.
#[derive(Debug, Args)]
pub struct GraphArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Merge the output of `whosaid extract --format jsonl` instead of
    /// reading articles (`-` reads standard input).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub from_jsonl: Vec<String>,
    /// Show only the outlet-level graph, not each article's tree.
    #[arg(long)]
    pub outlets: bool,
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
    /// Output format. check: human, concise, json, jsonl, sarif, github,
    /// junit, gitlab (default from $WHOSAID_FORMAT, else human);
    /// extract: human, json, jsonl; graph: tree, dot, json, mermaid.
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
    /// Read files that .gitignore and .ignore files exclude.
    #[arg(long)]
    pub no_ignore: bool,
    /// Apply the config's `exclude` to files named on the command line too
    /// (as pre-commit passes them).
    #[arg(long)]
    pub force_exclude: bool,
}

impl CommonArgs {
    /// The check format from `--format`, else `$WHOSAID_FORMAT`, else human;
    /// an unknown name is a usage error listing the allowed ones.
    pub fn format_check(&self) -> Result<CheckFormat, String> {
        let from_env = std::env::var("WHOSAID_FORMAT").ok().filter(|v| !v.is_empty());
        match self.format.clone().or(from_env) {
            Some(name) => parse_format::<CheckFormat>(&name),
            None => Ok(CheckFormat::Human),
        }
    }

    pub fn format_extract(&self) -> Result<ExtractFormat, String> {
        self.format.as_deref().map_or(Ok(ExtractFormat::Human), parse_format::<ExtractFormat>)
    }

    pub fn format_graph(&self) -> Result<GraphFormat, String> {
        self.format.as_deref().map_or(Ok(GraphFormat::Tree), parse_format::<GraphFormat>)
    }
}

/// Parses a format name, or explains which names exist.
fn parse_format<T: ValueEnum>(name: &str) -> Result<T, String> {
    T::from_str(name, true).map_err(|_| {
        let allowed: Vec<String> = T::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value())
            .map(|p| p.get_name().to_string())
            .collect();
        let names: Vec<&str> = allowed.iter().map(String::as_str).collect();
        let hint =
            crate::config::did_you_mean(name, &names).map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
        format!("error: invalid value `{name}` for `--format`; allowed: {}{hint}", allowed.join(", "))
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
