//! Fuzz the JSON and JSONL readers: any text as a JSON file and as JSONL
//! lines; records that parse must become documents with right spans.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sumlint::document::json::{parse_json, parse_jsonl_line};

fuzz_target!(|text: &str| {
    for record in parse_json("f.json", text).into_iter().flatten() {
        let doc = record.into_document("f.json", None);
        if let Err(e) = sumlint::invariants::check_document(&doc) {
            panic!("{e}");
        }
    }
    for (i, line) in text.lines().enumerate() {
        if let Some(Ok(record)) = parse_jsonl_line("f.jsonl", i + 1, line) {
            let doc = record.into_document("f.jsonl", Some(i + 1));
            if let Err(e) = sumlint::invariants::check_document(&doc) {
                panic!("{e}");
            }
        }
    }
});
