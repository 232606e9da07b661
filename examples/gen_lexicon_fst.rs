//! Rebuilds the embedded lexicon `.fst` files in `data/lexicon/` from the text
//! lists written by `scripts/gen_lexicon.py`, and the WordNet binaries in
//! `data/wordnet/` from the lists written by `scripts/gen_wordnet.py`.
//!
//! Why an example and not a build script: the fst bytes are committed, so a
//! normal build needs neither Python nor the source word lists; this is run
//! by hand after regenerating the lists. (On a fresh checkout without any
//! `.fst` files, create empty ones first: `include_bytes!` needs them to exist.)

use std::path::Path;

use sumlint::text::{lexicon, synonyms};

fn main() -> std::io::Result<()> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    // Silent on success like other generators; `git status` shows what changed.
    lexicon::build_fst_files(&data.join("lexicon"))?;
    synonyms::build_files(&data.join("wordnet"))?;
    // (From the WordNet data this binary embeds: after new WordNet lists,
    // run it a second time.)
    let frequent = std::fs::read(data.join("lexicon").join(lexicon::FREQUENT_FORMS_FILE))?;
    std::fs::write(
        data.join("wordnet").join(synonyms::FREQUENT_SENSES_FILE),
        synonyms::build_frequent_senses_bytes(&frequent),
    )
}
