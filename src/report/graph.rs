//! `whosaid graph` output: each article's source tree and, for a run of
//! several files, the outlet-level graph with its loops, as a terminal
//! tree, Graphviz DOT, JSON or a Mermaid flowchart.

use serde::Serialize;

use crate::graph::corpus::{ChainEnd, OutletGraph};
use crate::graph::tree::{ArticleTree, TreeNode};

/// Everything `graph` shows.
#[derive(Clone, Debug, Serialize)]
pub struct GraphReport {
    pub version: u32,
    /// Per-article trees (empty with `--outlets`).
    pub articles: Vec<ArticleTree>,
    pub outlets: OutletGraph,
    /// How many files went in, to decide whether the outlet graph is shown.
    #[serde(skip)]
    pub files: usize,
    /// Only the outlet-level graph was asked for.
    #[serde(skip)]
    pub outlets_only: bool,
}

impl GraphReport {
    fn shows_outlets(&self) -> bool {
        self.outlets_only || self.files > 1
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

fn end_text(end: Option<ChainEnd>) -> &'static str {
    match end {
        Some(ChainEnd::Document) | Some(ChainEnd::Speaker) => "complete",
        Some(ChainEnd::Outlet) => "open: ends at an outlet",
        Some(ChainEnd::Anonymous) => "open: anonymous",
        Some(ChainEnd::Vague) => "open: vague",
        Some(ChainEnd::Circular) => "circular",
        Some(ChainEnd::Unknown) | None => "open: unknown source",
    }
}

/// "Coastal Wire (organisation, outlet): 1 claim on line 9, open: …".
fn node_line(n: &TreeNode) -> String {
    let mut tags = vec![kind_name(n)];
    let tagged = [
        (n.outlet, "outlet"),
        (n.own_outlet, "this article's outlet"),
        (n.trusted, "trusted"),
        (n.inferred, "inferred"),
    ];
    for (on, tag) in tagged {
        if on {
            tags.push(tag.to_string());
        }
    }
    let mut details = Vec::new();
    if n.claims > 0 {
        let mut lines: Vec<String> = n.lines.iter().map(usize::to_string).collect();
        lines.dedup();
        let which = if lines.len() == 1 { "line" } else { "lines" };
        details.push(format!("{} on {which} {}, {}", plural(n.claims, "claim"), lines.join(", "), end_text(n.ends)));
    }
    if n.relayed > 0 {
        details.push(format!("relays {}", plural(n.relayed, "claim")));
    }
    let mut line = format!("{} ({})", n.name, tags.join(", "));
    if !details.is_empty() {
        line.push_str(": ");
        line.push_str(&details.join("; "));
    }
    line
}

fn kind_name(n: &TreeNode) -> String {
    serde_json::to_value(n.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn tree_nodes(nodes: &[TreeNode], prefix: &str, out: &mut String) {
    for (i, n) in nodes.iter().enumerate() {
        let last = i + 1 == nodes.len();
        let branch = match (last, n.inferred) {
            (true, false) => "└── ",
            (false, false) => "├── ",
            (true, true) => "└┄┄ ",
            (false, true) => "├┄┄ ",
        };
        out.push_str(&format!("{prefix}{branch}{}\n", node_line(n)));
        let deeper = format!("{prefix}{}", if last { "    " } else { "│   " });
        tree_nodes(&n.children, &deeper, out);
    }
}

fn article_header(a: &ArticleTree) -> String {
    let outlet = a.outlet.as_ref().map(|o| format!(" ({o})")).unwrap_or_default();
    format!("{}{outlet}: {}, {} without a source\n", a.path, plural(a.claims, "claim"), a.unattributed_claims)
}

/// The terminal view.
pub fn tree(report: &GraphReport) -> String {
    let mut out = String::new();
    for a in &report.articles {
        out.push_str(&article_header(a));
        if a.sources.is_empty() {
            out.push_str("    (no claim rests on a source)\n");
        }
        tree_nodes(&a.sources, "", &mut out);
        out.push('\n');
    }
    if report.shows_outlets() {
        outlets_text(&report.outlets, &mut out);
    }
    out
}

fn outlets_text(g: &OutletGraph, out: &mut String) {
    let in_run = g.outlets.iter().filter(|o| o.articles > 0).count();
    out.push_str(&format!(
        "Outlets: {} in the run, {} cited only; {}; {}\n",
        in_run,
        g.outlets.len() - in_run,
        plural(g.edges.len(), "citation link"),
        plural(g.loops.len(), "loop")
    ));
    for o in &g.outlets {
        let role = if o.articles > 0 { plural(o.articles, "article") } else { "cited only".to_string() };
        let trusted = if o.trusted { ", trusted" } else { "" };
        out.push_str(&format!("{} ({role}{trusted})\n", o.name));
        for e in g.edges.iter().filter(|e| e.from == o.key) {
            let mut marks = Vec::new();
            for (on, mark) in [(e.self_citation, "self-citation"), (e.mutual, "mutual"), (e.in_loop, "loop")] {
                if on {
                    marks.push(mark);
                }
            }
            let marks = if marks.is_empty() { String::new() } else { format!(" ({})", marks.join(", ")) };
            out.push_str(&format!("  → {}: {}{marks}\n", g.name_of(&e.to), plural(e.claims, "claim")));
        }
    }
    for (i, l) in g.loops.iter().enumerate() {
        let mut round: Vec<&str> = l.outlets.iter().map(String::as_str).collect();
        round.extend(l.outlets.first().map(String::as_str));
        out.push_str(&format!("\nLoop {}: {}\n", i + 1, round.join(" → ")));
        for c in &l.claims {
            out.push_str(&format!("  {}: {}:{}\n", c.outlet, c.path, c.line));
        }
    }
}

/// One JSON document.
pub fn json(report: &GraphReport) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default() + "\n"
}

/// A DOT string literal.
fn dot_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n"))
}

fn dot_nodes(nodes: &[TreeNode], parent: &str, ids: &mut usize, out: &mut String) {
    for n in nodes {
        *ids += 1;
        let id = format!("n{ids}");
        let mut label = format!("{}\n{}", n.name, kind_name(n));
        if n.claims > 0 {
            label.push_str(&format!(", {}", plural(n.claims, "claim")));
        }
        let shape = if n.kind == crate::graph::SourceKind::Document { "note" } else { "box" };
        let style = if n.claims > 0 && !n.complete { ", style=dashed" } else { "" };
        out.push_str(&format!("    {id} [label={}, shape={shape}{style}];\n", dot_quote(&label)));
        let edge_style = if n.inferred { " [style=dotted]" } else { "" };
        out.push_str(&format!("    {parent} -> {id}{edge_style};\n"));
        dot_nodes(&n.children, &id, ids, out);
    }
}

/// Graphviz: one cluster per article, one for the outlets.
pub fn dot(report: &GraphReport) -> String {
    let mut out = String::from("digraph whosaid {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
    let mut ids = 0;
    for (i, a) in report.articles.iter().enumerate() {
        out.push_str(&format!("  subgraph cluster_{i} {{\n    label={};\n", dot_quote(&article_header(a))));
        let root = format!("a{i}");
        out.push_str(&format!("    {root} [label=\"this article\", shape=ellipse];\n"));
        dot_nodes(&a.sources, &root, &mut ids, &mut out);
        out.push_str("  }\n");
    }
    if report.shows_outlets() {
        let g = &report.outlets;
        out.push_str("  subgraph cluster_outlets {\n    label=\"outlets\";\n");
        for (i, o) in g.outlets.iter().enumerate() {
            let label = if o.articles > 0 {
                format!("{}\n{}", o.name, plural(o.articles, "article"))
            } else {
                format!("{}\ncited only", o.name)
            };
            out.push_str(&format!("    o{i} [label={}, shape=box3d];\n", dot_quote(&label)));
        }
        let index = |key: &str| g.outlets.iter().position(|o| o.key == key).unwrap_or(0);
        for e in &g.edges {
            let colour = if e.in_loop || e.self_citation { ", color=red, penwidth=2" } else { "" };
            let label = plural(e.claims, "claim");
            out.push_str(&format!(
                "    o{} -> o{} [label={}{colour}];\n",
                index(&e.from),
                index(&e.to),
                dot_quote(&label)
            ));
        }
        out.push_str("  }\n");
    }
    out.push_str("}\n");
    out
}

/// A Mermaid label: quotes and angle brackets as entities.
fn mermaid_quote(s: &str) -> String {
    let escaped = s.replace('"', "#quot;").replace('<', "#lt;").replace('>', "#gt;").replace('\n', "<br/>");
    format!("\"{escaped}\"")
}

fn mermaid_nodes(nodes: &[TreeNode], parent: &str, ids: &mut usize, edges: &mut usize, out: &mut String) {
    for n in nodes {
        *ids += 1;
        let id = format!("n{ids}");
        let mut label = format!("{}\n{}", n.name, kind_name(n));
        if n.claims > 0 {
            label.push_str(&format!(", {}", plural(n.claims, "claim")));
        }
        let arrow = if n.inferred { "-.->" } else { "-->" };
        out.push_str(&format!("    {parent} {arrow} {id}[{}]\n", mermaid_quote(&label)));
        *edges += 1;
        mermaid_nodes(&n.children, &id, ids, edges, out);
    }
}

/// A Mermaid flowchart, for pasting into a pull request.
pub fn mermaid(report: &GraphReport) -> String {
    let mut out = String::from("flowchart LR\n");
    let (mut ids, mut edges) = (0, 0);
    for (i, a) in report.articles.iter().enumerate() {
        out.push_str(&format!("  subgraph a{i}[{}]\n", mermaid_quote(article_header(a).trim_end())));
        out.push_str(&format!("    a{i}_root((\"this article\"))\n"));
        mermaid_nodes(&a.sources, &format!("a{i}_root"), &mut ids, &mut edges, &mut out);
        out.push_str("  end\n");
    }
    let mut red = Vec::new();
    if report.shows_outlets() {
        let g = &report.outlets;
        out.push_str("  subgraph outlets[\"outlets\"]\n");
        for (i, o) in g.outlets.iter().enumerate() {
            let label = if o.articles > 0 {
                format!("{}\n{}", o.name, plural(o.articles, "article"))
            } else {
                format!("{}\ncited only", o.name)
            };
            out.push_str(&format!("    o{i}[{}]\n", mermaid_quote(&label)));
        }
        let index = |key: &str| g.outlets.iter().position(|o| o.key == key).unwrap_or(0);
        for e in &g.edges {
            let label = mermaid_quote(&plural(e.claims, "claim"));
            out.push_str(&format!("    o{} -->|{label}| o{}\n", index(&e.from), index(&e.to)));
            if e.in_loop || e.self_citation {
                red.push(edges.to_string());
            }
            edges += 1;
        }
        out.push_str("  end\n");
    }
    if !red.is_empty() {
        out.push_str(&format!("  linkStyle {} stroke:red,stroke-width:3px\n", red.join(",")));
    }
    out
}
