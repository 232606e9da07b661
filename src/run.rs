//! The run loop: checks every input on all cores and hands the results to a
//! [`Sink`] in input order.
//!
//! Why this shape: newsrooms check archives of hundreds of thousands of
//! articles, as many files or as JSONL batches of any size. Inputs become a
//! lazy stream of jobs (one per file; for JSONL, read line by line from a
//! buffered reader, one per run of consecutive records of one article, so
//! that one worker's caches meet it); each job is a task on rayon's pool, a
//! bounded window of them in flight, and the results go to the sink in the
//! order the inputs came. Memory is bounded by the window, not the batch, so
//! a 1 GB JSONL file streams in flat memory.
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
use std::collections::VecDeque;
use std::io;
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::SeqCst;
use std::sync::{Arc, Mutex};

/// Most records (or files) in flight (per worker thread, at least
/// [`MIN_CHUNK_RECORDS`]): enough that a slow record does not hold the
/// workers up, few enough that the outcomes waiting to be written stay
/// small. Counted in records, not jobs, as a job may take several.
const CHUNK_RECORDS_PER_THREAD: usize = 32;
const MIN_CHUNK_RECORDS: usize = 64;
/// Most input bytes in flight: bounds memory when records are large.
const CHUNK_BYTES: u64 = 4 << 20;
/// Most records, and input bytes, of one job of consecutive JSONL records
/// of one article (see [`Jobs::next_job`]): long runs are cut so that the
/// last job of an input does not keep one worker busy long after the other
/// is done.
const BATCH_RECORDS: usize = 16;
const BATCH_BYTES: u64 = 256 << 10;
/// Input bytes a JSONL job takes at least, even across articles: each job
/// costs a task, a message and a wake-up of the writing thread.
const MIN_BATCH_BYTES: u64 = 16 << 10;

/// One input: what is read (`-` for standard input), the name it is
/// reported and configured under, and its analysis options (each file's
/// own config, with the command line on top).
#[derive(Clone, Debug)]
pub struct Input {
    pub path: String,
    pub name: String,
    pub options: Arc<CheckOptions>,
}

impl Input {
    /// A file (or `-`) checked with the default options.
    pub fn new(path: &str) -> Input {
        Input {
            path: path.to_string(),
            name: input::display_name(path).to_string(),
            options: Arc::new(CheckOptions::default()),
        }
    }
}

/// A checked document as it reaches the sink.
#[derive(Debug)]
pub struct Checked {
    pub outcome: Outcome,
    /// The document itself, when [`RunOptions::keep_documents`] asks for it
    /// (baselines and typo fixes need its text).
    pub document: Option<Document>,
    pub options: Arc<CheckOptions>,
}

/// What a run needs besides its inputs.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Input format chosen by the user; by extension otherwise.
    pub input_format: Option<InputFormat>,
    /// `--summary FILE`: the summary of the (one) input.
    pub summary: Option<String>,
    /// Replace bytes that are not UTF-8 with U+FFFD and warn, instead of
    /// failing the file.
    pub lossy: bool,
    /// Hand each document to the sink with its outcome.
    pub keep_documents: bool,
    /// What the report shows of each outcome; the rest is not measured
    /// (see [`crate::check_document_with`]).
    pub shown: crate::Shown,
}

/// Receives a run's results, in input order.
pub trait Sink {
    /// A checked document.
    fn outcome(&mut self, checked: Checked) -> io::Result<()>;
    /// An input (a file or a record) that could not be checked.
    fn error(&mut self, error: &Error) -> io::Result<()>;
    /// Something the user should know that did not stop the check (a
    /// `--lossy` replacement).
    fn warning(&mut self, message: &str) -> io::Result<()>;
    /// Input bytes done so far, of `total` when it is known (files, not
    /// standard input). Called after every window's worth of jobs, and at the end.
    fn progress(&mut self, _done: u64, _total: Option<u64>) {}
    /// Called when every result so far has been handed over and the run
    /// is about to wait for more input (a pipe whose writer is slow): the
    /// time to show what the sink has kept back.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
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
    Outcome(Box<Checked>),
    Error(Error),
    Warning(String),
}

