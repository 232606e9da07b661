//! The human format: each unit with its best sources and a word-level diff
//! against them, then the findings with the line, a caret under the span,
//! the body evidence and the suggestion.

use super::diff::{word_pieces, Piece};
use super::{round3, DisplayOptions, Reporter};
use crate::finding::{Finding, Severity};
use crate::outcome::{squash_whitespace, squash_whitespace_cow, Outcome, UnitOutcome};
use colored::Colorize;
use std::borrow::Cow;
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
            write_finding(out, outcome, finding, self.options.color)?;
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
    squash_whitespace(text)
}

/// A word-level diff of the unit against its source text: words the unit
/// adds are marked `{+…+}` (green), source words it leaves out `[-…-]`
/// (red); a long left-out run is elided to its word count.
pub fn word_diff(source: &str, unit: &str, color: bool) -> String {
    // Built in one string (the pieces joined by spaces), with no string
    // per piece but where colour is on.
    let mut out = String::with_capacity(source.len() + unit.len() + 16);
    for (i, piece) in word_pieces(source, unit).iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match piece {
            Piece::Same(text) => out.push_str(text),
            Piece::Deleted(text) => {
                let removed = piece.word_count();
                let shown: Cow<'_, str> = if removed > MAX_DELETED_WORDS {
                    Cow::Owned(format!("… {removed} words …"))
                } else {
                    Cow::Borrowed(text)
                };
                if color {
                    out.push_str(&shown.red().strikethrough().to_string());
                } else {
                    out.push_str("[-");
                    out.push_str(&shown);
                    out.push_str("-]");
                }
            }
            Piece::Inserted(text) => {
                if color {
                    out.push_str(&text.green().bold().to_string());
                } else {
                    out.push_str("{+");
                    out.push_str(text);
                    out.push_str("+}");
                }
            }
        }
    }
    out
}

/// `text` in `paint`'s style when colour is on, as it is otherwise: with
/// colour off nothing is built (a `ColoredString` without colour prints
/// its text as it is).
enum Styled<'a> {
    Plain(&'a str),
    Painted(colored::ColoredString),
}

impl std::fmt::Display for Styled<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Styled::Plain(text) => f.write_str(text),
            Styled::Painted(text) => text.fmt(f),
        }
    }
}

fn styled(color: bool, text: &str, paint: impl FnOnce(&str) -> colored::ColoredString) -> Styled<'_> {
    if color {
        Styled::Painted(paint(text))
    } else {
        Styled::Plain(text)
    }
}

/// `text` on one line, borrowed when it already is (evidence texts are
/// squashed when they are made), so most findings copy nothing.
fn squashed(text: &str) -> Cow<'_, str> {
    squash_whitespace_cow(text)
}

fn write_finding(out: &mut dyn Write, outcome: &Outcome, finding: &Finding, color: bool) -> io::Result<()> {
    let label = if color {
        Styled::Painted(severity_label(finding.severity))
    } else {
        Styled::Plain(finding.severity.as_str())
    };
    if color {
        write!(out, "{}{}", label, format!("[{}]", finding.rule).bold())?;
    } else {
        write!(out, "{}[{}]", label, finding.rule)?;
    }
    match &finding.path {
        Some(path) => write!(out, " {path}")?,
        None => match &outcome.id {
            Some(id) => write!(out, " {}#{}", outcome.path, id)?,
            None => write!(out, " {}", outcome.path)?,
        },
    }
    writeln!(
        out,
        ":{}:{}: {}",
        finding.span.line, finding.span.column, finding.message
    )?;
    let blue = |text| styled(color, text, |t| t.blue());
    if !finding.text.is_empty() {
        let shown = squashed_clipped(&finding.text);
        writeln!(out, "   {} {}", blue("|"), styled(color, &shown, |t| t.bold()))?;
    }
    if let Some(unit) = &finding.unit {
        writeln!(out, "   {} unit {}", blue("="), unit)?;
    }
    for evidence in &finding.evidence {
        write!(out, "   {} {} (", blue("="), evidence.note)?;
        match evidence.paragraph {
            Some(p) => write!(out, "¶{} line {}", p, evidence.span.line)?,
            None => write!(out, "line {}", evidence.span.line)?,
        }
        writeln!(out, "): {}", squashed_clipped(&evidence.text))?;
    }
    if let Some(suggestion) = &finding.suggestion {
        write!(out, "   {} {} ", blue("="), styled(color, "suggestion:", |t| t.green()))?;
        // An empty suggestion replaces the span with nothing: a deletion.
        if suggestion.is_empty() {
            writeln!(out, "delete \"{}\"", squashed(&finding.text))?;
        } else {
            writeln!(out, "{suggestion}")?;
        }
    }
    Ok(())
}

