//! The run loop: checks every input on all cores and hands the results to a
//! [`Sink`] in input order.
//!
//! Why this shape: newsrooms check archives of hundreds of thousands of
//! articles, as many files or as JSONL batches of any size. Inputs become a
//! lazy stream of jobs (one per file, one per JSONL line, read line by line
//! from a buffered reader); jobs are taken in bounded chunks, each chunk is
//! checked in parallel with rayon while the next one is read, and the
//! results go to the sink in the order the inputs came. Memory is bounded by
//! the chunk, not the batch, so a 1 GB JSONL file streams in flat memory.
//!
//! The library never prints: the sink (the CLI's reporter, or a test's
//! collector) decides what to do with outcomes, errors, warnings and
//! progress.

use crate::document::{self, Document, InputFormat};
use crate::error::{Error, Result};
use crate::finding::Severity;
use crate::input::{self, JsonlLines};
use crate::options::CheckOptions;
use crate::outcome::Outcome;
use rayon::prelude::*;
use std::io::{self, BufRead};

/// Most jobs in one chunk (per worker thread, at least [`MIN_CHUNK_JOBS`]):
/// enough to keep every core busy between two barriers, few enough that
/// the outcomes of one chunk stay small.
const CHUNK_JOBS_PER_THREAD: usize = 32;
const MIN_CHUNK_JOBS: usize = 64;
/// Most input bytes in one chunk: bounds memory when records are large.
const CHUNK_BYTES: u64 = 4 << 20;

/// What a run needs besides its inputs.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    pub check: CheckOptions,
    /// Input format chosen by the user; by extension otherwise.
    pub input_format: Option<InputFormat>,
    /// `--summary FILE`: the summary of the (one) input.
    pub summary: Option<String>,
    /// Replace bytes that are not UTF-8 with U+FFFD and warn, instead of
    /// failing the file.
    pub lossy: bool,
}

/// Receives a run's results, in input order.
pub trait Sink {
    /// A checked document.
    fn outcome(&mut self, outcome: &Outcome) -> io::Result<()>;
    /// An input (a file or a record) that could not be checked.
    fn error(&mut self, error: &Error) -> io::Result<()>;
    /// Something the user should know that did not stop the check (a
    /// `--lossy` replacement).
    fn warning(&mut self, message: &str) -> io::Result<()>;
    /// Input bytes done so far, of `total` when it is known (files, not
    /// standard input). Called after each chunk.
    fn progress(&mut self, _done: u64, _total: Option<u64>) {}
}

/// Counts of a run, for the exit code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunSummary {
    pub documents: usize,
    pub errors: usize,
    pub warnings: usize,
    /// The most severe finding of the run.
    pub worst: Option<Severity>,
}

/// One result, as a worker hands it back.
#[derive(Debug)]
pub enum Item {
    Outcome(Box<Outcome>),
    Error(Error),
    Warning(String),
}

/// A unit of work: one article file (or JSON file of records), or one
/// line of a JSONL stream, or an input that failed before any work.
enum Job {
    File {
        path: String,
        format: InputFormat,
        bytes: u64,
    },
    Line {
        path: String,
        line: input::JsonlLine,
    },
    Failed(Error),
}

impl Job {
    fn bytes(&self) -> u64 {
        match self {
            Job::File { bytes, .. } => *bytes,
            Job::Line { line, .. } => line.bytes,
            Job::Failed(_) => 0,
        }
    }

    fn run(self, options: &RunOptions) -> Vec<Item> {
        match self {
            Job::Failed(error) => vec![Item::Error(error)],
            Job::File { path, format, .. } => check_file(&path, format, options),
            Job::Line { path, line } => {
                let mut items: Vec<Item> = line.warning.into_iter().map(Item::Warning).collect();
                match line.text {
                    Ok(text) => items
                        .extend(input::jsonl_document(&path, line.number, &text).map(|doc| check_one(doc, options))),
                    Err(error) => items.push(Item::Error(error)),
                }
                items
            }
        }
    }
}

/// Checks a whole file: one article, or a JSON file of records (those in
/// parallel too).
fn check_file(path: &str, format: InputFormat, options: &RunOptions) -> Vec<Item> {
    let decoded = match input::read_input(path, options.lossy) {
        Ok(decoded) => decoded,
        Err(error) => return vec![Item::Error(error)],
    };
    let mut items: Vec<Item> = decoded.warning.into_iter().map(Item::Warning).collect();
    let documents = input::documents(path, decoded.text, format, &options.check.parse);
    items.par_extend(documents.into_par_iter().map(|doc| check_one(doc, options)));
    items
}

/// Checks one parsed document (attaching `--summary` first).
fn check_one(doc: Result<Document>, options: &RunOptions) -> Item {
    let doc = doc.and_then(|mut doc| {
        if let Some(summary) = &options.summary {
            input::attach_summary(&mut doc, summary, &options.check.parse)?;
        }
        document::require_body(&doc)?;
        Ok(doc)
    });
    match doc {
        Ok(doc) => Item::Outcome(Box::new(crate::check_document(&doc, &options.check))),
        Err(error) => Item::Error(error),
    }
}

/// The lazy stream of jobs over all inputs, in order.
struct Jobs<'a> {
    inputs: std::slice::Iter<'a, String>,
    options: &'a RunOptions,
    /// The JSONL stream being read, with its display path.
    lines: Option<(String, JsonlLines<Box<dyn BufRead + Send>>)>,
}

