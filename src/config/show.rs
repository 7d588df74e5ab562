//! What `whosaid config` and `whosaid init` print: the effective config
//! with where each value came from, a JSON Schema for editors, and the
//! commented starter file.

use serde_json::{Value, json};

use super::{FAIL_ON_VALUES, RULE_LEVELS, SOURCES_KEYS, Settings, TOP_KEYS};
use crate::rules::catalog;

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// One `key = value  # origin` line, values aligned for reading.
fn line(out: &mut String, key: &str, value: &str, origin: &str) {
    let assignment = format!("{key} = {value}");
    out.push_str(&format!("{assignment:<44} # {origin}\n"));
}

fn origin(settings: &Settings, key: &str) -> String {
    settings.provenance.get(key).cloned().unwrap_or_else(|| "default".to_string())
}

/// The effective settings for `target`, as TOML with the origin of every
/// value in a comment.
pub fn effective(settings: &Settings, target: &str) -> String {
    let mut out = format!("# effective whosaid config for {target}\n");
    match &settings.origin {
        Some(path) => out.push_str(&format!("# config file: {}\n", path.display())),
        None => out.push_str("# config file: none (built-in defaults)\n"),
    }
    for base in &settings.extends {
        out.push_str(&format!("# extends: {}\n", base.display()));
    }
    let fail_on = settings.fail_on.map_or("error", |f| f.as_str());
    line(&mut out, "fail-on", &toml_string(fail_on), &origin(settings, "fail-on"));
    line(&mut out, "max-hops", &settings.rules.max_hops.to_string(), &origin(settings, "max-hops"));
    line(&mut out, "loop-overlap", &format!("{:.2}", settings.loop_overlap), &origin(settings, "loop-overlap"));
    let share = format!("{:.2}", settings.rules.single_source_share);
    line(&mut out, "single-source-share", &share, &origin(settings, "single-source-share"));
    for (key, patterns) in [("include", &settings.include), ("exclude", &settings.exclude)] {
        match patterns {
            Some(p) => {
                let at = format!("{} (relative to {})", origin(settings, key), p.base.display());
                line(&mut out, key, &toml_list(&p.written), &at);
            }
            None if key == "include" => out.push_str("# include: not set, every article is read\n"),
            None => out.push_str("# exclude: not set, nothing is skipped\n"),
        }
    }
    out.push_str("\n[rules]\n");
    for id in catalog::ids() {
        let level = settings.rules.severities.get(id).copied().flatten().map_or("off", |s| s.as_str());
        line(&mut out, id, &toml_string(level), &origin(settings, &format!("rules.{id}")));
    }
    out.push_str("\n[sources]\n");
    line(&mut out, "accept", &toml_list(&settings.accept), &origin(settings, "sources.accept"));
    line(&mut out, "reject", &toml_list(&settings.reject), &origin(settings, "sources.reject"));
    line(&mut out, "trusted", &toml_list(&settings.trusted), &origin(settings, "sources.trusted"));
    if !settings.alias_table.is_empty() {
        out.push_str(&format!("\n[sources.aliases]  # {}\n", origin(settings, "sources.aliases")));
        for (name, others) in &settings.alias_table {
            out.push_str(&format!("{} = {}\n", toml_string(name), toml_list(others)));
        }
    }
    if !settings.domains.is_empty() {
        out.push_str(&format!("\n[sources.domains]  # {}\n", origin(settings, "sources.domains")));
        for (domain, outlet) in &settings.domains {
            out.push_str(&format!("{} = {}\n", toml_string(domain), toml_string(outlet)));
        }
    }
    for o in &settings.outlets {
        out.push_str(&format!(
            "\n# from {}\n[[outlets]]\nfiles = {}\nname = {}\n",
            origin(settings, "outlets"),
            toml_list(&o.files.written),
            toml_string(&o.name)
        ));
    }
    for o in &settings.overrides {
        out.push_str(&format!("\n# from {}\n[[overrides]]\nfiles = {}\n", o.origin, toml_list(&o.files.written)));
        if let Some(f) = o.fail_on {
            out.push_str(&format!("fail-on = {}\n", toml_string(f.as_str())));
        }
        if let Some(h) = o.max_hops {
            out.push_str(&format!("max-hops = {h}\n"));
        }
        if !o.rules.is_empty() {
            out.push_str("[overrides.rules]\n");
            for (rule, level) in &o.rules {
                out.push_str(&format!("{rule} = {}\n", toml_string(level.map_or("off", |s| s.as_str()))));
            }
        }
    }
    out
}

