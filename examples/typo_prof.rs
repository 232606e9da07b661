//! Typo-check passes for profiling: `cargo run --release --example typo_prof -- N [FILE.jsonl ...]`.
//!
//! Runs `typo::analyse` once over the distinct documents of the JSONL files
//! (default `../shared/data/*.jsonl`) on a fresh thread (nothing remembered:
//! the cold pass), then N more times (the warm passes), and prints the warm
//! throughput. Under callgrind, `--toggle-collect='*prof_pass*'` counts only
//! the passes: N=0 gives the cold pass, (N=4 − N=0) / 4 a warm one.

#![allow(clippy::print_stdout)] // a benchmark reports on the terminal

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::HashSet;
use sumlint::checks::typo;
use sumlint::document::json::{parse_jsonl_line, Record};
use sumlint::document::Document;
use sumlint::options::CheckOptions;

#[inline(never)]
fn prof_pass(docs: &[Document], options: &CheckOptions) {
    for doc in docs {
        std::hint::black_box(typo::analyse(doc, options));
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let mut paths: Vec<String> = args.collect();
    if paths.is_empty() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
        paths = ["frank-valid.jsonl", "summedits-news-eval.jsonl"]
            .iter()
            .map(|f| dir.join(f).display().to_string())
            .collect();
    }
    let mut seen = HashSet::new();
    let mut bodies = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}; pass JSONL files"));
        for (i, line) in text.lines().enumerate() {
            if let Some(Ok(record)) = parse_jsonl_line(path, i + 1, line) {
                if seen.insert(record.document.clone()) {
                    bodies.push(record.document);
                }
            }
        }
    }
    let docs: Vec<Document> = bodies
        .iter()
        .enumerate()
        .map(|(i, body)| {
            let record = Record {
                id: format!("doc-{i}"),
                document: body.clone(),
                summary: None,
                headline: None,
                dek: None,
                label: None,
            };
            record.into_document("bench.jsonl", None)
        })
        .collect();
    let options = CheckOptions::default();
    let bytes: usize = bodies.iter().map(String::len).sum();
    prof_pass(&docs, &options);
    let started = std::time::Instant::now();
    for _ in 0..rounds {
        prof_pass(&docs, &options);
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{} documents, {bytes} bytes; {rounds} warm passes at {:.1} MB/s",
        docs.len(),
        (bytes * rounds) as f64 / 1e6 / seconds
    );
}
