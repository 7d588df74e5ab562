//! Commands that set whosaid up rather than check articles: `init`,
//! `config`, `completions` and `man`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::CommandFactory;

use super::{Cli, ColorChoice, EXIT_CLEAN, EXIT_ERROR, emit, report_config_error, use_color, warn};
use crate::config::{self, CONFIG_NAMES, Resolver, show};
use crate::lexicon::Lexicon;

/// `whosaid init [DIR]`: writes the starter config unless one is there.
pub fn init(dir: &str) -> Result<u8, u8> {
    let folder = Path::new(dir);
    if !folder.is_dir() {
        warn(&format!("error: {dir} is not a folder"));
        return Err(EXIT_ERROR);
    }
    if let Some(existing) = CONFIG_NAMES.iter().map(|n| folder.join(n)).find(|p| p.exists()) {
        warn(&format!("error: {} already exists; not overwriting it", existing.display()));
        return Err(EXIT_ERROR);
    }
    let target = folder.join(CONFIG_NAMES[0]);
    // create_new: never clobber a file that appeared since the check.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
        .and_then(|mut f| std::io::Write::write_all(&mut f, show::starter().as_bytes()));
    match written {
        Ok(()) => {
            warn(&format!("whosaid: wrote {}; run `whosaid check` to use it", target.display()));
            Ok(EXIT_CLEAN)
        }
        Err(e) => {
            warn(&format!("error: cannot write {}: {e}", target.display()));
            Err(EXIT_ERROR)
        }
    }
}

/// The path whose config `whosaid config PATH` shows: a folder stands for
/// an article inside it.
fn anchor(path: &str) -> PathBuf {
    let p = PathBuf::from(path);
    if p.is_dir() { p.join("article.md") } else { p }
}

/// `whosaid config [PATH] [--schema] [--config FILE]`.
pub fn config(path: &str, schema: bool, forced: Option<&str>) -> Result<u8, u8> {
    if schema {
        emit(&(serde_json::to_string_pretty(&show::schema()).unwrap_or_default() + "\n"))?;
        return Ok(EXIT_CLEAN);
    }
    let color = use_color(ColorChoice::Auto, std::io::stderr().is_terminal());
    let builtin = Arc::new(Lexicon::builtin());
    let forced = match forced {
        Some(file) => Some(config::load(Path::new(file), &builtin).map_err(|e| {
            report_config_error(&e, color);
            EXIT_ERROR
        })?),
        None => None,
    };
    let resolver = Resolver::new(builtin, forced, false);
    let settings = resolver.for_article(&anchor(path)).map_err(|e| {
        report_config_error(&e, color);
        EXIT_ERROR
    })?;
    emit(&show::effective(&settings, path))?;
    Ok(EXIT_CLEAN)
}

pub fn completions(shell: clap_complete::Shell) -> Result<u8, u8> {
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "whosaid", &mut buffer);
    emit(&String::from_utf8_lossy(&buffer))?;
    Ok(EXIT_CLEAN)
}

pub fn man() -> Result<u8, u8> {
    let mut buffer = Vec::new();
    if let Err(e) = clap_mangen::Man::new(Cli::command()).render(&mut buffer) {
        warn(&format!("error: cannot render the man page: {e}"));
        return Err(EXIT_ERROR);
    }
    emit(&String::from_utf8_lossy(&buffer))?;
    Ok(EXIT_CLEAN)
}
