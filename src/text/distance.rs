//! Levenshtein distance by bit-parallel dynamic programming (Myers 1999,
//! in Hyyrö's formulation for whole-string distance).
//!
//! Why not `strsim`: alignment compares every unit with its candidate
//! sentences, and the textbook O(m·n) table was a third of the whole run.
//! This computes the same distance, exactly, 64 cells at a time: one
//! column of the table is a pair of bit vectors of vertical +1/−1 deltas,
//! updated per character of the other string with a few word operations
//! (an addition carries across words, as in wide-integer arithmetic). The
//! pattern's bit masks are built once and reused for every candidate.
//! The distance, the table's bottom cell, is read once at the end from the
//! last column's deltas (its top cell plus the +1s less the −1s) rather
//! than followed column by column.
//!
//! What the two strings share at their ends costs no steps: a shared
//! suffix is dropped from both (the pattern's rows past it are left
//! unread), and after a shared prefix of `k` characters the table's column
//! is known (row `i` holds `|i - k|`), so the computation starts there. A
//! unit copied from its source sentence shares its start or its end with
//! it more often than not.

// Fx hashing for the few non-ASCII characters: a `char` key needs no
// protection from collisions an attacker could choose.
use rustc_hash::FxHashMap as HashMap;

/// A string prepared for repeated distance computations against others.
#[derive(Debug)]
pub struct Pattern {
    /// Length in characters.
    len: usize,
    /// Where each ASCII character's mask starts in `masks` (its index
    /// times the words per mask, so that a step needs no multiplication);
    /// 0 (the mask of no position) for a character the pattern lacks, so
    /// that a lookup needs no branch.
    ascii: [u32; 128],
    other: HashMap<char, u32>,
    /// Per distinct character, one 64-bit word per 64 characters of the
    /// pattern: bit i set where the pattern's i-th character is that
    /// character. The first mask is all zero: the mask of every character
    /// the pattern lacks.
    masks: Vec<u64>,
    /// The pattern itself, for the prefix it shares with a text.
    text: Box<str>,
}

