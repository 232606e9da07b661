//! Invariants every check result must keep, whatever the input: each span
//! lies inside the text and on character boundaries, its line and column
//! are where the span starts and ends, and every score is a number in
//! [0, 1]. The property tests (`tests/properties.rs`) and the fuzz targets
//! (`fuzz/`) run these on arbitrary input; they are plain functions so both
//! share one definition of "right".
//!
//! Positions are recomputed here the slow, obvious way (counting from the
//! start of the text) so that they check [`LineIndex`](crate::span::LineIndex)
//! rather than repeat it.

use crate::document::Document;
use crate::outcome::Outcome;
use crate::span::Span;

/// The 1-based line and column of byte `offset` in `text`, counting
/// `\r\n`, `\n` and a lone `\r` as line breaks and columns in characters.
pub fn naive_position(text: &str, offset: usize) -> (usize, usize) {
    let (mut line, mut column) = (1, 1);
    let mut chars = text[..offset].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                line += 1;
                column = 1;
            }
            _ => column += 1,
        }
    }
    (line, column)
}

/// Checks one span against `text`: in bounds, on char boundaries, with the
/// right positions.
pub fn check_span(text: &str, span: &Span, what: &str) -> Result<(), String> {
    if span.start > span.end || span.end > text.len() {
        return Err(format!(
            "{what}: span {}..{} outside the text of {} bytes",
            span.start,
            span.end,
            text.len()
        ));
    }
    if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return Err(format!("{what}: span {}..{} cuts a character", span.start, span.end));
    }
    let start = naive_position(text, span.start);
    let end = naive_position(text, span.end);
    if (span.line, span.column) != start || (span.end_line, span.end_column) != end {
        return Err(format!(
            "{what}: span {}..{} says {}:{}-{}:{}, the text says {}:{}-{}:{}",
            span.start,
            span.end,
            span.line,
            span.column,
            span.end_line,
            span.end_column,
            start.0,
            start.1,
            end.0,
            end.1
        ));
    }
    Ok(())
}

fn check_score(value: f64, what: &str) -> Result<(), String> {
    if (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(format!("{what}: score {value} is not in [0, 1]"))
    }
}

/// Checks every span of a document parsed from one file (no `--summary`).
pub fn check_document(doc: &Document) -> Result<(), String> {
    if doc.text.len() != doc.source.len() {
        return Err("analysis text and source differ in length".into());
    }
    let text = &doc.source;
    for unit in &doc.units {
        check_span(text, &unit.span, &format!("unit {}", unit.id))?;
    }
    for (i, heading) in doc.headings.iter().enumerate() {
        check_span(text, heading, &format!("heading {i}"))?;
    }
    for paragraph in &doc.paragraphs {
        check_span(text, &paragraph.span, &format!("paragraph {}", paragraph.number))?;
        for (i, sentence) in paragraph.sentences.iter().enumerate() {
            check_span(text, sentence, &format!("paragraph {} sentence {i}", paragraph.number))?;
            if !paragraph.span.contains(sentence) {
                return Err(format!(
                    "paragraph {} does not contain its sentence {i}",
                    paragraph.number
                ));
            }
        }
    }
    Ok(())
}

/// Checks every span and score of `outcome`, the result of checking `doc`
/// (parsed from one file).
pub fn check_outcome(doc: &Document, outcome: &Outcome) -> Result<(), String> {
    let text = &doc.source;
    check_score(outcome.score, "document")?;
    for unit in &outcome.units {
        check_span(text, &unit.span, &format!("unit {}", unit.id))?;
        check_score(unit.support, &format!("unit {} support", unit.id))?;
        for source in &unit.sources {
            check_span(text, &source.span, &format!("unit {} source", unit.id))?;
            check_score(source.score, &format!("unit {} source", unit.id))?;
            for sentence in &source.sentences {
                check_span(text, &sentence.span, &format!("unit {} source sentence", unit.id))?;
                if let Some(score) = sentence.score {
                    check_score(score, &format!("unit {} source sentence", unit.id))?;
                }
            }
        }
    }
    for paragraph in &outcome.paragraphs {
        check_span(text, &paragraph.span, &format!("paragraph {}", paragraph.paragraph))?;
    }
    for finding in &outcome.findings {
        check_span(text, &finding.span, finding.rule)?;
        for evidence in &finding.evidence {
            check_span(text, &evidence.span, &format!("{} evidence", finding.rule))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naive_positions_count_every_kind_of_line_break() {
        let text = "a\r\nb\rc\néd";
        assert_eq!(naive_position(text, 0), (1, 1));
        assert_eq!(naive_position(text, text.find('b').unwrap()), (2, 1));
        assert_eq!(naive_position(text, text.find('c').unwrap()), (3, 1));
        assert_eq!(naive_position(text, text.find('d').unwrap()), (4, 2));
    }

    #[test]
    fn a_wrong_column_is_caught() {
        let span = Span {
            start: 2,
            end: 3,
            line: 1,
            column: 2,
            end_line: 1,
            end_column: 4,
        };
        assert!(check_span("abc", &span, "x")
            .unwrap_err()
            .contains("the text says 1:3-1:4"));
    }
}
