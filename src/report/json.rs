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
    pub extractiveness: JsonExtractiveness,
}

/// Grusky et al. (2018) fragment measures of a unit against the body.
#[derive(Serialize)]
pub struct JsonExtractiveness {
    pub coverage: f64,
    pub density: f64,
    pub compression: f64,
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
                    extractiveness: JsonExtractiveness {
                        coverage: round3(u.extractiveness.coverage),
                        density: round3(u.extractiveness.density),
                        compression: round3(u.extractiveness.compression),
                    },
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

#[derive(Default)]
pub struct JsonReporter {
    files: Vec<JsonFile>,
    errors: Vec<JsonError>,
}

impl Reporter for JsonReporter {
    fn outcome(&mut self, _out: &mut dyn Write, outcome: &Outcome) -> io::Result<()> {
        self.files.push(JsonFile::from_outcome(outcome));
        Ok(())
    }

    fn error(&mut self, _out: &mut dyn Write, error: &Error) -> io::Result<()> {
        self.errors.push(JsonError {
            message: error.to_string(),
        });
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let run = JsonRun {
            version: OUTPUT_VERSION,
            files: std::mem::take(&mut self.files),
            errors: std::mem::take(&mut self.errors),
        };
        serde_json::to_writer_pretty(&mut *out, &run)?;
        writeln!(out)
    }
}
