//! Corpus benchmark: the whole `sumlint check` run (read, parse, align,
//! check, report) on a corpus built from `fixtures/` and the shared data,
//! on one core and on two (pinned with `taskset`), next to `aspell list --lang=en_US` on the same
//! text; then how the cost grows with article length.
//!
//! ```text
//! cargo build --release && cargo run --release --example corpus_bench -- [--data DIR] [--mb N] [--runs N] [--bin PATH]
//! ```
//! (`scripts/bench.sh` does both.) `--data` is the folder with the shared
//! `*.jsonl` data (`../shared/data` by default); without it the corpus is
//! built from the fixtures alone. The corpus is repeated up to `--mb` MB
//! (default 16) of article text. Each timing is the best of `--runs` runs
//! (default 3) of the release binary (or `--bin PATH`, another build to
//! compare), output sent to /dev/null. MB/s count the article text
//! (documents and summaries), the same bytes aspell reads.
//!
//! Then every distinct document once (the shared data pairs each document
//! with several summaries, and the corpus repeats, so the main corpus is
//! mostly text the check has met before), next to aspell on the same text.
//!
//! `--memory GB` instead writes a JSONL file of that size to /tmp and runs
//! the binary on it under `/usr/bin/time -v`, printing the peak memory.

// A command-line tool: printing its report is its job.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

struct Args {
    data: Option<PathBuf>,
    mb: f64,
    runs: usize,
    memory_gb: Option<f64>,
    /// Another build of `sumlint` to time (an older release, to compare).
    bin: Option<PathBuf>,
}

fn parse_args() -> Args {
    let mut args = Args {
        data: Some(PathBuf::from("../shared/data")),
        mb: 16.0,
        runs: 3,
        memory_gb: None,
        bin: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| fail(&format!("{arg} needs a value")));
        match arg.as_str() {
            "--data" => args.data = Some(PathBuf::from(value())),
            "--mb" => args.mb = value().parse().unwrap_or_else(|_| fail("--mb takes a number")),
            "--runs" => args.runs = value().parse().unwrap_or_else(|_| fail("--runs takes a number")),
            "--bin" => args.bin = Some(PathBuf::from(value())),
            "--memory" => args.memory_gb = Some(value().parse().unwrap_or_else(|_| fail("--memory takes a number"))),
            _ => fail(&format!("unknown argument {arg}")),
        }
    }
    args
}

fn fail(message: &str) -> ! {
    eprintln!("corpus_bench: {message}");
    std::process::exit(2);
}

/// One record of the corpus.
#[derive(Clone)]
struct Record {
    id: String,
    document: String,
    summary: Vec<String>,
}

/// The fixtures and shared data as records: JSON/JSONL records as they
/// are, plain-text fixtures split into body and `- ` bullets.
fn base_records(root: &Path, data: Option<&Path>) -> Vec<Record> {
    let mut records = Vec::new();
    let mut add_json = |value: serde_json::Value| {
        let Some(document) = value["document"].as_str() else {
            return;
        };
        let summary = match &value["summary"] {
            serde_json::Value::String(s) => vec![s.clone()],
            serde_json::Value::Array(items) => items.iter().filter_map(|v| v.as_str().map(String::from)).collect(),
            _ => Vec::new(),
        };
        records.push(Record {
            id: value["id"].as_str().unwrap_or("r").to_string(),
            document: document.to_string(),
            summary,
        });
    };
    let mut jsonl_files: Vec<PathBuf> = vec![root.join("fixtures/records.jsonl")];
    if let Some(dir) = data {
        match fs::read_dir(dir) {
            Ok(entries) => {
                let mut found: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
                    .collect();
                found.sort();
                jsonl_files.extend(found);
            }
            Err(e) => eprintln!(
                "corpus_bench: no shared data at {} ({e}); using the fixtures only",
                dir.display()
            ),
        }
    }
    for path in &jsonl_files {
        let text = fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            if let Ok(value) = serde_json::from_str(line) {
                add_json(value);
            }
        }
    }
    if let Ok(value) =
        serde_json::from_str(&fs::read_to_string(root.join("fixtures/health-study.json")).unwrap_or_default())
    {
        add_json(value);
    }
    let mut texts: Vec<PathBuf> = fs::read_dir(root.join("fixtures"))
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    texts.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    texts.sort();
    for path in texts {
        let text = fs::read_to_string(&path).unwrap_or_default();
        let (bullets, body): (Vec<&str>, Vec<&str>) = text.lines().partition(|l| l.starts_with("- "));
        records.push(Record {
            id: path.file_stem().unwrap().to_string_lossy().into_owned(),
            document: body.join("\n"),
            summary: bullets.iter().map(|b| b[2..].to_string()).collect(),
        });
    }
    records
}

