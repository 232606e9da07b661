//! `--format json`: one object for the run, `{"version", "files": [...]}`,
//! as DESIGN.md specifies. The serialized types are defined here, apart
//! from the internal ones, so the output stays stable while internals
//! change.

use super::{round3, Reporter};
use crate::error::Error;
use crate::outcome::Outcome;
use serde::Serialize;
use std::io::{self, Write};

/// Version of the JSON output shape.
pub const OUTPUT_VERSION: &str = "1";

#[derive(Serialize)]
pub struct JsonRun {
    pub version: &'static str,
    pub files: Vec<JsonFile>,
    /// Inputs that could not be checked.
    pub errors: Vec<JsonError>,
}

#[derive(Serialize)]
pub struct JsonError {
    pub message: String,
}

#[derive(Serialize)]
pub struct JsonFile {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_line: Option<usize>,
    pub score: f64,
    pub summary: Vec<JsonUnit>,
    pub paragraphs: Vec<JsonParagraph>,
    pub findings: Vec<JsonFinding>,
}

#[derive(Serialize)]
pub struct JsonUnit {
    pub id: String,
    pub kind: &'static str,
    pub line: usize,
    pub column: usize,
    pub text: String,
    pub support: f64,
    pub sources: Vec<JsonSource>,
}

#[derive(Serialize)]
pub struct JsonSource {
    pub paragraph: usize,
    pub line: usize,
    pub score: f64,
    pub sentences: Vec<JsonSentence>,
}

#[derive(Serialize)]
pub struct JsonSentence {
    /// 1-based within the paragraph.
    pub sentence: usize,
    pub line: usize,
    pub column: usize,
    pub score: f64,
    pub text: String,
}

#[derive(Serialize)]
pub struct JsonParagraph {
    pub paragraph: usize,
    pub line: usize,
    pub covered_by: Vec<String>,
}

#[derive(Serialize)]
pub struct JsonFinding {
    pub rule: &'static str,
    pub severity: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: String,
    pub text: String,
    pub suggestion: Option<String>,
    pub unit: Option<String>,
    pub evidence: Vec<JsonEvidence>,
}

#[derive(Serialize)]
pub struct JsonEvidence {
    pub paragraph: Option<usize>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub text: String,
    pub note: String,
}

