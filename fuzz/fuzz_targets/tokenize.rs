//! Fuzz the tokenizer and the sentence splitter: every token and sentence
//! lies in the range asked for, in order, on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sumlint::text::{split_sentences, tokenize};

fuzz_target!(|input: (u8, &str)| {
    let (cut, text) = input;
    let mut start = (cut as usize).min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut last = start;
    for token in tokenize(text, start, text.len()) {
        assert!(last <= token.start && token.start < token.end && token.end <= text.len());
        assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
        last = token.end;
    }
    let mut last = start;
    for (s, e) in split_sentences(text, start, text.len()) {
        assert!(last <= s && s < e && e <= text.len());
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        last = e;
    }
});
