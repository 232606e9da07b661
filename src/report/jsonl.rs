//! `--format jsonl`: one JSON object per checked document, a line each,
//! written as soon as the document is checked, so a batch of thousands of
//! records streams into `jq` or a log pipeline without waiting for the run.
//!
//! Each line has the shape of one entry of `files` in `--format json`
//! (schema/sumlint-output-line.schema.json). Inputs that cannot be checked
//! are reported on standard error and in the exit code, not on a line, so
//! every line is a document.

use super::round3;
use super::Reporter;
use crate::outcome::Outcome;
use crate::span::Span;
use serde_json::ser::{CompactFormatter, Formatter};
use std::io::{self, Write};

pub struct JsonlReporter;

impl Reporter for JsonlReporter {
    fn outcome(&mut self, out: &mut dyn Write, outcome: &Outcome) -> io::Result<()> {
        // Built in a buffer, then written at once: serde wrote a line in
        // hundreds of small pieces, each a dynamic call through `out`.
        let mut line = Vec::with_capacity(4096);
        write_line(&mut line, outcome);
        line.push(b'\n');
        out.write_all(&line)?;
        // A consumer reading the stream sees each document as it is checked.
        out.flush()
    }

    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// The line of `outcome`: the bytes of
/// `serde_json::to_vec(&JsonFile::from_outcome(outcome))`, written straight
/// from the outcome. Through serde, every text was copied into a
/// `JsonFile` and then escaped a byte at a time (serde_json's string
/// writer, ~8 instructions a byte): with `--format jsonl` the line was ~8%
/// of a run on repeated records, as each unit lists its source sentences
/// in full. Here clean runs of a string are found eight bytes at a time and
/// copied whole. Numbers go through serde_json's own formatter, so they are
/// written as it writes them. A test compares the two on checked documents
/// and on outcomes with every kind of text and number.
pub(crate) fn write_line(out: &mut Vec<u8>, outcome: &Outcome) {
    out.extend_from_slice(b"{\"path\":");
    push_str(out, &outcome.path);
    if let Some(id) = &outcome.id {
        out.extend_from_slice(b",\"id\":");
        push_str(out, id);
    }
    if let Some(line) = outcome.record_line {
        out.extend_from_slice(b",\"record_line\":");
        push_usize(out, line);
    }
    out.extend_from_slice(b",\"score\":");
    push_f64(out, round3(outcome.score));
    out.extend_from_slice(b",\"summary\":");
    push_list(out, &outcome.units, |out, u| {
        out.extend_from_slice(b"{\"id\":");
        push_str(out, &u.id);
        out.extend_from_slice(b",\"kind\":");
        push_str(out, u.kind.as_str());
        push_position(out, &u.span);
        out.extend_from_slice(b",\"text\":");
        push_str(out, &u.text);
        out.extend_from_slice(b",\"support\":");
        push_f64(out, round3(u.support));
        out.extend_from_slice(b",\"sources\":");
        push_list(out, &u.sources, |out, s| {
            push_paragraph_head(out, s.paragraph, s.span.line);
            out.extend_from_slice(b",\"score\":");
            push_f64(out, round3(s.score));
            out.extend_from_slice(b",\"sentences\":");
            push_list(out, &s.sentences, |out, ss| {
                out.extend_from_slice(b"{\"sentence\":");
                push_usize(out, ss.sentence);
                push_position(out, &ss.span);
                out.extend_from_slice(b",\"score\":");
                push_f64(out, round3(ss.score.unwrap_or_default()));
                out.extend_from_slice(b",\"text\":");
                push_str(out, &ss.text);
                out.push(b'}');
            });
            out.push(b'}');
        });
        let measures = u.extractiveness.unwrap_or_default();
        out.extend_from_slice(b",\"extractiveness\":{\"coverage\":");
        push_f64(out, round3(measures.coverage));
        out.extend_from_slice(b",\"density\":");
        push_f64(out, round3(measures.density));
        out.extend_from_slice(b",\"compression\":");
        push_f64(out, round3(measures.compression));
        out.extend_from_slice(b"}}");
    });
    out.extend_from_slice(b",\"paragraphs\":");
    push_list(out, &outcome.paragraphs, |out, p| {
        push_paragraph_head(out, p.paragraph, p.span.line);
        out.extend_from_slice(b",\"covered_by\":");
        push_list(out, &p.covered_by, |out, id| push_str(out, id));
        out.push(b'}');
    });
    out.extend_from_slice(b",\"findings\":");
    push_list(out, &outcome.findings, |out, f| {
        out.extend_from_slice(b"{\"rule\":");
        push_str(out, f.rule);
        out.extend_from_slice(b",\"severity\":");
        push_str(out, f.severity.as_str());
        if let Some(path) = &f.path {
            out.extend_from_slice(b",\"path\":");
            push_str(out, path);
        }
        push_extent(out, &f.span);
        out.extend_from_slice(b",\"message\":");
        push_str(out, &f.message);
        out.extend_from_slice(b",\"text\":");
        push_str(out, &f.text);
        out.extend_from_slice(b",\"suggestion\":");
        push_option_str(out, f.suggestion.as_deref());
        out.extend_from_slice(b",\"unit\":");
        push_option_str(out, f.unit.as_deref());
        out.extend_from_slice(b",\"evidence\":");
        push_list(out, &f.evidence, |out, e| {
            out.extend_from_slice(b"{\"paragraph\":");
            match e.paragraph {
                Some(paragraph) => push_usize(out, paragraph),
                None => out.extend_from_slice(b"null"),
            }
            push_extent(out, &e.span);
            out.extend_from_slice(b",\"text\":");
            push_str(out, &e.text);
            out.extend_from_slice(b",\"note\":");
            push_str(out, &e.note);
            out.push(b'}');
        });
        out.push(b'}');
    });
    out.push(b'}');
}

/// `items` as a JSON array, each written by `item`.
fn push_list<T>(out: &mut Vec<u8>, items: &[T], mut item: impl FnMut(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        item(out, x);
    }
    out.push(b']');
}

/// `{"paragraph":N,"line":L`: how a source and a paragraph begin.
fn push_paragraph_head(out: &mut Vec<u8>, paragraph: usize, line: usize) {
    out.extend_from_slice(b"{\"paragraph\":");
    push_usize(out, paragraph);
    out.extend_from_slice(b",\"line\":");
    push_usize(out, line);
}

/// The fields `"line"` and `"column"` of `span`'s start, after others.
fn push_position(out: &mut Vec<u8>, span: &Span) {
    out.extend_from_slice(b",\"line\":");
    push_usize(out, span.line);
    out.extend_from_slice(b",\"column\":");
    push_usize(out, span.column);
}

/// [`push_position`] and the fields `"end_line"` and `"end_column"`.
fn push_extent(out: &mut Vec<u8>, span: &Span) {
    push_position(out, span);
    out.extend_from_slice(b",\"end_line\":");
    push_usize(out, span.end_line);
    out.extend_from_slice(b",\"end_column\":");
    push_usize(out, span.end_column);
}

fn push_usize(out: &mut Vec<u8>, value: usize) {
    // serde_json writes a `usize` as a `u64`; writing to a vector cannot fail.
    let _ = CompactFormatter.write_u64(out, value as u64);
}

fn push_f64(out: &mut Vec<u8>, value: f64) {
    // What serde_json's `serialize_f64` does: no JSON number for NaN or an infinity.
    if value.is_finite() {
        let _ = CompactFormatter.write_f64(out, value);
    } else {
        out.extend_from_slice(b"null");
    }
}

fn push_option_str(out: &mut Vec<u8>, value: Option<&str>) {
    match value {
        Some(text) => push_str(out, text),
        None => out.extend_from_slice(b"null"),
    }
}

/// Eight copies of byte `b`.
const fn splat(b: u8) -> u64 {
    u64::from_le_bytes([b; 8])
}

/// True when one of the eight bytes of `word` (little-endian) must be
/// escaped in a JSON string: a control character (below 0x20), `"` or `\`.
/// Exact (no false answer either way): a byte's high bit in
/// `(x - splat(n)) & !x & splat(0x80)` is set for the lowest byte of `x`
/// below `n` (n ≤ 128), and some bit is set exactly when one byte is.
fn needs_escape(word: u64) -> bool {
    let below = |x: u64, n: u8| x.wrapping_sub(splat(n)) & !x & splat(0x80);
    below(word, 0x20) | below(word ^ splat(b'"'), 1) | below(word ^ splat(b'\\'), 1) != 0
}

/// `text` as a JSON string, as serde_json writes it: `"`, `\` and the
/// control characters escaped (the short escapes where JSON has one,
/// `\u00xx` otherwise, by serde_json's formatter), everything else as is.
pub(crate) fn push_str(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    let bytes = text.as_bytes();
    // `bytes[start..i]` needs no escape and is not yet written.
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            if !needs_escape(u64::from_le_bytes(chunk.try_into().expect("eight bytes"))) {
                i += 8;
                continue;
            }
        }
        let byte = bytes[i];
        let escape = match byte {
            b'"' => Some(serde_json::ser::CharEscape::Quote),
            b'\\' => Some(serde_json::ser::CharEscape::ReverseSolidus),
            0x08 => Some(serde_json::ser::CharEscape::Backspace),
            b'\t' => Some(serde_json::ser::CharEscape::Tab),
            b'\n' => Some(serde_json::ser::CharEscape::LineFeed),
            0x0c => Some(serde_json::ser::CharEscape::FormFeed),
            b'\r' => Some(serde_json::ser::CharEscape::CarriageReturn),
            0..0x20 => Some(serde_json::ser::CharEscape::AsciiControl(byte)),
            _ => None,
        };
        if let Some(escape) = escape {
            out.extend_from_slice(&bytes[start..i]);
            let _ = CompactFormatter.write_char_escape(out, escape);
            start = i + 1;
        }
        i += 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{parse_article, InputFormat, ParseOptions};
    use crate::finding::{Evidence, Severity};
    use crate::report::json::JsonFile;