impl Pattern {
    pub fn new(text: &str) -> Pattern {
        // Characters counted, not collected: the text is read twice instead.
        let len = if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        };
        let words = len.div_ceil(64).max(1);
        let mut pattern = Pattern {
            len,
            ascii: [0; 128],
            other: HashMap::default(),
            // Room for the distinct characters of most English text.
            masks: Vec::with_capacity(words * 40),
            text: text.into(),
        };
        pattern.masks.resize(words, 0);
        for (i, c) in text.chars().enumerate() {
            let offset = match pattern.offset(c) {
                0 => {
                    // 2^32 words of masks would be 32 GB.
                    let offset = u32::try_from(pattern.masks.len()).expect("masks under 32 GB");
                    pattern.masks.resize(pattern.masks.len() + words, 0);
                    if (c as u32) < 128 {
                        pattern.ascii[c as usize] = offset;
                    } else {
                        pattern.other.insert(c, offset);
                    }
                    offset
                }
                offset => offset,
            };
            pattern.masks[offset as usize + i / 64] |= 1 << (i % 64);
        }
        pattern
    }

    /// Where `c`'s mask starts in `masks`: 0 (all zero) when the pattern
    /// lacks `c`.
    fn offset(&self, c: char) -> u32 {
        if (c as u32) < 128 {
            self.ascii[c as usize]
        } else {
            self.other.get(&c).copied().unwrap_or(0)
        }
    }

    /// Length of the pattern in characters.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The Levenshtein distance (in characters) from the pattern to `text`.
    pub fn distance(&self, text: &str) -> usize {
        self.distance_of(text, text.is_ascii())
    }

    /// [`Pattern::distance`], told whether `text` is ASCII.
    fn distance_of(&self, text: &str, ascii: bool) -> usize {
        if self.len == 0 {
            return text.chars().count();
        }
        // The distance is that of the two strings without the prefix and
        // the suffix they share (an edit script need not touch them).
        let ends = self.shared_ends(text, ascii);
        let middle = &text[ends.prefix_bytes..text.len() - ends.suffix_bytes];
        // Rows of the table kept: the pattern without the shared suffix.
        let rows = self.len - ends.suffix;
        if rows == ends.prefix {
            // Nothing of the pattern is left: the rest of the text is inserted.
            return if ascii { middle.len() } else { middle.chars().count() };
        }
        if ascii {
            // `b & 127` is `b` for an ASCII text, and lets the table read
            // go without a bounds check.
            self.distance_in(
                middle.as_bytes().iter().map(|&b| self.ascii[usize::from(b & 127)]),
                middle.len(),
                ends.prefix,
                rows,
            )
        } else {
            self.distance_in(
                middle.chars().map(|c| self.offset(c)),
                middle.chars().count(),
                ends.prefix,
                rows,
            )
        }
    }

    /// The prefix and then the suffix (of what follows the prefix) that
    /// `text` shares with the pattern. When `text` is ASCII, so is any
    /// part it shares, and bytes are characters.
    fn shared_ends(&self, text: &str, ascii: bool) -> SharedEnds {
        let pattern: &str = &self.text;
        if ascii {
            let prefix = pattern.bytes().zip(text.bytes()).take_while(|(a, b)| a == b).count();
            let suffix = pattern.as_bytes()[prefix..]
                .iter()
                .rev()
                .zip(text.as_bytes()[prefix..].iter().rev())
                .take_while(|(a, b)| a == b)
                .count();
            SharedEnds {
                prefix,
                prefix_bytes: prefix,
                suffix,
                suffix_bytes: suffix,
            }
        } else {
            let (prefix_bytes, prefix) = pattern
                .chars()
                .zip(text.chars())
                .take_while(|(a, b)| a == b)
                .fold((0, 0), |(bytes, chars), (c, _)| (bytes + c.len_utf8(), chars + 1));
            let (suffix_bytes, suffix) = pattern[prefix_bytes..]
                .chars()
                .rev()
                .zip(text[prefix_bytes..].chars().rev())
                .take_while(|(a, b)| a == b)
                .fold((0, 0), |(bytes, chars), (c, _)| (bytes + c.len_utf8(), chars + 1));
            SharedEnds {
                prefix,
                prefix_bytes,
                suffix,
                suffix_bytes,
            }
        }
    }

    /// The distance from the pattern's first `rows` characters to a text
    /// that starts with the pattern's first `shared` characters (`shared <
    /// rows`) and goes on with `columns` characters whose masks start at
    /// `offsets` (one per character, 0 for those the pattern lacks): an
    /// ASCII text is read as bytes, without decoding characters. Rows past
    /// `rows` are computed but never read: in the table a row depends only
    /// on the rows above it, and the bit vectors carry from low bits (rows)
    /// to high ones only.
    #[inline(always)]
    fn distance_in(&self, offsets: impl Iterator<Item = u32>, columns: usize, shared: usize, rows: usize) -> usize {
        let words = rows.div_ceil(64);
        if words == 1 {
            return self.distance_one_word(offsets, columns, shared, rows);
        }
        // Patterns of up to four words (256 characters) are most units: with
        // the word count a constant the column lives in registers and the
        // per-word loop unrolls, which halves the cost of a step.
        match words {
            2 => self.run_columns(offsets, columns, shared, rows, &mut [(u64::MAX, 0); 2]),
            3 => self.run_columns(offsets, columns, shared, rows, &mut [(u64::MAX, 0); 3]),
            4 => self.run_columns(offsets, columns, shared, rows, &mut [(u64::MAX, 0); 4]),
            // Whole summaries (units of several sentences) run to 512 characters.
            5 => self.run_columns(offsets, columns, shared, rows, &mut [(u64::MAX, 0); 5]),
            6 => self.run_columns(offsets, columns, shared, rows, &mut [(u64::MAX, 0); 6]),
            7 => self.run_columns(offsets, columns, shared, rows, &mut [(u64::MAX, 0); 7]),
            8 => self.run_columns(offsets, columns, shared, rows, &mut [(u64::MAX, 0); 8]),
            _ => self.run_columns(offsets, columns, shared, rows, &mut vec![(u64::MAX, 0); words]),
        }
    }

    /// The steps over the text with `column` as long as the rows kept have
    /// words (column 0 of the table is 0, 1, 2, …: every vertical delta
    /// starts at +1; after the shared prefix, −1 down to row `shared` and
    /// +1 below it). Inlined, so that with arrays of a constant length the
    /// per-word loop unrolls.
    #[inline(always)]
    fn run_columns(
        &self,
        offsets: impl Iterator<Item = u32>,
        columns: usize,
        shared: usize,
        rows: usize,
        column: &mut [(u64, u64)],
    ) -> usize {
        let used = column.len();
        for (w, (pv, mv)) in column.iter_mut().enumerate() {
            *mv = low_bits(shared.saturating_sub(64 * w));
            *pv = !*mv;
        }
        for offset in offsets {
            let eq = &self.masks[offset as usize..offset as usize + used];
            step(eq, column);
        }
        let (mut plus, mut minus) = (0, 0);
        for (w, &(pv, mv)) in column.iter().enumerate() {
            let kept = low_bits(rows - 64 * w);
            plus += (pv & kept).count_ones() as usize;
            minus += (mv & kept).count_ones() as usize;
        }
        bottom(shared + columns, plus, minus)
    }

    /// [`Pattern::distance`] for at most 64 rows: the same steps on plain
    /// integers.
    #[inline(always)]
    fn distance_one_word(
        &self,
        offsets: impl Iterator<Item = u32>,
        columns: usize,
        shared: usize,
        rows: usize,
    ) -> usize {
        let mv = low_bits(shared);
        let (mut pv, mut mv) = (!mv, mv);
        for offset in offsets {
            let eq = self.masks[offset as usize];
            let d0 = (((eq & pv).wrapping_add(pv)) ^ pv) | eq | mv;
            let ph = mv | !(d0 | pv);
            let mh = pv & d0;
            let ph = (ph << 1) | 1;
            let mh = mh << 1;
            pv = mh | !(d0 | ph);
            mv = ph & d0;
        }
        let kept = low_bits(rows);
        bottom(
            shared + columns,
            (pv & kept).count_ones() as usize,
            (mv & kept).count_ones() as usize,
        )
    }

    /// `1 - distance / longer length`, in [0, 1]; 1 for two empty strings.
    /// The same value as `strsim::normalized_levenshtein`.
    pub fn normalized_similarity(&self, text: &str) -> f64 {
        let ascii = text.is_ascii();
        let text_len = if ascii { text.len() } else { text.chars().count() };
        if self.len == 0 && text_len == 0 {
            return 1.0;
        }
        1.0 - self.distance_of(text, ascii) as f64 / self.len.max(text_len) as f64
    }
}

