//! The document model and the parsers that build it.
//!
//! A [`Document`] is an article split into what sumlint reasons about: the
//! headline and dek, section headings, body paragraphs (each with its
//! sentences) and the summary units. Every piece carries a [`Span`] into the
//! original file.
//!
//! Parsers (`plain`, `markdown`, `json`) only find where the pieces are and
//! return a [`Layout`]; [`Document::build`] turns that into the model, so the
//! sentence splitting and unit numbering are the same for every format.

pub mod json;
pub mod markdown;
pub mod plain;

use crate::error::{Error, Result};
use crate::span::{LineIndex, Span};
use crate::text::split_sentences;
use serde::Serialize;

/// Headings under which a list or paragraph is the summary, compared
/// case-insensitively and ignoring a trailing colon.
pub const DEFAULT_SUMMARY_HEADINGS: &[&str] = &[
    "summary",
    "key points",
    "key takeaways",
    "takeaways",
    "highlights",
    "in brief",
    "in short",
    "at a glance",
    "tl;dr",
    "tldr",
    "bullets",
    "the big picture",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain text: headline and dek lines, paragraphs, a `- ` bullet list.
    Text,
    /// Markdown: a list under a Summary/Key points/... heading, or front matter.
    Markdown,
    /// One JSON object (or an array of them) with `document` and `summary`.
    Json,
    /// One JSON object per line.
    Jsonl,
}

impl InputFormat {
    /// The format a file name implies; plain text when nothing matches.
    pub fn from_path(path: &str) -> InputFormat {
        let lower = path.to_ascii_lowercase();
        let ext = lower.rsplit('.').next().unwrap_or("");
        match ext {
            "md" | "markdown" | "mdx" | "mdown" => InputFormat::Markdown,
            "json" => InputFormat::Json,
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            _ => InputFormat::Text,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    Headline,
    Dek,
    Bullet,
    Sentence,
}

impl UnitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Headline => "headline",
            UnitKind::Dek => "dek",
            UnitKind::Bullet => "bullet",
            UnitKind::Sentence => "sentence",
        }
    }

    /// Bullets and summary sentences are the summary proper; the headline and
    /// dek are checked for drift but are too short to cover a paragraph.
    pub fn is_summary(self) -> bool {
        matches!(self, UnitKind::Bullet | UnitKind::Sentence)
    }
}

/// One summary unit: a bullet, a summary sentence, the headline or the dek.
#[derive(Clone, Debug)]
pub struct Unit {
    /// Stable within a document: `headline`, `dek`, `b1`…, `s1`….
    pub id: String,
    pub kind: UnitKind,
    pub span: Span,
}

/// A vector read as a `Vec` and shared, not copied, between the documents
/// (or alignments) of one body checked one after another on a thread:
/// the body's paragraphs ([`LastParagraphs`]) and its sentences' tokens
/// (`align::LastBody`) are worked out once for all of them.
#[derive(Debug)]
pub struct SharedVec<T>(std::sync::Arc<Vec<T>>);

// (Written out: a derived `Clone` would ask `T: Clone`, and the point is
// that cloning copies a pointer, not the elements.)
impl<T> Clone for SharedVec<T> {
    fn clone(&self) -> Self {
        SharedVec(self.0.clone())
    }
}

impl<T> Default for SharedVec<T> {
    fn default() -> Self {
        SharedVec(Default::default())
    }
}

