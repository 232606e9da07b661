//! Typo benchmark: `cargo run --release --example typo_bench [FILE.jsonl ...]`.
//!
//! Takes the news documents in the JSONL files (default
//! `../shared/data/*.jsonl`, each document once), and:
//! 1. runs the typo check on the unmodified documents: every flag there is
//!    counted as a false flag (per 10,000 words), and listed in
//!    `target/typo_bench_clean_flags.txt` for review;
//! 2. injects misspellings into English words with a fixed seed, one edit
//!    in most cases (deletion, insertion of a neighbouring key, keyboard
//!    neighbour substitution, transposition, doubled and dropped doubled
//!    letters, -ance/-ence style vowel swaps, ie/ei), about one per 150
//!    words, rejecting edits that make another English word (no spell
//!    checker can see a real-word error), and measures recall, precision
//!    and top-1 suggestion accuracy;
//! 3. measures detection throughput (MB/s, one thread) on the unmodified
//!    documents: one pass on a fresh thread (no remembered lexicon answers;
//!    the median of several such threads) and repeated passes (all
//!    remembered);
//!    Next to them, `aspell list --lang=en_US` on the same text in the
//!    same run (skipped when aspell is missing): the host's speed moves
//!    between runs, the ratio much less;
//! 4. runs `hunspell -l -d en_US` (and `-a` for its first suggestion) on the
//!    same texts when hunspell is installed, and skips it otherwise (or when
//!    `TYPO_BENCH_NO_HUNSPELL` is set).
//!
//! `--misspellings LIST` adds real misspellings: LIST is in codespell's
//! format (`wrong->right`, one per line), such as the `dictionary.txt` of
//! the codespell package (`pip download codespell --no-deps`, then unzip the
//! wheel: `codespell_lib/data/dictionary.txt`, CC BY-SA 3.0, not shipped
//! here). Up to two words of each document that the list has a misspelling
//! for are replaced by one (a random one of those listed, never an English
//! word), and recall and top-1 are measured, next to hunspell's.

#![allow(clippy::print_stdout)] // a benchmark reports on the terminal

// The allocator the `sumlint` binary uses, so throughput here is the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::HashSet;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Instant;

use sumlint::checks::typo;
use sumlint::document::Document;
use sumlint::options::CheckOptions;
use sumlint::text::lexicon::{self, Locale};
use unicode_segmentation::UnicodeSegmentation;

#[path = "common/bodies.rs"]
mod bodies;
use bodies::{distinct_bodies, document};

/// SplitMix64: a tiny, well-known PRNG so the benchmark needs no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

fn neighbours(c: char) -> Vec<char> {
    let pos = |c: char| {
        ROWS.iter()
            .enumerate()
            .find_map(|(r, row)| row.find(c).map(|col| (r as i32, col as i32 + r as i32 / 2)))
    };
    let Some((r, col)) = pos(c) else { return vec![] };
    "abcdefghijklmnopqrstuvwxyz"
        .chars()
        .filter(|&o| o != c && pos(o).is_some_and(|(r2, c2)| (r2 - r).abs() <= 1 && (c2 - col).abs() <= 1))
        .collect()
}

