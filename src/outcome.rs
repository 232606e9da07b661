//! The result of checking one document: what the reporters read.
//!
//! It holds copies of the texts a reporter shows (units, source sentences,
//! paragraphs), so reporters never need the document or the alignment.

use crate::align::Alignment;
use crate::checks::duplication::{self, Extractiveness};
use crate::document::{Document, UnitKind};
use crate::finding::{Finding, Severity};
use crate::span::Span;
use std::borrow::Cow;

#[derive(Clone, Debug)]
pub struct SentenceOutcome {
    /// 1-based within its paragraph.
    pub sentence: usize,
    pub span: Span,
    pub text: String,
    /// `None` when the run did not measure it, because its report does not
    /// list the units' sources (see [`crate::check_document_with`]).
    pub score: Option<f64>,
}

#[derive(Clone, Debug)]
pub struct SourceOutcome {
    /// 1-based body paragraph.
    pub paragraph: usize,
    pub span: Span,
    pub score: f64,
    pub sentences: Vec<SentenceOutcome>,
}

#[derive(Clone, Debug)]
pub struct UnitOutcome {
    pub id: String,
    pub kind: UnitKind,
    pub span: Span,
    pub text: String,
    pub support: f64,
    /// Best first.
    pub sources: Vec<SourceOutcome>,
    /// How much of the unit is copied from the body (Grusky et al., 2018);
    /// `None` when the run did not measure it, because its report does not
    /// show it (see [`crate::check_document_with`]).
    pub extractiveness: Option<Extractiveness>,
}

impl UnitOutcome {
    /// The text of the unit's source sentences, in body order.
    pub fn source_text(&self) -> String {
        let mut sentences: Vec<&SentenceOutcome> = self.sources.iter().flat_map(|s| &s.sentences).collect();
        sentences.sort_by_key(|s| s.span.start);
        sentences.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
    }
}

#[derive(Clone, Debug)]
pub struct ParagraphOutcome {
    pub paragraph: usize,
    pub span: Span,
    /// The paragraph's text as written, for reports that show the body (the
    /// HTML coverage map squashes its whitespace and clips it there: only
    /// that report reads it, so no other run pays for the squashing).
    pub text: String,
    pub covered_by: Vec<String>,
}

/// One checked document.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub path: String,
    pub id: Option<String>,
    pub record_line: Option<usize>,
    pub score: f64,
    pub units: Vec<UnitOutcome>,
    pub paragraphs: Vec<ParagraphOutcome>,
    pub findings: Vec<Finding>,
}

/// `text` with each run of whitespace made one space and none at the ends:
/// `split_whitespace` joined by spaces, built in one pass into a string of
/// the right size. Every body paragraph passes through here, and splitting
/// decoded every character and copied word by word: whitespace is found
/// by bytes (decoded only at the few bytes that can start a non-ASCII
/// whitespace character), and text whose words are one space apart is
/// copied whole.
pub(crate) fn squash_whitespace(text: &str) -> String {
    squash_whitespace_cow(text).into_owned()
}

/// [`squash_whitespace`], borrowing `text` when it is already squashed:
/// the string is made only at the first run of whitespace to change.
pub(crate) fn squash_whitespace_cow(text: &str) -> Cow<'_, str> {
    // Made at the first change; `None` while `text[..i]` needs none.
    let mut squashed: Option<String> = None;
    // A piece of `text` with no whitespace at its ends and single spaces inside.
    let mut push_piece = |piece: &str| {
        let squashed = squashed.get_or_insert_with(|| String::with_capacity(text.len()));
        if !piece.is_empty() {
            if !squashed.is_empty() {
                squashed.push(' ');
            }
            squashed.push_str(piece);
        }
    };
    let bytes = text.as_bytes();
    let (mut piece_start, mut i) = (0, 0);
    while i < bytes.len() {
        // Eight bytes at a time while they are printable ASCII with single
        // spaces (most of a paragraph). Not at the start, where a space is
        // leading whitespace; what came before `i` is never whitespace here
        // but right after a run, which ends before a byte that is not.
        if i > 0 {
            if let Some(chunk) = bytes.get(i..i + 9) {
                let word = u64::from_le_bytes(chunk[..8].try_into().expect("eight bytes"));
                if plain_chunk(word, chunk[8]) {
                    i += 8;
                    continue;
                }
            }
        }
        // Most bytes cannot start whitespace: pass them by a table lookup.
        if !MAY_START_WHITESPACE[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        // The common case, one space between words (what came before is
        // not whitespace: a run is always passed whole), stays as it is.
        if bytes[i] == b' ' && i > 0 && bytes.get(i + 1).is_some_and(|&b| !MAY_START_WHITESPACE[usize::from(b)]) {
            i += 2;
            continue;
        }
        let mut end = i;
        while let Some(len) = whitespace_len(text, end) {
            end += len;
        }
        if end == i {
            i += 1;
            continue;
        }
        // One space between two words is already what it should be.
        let single_space = end == i + 1 && bytes[i] == b' ' && i > 0 && end < bytes.len();
        if !single_space {
            push_piece(&text[piece_start..i]);
            piece_start = end;
        }
        i = end;
    }
    // A change always moves `piece_start` past its run: none was made.
    if piece_start == 0 {
        return Cow::Borrowed(text);
    }
    push_piece(&text[piece_start..]);
    Cow::Owned(squashed.unwrap_or_default())
}

