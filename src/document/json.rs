//! JSON and JSONL batches: records `{"id", "document", "summary"}` where
//! `summary` is a string (prose, one unit per sentence) or a list of
//! strings (one bullet each). Optional `headline`/`title` and `dek` become
//! units too.
//!
//! Each record becomes its own [`Document`] whose text is the record's
//! document, a blank line, then the summary (one item per line); lines and
//! columns in findings count within that text. A bad record is an error for
//! that record only: the others are still checked.

use super::{plain, Document, Layout};
use crate::error::{Error, Result};
use serde_json::Value;

/// One record's fields, as read.
#[derive(Debug)]
pub struct Record {
    pub id: String,
    pub document: String,
    pub summary: Option<Summary>,
    pub headline: Option<String>,
    pub dek: Option<String>,
    pub label: Option<f64>,
}

#[derive(Debug)]
pub enum Summary {
    Prose(String),
    Bullets(Vec<String>),
}

/// Reads the records of a `.json` file: one object or an array of objects.
pub fn parse_json(path: &str, source: &str) -> Vec<Result<Record>> {
    let value: Value = match serde_json::from_str(source) {
        Ok(v) => v,
        Err(e) => {
            return vec![Err(Error::parse(
                path,
                e.line(),
                format!(
                "not valid JSON: {e}; expected an object {{\"document\": ..., \"summary\": ...}} or an array of them"
            ),
            ))]
        }
    };
    match value {
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| record(path, 1, v, i + 1))
            .collect(),
        v => vec![record(path, 1, v, 1)],
    }
}

/// Reads one line of a JSONL file; `None` for a blank line.
pub fn parse_jsonl_line(path: &str, line_number: usize, line: &str) -> Option<Result<Record>> {
    let trimmed = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if trimmed.is_empty() {
        return None;
    }
    Some(match serde_json::from_str::<Value>(trimmed) {
        Ok(v) => record(path, line_number, v, line_number),
        Err(e) => Err(Error::parse(
            path,
            line_number,
            format!("not valid JSON ({e}); each line must be one object {{\"id\", \"document\", \"summary\"}}"),
        )),
    })
}

fn record(path: &str, line: usize, value: Value, ordinal: usize) -> Result<Record> {
    let Value::Object(mut map) = value else {
        return Err(Error::parse(
            path,
            line,
            "expected a JSON object with \"document\" and \"summary\" fields",
        ));
    };
    let id = match map.remove("id") {
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        _ => format!("record-{ordinal}"),
    };
    let document = match map
        .remove("document")
        .or_else(|| map.remove("text"))
        .or_else(|| map.remove("body"))
    {
        Some(Value::String(s)) => s,
        Some(_) => {
            return Err(Error::parse(
                path,
                line,
                format!("record {id}: \"document\" must be a string"),
            ))
        }
        None => {
            return Err(Error::parse(
                path,
                line,
                format!("record {id}: missing the \"document\" field (the article body)"),
            ))
        }
    };
    let summary = match map.remove("summary") {
        Some(Value::String(s)) => Some(Summary::Prose(s)),
        Some(Value::Array(items)) => {
            let mut bullets = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::String(s) => bullets.push(s),
                    _ => {
                        return Err(Error::parse(
                            path,
                            line,
                            format!("record {id}: \"summary\" must be a string or a list of strings"),
                        ))
                    }
                }
            }
            Some(Summary::Bullets(bullets))
        }
        Some(Value::Null) | None => None,
        Some(_) => {
            return Err(Error::parse(
                path,
                line,
                format!("record {id}: \"summary\" must be a string or a list of strings"),
            ))
        }
    };
    let text_field = |map: &mut serde_json::Map<String, Value>, keys: &[&str]| {
        keys.iter()
            .find_map(|k| map.remove(*k))
            .and_then(|v| v.as_str().map(str::to_string))
    };
    let headline = text_field(&mut map, &["headline", "title"]);
    let dek = text_field(&mut map, &["dek", "subtitle"]);
    let label = map.get("label").and_then(Value::as_f64);
    Ok(Record {
        id,
        document,
        summary,
        headline,
        dek,
        label,
    })
}