/// One misspelling of `word` (lower-case ASCII), or None.
fn misspell(word: &str, rng: &mut Rng) -> Option<String> {
    let mut w: Vec<char> = word.chars().collect();
    let n = w.len();
    let roll = rng.below(100);
    let doubled: Vec<usize> = (1..n).filter(|&i| w[i] == w[i - 1]).collect();
    match roll {
        0..=19 => {
            // Deletion of a letter.
            w.remove(rng.below(n));
        }
        20..=33 => {
            // Insertion of a key next to a neighbouring letter.
            let i = rng.below(n);
            let near = neighbours(w[i]);
            if near.is_empty() {
                return None;
            }
            let c = near[rng.below(near.len())];
            w.insert(i + rng.below(2), c);
        }
        34..=53 => {
            // Keyboard-neighbour substitution.
            let i = rng.below(n);
            let near = neighbours(w[i]);
            if near.is_empty() {
                return None;
            }
            w[i] = near[rng.below(near.len())];
        }
        54..=68 => {
            // Transposition of two adjacent letters.
            let i = rng.below(n - 1);
            if w[i] == w[i + 1] {
                return None;
            }
            w.swap(i, i + 1);
        }
        69..=76 => {
            // A letter doubled.
            let i = rng.below(n);
            w.insert(i, w[i]);
        }
        77..=84 => {
            // A doubled letter written once (or any letter dropped).
            let i = if doubled.is_empty() {
                rng.below(n)
            } else {
                doubled[rng.below(doubled.len())]
            };
            w.remove(i);
        }
        85..=94 => {
            // Sound-alike spellings: -ance/-ence, -ant/-ent, -able/-ible, ie/ei, a vowel for a vowel.
            let s: String = w.iter().collect();
            let swaps = [
                ("ance", "ence"),
                ("ence", "ance"),
                ("ant", "ent"),
                ("ent", "ant"),
                ("able", "ible"),
                ("ible", "able"),
                ("ie", "ei"),
                ("ei", "ie"),
                ("ise", "ize"),
                ("tion", "sion"),
            ];
            let applicable: Vec<&(&str, &str)> = swaps.iter().filter(|(a, _)| s.contains(a)).collect();
            if let Some((a, b)) = applicable.get(rng.below(applicable.len().max(1))) {
                return Some(s.replacen(a, b, 1));
            }
            let vowels: Vec<usize> = (0..n).filter(|&i| "aeiou".contains(w[i])).collect();
            if vowels.is_empty() {
                return None;
            }
            let i = vowels[rng.below(vowels.len())];
            let options: Vec<char> = "aeiou".chars().filter(|&v| v != w[i]).collect();
            w[i] = options[rng.below(options.len())];
        }
        _ => {
            // Two slips: a deletion and a neighbour substitution.
            w.remove(rng.below(n));
            let i = rng.below(w.len());
            let near = neighbours(w[i]);
            if near.is_empty() {
                return None;
            }
            w[i] = near[rng.below(near.len())];
        }
    }
    Some(w.into_iter().collect())
}

fn is_english(w: &str) -> bool {
    lexicon::is_word(w, Locale::Any) || lexicon::frequency(w) > 0 || lexicon::is_known_name(w)
}

struct Injected {
    start: usize,
    end: usize,
    intended: String,
}

impl Injected {
    /// Appends `typo` to `out` and records where it is.
    fn append(out: &mut String, typo: &str, intended: String) -> Injected {
        let start = out.len();
        out.push_str(typo);
        Injected {
            start,
            end: out.len(),
            intended,
        }
    }
}

/// The body of `record` with misspellings, and where they are.
fn inject(text: &str, rng: &mut Rng) -> (String, Vec<Injected>) {
    let mut out = String::with_capacity(text.len() + 64);
    let mut injected = Vec::new();
    let mut last = 0;
    for (offset, word) in text.unicode_word_indices() {
        let eligible = word.len() >= 3
            && word.chars().all(|c| c.is_ascii_alphabetic())
            && word.chars().skip(1).all(|c| c.is_ascii_lowercase())
            && lexicon::is_word(word, Locale::Any);
        if !eligible || !rng.chance(1.0 / 150.0) {
            continue;
        }
        let lower = word.to_ascii_lowercase();
        let Some(typo) = (0..5).find_map(|_| misspell(&lower, rng).filter(|t| t.len() >= 2 && !is_english(t))) else {
            continue;
        };
        let typo = if word.starts_with(|c: char| c.is_uppercase()) {
            let mut c = typo.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        } else {
            typo
        };
        out.push_str(&text[last..offset]);
        injected.push(Injected::append(&mut out, &typo, lower));
        last = offset + word.len();
    }
    out.push_str(&text[last..]);
    (out, injected)
}