/// The words of `text`: what `text.split_whitespace()` gives, found by
/// bytes (a character is decoded only at the few bytes that can start a
/// non-ASCII whitespace character). The word diff of the text report
/// splits every unit and its source text, and `split_whitespace`, which
/// decodes every character, was a quarter of the diff's cost.
pub(crate) fn words(text: &str) -> Vec<&str> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = text.as_bytes();
    // Room for words of five letters and a space, as most prose has.
    let mut words = Vec::with_capacity(bytes.len() / 6 + 1);
    // Where the word being read starts (`i` itself when none is).
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        // To the first of the next eight bytes that may start whitespace
        // (at most one a word: a step a byte mispredicted at every word's
        // end, and was the word diff's second cost). Candidates are the
        // bytes up to the space and the non-ASCII ones; the lowest set bit
        // of `candidates` is exact (a borrow only runs up from a byte below
        // 0x21).
        if let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            let candidates = (word.wrapping_sub(0x2121_2121_2121_2121) & !word | word) & HIGH;
            if candidates == 0 {
                i += 8;
                continue;
            }
            i += (candidates.trailing_zeros() / 8) as usize;
        }
        if !MAY_START_WHITESPACE[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        match whitespace_len(text, i) {
            Some(len) => {
                if start < i {
                    words.push(&text[start..i]);
                }
                i += len;
                start = i;
            }
            None => i += 1,
        }
    }
    if start < bytes.len() {
        words.push(&text[start..]);
    }
    words
}

/// True when the eight bytes of `word` (little-endian), followed by byte
/// `next`, need no change: all printable ASCII (no control character, none
/// of which but whitespace can be squashed, and no byte of a non-ASCII
/// character), no two spaces in a row, and no space last with possible
/// whitespace after it. Bit tricks on the whole word, no branch per byte.
fn plain_chunk(word: u64, next: u8) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    if word & HIGH != 0 {
        return false;
    }
    // Every byte at least 0x20: adding 0x60 sets its high bit (no carry
    // into the next byte, as every byte is below 0x80).
    if word.wrapping_add(0x6060_6060_6060_6060) & HIGH != HIGH {
        return false;
    }
    // The high bit of each byte that is a space (exact: no borrows).
    let x = word ^ 0x2020_2020_2020_2020;
    let spaces = !((x & LOW7).wrapping_add(LOW7) | x) & HIGH;
    if spaces & (spaces << 8) != 0 {
        return false;
    }
    spaces >> 63 == 0 || !MAY_START_WHITESPACE[usize::from(next)]
}

/// The bytes [`whitespace_len`] looks at.
const MAY_START_WHITESPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b'\t'..=b'\r' | b' ' | 0xc2 | 0xe1 | 0xe2 | 0xe3);
        b += 1;
    }
    table
};

