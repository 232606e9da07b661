//! The words of a text (UAX #29), as `unicode-segmentation`'s
//! `unicode_word_indices` finds them, found faster in news text.
//!
//! Why: that crate takes a fast ASCII path only when the whole string is
//! ASCII, and one curly quote or dash (in most sentences of news) sends a
//! whole sentence down its general path, which looks up every character's
//! word-break class in a table. Here the text is cut where a word boundary
//! is certain and the segmentation starts afresh: after ASCII whitespace,
//! before an ASCII character that is not whitespace. No rule of UAX #29
//! joins whitespace to a following ASCII character, and no rule looks back
//! across whitespace (WB6/7 and WB11/12 look back over a middle character
//! that is never whitespace; regional indicators and WB4's ignored
//! characters are never ASCII). Each ASCII stretch is then read here by the
//! crate's own ASCII rules in one tight loop (the crate's ASCII path yields
//! and filters every space and mark), and only the pieces with other
//! characters (a quoted word, a name with an accent) take its general path. The words are the same, at
//! the same offsets: a property test compares both on random text.

use unicode_segmentation::UnicodeSegmentation;

/// The words of `text` with their byte offsets: `text.unicode_word_indices()`.
pub fn word_indices(text: &str) -> WordIndices<'_> {
    // Found in one pass by [`for_each_word`]'s tight loop and handed out
    // from a vector: an iterator that resumes the scan at each call kept
    // its state in memory and cost more per word than the scan itself.
    let mut words = Vec::with_capacity(text.len() / 6);
    for_each_word(text, |offset, word| words.push((offset, word)));
    WordIndices {
        words: words.into_iter(),
    }
}

/// Calls `f` with each word of `text` and its byte offset, in order: the
/// words of [`word_indices`], without an iterator's state kept between
/// words (the tokenizer's loop over every word of the text).
pub fn for_each_word<'t>(text: &'t str, mut f: impl FnMut(usize, &'t str)) {
    let bytes = text.as_bytes();
    for (start, end, ascii) in (Stretches { text, pos: 0 }) {
        if ascii {
            let mut pos = start;
            while let Some((word_start, word_end)) = next_ascii_word(bytes, &mut pos, end) {
                f(word_start, &text[word_start..word_end]);
            }
        } else {
            for (offset, word) in text[start..end].unicode_word_indices() {
                f(start + offset, word);
            }
        }
    }
}

/// The words of `text`: `text.unicode_words()`.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    word_indices(text).map(|(_, word)| word)
}

/// Iterator of [`word_indices`].
pub struct WordIndices<'t> {
    words: std::vec::IntoIter<(usize, &'t str)>,
}

/// Byte classes for [`next_ascii_word`]: ASCII letters, digits and `_`
/// (ALetter, Numeric, ExtendNumLet) are `CORE`, the bytes a word is made
/// of; letters and digits are also `ALNUM` (a word needs one of them).
/// One table load per byte instead of three range comparisons.
const CORE: u8 = 1;
const ALNUM: u8 = 2;
const DIGIT: u8 = 4;
const ALPHA: u8 = 8;
const CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        class[b] = if c.is_ascii_digit() {
            CORE | ALNUM | DIGIT
        } else if c.is_ascii_alphabetic() {
            CORE | ALNUM | ALPHA
        } else if c == b'_' {
            CORE
        } else {
            0
        };
        b += 1;
    }
    class
};

/// A byte that joins the characters on either side into one word: "3,000",
/// "3.5", "e.g", "Russia's" (WB6/7, WB11/12 for ASCII).
#[inline]
fn is_infix(b: u8, prev: u8, next: u8) -> bool {
    let both = CLASS[prev as usize] & CLASS[next as usize];
    match b {
        b'.' | b',' | b';' | b'\'' if both & DIGIT != 0 => true,
        b'\'' | b'.' | b':' if both & ALPHA != 0 => true,
        _ => false,
    }
}

/// The next word of the ASCII `bytes[*pos..end]` (offsets into `bytes`),
/// as `unicode-segmentation`'s ASCII path finds words: a run of letters,
/// digits and `_` with the joining punctuation inside it, holding at
/// least one letter or digit. Why here: that path yields every space and
/// punctuation mark as a segment of its own and then filters them out;
/// skipping them in one loop is a fraction of the work.
#[inline]
fn next_ascii_word(bytes: &[u8], pos: &mut usize, end: usize) -> Option<(usize, usize)> {
    let bytes = &bytes[..end];
    let mut i = *pos;
    loop {
        while let Some(&b) = bytes.get(i) {
            if CLASS[b as usize] & CORE != 0 {
                break;
            }
            i += 1;
        }
        if i >= end {
            *pos = end;
            return None;
        }
        let start = i;
        let mut seen = 0u8;
        while let Some(&b) = bytes.get(i) {
            let class = CLASS[b as usize];
            if class & CORE != 0 {
                seen |= class;
            } else if !(i + 1 < end && is_infix(b, bytes[i - 1], bytes[i + 1])) {
                break;
            }
            i += 1;
        }
        if seen & ALNUM != 0 {
            *pos = i;
            return Some((start, i));
        }
    }
}

impl<'t> Iterator for WordIndices<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<(usize, &'t str)> {
        self.words.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.words.size_hint()
    }
}

/// Index of the first byte of `bytes` that is not ASCII, eight bytes
/// per step (a stretch of news text is hundreds of ASCII bytes).
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    for (n, chunk) in chunks.by_ref().enumerate() {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let high = word & 0x8080_8080_8080_8080;
        if high != 0 {
            return Some(n * 8 + high.trailing_zeros() as usize / 8);
        }
    }
    let done = bytes.len() - chunks.remainder().len();
    chunks.remainder().iter().position(|b| !b.is_ascii()).map(|k| done + k)
}