/// The body with one occurrence of some of its names misspelled. A name
/// here is a capitalised word of 4+ letters the lexicon does not list as a
/// word, written at least three times, so that the document still spells
/// it right at least twice: the case `typo/inconsistent-spelling` is for.
/// (A name written once and misspelled cannot be told from a rare name
/// without a gazetteer.) Each such name is misspelled with probability 1/2,
/// at a random occurrence, by the same slips as the English words.
fn inject_names(text: &str, rng: &mut Rng) -> (String, Vec<Injected>) {
    let is_name = |w: &str| {
        w.len() >= 4
            && w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.chars().skip(1).all(|c| c.is_ascii_lowercase())
            && !lexicon::is_word(w, Locale::Any)
    };
    let mut occurrences: Vec<(&str, Vec<usize>)> = Vec::new();
    for (offset, word) in text.unicode_word_indices().filter(|(_, w)| is_name(w)) {
        match occurrences.iter_mut().find(|(w, _)| *w == word) {
            Some((_, at)) => at.push(offset),
            None => occurrences.push((word, vec![offset])),
        }
    }
    let words: HashSet<String> = text.unicode_words().map(str::to_lowercase).collect();
    let mut chosen: Vec<(usize, &str, String)> = Vec::new();
    for (name, at) in occurrences.iter().filter(|(_, at)| at.len() >= 3) {
        if !rng.chance(0.5) {
            continue;
        }
        let offset = at[rng.below(at.len())];
        let lower = name.to_ascii_lowercase();
        let typo = (0..5).find_map(|_| {
            misspell(&lower, rng).filter(|t| t.len() >= 2 && !is_english(t) && !words.contains(t.as_str()))
        });
        let Some(typo) = typo else { continue };
        let mut c = typo.chars();
        let typo: String = c
            .next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default();
        chosen.push((offset, name, typo));
    }
    splice(
        text,
        chosen
            .into_iter()
            .map(|(offset, name, typo)| (offset, name, typo, name.to_ascii_lowercase()))
            .collect(),
    )
}

/// `text` with each `(offset, word, typo, intended)` word replaced by its
/// typo, and where the typos are.
fn splice(text: &str, mut replacements: Vec<(usize, &str, String, String)>) -> (String, Vec<Injected>) {
    replacements.sort_by_key(|(offset, ..)| *offset);
    let mut out = String::with_capacity(text.len() + 64);
    let mut injected = Vec::new();
    let mut last = 0;
    for (offset, word, typo, intended) in replacements {
        out.push_str(&text[last..offset]);
        injected.push(Injected::append(&mut out, &typo, intended));
        last = offset + word.len();
    }
    out.push_str(&text[last..]);
    (out, injected)
}

fn words(text: &str) -> usize {
    text.unicode_words()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
}

