//! The distinct article bodies of JSONL files, as checkable documents:
//! shared by the typo examples (`typo_bench`, `typo_prof`).

use std::collections::HashSet;

use sumlint::document::json::{parse_jsonl_line, Record};
use sumlint::document::Document;

/// Each distinct `document` field of the records in `paths`, in file order.
pub fn distinct_bodies(paths: &[String]) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut bodies = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}; pass JSONL files"));
        for (i, line) in text.lines().enumerate() {
            if let Some(Ok(record)) = parse_jsonl_line(path, i + 1, line) {
                if seen.insert(record.document.clone()) {
                    bodies.push(record.document);
                }
            }
        }
    }
    bodies
}

/// `body` as a document with no summary, named by `id`.
pub fn document(id: usize, body: &str) -> Document {
    let record = Record {
        id: format!("doc-{id}"),
        document: body.to_string(),
        summary: None,
        headline: None,
        dek: None,
        label: None,
    };
    record.into_document("bench.jsonl", None)
}
