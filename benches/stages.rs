//! Stage benchmarks: how long each pipeline stage takes on a real article
//! (`fixtures/seed.txt`) and on a long one (every text fixture's body one
//! after another, then the seed's summary).
//!
//! `Document` keeps a position cache that is not `Sync`, so the stages that
//! read one run with `bench_local`.
//!
//! Run with `cargo bench --bench stages`; the corpus benchmark
//! (`scripts/bench.sh`) measures the whole run against aspell.

// The allocator the `sumlint` binary uses, so throughput here is the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use divan::{black_box, Bencher};
use sumlint::document::{parse_article, plain, InputFormat, ParseOptions};
use sumlint::options::CheckOptions;
use sumlint::text::{split_sentences, tokenize};

fn main() {
    divan::main();
}

const SEED: &str = include_str!("../fixtures/seed.txt");

/// A long article: the bodies of the plain-text fixtures, ten times over,
/// under the seed's headline, with the seed's bullets.
fn long_article() -> String {
    let bodies = [
        include_str!("../fixtures/budget-summary-first.txt"),
        include_str!("../fixtures/court-ruling-wrapped.txt"),
        SEED,
    ];
    let (head, bullets) = SEED.split_at(SEED.find("\n- ").unwrap_or(SEED.len()));
    let mut text = head.to_string();
    for _ in 0..10 {
        for body in bodies {
            text.push_str("\n\n");
            text.extend(body.lines().filter(|l| !l.starts_with("- ")).map(|l| format!("{l}\n")));
        }
    }
    text.push_str(bullets);
    text
}

fn inputs() -> [(&'static str, String); 2] {
    [("seed", SEED.to_string()), ("long", long_article())]
}

#[divan::bench(args = ["seed", "long"])]
fn layout(bencher: Bencher, which: &str) {
    let text = inputs().into_iter().find(|(n, _)| *n == which).unwrap().1;
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| plain::layout(black_box(&text), &ParseOptions::default()));
}

#[divan::bench(args = ["seed", "long"])]
fn sentences(bencher: Bencher, which: &str) {
    let text = inputs().into_iter().find(|(n, _)| *n == which).unwrap().1;
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| split_sentences(black_box(&text), 0, text.len()));
}

#[divan::bench(args = ["seed", "long"])]
fn tokens(bencher: Bencher, which: &str) {
    let text = inputs().into_iter().find(|(n, _)| *n == which).unwrap().1;
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| tokenize(black_box(&text), 0, text.len()));
}

#[divan::bench(args = ["seed", "long"])]
fn parse(bencher: Bencher, which: &str) {
    let text = inputs().into_iter().find(|(n, _)| *n == which).unwrap().1;
    bencher.counter(divan::counter::BytesCount::of_str(&text)).bench(|| {
        parse_article(
            "a.txt",
            black_box(text.clone()),
            InputFormat::Text,
            &ParseOptions::default(),
        )
    });
}

#[divan::bench(args = ["seed", "long"])]
fn align(bencher: Bencher, which: &str) {
    let text = inputs().into_iter().find(|(n, _)| *n == which).unwrap().1;
    let doc = parse_article("a.txt", text.clone(), InputFormat::Text, &ParseOptions::default()).unwrap();
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench_local(|| sumlint::align::align(black_box(&doc)));
}

#[divan::bench(args = ["seed", "long"])]
fn check(bencher: Bencher, which: &str) {
    let text = inputs().into_iter().find(|(n, _)| *n == which).unwrap().1;
    let doc = parse_article("a.txt", text.clone(), InputFormat::Text, &ParseOptions::default()).unwrap();
    let options = CheckOptions::default();
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench_local(|| sumlint::check_document(black_box(&doc), &options));
}
