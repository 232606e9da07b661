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
//! characters are never ASCII). Each ASCII stretch then takes a fast path
//! ([`AsciiWords`]: the crate's ASCII rules, yielding only the words, not
//! every space and mark in between for a filter to drop) and only the
//! pieces with other characters (a quoted word, a name with an accent) take
//! the crate's general one. The words are the same, at the same offsets: a
//! property test compares both on random text.
//!
//! The curly quotes and dashes of news (’ ‘ “ ” – —) stay in an ASCII
//! stretch when an ASCII character (or the text's end) follows them: “ ”
//! – — are of no word-break class that joins (UAX #29's Other), so a word
//! ends before them and none starts with them, and ’ ‘ are middle marks
//! (MidNumLet) like the full stop, joining two letters or two digits
//! ("don’t", "Putin’s"), which [`AsciiWords`] tests as it tests the full
//! stop. Followed by an ASCII character, no rule's outcome around them
//! waits on another character (WB4's ignored characters are never ASCII).
//! Why: a sentence with one of them was cut into pieces and the piece
//! around each went down the crate's general path.

use unicode_segmentation::{UnicodeSegmentation, UnicodeWordIndices};

/// The words of `text` with their byte offsets: `text.unicode_word_indices()`.
pub fn word_indices(text: &str) -> WordIndices<'_> {
    WordIndices {
        text,
        stretches: Stretches { text, pos: 0 },
        piece: Piece::Done,
    }
}

/// Calls `f` with each word of `text` and its byte offset, in order: the
/// words of [`word_indices`], without an iterator's state kept between
/// words (the tokenizer's loop over every word of the text).
pub fn for_each_word<'t>(text: &'t str, mut f: impl FnMut(usize, &'t str)) {
    let bytes = text.as_bytes();
    for (start, end, ascii) in (Stretches { text, pos: 0 }) {
        if ascii {
            for (word_start, word_end) in (AsciiWords {
                bytes,
                pos: start,
                end,
                dotted: false,
            }) {
                f(word_start, &text[word_start..word_end]);
            }
        } else {
            for (offset, word) in text[start..end].unicode_word_indices() {
                f(start + offset, word);
            }
        }
    }
}

/// [`for_each_word`], also telling `f` whether the word may hold a full
/// stop: false only if it has none. Why: the typo check looks for a full
/// stop in every word (two sentences glued by one), and in an all-ASCII
/// stretch only a full stop that joins two letters or digits can be in a
/// word, which the scan sees as it joins them; a byte search per word
/// mispredicted its exit at every word's end. (Words of the other stretches
/// are always "may".) Kept apart from [`for_each_word`]: the tokenizer's
/// loop through this one, ignoring the flag, retired 1% more instructions
/// on the corpus (1,009.8 M → 1,021.3 M).
#[inline]
pub fn for_each_word_dotted<'t>(text: &'t str, mut f: impl FnMut(usize, &'t str, bool)) {
    let bytes = text.as_bytes();
    for (start, end, ascii) in (Stretches { text, pos: 0 }) {
        if ascii {
            let mut words = AsciiWords {
                bytes,
                pos: start,
                end,
                dotted: false,
            };
            while let Some((word_start, word_end)) = words.next() {
                f(word_start, &text[word_start..word_end], words.dotted);
            }
        } else {
            for (offset, word) in text[start..end].unicode_word_indices() {
                f(start + offset, word, true);
            }
        }
    }
}

/// The words of `text`: `text.unicode_words()`.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    word_indices(text).map(|(_, word)| word)
}

/// The iterator of [`word_indices`].
pub struct WordIndices<'t> {
    text: &'t str,
    stretches: Stretches<'t>,
    /// The stretch being read.
    piece: Piece<'t>,
}

