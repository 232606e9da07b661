//! The word-level diff of a summary unit against its source sentences,
//! shared by the reporters that show it (text, HTML).
//!
//! It returns runs of words rather than rendered text so each format marks
//! them its own way (`{+…+}`/`[-…-]` or colour in a terminal, `<ins>`/`<del>`
//! in HTML). Whitespace between two changes is folded into the change, so a
//! reworded phrase reads as one deletion and one insertion, not a word salad.

use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// A run of words in the diff of a unit against its source: borrowed from
/// the source or unit text where it is written there as it is shown (one
/// space between words, as in the squashed texts the reporters pass).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Words the unit shares with its source.
    Same(Cow<'a, str>),
    /// Source words the unit leaves out.
    Deleted(Cow<'a, str>),
    /// Words the unit adds.
    Inserted(Cow<'a, str>),
}

impl Piece<'_> {
    pub fn text(&self) -> &str {
        match self {
            Piece::Same(t) | Piece::Deleted(t) | Piece::Inserted(t) => t,
        }
    }

    /// The number of words. A piece's words are joined by single spaces
    /// (none has whitespace inside), so this counts the spaces: a long
    /// deleted run is elided to its count, and splitting it on Unicode
    /// whitespace again cost as much as building it.
    pub fn word_count(&self) -> usize {
        let text = self.text();
        if text.is_empty() {
            0
        } else {
            text.bytes().filter(|&b| b == b' ').count() + 1
        }
    }
}

/// The diff of `unit` against `source`, word by word. Each piece's text is
/// its words joined by single spaces; a deletion comes before the insertion
/// that replaces it.
pub fn word_pieces<'a>(source: &'a str, unit: &'a str) -> Vec<Piece<'a>> {
    // Words only, each as a number (the same for equal words): the diff
    // compares words many times over, and its cost grows with the number
    // of tokens times the number of changes. Diffing the whitespace too
    // (as `similar::TextDiff::from_words` does) doubled both, and string
    // compares made the word diff a quarter of a `check` run with the text
    // report. Whitespace is not shown anyway: pieces are single-spaced.
    let old = crate::outcome::words(source);
    let new = crate::outcome::words(unit);
    // Numbered by a map of borrowed words: nothing copied, and no list of
    // positions kept (`WordIndex` keeps one per word, which the diff never
    // reads). Only the unit's words are numbered: a source word the unit
    // lacks can never match, so all of them share one number, which the
    // diff drops before it runs. The map stays the size of a unit, and each
    // source word costs a lookup, not an insertion.
    let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
    ids.reserve(new.len());
    let new_numbers: Vec<u32> = new
        .iter()
        .map(|&word| {
            let next = ids.len() as u32;
            *ids.entry(word).or_insert(next)
        })
        .collect();
    let absent = ids.len() as u32;
    let old_numbers: Vec<u32> = old
        .iter()
        .map(|word| ids.get(word).copied().unwrap_or(absent))
        .collect();
    // Between two matched words every source word is deleted and every unit
    // word inserted, deletions first (the pieces say so whatever order the
    // diff gives them in): the pieces depend only on which words match.
    // Each run is joined in one go (not a word at a time through a buffer
    // copied out per piece): with the report on, the word diff was a tenth
    // of a `check` run.
    // A run of matched words is consecutive in the source (a gap ends it),
    // so each run is a range of `old`, and every piece a slice of its text
    // when the words are one space apart there.
    let mut pieces = Vec::new();
    // The matched words since the last gap: `old[same_start..o]`.
    let mut same_start = 0;
    let (mut o, mut n) = (0, 0);
    let gap =
        |pieces: &mut Vec<Piece<'a>>, same_start: &mut usize, o: usize, old_at: usize, n: usize, new_at: usize| {
            if o == old_at && n == new_at {
                return;
            }
            push_run(pieces, Piece::Same, source, &old[*same_start..o]);
            push_run(pieces, Piece::Deleted, source, &old[o..old_at]);
            push_run(pieces, Piece::Inserted, unit, &new[n..new_at]);
            *same_start = old_at;
        };
    for (old_at, new_at) in matches(&old_numbers, &new_numbers, absent as usize + 1) {
        gap(&mut pieces, &mut same_start, o, old_at, n, new_at);
        (o, n) = (old_at + 1, new_at + 1);
    }
    gap(&mut pieces, &mut same_start, o, old.len(), n, new.len());
    push_run(&mut pieces, Piece::Same, source, &old[same_start..o.max(same_start)]);
    pieces
}

