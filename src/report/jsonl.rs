//! `--format jsonl`: one JSON object per checked document, a line each,
//! written as soon as the document is checked, so a batch of thousands of
//! records streams into `jq` or a log pipeline without waiting for the run.
//!
//! Each line has the shape of one entry of `files` in `--format json`
//! (schema/sumlint-output-line.schema.json). Inputs that cannot be checked
//! are reported on standard error and in the exit code, not on a line, so
//! every line is a document.

use super::json::JsonFile;
use super::Reporter;
use crate::outcome::Outcome;
use std::io::{self, Write};

pub struct JsonlReporter;

impl Reporter for JsonlReporter {
    fn outcome(&mut self, out: &mut dyn Write, outcome: &Outcome) -> io::Result<()> {
        // Serialised into a buffer, then written at once: serde writes a
        // line in hundreds of small pieces, each a dynamic call through
        // `out` when written there directly (half the cost of the line).
        let mut line = serde_json::to_vec(&JsonFile::from_outcome(outcome))?;
        line.push(b'\n');
        out.write_all(&line)?;
        // A consumer reading the stream sees each document as it is checked.
        out.flush()
    }

    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}
