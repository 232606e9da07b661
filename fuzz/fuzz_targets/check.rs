//! Fuzz the whole check: parse any text as a plain-text or Markdown
//! article, align and check it; every span and score of the outcome must be
//! right and its JSON must parse.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sumlint::document::{parse_article, InputFormat, ParseOptions};
use sumlint::options::CheckOptions;
use sumlint::report::json::JsonFile;

fuzz_target!(|input: (bool, &str)| {
    let (markdown, text) = input;
    let format = if markdown {
        InputFormat::Markdown
    } else {
        InputFormat::Text
    };
    let Ok(doc) = parse_article("f.txt", text.to_string(), format, &ParseOptions::default()) else {
        return;
    };
    let outcome = sumlint::check_document(&doc, &CheckOptions::default());
    if let Err(e) = sumlint::invariants::check_outcome(&doc, &outcome) {
        panic!("{e}");
    }
    let json = serde_json::to_string(&JsonFile::from_outcome(&outcome)).expect("serializes");
    serde_json::from_str::<serde_json::Value>(&json).expect("JSON output parses");
});
