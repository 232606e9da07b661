//! Differential fuzzing of the stemmer: `sumlint::text::porter2` stems
//! ASCII words with its own steps, and must give exactly what the
//! `rust-stemmers` crate's English stemmer gives, for any input it accepts
//! (it hands everything else back to the crate).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sumlint::text::porter2::stem;

fuzz_target!(|word: &str| {
    if let Some(fast) = stem(word) {
        let reference = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English).stem(word);
        assert_eq!(fast, reference, "{word:?}");
    }
});