impl JsonFile {
    pub fn from_outcome(outcome: &Outcome) -> JsonFile {
        JsonFile {
            path: outcome.path.clone(),
            id: outcome.id.clone(),
            record_line: outcome.record_line,
            score: round3(outcome.score),
            summary: outcome
                .units
                .iter()
                .map(|u| JsonUnit {
                    id: u.id.clone(),
                    kind: u.kind.as_str(),
                    line: u.span.line,
                    column: u.span.column,
                    text: u.text.clone(),
                    support: round3(u.support),
                    sources: u
                        .sources
                        .iter()
                        .map(|s| JsonSource {
                            paragraph: s.paragraph,
                            line: s.span.line,
                            score: round3(s.score),
                            sentences: s
                                .sentences
                                .iter()
                                .map(|ss| JsonSentence {
                                    sentence: ss.sentence,
                                    line: ss.span.line,
                                    column: ss.span.column,
                                    score: round3(ss.score),
                                    text: ss.text.clone(),
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
            paragraphs: outcome
                .paragraphs
                .iter()
                .map(|p| JsonParagraph {
                    paragraph: p.paragraph,
                    line: p.span.line,
                    covered_by: p.covered_by.clone(),
                })
                .collect(),
            findings: outcome
                .findings
                .iter()
                .map(|f| JsonFinding {
                    rule: f.rule,
                    severity: f.severity.as_str(),
                    path: f.path.clone(),
                    line: f.span.line,
                    column: f.span.column,
                    end_line: f.span.end_line,
                    end_column: f.span.end_column,
                    message: f.message.clone(),
                    text: f.text.clone(),
                    suggestion: f.suggestion.clone(),
                    unit: f.unit.clone(),
                    evidence: f
                        .evidence
                        .iter()
                        .map(|e| JsonEvidence {
                            paragraph: e.paragraph,
                            line: e.span.line,
                            column: e.span.column,
                            end_line: e.span.end_line,
                            end_column: e.span.end_column,
                            text: e.text.clone(),
                            note: e.note.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Streams the run object: each file is written as soon as it is checked,
/// so a batch of any size is reported in flat memory. The bytes are exactly
/// those of `serde_json::to_writer_pretty(&JsonRun { .. })`; only the
/// errors (one short message each) are held until the end.
#[derive(Default)]
pub struct JsonReporter {
    files_written: usize,
    errors: Vec<JsonError>,
}

/// Writes `value` pretty-printed as if nested `depth` levels deep: every
/// line after the first indented by two spaces a level. Safe because
/// pretty JSON has no line breaks inside strings (they are escaped).
fn write_nested<T: Serialize>(out: &mut dyn Write, value: &T, depth: usize) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    let indent = "  ".repeat(depth);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            writeln!(out)?;
            out.write_all(indent.as_bytes())?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

impl Reporter for JsonReporter {
    fn outcome(&mut self, out: &mut dyn Write, outcome: &Outcome) -> io::Result<()> {
        if self.files_written == 0 {
            write!(
                out,
                "{{\n  \"version\": {},\n  \"files\": [\n    ",
                serde_json::to_string(OUTPUT_VERSION)?
            )?;
        } else {
            out.write_all(b",\n    ")?;
        }
        write_nested(out, &JsonFile::from_outcome(outcome), 2)?;
        self.files_written += 1;
        Ok(())
    }

    fn error(&mut self, _out: &mut dyn Write, error: &Error) -> io::Result<()> {
        self.errors.push(JsonError {
            message: error.to_string(),
        });
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.files_written == 0 {
            write!(
                out,
                "{{\n  \"version\": {},\n  \"files\": [],\n",
                serde_json::to_string(OUTPUT_VERSION)?
            )?;
        } else {
            out.write_all(b"\n  ],\n")?;
        }
        out.write_all(b"  \"errors\": ")?;
        write_nested(out, &std::mem::take(&mut self.errors), 1)?;
        writeln!(out, "\n}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{parse_article, InputFormat, ParseOptions};

    fn streamed(outcomes: &[Outcome], errors: &[Error]) -> String {
        let mut reporter = JsonReporter::default();
        let mut out = Vec::new();
        for outcome in outcomes {
            reporter.outcome(&mut out, outcome).unwrap();
        }
        for error in errors {
            reporter.error(&mut out, error).unwrap();
        }
        reporter.finish(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn whole(outcomes: &[Outcome], errors: &[Error]) -> String {
        let run = JsonRun {
            version: OUTPUT_VERSION,
            files: outcomes.iter().map(JsonFile::from_outcome).collect(),
            errors: errors.iter().map(|e| JsonError { message: e.to_string() }).collect(),
        };
        serde_json::to_string_pretty(&run).unwrap() + "\n"
    }

    #[test]
    fn streaming_writes_the_same_bytes_as_the_whole_object() {
        let text =
            "Bridge Opens\n\nThe mayor opened the \"new\" bridge.\n\nIt cost $4 million.\n\n- The mayor opened it.\n";
        let doc = parse_article("a.txt", text.into(), InputFormat::Text, &ParseOptions::default()).unwrap();
        let outcome = crate::check_document(&doc, &crate::options::CheckOptions::default());
        let error = Error::input("b.txt", "line one\nline two");
        for (outcomes, errors) in [
            (vec![], vec![]),
            (vec![outcome.clone()], vec![]),
            (vec![], vec![error]),
            (vec![outcome.clone(), outcome], vec![Error::input("c.txt", "bad")]),
        ] {
            assert_eq!(streamed(&outcomes, &errors), whole(&outcomes, &errors));
        }
    }
}