/// The first record of each distinct document: the shared data pairs each
/// document with several summaries, and the corpus repeats the records, so
/// most of the main corpus is text the check has already met (its
/// per-thread word caches are warm). This set has every document once.
fn distinct(records: &[Record]) -> Vec<Record> {
    let mut seen = std::collections::HashSet::new();
    records
        .iter()
        .filter(|r| seen.insert(r.document.as_str()))
        .cloned()
        .collect()
}

/// Writes the corpus as JSONL (for sumlint) and as plain text (for
/// aspell), repeating the records up to `target` bytes of text (each
/// record once when `target` is `None`). Returns (records, text bytes).
fn write_corpus(records: &[Record], target: Option<u64>, jsonl: &Path, text: &Path) -> (usize, u64) {
    let mut jsonl_out = BufWriter::new(fs::File::create(jsonl).unwrap());
    let mut text_out = BufWriter::new(fs::File::create(text).unwrap());
    let (mut count, mut bytes) = (0usize, 0u64);
    'outer: for round in 0.. {
        for r in records {
            let value = serde_json::json!({
                "id": format!("{}-{round}", r.id),
                "document": r.document,
                "summary": r.summary,
            });
            writeln!(jsonl_out, "{value}").unwrap();
            let plain = format!("{}\n{}\n", r.document, r.summary.join("\n"));
            text_out.write_all(plain.as_bytes()).unwrap();
            count += 1;
            bytes += plain.len() as u64;
            if target.is_some_and(|target| bytes >= target) {
                break 'outer;
            }
        }
        if target.is_none() {
            break;
        }
    }
    (count, bytes)
}

/// Wall and CPU (user + system) seconds of one run.
#[derive(Clone, Copy)]
struct Timing {
    wall: f64,
    cpu: f64,
}

/// The run with the best wall time of `runs` runs of `command`, with its
/// CPU time when `/usr/bin/time` is there to measure it (0 otherwise). CPU
/// time is what to compare on a shared machine: other processes lengthen
/// the wall time of every run, not the CPU time it needs.
fn best_of(runs: usize, stdin: Option<&Path>, mut command: impl FnMut() -> Command) -> Timing {
    let has_time = Path::new("/usr/bin/time").exists();
    let report = std::env::temp_dir().join(format!("sumlint-bench-time-{}", std::process::id()));
    (0..runs.max(1))
        .map(|_| {
            let inner = command();
            let mut cmd = if has_time {
                let mut cmd = Command::new("/usr/bin/time");
                cmd.args(["-f", "%U %S", "-o"]).arg(&report).arg(inner.get_program());
                cmd.args(inner.get_args());
                for (key, value) in inner.get_envs() {
                    if let Some(value) = value {
                        cmd.env(key, value);
                    }
                }
                cmd
            } else {
                inner
            };
            if let Some(input) = stdin {
                cmd.stdin(fs::File::open(input).unwrap_or_else(|e| fail(&format!("{}: {e}", input.display()))));
            }
            cmd.stdout(Stdio::null()).stderr(Stdio::null());
            let start = Instant::now();
            let status = cmd
                .status()
                .unwrap_or_else(|e| fail(&format!("cannot run {cmd:?}: {e}")));
            let wall = start.elapsed().as_secs_f64();
            if status.code().is_none_or(|c| c > 1) {
                fail(&format!("{cmd:?} failed: {status}"));
            }
            // GNU time writes "Command exited with non-zero status 1" above the
            // times when the check finds something: read the last line only.
            let cpu = fs::read_to_string(&report)
                .ok()
                .and_then(|t| t.lines().last().map(cpu_seconds))
                .unwrap_or(0.0);
            Timing { wall, cpu }
        })
        .min_by(|a, b| a.wall.total_cmp(&b.wall))
        .unwrap()
}

/// User plus system seconds from a `%U %S` line of `/usr/bin/time`.
fn cpu_seconds(line: &str) -> f64 {
    line.split_whitespace().filter_map(|v| v.parse::<f64>().ok()).sum()
}

fn sumlint_bin(root: &Path) -> PathBuf {
    let bin = root.join("target/release/sumlint");
    if !bin.exists() {
        fail("build the release binary first: cargo build --release");
    }
    bin
}