enum Piece<'t> {
    Ascii(AsciiWords<'t>),
    /// A stretch with other characters, by the crate, from its byte offset.
    General(usize, UnicodeWordIndices<'t>),
    Done,
}

impl<'t> Iterator for WordIndices<'t> {
    type Item = (usize, &'t str);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'t str)> {
        loop {
            let found = match &mut self.piece {
                Piece::Ascii(words) => words.next().map(|(start, end)| (start, &self.text[start..end])),
                Piece::General(start, words) => words.next().map(|(o, w)| (*start + o, w)),
                Piece::Done => None,
            };
            if found.is_some() {
                return found;
            }
            let (start, end, ascii) = self.stretches.next()?;
            self.piece = if ascii {
                Piece::Ascii(AsciiWords {
                    bytes: self.text.as_bytes(),
                    pos: start,
                    end,
                    dotted: false,
                })
            } else {
                Piece::General(start, self.text[start..end].unicode_word_indices())
            };
        }
    }
}

/// Byte classes for [`AsciiWords`].
const ALPHA: u8 = 1;
const DIGIT: u8 = 2;
const UNDERSCORE: u8 = 4;
const CORE: u8 = ALPHA | DIGIT | UNDERSCORE;
/// A flag, not a class: on every [`CORE`] byte, on 0x80 and in [`JOINS`]
/// for 0xE2, so that [`AsciiWords`]'s join test also fires for a word
/// followed by E2 80, the start of each curly quote and dash
/// [`first_unsettled`] lets into a stretch (in a `str` a continuation byte
/// follows 0xE2, so of those only 0x80 fires; the flag only filters, and
/// `curly_apostrophe_joins` decides). Why a flag: the test for ’ and
/// ‘ then costs nothing on the common path (a word followed by a space or
/// a mark that joins nothing); a separate test of the byte after every
/// word cost the typo check's scan 61 k mispredicted branches (cold19).
const CURLY: u8 = 8;

static CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        class[b] = if c.is_ascii_alphabetic() {
            ALPHA | CURLY
        } else if c.is_ascii_digit() {
            DIGIT | CURLY
        } else if c == b'_' {
            UNDERSCORE | CURLY
        } else if c == 0x80 {
            CURLY
        } else {
            0
        };
        b += 1;
    }
    class
};

/// Per infix mark, the classes it joins when one is on both sides: a full
/// stop or apostrophe between letters or between digits, a comma or
/// semicolon between digits, a colon between letters; 0 for other bytes
/// but 0xE2 ([`CURLY`]: a curly quote or dash may follow, to be looked at).
static JOINS: [u8; 256] = {
    let mut joins = [0u8; 256];
    joins[0xE2] = CURLY;
    joins[b'.' as usize] = ALPHA | DIGIT;
    joins[b'\'' as usize] = ALPHA | DIGIT;
    joins[b',' as usize] = DIGIT;
    joins[b';' as usize] = DIGIT;
    joins[b':' as usize] = ALPHA;
    joins
};

/// True if `bytes[i..]` starts with ’ or ‘ (E2 80 99 / E2 80 98), the
/// middle marks [`AsciiWords`] joins across like a full stop, between two
/// letters or two digits (`bytes[i - 1]` and `bytes[i + 3]`). (Off the
/// common path: [`CURLY`] sends only a word followed by E2 80 here.)
#[cold]
#[inline(never)]
fn curly_apostrophe_joins(bytes: &[u8], i: usize) -> bool {
    let after = bytes.get(i + 3).map_or(0, |&b| CLASS[usize::from(b)]);
    matches!(bytes.get(i..i + 3), Some([0xE2, 0x80, 0x98 | 0x99]))
        && CLASS[usize::from(bytes[i - 1])] & after & (ALPHA | DIGIT) != 0
}

/// The words (byte ranges) of an all-ASCII stretch `bytes[pos..end]`, by
/// the rules of the crate's ASCII path: a word is a run of letters, digits
/// and underscores, joined across a full stop, comma, semicolon or
/// apostrophe between digits and a full stop, colon or apostrophe between
/// letters, that holds a letter or digit. (The crate yields every space
/// run and mark too, for a filter to drop: most of its work in prose.)
struct AsciiWords<'t> {
    bytes: &'t [u8],
    pos: usize,
    end: usize,
    /// Whether the word last yielded joins across a full stop (the only way
    /// a full stop gets into a word here).
    dotted: bool,
}

