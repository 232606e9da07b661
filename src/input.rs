//! Reading inputs: files or standard input, in any supported format, into
//! documents. A JSON batch yields one document per record; a bad record is
//! an error for that record alone.

use crate::document::json::{parse_json, parse_jsonl_line, Record};
use crate::document::{decode, layout_of, parse_article, Document, InputFormat, ParseOptions};
use crate::error::{Error, Result};
use std::io::Read;
use std::path::Path;

/// The name standard input is reported under.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads a file (or standard input for `-`) as UTF-8 text.
pub fn read_text(path: &str) -> Result<String> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map_err(|e| Error::io(STDIN_NAME, e))?;
        buf
    } else {
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.is_dir() {
                return Err(Error::input(path, "is a directory, not an article or summary file"));
            }
            if meta.len() > crate::document::MAX_FILE_BYTES {
                return Err(Error::TooLarge {
                    path: path.into(),
                    size: meta.len(),
                    limit: crate::document::MAX_FILE_BYTES,
                });
            }
        }
        std::fs::read(path).map_err(|e| Error::io(path, e))?
    };
    decode(display_name(path), bytes)
}

/// The name a path is reported under.
pub fn display_name(path: &str) -> &str {
    if path == "-" {
        STDIN_NAME
    } else {
        path
    }
}

/// Every document in `source`: one for an article, one per record for JSON.
pub fn documents(path: &str, source: String, format: InputFormat, options: &ParseOptions) -> Vec<Result<Document>> {
    let name = display_name(path);
    match format {
        InputFormat::Json => parse_json(name, &source)
            .into_iter()
            .map(|r| r.map(|r| r.into_document(name, None)))
            .collect(),
        InputFormat::Jsonl => jsonl_records(name, &source)
            .map(|(line, r)| r.map(|r| r.into_document(name, Some(line))))
            .collect(),
        _ => vec![parse_article(name, source, format, options)],
    }
}

/// The records of a JSONL text with their 1-based line numbers.
pub fn jsonl_records<'a>(path: &'a str, source: &'a str) -> impl Iterator<Item = (usize, Result<Record>)> + 'a {
    source
        .lines()
        .enumerate()
        .filter_map(move |(i, line)| parse_jsonl_line(path, i + 1, line).map(|r| (i + 1, r)))
}

/// Reads the summary for `--summary FILE` into `doc`.
pub fn attach_summary(doc: &mut Document, summary_path: &str, options: &ParseOptions) -> Result<()> {
    let source = read_text(summary_path)?;
    let format = InputFormat::from_path(summary_path);
    if matches!(format, InputFormat::Json | InputFormat::Jsonl) {
        return Err(Error::input(
            summary_path,
            "a --summary file must be plain text or Markdown",
        ));
    }
    let layout = layout_of(&source, format, options);
    doc.set_summary_from(display_name(summary_path), source, layout);
    Ok(())
}

/// The format of `path`, unless the user chose one.
pub fn format_of(path: &str, chosen: Option<InputFormat>) -> InputFormat {
    chosen.unwrap_or_else(|| InputFormat::from_path(path))
}

/// The inputs that `FILE` arguments name, as (path to read, name to report):
/// `-` is standard input (named `stdin_name` when given), a directory is
/// walked for article files (by extension, honouring `.gitignore`, `.ignore`
/// and skipping hidden files), a pattern such as `content/**/*.md` that is
/// not itself a file is expanded the same way, and anything else is read as
/// a file. Arguments that name nothing are returned as errors.
pub fn expand(args: &[String], stdin_name: Option<&str>) -> (Vec<(String, String)>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg == "-" {
            let name = stdin_name.unwrap_or(STDIN_NAME).to_string();
            inputs.push((arg.clone(), name));
            continue;
        }
        let path = Path::new(arg);
        if path.is_dir() {
            let found = walk(path, is_article_path);
            if found.is_empty() {
                errors.push(Error::input(
                    arg.as_str(),
                    "no article files (.txt, .md, .markdown, .mdx, .json, .jsonl, .ndjson) in this directory \
                     outside .gitignore'd and hidden paths",
                ));
            }
            inputs.extend(found.into_iter().map(|f| (f.clone(), f)));
        } else if !path.exists() && is_glob(arg) {
            let (base, glob) = match glob_base(arg) {
                Ok(found) => found,
                Err(message) => {
                    errors.push(Error::input(arg.as_str(), message));
                    continue;
                }
            };
            let found = walk(&base, |file| {
                let shown = file.to_string_lossy();
                glob.is_match(shown.strip_prefix("./").unwrap_or(&shown))
            });
            if found.is_empty() {
                errors.push(Error::input(
                    arg.as_str(),
                    "no files match this pattern (quote it so the shell does not expand it, e.g. 'content/**/*.md')",
                ));
            }
            inputs.extend(found.into_iter().map(|f| (f.clone(), f)));
        } else {
            inputs.push((arg.clone(), arg.clone()));
        }
    }
    (inputs, errors)
}

fn is_glob(arg: &str) -> bool {
    arg.contains(['*', '?', '[', '{'])
}

/// The directory to walk for a pattern (its components before the first
/// wildcard) and the compiled pattern.
fn glob_base(arg: &str) -> std::result::Result<(std::path::PathBuf, globset::GlobMatcher), String> {
    let pattern = arg.strip_prefix("./").unwrap_or(arg);
    let glob = globset::GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_err(|e| format!("not a valid pattern: {}", e.kind()))?;
    let mut base = std::path::PathBuf::new();
    for component in Path::new(pattern).components() {
        if is_glob(&component.as_os_str().to_string_lossy()) {
            break;
        }
        base.push(component);
    }
    if base.as_os_str().is_empty() {
        base.push(".");
    }
    Ok((base, glob.compile_matcher()))
}

/// The files under `dir` that `pick` accepts, sorted, skipping what
/// `.gitignore`/`.ignore` exclude and hidden files.
fn walk(dir: &Path, pick: impl Fn(&Path) -> bool) -> Vec<String> {
    let mut found: Vec<String> = ignore::WalkBuilder::new(dir)
        // A content folder that is not (yet) a git repository still means its .gitignore.
        .require_git(false)
        .build()
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_some_and(|t| t.is_file()))
        .map(|entry| entry.into_path())
        .filter(|path| pick(path))
        .map(|path| path.to_string_lossy().into_owned())
        .collect();
    found.sort();
    found
}

/// True when `path` names a file sumlint can check, by extension.
pub fn is_article_path(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("txt" | "md" | "markdown" | "mdx" | "json" | "jsonl" | "ndjson")
    )
}