    fn through_serde(outcome: &Outcome) -> Vec<u8> {
        serde_json::to_vec(&JsonFile::from_outcome(outcome)).unwrap()
    }

    fn written(outcome: &Outcome) -> Vec<u8> {
        let mut line = Vec::new();
        write_line(&mut line, outcome);
        line
    }

    fn checked(text: &str) -> Outcome {
        let doc = parse_article("a.txt", text.into(), InputFormat::Text, &ParseOptions::default()).unwrap();
        crate::check_document(&doc, &crate::options::CheckOptions::default())
    }

    #[test]
    fn checked_documents_are_written_as_serde_writes_them() {
        for text in [
            "Bridge Opens\n\nThe mayor opened the \"new\" bridge.\n\nIt cost $4 million.\n\n- The mayor opened it.\n",
            "Bridge Opens\n\nThe mayor opened the new bridge on Monday after three years of work.\n\nIt cost $40 million, paid by a state grant.\n\n- The mayor opened the brigde on Tuesday.\n- It cost $50 million.\n",
            "Bridge Opens\n\nA body with no summary at all.\n",
        ] {
            let outcome = checked(text);
            assert_eq!(String::from_utf8(written(&outcome)).unwrap(), String::from_utf8(through_serde(&outcome)).unwrap());
        }
    }

