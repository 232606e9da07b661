//! Fuzz the text and Markdown parsers: any bytes are decoded (strictly,
//! then lossily) and parsed; every span of the document must be right.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sumlint::document::{decode, decode_lossy, parse_article, InputFormat, ParseOptions};

fuzz_target!(|data: &[u8]| {
    let _ = decode("f.txt", data.to_vec());
    let Ok((text, _)) = decode_lossy("f.txt", data.to_vec()) else {
        return;
    };
    for format in [InputFormat::Text, InputFormat::Markdown] {
        if let Ok(doc) = parse_article("f.txt", text.clone(), format, &ParseOptions::default()) {
            if let Err(e) = sumlint::invariants::check_document(&doc) {
                panic!("{format:?}: {e}");
            }
        }
    }
});