/// A unit of work: one article file (or JSON file of records), or
/// consecutive lines of a JSONL stream (checked in order on one worker),
/// or an input that failed before any work.
enum Job {
    File {
        input: Input,
        format: InputFormat,
        bytes: u64,
    },
    Lines {
        input: Input,
        lines: Vec<input::JsonlLine>,
        bytes: u64,
        /// The [`input::body_key`] of its first record.
        key: Option<u64>,
    },
    Failed(Error),
}

impl Job {
    fn bytes(&self) -> u64 {
        match self {
            Job::File { bytes, .. } => *bytes,
            Job::Lines { bytes, .. } => *bytes,
            Job::Failed(_) => 0,
        }
    }

    /// What the job counts for in the window: its lines, or 1.
    fn records(&self) -> usize {
        match self {
            Job::Lines { lines, .. } => lines.len(),
            Job::File { .. } | Job::Failed(_) => 1,
        }
    }

    /// The worker (of `workers`) that should check this job, the run's
    /// `number`th: by the article of its first record, so that an article
    /// that comes back later in the input (a data set that lists each
    /// system's summaries of the same articles in turn) meets the worker
    /// whose caches have already worked out its words; other jobs in turn.
    fn worker(&self, number: usize, workers: usize) -> usize {
        match self {
            Job::Lines { key: Some(key), .. } => worker_of(*key, workers),
            _ => number % workers,
        }
    }

    fn run(self, options: &RunOptions) -> Vec<Item> {
        match self {
            Job::Failed(error) => vec![Item::Error(error)],
            Job::File { input, format, .. } => check_file(&input, format, options),
            Job::Lines { input, lines, .. } => {
                let mut items = Vec::with_capacity(lines.len());
                for mut line in lines {
                    items.extend(line.warning.take().map(Item::Warning));
                    items.extend(
                        line.into_document(&input.name)
                            .map(|doc| check_one(doc, &input.options, options)),
                    );
                }
                items
            }
        }
    }
}

/// Checks a whole file: one article, or a JSON file of records (those in
/// parallel too).
fn check_file(file: &Input, format: InputFormat, options: &RunOptions) -> Vec<Item> {
    let decoded = match input::read_input(&file.path, options.lossy) {
        Ok(decoded) => decoded,
        Err(error) => return vec![Item::Error(error)],
    };
    let mut items: Vec<Item> = decoded.warning.into_iter().map(Item::Warning).collect();
    let documents = input::documents(&file.name, decoded.text, format, &file.options.parse);
    items.par_extend(
        documents
            .into_par_iter()
            .map(|doc| check_one(doc, &file.options, options)),
    );
    items
}

/// Checks one parsed document (attaching `--summary` first).
fn check_one(doc: Result<Document>, check: &Arc<CheckOptions>, options: &RunOptions) -> Item {
    let doc = doc.and_then(|mut doc| {
        if let Some(summary) = &options.summary {
            input::attach_summary(&mut doc, summary, &check.parse)?;
        }
        document::require_body(&doc)?;
        crate::suppress::validate(&doc)?;
        Ok(doc)
    });
    match doc {
        Ok(doc) => {
            let outcome = crate::check_document_with(&doc, check, options.shown);
            Item::Outcome(Box::new(Checked {
                outcome,
                document: options.keep_documents.then_some(doc),
                options: Arc::clone(check),
            }))
        }
        Err(error) => Item::Error(error),
    }
}

/// The worker (of `workers`) whose jobs the records of the article with
/// [`input::body_key`] `key` join.
fn worker_of(key: u64, workers: usize) -> usize {
    // The top bits of the mixed hash, scaled to the number of workers.
    ((u128::from(key.wrapping_mul(0x9E37_79B9_7F4A_7C15)) * workers as u128) >> 64) as usize
}

