//! The human format: each unit with its best sources and a word-level diff
//! against them, then the findings with the line, a caret under the span,
//! the body evidence and the suggestion.

use super::diff::{word_pieces, Piece};
use super::{round3, DisplayOptions, Reporter};
use crate::finding::{Finding, Severity};
use crate::outcome::{Outcome, UnitOutcome};
use colored::Colorize;
use std::io::{self, Write};

/// Characters of context shown around a finding's span.
const CONTEXT_CHARS: usize = 50;
/// A run of source words the unit leaves out longer than this is elided.
pub const MAX_DELETED_WORDS: usize = 8;

pub struct TextReporter {
    options: DisplayOptions,
    counts: [usize; 3],
    files: usize,
}

impl TextReporter {
    pub fn new(options: DisplayOptions) -> TextReporter {
        TextReporter {
            options,
            counts: [0; 3],
            files: 0,
        }
    }
}

fn severity_label(severity: Severity) -> colored::ColoredString {
    match severity {
        Severity::Error => "error".red().bold(),
        Severity::Warning => "warning".yellow().bold(),
        Severity::Info => "info".cyan().bold(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Reporter for TextReporter {
    fn outcome(&mut self, out: &mut dyn Write, outcome: &Outcome) -> io::Result<()> {
        self.files += 1;
        for f in &outcome.findings {
            self.counts[f.severity as usize] += 1;
        }
        let name = outcome.display_name();
        if !self.options.quiet {
            writeln!(
                out,
                "{}  score {:.2}  {}, {}",
                name.bold(),
                round3(outcome.score),
                plural(outcome.units.len(), "unit", "units"),
                plural(outcome.paragraphs.len(), "paragraph", "paragraphs")
            )?;
            for unit in &outcome.units {
                write_unit(out, unit, self.options.color)?;
            }
            let uncovered = outcome.uncovered_labels();
            if !uncovered.is_empty() {
                writeln!(
                    out,
                    "  {} {}",
                    "not covered by the summary:".dimmed(),
                    uncovered.join(", ")
                )?;
            }
            writeln!(out)?;
        }
        for finding in &outcome.findings {
            write_finding(out, outcome, finding)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let [info, warning, error] = self.counts;
        let line = format!(
            "{}, {}, {} in {}",
            plural(error, "error", "errors"),
            plural(warning, "warning", "warnings"),
            plural(info, "info", "infos"),
            plural(self.files, "document", "documents")
        );
        writeln!(out, "{}", line.bold())
    }
}

fn write_unit(out: &mut dyn Write, unit: &UnitOutcome, color: bool) -> io::Result<()> {
    let support = format!("{:.2}", round3(unit.support));
    let support = if unit.support >= 0.75 {
        support.green()
    } else if unit.support >= 0.5 {
        support.yellow()
    } else {
        support.red()
    };
    writeln!(
        out,
        "  {} {} {}:{}  support {}",
        unit.kind.as_str().bold(),
        unit.id.dimmed(),
        unit.span.line,
        unit.span.column,
        support
    )?;
    writeln!(out, "    {}", one_line(&unit.text))?;
    if unit.sources.is_empty() {
        writeln!(out, "    {}", "no body sentence supports this unit".red())?;
        return Ok(());
    }
    for source in &unit.sources {
        let sentences: Vec<String> = source
            .sentences
            .iter()
            .map(|s| format!("s{} line {}", s.sentence, s.span.line))
            .collect();
        writeln!(
            out,
            "    {} ¶{} ({}) {:.2}",
            "←".dimmed(),
            source.paragraph,
            sentences.join(", "),
            round3(source.score)
        )?;
    }
    writeln!(
        out,
        "    {} {}",
        "diff:".dimmed(),
        word_diff(&unit.source_text(), &one_line(&unit.text), color)
    )?;
    Ok(())
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A word-level diff of the unit against its source text: words the unit
/// adds are marked `{+…+}` (green), source words it leaves out `[-…-]`
/// (red); a long left-out run is elided to its word count.
pub fn word_diff(source: &str, unit: &str, color: bool) -> String {
    let mut out: Vec<String> = Vec::new();
    for piece in word_pieces(source, unit) {
        out.push(match &piece {
            Piece::Same(text) => text.clone(),
            Piece::Deleted(text) => {
                let removed = piece.word_count();
                let shown = if removed > MAX_DELETED_WORDS {
                    format!("… {removed} words …")
                } else {
                    text.clone()
                };
                if color {
                    shown.red().strikethrough().to_string()
                } else {
                    format!("[-{shown}-]")
                }
            }
            Piece::Inserted(text) => {
                if color {
                    text.green().bold().to_string()
                } else {
                    format!("{{+{text}+}}")
                }
            }
        });
    }
    out.join(" ")
}

fn write_finding(out: &mut dyn Write, outcome: &Outcome, finding: &Finding) -> io::Result<()> {
    let path = finding.path.clone().unwrap_or_else(|| outcome.display_name());
    writeln!(
        out,
        "{}{} {}:{}:{}: {}",
        severity_label(finding.severity),
        format!("[{}]", finding.rule).bold(),
        path,
        finding.span.line,
        finding.span.column,
        finding.message
    )?;
    if !finding.text.is_empty() {
        let text = one_line(&finding.text);
        let (before, shown, after) = clip(&text);
        writeln!(out, "   {} {}{}{}", "|".blue(), before, shown.bold(), after)?;
    }
    if let Some(unit) = &finding.unit {
        writeln!(out, "   {} unit {}", "=".blue(), unit)?;
    }
    for evidence in &finding.evidence {
        let where_ = match evidence.paragraph {
            Some(p) => format!("¶{} line {}", p, evidence.span.line),
            None => format!("line {}", evidence.span.line),
        };
        writeln!(
            out,
            "   {} {} ({}): {}",
            "=".blue(),
            evidence.note,
            where_,
            clip_long(&one_line(&evidence.text))
        )?;
    }
    if let Some(suggestion) = &finding.suggestion {
        // An empty suggestion replaces the span with nothing: a deletion.
        let suggestion = if suggestion.is_empty() {
            format!("delete \"{}\"", one_line(&finding.text))
        } else {
            suggestion.clone()
        };
        writeln!(out, "   {} {} {}", "=".blue(), "suggestion:".green(), suggestion)?;
    }
    Ok(())
}

/// The flagged text, clipped to a readable length.
fn clip(text: &str) -> (String, String, String) {
    (String::new(), clip_long(text), String::new())
}

fn clip_long(text: &str) -> String {
    let limit = CONTEXT_CHARS * 4;
    if text.chars().count() <= limit {
        text.to_string()
    } else {
        let cut: String = text.chars().take(limit).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_marks_added_and_dropped_words() {
        let diff = word_diff(
            "The mayor opened the bridge on Monday.",
            "The mayor opened the new bridge today.",
            false,
        );
        assert_eq!(diff, "The mayor opened the {+new+} bridge [-on Monday.-] {+today.+}");
    }

    #[test]
    fn long_left_out_runs_are_elided() {
        let source = "one two three four five six seven eight nine ten eleven twelve kept";
        assert_eq!(word_diff(source, "kept", false), "[-… 12 words …-] kept");
    }
}