/// `sumlint check` on `threads` worker threads, pinned to as many cores:
/// the calling thread (which reads input and writes the report) shares
/// them, so "1 thread" is one core.
fn sumlint(bin: &Path, threads: usize, file: &Path, quiet: bool) -> Command {
    let mut cmd = on_cores(threads, bin);
    cmd.args(["check", "--color", "never"])
        .args(quiet.then_some("--quiet"))
        .arg(file)
        .env("RAYON_NUM_THREADS", threads.to_string());
    cmd
}

/// `program` pinned to the first `cores` cores with `taskset` (util-linux),
/// or unpinned when there is no `taskset`.
fn on_cores(cores: usize, program: impl AsRef<std::ffi::OsStr>) -> Command {
    if !taskset_available() {
        return Command::new(program);
    }
    let mut cmd = Command::new("taskset");
    cmd.args(["-c", &format!("0-{}", cores - 1)]).arg(program);
    cmd
}

fn taskset_available() -> bool {
    succeeds("taskset", &["-c", "0", "true"])
}

fn aspell_available() -> bool {
    succeeds("aspell", &["--lang=en_US", "dump", "config"])
}

/// True if `program args` runs and exits with success (output discarded).
fn succeeds(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn main() {
    let args = parse_args();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bin = args.bin.clone().unwrap_or_else(|| sumlint_bin(&root));
    println!("binary: {}", bin.display());
    let data = args
        .data
        .as_deref()
        .map(|d| if d.is_relative() { root.join(d) } else { d.to_path_buf() });
    let records = base_records(&root, data.as_deref());
    if let Some(gb) = args.memory_gb {
        return memory(&bin, &records, gb);
    }
    let dir = tempfile_dir();
    let (jsonl, text) = (dir.join("corpus.jsonl"), dir.join("corpus.txt"));
    let (count, bytes) = write_corpus(&records, Some((args.mb * 1e6) as u64), &jsonl, &text);
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {count} documents, {mb:.1} MB of article text ({} base records from fixtures/{}), best of {} runs",
        records.len(),
        if data.is_some() { " and the shared data" } else { "" },
        args.runs
    );
    if !taskset_available() {
        println!("note: taskset is not installed, so \"1 thread\" runs are not pinned to one core");
    }
    println!(
        "{:<44} {:>8} {:>8} {:>9} {:>12} {:>12}",
        "", "wall s", "CPU s", "MB/s", "MB/CPU-s", "documents/s"
    );
    let row = |name: &str, t: Timing| {
        let per_cpu = if t.cpu > 0.0 {
            format!("{:.2}", mb / t.cpu)
        } else {
            "?".into()
        };
        println!(
            "{name:<44} {:>8.3} {:>8.3} {:>9.2} {per_cpu:>12} {:>12.0}",
            t.wall,
            t.cpu,
            mb / t.wall,
            count as f64 / t.wall
        );
        t
    };
    let quiet1 = row(
        "sumlint check --quiet, 1 thread",
        best_of(args.runs, None, || sumlint(&bin, 1, &jsonl, true)),
    );
    let quiet2 = row(
        "sumlint check --quiet, 2 threads",
        best_of(args.runs, None, || sumlint(&bin, 2, &jsonl, true)),
    );
    row(
        "sumlint check (full text report), 1 thread",
        best_of(args.runs, None, || sumlint(&bin, 1, &jsonl, false)),
    );
    row(
        "sumlint check (full text report), 2 threads",
        best_of(args.runs, None, || sumlint(&bin, 2, &jsonl, false)),
    );
    if aspell_available() {
        let aspell = row(
            "aspell list --lang=en_US (1 thread)",
            best_of(args.runs, Some(&text), || {
                let mut cmd = on_cores(1, "aspell");
                cmd.args(["list", "--lang=en_US"]);
                cmd
            }),
        );
        println!(
            "sumlint --quiet vs aspell per byte (above 1 is faster): wall {:.2}x on 1 thread, {:.2}x on 2 threads; CPU time {:.2}x",
            aspell.wall / quiet1.wall,
            aspell.wall / quiet2.wall,
            if quiet1.cpu > 0.0 { aspell.cpu / quiet1.cpu } else { f64::NAN }
        );
    } else {
        println!("aspell list --lang=en_US: not installed (apt-get install -y aspell aspell-en); skipped");
    }
    distinct_documents(&bin, &records, &dir, args.runs.max(5));
    startup(&bin, &dir);
    scaling(&bin, &root, &dir, args.runs.max(5));
    let _ = fs::remove_dir_all(&dir);
}