/// The jobs spawned and not yet started, one queue per worker (see
/// [`Job::worker`]), each job with its number in the run.
///
/// Why not rayon's own queue: it hands tasks to whichever worker is free,
/// so on two threads each article met both workers in turn, and each
/// worked out the article's words for itself. Here each task spawned on
/// the pool is only a token: it runs the oldest job of its worker's queue,
/// or, when that queue is empty, the oldest job of any queue, so a worker
/// never waits while there is work. Every job is pushed before its token
/// is spawned and every token takes one job, so a token always finds one.
struct Queues(Mutex<Vec<VecDeque<Queued>>>);

/// A job waiting in [`Queues`]: its number in the run, and the slot its
/// items go to.
type Queued = (usize, Job, Arc<Slot>);

impl Queues {
    fn new(workers: usize) -> Queues {
        Queues(Mutex::new((0..workers).map(|_| VecDeque::new()).collect()))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<VecDeque<Queued>>> {
        // Jobs run outside the lock, so no panic can poison it; if one did,
        // the queues are still whole.
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn push(&self, number: usize, job: Job, slot: Arc<Slot>) {
        let mut queues = self.lock();
        let worker = job.worker(number, queues.len());
        queues[worker].push_back((number, job, slot));
    }

    /// The next job for worker `me`: its own oldest, or else the oldest of
    /// all (the one the results in order wait for first).
    fn take(&self, me: usize) -> Option<Queued> {
        let mut queues = self.lock();
        if let Some(job) = queues.get_mut(me).and_then(VecDeque::pop_front) {
            return Some(job);
        }
        let oldest = queues
            .iter()
            .enumerate()
            .filter_map(|(i, queue)| queue.front().map(|(number, ..)| (*number, i)))
            .min()?
            .1;
        queues[oldest].pop_front()
    }
}

/// The lazy stream of jobs over all inputs, in order.
struct Jobs<'a> {
    inputs: std::slice::Iter<'a, Input>,
    options: &'a RunOptions,
    /// The pool's threads, for [`worker_of`].
    workers: usize,
    /// The JSONL stream being read, with its display path.
    lines: Option<Stream>,
}

/// A JSONL input being read, and the line read past the last job's end.
struct Stream {
    input: Input,
    lines: JsonlLines<input::Source>,
    next: Option<input::JsonlLine>,
}

/// The [`input::body_key`] of a line that holds a record.
fn line_key(line: &input::JsonlLine) -> Option<u64> {
    line.body_key()
}

impl Jobs<'_> {
    /// The next job. A JSONL job takes the consecutive records that share
    /// their article (by [`input::body_key`]; up to [`BATCH_RECORDS`] and
    /// [`BATCH_BYTES`]), so that one worker checks them: jobs of one record
    /// each went to the two workers in turn, and each worked out every
    /// article's words for itself (callgrind, two threads: 5.8% more
    /// instructions than one on the corpus). A job shorter than
    /// [`MIN_BATCH_BYTES`] takes the next article's records too, so that
    /// runs of short or distinct records do not cost a job each.
    fn next_job(&mut self) -> Option<Job> {
        loop {
            if let Some(stream) = &mut self.lines {
                if let Some(first) = stream.next.take().or_else(|| stream.lines.next()) {
                    let first_key = line_key(&first);
                    let mut key = first_key;
                    let mut bytes = first.bytes;
                    let mut lines = vec![first];
                    // (Not waiting for a slow pipe's next line: the job goes now.)
                    while lines.len() < BATCH_RECORDS && bytes < BATCH_BYTES && stream.lines.ready() {
                        let Some(line) = stream.lines.next() else {
                            break;
                        };
                        let next_key = line_key(&line);
                        // Another article joins a short job only if it
                        // goes to the same worker: were it to ride with
                        // another's, the next time it comes it might not.
                        let same_worker = match (first_key, next_key) {
                            (Some(a), Some(b)) => worker_of(a, self.workers) == worker_of(b, self.workers),
                            _ => true,
                        };
                        if (next_key.is_some() && next_key == key) || (bytes < MIN_BATCH_BYTES && same_worker) {
                            key = next_key;
                            bytes += line.bytes;
                            lines.push(line);
                        } else {
                            stream.next = Some(line);
                            break;
                        }
                    }
                    return Some(Job::Lines {
                        input: stream.input.clone(),
                        lines,
                        bytes,
                        key: first_key,
                    });
                }
                self.lines = None;
            }
            let next = self.inputs.next()?;
            let format = input::format_of(&next.name, self.options.input_format);
            if format == InputFormat::Jsonl {
                match input::open_lines(&next.path, self.options.lossy) {
                    Ok(lines) => {
                        self.lines = Some(Stream {
                            input: next.clone(),
                            lines,
                            next: None,
                        })
                    }
                    Err(error) => return Some(Job::Failed(error)),
                }
                continue;
            }
            let bytes = std::fs::metadata(&next.path).map(|m| m.len()).unwrap_or(0);
            return Some(Job::File {
                input: next.clone(),
                format,
                bytes,
            });
        }
    }
}