    #[test]
    fn every_optional_field_and_odd_number_is_written_as_serde_writes_it() {
        let mut outcome = checked(
            "Bridge Opens\n\nThe mayor opened the new bridge on Monday.\n\nIt cost $40 million.\n\n- The mayor opened the brigde on Tuesday.\n",
        );
        assert!(!outcome.units.is_empty() && !outcome.findings.is_empty());
        let strange = "tab\tquote\" back\\slash \u{1} \u{1f} \u{7f} é \u{2028} \r\n\u{8}\u{c}";
        for (score, id, line) in [
            (f64::NAN, None, None),
            (f64::INFINITY, Some(strange.to_string()), Some(7)),
            (-0.0, Some(String::new()), Some(0)),
            (1e-7, None, Some(usize::MAX)),
            (123456.789, Some("x".into()), None),
        ] {
            outcome.score = score;
            outcome.id = id.clone();
            outcome.record_line = line;
            outcome.path = strange.into();
            let unit = &mut outcome.units[0];
            unit.support = -score;
            unit.text = strange.into();
            unit.extractiveness = if line.is_some() { None } else { unit.extractiveness };
            if let Some(source) = unit.sources.first_mut() {
                source.score = score;
                if let Some(sentence) = source.sentences.first_mut() {
                    sentence.score = line.map(|l| l as f64 / 3.0);
                    sentence.text = strange.into();
                }
            }
            if let Some(p) = outcome.paragraphs.first_mut() {
                p.covered_by.push(strange.into());
            }
            let finding = &mut outcome.findings[0];
            finding.path = id.clone();
            finding.suggestion = id.clone();
            finding.unit = id.clone();
            finding.severity = Severity::Info;
            finding.message = strange.into();
            finding.evidence.push(Evidence {
                paragraph: line,
                span: finding.span,
                text: strange.into(),
                note: String::new(),
            });
            assert_eq!(written(&outcome), through_serde(&outcome));
        }
    }

    proptest::proptest! {
        #[test]
        fn strings_are_escaped_as_serde_escapes_them(text in "[a-z \"\\\\\u{0}-\u{1f}\u{7f}é\u{2028}€]{0,40}") {
            let mut out = Vec::new();
            push_str(&mut out, &text);
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&text).unwrap());
        }

        #[test]
        fn eight_bytes_need_escape_when_one_does(bytes in proptest::array::uniform8(proptest::num::u8::ANY)) {
            let one = bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
            proptest::prop_assert_eq!(needs_escape(u64::from_le_bytes(bytes)), one);
        }
    }
}