/// Stretches of a text that start and end at certain word boundaries, each
/// all ASCII or as short as the boundaries allow around other characters.
struct Stretches<'t> {
    text: &'t str,
    pos: usize,
}

/// True if a word boundary is certain before byte `p` of `bytes`: the start,
/// or ASCII whitespace followed by an ASCII character that is not.
fn certain_boundary(bytes: &[u8], p: usize) -> bool {
    p == 0
        || (bytes[p - 1].is_ascii_whitespace()
            && bytes.get(p).is_some_and(|b| b.is_ascii() && !b.is_ascii_whitespace()))
}

impl Iterator for Stretches<'_> {
    /// Start, end, and whether the stretch is all ASCII.
    type Item = (usize, usize, bool);

    fn next(&mut self) -> Option<(usize, usize, bool)> {
        let bytes = self.text.as_bytes();
        let pos = self.pos;
        if pos >= bytes.len() {
            return None;
        }
        let Some(other) = first_non_ascii(&bytes[pos..]).map(|k| pos + k) else {
            self.pos = bytes.len();
            return Some((pos, bytes.len(), true));
        };
        // The ASCII before the piece around `other`, if it ends at a certain boundary.
        let piece_start = (pos + 1..=other)
            .rev()
            .find(|&p| certain_boundary(bytes, p))
            .unwrap_or(pos);
        if piece_start > pos {
            self.pos = piece_start;
            return Some((pos, piece_start, true));
        }
        let piece_end = (other + 1..bytes.len())
            .find(|&q| certain_boundary(bytes, q))
            .unwrap_or(bytes.len());
        self.pos = piece_end;
        Some((pos, piece_end, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Words with their offsets.
    type Words<'t> = Vec<(usize, &'t str)>;

    /// The words found here and by `unicode-segmentation`; the words of
    /// [`for_each_word`] are checked against [`word_indices`] on the way.
    fn both(text: &str) -> (Words<'_>, Words<'_>) {
        let mut each = Vec::new();
        for_each_word(text, |offset, word| each.push((offset, word)));
        let fast: Words<'_> = word_indices(text).collect();
        assert_eq!(each, fast, "{text:?}");
        (fast, text.unicode_word_indices().collect())
    }

    #[test]
    fn news_text_gives_the_same_words() {
        for text in [
            "“We’re not going,” said O’Brien — the U.S. envoy — on 3,000.5 km² of land.",
            "Zelensky’s aides: 12:30, e.g. a_b, naïve café, Москва 北京 👍🏽 🇬🇧🇫🇷 end.",
            "  \t\n",
            "",
            "a\u{301} b\u{200d}c  \u{301}x \u{2003} \u{345}y",
        ] {
            let (fast, reference) = both(text);
            assert_eq!(fast, reference, "{text:?}");
        }
    }

    /// Characters of every word-break class that matters around ASCII:
    /// letters, digits, middle punctuation, whitespace of each kind,
    /// combining marks, joiners, format characters, regional indicators,
    /// Hebrew and Katakana letters, CJK, emoji.
    fn tricky_char() -> impl Strategy<Value = char> {
        prop::sample::select(vec![
            'a',
            'Z',
            'e',
            '7',
            '0',
            '_',
            '.',
            ',',
            ';',
            ':',
            '\'',
            '"',
            '-',
            ' ',
            ' ',
            '\t',
            '\n',
            '\r',
            '\u{b}',
            '\u{c}',
            '\u{85}',
            '\u{a0}',
            '\u{2003}',
            '\u{3000}',
            '\u{2019}',
            '\u{2018}',
            '\u{201c}',
            '\u{2014}',
            '\u{2024}',
            '\u{b7}',
            '\u{301}',
            '\u{345}',
            '\u{200d}',
            '\u{ad}',
            '\u{200b}',
            '\u{1f1ec}',
            '\u{1f1e7}',
            '\u{5d0}',
            '\u{30a2}',
            '\u{5317}',
            '\u{1f44d}',
            '\u{1f3fd}',
            'é',
            'ß',
            'ж',
            '\u{ff0e}',
            '\u{202f}',
        ])
    }

    proptest! {
        #[test]
        fn the_same_words_as_unicode_segmentation(chars in prop::collection::vec(tricky_char(), 0..40)) {
            let text: String = chars.into_iter().collect();
            let (fast, reference) = both(&text);
            prop_assert_eq!(fast, reference);
        }

        #[test]
        fn the_same_words_in_ascii_text(text in "[ab0-2_.,;:'\" \n\r-]{0,30}") {
            let (fast, reference) = both(&text);
            prop_assert_eq!(fast, reference);
        }

        #[test]
        fn first_non_ascii_is_the_first_byte_above_127(text in "[a é\u{2019}]{0,40}", skip in 0usize..4) {
            let bytes = &text.as_bytes()[skip.min(text.len())..];
            prop_assert_eq!(first_non_ascii(bytes), bytes.iter().position(|b| !b.is_ascii()));
        }

        #[test]
        fn the_same_words_in_ascii_with_underscores_and_joiners(text in "[aZ9_.,;:' \t\r\n]{0,40}") {
            let (fast, reference) = both(&text);
            prop_assert_eq!(fast, reference);
        }

        #[test]
        fn the_same_words_in_mostly_ascii_text(text in "([a-z]{1,6}[ .,'’“”—:]{0,2}\u{301}?){0,12}") {
            let (fast, reference) = both(&text);
            prop_assert_eq!(fast, reference);
        }
    }
}