impl Jobs<'_> {
    /// True when the next job can be read without waiting for the writer
    /// of a pipe (see [`input::Source::ready`]).
    fn ready(&mut self) -> bool {
        match &mut self.lines {
            Some(stream) => stream.next.is_some() || stream.lines.ready(),
            None => true,
        }
    }
}

/// Total size of the inputs, when all are files whose size is known.
fn total_bytes(inputs: &[Input]) -> Option<u64> {
    inputs
        .iter()
        .map(|i| {
            if i.path == "-" {
                None
            } else {
                std::fs::metadata(&i.path).ok().map(|m| m.len())
            }
        })
        .sum()
}

/// Checks every input and hands the results to `sink` in input order;
/// returns the counts for the exit code. Runs on rayon's global pool (all
/// cores, or `RAYON_NUM_THREADS`). Only an error writing to the sink stops
/// the run; a bad input is reported and the run goes on.
///
/// The calling thread reads jobs and writes results; each job is a task on
/// the pool. There is no barrier between chunks: a worker that finishes
/// takes the next job at once, while the results wait in a bounded window
/// until those before them are written. The window (at most `max_records`
/// records and about [`CHUNK_BYTES`] of input in flight) bounds memory.
pub fn run(inputs: &[Input], options: &RunOptions, sink: &mut dyn Sink) -> io::Result<RunSummary> {
    let workers = rayon::current_num_threads();
    let max_records = (workers * CHUNK_RECORDS_PER_THREAD).max(MIN_CHUNK_RECORDS);
    let queues = Queues::new(workers);
    let total = total_bytes(inputs);
    let mut jobs = Jobs {
        inputs: inputs.iter(),
        options,
        workers,
        lines: None,
    };
    let main = std::thread::current();
    // The number of the job the reading and writing thread waits for (the
    // front of the window), or `ANY_JOB`, when it is about to park; see `Slot`.
    let awaited = AtomicUsize::new(ANY_JOB);
    rayon::in_place_scope(|scope| {
        let mut summary = RunSummary::default();
        // The jobs in flight, oldest first: each one's input bytes, records,
        // number and the slot its items come back in.
        let mut window: VecDeque<(u64, usize, usize, Arc<Slot>)> = VecDeque::new();
        let (mut window_bytes, mut window_records) = (0, 0);
        let mut exhausted = false;
        let (mut done, mut unreported) = (0, 0);
        let mut number = 0; // the number of the next job
        loop {
            // Whether the window could take more jobs than the input has
            // ready (a slow pipe).
            let mut input_waits = false;
            while !exhausted && window_records < max_records && window_bytes < CHUNK_BYTES {
                if !jobs.ready() {
                    // The input has nothing more yet (a slow writer): write
                    // what is done first, and show it before waiting.
                    if !window.is_empty() {
                        input_waits = true;
                        break;
                    }
                    sink.flush()?;
                }
                let Some(job) = jobs.next_job() else {
                    exhausted = true;
                    break;
                };
                let (bytes, records) = (job.bytes(), job.records());
                let slot = Arc::new(Slot::default());
                queues.push(number, job, Arc::clone(&slot));
                number += 1;
                let (queues, main, awaited) = (&queues, &main, &awaited);
                scope.spawn(move |_| {
                    let Some((number, job, slot)) = queues.take(rayon::current_thread_index().unwrap_or(0)) else {
                        return;
                    };
                    // A panic is handed back to be raised here, so the loop
                    // never waits for a result that will not come.
                    let items = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.run(options)));
                    slot.fill(items);
                    // Only the job at the front can be written: waking the
                    // writing thread for another one only took a core from
                    // a worker (and it parked again).
                    let posted = awaited.load(SeqCst);
                    if posted == ANY_JOB || posted == number {
                        main.unpark();
                    }
                });
                window.push_back((bytes, records, number - 1, slot));
                window_bytes += bytes;
                window_records += records;
            }
            let Some((_, _, front_number, front)) = window.front() else {
                break;
            };
            if !front.is_done() {
                // Woken by the worker that finishes the front job (or for
                // no reason: the loop looks again). Said before looking
                // again: either this thread sees the job done, or its
                // worker sees it awaited (both sequentially consistent).
                // While the input waits, any job that finishes is a time
                // to look at it again, as a worker may be idle.
                awaited.store(if input_waits { ANY_JOB } else { *front_number }, SeqCst);
                if !front.is_done() {
                    std::thread::park();
                }
                continue;
            }
            // Write the finished jobs at the front, in order.
            while let Some((bytes, records, items)) = window
                .front()
                .and_then(|(bytes, records, _, slot)| Some((*bytes, *records, slot.take()?)))
            {
                let items = items.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                window.pop_front();
                window_bytes -= bytes;
                window_records -= records;
                done += bytes;
                unreported += records;
                for item in items {
                    write_item(item, &mut summary, sink)?;
                }
            }
            if unreported >= max_records || (exhausted && window.is_empty()) {
                sink.progress(done, total);
                unreported = 0;
            }
        }
        Ok(summary)
    })
}

