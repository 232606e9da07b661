//! sumlint checks an article's summary against its body.
//!
//! For every summary unit (a bullet, a summary sentence, the headline and
//! the dek) it finds the body sentences and paragraphs the unit came from,
//! scores how well the body supports it, and reports drift, duplication,
//! typos and gaps in coverage, each with its evidence.
//!
//! The pipeline runs one way: [`document`] parses input into a
//! [`Document`](document::Document), [`text`] analyses words and sentences,
//! [`align`] matches units to their sources, [`checks`] produce
//! [`Finding`](finding::Finding)s, and an [`Outcome`](outcome::Outcome)
//! goes to a reporter in [`report`]. The library never prints.
//!
//! ```
//! use sumlint::document::{parse_article, InputFormat, ParseOptions};
//! use sumlint::options::CheckOptions;
//!
//! let article = "Bridge Opens\n\
//!     The mayor opened the new bridge on Monday after three years of work.\n\
//!     It cost $40 million, paid by a state grant.\n\
//!     - The mayor opened the bridge on Monday.\n";
//! let doc = parse_article("bridge.txt", article.to_string(), InputFormat::Text, &ParseOptions::default()).unwrap();
//! let outcome = sumlint::check_document(&doc, &CheckOptions::default());
//! let bullet = outcome.units.iter().find(|u| u.id == "b1").unwrap();
//! assert_eq!(bullet.sources[0].paragraph, 1);
//! assert!(bullet.support > 0.9);
//! // The second paragraph feeds no bullet.
//! assert!(outcome.findings.iter().any(|f| f.rule == "coverage/uncovered-paragraph"));
//! ```

pub mod align;
pub mod checks;
pub mod cli;
pub mod document;
pub mod error;
pub mod exit_codes;
pub mod finding;
pub mod input;
pub mod invariants;
pub mod options;
pub mod outcome;
pub mod progress;
pub mod report;
pub mod run;
pub mod span;
pub mod text;

use align::Alignment;
use document::Document;
use finding::{Finding, Severity};
use options::CheckOptions;
use outcome::Outcome;

/// Aligns, checks and scores one document.
pub fn check_document(doc: &Document, options: &CheckOptions) -> Outcome {
    let alignment = align::align(doc);
    let findings = checks::run(doc, &alignment, options);
    let score = document_score(doc, &alignment, &findings);
    let covered_by = checks::coverage::covered_by(doc, &alignment);
    Outcome::new(doc, &alignment, findings, score, covered_by)
}

/// Document consistency in [0, 1]: how well the body supports the summary
/// overall and at its weakest unit, lowered by each drift, typo or
/// duplication finding. Coverage findings do not lower it: leaving a
/// paragraph out is not an inconsistency.
pub fn document_score(doc: &Document, alignment: &Alignment, findings: &[Finding]) -> f64 {
    let supports: Vec<f64> = alignment
        .units
        .iter()
        .filter(|a| doc.units[a.unit].kind.is_summary())
        .map(|a| a.support)
        .collect();
    let supports = if supports.is_empty() {
        alignment.units.iter().map(|a| a.support).collect()
    } else {
        supports
    };
    if supports.is_empty() {
        return 1.0;
    }
    let mean = supports.iter().sum::<f64>() / supports.len() as f64;
    let min = supports.iter().copied().fold(1.0, f64::min);
    let mut score = 0.5 * mean + 0.5 * min;
    for f in findings.iter().filter(|f| f.family() != "coverage") {
        score *= match f.severity {
            Severity::Error => 0.8,
            Severity::Warning => 0.93,
            Severity::Info => 1.0,
        };
    }
    score.clamp(0.0, 1.0)
}