impl<T> std::ops::Deref for SharedVec<T> {
    type Target = Vec<T>;

    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<'a, T> IntoIterator for &'a SharedVec<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T> From<Vec<T>> for SharedVec<T> {
    fn from(items: Vec<T>) -> SharedVec<T> {
        SharedVec(std::sync::Arc::new(items))
    }
}

/// A document's body paragraphs, shared between the documents with one
/// body built on a thread, which split it into sentences once
/// ([`LastParagraphs`]).
pub type Paragraphs = SharedVec<Paragraph>;

#[derive(Clone, Debug)]
pub struct Paragraph {
    /// 1-based, counting body paragraphs only.
    pub number: usize,
    pub span: Span,
    pub sentences: Vec<Span>,
}

/// Where each piece of an article is, as byte ranges; what parsers return.
#[derive(Debug, Default)]
pub struct Layout {
    pub headline: Option<(usize, usize)>,
    pub dek: Option<(usize, usize)>,
    pub headings: Vec<(usize, usize)>,
    pub paragraphs: Vec<(usize, usize)>,
    /// Bullets: one unit each.
    pub bullets: Vec<(usize, usize)>,
    /// Summary prose: split into sentences, one unit each.
    pub summary_prose: Vec<(usize, usize)>,
    /// Analysis text when it differs from the source: markup, code and
    /// link targets blanked with spaces, byte for byte, so offsets agree.
    pub masked: Option<String>,
}

/// A second file that part of the document's text came from (`--summary`).
#[derive(Clone, Debug)]
pub struct Part {
    pub path: String,
    /// Where this file's text starts in [`Document::text`].
    pub offset: usize,
}

#[derive(Debug)]
pub struct Document {
    /// Display path of the file (or `<stdin>`).
    pub path: String,
    /// Record id for JSON inputs.
    pub id: Option<String>,
    /// 1-based line of the record in a JSONL file.
    pub record_line: Option<usize>,
    /// The original text.
    pub source: String,
    /// The text the analysis reads: `source` with non-prose blanked.
    pub text: String,
    pub headings: Vec<Span>,
    pub paragraphs: Paragraphs,
    /// Headline, dek, then the summary units in order.
    pub units: Vec<Unit>,
    /// True when the article marks a summary (even an empty one).
    pub has_summary: bool,
    pub parts: Vec<Part>,
    lines: Vec<LineIndex>,
}

impl Document {
    /// Builds the model from a parser's layout of `source`.
    pub fn build(path: &str, source: String, layout: Layout) -> Document {
        let text = layout.masked.clone().unwrap_or_else(|| source.clone());
        debug_assert_eq!(text.len(), source.len());
        let masked = layout.masked.is_some();
        // The body's analysis up to `through` may be the last document's
        // (several summaries of one article on consecutive records): then
        // so are its paragraphs and the line starts of that much source.
        let through = body_through(text.as_bytes(), &layout.paragraphs);
        let (lines, kept) = match through {
            Some(through) => LAST_PARAGRAPHS.with_borrow(|last| {
                match last.as_ref().filter(|last| {
                    last.matches(text.as_bytes(), source.as_bytes(), &layout.paragraphs, through, masked)
                }) {
                    Some(last) => (
                        LineIndex::extending(&source, &last.line_starts, through),
                        Some(last.paragraphs.clone()),
                    ),
                    None => (LineIndex::new(&source), None),
                }
            }),
            None => (LineIndex::new(&source), None),
        };
        let mut doc = Document {
            path: path.to_string(),
            id: None,
            record_line: None,
            lines: vec![lines],
            source,
            text,
            headings: Vec::new(),
            paragraphs: Paragraphs::default(),
            units: Vec::new(),
            has_summary: !layout.bullets.is_empty() || !layout.summary_prose.is_empty(),
            parts: vec![Part {
                path: path.to_string(),
                offset: 0,
            }],
        };
        doc.fill(layout, through, kept);
        doc
    }

    /// `kept`: the body paragraphs when they are the last document's (see
    /// [`Document::build`]); `through`: how far the body's analysis reads,
    /// when the body is short enough to be kept.
    fn fill(&mut self, layout: Layout, through: Option<usize>, kept: Option<Paragraphs>) {
        if let Some((s, e)) = layout.headline {
            let span = self.span(s, e);
            self.units.push(Unit {
                id: "headline".into(),
                kind: UnitKind::Headline,
                span,
            });
        }
        if let Some((s, e)) = layout.dek {
            let span = self.span(s, e);
            self.units.push(Unit {
                id: "dek".into(),
                kind: UnitKind::Dek,
                span,
            });
        }
        self.headings = layout.headings.iter().map(|&(s, e)| self.span(s, e)).collect();
        self.paragraphs = match kept {
            Some(paragraphs) => paragraphs,
            None => self.body_paragraphs(&layout.paragraphs, through, layout.masked.is_some()),
        };
        self.add_summary(&layout.bullets, &layout.summary_prose);
    }