/// Posted as the awaited job when any job that finishes should wake the
/// reading and writing thread.
const ANY_JOB: usize = usize::MAX;

/// Where a job's items come back from the worker that ran it.
///
/// Why not a channel: each result sent woke the reading and writing thread
/// through the channel's lock, which that thread also takes to wait; when
/// it was descheduled holding it (three threads on two cores), the worker
/// sending slept until it ran again, and so did the work (perf sched: the
/// workers' only sleeps in a run of scale-corpus were in the channel's
/// `SyncWaker::notify`). A worker fills the slot, then wakes that thread
/// with `unpark`, which takes no lock; that thread takes the items only
/// once the slot says it is done, so the slot's lock is never waited for.
/// It is woken only for the job it waits for, the front of the window
/// (whose number it posts before parking): the others cannot be written
/// yet, and each such wake-up took a core from a worker on two cores.
/// (`done` is sequentially consistent: a worker's store then load of the
/// posted number, against that thread's post then load of `done`.)
#[derive(Default)]
struct Slot {
    done: std::sync::atomic::AtomicBool,
    items: Mutex<Option<std::thread::Result<Vec<Item>>>>,
}

impl Slot {
    fn fill(&self, items: std::thread::Result<Vec<Item>>) {
        *self.items.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(items);
        self.done.store(true, SeqCst);
    }

    fn is_done(&self) -> bool {
        self.done.load(SeqCst)
    }

    /// The items, once the job is done (and only once).
    fn take(&self) -> Option<std::thread::Result<Vec<Item>>> {
        if !self.is_done() {
            return None;
        }
        self.items
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    }
}

