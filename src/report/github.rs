//! `--format github`: GitHub Actions workflow commands, so findings show as
//! annotations on the pull request's changed files:
//!
//! ```text
//! ::warning file=a.md,line=3,col=5,endLine=3,endColumn=12,title=drift/number::message
//! ```
//!
//! Values are escaped as the runner unescapes them: in the message `%`,
//! `\r` and `\n`; in properties also `:` and `,`. The runner rejects
//! `col`/`endColumn` on a span over several lines, so those carry lines
//! only. Evidence and the suggestion follow the message on lines of their
//! own (an annotation shows them). Streams: each document as it is checked.

use super::{locate, one_line, Region, Reporter};
use crate::error::Error;
use crate::finding::{Finding, Severity};
use crate::outcome::Outcome;
use std::io::{self, Write};

pub struct GithubReporter;

/// The workflow command for a severity (`info` is a notice).
pub fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Escapes the data (message) part of a workflow command.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value (file, title) of a workflow command.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn annotation(outcome: &Outcome, finding: &Finding) -> String {
    let (path, region) = locate(outcome, finding.path.as_deref(), &finding.span);
    let mut properties = vec![format!("file={}", escape_property(&path))];
    match region {
        Region::Span(span) => {
            properties.push(format!("line={}", span.line));
            if span.end_line == span.line {
                properties.push(format!("col={}", span.column));
                properties.push(format!("endLine={}", span.end_line));
                properties.push(format!("endColumn={}", span.end_column.max(span.column)));
            } else {
                properties.push(format!("endLine={}", span.end_line));
            }
        }
        Region::Line(line) => properties.push(format!("line={line}")),
        Region::File => {}
    }
    properties.push(format!(
        "title={}",
        escape_property(&format!("sumlint {}", finding.rule))
    ));
    let mut message = String::new();
    if let Some(id) = &outcome.id {
        // In a batch the annotation sits on the record; say where in it.
        message.push_str(&format!(
            "record {id}, {}:{} of its text: ",
            finding.span.line, finding.span.column
        ));
    }
    message.push_str(&finding.message);
    if let Some(unit) = &finding.unit {
        message.push_str(&format!(" (unit {unit})"));
    }
    for evidence in &finding.evidence {
        let place = match evidence.paragraph {
            Some(p) => format!("¶{p} line {}", evidence.span.line),
            None => format!("line {}", evidence.span.line),
        };
        message.push_str(&format!("\n{} ({place}): {}", evidence.note, one_line(&evidence.text)));
    }
    if let Some(suggestion) = &finding.suggestion {
        message.push_str(&format!("\nsuggestion: {suggestion}"));
    }
    format!(
        "::{} {}::{}",
        command(finding.severity),
        properties.join(","),
        escape_data(&message)
    )
}

impl Reporter for GithubReporter {
    fn outcome(&mut self, out: &mut dyn Write, outcome: &Outcome) -> io::Result<()> {
        for finding in &outcome.findings {
            writeln!(out, "{}", annotation(outcome, finding))?;
        }
        Ok(())
    }

    /// An input that could not be checked is an error annotation too, so
    /// the pull request shows why the check failed.
    fn error(&mut self, out: &mut dyn Write, error: &Error) -> io::Result<()> {
        let mut properties = Vec::new();
        if let Some((path, line)) = error.location() {
            properties.push(format!("file={}", escape_property(&path)));
            properties.extend(line.map(|line| format!("line={line}")));
        }
        properties.push(format!("title={}", escape_property("sumlint input error")));
        writeln!(
            out,
            "::error {}::{}",
            properties.join(","),
            escape_data(&error.to_string())
        )
    }

    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Evidence;
    use crate::span::Span;

    fn outcome_with(finding: Finding) -> Outcome {
        Outcome {
            path: "news/a, b: c.md".into(),
            id: None,
            record_line: None,
            score: 1.0,
            units: Vec::new(),
            paragraphs: Vec::new(),
            findings: vec![finding],
        }
    }

    fn span(line: usize, column: usize, end_line: usize, end_column: usize) -> Span {
        Span {
            start: 0,
            end: 1,
            line,
            column,
            end_line,
            end_column,
        }
    }

    #[test]
    fn escapes_as_the_runner_unescapes() {
        assert_eq!(escape_data("100% sure\r\nnext"), "100%25 sure%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn one_line_span_has_columns_and_evidence_follows_the_message() {
        let rule = &crate::checks::coverage::UNCOVERED_PARAGRAPH;
        let finding = Finding::new(rule, span(3, 5, 3, 12), "text", "50% of it, wrong")
            .with_unit("b1")
            .with_suggestion("say 40%")
            .with_evidence(Evidence {
                paragraph: Some(2),
                span: span(7, 1, 7, 20),
                text: "The body\nsays 40%.".into(),
                note: "the body says".into(),
            });
        let line = annotation(&outcome_with(finding.clone()), &finding);
        assert_eq!(
            line,
            "::notice file=news/a%2C b%3A c.md,line=3,col=5,endLine=3,endColumn=12,title=sumlint coverage/uncovered-paragraph::50%25 of it, wrong (unit b1)%0Athe body says (¶2 line 7): The body says 40%25.%0Asuggestion: say 40%25"
        );
    }

    #[test]
    fn multi_line_span_has_lines_only() {
        let rule = &crate::checks::coverage::UNCOVERED_PARAGRAPH;
        let finding = Finding::new(rule, span(3, 5, 6, 2), "text", "m");
        let line = annotation(&outcome_with(finding.clone()), &finding);
        assert!(
            line.starts_with("::notice file=news/a%2C b%3A c.md,line=3,endLine=6,title="),
            "{line}"
        );
    }
}
