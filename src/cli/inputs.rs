//! Finding and reading the articles named on the command line.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::encoding;
use crate::report::FileError;

/// Extensions of articles whosaid reads when walking a folder.
const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// Only the start of a file is searched for NUL bytes, as git does.
const BINARY_SNIFF: usize = 8 * 1024;

/// An input to check: a path, or standard input under a display name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    File { display: String, path: PathBuf },
    Stdin { display: String },
}

impl Input {
    pub fn display(&self) -> &str {
        match self {
            Input::File { display, .. } | Input::Stdin { display } => display,
        }
    }

    /// Where config discovery starts for this input, borrowed: every input
    /// is asked twice (cross-file loops, then its check), and a copy of
    /// its path each time was an allocation per ask.
    pub fn config_anchor(&self) -> &Path {
        match self {
            Input::File { path, .. } => path,
            Input::Stdin { display } => Path::new(display),
        }
    }
}

/// File stems of a repository's own documents (README.md, CHANGELOG.md …).
/// They sit next to articles but are not news copy, so a folder walk skips
/// them; naming one on the command line still checks it.
const PROJECT_DOCS: &[&str] = &["readme", "changelog", "contributing", "license", "licence", "code_of_conduct"];

fn is_project_doc_name(name: &[u8]) -> bool {
    let (stem, _) = stem_and_extension(name);
    PROJECT_DOCS.iter().any(|doc| doc.as_bytes().eq_ignore_ascii_case(stem))
}

fn is_article_name(name: &[u8]) -> bool {
    let (_, extension) = stem_and_extension(name);
    extension.is_some_and(|ext| ARTICLE_EXTENSIONS.iter().any(|known| known.as_bytes().eq_ignore_ascii_case(ext)))
}

/// The last component of `path` as bytes (the whole path when it has no
/// separator).
fn name_bytes(path: &Path) -> &[u8] {
    let bytes = path.as_os_str().as_encoded_bytes();
    let start = bytes.iter().rposition(|&b| std::path::is_separator(char::from(b))).map_or(0, |i| i + 1);
    &bytes[start..]
}

/// A file name split as `Path::file_stem` and `Path::extension` split it:
/// at the last dot, except that a name whose only dot leads it (".md") or
/// ".." has no extension. `Path`'s own methods parse the whole path into
/// components on every call, which cost as much as the rest of a folder
/// walk; the walker hands over names, so the split is done on their bytes.
fn stem_and_extension(name: &[u8]) -> (&[u8], Option<&[u8]>) {
    if name == b".." {
        return (name, None);
    }
    match name.iter().rposition(|&b| b == b'.') {
        Some(0) | None => (name, None),
        Some(dot) => (&name[..dot], Some(&name[dot + 1..])),
    }
}

/// Expands the given paths: files as they are, folders walked for
/// articles (hidden entries, project docs such as README.md and whatever
/// `.gitignore`/`.ignore` files exclude are skipped, symlinked folders not
/// followed so a loop cannot trap the walk). `-` is standard input.
pub fn collect(paths: &[String], stdin_name: Option<&str>, errors: &mut Vec<FileError>) -> Vec<Input> {
    collect_with(paths, stdin_name, true, errors).into_iter().map(|(input, _)| input).collect()
}

/// Like [`collect`]; `respect_ignore` false reads ignored files too
/// (`--no-ignore`). Each input comes with whether it was named on the
/// command line (true) or found by walking a folder (false).
pub fn collect_with(
    paths: &[String],
    stdin_name: Option<&str>,
    respect_ignore: bool,
    errors: &mut Vec<FileError>,
) -> Vec<(Input, bool)> {
    let mut out = Vec::new();
    let defaults = [".".to_string()];
    let paths = if paths.is_empty() { &defaults[..] } else { paths };
    for p in paths {
        if p == "-" {
            out.push((Input::Stdin { display: stdin_name.unwrap_or("-").to_string() }, true));
            continue;
        }
        let path = PathBuf::from(p);
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                out.extend(walk(&path, p, respect_ignore, errors).into_iter().map(|i| (i, false)))
            }
            Ok(_) => out.push((Input::File { display: p.clone(), path }, true)),
            Err(e) => {
                errors.push(FileError { path: p.clone(), offset: 0, message: format!("cannot read: {}", describe(&e)) })
            }
        }
    }
    out
}

/// The name shown for a walked file: the folder as given, then the path
/// inside it with `/` separators.
fn shown_name(display: &str, dir: &Path, path: &Path) -> String {
    let inner = inner_name(dir, path);
    if display == "." {
        return inner;
    }
    let folder = display.trim_end_matches('/');
    let mut shown = String::with_capacity(folder.len() + 1 + inner.len());
    shown.push_str(folder);
    shown.push('/');
    shown.push_str(&inner);
    shown
}

