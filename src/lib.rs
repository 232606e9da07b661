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
pub mod atomic;
pub mod baseline;
pub mod calibrate;
pub mod checks;
pub mod cli;
pub mod config;
pub mod document;
pub mod error;
pub mod exit_codes;
pub mod finding;
pub mod fix;
pub mod input;
pub mod invariants;
pub mod options;
pub mod outcome;
pub mod progress;
pub mod report;
pub mod run;
pub mod span;
pub mod suppress;
pub mod text;

use align::Alignment;
use document::Document;
use finding::{Finding, Severity};
use options::CheckOptions;
use outcome::Outcome;

/// Aligns, checks and scores one document.
pub fn check_document(doc: &Document, options: &CheckOptions) -> Outcome {
    check_document_with(doc, options, Shown::ALL)
}

/// What of an [`Outcome`] a run's report shows: what it does not show is
/// not measured (see [`check_document_with`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown {
    /// The units' extractiveness (the JSON reports).
    pub extractiveness: bool,
    /// Which source sentences' scores: every one (the reports that print
    /// them), those a paragraph's sentences are ordered by (the reports
    /// that list a unit's sources), or none.
    pub sentence_scores: align::Scores,
    /// The units and paragraphs (their texts, sources and coverage): the
    /// reports that list them, and a baseline (which names a finding's
    /// unit by its text). Without them the outcome's `units` and
    /// `paragraphs` are empty.
    pub units: bool,
}

impl Shown {
    /// Everything: what [`check_document`] measures.
    pub const ALL: Shown = Shown {
        extractiveness: true,
        sentence_scores: align::Scores::Every,
        units: true,
    };
}

/// By default everything is measured, as [`check_document`] does.
impl Default for Shown {
    fn default() -> Shown {
        Shown::ALL
    }
}

/// [`check_document`], measuring each unit's extractiveness only when
/// `shown.extractiveness` (otherwise it is `None`) and the source
/// sentences' scores only where `shown.sentence_scores` asks (otherwise
/// they are `None`; a paragraph's only source sentence needs none to be
/// listed in order). Only the JSON reports show extractiveness, and
/// measuring it turns the whole body into word ids
/// (`duplication::BodyWords`): about 4% of the instructions of a run that
/// reports as text. The scores take most of the string closeness the
/// alignment computes (`align::align_with`): about 4% of a run that shows
/// findings only. The findings and every other number are the same either
/// way (`duplication/verbatim`, when on, builds the word ids itself).
/// Without `shown.units` the outcome has no units and no paragraphs: the
/// reports that show findings only (text and Markdown with `--quiet`,
/// SARIF, GitHub annotations) copied every unit's text, its source
/// sentences (whitespace squashed) and every paragraph's text, and dropped
/// them unread (about 1% of a `--quiet` run on repeated records).
pub fn check_document_with(doc: &Document, options: &CheckOptions, shown: Shown) -> Outcome {
    let extractiveness = shown.extractiveness;
    let alignment = align::align_with(doc, shown.sentence_scores);
    let readings = checks::drift::Readings::of(doc, &alignment);
    let mut findings = checks::run(doc, &alignment, &readings, options);
    suppress::retain_unsuppressed(doc, &mut findings);
    let score = document_score(doc, &alignment, &readings, &findings);
    if let Some(threshold) = options.score_threshold {
        let low = checks::drift::low_score(doc, score, threshold).filter(|_| score < threshold);
        if let (Some(finding), Some(level)) = (low, options.level(&checks::drift::LOW_SCORE)) {
            findings.push(Finding {
                severity: level,
                ..finding
            });
        }
    }
    if !shown.units {
        return Outcome {
            path: doc.path.clone(),
            id: doc.id.clone(),
            record_line: doc.record_line,
            score,
            units: Vec::new(),
            paragraphs: Vec::new(),
            findings,
        };
    }
    let covered_by = checks::coverage::covered_by(doc, &alignment);
    Outcome::new(doc, &alignment, findings, score, covered_by, extractiveness)
}