/// Hands one result to the sink, counting it.
fn write_item(item: Item, summary: &mut RunSummary, sink: &mut dyn Sink) -> io::Result<()> {
    match item {
        Item::Outcome(checked) => {
            summary.documents += 1;
            summary.worst = summary.worst.max(checked.outcome.max_severity());
            sink.outcome(*checked)
        }
        Item::Error(error) => {
            summary.errors += 1;
            sink.error(&error)
        }
        Item::Warning(message) => {
            summary.warnings += 1;
            sink.warning(&message)
        }
    }
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
        fn outcome(&mut self, checked: Checked) -> io::Result<()> {
            self.events.push(format!("ok {}", checked.outcome.display_name()));
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
        let n = MIN_CHUNK_RECORDS * 3 + 5;
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
            Input::new(&jsonl.display().to_string()),
            Input::new(&dir.path().join("missing.txt").display().to_string()),
            Input::new(&article.display().to_string()),
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

    /// Each outcome's findings, or the error, in the order they came.
    #[derive(Default)]
    struct Findings(Vec<String>);

    impl Sink for Findings {
        fn outcome(&mut self, checked: Checked) -> io::Result<()> {
            self.0.push(format!("{:?}", checked.outcome.findings));
            Ok(())
        }
        fn error(&mut self, error: &Error) -> io::Result<()> {
            self.0
                .push(format!("error {error}").replace("alone.jsonl", "batch.jsonl"));
            Ok(())
        }
        fn warning(&mut self, message: &str) -> io::Result<()> {
            self.0.push(format!("warning {message}"));
            Ok(())
        }
    }

    #[test]
    fn records_checked_in_batches_give_what_each_checked_alone_gives() {
        // Runs of one article (batched), distinct articles (batched up to
        // MIN_BATCH_BYTES), a long run (cut at BATCH_RECORDS) and a bad line.
        let bodies = [
            "The mayor opened the bridge on Monday. Teh crowd cheered.",
            "The council voted on the budget on Tuesday after a long debate.",
            "Storms closed the harbour; the ferry will run again on Friday.",
        ];
        let summaries = [
            "The mayor opened the bridge.",
            "The council voted.",
            "The ferry stopped.",
        ];
        let mut pattern: Vec<Option<(usize, usize)>> = Vec::new();
        for round in 0..8 {
            pattern.extend([(0, 0), (0, 1), (0, 2), (1, 1), (2, 2), (1, 0)].map(Some));
            if round == 3 {
                pattern.push(None);
                pattern.extend(std::iter::repeat_n(Some((2, 0)), BATCH_RECORDS + 3));
            }
        }
        let line = |entry: &Option<(usize, usize)>, i: usize| match entry {
            Some((body, summary)) => format!(
                r#"{{"id":"{i}","document":"{}","summary":["{}"]}}"#,
                bodies[*body], summaries[*summary]
            ),
            None => "{oops".to_string(),
        };
        let dir = tempfile::tempdir().unwrap();
        let batch = dir.path().join("batch.jsonl");
        let lines: Vec<String> = pattern.iter().enumerate().map(|(i, e)| line(e, i)).collect();
        std::fs::write(&batch, lines.join("\n")).unwrap();
        let mut together = Findings::default();
        run(
            &[Input::new(&batch.display().to_string())],
            &RunOptions::default(),
            &mut together,
        )
        .unwrap();
        let mut alone = Findings::default();
        for (i, text) in lines.iter().enumerate() {
            // Blank lines keep each record's line number.
            let file = dir.path().join("alone.jsonl");
            std::fs::write(&file, format!("{}{text}", "\n".repeat(i))).unwrap();
            run(
                &[Input::new(&file.display().to_string())],
                &RunOptions::default(),
                &mut alone,
            )
            .unwrap();
        }
        assert_eq!(together.0.len(), pattern.len());
        assert_eq!(together.0, alone.0);
    }

    #[test]
    fn a_slot_gives_its_items_once_and_only_when_done() {
        let slot = Slot::default();
        assert!(!slot.is_done());
        assert!(slot.take().is_none());
        slot.fill(Ok(vec![Item::Warning("w".into())]));
        assert!(slot.is_done());
        assert!(matches!(slot.take(), Some(Ok(items)) if items.len() == 1));
        assert!(slot.take().is_none(), "taken once");
    }

    #[test]
    fn results_come_in_order_from_workers_that_finish_out_of_order() {
        // Many short jobs on the pool's threads: each result waits in its
        // slot until those before it are written, and none is lost (the
        // reading and writing thread parks until a worker unparks it).
        let dir = tempfile::tempdir().unwrap();
        let jsonl = dir.path().join("batch.jsonl");
        let lines: Vec<String> = (0..MIN_CHUNK_RECORDS * 5)
            .map(|i| {
                if i % 3 == 0 {
                    RECORD.replace("ID", &i.to_string())
                } else {
                    // Distinct short bodies: many jobs.
                    RECORD
                        .replace("ID", &i.to_string())
                        .replace("Monday", &format!("day {i}"))
                }
            })
            .collect();
        std::fs::write(&jsonl, lines.join("\n")).unwrap();
        let mut sink = Collect::default();
        let summary = run(
            &[Input::new(&jsonl.display().to_string())],
            &RunOptions::default(),
            &mut sink,
        )
        .unwrap();
        assert_eq!(summary.documents, lines.len());
        for (i, event) in sink.events.iter().enumerate() {
            assert!(event.ends_with(&format!("batch.jsonl#{i}")), "{i}: {event}");
        }
    }

    #[test]
    fn a_worker_takes_its_own_jobs_first_then_the_oldest_of_all() {
        let queues = Queues::new(2);
        // Jobs with no article go to the workers in turn: 0, 2, 4 to the
        // first, 1, 3, 5 to the second.
        for number in 0..6 {
            queues.push(number, Job::Failed(Error::input("x", "failed")), Arc::default());
        }
        let take = |me| queues.take(me).map(|(number, ..)| number);
        assert_eq!([take(0), take(0), take(0)], [Some(0), Some(2), Some(4)]);
        assert_eq!([take(0), take(1), take(1), take(1)], [Some(1), Some(3), Some(5), None]);
    }

    #[test]
    fn a_job_holds_one_article_or_articles_of_one_worker() {
        // Many short distinct articles, each in a run of one to three.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("batch.jsonl");
        let lines: Vec<String> = (0..200)
            .flat_map(|article| {
                (0..1 + article % 3).map(move |i| {
                    format!(r#"{{"id":"{article}-{i}","document":"Article {article} is about the bridge.","summary":["S."]}}"#)
                })
            })
            .collect();
        std::fs::write(&path, lines.join("\n")).unwrap();
        let inputs = [Input::new(&path.display().to_string())];
        let options = RunOptions::default();
        let mut jobs = Jobs {
            inputs: inputs.iter(),
            options: &options,
            workers: 2,
            lines: None,
        };
        let (mut count, mut records) = (0, 0);
        while let Some(job) = jobs.next_job() {
            let Job::Lines { lines, key, .. } = job else {
                panic!("a JSONL job");
            };
            let workers: std::collections::HashSet<usize> =
                lines.iter().map(|line| worker_of(line_key(line).unwrap(), 2)).collect();
            assert_eq!(workers.len(), 1);
            assert_eq!(key, line_key(&lines[0]));
            count += 1;
            records += lines.len();
        }
        assert_eq!(records, lines.len());
        assert!(count < 200, "short articles share jobs: {count} jobs");
    }

    /// A sink that fails on its `n`th outcome, as a closed pipe would.
    struct FailAt {
        n: usize,
        seen: usize,
    }

    impl Sink for FailAt {
        fn outcome(&mut self, _checked: Checked) -> io::Result<()> {
            self.seen += 1;
            if self.seen == self.n {
                return Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"));
            }
            Ok(())
        }
        fn error(&mut self, _error: &Error) -> io::Result<()> {
            Ok(())
        }
        fn warning(&mut self, _message: &str) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn an_error_writing_stops_the_run_and_is_returned() {
        let dir = tempfile::tempdir().unwrap();
        let jsonl = dir.path().join("batch.jsonl");
        let lines: Vec<String> = (0..MIN_CHUNK_RECORDS * 2)
            .map(|i| RECORD.replace("ID", &i.to_string()))
            .collect();
        std::fs::write(&jsonl, lines.join("\n")).unwrap();
        let mut sink = FailAt { n: 3, seen: 0 };
        let error = run(
            &[Input::new(&jsonl.display().to_string())],
            &RunOptions::default(),
            &mut sink,
        )
        .unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::BrokenPipe);
        assert_eq!(sink.seen, 3, "nothing is written after the error");
    }
}