fn main() {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    let misspellings = paths.iter().position(|a| a == "--misspellings").map(|i| {
        let list = paths
            .get(i + 1)
            .cloned()
            .unwrap_or_else(|| panic!("--misspellings takes a file"));
        paths.drain(i..i + 2);
        list
    });
    if paths.is_empty() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data");
        let dir = if dir.exists() {
            dir
        } else {
            std::path::PathBuf::from("/work/shared/data")
        };
        let mut found: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}; pass JSONL files as arguments", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .map(|p| p.display().to_string())
            .collect();
        found.sort();
        paths = found;
    }
    let bodies = distinct_bodies(&paths);
    let options = CheckOptions::default();
    let total_words: usize = bodies.iter().map(|b| words(b)).sum();
    let total_bytes: usize = bodies.iter().map(|b| b.len()).sum();
    println!(
        "documents: {} distinct from {}, {} words, {:.2} MB",
        bodies.len(),
        paths.join(" "),
        total_words,
        total_bytes as f64 / 1e6
    );

    // 1. Clean documents: every flag is a false flag (or a typo in the source).
    let docs: Vec<Document> = bodies.iter().enumerate().map(|(i, b)| document(i, b)).collect();
    let mut clean_flags = Vec::new();
    for doc in &docs {
        for t in typo::analyse(doc, &options) {
            let line = doc.line_text(&doc.span(t.start, t.end)).to_string();
            let at = t.start;
            let context_start = doc.text[..at].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
            let context_end = doc.text[t.end..]
                .char_indices()
                .nth(40)
                .map_or(doc.text.len(), |(i, _)| t.end + i);
            let _ = line;
            clean_flags.push(format!(
                "{}\t{}\t{:?}\t{}",
                t.rule.id,
                &doc.text[t.start..t.end],
                t.suggestion,
                doc.text[context_start..context_end].replace('\n', " ")
            ));
        }
    }
    let out_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/typo_bench_clean_flags.txt");
    let _ = std::fs::write(&out_path, clean_flags.join("\n") + "\n");
    println!(
        "sumlint clean: {} flags = {:.2} per 10,000 words (listed in {})",
        clean_flags.len(),
        clean_flags.len() as f64 * 10_000.0 / total_words as f64,
        out_path.display()
    );

    // 2. Injected misspellings.
    let mut rng = Rng(0x5eed_2026);
    let mut injected_docs = Vec::new();
    for (i, body) in bodies.iter().enumerate() {
        let (text, injected) = inject(body, &mut rng);
        injected_docs.push((document(i, &text), text, injected));
    }
    let (mut injections, mut detected, mut top1, mut flags, mut true_flags) = (0, 0, 0, 0, 0);
    let (mut cap_injections, mut cap_detected) = (0, 0);
    let mut misses = Vec::new();
    let mut wrong_top1 = Vec::new();
    for (doc, text, injected) in &injected_docs {
        // Record text starts at offset 0 of the document (no headline).
        let typos = typo::analyse(doc, &options);
        flags += typos.len();
        for inj in injected {
            injections += 1;
            let capital = text[inj.start..].starts_with(char::is_uppercase);
            cap_injections += usize::from(capital);
            match typos.iter().find(|t| t.start < inj.end && inj.start < t.end) {
                Some(t) => {
                    detected += 1;
                    cap_detected += usize::from(capital);
                    if t.suggestion.as_deref().map(str::to_lowercase).as_deref() == Some(inj.intended.as_str()) {
                        top1 += 1;
                    } else {
                        wrong_top1.push(format!(
                            "{} -> {:?} (meant {})",
                            &text[inj.start..inj.end],
                            t.suggestion,
                            inj.intended
                        ));
                    }
                }
                None => {
                    let from = text[..inj.start].char_indices().rev().nth(30).map_or(0, |(i, _)| i);
                    let to = text[inj.end..]
                        .char_indices()
                        .nth(20)
                        .map_or(text.len(), |(i, _)| inj.end + i);
                    misses.push(format!(
                        "{} (meant {}): …{}…",
                        &text[inj.start..inj.end],
                        inj.intended,
                        &text[from..to]
                    ))
                }
            }
        }
        true_flags += typos
            .iter()
            .filter(|t| injected.iter().any(|inj| t.start < inj.end && inj.start < t.end))
            .count();
    }
    let injected_words: usize = injected_docs.iter().map(|(_, t, _)| words(t)).sum();
    println!("injected: {injections} misspellings ({cap_injections} capitalised) in {injected_words} words");
    println!(
        "sumlint: recall {:.3} ({detected}/{injections}; capitalised {cap_detected}/{cap_injections}), precision {:.3} ({true_flags}/{flags}), top-1 {:.3} ({top1}/{detected})",
        detected as f64 / injections as f64,
        true_flags as f64 / flags.max(1) as f64,
        top1 as f64 / detected.max(1) as f64
    );
    if std::env::var_os("TYPO_BENCH_VERBOSE").is_some() {
        for miss in &misses {
            println!("miss: {miss}");
        }
        println!("wrong top-1: {wrong_top1:?}");
    }

    // 2b. Misspelled names (apart from the English words above, with a seed of their own).
    let mut rng = Rng(0x5eed_0a3e);
    let name_docs: Vec<InjectedDoc> = bodies
        .iter()
        .enumerate()
        .filter_map(|(i, body)| {
            let (text, injected) = inject_names(body, &mut rng);
            (!injected.is_empty()).then(|| (document(i, &text), text, injected))
        })
        .collect();
    score(&name_docs, &options).print(
        "sumlint, misspelled names written right 2+ times elsewhere",
        "name misses",
    );
    if let Some(list) = &misspellings {
        listed_misspellings(&bodies, &options, list);
    }

    // 3. Throughput: detection on the unmodified documents, one thread.
    // The check remembers lexicon answers per thread, so a fresh thread's
    // first pass (nothing remembered) is reported apart from repeated
    // passes (everything remembered): a real corpus lies in between.
    // One first pass takes a few hundredths of a second, so a single one
    // is at the mercy of the scheduler: it is run on FIRST_PASSES fresh
    // threads one after another, and the median is reported with the range.
    // (What the process builds once, the lexicon's tables, is warm after
    // the first: a real run pays it once, at start-up.)
    const FIRST_PASSES: usize = 7;
    let mut cold: Vec<(f64, Option<f64>)> = (0..FIRST_PASSES)
        .map(|_| {
            std::thread::scope(|scope| {
                scope
                    .spawn(|| {
                        // Documents are not shared between threads: this one parses its own.
                        let docs: Vec<Document> = bodies.iter().enumerate().map(|(i, b)| document(i, b)).collect();
                        let cpu_start = cpu_seconds();
                        let started = Instant::now();
                        for doc in &docs {
                            std::hint::black_box(typo::analyse(doc, &options));
                        }
                        (
                            started.elapsed().as_secs_f64(),
                            cpu_seconds().zip(cpu_start).map(|(end, start)| end - start),
                        )
                    })
                    .join()
                    .unwrap_or((f64::NAN, None))
            })
        })
        .collect();
    let cpu_rate = |cpu: Option<f64>, rounds: usize| {
        cpu.map(|cpu| {
            format!(
                "; {:.1} MB/s of CPU time ({cpu:.3} s on this thread, immune to other load)",
                total_bytes as f64 * rounds as f64 / 1e6 / cpu
            )
        })
        .unwrap_or_default()
    };
    cold.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (fastest, slowest) = (cold[0].0, cold[FIRST_PASSES - 1].0);
    let median = cold[FIRST_PASSES / 2];
    let mut cpu_times: Vec<f64> = cold.iter().filter_map(|c| c.1).collect();
    cpu_times.sort_by(f64::total_cmp);
    println!(
        "sumlint throughput, first pass on a fresh thread (median of {FIRST_PASSES}): {:.1} MB/s wall ({:.2} MB in {:.3} s; range {:.1}-{:.1} MB/s){}",
        total_bytes as f64 / 1e6 / median.0,
        total_bytes as f64 / 1e6,
        median.0,
        total_bytes as f64 / 1e6 / slowest,
        total_bytes as f64 / 1e6 / fastest,
        cpu_rate(cpu_times.get(cpu_times.len() / 2).copied(), 1)
    );
    let cpu_start = cpu_seconds().unwrap_or(0.0);
    let started = Instant::now();
    let mut rounds = 0;
    while rounds < 3 || started.elapsed().as_secs_f64() < 2.0 {
        for doc in &docs {
            std::hint::black_box(typo::analyse(doc, &options));
        }
        rounds += 1;
    }
    let seconds = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds().map(|end| end - cpu_start);
    println!(
        "sumlint throughput, repeated passes: {:.1} MB/s wall ({} rounds over {:.2} MB in {:.2} s, one thread){}",
        total_bytes as f64 * rounds as f64 / 1e6 / seconds,
        rounds,
        total_bytes as f64 / 1e6,
        seconds,
        cpu_rate(cpu, rounds)
    );

    // The reference: aspell on the same text in the same run (this host's
    // speed moves by a fifth between phases, so a figure alone says little).
    aspell(&bodies, total_bytes, total_bytes as f64 / 1e6 / median.0);

    // 4. hunspell on the same texts, when installed.
    hunspell(&bodies, total_words, &injected_docs);
}