    /// The paragraphs at `ranges`, split into sentences, and kept for the
    /// next document built on this thread when the body is not too long
    /// (`through`: how far their analysis reads, see [`body_through`]).
    fn body_paragraphs(&self, ranges: &[(usize, usize)], through: Option<usize>, masked: bool) -> Paragraphs {
        let Some(through) = through else {
            return self.split_paragraphs(ranges).into();
        };
        let paragraphs = Paragraphs::from(self.split_paragraphs(ranges));
        // (The last entry's buffers, refilled: most documents are new
        // bodies in a run of distinct articles.)
        let mut last = LAST_PARAGRAPHS.take().unwrap_or_default();
        last.ranges.clear();
        last.ranges.extend_from_slice(ranges);
        last.text.clear();
        last.text.extend_from_slice(&self.text.as_bytes()[..through]);
        last.source = masked.then(|| self.source.as_bytes()[..through].to_vec());
        last.line_starts.clear();
        last.line_starts.extend_from_slice(self.lines[0].starts_below(through));
        last.paragraphs = paragraphs.clone();
        LAST_PARAGRAPHS.set(Some(last));
        paragraphs
    }

    /// The paragraphs at `ranges`, split into sentences (a range with no
    /// sentence is no paragraph).
    fn split_paragraphs(&self, ranges: &[(usize, usize)]) -> Vec<Paragraph> {
        let mut paragraphs: Vec<Paragraph> = Vec::new();
        for &(s, e) in ranges {
            let sentences: Vec<Span> = split_sentences(&self.text, s, e)
                .into_iter()
                .map(|(s, e)| self.span(s, e))
                .collect();
            if sentences.is_empty() {
                continue;
            }
            let span = self.enclosing(&sentences[0], &sentences[sentences.len() - 1]);
            paragraphs.push(Paragraph {
                number: paragraphs.len() + 1,
                span,
                sentences,
            });
        }
        paragraphs
    }

    fn add_summary(&mut self, bullets: &[(usize, usize)], prose: &[(usize, usize)]) {
        let mut bullet_count = self.units.iter().filter(|u| u.kind == UnitKind::Bullet).count();
        for &(s, e) in bullets {
            if let Some((s, e)) = trim_range(&self.text, s, e) {
                bullet_count += 1;
                let span = self.span(s, e);
                self.units.push(Unit {
                    id: format!("b{bullet_count}"),
                    kind: UnitKind::Bullet,
                    span,
                });
            }
        }
        let mut sentence_count = self.units.iter().filter(|u| u.kind == UnitKind::Sentence).count();
        for &(s, e) in prose {
            for (s, e) in split_sentences(&self.text, s, e) {
                sentence_count += 1;
                let span = self.span(s, e);
                self.units.push(Unit {
                    id: format!("s{sentence_count}"),
                    kind: UnitKind::Sentence,
                    span,
                });
            }
        }
    }

    /// Replaces the summary with one read from another file (`--summary`).
    /// The summary file's text is appended to [`Document::text`] so that
    /// spans stay plain offsets; positions in it are reported against its
    /// own path and lines.
    pub fn set_summary_from(&mut self, path: &str, summary_source: String, layout: Layout) {
        self.units.retain(|u| !u.kind.is_summary());
        let offset = self.source.len() + 1;
        self.source.push('\n');
        self.text.push('\n');
        self.source.push_str(&summary_source);
        match &layout.masked {
            Some(masked) => self.text.push_str(masked),
            None => self.text.push_str(&summary_source),
        }
        self.lines.push(LineIndex::new(&summary_source));
        self.parts.push(Part {
            path: path.to_string(),
            offset,
        });
        let shift = |v: &[(usize, usize)]| -> Vec<(usize, usize)> {
            v.iter().map(|&(s, e)| (s + offset, e + offset)).collect()
        };
        let mut bullets = shift(&layout.bullets);
        let mut prose = shift(&layout.summary_prose);
        if bullets.is_empty() && prose.is_empty() {
            // A summary file without list or heading: its paragraphs are the summary.
            prose = shift(&layout.paragraphs);
            if let Some(h) = layout.headline {
                prose.insert(0, (h.0 + offset, h.1 + offset));
            }
            if let Some(d) = layout.dek {
                prose.insert(1.min(prose.len()), (d.0 + offset, d.1 + offset));
            }
            // One line per item in a file of short lines reads as a list.
            if prose.len() > 1 {
                bullets = std::mem::take(&mut prose);
            }
        }
        self.has_summary = !bullets.is_empty() || !prose.is_empty();
        self.add_summary(&bullets, &prose);
    }

    /// Index into [`Document::parts`] of the file that `offset` lies in.
    pub fn part_of(&self, offset: usize) -> usize {
        self.parts.iter().rposition(|p| p.offset <= offset).unwrap_or(0)
    }

