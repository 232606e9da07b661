//! `--format json`: one object for the run, `{"version", "files": [...]}`,
//! as DESIGN.md specifies. The serialized types are defined here, apart
//! from the internal ones, so the output stays stable while internals
//! change.

use super::{round3, Reporter};
use crate::checks::duplication::Extractiveness;
use crate::error::Error;
use crate::outcome::Outcome;
use schemars::JsonSchema;
use serde::Serialize;
use std::io::{self, Write};

/// Version of the JSON output shape.
pub const OUTPUT_VERSION: &str = "1";

/// The output of `sumlint check --format json`: the whole run.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "sumlint output")]
pub struct JsonRun {
    /// Version of this output shape; changes only when a field is removed or changes meaning.
    #[schemars(extend("const" = "1"))]
    pub version: &'static str,
    /// One entry per checked document (a JSON/JSONL batch gives one per record).
    pub files: Vec<JsonFile>,
    /// Inputs that could not be checked.
    pub errors: Vec<JsonError>,
}

/// An input that could not be checked (also printed on standard error).
#[derive(Serialize, JsonSchema)]
pub struct JsonError {
    /// What was wrong, naming the file (and line) and what to do.
    pub message: String,
}

/// One checked document; with `--format jsonl`, one line of the output.
#[derive(Serialize, JsonSchema)]
pub struct JsonFile {
    /// The file, as given on the command line (`<stdin>` for standard input).
    pub path: String,
    /// The record id, for a document from a JSON or JSONL batch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The 1-based line of the record in a JSONL batch. Positions in a record
    /// count in the record's text: headline, dek, body, then the summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_line: Option<usize>,
    /// Document consistency in [0, 1], higher is better.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub score: f64,
    /// The summary units, in document order.
    pub summary: Vec<JsonUnit>,
    /// The body paragraphs and the summary units that draw on each.
    pub paragraphs: Vec<JsonParagraph>,
    /// Findings, in file order.
    pub findings: Vec<JsonFinding>,
}

/// A summary unit: a bullet, a summary sentence, the headline or the dek.
#[derive(Serialize, JsonSchema)]
pub struct JsonUnit {
    /// Stable within a document: `headline`, `dek`, `b1`…, `s1`….
    pub id: String,
    #[schemars(extend("enum" = ["headline", "dek", "bullet", "sentence"]))]
    pub kind: &'static str,
    /// 1-based.
    #[schemars(range(min = 1))]
    pub line: usize,
    /// 1-based, in Unicode characters.
    #[schemars(range(min = 1))]
    pub column: usize,
    /// The unit exactly as in the file.
    pub text: String,
    /// How well the body supports the unit, in [0, 1].
    #[schemars(range(min = 0.0, max = 1.0))]
    pub support: f64,
    /// The body paragraphs the unit came from, best first.
    pub sources: Vec<JsonSource>,
    pub extractiveness: JsonExtractiveness,
}

/// Grusky et al. (2018) fragment measures of a unit against the body.
#[derive(Serialize, JsonSchema)]
pub struct JsonExtractiveness {
    pub coverage: f64,
    pub density: f64,
    pub compression: f64,
}

impl JsonExtractiveness {
    /// The measures, rounded. (The CLI measures them for every JSON run; a
    /// library caller that left them out gets zeros here.)
    fn of(measures: Extractiveness) -> JsonExtractiveness {
        JsonExtractiveness {
            coverage: round3(measures.coverage),
            density: round3(measures.density),
            compression: round3(measures.compression),
        }
    }
}

/// A body paragraph a unit draws on.
#[derive(Serialize, JsonSchema)]
pub struct JsonSource {
    /// 1-based body paragraph.
    #[schemars(range(min = 1))]
    pub paragraph: usize,
    /// The paragraph's first line.
    #[schemars(range(min = 1))]
    pub line: usize,
    /// The share of the unit's content this paragraph supplies, in [0, 1].
    #[schemars(range(min = 0.0, max = 1.0))]
    pub score: f64,
    /// The paragraph's sentences the unit draws on, best first.
    pub sentences: Vec<JsonSentence>,
}

/// A body sentence a unit draws on.
#[derive(Serialize, JsonSchema)]
pub struct JsonSentence {
    /// 1-based within the paragraph.
    #[schemars(range(min = 1))]
    pub sentence: usize,
    #[schemars(range(min = 1))]
    pub line: usize,
    #[schemars(range(min = 1))]
    pub column: usize,
    /// How much of the unit's content this sentence supplies, in [0, 1].
    #[schemars(range(min = 0.0, max = 1.0))]
    pub score: f64,
    /// The sentence, with its whitespace made single spaces.
    pub text: String,
}

/// A body paragraph and the summary units that draw on it.
#[derive(Serialize, JsonSchema)]
pub struct JsonParagraph {
    /// 1-based.
    #[schemars(range(min = 1))]
    pub paragraph: usize,
    #[schemars(range(min = 1))]
    pub line: usize,
    /// Ids of the bullets and summary sentences that draw on the paragraph; empty when none does.
    pub covered_by: Vec<String>,
}

/// Something an editor must look at.
#[derive(Serialize, JsonSchema)]
pub struct JsonFinding {
    /// `family/name`; `sumlint explain RULE` says what it checks.
    #[schemars(regex(pattern = r"^[a-z]+/[a-z0-9-]+$"))]
    pub rule: &'static str,
    #[schemars(extend("enum" = ["error", "warning", "info"]))]
    pub severity: &'static str,
    /// The file the finding is in, when it is not the document's (`--summary`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Start of the flagged text, 1-based.
    #[schemars(range(min = 1))]
    pub line: usize,
    /// 1-based, in Unicode characters.
    #[schemars(range(min = 1))]
    pub column: usize,
    #[schemars(range(min = 1))]
    pub end_line: usize,
    /// The column just past the flagged text (exclusive).
    #[schemars(range(min = 1))]
    pub end_column: usize,
    /// What is wrong and what was expected.
    pub message: String,
    /// The flagged text, exactly as in the file.
    pub text: String,
    /// A replacement or fix, when there is one.
    pub suggestion: Option<String>,
    /// The id of the summary unit the finding is about.
    pub unit: Option<String>,
    /// Body text that supports (or contradicts) the finding.
    pub evidence: Vec<JsonEvidence>,
}

/// Text a finding rests on, with where it is.
#[derive(Serialize, JsonSchema)]
pub struct JsonEvidence {
    /// 1-based body paragraph, when the evidence is body text.
    #[schemars(range(min = 1))]
    pub paragraph: Option<usize>,
    #[schemars(range(min = 1))]
    pub line: usize,
    #[schemars(range(min = 1))]
    pub column: usize,
    #[schemars(range(min = 1))]
    pub end_line: usize,
    #[schemars(range(min = 1))]
    pub end_column: usize,
    pub text: String,
    /// What the evidence shows (`the body says`, `also spelled`).
    pub note: String,
}

/// The JSON Schema of `--format json` output, generated from the types above.
pub fn output_schema() -> serde_json::Value {
    schemars::schema_for!(JsonRun).to_value()
}

/// The JSON Schema of one line of `--format jsonl` output.
pub fn jsonl_line_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(JsonFile).to_value();
    if let Some(object) = schema.as_object_mut() {
        object.insert("title".into(), "sumlint output line (jsonl)".into());
    }
    schema
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
                                    score: round3(ss.score.unwrap_or_default()),
                                    text: ss.text.clone(),
                                })
                                .collect(),
                        })
                        .collect(),
                    extractiveness: JsonExtractiveness::of(u.extractiveness.unwrap_or_default()),
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