/// Copies of the documents aspell reads: enough text (about 9 MB) that its
/// start-up (loading the dictionary) is not what is timed.
const ASPELL_COPIES: usize = 20;

/// Times `aspell list --lang=en_US` (a fast C++ spell check, the reference
/// of the corpus benchmark) on [`ASPELL_COPIES`] copies of the documents,
/// best of three, on the cores this process may use (run the bench under
/// `taskset -c 1` for one core), and prints its throughput next to
/// sumlint's first pass (`first_pass` MB/s, wall). Skipped when aspell is
/// not installed.
fn aspell(bodies: &[String], total_bytes: usize, first_pass: f64) {
    let path = std::env::temp_dir().join(format!("sumlint-typo-bench-{}.txt", std::process::id()));
    let text = bodies.join("\n").repeat(ASPELL_COPIES);
    if std::fs::write(&path, &text).is_err() {
        println!("aspell: cannot write {}; reference skipped", path.display());
        return;
    }
    let run = || -> Option<f64> {
        let input = std::fs::File::open(&path).ok()?;
        let started = Instant::now();
        let status = Command::new("aspell")
            .args(["list", "--lang=en_US"])
            .stdin(input)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        status.success().then(|| started.elapsed().as_secs_f64())
    };
    let best = (0..3).map(|_| run()).collect::<Option<Vec<f64>>>();
    let _ = std::fs::remove_file(&path);
    let Some(best) = best.and_then(|times| times.into_iter().min_by(f64::total_cmp)) else {
        println!("aspell: not installed (apt-get install -y aspell aspell-en); reference skipped");
        return;
    };
    let rate = (total_bytes * ASPELL_COPIES) as f64 / 1e6 / best;
    println!(
        "aspell list --lang=en_US, same text x{ASPELL_COPIES}: {rate:.1} MB/s wall (best of 3, {best:.3} s); sumlint's first pass against it {:.2}x",
        first_pass / rate
    );
}