impl Jobs<'_> {
    fn next_job(&mut self) -> Option<Job> {
        loop {
            if let Some((path, lines)) = &mut self.lines {
                match lines.next() {
                    Some(line) => {
                        return Some(Job::Line {
                            path: path.clone(),
                            line,
                        })
                    }
                    None => self.lines = None,
                }
            }
            let path = self.inputs.next()?;
            let format = input::format_of(path, self.options.input_format);
            if format == InputFormat::Jsonl {
                match input::open_lines(path, self.options.lossy) {
                    Ok(lines) => self.lines = Some((input::display_name(path).to_string(), lines)),
                    Err(error) => return Some(Job::Failed(error)),
                }
                continue;
            }
            let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            return Some(Job::File {
                path: path.clone(),
                format,
                bytes,
            });
        }
    }

    /// The next chunk: up to `max_jobs` jobs and about [`CHUNK_BYTES`].
    fn next_chunk(&mut self, max_jobs: usize) -> Vec<Job> {
        let mut chunk = Vec::new();
        let mut bytes = 0;
        while chunk.len() < max_jobs && bytes < CHUNK_BYTES {
            let Some(job) = self.next_job() else { break };
            bytes += job.bytes();
            chunk.push(job);
        }
        chunk
    }
}

/// Total size of the inputs, when all are files whose size is known.
fn total_bytes(inputs: &[String]) -> Option<u64> {
    inputs
        .iter()
        .map(|p| {
            if p == "-" {
                None
            } else {
                std::fs::metadata(p).ok().map(|m| m.len())
            }
        })
        .sum()
}

/// Checks every input and hands the results to `sink` in input order;
/// returns the counts for the exit code. Runs on rayon's global pool (all
/// cores, or `RAYON_NUM_THREADS`). Only an error writing to the sink stops
/// the run; a bad input is reported and the run goes on.
pub fn run(inputs: &[String], options: &RunOptions, sink: &mut dyn Sink) -> io::Result<RunSummary> {
    let max_jobs = (rayon::current_num_threads() * CHUNK_JOBS_PER_THREAD).max(MIN_CHUNK_JOBS);
    let total = total_bytes(inputs);
    let mut jobs = Jobs {
        inputs: inputs.iter(),
        options,
        lines: None,
    };
    let mut summary = RunSummary::default();
    let mut done = 0;
    let mut chunk = jobs.next_chunk(max_jobs);
    while !chunk.is_empty() {
        let chunk_bytes: u64 = chunk.iter().map(Job::bytes).sum();
        // Read the next chunk while this one is checked.
        let (next, results) = rayon::join(
            || jobs.next_chunk(max_jobs),
            || chunk.into_par_iter().map(|job| job.run(options)).collect::<Vec<_>>(),
        );
        for item in results.into_iter().flatten() {
            match item {
                Item::Outcome(outcome) => {
                    summary.documents += 1;
                    summary.worst = summary.worst.max(outcome.max_severity());
                    sink.outcome(&outcome)?;
                }
                Item::Error(error) => {
                    summary.errors += 1;
                    sink.error(&error)?;
                }
                Item::Warning(message) => {
                    summary.warnings += 1;
                    sink.warning(&message)?;
                }
            }
        }
        done += chunk_bytes;
        sink.progress(done, total);
        chunk = next;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[derive(Default)]
    struct Collect {
        events: Vec<String>,
    }

    impl Sink for Collect {
        fn outcome(&mut self, outcome: &Outcome) -> io::Result<()> {
            self.events.push(format!("ok {}", outcome.display_name()));
            Ok(())
        }
        fn error(&mut self, error: &Error) -> io::Result<()> {
            self.events.push(format!("error {error}"));
            Ok(())
        }
        fn warning(&mut self, message: &str) -> io::Result<()> {
            self.events.push(format!("warning {message}"));
            Ok(())
        }
    }

    const RECORD: &str =
        r#"{"id":"ID","document":"The mayor opened the bridge on Monday.","summary":["The mayor opened the bridge."]}"#;

    #[test]
    fn results_come_in_input_order_with_errors_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let jsonl = dir.path().join("batch.jsonl");
        let mut file = std::fs::File::create(&jsonl).unwrap();
        // More records than one chunk holds, so order across chunks counts.
        let n = MIN_CHUNK_JOBS * 3 + 5;
        for i in 0..n {
            if i == 7 {
                writeln!(file, "{{oops").unwrap();
            } else {
                writeln!(file, "{}", RECORD.replace("ID", &i.to_string())).unwrap();
            }
        }
        drop(file);
        let article = dir.path().join("a.txt");
        std::fs::write(
            &article,
            "Bridge\n\nThe mayor opened the bridge.\n\n- The mayor opened it.\n",
        )
        .unwrap();
        let inputs = vec![
            jsonl.display().to_string(),
            dir.path().join("missing.txt").display().to_string(),
            article.display().to_string(),
        ];
        let mut sink = Collect::default();
        let summary = run(&inputs, &RunOptions::default(), &mut sink).unwrap();
        assert_eq!(summary.documents, n);
        assert_eq!(summary.errors, 2);
        assert!(sink.events[7].starts_with("error ") && sink.events[7].contains("batch.jsonl:8: not valid JSON"));
        for (i, event) in sink.events[..n].iter().enumerate().filter(|(i, _)| *i != 7) {
            assert!(event.ends_with(&format!("batch.jsonl#{i}")), "{i}: {event}");
        }
        assert!(sink.events[n].contains("missing.txt: cannot read the file"));
        assert!(sink.events[n + 1].ends_with("a.txt"));
    }
}
