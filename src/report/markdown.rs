//! `--format markdown`: a compact report to post as a pull-request comment.
//!
//! A headline with the severity counts, then per document a table of the
//! summary units (id, kind, line, support, sources, the start of the text),
//! the paragraphs no unit covers, and a table of findings (severity, rule,
//! location, message with its evidence, suggestion). Article text is
//! escaped so it cannot break the table, turn into markup, or mention
//! someone (`@name`) in the comment. Streams one document at a time; the
//! totals come last.

use super::{clip, one_line, plural, round3, severity_counts, DisplayOptions, Reporter};
use crate::finding::{Finding, Severity};
use crate::outcome::{Outcome, UnitOutcome};
use std::io::{self, Write};

/// Characters of a unit's text shown in the table.
const UNIT_TEXT_CHARS: usize = 70;
/// Characters of evidence shown under a finding.
const EVIDENCE_CHARS: usize = 140;

pub struct MarkdownReporter {
    options: DisplayOptions,
    counts: [usize; 3],
    documents: usize,
}

impl MarkdownReporter {
    pub fn new(options: DisplayOptions) -> MarkdownReporter {
        MarkdownReporter {
            options,
            counts: [0; 3],
            documents: 0,
        }
    }
}

/// Article text made inert in Markdown: one line, every character with a
/// meaning in CommonMark or GitHub tables backslash-escaped, and `@` kept
/// from becoming a mention.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        match c {
            c if needs_escape(c) => {
                out.push('\\');
                out.push(c);
            }
            // A word joiner after `@` stops GitHub from notifying a user.
            '@' => out.push_str("@\u{2060}"),
            _ => out.push(c),
        }
    }
    out
}

/// Punctuation that can start or end markup; the rest (`.`, `'`, `-`…)
/// only matters at the start of a line, which a table cell never is.
fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' | '&' | '$'
    )
}

fn severity_badge(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "❌ error",
        Severity::Warning => "⚠️ warning",
        Severity::Info => "ℹ️ info",
    }
}

fn support_badge(support: f64) -> String {
    let mark = if support >= 0.75 {
        "🟢"
    } else if support >= 0.5 {
        "🟡"
    } else {
        "🔴"
    };
    format!("{mark} {:.2}", round3(support))
}