/// Every distinct document once, on one thread, next to aspell on the same
/// text: the per-byte cost where nothing repeats (an archive of different
/// articles), with the word caches cold.
fn distinct_documents(bin: &Path, records: &[Record], dir: &Path, runs: usize) {
    let records = distinct(records);
    let (jsonl, text) = (dir.join("distinct.jsonl"), dir.join("distinct.txt"));
    let (count, bytes) = write_corpus(&records, None, &jsonl, &text);
    let mb = bytes as f64 / 1e6;
    let sumlint = best_of(runs, None, || sumlint(bin, 1, &jsonl, true));
    print!(
        "\ndistinct documents ({count}, {mb:.2} MB, each once; best of {runs}): sumlint check --quiet, 1 thread: {:.2} MB/s ({:.3} s)",
        mb / sumlint.wall,
        sumlint.wall
    );
    if aspell_available() {
        let aspell = best_of(runs, Some(&text), || {
            let mut cmd = on_cores(1, "aspell");
            cmd.args(["list", "--lang=en_US"]);
            cmd
        });
        print!(
            "; aspell {:.2} MB/s ({:.3} s); sumlint vs aspell {:.2}x",
            mb / aspell.wall,
            aspell.wall,
            aspell.wall / sumlint.wall
        );
    }
    println!();
}

/// Start-up: the whole run on a two-sentence article, best of 20; what a
/// check on every save costs.
fn startup(bin: &Path, dir: &Path) {
    let path = dir.join("tiny.txt");
    fs::write(
        &path,
        "Bridge Opens\n\nThe mayor opened the bridge on Monday.\n\n- The mayor opened the bridge.\n",
    )
    .unwrap();
    let time = best_of(20, None, || sumlint(bin, 1, &path, false));
    println!(
        "\nstart-up: a check of a two-line article takes {:.1} ms wall, {:.1} ms CPU (best of 20)",
        time.wall * 1e3,
        time.cpu * 1e3
    );
}

/// Cost against length: one article, then the same article with its body
/// ten times longer (same summary), one thread.
fn scaling(bin: &Path, root: &Path, dir: &Path, runs: usize) {
    let seed = fs::read_to_string(root.join("fixtures/seed.txt")).unwrap();
    let others = ["budget-summary-first.txt", "court-ruling-wrapped.txt"]
        .map(|f| fs::read_to_string(root.join("fixtures").join(f)).unwrap_or_default());
    let cut = seed.find("\n- ").unwrap_or(seed.len());
    let (head, bullets) = seed.split_at(cut);
    let body: String = others
        .iter()
        .map(|t| {
            t.lines()
                .filter(|l| !l.starts_with("- "))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let article = |copies: usize| format!("{head}\n\n{}\n{bullets}", vec![body.as_str(); copies].join("\n\n"));
    println!("\ncost against length (sumlint check --quiet, 1 thread, same summary, body repeated; best wall time):");
    let mut last: Option<(usize, f64)> = None;
    for copies in [40, 400] {
        let path = dir.join(format!("long-{copies}.txt"));
        fs::write(&path, article(copies)).unwrap();
        let size = fs::metadata(&path).unwrap().len();
        let time = best_of(runs, None, || sumlint(bin, 1, &path, true)).wall;
        print!("  {:>8.2} MB article: {time:>8.3} s", size as f64 / 1e6);
        if let Some((last_size, last_time)) = last {
            print!(
                "   {:.1}x the text costs {:.2}x the time",
                size as f64 / last_size as f64,
                time / last_time
            );
        }
        println!();
        last = Some((size as usize, time));
    }
}

/// Peak memory while streaming a large JSONL file.
fn memory(bin: &Path, records: &[Record], gb: f64) {
    let path = PathBuf::from("/tmp/sumlint-memory-bench.jsonl");
    let text = std::env::temp_dir().join("sumlint-memory-bench.txt");
    let target = (gb * 1e9) as u64;
    // The JSONL is a little larger than its text; aim the text a bit lower.
    let (count, _) = write_corpus(records, Some(target - target / 20), &path, &text);
    let _ = fs::remove_file(&text);
    let size = fs::metadata(&path).unwrap().len();
    println!("{}: {count} records, {:.2} GB", path.display(), size as f64 / 1e9);
    let start = Instant::now();
    let output = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(bin)
        .args(["check", "--quiet", "--color", "never"])
        .arg(&path)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap_or_else(|e| fail(&format!("cannot run /usr/bin/time (apt-get install time): {e}")));
    let elapsed = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let peak = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes): "))
        .unwrap_or("?");
    println!(
        "sumlint check --quiet: {elapsed:.1} s ({:.1} MB/s), peak resident memory {peak} KB",
        size as f64 / 1e6 / elapsed
    );
    let _ = fs::remove_file(&path);
}

fn tempfile_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sumlint-bench-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    dir
}
