//! Reporters: one per output format, each behind [`Reporter`].
//!
//! A reporter is handed every checked document and every input error as
//! they come, then `finish`. Formats that need the whole run (JSON, SARIF,
//! HTML) collect and write at the end; the others stream.

pub mod diff;
pub mod github;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod markdown;
mod myers;
pub mod sarif;
pub mod text;

use crate::error::Error;
use crate::finding::Finding;
use crate::outcome::Outcome;
use crate::span::Span;
use std::io::{self, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable, colored when writing to a terminal.
    Text,
    /// One JSON object for the run (see DESIGN.md).
    Json,
    /// One JSON object per checked document, a line each, written as each is checked.
    Jsonl,
    /// SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, IDE viewers).
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// A compact Markdown report for a pull-request comment.
    Markdown,
    /// One self-contained HTML page: units beside their sources, diffs, coverage map.
    Html,
}

/// Options that change only how results are shown.
#[derive(Clone, Debug)]
pub struct DisplayOptions {
    pub format: Format,
    pub color: bool,
    /// Findings only: no per-unit alignment.
    pub quiet: bool,
}

pub trait Reporter {
    fn outcome(&mut self, out: &mut dyn Write, outcome: &Outcome) -> io::Result<()>;
    /// An input that could not be checked. Human formats leave errors to
    /// standard error; machine formats may record them too.
    fn error(&mut self, _out: &mut dyn Write, _error: &Error) -> io::Result<()> {
        Ok(())
    }
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()>;
}

pub fn reporter(options: &DisplayOptions) -> Box<dyn Reporter> {
    match options.format {
        Format::Text => Box::new(text::TextReporter::new(options.clone())),
        Format::Json => Box::new(json::JsonReporter::default()),
        Format::Jsonl => Box::new(jsonl::JsonlReporter),
        Format::Sarif => Box::new(sarif::SarifReporter::default()),
        Format::Github => Box::new(github::GithubReporter),
        Format::Markdown => Box::new(markdown::MarkdownReporter::new(options.clone())),
        Format::Html => Box::new(html::HtmlReporter::default()),
    }
}

/// Where a finding can be shown in a file, for the formats that annotate
/// files (SARIF, GitHub).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Region {
    /// The exact span in the file.
    Span(Span),
    /// A whole line: a record of a JSONL batch, whose spans are in the
    /// record's text, not in the file.
    Line(usize),
    /// The file as a whole: a record of a JSON file.
    File,
}

/// The file and region a span of `outcome` lies in. `path` is the file of
/// the span when it differs from the document's (`--summary`).
pub fn locate(outcome: &Outcome, path: Option<&str>, span: &Span) -> (String, Region) {
    let file = path.unwrap_or(&outcome.path).to_string();
    let region = if outcome.id.is_some() {
        match outcome.record_line {
            Some(line) => Region::Line(line),
            None => Region::File,
        }
    } else {
        Region::Span(*span)
    };
    (file, region)
}

/// Text on one line with runs of whitespace made single spaces.
pub fn one_line(text: &str) -> String {
    crate::outcome::squash_whitespace(text)
}

/// `text` cut to at most `limit` characters at a word boundary, with `…`.
pub fn clip(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let cut: String = text.chars().take(limit).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > limit / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

/// Findings by severity: `[info, warning, error]`.
pub fn severity_counts<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> [usize; 3] {
    let mut counts = [0; 3];
    for f in findings {
        counts[f.severity as usize] += 1;
    }
    counts
}

/// `1 error`, `2 warnings`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Rounds a score for display and stable output.
pub fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}