/// [`clip_long`] of [`squashed`] `text`, squashing no more of a long text
/// than the clipped text shows: a finding's text or evidence is often a
/// whole paragraph, and squashing all of it cost more than writing the
/// finding. (Squashing only drops whitespace, so the squashed start of a
/// text is the start of the squashed text.)
fn squashed_clipped(text: &str) -> Cow<'_, str> {
    let limit = CONTEXT_CHARS * 4;
    // Twice the characters shown: enough unless the start is mostly
    // whitespace, and then the whole text is squashed.
    if text.len() > 2 * limit {
        let mut cut = 2 * limit;
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        let head = squashed(&text[..cut]);
        if let Some((shown, _)) = head.char_indices().nth(limit) {
            return Cow::Owned(format!("{}…", &head[..shown]));
        }
    }
    match squashed(text) {
        Cow::Borrowed(text) => clip_long(text),
        Cow::Owned(text) => Cow::Owned(clip_long(&text).into_owned()),
    }
}

/// The flagged text, clipped to a readable length; borrowed when it is
/// short enough (a string of at most `limit` bytes has at most `limit`
/// characters).
fn clip_long(text: &str) -> Cow<'_, str> {
    let limit = CONTEXT_CHARS * 4;
    if text.len() <= limit {
        return Cow::Borrowed(text);
    }
    // Where the character after the first `limit` starts: byte `limit`
    // when those bytes are ASCII (most evidence is a long paragraph, and
    // stepping through it a character at a time cost more than writing the
    // finding), found character by character otherwise.
    let cut = if text.as_bytes()[..limit].is_ascii() {
        Some(limit)
    } else {
        text.char_indices().nth(limit).map(|(cut, _)| cut)
    };
    match cut {
        None => Cow::Borrowed(text),
        Some(cut) => Cow::Owned(format!("{}…", &text[..cut])),
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
    fn squashed_borrows_only_text_that_squashing_leaves_unchanged() {
        for text in [
            "",
            "one two",
            " one",
            "one ",
            "one  two",
            "one\ttwo",
            "  ",
            "\n",
            "one\x0btwo",
            "one\u{a0}two",
            "one\u{3000}two",
            "caf\u{e9} \u{2014} ok",
        ] {
            let squashed = squashed(text);
            assert_eq!(
                squashed,
                text.split_whitespace().collect::<Vec<_>>().join(" "),
                "{text:?}"
            );
            assert_eq!(matches!(squashed, Cow::Borrowed(_)), squashed == text, "{text:?}");
        }
    }

    #[test]
    fn clip_long_cuts_at_a_character_count() {
        let short = "é".repeat(CONTEXT_CHARS * 4);
        assert_eq!(clip_long(&short), short);
        let long = "é".repeat(CONTEXT_CHARS * 4 + 1);
        assert_eq!(clip_long(&long), format!("{short}…"));
        // ASCII up to the cut (the fast path), and a character that is not
        // just before, at or after it.
        let limit = CONTEXT_CHARS * 4;
        for text in [
            "a".repeat(limit + 1),
            format!("{}é", "a".repeat(limit - 1)),
            format!("{}é", "a".repeat(limit)),
            format!("{}éb", "a".repeat(limit)),
            format!("{}éb", "a".repeat(limit - 1)),
        ] {
            let expected: String = text.chars().take(limit).collect();
            let expected = if expected.len() == text.len() {
                text.clone()
            } else {
                format!("{expected}…")
            };
            assert_eq!(clip_long(&text), expected, "{text:?}");
        }
    }

    proptest::proptest! {
        /// Squashing only as much as is shown gives what squashing all
        /// and clipping gives, on texts of words, runs of (Unicode)
        /// whitespace and multi-byte characters around the cut.
        #[test]
        fn squashing_what_is_shown_is_clipping_the_squashed(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    "[a-zé—]{1,12}",
                    proptest::strategy::Just(" ".to_string()),
                    "[ \t\n\u{a0}\u{2003}\u{3000}]{1,6}",
                ],
                0..200,
            )
        ) {
            let text: String = pieces.concat();
            let all = squashed(&text);
            proptest::prop_assert_eq!(squashed_clipped(&text), clip_long(&all));
        }
    }

    #[test]
    fn squashed_clipped_at_the_edges() {
        let limit = CONTEXT_CHARS * 4;
        for text in [
            String::new(),
            "a ".repeat(limit),
            "a ".repeat(limit + 1),
            "ab ".repeat(limit),
            format!("{}{}", " ".repeat(2 * limit), "word ".repeat(limit)),
            format!("{}{}", "\u{3000}".repeat(limit), "wörd  ".repeat(limit)),
            "é".repeat(3 * limit),
            format!("{}é{}", "a".repeat(2 * limit - 1), "b".repeat(limit)),
            "a\n".repeat(limit + 1),
        ] {
            let all = squashed(&text);
            assert_eq!(squashed_clipped(&text), clip_long(&all), "{text:?}");
        }
    }

    #[test]
    fn long_left_out_runs_are_elided() {
        let source = "one two three four five six seven eight nine ten eleven twelve kept";
        assert_eq!(word_diff(source, "kept", false), "[-… 12 words …-] kept");
    }
}
