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
                return Err(Error::input(
                    path,
                    "is a directory; name the article files in it (e.g. `dir/*.md`)",
                ));
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