/// The matched words of `old` and `new` (word numbers below `distinct`),
/// as (old index, new index) pairs in order: Myers' diff run on the words
/// each side shares with the other. A word only one side has can never
/// match, and taking it out first (as GNU diff and git do with lines that
/// have no match) leaves the diff far fewer edits to search: a unit is
/// short and its sources long, so most source words are such words, and
/// the diff's cost grows with the number of edits. The matched count is
/// still the longest possible; among equally long matchings the one picked
/// can differ from a diff of the whole texts.
fn matches(old: &[u32], new: &[u32], distinct: usize) -> Vec<(usize, usize)> {
    let mut sides = vec![0u8; distinct];
    for &word in old {
        sides[word as usize] |= 1;
    }
    for &word in new {
        sides[word as usize] |= 2;
    }
    // (Filled in a loop into vectors of the right size: `unzip` of a
    // filter grew both from empty.)
    let shared = |words: &[u32]| -> (Vec<usize>, Vec<u32>) {
        let (mut at, mut shared) = (Vec::with_capacity(words.len()), Vec::with_capacity(words.len()));
        for (i, &word) in words.iter().enumerate() {
            if sides[word as usize] == 3 {
                at.push(i);
                shared.push(word);
            }
        }
        (at, shared)
    };
    let (old_at, old_shared) = shared(old);
    let (new_at, new_shared) = shared(new);
    let mut pairs = Vec::new();
    for op in super::myers::capture_diff(&old_shared, &new_shared) {
        if let similar::DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            pairs.extend((0..len).map(|i| (old_at[old_index + i], new_at[new_index + i])));
        }
    }
    pairs
}

/// Adds `words` (consecutive words of `text`, as `outcome::words` gives
/// them) as one piece, joined by single spaces: the slice of `text` from
/// the first to the last when they are one space apart there (the reports
/// pass squashed texts, so nearly always), a new string otherwise. Each
/// piece was a new string; with the text report on, the pieces' strings
/// were an eighth of the word diff.
fn push_run<'a>(pieces: &mut Vec<Piece<'a>>, make: fn(Cow<'a, str>) -> Piece<'a>, text: &'a str, words: &[&'a str]) {
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return;
    };
    let at = |word: &str| word.as_ptr() as usize - text.as_ptr() as usize;
    let (start, end) = (at(first), at(last) + last.len());
    let single_spaced = words
        .windows(2)
        .all(|pair| at(pair[1]) == at(pair[0]) + pair[0].len() + 1 && text.as_bytes()[at(pair[1]) - 1] == b' ');
    let run = if single_spaced {
        Cow::Borrowed(&text[start..end])
    } else {
        Cow::Owned(words.join(" "))
    };
    // Two runs of the same kind in a row (a change split by whitespace only) read as one.
    match (pieces.last_mut(), make(run)) {
        (Some(Piece::Same(last)), Piece::Same(next))
        | (Some(Piece::Deleted(last)), Piece::Deleted(next))
        | (Some(Piece::Inserted(last)), Piece::Inserted(next)) => {
            let last = last.to_mut();
            last.push(' ');
            last.push_str(&next);
        }
        (_, piece) => pieces.push(piece),
    }
}