/// CPU time of this thread (user + system) from `/proc/thread-self/stat`,
/// on Linux; the wall clock is unreliable on a busy machine.
fn cpu_seconds() -> Option<f64> {
    // The scheduler's count of nanoseconds this thread ran, when the kernel
    // gives it: the stat file's ticks are 10 ms, as long as a fifth of a
    // first pass.
    if let Some(ns) = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .filter(|ns| *ns > 0.0)
    {
        return Some(ns / 1e9);
    }
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name (which is in parentheses): utime and stime are 14 and 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // The kernel reports in USER_HZ, 100 on Linux.
    Some(ticks / 100.0)
}

/// `hunspell -l -d en_US` lines for `text`, or None when hunspell is missing.
fn hunspell_run(args: &[&str], input: &str) -> Option<String> {
    let mut child = Command::new("hunspell")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().ok()?;
    let _ = writer.join();
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

fn hunspell(bodies: &[String], total_words: usize, injected_docs: &[(Document, String, Vec<Injected>)]) {
    if std::env::var_os("TYPO_BENCH_NO_HUNSPELL").is_some() {
        println!("hunspell: skipped (TYPO_BENCH_NO_HUNSPELL)");
        return;
    }
    let Some(clean) = hunspell_run(&["-l", "-d", "en_US"], &bodies.join("\n\n")) else {
        println!("hunspell: not installed (apt-get install -y hunspell hunspell-en-us); reference skipped");
        return;
    };
    let clean_flags = clean.lines().filter(|l| !l.is_empty()).count();
    println!(
        "hunspell clean: {clean_flags} flags = {:.2} per 10,000 words",
        clean_flags as f64 * 10_000.0 / total_words as f64
    );
    hunspell_injected("hunspell", injected_docs);
}

/// hunspell's recall, precision and top-1 on `injected_docs`, printed after `label`.
fn hunspell_injected(label: &str, injected_docs: &[InjectedDoc]) {
    let (mut injections, mut detected, mut top1, mut flags, mut true_flags) = (0, 0, 0, 0, 0);
    for (_, text, injected) in injected_docs {
        let Some(listed) = hunspell_run(&["-l", "-d", "en_US"], text) else {
            return;
        };
        let mut listed: Vec<&str> = listed.lines().filter(|l| !l.is_empty()).collect();
        flags += listed.len();
        let mut hits = Vec::new();
        for inj in injected {
            injections += 1;
            let typed = &text[inj.start..inj.end];
            if let Some(i) = listed.iter().position(|w| *w == typed) {
                listed.remove(i);
                detected += 1;
                true_flags += 1;
                hits.push((typed, inj.intended.as_str()));
            }
        }
        if hits.is_empty() {
            continue;
        }
        let query: String = hits.iter().map(|(t, _)| format!("{t}\n")).collect();
        let Some(answers) = hunspell_run(&["-a", "-d", "en_US"], &query) else {
            continue;
        };
        let suggestions: Vec<&str> = answers
            .lines()
            .filter(|l| l.starts_with('&') || l.starts_with('#'))
            .collect();
        for ((_, intended), answer) in hits.iter().zip(suggestions) {
            let first = answer.split_once(": ").map(|(_, s)| s.split(", ").next().unwrap_or(""));
            if first.is_some_and(|f| f.to_lowercase() == *intended) {
                top1 += 1;
            }
        }
    }
    println!(
        "{label}: recall {:.3} ({detected}/{injections}), precision {:.3} ({true_flags}/{flags}), top-1 {:.3} ({top1}/{detected})",
        detected as f64 / injections as f64,
        true_flags as f64 / flags.max(1) as f64,
        top1 as f64 / detected.max(1) as f64
    );
}

/// A document with misspellings: the parsed document, its text, and where they are.
type InjectedDoc = (Document, String, Vec<Injected>);

/// How the typo check did on documents with known misspellings.
#[derive(Default)]
struct Score {
    injections: usize,
    detected: usize,
    top1: usize,
    flags: usize,
    true_flags: usize,
    misses: Vec<String>,
}

/// Checks `docs` and counts which misspellings were flagged, and with the intended word first.
fn score(docs: &[InjectedDoc], options: &CheckOptions) -> Score {
    let mut score = Score::default();
    for (doc, text, injected) in docs {
        let typos = typo::analyse(doc, options);
        score.flags += typos.len();
        for inj in injected {
            score.injections += 1;
            match typos.iter().find(|t| t.start < inj.end && inj.start < t.end) {
                Some(t) => {
                    score.detected += 1;
                    if t.suggestion.as_deref().map(str::to_lowercase).as_deref() == Some(inj.intended.as_str()) {
                        score.top1 += 1;
                    }
                }
                None => score
                    .misses
                    .push(format!("{} (meant {})", &text[inj.start..inj.end], inj.intended)),
            }
        }
        score.true_flags += typos
            .iter()
            .filter(|t| injected.iter().any(|inj| t.start < inj.end && inj.start < t.end))
            .count();
    }
    score
}

impl Score {
    /// Prints recall, precision and top-1 after `label`, and the misses
    /// after `misses_label` with `TYPO_BENCH_VERBOSE`.
    fn print(&self, label: &str, misses_label: &str) {
        let Score {
            injections,
            detected,
            top1,
            flags,
            true_flags,
            ..
        } = *self;
        println!(
            "{label}: recall {:.3} ({detected}/{injections}), precision {:.3} ({true_flags}/{flags}), top-1 {:.3} ({top1}/{detected})",
            detected as f64 / injections.max(1) as f64,
            true_flags as f64 / flags.max(1) as f64,
            top1 as f64 / detected.max(1) as f64
        );
        if std::env::var_os("TYPO_BENCH_VERBOSE").is_some() {
            println!("{misses_label}: {:?}", self.misses);
        }
    }
}

/// Real misspellings from `list` (codespell's `wrong->right` format),
/// injected into the documents, and what sumlint and hunspell make of them.
fn listed_misspellings(bodies: &[String], options: &CheckOptions, list: &str) {
    let text = std::fs::read_to_string(list).unwrap_or_else(|e| panic!("{list}: {e}"));
    // Intended word -> its listed misspellings; only single lower-case words
    // on both sides, and only misspellings that are not English words
    // themselves (no spell checker can see a real-word error).
    let mut listed: std::collections::HashMap<&str, Vec<&str>> = std::collections::HashMap::new();
    let lower = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase());
    for line in text.lines() {
        let Some((wrong, right)) = line.split_once("->") else {
            continue;
        };
        let right = right.trim();
        if lower(wrong) && lower(right) && !is_english(wrong) {
            listed.entry(right).or_default().push(wrong);
        }
    }
    let mut rng = Rng(0x5eed_c0de);
    let mut injected_docs = Vec::new();
    for (i, body) in bodies.iter().enumerate() {
        let mut eligible: Vec<(usize, &str)> = plain_words(body).filter(|(_, w)| listed.contains_key(w)).collect();
        let mut chosen = Vec::new();
        while chosen.len() < 2 && !eligible.is_empty() {
            let (offset, word) = eligible.swap_remove(rng.below(eligible.len()));
            let typos = &listed[word];
            chosen.push((
                offset,
                word,
                typos[rng.below(typos.len())].to_string(),
                word.to_string(),
            ));
        }
        let (text, injected) = splice(body, chosen);
        if !injected.is_empty() {
            injected_docs.push((document(i, &text), text, injected));
        }
    }
    println!(
        "listed misspellings ({} pairs from {list}): {} injected in {} documents",
        listed.values().map(Vec::len).sum::<usize>(),
        injected_docs
            .iter()
            .map(|(_, _, injected)| injected.len())
            .sum::<usize>(),
        injected_docs.len()
    );
    score(&injected_docs, options).print("sumlint, listed misspellings", "listed misses");
    if std::env::var_os("TYPO_BENCH_NO_HUNSPELL").is_none() {
        hunspell_injected("hunspell, listed misspellings", &injected_docs);
    }
}

/// Runs of lower-case ASCII letters (3+) standing alone: not part of a
/// longer word, a number, a contraction or a hyphenated compound. Unlike
/// UAX #29 words, a word before a full stop with no space after it
/// ("the break.Shingler") counts, as it does for a writer.
fn plain_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let joins = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '-');
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if !bytes[i].is_ascii_lowercase() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_lowercase() {
                i += 1;
            }
            let before = text[..start].chars().next_back();
            let after = text[i..].chars().next();
            if i - start >= 3 && !before.is_some_and(joins) && !after.is_some_and(joins) {
                return Some((start, &text[start..i]));
            }
        }
        None
    })
}