impl Record {
    /// The record as a document: headline and dek lines, the body, a blank
    /// line, then the summary, one item a line.
    pub fn into_document(self, path: &str, record_line: Option<usize>) -> Document {
        let mut source = String::with_capacity(self.document.len() + 512);
        let mut layout = Layout::default();
        let push_line = |source: &mut String, text: &str| -> Option<(usize, usize)> {
            let text = text.trim();
            let start = source.len();
            source.push_str(&text.replace(['\n', '\r'], " "));
            let end = source.len();
            source.push('\n');
            (start < end).then_some((start, end))
        };
        if let Some(h) = &self.headline {
            layout.headline = push_line(&mut source, h);
        }
        if let Some(d) = &self.dek {
            layout.dek = push_line(&mut source, d);
        }
        if layout.headline.is_some() || layout.dek.is_some() {
            source.push('\n');
        }
        let body_offset = source.len();
        source.push_str(&self.document);
        let body = plain::body_layout(&self.document);
        layout.paragraphs = body
            .paragraphs
            .iter()
            .map(|&(s, e)| (s + body_offset, e + body_offset))
            .collect();
        layout.headings = body
            .headings
            .iter()
            .map(|&(s, e)| (s + body_offset, e + body_offset))
            .collect();
        source.push_str("\n\n");
        match &self.summary {
            Some(Summary::Prose(text)) => {
                let start = source.len();
                source.push_str(text);
                layout.summary_prose.push((start, source.len()));
                source.push('\n');
            }
            Some(Summary::Bullets(items)) => {
                for item in items {
                    layout.bullets.extend(push_line(&mut source, item));
                }
            }
            None => {}
        }
        let mut doc = Document::build(path, source, layout);
        doc.id = Some(self.id);
        doc.record_line = record_line;
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_record_with_prose_summary() {
        let line = r#"{"id": "a1", "document": "The mayor opened the bridge. It cost $3 million.", "summary": "The mayor opened a bridge. It cost three million dollars."}"#;
        let record = parse_jsonl_line("x.jsonl", 4, line).unwrap().unwrap();
        let doc = record.into_document("x.jsonl", Some(4));
        assert_eq!(doc.id.as_deref(), Some("a1"));
        assert_eq!(doc.paragraphs.len(), 1);
        let units: Vec<&str> = doc.summary_units().map(|u| doc.slice(&u.span)).collect();
        assert_eq!(units, ["The mayor opened a bridge.", "It cost three million dollars."]);
    }

    #[test]
    fn list_summary_and_headline() {
        let json = r#"{"title": "Bridge opens", "document": "Para one.\n\nPara two.", "summary": ["One.", "Two."]}"#;
        let records = parse_json("x.json", json);
        let doc = records
            .into_iter()
            .next()
            .unwrap()
            .unwrap()
            .into_document("x.json", None);
        assert_eq!(doc.units[0].kind, super::super::UnitKind::Headline);
        assert_eq!(doc.summary_units().count(), 2);
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.id.as_deref(), Some("record-1"));
    }

    #[test]
    fn bad_lines_name_the_line_and_the_fix() {
        let err = parse_jsonl_line("x.jsonl", 7, "{not json").unwrap().unwrap_err();
        assert!(err.to_string().starts_with("x.jsonl:7: not valid JSON"), "{err}");
        let err = parse_jsonl_line("x.jsonl", 8, r#"{"id": "z", "summary": "s"}"#)
            .unwrap()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.jsonl:8: record z: missing the \"document\" field (the article body)"
        );
        assert!(parse_jsonl_line("x.jsonl", 9, "   ").is_none());
    }
}