fn sources_cell(unit: &UnitOutcome) -> String {
    if unit.sources.is_empty() {
        return "none".into();
    }
    unit.sources
        .iter()
        .map(|s| {
            let sentences: Vec<String> = s.sentences.iter().map(|ss| format!("s{}", ss.sentence)).collect();
            format!("¶{} {} ({:.2})", s.paragraph, sentences.join(" "), round3(s.score))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn finding_row(outcome: &Outcome, finding: &Finding) -> String {
    let path = finding.path.clone().unwrap_or_else(|| outcome.display_name());
    let mut message = escape(&finding.message);
    if let Some(unit) = &finding.unit {
        message.push_str(&format!(" (unit {})", escape(unit)));
    }
    for evidence in &finding.evidence {
        let place = match evidence.paragraph {
            Some(p) => format!("¶{p} line {}", evidence.span.line),
            None => format!("line {}", evidence.span.line),
        };
        message.push_str(&format!(
            "<br>↳ {} ({place}): “{}”",
            escape(&evidence.note),
            escape(&clip(&one_line(&evidence.text), EVIDENCE_CHARS))
        ));
    }
    let suggestion = finding.suggestion.as_deref().map(escape).unwrap_or_default();
    format!(
        "| {} | `{}` | {}:{}:{} | {} | {} |",
        severity_badge(finding.severity),
        finding.rule,
        escape(&path),
        finding.span.line,
        finding.span.column,
        message,
        suggestion
    )
}

impl Reporter for MarkdownReporter {
    fn outcome(&mut self, out: &mut dyn Write, outcome: &Outcome) -> io::Result<()> {
        self.documents += 1;
        let counts = severity_counts(&outcome.findings);
        for (total, n) in self.counts.iter_mut().zip(counts) {
            *total += n;
        }
        let [info, warning, error] = counts;
        writeln!(
            out,
            "### {} · score {:.2} · {}, {}, {}\n",
            escape(&outcome.display_name()),
            round3(outcome.score),
            plural(error, "error", "errors"),
            plural(warning, "warning", "warnings"),
            plural(info, "info", "infos"),
        )?;
        if !self.options.quiet && !outcome.units.is_empty() {
            writeln!(out, "| Unit | Kind | Line | Support | Sources | Text |")?;
            writeln!(out, "| --- | --- | ---: | ---: | --- | --- |")?;
            for unit in &outcome.units {
                writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    escape(&unit.id),
                    unit.kind.as_str(),
                    unit.span.line,
                    support_badge(unit.support),
                    sources_cell(unit),
                    escape(&clip(&one_line(&unit.text), UNIT_TEXT_CHARS))
                )?;
            }
            writeln!(out)?;
            let uncovered = outcome.uncovered_labels();
            if !uncovered.is_empty() {
                writeln!(out, "Not covered by the summary: {}\n", uncovered.join(", "))?;
            }
        }
        if !outcome.findings.is_empty() {
            writeln!(out, "| Severity | Rule | Location | Message | Suggestion |")?;
            writeln!(out, "| --- | --- | --- | --- | --- |")?;
            for finding in &outcome.findings {
                writeln!(out, "{}", finding_row(outcome, finding))?;
            }
            writeln!(out)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let [info, warning, error] = self.counts;
        writeln!(
            out,
            "**sumlint:** {}, {}, {} in {}",
            plural(error, "error", "errors"),
            plural(warning, "warning", "warnings"),
            plural(info, "info", "infos"),
            plural(self.documents, "document", "documents")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    /// The text a Markdown renderer shows for `markdown`, and whether any
    /// markup other than plain text came out of it.
    fn rendered_text(markdown: &str) -> (String, Vec<String>) {
        let mut text = String::new();
        let mut markup = Vec::new();
        for event in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
                other => markup.push(format!("{other:?}")),
            }
        }
        (text, markup)
    }

    #[test]
    fn escaped_text_renders_as_itself_without_markup() {
        let nasty = "a | b <script>alert(1)</script> *bold* _it_ [link](x) `code` ~~s~~ &amp; \\ # !";
        let (text, markup) = rendered_text(&escape(nasty));
        assert_eq!(text, nasty);
        assert!(markup.is_empty(), "{markup:?}");
    }

    #[test]
    fn evidence_and_suggestion_stay_in_their_cells() {
        use crate::finding::Evidence;
        use crate::span::Span;
        let rule = &crate::checks::coverage::UNCOVERED_PARAGRAPH;
        let span = Span {
            start: 0,
            end: 3,
            line: 9,
            column: 3,
            end_line: 9,
            end_column: 6,
        };
        let finding = Finding::new(rule, span, "$40", "the body says $50 | not $40")
            .with_suggestion("$50")
            .with_evidence(Evidence {
                paragraph: Some(2),
                span: Span { line: 4, ..span },
                text: "It cost\n$50 million.".into(),
                note: "the body says".into(),
            });
        let outcome = Outcome {
            path: "a.txt".into(),
            id: None,
            record_line: None,
            score: 1.0,
            units: Vec::new(),
            paragraphs: Vec::new(),
            findings: vec![finding.clone()],
        };
        let row = finding_row(&outcome, &finding);
        assert_eq!(
            row,
            "| ℹ️ info | `coverage/uncovered-paragraph` | a.txt:9:3 | the body says \\$50 \\| not \\$40<br>↳ the body says (¶2 line 4): “It cost \\$50 million.” | \\$50 |"
        );
        let table = format!("| a | b | c | d | e |\n| - | - | - | - | - |\n{row}\n");
        let cells = Parser::new_ext(&table, Options::ENABLE_TABLES)
            .filter(|e| matches!(e, Event::Start(Tag::TableCell)))
            .count();
        assert_eq!(cells, 10);
    }

    #[test]
    fn mentions_are_broken() {
        assert_eq!(escape("ask @editor"), "ask @\u{2060}editor");
    }

    #[test]
    fn a_pipe_in_text_does_not_add_a_cell() {
        let table = format!("| A | B |\n| --- | --- |\n| {} | x |\n", escape("one | two"));
        let cells = Parser::new_ext(&table, Options::ENABLE_TABLES)
            .filter(|e| matches!(e, Event::Start(Tag::TableCell)))
            .count();
        assert_eq!(cells, 4);
    }
}
