//! Byte spans and their 1-based line/column positions in the original file.
//!
//! Every piece of a document (headline, paragraph, sentence, word, summary
//! unit) carries a [`Span`], so every finding can point at the exact text an
//! editor must look at. Columns count Unicode characters, not bytes, because
//! that is what editors and CI annotations show.

use serde::Serialize;

/// A half-open byte range `start..end` in the document text, with the
/// position of both ends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Span {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Turns byte offsets into line/column positions.
///
/// Line breaks are `\n`, `\r\n` and a lone `\r`, so files from any platform
/// report the lines an editor shows. Lookups are by binary search over line
/// starts, then a character count within the line; a cache of the last
/// position makes the common case, offsets visited in increasing order,
/// linear even on a single very long line.
#[derive(Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    cache: std::cell::Cell<(usize, usize, usize)>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        LineIndex::extending(text, &[0], 0)
    }

    /// The index of `text`, given the line starts below `known` of a text
    /// whose first `known` bytes are `text`'s (`starts`: all of that text's
    /// line starts, or as many as begin below `known`): only the rest is
    /// searched. A line start below `known` depends on those bytes alone
    /// (a break byte before `known - 1` and the byte after it), so it is
    /// the same in both texts.
    pub fn extending(text: &str, starts: &[usize], known: usize) -> LineIndex {
        let bytes = text.as_bytes();
        let known = known.min(bytes.len());
        let below = starts.partition_point(|&start| start < known.max(1));
        let mut line_starts = Vec::with_capacity(below + 4);
        line_starts.extend_from_slice(&starts[..below]);
        // (A break byte at `known - 1` starts its line at `known`.)
        let from = known.saturating_sub(1);
        // A vectorised search for the two break bytes: a loop over every
        // byte was a measurable share of parsing.
        for i in memchr::memchr2_iter(b'\n', b'\r', &bytes[from..]).map(|i| from + i) {
            // The "\r" of "\r\n" starts no line; its "\n" does.
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                line_starts.push(i + 1);
            }
        }
        LineIndex {
            line_starts,
            cache: std::cell::Cell::new((0, 1, 1)),
        }
    }

    /// The line starts below `end`: what [`LineIndex::extending`] takes
    /// from a text whose first `end` bytes are this one's.
    pub fn starts_below(&self, end: usize) -> &[usize] {
        let below = self.line_starts.partition_point(|&start| start < end.max(1));
        &self.line_starts[..below]
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line.saturating_sub(1).min(self.line_starts.len() - 1)]
    }

    /// The 1-based line and column of byte `offset` in `text`.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_idx = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = self.line_starts[line_idx];
        let (cached_offset, cached_line, cached_column) = self.cache.get();
        let column = if cached_line == line_idx + 1 && cached_offset <= offset {
            cached_column + text[cached_offset..offset].chars().count()
        } else {
            1 + text[line_start..offset].chars().count()
        };
        self.cache.set((offset, line_idx + 1, column));
        (line_idx + 1, column)
    }

    /// A full span for `start..end` in `text`.
    pub fn span(&self, text: &str, start: usize, end: usize) -> Span {
        let (line, column) = self.position(text, start);
        let (end_line, end_column) = self.position(text, end);
        Span {
            start,
            end,
            line,
            column,
            end_line,
            end_column,
        }
    }
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// An index extended from another text's line starts below a
        /// shared prefix is the index of the whole text, wherever the
        /// prefix ends (also between the "\r" and "\n" of a break, and
        /// with the starts given in full or cut at the prefix).
        #[test]
        fn an_extended_index_is_the_plain_one(
            shared in "[ab\r\n]{0,24}",
            before in "[ab\r\n]{0,12}",
            after in "[ab\r\n]{0,12}",
            cut in proptest::bool::ANY,
        ) {
            let known = shared.len();
            let other = format!("{shared}{before}");
            let text = format!("{shared}{after}");
            let other_index = LineIndex::new(&other);
            let starts = if cut { other_index.starts_below(known) } else { &other_index.line_starts };
            let extended = LineIndex::extending(&text, starts, known);
            proptest::prop_assert_eq!(&extended.line_starts, &plain_line_starts(&text));
            proptest::prop_assert_eq!(&LineIndex::new(&text).line_starts, &plain_line_starts(&text));
        }
    }

    /// Line starts found a byte at a time: after each "\n", and after each
    /// "\r" not followed by "\n".
    fn plain_line_starts(text: &str) -> Vec<usize> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        starts
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "héllo wörld\nsecond line";
        let index = LineIndex::new(text);
        let start = text.find("wörld").unwrap();
        assert_eq!(index.position(text, start), (1, 7));
        let second = text.find("line").unwrap();
        assert_eq!(index.position(text, second), (2, 8));
    }

    #[test]
    fn crlf_and_lone_cr_are_line_breaks() {
        let text = "a\r\nb\rc\nd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.position(text, text.find('c').unwrap()), (3, 1));
        assert_eq!(index.position(text, text.find('d').unwrap()), (4, 1));
    }

    #[test]
    fn span_end_is_exclusive_position() {
        let text = "one two";
        let index = LineIndex::new(text);
        let span = index.span(text, 4, 7);
        assert_eq!((span.line, span.column, span.end_line, span.end_column), (1, 5, 1, 8));
    }

    #[test]
    fn out_of_order_lookups_are_still_right() {
        let text = "abc def ghi";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 8), (1, 9));
        assert_eq!(index.position(text, 4), (1, 5));
    }
}
