//! Differential fuzzing of the word segmenter: `sumlint::text::words` cuts
//! text into stretches and reads ASCII stretches with its own loop, and it
//! must find exactly the words `unicode-segmentation` finds, at the same
//! offsets, through both of its entry points.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sumlint::text::words::{for_each_word, word_indices};
use unicode_segmentation::UnicodeSegmentation;

fuzz_target!(|text: &str| {
    let reference: Vec<(usize, &str)> = text.unicode_word_indices().collect();
    let iterated: Vec<(usize, &str)> = word_indices(text).collect();
    assert_eq!(iterated, reference);
    let mut called = Vec::new();
    for_each_word(text, |offset, word| called.push((offset, word)));
    assert_eq!(called, reference);
});
