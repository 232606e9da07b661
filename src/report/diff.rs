//! The word-level diff of a summary unit against its source sentences,
//! shared by the reporters that show it (text, HTML).
//!
//! It returns runs of words rather than rendered text so each format marks
//! them its own way (`{+…+}`/`[-…-]` or colour in a terminal, `<ins>`/`<del>`
//! in HTML). Whitespace between two changes is folded into the change, so a
//! reworded phrase reads as one deletion and one insertion, not a word salad.

use rustc_hash::FxHashMap;
use similar::ChangeTag;

/// A run of words in the diff of a unit against its source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Words the unit shares with its source.
    Same(String),
    /// Source words the unit leaves out.
    Deleted(String),
    /// Words the unit adds.
    Inserted(String),
}

impl Piece {
    pub fn text(&self) -> &str {
        match self {
            Piece::Same(t) | Piece::Deleted(t) | Piece::Inserted(t) => t,
        }
    }

    pub fn word_count(&self) -> usize {
        self.text().split_whitespace().count()
    }
}

/// The diff of `unit` against `source`, word by word. Each piece's text is
/// its words joined by single spaces; a deletion comes before the insertion
/// that replaces it.
pub fn word_pieces(source: &str, unit: &str) -> Vec<Piece> {
    // Words only, each as a number (the same for equal words): the diff
    // compares words many times over, and its cost grows with the number
    // of tokens times the number of changes. Diffing the whitespace too
    // (as `similar::TextDiff::from_words` does) doubled both, and string
    // compares made the word diff a quarter of a `check` run with the text
    // report. Whitespace is not shown anyway: pieces are single-spaced.
    let old: Vec<&str> = source.split_whitespace().collect();
    let new: Vec<&str> = unit.split_whitespace().collect();
    // Numbered by a map of borrowed words: nothing copied, and no list of
    // positions kept (`WordIndex` keeps one per word, which the diff never reads).
    let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
    ids.reserve(old.len() + new.len());
    let numbers: Vec<u32> = old
        .iter()
        .chain(&new)
        .map(|&word| {
            let next = ids.len() as u32;
            *ids.entry(word).or_insert(next)
        })
        .collect();
    let (old_numbers, new_numbers) = numbers.split_at(old.len());
    let mut pieces = Vec::new();
    let mut same = String::new();
    let mut deleted = String::new();
    let mut inserted = String::new();
    let ops = super::myers::capture_diff(old_numbers, new_numbers);
    for change in ops.iter().flat_map(|op| op.iter_changes(&old, &new)) {
        let buffer = match change.tag() {
            ChangeTag::Delete | ChangeTag::Insert => {
                flush(&mut pieces, Piece::Same, &mut same);
                if change.tag() == ChangeTag::Delete {
                    &mut deleted
                } else {
                    &mut inserted
                }
            }
            ChangeTag::Equal => {
                flush(&mut pieces, Piece::Deleted, &mut deleted);
                flush(&mut pieces, Piece::Inserted, &mut inserted);
                &mut same
            }
        };
        buffer.push_str(change.value());
        buffer.push(' ');
    }
    flush(&mut pieces, Piece::Same, &mut same);
    flush(&mut pieces, Piece::Deleted, &mut deleted);
    flush(&mut pieces, Piece::Inserted, &mut inserted);
    pieces
}

fn flush(pieces: &mut Vec<Piece>, make: fn(String) -> Piece, buffer: &mut String) {
    // The buffer holds words (no whitespace inside: they come from
    // `split_whitespace`), each followed by one space.
    let words = buffer.trim_end().to_string();
    buffer.clear();
    if words.is_empty() {
        return;
    }
    // Two runs of the same kind in a row (a change split by whitespace only) read as one.
    match (pieces.last_mut(), make(words)) {
        (Some(Piece::Same(last)), Piece::Same(next))
        | (Some(Piece::Deleted(last)), Piece::Deleted(next))
        | (Some(Piece::Inserted(last)), Piece::Inserted(next)) => {
            last.push(' ');
            last.push_str(&next);
        }
        (_, piece) => pieces.push(piece),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reworded_phrase_is_one_deletion_then_one_insertion() {
        let pieces = word_pieces(
            "The mayor opened the bridge on Monday.",
            "The mayor opened the new bridge today.",
        );
        assert_eq!(
            pieces,
            [
                Piece::Same("The mayor opened the".into()),
                Piece::Inserted("new".into()),
                Piece::Same("bridge".into()),
                Piece::Deleted("on Monday.".into()),
                Piece::Inserted("today.".into()),
            ]
        );
    }

    #[test]
    fn identical_texts_are_one_same_piece() {
        assert_eq!(word_pieces("a b  c", "a b c"), [Piece::Same("a b c".into())]);
    }

    #[test]
    fn empty_source_is_all_inserted() {
        assert_eq!(word_pieces("", "new words"), [Piece::Inserted("new words".into())]);
        assert_eq!(word_pieces("old", ""), [Piece::Deleted("old".into())]);
    }
}
