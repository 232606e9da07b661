//! Text analysis: words, numbers, sentences, stems and stopwords.
//!
//! Everything here works on byte ranges of one text so that the tokens it
//! returns carry offsets into the original file. Nothing here knows about
//! documents or summaries; `document` and `align` build on it.

pub mod lexicon;
pub mod numbers;
pub mod sentences;
pub mod stopwords;
pub mod synonyms;
pub mod tokens;

pub use numbers::Number;
pub use sentences::split_sentences;
pub use tokens::{tokenize, Token, TokenKind};

/// Lowercases and folds typographic apostrophes and quotes so that
/// "Putin’s" and "Putin's" compare equal.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' => out.push('\''),
            c if c.is_uppercase() => out.extend(c.to_lowercase()),
            c => out.push(c),
        }
    }
    out
}

/// The English stem of an already folded word ("militaries" → "militari").
pub fn stem(folded: &str) -> String {
    use std::sync::OnceLock;
    static STEMMER: OnceLock<rust_stemmers::Stemmer> = OnceLock::new();
    let stemmer = STEMMER.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English));
    let base = folded
        .strip_suffix("'s")
        .or_else(|| folded.strip_suffix('\''))
        .unwrap_or(folded);
    stemmer.stem(base).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_unifies_apostrophes_and_case() {
        assert_eq!(fold("Putin’s"), "putin's");
        assert_eq!(fold("ÉCOLE"), "école");
    }

    #[test]
    fn stems_ignore_possessives_and_inflections() {
        assert_eq!(stem("russia's"), stem("russia"));
        assert_eq!(stem("declared"), stem("declares"));
        assert_eq!(stem("militaries"), stem("military"));
    }
}
