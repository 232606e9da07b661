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
    /// An outcome's findings, formatted (reused from one outcome to the
    /// next): one write of the whole instead of a formatted write per
    /// piece through the output's `dyn Write`.
    findings: String,
}

impl TextReporter {
    pub fn new(options: DisplayOptions) -> TextReporter {
        TextReporter {
            options,
            counts: [0; 3],
            files: 0,
            findings: String::new(),
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
        self.findings.clear();
        if !self.options.quiet && !self.options.color {
            push_units(&mut self.findings, outcome);
        } else if !self.options.quiet {
            write_units(out, outcome, self.options.color)?;
        }
        for finding in &outcome.findings {
            push_finding(&mut self.findings, outcome, finding, self.options.color);
        }
        out.write_all(self.findings.as_bytes())
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

/// The outcome's heading, units and uncovered paragraphs, written in
/// pieces (with colour on; [`push_units`] pushes the same text without).
fn write_units(out: &mut dyn Write, outcome: &Outcome, color: bool) -> io::Result<()> {
    // (Made only here: with `--quiet`, a string per outcome unused.)
    let name = outcome.display_name();
    writeln!(
        out,
        "{}  score {:.2}  {}, {}",
        name.bold(),
        round3(outcome.score),
        plural(outcome.units.len(), "unit", "units"),
        plural(outcome.paragraphs.len(), "paragraph", "paragraphs")
    )?;
    for unit in &outcome.units {
        write_unit(out, unit, color)?;
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
    writeln!(out)
}

/// The outcome's header, units and uncovered paragraphs as
/// [`write_units`] writes them with colour off, pushed piece by piece:
/// only the scores go through `fmt`. Each unit's lines were a handful of `writeln!`s through the output's
/// `dyn Write`, with a `ColoredString` (a copy) per styled piece and a
/// string per source sentence label; with the text report on, that was a
/// sixth of the writing thread's work besides the word diff.
fn push_units(out: &mut String, outcome: &Outcome) {
    use std::fmt::Write as _;
    out.push_str(&outcome.path);
    if let Some(id) = &outcome.id {
        out.push('#');
        out.push_str(id);
    }
    let _ = write!(out, "  score {:.2}  ", round3(outcome.score));
    push_plural(out, outcome.units.len(), "unit", "units");
    out.push_str(", ");
    push_plural(out, outcome.paragraphs.len(), "paragraph", "paragraphs");
    out.push('\n');
    for unit in &outcome.units {
        push_unit(out, unit);
    }
    let uncovered = outcome.uncovered_labels();
    if !uncovered.is_empty() {
        out.push_str("  not covered by the summary: ");
        for (i, label) in uncovered.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(label);
        }
        out.push('\n');
    }
    out.push('\n');
}

/// What `plural` makes, pushed.
fn push_plural(out: &mut String, n: usize, one: &str, many: &str) {
    push_number(out, n);
    out.push(' ');
    out.push_str(if n == 1 { one } else { many });
}

/// What `write_unit` writes with colour off.
fn push_unit(out: &mut String, unit: &UnitOutcome) {
    use std::fmt::Write as _;
    out.push_str("  ");
    out.push_str(unit.kind.as_str());
    out.push(' ');
    out.push_str(&unit.id);
    out.push(' ');
    push_number(out, unit.span.line);
    out.push(':');
    push_number(out, unit.span.column);
    let _ = writeln!(out, "  support {:.2}", round3(unit.support));
    out.push_str("    ");
    let text = squash_whitespace_cow(&unit.text);
    out.push_str(&text);
    out.push('\n');
    if unit.sources.is_empty() {
        out.push_str("    no body sentence supports this unit\n");
        return;
    }
    for source in &unit.sources {
        out.push_str("    ← ¶");
        push_number(out, source.paragraph);
        out.push_str(" (");
        for (i, s) in source.sentences.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push('s');
            push_number(out, s.sentence);
            out.push_str(" line ");
            push_number(out, s.span.line);
        }
        let _ = writeln!(out, ") {:.2}", round3(source.score));
    }
    out.push_str("    diff: ");
    push_word_diff(out, &unit.source_text(), &text, false);
    out.push('\n');
}

/// [`word_diff`], pushed to `out`.
fn push_word_diff(out: &mut String, source: &str, unit: &str, color: bool) {
    for (i, piece) in word_pieces(source, unit).iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match piece {
            Piece::Same(text) => out.push_str(text),
            Piece::Deleted(text) => {
                let removed = piece.word_count();
                let elided = removed > MAX_DELETED_WORDS;
                if color {
                    let shown: Cow<'_, str> = if elided {
                        Cow::Owned(format!("… {removed} words …"))
                    } else {
                        Cow::Borrowed(text)
                    };
                    out.push_str(&shown.red().strikethrough().to_string());
                } else {
                    out.push_str("[-");
                    if elided {
                        out.push_str("… ");
                        push_number(out, removed);
                        out.push_str(" words …");
                    } else {
                        out.push_str(text);
                    }
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
    push_word_diff(&mut out, source, unit, color);
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

/// Appends `finding` as the text report shows it to `out`. (Pushed piece by
/// piece: with colour off, only the numbers go through `fmt`.)
fn push_finding(out: &mut String, outcome: &Outcome, finding: &Finding, color: bool) {
    use std::fmt::Write as _;
    // (Writing to a `String` cannot fail: the results are ignored.)
    if color {
        let _ = write!(
            out,
            "{}{}",
            severity_label(finding.severity),
            format!("[{}]", finding.rule).bold()
        );
    } else {
        out.push_str(finding.severity.as_str());
        out.push('[');
        out.push_str(finding.rule);
        out.push(']');
    }
    out.push(' ');
    match &finding.path {
        Some(path) => out.push_str(path),
        None => {
            out.push_str(&outcome.path);
            if let Some(id) = &outcome.id {
                out.push('#');
                out.push_str(id);
            }
        }
    }
    out.push(':');
    push_number(out, finding.span.line);
    out.push(':');
    push_number(out, finding.span.column);
    out.push_str(": ");
    out.push_str(&finding.message);
    out.push('\n');
    if !finding.text.is_empty() {
        push_mark(out, color, "|");
        if color {
            let shown = squashed_clipped(&finding.text);
            push_styled(out, color, &shown, |t| t.bold());
        } else {
            push_squashed_clipped(out, &finding.text);
        }
        out.push('\n');
    }
    if let Some(unit) = &finding.unit {
        push_mark(out, color, "=");
        out.push_str("unit ");
        out.push_str(unit);
        out.push('\n');
    }
    for evidence in &finding.evidence {
        push_mark(out, color, "=");
        out.push_str(&evidence.note);
        out.push_str(" (");
        if let Some(p) = evidence.paragraph {
            out.push('¶');
            push_number(out, p);
            out.push(' ');
        }
        out.push_str("line ");
        push_number(out, evidence.span.line);
        out.push_str("): ");
        push_squashed_clipped(out, &evidence.text);
        out.push('\n');
    }
    if let Some(suggestion) = &finding.suggestion {
        push_mark(out, color, "=");
        push_styled(out, color, "suggestion:", |t| t.green());
        out.push(' ');
        // An empty suggestion replaces the span with nothing: a deletion.
        if suggestion.is_empty() {
            out.push_str("delete \"");
            out.push_str(&squashed(&finding.text));
            out.push('"');
        } else {
            out.push_str(suggestion);
        }
        out.push('\n');
    }
}

/// The indented, blue `mark` that starts a finding's detail line, and a space.
fn push_mark(out: &mut String, color: bool, mark: &str) {
    out.push_str("   ");
    push_styled(out, color, mark, |t| t.blue());
    out.push(' ');
}

/// `text` in `paint`'s style when colour is on, as it is otherwise.
fn push_styled(out: &mut String, color: bool, text: &str, paint: impl FnOnce(&str) -> colored::ColoredString) {
    use std::fmt::Write as _;
    match styled(color, text, paint) {
        Styled::Plain(text) => out.push_str(text),
        painted => {
            let _ = write!(out, "{painted}");
        }
    }
}

/// `clip_long` of [`squashed`] `text`, squashing no more of a long text
/// than the clipped text shows: a finding's text or evidence is often a
/// whole paragraph, and squashing all of it cost more than writing the
/// finding. (Squashing only drops whitespace, so the squashed start of a
/// text is the start of the squashed text.)
fn squashed_clipped(text: &str) -> Cow<'_, str> {
    let (squashed, shown) = squashed_shown(text);
    if shown == squashed.len() {
        return squashed;
    }
    let mut clipped = String::with_capacity(shown + '…'.len_utf8());
    clipped.push_str(&squashed[..shown]);
    clipped.push('…');
    Cow::Owned(clipped)
}

/// Appends [`squashed_clipped`] `text` to `out` (without making it first:
/// most findings show a text and evidence).
fn push_squashed_clipped(out: &mut String, text: &str) {
    let (squashed, shown) = squashed_shown(text);
    out.push_str(&squashed[..shown]);
    if shown < squashed.len() {
        out.push('…');
    }
}

/// What [`squashed_clipped`] shows of `text`: the squashed text or a
/// squashed head of it, and how many of its bytes are shown (an ellipsis
/// follows when that is not all of them).
fn squashed_shown(text: &str) -> (Cow<'_, str>, usize) {
    let limit = CONTEXT_CHARS * 4;
    // A quarter more bytes than the characters shown: enough for text
    // that is squashed already (evidence is) and mostly ASCII; else twice
    // as many; else (a start that is mostly whitespace) the whole text is
    // squashed. Any head with more than `limit` characters squashed will
    // do: the squashed head is a prefix of the squashed text.
    for head_bytes in [limit + limit / 4, 2 * limit] {
        if text.len() <= head_bytes {
            break;
        }
        let mut cut = head_bytes;
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        let head = squashed(&text[..cut]);
        if let Some(shown) = char_start(&head, limit) {
            return (head, shown);
        }
    }
    let all = squashed(text);
    // (What `clip_long` keeps of it.)
    let shown = if all.len() <= limit {
        all.len()
    } else {
        char_start(&all, limit).unwrap_or(all.len())
    };
    (all, shown)
}

/// Appends `n` in decimal (the finding lines' numbers, without `fmt`).
fn push_number(out: &mut String, n: usize) {
    crate::text::numbers::push_decimal(out, n as u64);
}

/// Where the character after the first `n` of `text` starts, if there is
/// one: byte `n` when those bytes are ASCII (stepping through a paragraph a
/// character at a time cost more than writing the finding), found
/// character by character otherwise.
fn char_start(text: &str, n: usize) -> Option<usize> {
    match text.as_bytes().get(..n) {
        Some(head) if text.len() > n && head.is_ascii() => Some(n),
        _ => text.char_indices().nth(n).map(|(start, _)| start),
    }
}

/// The flagged text, clipped to a readable length; borrowed when it is
/// short enough (a string of at most `limit` bytes has at most `limit`
/// characters). (What [`squashed_shown`] shows of squashed text, built
/// plainly: the tests' reference.)
#[cfg(test)]
fn clip_long(text: &str) -> Cow<'_, str> {
    let limit = CONTEXT_CHARS * 4;
    if text.len() <= limit {
        return Cow::Borrowed(text);
    }
    match char_start(text, limit) {
        None => Cow::Borrowed(text),
        Some(cut) => Cow::Owned(format!("{}…", &text[..cut])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header, units and uncovered paragraphs as `write_units` (the
    /// reporter's path with colour on) writes them with colour off.
    fn units_as_written(outcome: &Outcome) -> String {
        colored::control::set_override(false);
        let mut out = Vec::new();
        write_units(&mut out, outcome, false).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn units_pushed_are_units_as_written() {
        use crate::document::{parse_article, InputFormat, ParseOptions};
        for text in [
            "Bridge Opens\n\nThe mayor opened the new bridge on Monday after three years of work.\n\nIt cost $40 million, paid by a state grant.\n\nOfficials said on Tuesday that the bridge, closed since May for repairs, will open on Monday.\n\n- The mayor opened the brigde on Tuesday.\n- It cost $50 million.\n- Nobody   knows\twhy.\n",
            "Bridge Opens\n\nThe mayor opened the bridge.\n",
            "Bridge Opens\n\nA body with no summary at all.\n",
        ] {
            let doc = parse_article("a.txt", text.into(), InputFormat::Text, &ParseOptions::default()).unwrap();
            let mut outcome = crate::check_document(&doc, &crate::options::CheckOptions::default());
            for id in [None, Some("r1".to_string())] {
                outcome.id = id;
                let mut pushed = String::new();
                push_units(&mut pushed, &outcome);
                assert_eq!(pushed, units_as_written(&outcome));
            }
            if let Some(unit) = outcome.units.first_mut() {
                unit.sources.clear();
                let mut pushed = String::new();
                push_units(&mut pushed, &outcome);
                assert_eq!(pushed, units_as_written(&outcome));
            }
        }
    }

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
            let mut pushed = String::from("x");
            push_squashed_clipped(&mut pushed, &text);
            proptest::prop_assert_eq!(&pushed[1..], &*clip_long(&all));
        }

        /// Numbers pushed digit by digit read as `fmt` writes them.
        #[test]
        fn pushed_numbers_are_formatted_numbers(n in proptest::num::usize::ANY, small in 0usize..2000) {
            for n in [n, small] {
                let mut pushed = String::from("x");
                push_number(&mut pushed, n);
                proptest::prop_assert_eq!(pushed, format!("x{n}"));
            }
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
            let mut pushed = String::new();
            push_squashed_clipped(&mut pushed, &text);
            assert_eq!(pushed, clip_long(&all), "{text:?}");
        }
    }

    /// `write_finding` as it was (a formatted write per piece): the
    /// reference `push_finding` is compared with.
    fn write_finding_as_it_was(
        out: &mut dyn Write,
        outcome: &Outcome,
        finding: &Finding,
        color: bool,
    ) -> io::Result<()> {
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
            if suggestion.is_empty() {
                writeln!(out, "delete \"{}\"", squashed(&finding.text))?;
            } else {
                writeln!(out, "{suggestion}")?;
            }
        }
        Ok(())
    }

    #[test]
    fn findings_are_pushed_as_they_were_written() {
        use crate::finding::Evidence;
        use crate::span::Span;
        let span = |line, column| Span {
            start: 0,
            end: 1,
            line,
            column,
            end_line: line,
            end_column: column + 1,
        };
        let rule = &crate::checks::coverage::UNCOVERED_PARAGRAPH;
        let long = format!("A  long\tparagraph {}", "wörd and more ".repeat(40));
        let findings = vec![
            Finding::new(rule, span(3, 7), "Tuesday", "the body says Monday")
                .with_unit("b1")
                .with_suggestion("Monday"),
            Finding::new(rule, span(12, 1), "", "no text, no unit"),
            Finding::new(rule, span(1, 40), "teh  teh", "repeated").with_suggestion(""),
            Finding::new(rule, span(2, 2), long.as_str(), "long text")
                .with_evidence(Evidence {
                    paragraph: Some(4),
                    span: span(9, 1),
                    text: long.clone(),
                    note: "the body says".into(),
                })
                .with_evidence(Evidence {
                    paragraph: None,
                    span: span(2, 5),
                    text: "short\nevidence".into(),
                    note: "also spelled".into(),
                }),
            Finding {
                path: Some("summary.md".into()),
                ..Finding::new(rule, span(5, 5), "x", "in another file")
            },
        ];
        for id in [None, Some("rec-7".to_string())] {
            let outcome = Outcome {
                path: "news/a.jsonl".into(),
                id: id.clone(),
                record_line: None,
                score: 1.0,
                units: Vec::new(),
                paragraphs: Vec::new(),
                findings: findings.clone(),
            };
            for color in [false, true] {
                let mut expected = Vec::new();
                let mut pushed = String::new();
                for finding in &outcome.findings {
                    write_finding_as_it_was(&mut expected, &outcome, finding, color).unwrap();
                    push_finding(&mut pushed, &outcome, finding, color);
                }
                assert_eq!(pushed, String::from_utf8(expected).unwrap(), "{id:?} {color}");
            }
        }
    }

    #[test]
    fn char_start_is_the_nth_character_boundary() {
        for text in ["", "abc", "ab\u{e9}c", "\u{e9}\u{e9}\u{e9}", "abcdef"] {
            for n in 0..7 {
                assert_eq!(
                    char_start(text, n),
                    text.char_indices().nth(n).map(|(i, _)| i),
                    "{text:?} {n}"
                );
            }
        }
    }

    #[test]
    fn long_left_out_runs_are_elided() {
        let source = "one two three four five six seven eight nine ten eleven twelve kept";
        assert_eq!(word_diff(source, "kept", false), "[-… 12 words …-] kept");
    }
}