/// What one finding of each drift rule takes off the document score
/// (before the squash to [0, 1]). Measured on the labelled data
/// (docs/drift.md): rules whose findings are nearly always right in
/// inconsistent summaries (negation, number, low support) weigh most;
/// modality, which also fires on faithful summaries, weighs least.
fn penalty(f: &Finding) -> f64 {
    match f.rule {
        "drift/negation" | "drift/number" | "drift/low-support" | "drift/substitution" => 0.75,
        // A name the body never has is a changed fact, like a number; it
        // weighs less than one only because a correct name can be missed by
        // the body's spelling (initials, a demonym WordNet does not link).
        "drift/entity" => 0.5,
        "drift/unsupported-phrase" | "drift/unsupported-quote" => 0.25,
        "drift/modality" => 0.1,
        "drift/low-score" => 0.0,
        _ => match f.severity {
            Severity::Error => 0.15,
            Severity::Warning => 0.05,
            Severity::Info => 0.0,
        },
    }
}

/// Findings of one rule counted at most this often, so one long unit with
/// many unknown words does not outweigh everything else.
const MAX_PER_RULE: usize = 2;

/// Document consistency in [0, 1]: how well the body supports the summary
/// overall and at its weakest unit, less a penalty for each drift (and
/// typo or duplication) finding, squashed by a logistic curve so that the
/// score stays in [0, 1] without ties at the ends. Coverage findings do
/// not lower it: leaving a paragraph out is not an inconsistency; nor do
/// findings about the body alone (a typo or a repeated word in a body
/// paragraph): the score is about the summary.
pub fn document_score(
    doc: &Document,
    alignment: &Alignment,
    readings: &checks::drift::Readings,
    findings: &[Finding],
) -> f64 {
    // Support that counts WordNet synonyms and broader terms of source words as found.
    let licensed = checks::drift::licensed_supports(alignment, readings);
    let supports: Vec<f64> = alignment
        .units
        .iter()
        .zip(&licensed)
        .filter(|(a, _)| doc.units[a.unit].kind.is_summary())
        .map(|(_, s)| *s)
        .collect();
    let supports = if supports.is_empty() { licensed } else { supports };
    if supports.is_empty() {
        return 1.0;
    }
    let mean = supports.iter().sum::<f64>() / supports.len() as f64;
    let min = supports.iter().copied().fold(1.0, f64::min);
    let mut raw = 0.5 * mean + 0.5 * min;
    let mut per_rule: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for f in findings.iter().filter(|f| f.family() != "coverage" && f.unit.is_some()) {
        let seen = per_rule.entry(f.rule).or_default();
        *seen += 1;
        if *seen <= MAX_PER_RULE {
            raw -= penalty(f);
        }
    }
    // Logistic squash centred where support alone would call a summary borderline.
    1.0 / (1.0 + (-6.0 * (raw - 0.5)).exp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use document::{parse_article, InputFormat, ParseOptions};
    use outcome::UnitOutcome;

    /// `article` read as a plain-text article.
    fn text_document(article: &str) -> document::Document {
        parse_article(
            "b.txt",
            article.to_string(),
            InputFormat::Text,
            &ParseOptions::default(),
        )
        .unwrap()
    }

    /// Without extractiveness the outcome is the same but for the units'
    /// extractiveness, which is left out; with it, it is `check_document`'s.
    #[test]
    fn extractiveness_left_out_changes_nothing_else() {
        let article = "Bridge Opens\n\
            The mayor opened the new bridge on Monday after three years of work.\n\
            It cost $40 million, paid by a state grant. The the grant was late.\n\
            - The mayor opened the new bridge on Monday.\n\
            - It cost $40 million, paid by the city.\n";
        let doc = text_document(article);
        let options = CheckOptions::default();
        let full = check_document(&doc, &options);
        let same = check_document_with(&doc, &options, Shown::ALL);
        let lean = check_document_with(
            &doc,
            &options,
            Shown {
                extractiveness: false,
                ..Shown::ALL
            },
        );
        assert!(full
            .units
            .iter()
            .any(|u| u.extractiveness.is_some_and(|e| e.coverage > 0.5)));
        for other in [&same, &lean] {
            assert_eq!(format!("{:?}", other.findings), format!("{:?}", full.findings));
            assert_eq!(other.score, full.score);
            assert_eq!(format!("{:?}", other.paragraphs), format!("{:?}", full.paragraphs));
            assert_eq!(other.units.len(), full.units.len());
        }
        for ((f, s), l) in full.units.iter().zip(&same.units).zip(&lean.units) {
            assert_eq!(format!("{f:?}"), format!("{s:?}"));
            assert_eq!(l.extractiveness, None);
            let with_zero = UnitOutcome {
                extractiveness: l.extractiveness,
                ..f.clone()
            };
            assert_eq!(format!("{with_zero:?}"), format!("{l:?}"));
        }
    }

    /// Without the units the outcome is the same but for its units and
    /// paragraphs, which are empty.
    #[test]
    fn units_left_out_change_nothing_else() {
        let article = "Bridge Opens\n\
            The mayor opened the new bridge on Monday after three years of work.\n\
            It cost $40 million, paid by a state grant. The the grant was late.\n\
            Nobody spoke of the ferry.\n\
            - The mayor opened the new bridge on Monday.\n\
            - It cost $40 million, paid by the city. Teh city paid.\n";
        let doc = text_document(article);
        let options = CheckOptions {
            score_threshold: Some(0.99),
            ..CheckOptions::default()
        };
        for scores in [align::Scores::Skip, align::Scores::Order, align::Scores::Every] {
            let shown = Shown {
                extractiveness: false,
                sentence_scores: scores,
                units: true,
            };
            let full = check_document_with(&doc, &options, shown);
            let bare = check_document_with(&doc, &options, Shown { units: false, ..shown });
            assert!(!full.findings.is_empty() && !full.units.is_empty() && !full.paragraphs.is_empty());
            let expected = Outcome {
                units: Vec::new(),
                paragraphs: Vec::new(),
                ..full
            };
            assert_eq!(format!("{bare:?}"), format!("{expected:?}"));
        }
    }

    /// Without the source sentences' scores the outcome is the same but for
    /// those scores (all `None`) and the order of a paragraph's sentences
    /// (the alignment's, not by score): the same sources, findings and
    /// numbers, and the alignment chooses the same sentences in the same
    /// order.
    #[test]
    fn sentence_scores_left_out_change_nothing_else() {
        let article = "Bridge Opens\n\
            The mayor opened the new bridge on Monday after three years of work. \
            The bridge cost $40 million. It was paid by a state grant and a local levy.\n\
            Traffic on the old ferry route is expected to fall by half, officials said. \
            The ferry will stop in May.\n\
            - The mayor opened the new bridge on Monday; it cost $40 million from a state grant and a levy.\n\
            - Ferry traffic will halve, and the ferry stops in May.\n\
            - Aliens landed in the harbour.\n";
        let doc = text_document(article);
        let options = CheckOptions::default();
        let full = check_document(&doc, &options);
        let bare = check_document_with(
            &doc,
            &options,
            Shown {
                sentence_scores: align::Scores::Skip,
                ..Shown::ALL
            },
        );
        assert_eq!(format!("{:?}", bare.findings), format!("{:?}", full.findings));
        assert_eq!(bare.score, full.score);
        assert_eq!(format!("{:?}", bare.paragraphs), format!("{:?}", full.paragraphs));
        assert_eq!(bare.units.len(), full.units.len());
        let mut several = 0;
        for (f, b) in full.units.iter().zip(&bare.units) {
            assert_eq!(f.support, b.support);
            assert_eq!(f.sources.len(), b.sources.len());
            for (fs, bs) in f.sources.iter().zip(&b.sources) {
                assert_eq!((fs.paragraph, fs.span, fs.score), (bs.paragraph, bs.span, bs.score));
                assert!(fs.sentences.iter().all(|s| s.score.is_some()));
                assert!(bs.sentences.iter().all(|s| s.score.is_none()));
                let mut fsent: Vec<_> = fs
                    .sentences
                    .iter()
                    .map(|s| (s.sentence, s.span, s.text.clone()))
                    .collect();
                let mut bsent: Vec<_> = bs
                    .sentences
                    .iter()
                    .map(|s| (s.sentence, s.span, s.text.clone()))
                    .collect();
                several += usize::from(fsent.len() > 1);
                fsent.sort_by_key(|s| s.0);
                bsent.sort_by_key(|s| s.0);
                assert_eq!(fsent, bsent);
            }
        }
        assert!(several > 0, "a paragraph with two source sentences of one unit");
        // Scored for the order only: the same outcome but for the scores of
        // a paragraph's only source sentence, which are `None`.
        let ordered = check_document_with(
            &doc,
            &options,
            Shown {
                sentence_scores: align::Scores::Order,
                ..Shown::ALL
            },
        );
        for (f, o) in full.units.iter().zip(&ordered.units) {
            for (fs, os) in f.sources.iter().zip(&o.sources) {
                let alone = fs.sentences.len() == 1;
                for (fss, oss) in fs.sentences.iter().zip(&os.sentences) {
                    assert_eq!((fss.sentence, fss.span), (oss.sentence, oss.span));
                    assert_eq!(oss.score, if alone { None } else { fss.score });
                }
                assert_eq!(fs.sentences.len(), os.sentences.len());
            }
        }
        let scored = align::align(&doc);
        let unscored = align::align_with(&doc, align::Scores::Skip);
        for (a, b) in scored.units.iter().zip(&unscored.units) {
            let ids = |u: &align::UnitAlignment| u.sentences.iter().map(|s| s.sentence).collect::<Vec<_>>();
            assert_eq!(ids(a), ids(b));
            assert!(b.sentences.iter().all(|s| s.score.is_none()));
            assert_eq!(a.support, b.support);
        }
    }

    /// An article in one of the formats whose documents a thread builds
    /// and checks one after another.
    #[derive(Clone, Debug)]
    enum Article {
        Jsonl(String),
        Text(String),
        Markdown(String),
    }

    impl Article {
        fn document(&self) -> document::Document {
            match self {
                Article::Jsonl(line) => crate::input::jsonl_document("r.jsonl", 1, line).unwrap().unwrap(),
                Article::Text(text) => {
                    parse_article("a.txt", text.clone(), InputFormat::Text, &ParseOptions::default()).unwrap()
                }
                Article::Markdown(text) => {
                    parse_article("a.md", text.clone(), InputFormat::Markdown, &ParseOptions::default()).unwrap()
                }
            }
        }
    }

    /// Everything a document's check gives, and what it is built from: its
    /// paragraphs, the body's tokens, the units' alignment and the outcome.
    fn checked(article: &Article) -> String {
        let doc = article.document();
        let alignment = align::align(&doc);
        let outcome = check_document(&doc, &CheckOptions::default());
        let lean = check_document_with(
            &doc,
            &CheckOptions::default(),
            Shown {
                extractiveness: false,
                sentence_scores: align::Scores::Skip,
                units: true,
            },
        );
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
            doc.paragraphs, doc.units, alignment.sentences, alignment.units, outcome, lean
        )
    }

    /// `checked` on a new thread, whose caches have seen no other body.
    fn checked_alone(article: &Article) -> String {
        let article = article.clone();
        std::thread::spawn(move || checked(&article)).join().unwrap()
    }

    const BODY: &str = "The council approved the $12 million budget on Monday after a long debate. \
        Taxes will rise 3 percent next year.\n\n\
        The mayor said the plan protects libraries. Critics said it cut road repairs by 5";
    const MORE: &str = "\n\nThe vote was 4 to 1, and the plan takes effect in July.";
    const OTHER: &str = "Heavy rain flooded the river valley on Tuesday. \
        Two bridges closed and 300 homes lost power.";
    const SUMMARIES: [&str; 4] = [
        "The council approved a $12 million budget.",
        "Taxes rise 3 percent; the mayor says libraries are protected.",
        "% of roads were repaired, critics said.",
        "Rain flooded the valley and 300 homes lost power.",
    ];

    /// The articles the sequences below are made of: one body, a body that
    /// is a prefix of it and one that it is a prefix of, another body; as
    /// JSONL records, plain text with the summary after or before the body
    /// and Markdown (whose markup is masked).
    fn article(body: usize, summary: usize, format: usize) -> Article {
        let body = match body {
            0 => BODY.to_string(),
            1 => BODY[..BODY.find("\n\n").unwrap()].to_string(),
            2 => format!("{BODY}{MORE}"),
            _ => OTHER.to_string(),
        };
        let summary = SUMMARIES[summary];
        match format {
            0 => Article::Jsonl(serde_json::json!({"id": "r", "document": body, "summary": summary}).to_string()),
            1 => Article::Jsonl(
                serde_json::json!({"id": "r", "document": body, "summary": [summary, "A second bullet."]}).to_string(),
            ),
            2 => Article::Text(format!("Budget Vote\n\n{body}\n\n- {summary}\n")),
            3 => Article::Text(format!("Budget Vote\n\n- {summary}\n\n{body}\n")),
            4 => Article::Text(format!("{body} {summary}\n")),
            _ => Article::Markdown(format!(
                "# Budget **Vote**\n\n{}\n\n## Summary\n\n- {summary}\n",
                body.replace("council", "*council*")
            )),
        }
    }

    /// A document checked after others on the same thread (the same body
    /// with another summary, another body, a body it is a prefix of or
    /// that is a prefix of it, a summary before the body, other formats)
    /// gives what it gives checked alone: reusing the last body's analysis
    /// changes nothing.
    #[test]
    fn a_document_after_others_is_checked_as_alone() {
        let mut sequence = Vec::new();
        for body in 0..4 {
            for summary in 0..SUMMARIES.len() {
                for format in 0..6 {
                    sequence.push(article(body, summary, format));
                }
            }
        }
        // Each format's run of one body, then bodies interleaved.
        let interleaved: Vec<Article> = (0..sequence.len())
            .map(|i| sequence[(i * 7) % sequence.len()].clone())
            .collect();
        let thread = std::thread::spawn(move || {
            let mut results = Vec::new();
            for article in sequence.iter().chain(&interleaved) {
                results.push((article.clone(), checked(article)));
                // And again: the same document twice in a row.
                results.push((article.clone(), checked(article)));
            }
            results
        });
        for (article, result) in thread.join().unwrap() {
            assert_eq!(result, checked_alone(&article), "{article:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// Any sequence of these articles checked on one thread gives
        /// what each gives alone.
        #[test]
        fn any_sequence_is_checked_as_alone(picks in proptest::collection::vec((0usize..4, 0usize..4, 0usize..6), 1..6)) {
            let articles: Vec<Article> = picks.iter().map(|&(b, s, f)| article(b, s, f)).collect();
            let together = {
                let articles = articles.clone();
                std::thread::spawn(move || articles.iter().map(checked).collect::<Vec<_>>()).join().unwrap()
            };
            for (article, result) in articles.iter().zip(&together) {
                proptest::prop_assert_eq!(result, &checked_alone(article));
            }
        }
    }
}