impl Iterator for AsciiWords<'_> {
    type Item = (usize, usize);

    #[inline(always)]
    fn next(&mut self) -> Option<(usize, usize)> {
        // (Cut at the end, so the loops' bounds are the slice's: no check per byte.)
        let bytes = &self.bytes[..self.end];
        let end = bytes.len();
        loop {
            let mut i = self.pos;
            while i < end && CLASS[usize::from(bytes[i])] & CORE == 0 {
                i += 1;
            }
            if i >= end {
                self.pos = end;
                return None;
            }
            let start = i;
            i += 1;
            let mut dotted = false;
            loop {
                // The end of the run of letters, digits and underscores, eight bytes at a time.
                i = core_run_end(bytes, i);
                if i >= end {
                    break;
                }
                // An infix mark needs a byte after it (in the stretch) of the same kind as the one before.
                // Tested by table, not by a `match` on the byte: most words end at a space or
                // a mark that joins nothing, and the match's branches mispredicted at every
                // word's end; the one branch left is taken only for a joined word (or one
                // followed by a curly quote or dash, [`CURLY`]).
                let after = bytes.get(i + 1).map_or(0, |&b| CLASS[usize::from(b)]);
                let joins = JOINS[usize::from(bytes[i])] & CLASS[usize::from(bytes[i - 1])] & after;
                if joins != 0 {
                    if joins & CURLY == 0 {
                        dotted |= bytes[i] == b'.';
                        i += 1;
                        continue;
                    }
                    // (’ or ‘ in a stretch [`Stretches`] settled: only ASCII after it.)
                    if curly_apostrophe_joins(bytes, i) {
                        i += 3;
                        continue;
                    }
                }
                break;
            }
            // (`bytes[i]`, if there, ends the word: it is no letter, digit or
            // underscore, so the next word's search starts after it.)
            self.pos = i + 1;
            self.dotted = dotted;
            // (A run of underscores alone is no word. A word that starts with a
            // letter or digit has one: the rest are looked at only after an underscore.)
            if bytes[start] != b'_'
                || bytes[start..i]
                    .iter()
                    .any(|&b| CLASS[usize::from(b)] & (ALPHA | DIGIT) != 0)
            {
                return Some((start, i));
            }
        }
    }
}

/// Eight high bits: one per byte of a `u64`.
const HIGH: u64 = 0x8080_8080_8080_8080;
/// A byte repeated in each of a `u64`'s eight bytes.
const fn splat(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// The high bit of each byte of `w` (all ASCII) that is in `lo..=hi`: `x + (0x80 - lo)`
/// has its high bit set when `x >= lo`, `x + (0x7f - hi)` when `x > hi`; with all
/// bytes below 0x80 and the addends too, no sum carries into the next byte.
/// (A byte of 0x80 or more may carry into the bytes above it: the answers
/// below it hold.)
#[inline(always)]
fn in_range(w: u64, lo: u8, hi: u8) -> u64 {
    w.wrapping_add(splat(0x80 - lo)) & !w.wrapping_add(splat(0x7f - hi)) & HIGH
}

/// The first byte at or after `from` of `bytes` that is not a letter, digit
/// or underscore ([`CORE`]), or `bytes.len()`: eight bytes at a time (the
/// word's end by a trailing-zero count, not a branch per byte whose exit
/// mispredicts at every word's end), the last few one by one. A byte of
/// 0x80 or more (of a curly quote or dash in an ASCII stretch) is no such
/// byte, and the first one ends the run before the bytes its sums may
/// have upset.
#[inline(always)]
fn core_run_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let w = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        let core = in_range(w | splat(0x20), b'a', b'z') | in_range(w, b'0', b'9') | in_range(w, b'_', b'_');
        let other = (!core | w) & HIGH;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && CLASS[usize::from(bytes[i])] & CORE != 0 {
        i += 1;
    }
    i
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

/// The first byte at or after `from` that is not ASCII and not part of a
/// curly quote or dash (’ ‘ “ ” – —) followed by an ASCII byte or the end
/// of `bytes` (see the module's comment): where an ASCII stretch must end.
fn first_unsettled(bytes: &[u8], from: usize) -> Option<usize> {
    let mut from = from;
    loop {
        let other = first_non_ascii(bytes, from)?;
        match bytes.get(other..other + 4) {
            Some([0xE2, 0x80, 0x93 | 0x94 | 0x98 | 0x99 | 0x9C | 0x9D, next]) if next.is_ascii() => from = other + 4,
            None if matches!(
                bytes.get(other..),
                Some([0xE2, 0x80, 0x93 | 0x94 | 0x98 | 0x99 | 0x9C | 0x9D])
            ) =>
            {
                return None
            }
            _ => return Some(other),
        }
    }
}

/// The first byte at or after `from` that is not ASCII, eight bytes at a time.
fn first_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        if word & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        i += 8;
    }
    bytes[i..].iter().position(|b| !b.is_ascii()).map(|k| i + k)
}