/// `path` inside `dir`, its components joined by `/`. The walker builds
/// each path by joining names onto `dir`, one `/` apiece on Unix, so there
/// the bytes after `dir` are already that; splitting the path into
/// components and joining them again cost a fifth of the walk.
fn inner_name(dir: &Path, path: &Path) -> String {
    let after_dir = path.as_os_str().as_encoded_bytes().strip_prefix(dir.as_os_str().as_encoded_bytes());
    if cfg!(unix)
        && let Some(rest) = after_dir
    {
        let start = rest.iter().position(|&b| b != b'/').unwrap_or(rest.len());
        let inner = &rest[start..];
        // Checking UTF-8 a word at a time and copying avoids
        // `from_utf8_lossy`'s chunk-by-chunk walk, which cost as much per
        // name as the rest of naming it; only a name that is not UTF-8
        // takes the lossy road.
        return match std::str::from_utf8(inner) {
            Ok(name) => name.to_owned(),
            Err(_) => String::from_utf8_lossy(inner).into_owned(),
        };
    }
    let inner = path.strip_prefix(dir).unwrap_or(path);
    let parts: Vec<String> = inner.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    parts.join("/")
}

fn walk(dir: &Path, display: &str, respect_ignore: bool, errors: &mut Vec<FileError>) -> Vec<Input> {
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .ignore(respect_ignore)
        .git_ignore(respect_ignore)
        .git_global(respect_ignore)
        .git_exclude(respect_ignore)
        .parents(respect_ignore)
        // A newsroom folder with a .gitignore but no git repository (a
        // shared drive, a fresh download) still means it.
        .require_git(false)
        .follow_links(false)
        .build();
    let mut out = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_file_like = entry.file_type().is_some_and(|t| t.is_file() || t.is_symlink());
                // The name alone, read off the path's bytes: the walker's
                // `file_name` and `Path`'s extension and stem each split
                // the path into components again.
                let name = name_bytes(path);
                if entry.depth() > 0 && is_file_like && is_article_name(name) && !is_project_doc_name(name) {
                    out.push(Input::File { display: shown_name(display, dir, path), path: path.to_path_buf() });
                }
            }
            Err(e) => errors.push(FileError {
                path: display.to_string(),
                offset: 0,
                message: format!("cannot read folder: {}", walk_error(&e)),
            }),
        }
    }
    sort_like_a_tree(&mut out);
    out
}

/// Orders walked files as a depth-first walk with sorted folders would:
/// by their path's components, byte by byte. That is the order of the
/// paths' bytes with each separator read as the lowest byte, since a
/// component ends where a separator stands and a shorter component sorts
/// first. One such key per path, compared as plain bytes, replaces a key
/// of one string per component, which cost a third of the walk; and
/// sorting once here replaces the walker's own sorting, which split both
/// paths again for every comparison and cost more than the walk itself.
fn sort_like_a_tree(files: &mut [Input]) {
    files.sort_by_cached_key(|input| match input {
        Input::File { path, .. } => {
            let bytes = path.as_os_str().as_encoded_bytes();
            bytes.iter().map(|&b| if std::path::is_separator(char::from(b)) { 0 } else { b }).collect()
        }
        Input::Stdin { .. } => Vec::new(),
    });
}

fn walk_error(e: &ignore::Error) -> String {
    match e.io_error() {
        Some(io) => describe(io),
        None => e.to_string(),
    }
}

fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Reads an input as UTF-8 text. Binary files (a NUL byte in the first
/// 8 KiB), invalid UTF-8 and unreadable paths are errors located by byte.
pub fn read(input: &Input) -> Result<String, FileError> {
    let display = input.display().to_string();
    let fail = |offset: usize, message: String| FileError { path: display.clone(), offset, message };
    let bytes = match input {
        Input::Stdin { .. } => stdin_bytes().map_err(|message| fail(0, message))?,
        Input::File { path, .. } => {
            let meta = std::fs::metadata(path).map_err(|e| fail(0, format!("cannot read: {}", describe(&e))))?;
            if !meta.is_file() {
                return Err(fail(0, "cannot read: not a regular file".into()));
            }
            file_bytes(path, meta.len()).map_err(|e| fail(0, format!("cannot read: {}", describe(&e))))?
        }
    };
    decode(bytes).map_err(|(offset, message)| fail(offset, message))
}

/// The bytes of the regular file at `path`, `len` bytes long when its
/// metadata was read. `fs::read` would ask the file's size again (a second
/// `statx` per file) and, having read that many bytes, read once more to
/// see the end; reading at most `len` bytes needs neither. A file whose
/// size reads as 0 (as files in /proc do) is read to its end.
fn file_bytes(path: &Path, len: u64) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    if len == 0 {
        let mut bytes = Vec::new();
        (&file).read_to_end(&mut bytes)?;
        return Ok(bytes);
    }
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(usize::try_from(len).unwrap_or(usize::MAX))?;
    file.take(len).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Standard input, read once: a run may look at an input twice (once for
/// its outlet, once to check it), and standard input cannot be read again.
fn stdin_bytes() -> Result<Vec<u8>, String> {
    static STDIN: std::sync::OnceLock<Result<Vec<u8>, String>> = std::sync::OnceLock::new();
    STDIN
        .get_or_init(|| {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map(|_| buf)
                .map_err(|e| format!("cannot read standard input: {}", describe(&e)))
        })
        .clone()
}

/// The first bytes of an input, enough to see whether it opens with front
/// matter; empty when it cannot be read (reading it later reports why).
pub fn head(input: &Input, len: usize) -> Vec<u8> {
    match input {
        Input::Stdin { .. } => stdin_bytes().map(|mut b| {
            b.truncate(len);
            b
        }),
        // Not a regular file (a FIFO would block on open): nothing to see.
        Input::File { path, .. } if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) => Ok(Vec::new()),
        Input::File { path, .. } => std::fs::File::open(path)
            .and_then(|f| {
                let mut buf = Vec::with_capacity(len);
                f.take(len as u64).read_to_end(&mut buf)?;
                Ok(buf)
            })
            .map_err(|e| e.to_string()),
    }
    .unwrap_or_default()
}

/// Checks for binary content and decodes UTF-8 without loss; a file that
/// fails is located by byte, and named as Windows-1252, UTF-16 or UTF-32
/// when it looks like one of them.
pub fn decode(bytes: Vec<u8>) -> Result<String, (usize, String)> {
    let sniffed = &bytes[..bytes.len().min(BINARY_SNIFF)];
    // `contains` on bytes is a word-at-a-time search; the byte loop of
    // `position` runs only on the rare binary file.
    if sniffed.contains(&0)
        && let Some(nul) = sniffed.iter().position(|&b| b == 0)
    {
        return Err(encoding::explain_nul(sniffed, nul));
    }
    String::from_utf8(bytes).map_err(|e| encoding::explain_invalid(e.as_bytes(), &e.utf8_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_docs_are_not_articles() {
        let is_project_doc = |path: &str| is_project_doc_name(name_bytes(Path::new(path)));
        assert!(is_project_doc("samples/README.md"));
        assert!(is_project_doc("CHANGELOG.markdown"));
        assert!(!is_project_doc("samples/readme-ferry.md"));
    }

    #[test]
    fn names_split_as_paths_split_them() {
        let names = ["a.md", "a.b.md", ".md", "..", ".", "noext", "trailing.", "..md", ".hidden.txt", "x..y", ""];
        for name in names {
            let path = Path::new(name);
            let (stem, extension) = stem_and_extension(name.as_bytes());
            let expected_stem = path.file_stem().map(|s| s.as_encoded_bytes());
            let expected_extension = path.extension().map(|e| e.as_encoded_bytes());
            // `Path` gives no stem for "", "." and ".." (they are not file
            // names); the walker never yields those as files.
            if expected_stem.is_some() {
                assert_eq!(Some(stem), expected_stem, "stem of {name:?}");
            }
            assert_eq!(extension, expected_extension, "extension of {name:?}");
        }
        assert_eq!(name_bytes(Path::new("dir/sub/README.md")), b"README.md");
        assert!(is_article_name(b"story.MarkDown") && !is_article_name(b".md") && !is_article_name(b"notes.rst"));
    }

    #[test]
    fn walked_files_are_in_tree_order() {
        let file = |p: &str| Input::File { display: p.to_string(), path: PathBuf::from(p) };
        let mut files = vec![file("d/b.md"), file("d/a.md"), file("d-x.md"), file("d.md"), file("d/a/z.md")];
        sort_like_a_tree(&mut files);
        let order: Vec<&str> = files.iter().map(Input::display).collect();
        // The folder "d" sorts before "d-x.md" and "d.md", so its files come
        // first; plain string order would put them last ('/' sorts after
        // '-' and '.').
        assert_eq!(order, ["d/a/z.md", "d/a.md", "d/b.md", "d-x.md", "d.md"]);
    }

    #[test]
    fn shown_names_join_the_components_inside_the_folder() {
        let cases = [
            (".", "./a.md", "a.md"),
            ("./", "./d/a.md", "./d/a.md"),
            ("samples", "samples/d/e/a.md", "samples/d/e/a.md"),
            ("samples/", "samples/a.md", "samples/a.md"),
            ("../x/../y", "../x/../y/a b.md", "../x/../y/a b.md"),
            ("/", "/a.md", "/a.md"),
        ];
        for (folder, path, shown) in cases {
            assert_eq!(shown_name(folder, Path::new(folder), Path::new(path)), shown, "{path} in {folder}");
            // The same as splitting the path inside the folder into components.
            let inner = Path::new(path).strip_prefix(folder).unwrap();
            let parts: Vec<String> = inner.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            assert_eq!(inner_name(Path::new(folder), Path::new(path)), parts.join("/"), "{path} in {folder}");
        }
    }

    #[test]
    fn decode_reports_positions() {
        assert_eq!(decode(b"ok".to_vec()).unwrap(), "ok");
        assert_eq!(decode(b"ab\0c".to_vec()).unwrap_err().0, 2);
        assert_eq!(decode(b"abc\xff".to_vec()).unwrap_err().0, 3);
        assert_eq!(decode(Vec::new()).unwrap(), "");
    }
}