    /// The path of the file `span` lies in.
    pub fn path_of(&self, span: &Span) -> &str {
        &self.parts[self.part_of(span.start)].path
    }

    /// A span for `start..end` with positions in the file it lies in.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let part = self.part_of(start);
        let offset = self.parts[part].offset;
        let source = &self.source[offset..];
        let mut span = self.lines[part].span(source, start - offset, end.max(start) - offset);
        span.start = start;
        span.end = end.max(start);
        span
    }

    /// The span from the start of `first` to the end of `last`, as
    /// `self.span(first.start, last.end)` gives it, but from the positions
    /// the two already carry: recomputing the start went back over the
    /// paragraph, past the position cache, and counted its characters again
    /// (about 1,000 instructions a paragraph).
    fn enclosing(&self, first: &Span, last: &Span) -> Span {
        if last.end < first.start || self.part_of(first.start) != self.part_of(last.start) {
            return self.span(first.start, last.end);
        }
        Span {
            start: first.start,
            end: last.end,
            line: first.line,
            column: first.column,
            end_line: last.end_line,
            end_column: last.end_column,
        }
    }

    /// The span, with line and column, of a word token of this document.
    pub fn token_span(&self, token: &crate::text::Token) -> Span {
        self.span(token.start, token.end)
    }

    pub fn slice(&self, span: &Span) -> &str {
        &self.text[span.range()]
    }

    /// The original text of `span` (with markup, as the user wrote it).
    pub fn original(&self, span: &Span) -> &str {
        &self.source[span.range()]
    }

    pub fn summary_units(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(|u| u.kind.is_summary())
    }

    /// The 1-based line of the start of `span`'s file line, for messages.
    pub fn line_text(&self, span: &Span) -> &str {
        let part = self.part_of(span.start);
        let offset = self.parts[part].offset;
        let start = offset + self.lines[part].line_start(span.line);
        let end = self.source[start..]
            .find(['\n', '\r'])
            .map(|i| start + i)
            .unwrap_or(self.source.len());
        &self.source[start..end]
    }
}

/// The end of what analysing the text up to `end` may read: the body's
/// sentence split and spans, its tokens and index depend on `text[..end]`
/// and on this much after it, and on nothing else. Past `end` the
/// tokenizer looks for a percent sign or word after a number (over spaces
/// and no-break spaces, then up to 8 bytes: "per cent"), and a line
/// position at `end` depends on whether a "\r" before it is followed by a
/// "\n"; so: the spaces after `end`, the byte after them, and 7 more when
/// that byte can start "%", "percent" or "per cent". A JSONL record's body
/// is followed by a line break: its analysis then depends on the body
/// alone, whatever summary follows.
pub fn read_through(text: &[u8], end: usize) -> usize {
    let mut at = end.min(text.len());
    loop {
        match text[at..] {
            [b' ', ..] => at += 1,
            [0xC2, 0xA0, ..] => at += 2,
            _ => break,
        }
    }
    let more = match text.get(at) {
        Some(b'%' | b'p' | b'P') => 8,
        _ => 1,
    };
    (at + more).min(text.len())
}

/// The paragraphs of the last document built on this thread whose body is
/// not too long, for the next document with the same body (several
/// summaries of one article on consecutive records): splitting them into
/// sentences and placing each sentence's line and column was a tenth of
/// what a record of a repeated article cost.
#[derive(Default)]
struct LastParagraphs {
    /// The layout's paragraph ranges.
    ranges: Vec<(usize, usize)>,
    /// `text[..read_through(text, end of the last range)]`.
    text: Vec<u8>,
    /// The source's bytes as far, when they are not the text's (masked
    /// markup): line and column positions count in the source.
    source: Option<Vec<u8>>,
    /// The source's line starts below `through` (they depend on the
    /// source's bytes through `through` alone).
    line_starts: Vec<usize>,
    paragraphs: Paragraphs,
}

thread_local! {
    static LAST_PARAGRAPHS: std::cell::RefCell<Option<LastParagraphs>> = const { std::cell::RefCell::new(None) };
}