impl Iterator for Stretches<'_> {
    /// (start, end, whether the stretch is all ASCII but for curly quotes
    /// and dashes [`first_unsettled`] passes over)
    type Item = (usize, usize, bool);

    fn next(&mut self) -> Option<(usize, usize, bool)> {
        let bytes = self.text.as_bytes();
        let pos = self.pos;
        if pos >= bytes.len() {
            return None;
        }
        let Some(other) = first_unsettled(bytes, pos) else {
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
    /// [`for_each_word`] and [`for_each_word_dotted`] are checked against
    /// [`word_indices`] on the way, and a word said to have no full stop has none.
    fn both(text: &str) -> (Words<'_>, Words<'_>) {
        let mut each = Vec::new();
        for_each_word(text, |offset, word| each.push((offset, word)));
        let fast: Words<'_> = word_indices(text).collect();
        assert_eq!(each, fast, "{text:?}");
        let mut dotted = Vec::new();
        for_each_word_dotted(text, |offset, word, may_have_dot| {
            assert!(may_have_dot || !word.contains('.'), "{word:?} in {text:?}");
            dotted.push((offset, word));
        });
        assert_eq!(dotted, fast, "{text:?}");
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
            '\u{201d}',
            '\u{2013}',
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

    /// The join table says what the `match` on the mark said before it, for
    /// every mark and every pair of bytes around it.
    #[test]
    fn the_join_table_is_the_rule_per_mark() {
        for mark in 0..=255u8 {
            for &before in &CLASS[..128] {
                for &after in &CLASS[..128] {
                    let rule = match mark {
                        b'.' | b'\'' => (before & after & (ALPHA | DIGIT)) != 0,
                        b',' | b';' => before & after & DIGIT != 0,
                        b':' => before & after & ALPHA != 0,
                        _ => false,
                    };
                    assert_eq!(JOINS[usize::from(mark)] & before & after & !CURLY != 0, rule, "{mark}");
                }
            }
        }
    }

    /// The [`CURLY`] flag fires for E2 80 after a letter, digit or
    /// underscore (the byte before a mark in the scan is one) and for no
    /// ASCII mark (after 0xE2 in a `str` only a continuation byte can
    /// follow, so of those only 0x80 fires; the flag is a filter,
    /// `curly_apostrophe_joins` decides), and `curly_apostrophe_joins`
    /// says what the join rule for a full stop says of ’ and ‘.
    #[test]
    fn the_curly_flag_marks_only_e2_80_after_a_word() {
        for mark in 0..=255u8 {
            for before in 0..=127u8 {
                for after in (0..=127u8).chain(0x80..=0xBF) {
                    let flagged =
                        JOINS[usize::from(mark)] & CLASS[usize::from(before)] & CLASS[usize::from(after)] & CURLY;
                    let expected = mark == 0xE2
                        && (after == 0x80 || CLASS[usize::from(after)] & CORE != 0)
                        && CLASS[usize::from(before)] & CORE != 0;
                    assert_eq!(flagged != 0, expected, "{mark} {before} {after}");
                }
            }
        }
        for quote in ['\u{2019}', '\u{2018}', '\u{201c}', '\u{201d}', '\u{2013}', '\u{2014}'] {
            for (before, after) in [
                ('a', 'b'),
                ('1', '2'),
                ('a', '2'),
                ('_', 'b'),
                ('a', '_'),
                ('a', ' '),
                ('A', 'Z'),
            ] {
                let text = format!("{before}{quote}{after}");
                let joins = (before.is_ascii_alphabetic() && after.is_ascii_alphabetic())
                    || (before.is_ascii_digit() && after.is_ascii_digit());
                let apostrophe = matches!(quote, '\u{2019}' | '\u{2018}');
                assert_eq!(
                    curly_apostrophe_joins(text.as_bytes(), 1),
                    joins && apostrophe,
                    "{text:?}"
                );
            }
        }
        assert!(!curly_apostrophe_joins("a\u{2019}".as_bytes(), 1));
    }

    #[test]
    fn first_non_ascii_at_every_position() {
        for len in 0..20 {
            for at in 0..=len {
                let mut text = "a".repeat(len);
                if at < len {
                    text.replace_range(at..=at, "é");
                }
                let bytes = text.as_bytes();
                for from in 0..=bytes.len() {
                    let expected = bytes[from..].iter().position(|b| !b.is_ascii()).map(|k| from + k);
                    assert_eq!(first_non_ascii(bytes, from), expected, "{text:?} from {from}");
                }
            }
        }
    }

    /// [`core_run_end`] one byte at a time, by the class table.
    fn core_run_end_bytewise(bytes: &[u8], from: usize) -> usize {
        (from..bytes.len())
            .find(|&i| CLASS[usize::from(bytes[i])] & CORE == 0)
            .unwrap_or(bytes.len())
    }

    #[test]
    fn core_run_end_for_every_ascii_byte_at_every_position() {
        for b in 0u8..0x80 {
            for len in 0..20 {
                for at in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    for from in 0..=len {
                        assert_eq!(
                            core_run_end(&bytes, from),
                            core_run_end_bytewise(&bytes, from),
                            "{b} {len} {at} {from}"
                        );
                    }
                }
            }
        }
    }

    proptest! {
        #[test]
        fn core_run_end_agrees_with_the_class_table(text in "[\\x00-\\x7f]{0,40}", from in 0usize..41) {
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            prop_assert_eq!(core_run_end(bytes, from), core_run_end_bytewise(bytes, from));
        }

        #[test]
        fn core_run_end_in_text_with_curly_quotes(text in "[a-z0-9_ .’‘“”—–é]{0,40}", from in 0usize..41) {
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            prop_assert_eq!(core_run_end(bytes, from), core_run_end_bytewise(bytes, from));
        }

        /// Curly quotes and dashes between ASCII words, marks and digits,
        /// next to one another, at the ends, and before other characters.
        #[test]
        fn the_same_words_around_curly_quotes_and_dashes(
            text in "([a-zA-Z0-9_]{0,4}[.,;:' ’‘“”—–]{0,3}(\u{301}|\u{200d}|é|\u{ad})?){0,14}",
        ) {
            let (fast, reference) = both(&text);
            prop_assert_eq!(fast, reference);
        }

        #[test]
        fn core_run_end_in_word_text(text in "[a-zA-Z0-9_@`\\[{/:. '-]{0,40}", from in 0usize..41) {
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            prop_assert_eq!(core_run_end(bytes, from), core_run_end_bytewise(bytes, from));
        }

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
        fn the_same_words_in_any_ascii_text(text in "[\\x00-\\x7f]{0,60}") {
            let (fast, reference) = both(&text);
            prop_assert_eq!(fast, reference);
        }

        #[test]
        fn the_same_words_around_ascii_marks(text in "([aZ9_][.,;:']?){0,20}[ _.,;:'a1\t]{0,3}") {
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