/// [`push_run`] as it was, a new string per piece: the tests' reference.
#[cfg(test)]
fn push_run_owned(pieces: &mut Vec<Piece<'static>>, make: fn(Cow<'static, str>) -> Piece<'static>, words: &[&str]) {
    if words.is_empty() {
        return;
    }
    match (pieces.last_mut(), make(Cow::Owned(words.join(" ")))) {
        (Some(Piece::Same(last)), Piece::Same(next))
        | (Some(Piece::Deleted(last)), Piece::Deleted(next))
        | (Some(Piece::Inserted(last)), Piece::Inserted(next)) => {
            let last = last.to_mut();
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

    /// The length of a longest common subsequence, by the textbook table.
    fn lcs_len(a: &[u32], b: &[u32]) -> usize {
        let mut row = vec![0usize; b.len() + 1];
        for &x in a {
            let mut diagonal = 0;
            for (j, &y) in b.iter().enumerate() {
                let above = row[j + 1];
                row[j + 1] = if x == y { diagonal + 1 } else { above.max(row[j]) };
                diagonal = above;
            }
        }
        row[b.len()]
    }

    /// The pieces built a word at a time, as before runs were joined in one
    /// go: the reference the fast path is compared with.
    fn word_pieces_by_word(source: &str, unit: &str) -> Vec<Piece<'static>> {
        use similar::ChangeTag;
        let old: Vec<&str> = source.split_whitespace().collect();
        let new: Vec<&str> = unit.split_whitespace().collect();
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        let numbers: Vec<u32> = old
            .iter()
            .chain(&new)
            .map(|&word| {
                let next = ids.len() as u32;
                *ids.entry(word).or_insert(next)
            })
            .collect();
        let (old_numbers, new_numbers) = numbers.split_at(old.len());
        let flush =
            |pieces: &mut Vec<Piece<'static>>, make: fn(Cow<'static, str>) -> Piece<'static>, buffer: &mut String| {
                let words: Vec<&str> = buffer.split_whitespace().collect();
                push_run_owned(pieces, make, &words);
                buffer.clear();
            };
        let mut pieces = Vec::new();
        let (mut same, mut deleted, mut inserted) = (String::new(), String::new(), String::new());
        let mut push = |tag: ChangeTag, word: &str| {
            let buffer = match tag {
                ChangeTag::Delete | ChangeTag::Insert => {
                    flush(&mut pieces, Piece::Same, &mut same);
                    if tag == ChangeTag::Delete {
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
            buffer.push_str(word);
            buffer.push(' ');
        };
        let (mut o, mut n) = (0, 0);
        for (old_at, new_at) in matches(old_numbers, new_numbers, ids.len()) {
            old[o..old_at].iter().for_each(|w| push(ChangeTag::Delete, w));
            new[n..new_at].iter().for_each(|w| push(ChangeTag::Insert, w));
            push(ChangeTag::Equal, old[old_at]);
            (o, n) = (old_at + 1, new_at + 1);
        }
        old[o..].iter().for_each(|w| push(ChangeTag::Delete, w));
        new[n..].iter().for_each(|w| push(ChangeTag::Insert, w));
        flush(&mut pieces, Piece::Same, &mut same);
        flush(&mut pieces, Piece::Deleted, &mut deleted);
        flush(&mut pieces, Piece::Inserted, &mut inserted);
        pieces
    }

    /// Texts of a few distinct words (so that many repeat and some are on
    /// one side only), separated by runs of assorted whitespace.
    fn words_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        let word = proptest::sample::select(vec!["a", "b", "c", "dé", "e.", "«f»", "", "g-h"]);
        let space = proptest::sample::select(vec![" ", "  ", "\t", "\n", "\u{a0}", "\u{2003} "]);
        proptest::collection::vec((word, space), 0..40)
            .prop_map(|parts| parts.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
    }

    proptest::proptest! {
        #[test]
        fn runs_joined_at_once_are_the_pieces_built_word_by_word(source in words_text(), unit in words_text()) {
            let pieces = word_pieces(&source, &unit);
            proptest::prop_assert_eq!(&pieces, &word_pieces_by_word(&source, &unit));
            for piece in &pieces {
                proptest::prop_assert_eq!(piece.word_count(), piece.text().split_whitespace().count());
            }
        }
    }

    proptest::proptest! {
        // Few distinct words, so that many words repeat and some are on one side only.
        #[test]
        fn matches_are_a_longest_common_subsequence(
            old in proptest::collection::vec(0u32..8, 0..50),
            new in proptest::collection::vec(0u32..8, 0..50),
        ) {
            let pairs = matches(&old, &new, 8);
            proptest::prop_assert_eq!(pairs.len(), lcs_len(&old, &new));
            for (k, &(i, j)) in pairs.iter().enumerate() {
                proptest::prop_assert_eq!(old[i], new[j]);
                if k > 0 {
                    proptest::prop_assert!(i > pairs[k - 1].0 && j > pairs[k - 1].1);
                }
            }
        }
    }

    #[test]
    fn a_long_source_keeps_the_unit_words_in_order() {
        // Most source words are not in the unit: they are deleted, runs of
        // them elided by the reporters.
        let pieces = word_pieces(
            "Officials said on Tuesday that the bridge, closed since May for repairs, will open on Monday.",
            "The bridge will open Monday.",
        );
        assert_eq!(
            pieces,
            [
                Piece::Deleted("Officials said on Tuesday that the bridge, closed since May for repairs,".into()),
                Piece::Inserted("The bridge".into()),
                Piece::Same("will open".into()),
                Piece::Deleted("on".into()),
                Piece::Same("Monday.".into()),
            ]
        );
    }

    #[test]
    fn empty_source_is_all_inserted() {
        assert_eq!(word_pieces("", "new words"), [Piece::Inserted("new words".into())]);
        assert_eq!(word_pieces("old", ""), [Piece::Deleted("old".into())]);
    }
}