/// A JSON Schema (draft-07) of `whosaid.toml`, for editor completion
/// (Taplo, Even Better TOML). Rule ids come from the catalog, so the schema
/// never falls behind the rules.
pub fn schema() -> Value {
    let ids: Vec<&str> = catalog::ids().collect();
    let level = json!({"type": "string", "enum": RULE_LEVELS});
    let rule_props: serde_json::Map<String, Value> = catalog::all()
        .iter()
        .map(|r| {
            let mut l = level.clone();
            l["description"] = json!(format!("{} (default: {})", r.summary, r.severity.as_str()));
            (r.id.clone(), l)
        })
        .collect();
    let rules = json!({
        "type": "object",
        "description": "Rule id → level; \"off\" turns a rule off.",
        "properties": rule_props,
        "propertyNames": {"enum": ids},
        "additionalProperties": false,
    });
    let globs = json!({"type": "array", "items": {"type": "string"}});
    let fail_on = json!({"type": "string", "enum": FAIL_ON_VALUES, "description": "The lowest severity that makes the run exit 1."});
    let max_hops = json!({"type": "integer", "minimum": 0, "maximum": 100, "description": "Longest chain of sources reported as fine (default 1)."});
    let names = json!({"type": "array", "items": {"type": "string"}});
    let share = |what: &str| json!({"type": "number", "minimum": 0, "maximum": 1, "description": what});
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "whosaid.schema.json",
        "title": "whosaid.toml",
        "description": "Configuration of whosaid, the claim-attribution linter.",
        "type": "object",
        "additionalProperties": false,
        "propertyNames": {"enum": TOP_KEYS},
        "properties": {
            "extend": {"type": "string", "description": "Another config file to inherit, relative to this one."},
            "fail-on": fail_on,
            "max-hops": max_hops,
            "loop-overlap": share("Share of content words two claims must share to count as the same claim in a loop between outlets (default 0.33)."),
            "single-source-share": share("single-source reports an article when more than this share of its claims rest on one source (default 0.5)."),
            "outlets": {
                "type": "array",
                "description": "The outlet of articles without front matter `outlet`, by file name.",
                "items": {
                    "type": "object",
                    "required": ["files", "name"],
                    "additionalProperties": false,
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                        "name": {"type": "string"},
                    },
                },
            },
            "include": {"description": "Only walk files matching these globs (relative to this file).", "allOf": [globs]},
            "exclude": {"description": "Skip files matching these globs when walking folders.", "allOf": [globs]},
            "rules": rules,
            "rule-files": {"type": "array", "items": {"type": "string"}, "description": "Extra lexicon files."},
            "sources": {
                "type": "object",
                "additionalProperties": false,
                "propertyNames": {"enum": SOURCES_KEYS},
                "properties": {
                    "aliases": {"type": "object", "additionalProperties": names},
                    "accept": {"description": "Sources fine as they stand, e.g. \"police said\".", "allOf": [names]},
                    "reject": {"description": "Outlets the desk does not accept as a source.", "allOf": [names]},
                    "trusted": {"description": "Wires whose relaying is not counted towards max-hops.", "allOf": [names]},
                    "domains": {"type": "object", "description": "Web domain → outlet name, for links.", "additionalProperties": {"type": "string"}},
                },
            },
            "overrides": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["files"],
                    "additionalProperties": false,
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                        "fail-on": fail_on,
                        "max-hops": max_hops,
                        "rules": rules,
                    },
                },
            },
        },
    })
}

/// The commented starter written by `whosaid init`.
pub fn starter() -> String {
    let mut out = String::from(
        "# whosaid.toml: settings for the whosaid attribution linter.\n\
         # Every key is optional; `whosaid config` shows the effective values and\n\
         # `whosaid config --schema` prints a JSON Schema for editor completion.\n\
         \n\
         # The lowest severity that makes `whosaid check` exit 1: error, warning, info or never.\n\
         fail-on = \"error\"\n\
         \n\
         # Chains of sources longer than this are reported as secondhand.\n\
         max-hops = 1\n\
         \n\
         # Claims in two outlets' articles are the same claim, for loops\n\
         # between outlets, when they share this share of content words.\n\
         # loop-overlap = 0.33\n\
         \n\
         # single-source reports articles with more than this share of\n\
         # claims resting on one source.\n\
         # single-source-share = 0.5\n\
         \n\
         # Inherit another config (relative to this file):\n\
         # extend = \"../newsroom.toml\"\n\
         \n\
         # Globs (relative to this file) applied when walking folders.\n\
         # include = [\"stories/**\", \"drafts/**\"]\n\
         # exclude = [\"archive/**\"]\n\
         \n\
         # Rule levels: off, info, warning or error. The defaults are shown.\n\
         [rules]\n",
    );
    for r in catalog::all() {
        let level = if r.enabled { r.severity.as_str() } else { "off" };
        out.push_str(&format!("# {} = \"{}\"  # {}\n", r.id, level, r.summary));
    }
    out.push_str(
        "\n[sources]\n\
         # Sources the desk accepts as they stand; never reported as vague,\n\
         # anonymous or unresolved.\n\
         accept = []  # e.g. [\"police said\", \"the coast guard\"]\n\
         # Outlets the desk does not accept as a source (rule rejected-source).\n\
         reject = []  # e.g. [\"Daily Rumour\"]\n\
         # Wires whose relaying is not counted towards max-hops.\n\
         trusted = []  # e.g. [\"Associated Press\", \"Reuters\"]\n\
         \n\
         # Other spellings of the same source.\n\
         # [sources.aliases]\n\
         # \"Harbour Gazette\" = [\"the Gazette\", \"HG\"]\n\
         \n\
         # Links to these sites cite these outlets.\n\
         # [sources.domains]\n\
         # \"gazette.example\" = \"Harbour Gazette\"\n\
         \n\
         # The outlet of articles without front matter, by file name:\n\
         # [[outlets]]\n\
         # files = [\"**/gazette_*\"]\n\
         # name = \"Harbour Gazette\"\n\
         \n\
         # Different settings for some files, e.g. relaxed rules for drafts:\n\
         # [[overrides]]\n\
         # files = [\"drafts/**\"]\n\
         # fail-on = \"never\"\n\
         # [overrides.rules]\n\
         # missing-attribution = \"info\"\n",
    );
    out
}