/// What a text shares with a pattern at its ends, in characters and bytes.
struct SharedEnds {
    prefix: usize,
    prefix_bytes: usize,
    suffix: usize,
    suffix_bytes: usize,
}

/// A word with its lowest `n` bits set (all of them from 64 on).
#[inline(always)]
fn low_bits(n: usize) -> u64 {
    if n >= 64 {
        u64::MAX
    } else {
        (1u64 << n) - 1
    }
}

/// The bottom cell of the last column from its top cell (row 0 of the
/// table is 0, 1, 2, …: the number of text characters, `top`) and the
/// column's +1 and −1 vertical deltas counted over the rows kept: the same
/// value as following the bottom cell column by column, without the two
/// tests per column that cost.
#[inline(always)]
fn bottom(top: usize, plus: usize, minus: usize) -> usize {
    top + plus - minus
}

/// One column of the table: advances the (+1, −1) vertical deltas in
/// `column` by one character of the text, whose pattern mask is `eq`.
/// Iterating, not indexing, keeps the loop free of bounds checks. In
/// Hyyrö's form (2003): one vector `d0` of the cells equal to their
/// upper-left neighbour serves where Myers' form keeps two (`Xv = eq | m`
/// and `Xh`), with the same operation count and one value fewer live.
#[inline(always)]
fn step(eq: &[u64], column: &mut [(u64, u64)]) {
    let mut add_carry = 0u64;
    // Row 0 of the table is 0, 1, 2, …: a +1 comes in at the bottom.
    let mut ph_carry = 1u64;
    let mut mh_carry = 0u64;
    for (&eq, (pv, mv)) in eq.iter().zip(column.iter_mut()) {
        let (p, m) = (*pv, *mv);
        // An addition across words carries, as in wide-integer arithmetic.
        let (sum, c1) = (eq & p).overflowing_add(p);
        let (sum, c2) = sum.overflowing_add(add_carry);
        add_carry = u64::from(c1 | c2);
        let d0 = (sum ^ p) | eq | m;
        let ph = m | !(d0 | p);
        let mh = p & d0;
        let ph_shifted = (ph << 1) | ph_carry;
        let mh_shifted = (mh << 1) | mh_carry;
        ph_carry = ph >> 63;
        mh_carry = mh >> 63;
        *pv = mh_shifted | !(d0 | ph_shifted);
        *mv = ph_shifted & d0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic pseudo-random sequence (xorshift64) for generated cases.
    fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    #[test]
    fn small_cases() {
        assert_eq!(Pattern::new("kitten").distance("sitting"), 3);
        assert_eq!(Pattern::new("").distance("abc"), 3);
        assert_eq!(Pattern::new("abc").distance(""), 3);
        assert_eq!(Pattern::new("Москва").distance("Москве"), 1);
        assert_eq!(Pattern::new("e\u{301}👍").distance("👍"), 2);
    }

    /// Texts sharing a prefix or a suffix with the pattern (skipped, not
    /// stepped through), of every length around the word size, ASCII and not.
    #[test]
    fn shared_ends_give_the_same_distance() {
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15u64);
        for round in 0..600 {
            let alphabet: Vec<char> = if round % 2 == 0 {
                "ab cé".chars().collect()
            } else {
                "ab c".chars().collect()
            };
            let mut make = |max: u64| -> String {
                let len = next() % max;
                (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect()
            };
            let max = if round < 500 { 150 } else { 600 };
            let (stem, a_tail, b_tail) = (make(max), make(20), make(20));
            let (a, b) = (format!("{stem}{a_tail}"), format!("{stem}{b_tail}"));
            // The same around a shared end, and a shared middle.
            let (c, d) = (format!("{a_tail}{stem}"), format!("{b_tail}{stem}"));
            let (e, f) = (format!("{a_tail}{stem}{b_tail}"), format!("{b_tail}{stem}{a_tail}"));
            let pairs = [(&c, &d), (&e, &f), (&c, &stem), (&a, &b), (&a, &stem), (&stem, &b)];
            for (x, y) in pairs {
                assert_eq!(Pattern::new(x).distance(y), strsim::levenshtein(x, y), "{x:?} {y:?}");
            }
            let pattern = Pattern::new(&a);
            assert_eq!(pattern.distance(&a), 0);
            assert_eq!(
                pattern.normalized_similarity(&b),
                strsim::normalized_levenshtein(&a, &b)
            );
        }
        assert_eq!(Pattern::new("the bridge opened").distance("the bridge closed"), 4);
        assert_eq!(Pattern::new("café au lait").distance("café noir"), 6);
    }

    proptest::proptest! {
        /// The distance counted from the last column's vertical deltas, over
        /// every word count (one word, the unrolled two to eight, and the
        /// general loop past them), with and without shared ends, ASCII or
        /// not: the textbook table's.
        #[test]
        fn bottom_cell_from_the_last_column_is_the_distance(
            stem in "[ab c]{0,200}",
            a in "[ab cé]{0,300}",
            b in "[ab cd]{0,600}",
        ) {
            let pairs = [
                (format!("{stem}{a}"), format!("{stem}{b}")),
                (format!("{a}{stem}"), format!("{b}{stem}")),
                (format!("{stem}{a}"), format!("{b}{stem}")),
            ];
            for (x, y) in &pairs {
                proptest::prop_assert_eq!(Pattern::new(x).distance(y), strsim::levenshtein(x, y));
                proptest::prop_assert_eq!(Pattern::new(y).distance(x), strsim::levenshtein(y, x));
            }
        }
    }

    #[test]
    fn agrees_with_the_textbook_table_across_word_boundaries() {
        // Deterministic pseudo-random strings over a small alphabet.
        let mut next = xorshift(0x2545_f491_4f6c_dd1du64);
        // Odd rounds ASCII only, read as bytes; even rounds mostly not.
        let alphabets: [Vec<char>; 2] = ["ab cdé".chars().collect(), "ab cd".chars().collect()];
        // Lengths around the 64-character word size, and past the four words
        // that have their own unrolled code.
        for round in 0..450 {
            let max = if round < 400 { 200 } else { 600 };
            let alphabet = &alphabets[round % 2];
            let mut make = |max: u64| -> String {
                let len = next() % max;
                (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect()
            };
            let (a, b) = (make(max), make(max));
            let pattern = Pattern::new(&a);
            assert_eq!(pattern.distance(&b), strsim::levenshtein(&a, &b), "{a:?} {b:?}");
            assert_eq!(
                pattern.normalized_similarity(&b),
                strsim::normalized_levenshtein(&a, &b)
            );
        }
    }
}