impl LastParagraphs {
    /// True when splitting `ranges` of a one-part document's `text` gives
    /// these paragraphs: the same ranges, and the same text and `source`
    /// through `through` (the sentence split reads the text of the ranges,
    /// the positions the source before and at their ends; so the source's
    /// line starts below `through` are the kept ones too). `masked`: the
    /// text is not the source (otherwise they are equal).
    fn matches(&self, text: &[u8], source: &[u8], ranges: &[(usize, usize)], through: usize, masked: bool) -> bool {
        let kept_source = self.source.as_deref().unwrap_or(&self.text);
        let text = &text[..through];
        let source_matches = if masked {
            kept_source == &source[..through]
        } else {
            // (The source is the text, just compared.)
            self.source.as_ref().is_none_or(|source| source == text)
        };
        self.ranges == ranges && self.text == text && source_matches
    }
}

/// How far analysing the body at `ranges` reads (see [`read_through`]),
/// when the body is short enough to be kept for the next document
/// ([`LastParagraphs`]); `None` when there is no body or it is too long.
fn body_through(text: &[u8], ranges: &[(usize, usize)]) -> Option<usize> {
    let end = ranges.iter().map(|&(_, e)| e).max()?;
    Some(read_through(text, end)).filter(|&through| through <= crate::align::MAX_KEPT_BODY)
}

/// Options that change how input is read.
#[derive(Clone, Debug)]
pub struct ParseOptions {
    pub format: Option<InputFormat>,
    /// Headings that mark the summary, lowercase.
    pub summary_headings: Vec<String>,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            format: None,
            summary_headings: DEFAULT_SUMMARY_HEADINGS.iter().map(|s| s.to_string()).collect(),
        }
    }
}

impl ParseOptions {
    /// True when a heading's text names the summary ("Key points:").
    pub fn is_summary_heading(&self, heading: &str) -> bool {
        let trimmed = heading
            .trim()
            .trim_end_matches(':')
            .trim_matches(|c: char| c == '*' || c == '_' || c == '#')
            .trim();
        // Every line of an article is asked: skip the lowercasing for one
        // with more characters than any heading (a character is at most 4
        // bytes, and lowercasing never makes a text shorter in characters).
        let longest = self
            .summary_headings
            .iter()
            .map(|h| h.chars().count())
            .max()
            .unwrap_or(0);
        if trimmed.len() > 4 * longest {
            return false;
        }
        let normalized = trimmed.to_lowercase();
        self.summary_headings.contains(&normalized)
    }
}

/// Largest article accepted, in bytes: far above any real article, low
/// enough that a mistaken file (a database dump) fails fast.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Decodes file bytes as UTF-8, with a message naming the line of the first
/// bad byte. A leading byte-order mark is kept (blanked in the analysis
/// text) so that offsets still match the file.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String> {
    check_bytes(path, &bytes)?;
    String::from_utf8(bytes).map_err(|e| {
        let (line, byte) = first_bad_byte(e.as_bytes(), e.utf8_error().valid_up_to());
        Error::NotUtf8 {
            path: path.into(),
            line,
            byte,
        }
    })
}

/// Decodes file bytes like [`decode`], but replaces bytes that are not
/// UTF-8 with U+FFFD (`--lossy`) and returns a warning naming the first bad
/// line instead of failing. Lines stay where they were; byte offsets after
/// a replaced byte move. Empty, binary and oversized files still fail.
pub fn decode_lossy(path: &str, bytes: Vec<u8>) -> Result<(String, Option<String>)> {
    check_bytes(path, &bytes)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, None)),
        Err(e) => {
            let (line, byte) = first_bad_byte(e.as_bytes(), e.utf8_error().valid_up_to());
            let warning = format!(
                "{path}:{line}: not valid UTF-8 (byte {byte} of that line); bytes that are not UTF-8 were replaced with U+FFFD because of --lossy"
            );
            Ok((String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(warning)))
        }
    }
}