/// The length of the whitespace character starting at byte `i` of `text`,
/// if one does (`char::is_whitespace`, as `split_whitespace` uses).
fn whitespace_len(text: &str, i: usize) -> Option<usize> {
    match *text.as_bytes().get(i)? {
        b'\t'..=b'\r' | b' ' => Some(1),
        // Lead bytes of U+0085, U+00A0, U+1680, U+2000..U+205F and U+3000,
        // the other White_Space characters; `i` is then on a character
        // boundary (continuation bytes are 0x80..=0xBF).
        0xc2 | 0xe1 | 0xe2 | 0xe3 => text[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map(char::len_utf8),
        _ => None,
    }
}

impl Outcome {
    /// The outcome of `doc`; each unit's extractiveness is measured when
    /// `extractiveness` is true and left out (`None`) otherwise.
    pub fn new(
        doc: &Document,
        alignment: &Alignment,
        findings: Vec<Finding>,
        score: f64,
        covered_by: Vec<Vec<String>>,
        extractiveness: bool,
    ) -> Outcome {
        let mut extractiveness = if extractiveness {
            duplication::extractiveness(doc, alignment).into_iter()
        } else {
            Vec::new().into_iter()
        };
        let units = alignment
            .units
            .iter()
            .map(|a| {
                let unit = &doc.units[a.unit];
                UnitOutcome {
                    id: unit.id.clone(),
                    kind: unit.kind,
                    span: unit.span,
                    text: doc.original(&unit.span).to_string(),
                    support: a.support,
                    sources: a
                        .sources
                        .iter()
                        .map(|s| {
                            let paragraph = &doc.paragraphs[s.paragraph];
                            let mut sentences: Vec<SentenceOutcome> = s
                                .sentences
                                .iter()
                                .map(|ss| {
                                    let body = &alignment.sentences[ss.sentence];
                                    let span = paragraph.sentences[body.index];
                                    SentenceOutcome {
                                        sentence: body.index + 1,
                                        span,
                                        text: squash_whitespace(doc.slice(&span)),
                                        score: ss.score,
                                    }
                                })
                                .collect();
                            // Best first (unmeasured: all `None`, kept in
                            // the order the alignment chose them).
                            sentences.sort_by(|a, b| b.score.unwrap_or(0.0).total_cmp(&a.score.unwrap_or(0.0)));
                            SourceOutcome {
                                paragraph: paragraph.number,
                                span: paragraph.span,
                                score: s.score,
                                sentences,
                            }
                        })
                        .collect(),
                    extractiveness: extractiveness.next(),
                }
            })
            .collect();
        let paragraphs = doc
            .paragraphs
            .iter()
            .zip(covered_by)
            .map(|(p, covered_by)| ParagraphOutcome {
                paragraph: p.number,
                span: p.span,
                text: doc.slice(&p.span).to_string(),
                covered_by,
            })
            .collect();
        Outcome {
            path: doc.path.clone(),
            id: doc.id.clone(),
            record_line: doc.record_line,
            score,
            units,
            paragraphs,
            findings,
        }
    }

    /// The paragraphs no summary unit draws from, as `¶N (line L)`; empty
    /// when the document has no summary (nothing could cover them).
    pub fn uncovered_labels(&self) -> Vec<String> {
        if !self.units.iter().any(|u| u.kind.is_summary()) {
            return Vec::new();
        }
        self.paragraphs
            .iter()
            .filter(|p| p.covered_by.is_empty())
            .map(|p| format!("¶{} (line {})", p.paragraph, p.span.line))
            .collect()
    }

    /// The most severe finding, if any.
    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    /// How the document is named in messages: its path, and its record id.
    pub fn display_name(&self) -> String {
        match &self.id {
            Some(id) => format!("{}#{}", self.path, id),
            None => self.path.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn squashes_as_split_whitespace_joined(text in "[ab \t\n\r\u{b}\u{1c}~\u{a0}\u{2003}\u{2014}é]{0,48}") {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(squash_whitespace(&text), expected);
        }

        #[test]
        fn plain_chunk_is_its_bytewise_definition(bytes in prop::array::uniform9(prop::sample::select(vec![
            0u8, b'\t', b'\n', b'\r', 0x1f, b' ', b'!', b'a', 0x7e, 0x7f, 0x80, 0xa0, 0xc2, 0xe2, 0xff,
        ]))) {
            let word = u64::from_le_bytes(bytes[..8].try_into().unwrap());
            let chunk = &bytes[..8];
            let plain = chunk.iter().all(|&b| (0x20..0x80).contains(&b))
                && !chunk.windows(2).any(|w| w == b"  ")
                && !(chunk[7] == b' ' && MAY_START_WHITESPACE[usize::from(bytes[8])]);
            prop_assert_eq!(plain_chunk(word, bytes[8]), plain);
        }

        #[test]
        fn words_are_split_whitespace(text in "[ab \t\n\r\u{b}\u{1c}~\u{85}\u{a0}\u{a9}\u{1680}\u{2003}\u{2014}\u{205f}\u{3000}\u{3001}é]{0,48}") {
            prop_assert_eq!(words(&text), text.split_whitespace().collect::<Vec<_>>());
        }

        #[test]
        fn words_of_prose_are_split_whitespace(text in "([a-zé~\u{1c}\u{2014}]{1,14}[ \t\n\r\u{85}\u{a0}\u{2003}\u{3000}]{1,2}){0,12}[a-z]{0,9}") {
            prop_assert_eq!(words(&text), text.split_whitespace().collect::<Vec<_>>());
        }

        #[test]
        fn squashes_mostly_plain_text(text in "([a-z]{1,9}( |  |\n|\t| \n)){0,12}") {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(squash_whitespace(&text), expected);
        }
    }

    #[test]
    fn whitespace_runs_become_one_space() {
        let text = "  One\ttwo \n\u{a0} three\r\n";
        assert_eq!(
            squash_whitespace(text),
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        assert_eq!(squash_whitespace(" \n "), "");
        // Every White_Space character, and non-whitespace characters that
        // share their first byte, in every arrangement of a few.
        let pieces = [
            " ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}", "\u{200a}",
            "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}", "\u{a9}", "\u{2014}", "\u{201c}", "\u{3001}",
            "\u{1681}", "a", "\u{e9}", "\u{1c}",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}{b}x{c}{a}y{b}");
                    let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert_eq!(squash_whitespace(&text), expected, "{text:?}");
                    assert_eq!(words(&text), text.split_whitespace().collect::<Vec<_>>(), "{text:?}");
                }
            }
        }
        assert_eq!(squash_whitespace("one  two "), "one two");
        // Around the eight-byte steps: runs and single spaces at every offset.
        for text in [
            "abcdefgh ijklmnop  qrstuvwx\ny",
            "abcdefg ijklmnopq rstuvwxy z ",
            "abcdefgh\u{a0}ijklmnop qrstu\twxyz abcdefghi j",
            " abcdefghijklmnop qrstuvwx yz ",
        ] {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(squash_whitespace(text), expected, "{text:?}");
        }
        assert_eq!(squash_whitespace("caf\u{e9}\u{2003}ol\u{e9}"), "caf\u{e9} ol\u{e9}");
    }
}
