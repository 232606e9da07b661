//! Reporters: one per output format, each behind [`Reporter`].
//!
//! A reporter is handed every checked document and every input error as
//! they come, then `finish`. Formats that need the whole run (JSON) collect
//! and write at the end; the human format streams.

pub mod json;
pub mod text;

use crate::error::Error;
use crate::outcome::Outcome;
use std::io::{self, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable, colored when writing to a terminal.
    Text,
    /// One JSON object for the run (see DESIGN.md).
    Json,
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
    }
}

/// Rounds a score for display and stable output.
pub fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}