/// Fails on what no decoding can rescue: an empty, oversized or binary file.
fn check_bytes(path: &str, bytes: &[u8]) -> Result<()> {
    if bytes.is_empty() {
        return Err(Error::Empty { path: path.into() });
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::TooLarge {
            path: path.into(),
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(Error::Binary { path: path.into() });
    }
    Ok(())
}

/// The 1-based line of byte `bad` and its 1-based byte within that line.
fn first_bad_byte(bytes: &[u8], bad: usize) -> (usize, usize) {
    let line = 1 + bytes[..bad].iter().filter(|&&b| b == b'\n').count();
    let line_start = bytes[..bad].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    (line, bad - line_start + 1)
}

/// A document with no body paragraph cannot be checked: there is nothing
/// to align the summary with, and no body to check for typos.
pub fn require_body(doc: &Document) -> Result<()> {
    if !doc.paragraphs.is_empty() {
        return Ok(());
    }
    let name = match &doc.id {
        Some(id) => format!("record {id}: "),
        None => String::new(),
    };
    let what = if doc.summary_units().next().is_some() {
        "has a summary but no body to check it against"
    } else {
        "has no body text"
    };
    let fix = "put the article's paragraphs in the file (or the record's \"document\" field)";
    Err(match doc.record_line {
        Some(line) => Error::parse(&doc.path, line, format!("{name}{what}; {fix}")),
        None => Error::input(&doc.path, format!("{what}; {fix}")),
    })
}

/// Parses one article (plain text or Markdown) into a [`Document`].
/// JSON inputs hold many articles: see [`json::parse_records`].
pub fn parse_article(path: &str, source: String, format: InputFormat, options: &ParseOptions) -> Result<Document> {
    if source
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .is_empty()
    {
        return Err(Error::Empty { path: path.into() });
    }
    let layout = layout_of(&source, format, options);
    Ok(Document::build(path, source, layout))
}

/// Finds the pieces of a text in the given format.
pub fn layout_of(source: &str, format: InputFormat, options: &ParseOptions) -> Layout {
    match format {
        InputFormat::Markdown => markdown::layout(source, options),
        _ => plain::layout(source, options),
    }
}

/// Trims whitespace (and blanked markup) from both ends of a range.
pub fn trim_range(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let piece = &text[start..end];
    let is_blank = |c: char| c.is_whitespace() || c == '\u{feff}';
    let trimmed = piece.trim_start_matches(is_blank);
    let s = start + (piece.len() - trimmed.len());
    let e = s + trimmed.trim_end_matches(is_blank).len();
    (s < e).then_some((s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every paragraph's span is what `Document::span` gives for the
    /// range from its first sentence to its last (`enclosing` builds it from
    /// the sentences' positions instead), in plain text, Markdown and JSONL
    /// documents with several lines, CRLF breaks and wide characters.
    fn assert_paragraph_spans_plain(doc: &Document) {
        for p in &doc.paragraphs {
            let first = p.sentences[0];
            let last = p.sentences[p.sentences.len() - 1];
            assert_eq!(p.span, doc.span(first.start, last.end), "{}", doc.slice(&p.span));
        }
    }

    #[test]
    fn paragraph_spans_match_the_plain_span() {
        let texts = [
            "Héllo wörld. Zweite Zeile\r\nläuft weiter. Ende.\r\n\r\nNeuer Absatz — mit “Zitat”. Und mehr.\n",
            "# Title\n\nOne line.\nTwo line. \u{1F600} Three.\r\rLone CR paragraph. Yes.\n\n- A bullet.\n",
            "  Leading space. Trailing.   \n\n\n\tTabbed paragraph.\n",
        ];
        for text in texts {
            for format in [InputFormat::Text, InputFormat::Markdown] {
                let doc = parse_article("a.txt", text.to_string(), format, &ParseOptions::default()).unwrap();
                assert!(!doc.paragraphs.is_empty());
                assert_paragraph_spans_plain(&doc);
            }
            let line = serde_json::json!({"id": 1, "title": "Ünïcode", "document": text, "summary": "Short. Sum."})
                .to_string();
            let doc = crate::input::jsonl_document("x.jsonl", 3, &line).unwrap().unwrap();
            assert_paragraph_spans_plain(&doc);
        }
    }

    #[test]
    fn format_follows_the_extension() {
        assert_eq!(InputFormat::from_path("a/b.MD"), InputFormat::Markdown);
        assert_eq!(InputFormat::from_path("x.jsonl"), InputFormat::Jsonl);
        assert_eq!(InputFormat::from_path("x.txt"), InputFormat::Text);
        assert_eq!(InputFormat::from_path("-"), InputFormat::Text);
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let err = decode("a.txt", b"ok\nbad \xff here".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.txt:2: the file is not valid UTF-8 (byte 5 of that line); convert it to UTF-8, e.g. `iconv -f latin1 -t utf-8`"
        );
    }

    #[test]
    fn empty_and_binary_files_are_errors() {
        assert!(matches!(decode("e", Vec::new()), Err(Error::Empty { .. })));
        assert!(matches!(decode("b", b"PK\0\0".to_vec()), Err(Error::Binary { .. })));
    }

    #[test]
    fn lossy_decoding_replaces_bad_bytes_and_warns() {
        let (text, warning) = decode_lossy("a.txt", b"ok\nbad \xff here".to_vec()).unwrap();
        assert_eq!(text, "ok\nbad \u{fffd} here");
        assert!(warning
            .unwrap()
            .starts_with("a.txt:2: not valid UTF-8 (byte 5 of that line)"));
        assert!(decode_lossy("a.txt", b"fine".to_vec()).unwrap().1.is_none());
    }

    #[test]
    fn a_summary_without_a_body_is_an_error() {
        let doc = parse_article(
            "s.txt",
            "- Only a bullet.\n".into(),
            InputFormat::Text,
            &ParseOptions::default(),
        )
        .unwrap();
        assert_eq!(
            require_body(&doc).unwrap_err().to_string(),
            "s.txt: has a summary but no body to check it against; put the article's paragraphs in the file (or the record's \"document\" field)"
        );
    }

    #[test]
    fn summary_from_another_file_reports_its_own_lines() {
        let body = "Headline Here\n\nThe council approved the budget on Monday.\n".to_string();
        let mut doc = parse_article("body.txt", body, InputFormat::Text, &ParseOptions::default()).unwrap();
        let summary = "- The council approved the budget.\n".to_string();
        let layout = layout_of(&summary, InputFormat::Text, &ParseOptions::default());
        doc.set_summary_from("summary.txt", summary, layout);
        let unit = doc.summary_units().next().unwrap();
        assert_eq!(doc.path_of(&unit.span), "summary.txt");
        assert_eq!((unit.span.line, unit.span.column), (1, 3));
        assert_eq!(doc.slice(&unit.span), "The council approved the budget.");
    }

    /// What the analysis reads past a body's end: the spaces after it,
    /// the byte after them, and 7 more where "%", "percent" or "per cent"
    /// may start.
    #[test]
    fn read_through_covers_the_percent_lookahead() {
        assert_eq!(read_through(b"rose 5\n\nSummary", 6), 7);
        assert_eq!(read_through(b"rose 5", 6), 6);
        assert_eq!(read_through(b"rose 5  x", 6), 9);
        assert_eq!(read_through("rose 5 \u{a0} x".as_bytes(), 6), 11);
        assert_eq!(read_through(b"rose 5 percent of", 6), 15);
        assert_eq!(read_through(b"rose 5 Per cent of", 6), 15);
        assert_eq!(read_through(b"rose 5%", 6), 7);
        assert_eq!(read_through(b"rose 5 pe", 6), 9);
    }

    /// The body's paragraphs and tokens of a document whose text after the
    /// body is read (a number's percent sign, a line break's "\r\n") are
    /// those it has alone, after a document with the same body text but
    /// other text after it.
    #[test]
    fn what_follows_the_body_is_compared_too() {
        let build = |text: &str, end: usize| {
            let layout = Layout {
                paragraphs: vec![(0, end)],
                summary_prose: vec![(end + 1, text.len())],
                ..Layout::default()
            };
            let doc = Document::build("a.txt", text.to_string(), layout);
            let alignment = crate::align::align(&doc);
            format!("{:?} {:?} {:?}", doc.paragraphs, alignment.sentences, alignment.units)
        };
        let alone = |text: &'static str, end: usize| std::thread::spawn(move || build(text, end)).join().unwrap();
        let pairs: [(&'static str, &'static str, usize); 3] = [
            (
                "Prices rose by 5 percent. Then fell.",
                "Prices rose by 5 points. Then fell.",
                16,
            ),
            ("Prices rose by 5 per cent here.", "Prices rose by 5 pears here.", 16),
            ("One line ends.\r\nNext one here.", "One line ends.\rNext one here.", 15),
        ];
        for (first, second, end) in pairs {
            let (a, b) = std::thread::spawn(move || (build(first, end), build(second, end)))
                .join()
                .unwrap();
            assert_eq!(a, alone(first, end));
            assert_eq!(b, alone(second, end), "{second:?} after {first:?}");
        }
        // The first pair does differ in what the body's tokens say.
        assert_ne!(alone(pairs[0].0, 16), alone(pairs[0].1, 16));
    }
}
