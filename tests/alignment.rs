//! Alignment accuracy against hand-labelled sources (`fixtures/sources.tsv`).
//!
//! For every summary unit of the fixture articles the true source
//! paragraphs are known. This test measures, through the public library:
//! - top-1 accuracy: the best source paragraph is a true source;
//! - paragraph precision and recall over all units;
//! - uncovered-paragraph agreement per document.
//!
//! It prints the numbers (`cargo test --test alignment -- --nocapture`) and
//! fails if they fall below the levels the current scorer reaches, so a
//! change to the scoring that loses accuracy is caught.

#![allow(clippy::print_stdout)] // a measurement test reports its numbers

use std::collections::{BTreeSet, HashMap};
use sumlint::document::InputFormat;
use sumlint::input;
use sumlint::options::CheckOptions;
use sumlint::outcome::Outcome;

fn outcomes(path: &str) -> Vec<Outcome> {
    let source = input::read_text(path).unwrap();
    let options = CheckOptions::default();
    input::documents(path, source, InputFormat::from_path(path), &options.parse)
        .into_iter()
        .map(|doc| sumlint::check_document(&doc.unwrap(), &options))
        .collect()
}

fn set(list: &str) -> BTreeSet<usize> {
    list.split(',')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect()
}

#[test]
fn alignment_matches_hand_labelled_sources() {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).unwrap();
    let truth = std::fs::read_to_string("fixtures/sources.tsv").unwrap();
    let mut by_doc: HashMap<String, Outcome> = HashMap::new();
    let (mut units, mut top1, mut true_pos, mut predicted, mut actual) = (0, 0, 0, 0, 0);
    let (mut docs, mut uncovered_exact) = (0, 0);
    let mut misses = Vec::new();
    for line in truth.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        let (doc_name, unit, expected) = (fields[0], fields[1], set(fields[2]));
        if !by_doc.contains_key(doc_name) {
            let path = doc_name.split('#').next().unwrap();
            for outcome in outcomes(path) {
                by_doc.insert(outcome.display_name(), outcome);
            }
        }
        let outcome = by_doc.get(doc_name).unwrap_or_else(|| panic!("{doc_name} not found"));
        if unit == "uncovered" {
            docs += 1;
            let got: BTreeSet<usize> = outcome
                .paragraphs
                .iter()
                .filter(|p| p.covered_by.is_empty())
                .map(|p| p.paragraph)
                .collect();
            if got == expected {
                uncovered_exact += 1;
            } else {
                misses.push(format!("{doc_name}: uncovered {got:?}, expected {expected:?}"));
            }
            continue;
        }
        let u = outcome
            .units
            .iter()
            .find(|u| u.id == unit)
            .unwrap_or_else(|| panic!("{doc_name} has no unit {unit}"));
        let got: BTreeSet<usize> = u.sources.iter().map(|s| s.paragraph).collect();
        units += 1;
        if u.sources.first().is_some_and(|s| expected.contains(&s.paragraph)) {
            top1 += 1;
        } else {
            misses.push(format!(
                "{doc_name} {unit}: best source {:?}, expected {expected:?}",
                u.sources.first().map(|s| s.paragraph)
            ));
        }
        true_pos += got.intersection(&expected).count();
        predicted += got.len();
        actual += expected.len();
        if got != expected {
            misses.push(format!("{doc_name} {unit}: sources {got:?}, expected {expected:?}"));
        }
    }
    let top1_rate = top1 as f64 / units as f64;
    let precision = true_pos as f64 / predicted as f64;
    let recall = true_pos as f64 / actual as f64;
    println!("alignment: {units} units, top-1 {top1_rate:.3}, paragraph precision {precision:.3}, recall {recall:.3}; uncovered sets exact in {uncovered_exact}/{docs} documents");
    for miss in &misses {
        println!("  {miss}");
    }
    assert!(top1_rate >= 0.95, "top-1 accuracy fell to {top1_rate:.3}");
    assert!(
        precision >= 0.85 && recall >= 0.85,
        "precision {precision:.3}, recall {recall:.3}"
    );
}
