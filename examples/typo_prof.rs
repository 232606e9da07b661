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

use sumlint::checks::typo;
use sumlint::document::Document;
use sumlint::options::CheckOptions;

#[path = "common/bodies.rs"]
mod bodies;
use bodies::{distinct_bodies, document};

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
    let bodies = distinct_bodies(&paths);
    let docs: Vec<Document> = bodies.iter().enumerate().map(|(i, body)| document(i, body)).collect();
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
