//! Drift: what a summary unit says that the body does not.
//!
//! Each rule looks at one kind of unsupported content in a unit (headline,
//! dek, bullet or summary sentence) against the body sentences the unit was
//! aligned to ([`crate::align`]): quotes the body never has, numbers and
//! dates that differ, names the body never mentions or that replace the one
//! in the source sentence, negation and hedges lost or added, runs of words
//! the body never uses, and units with little support overall.
//!
//! Every finding points at the exact words, says what the unit says and
//! what the body says instead, and carries the closest body sentence as
//! evidence. All work is per unit against its (at most four) source
//! sentences plus a few hash lookups into a [`BodyView`] built once per
//! article, so the cost stays linear in the size of the text.

mod body;
mod cues;
mod lexical;
mod rules;

use crate::align::{Alignment, UnitAlignment};
use crate::document::{Document, Unit};
use crate::finding::{Evidence, Finding, Rule, Severity};
use crate::options::CheckOptions;
use crate::span::Span;
use crate::text::Token;
pub use body::BodyView;

pub static UNSUPPORTED_QUOTE: Rule = Rule {
    id: "drift/unsupported-quote",
    default_severity: Severity::Error,
    default_enabled: true,
    summary: "a quotation that does not occur in the body",
    explanation: "Text in quotation marks (straight or curly, single or double) claims to be \
somebody's words. sumlint looks for the quoted words in the body, ignoring case, punctuation \
and spacing; a quote may be shortened (any part of a body passage matches) and may be split \
by an ellipsis, but every word run must be in the body in that order. Tokenized text is read \
too: ``…'' is a quotation and \"i 'm\" matches the body's \"I'm\". A quote that is not \
there is reported with the body sentence that shares most of its words.",
    example: "Dek: Xi vows solidarity against 'Imperialist Harassment' — the body never says it.",
};

pub static NUMBER: Rule = Rule {
    id: "drift/number",
    default_severity: Severity::Error,
    default_enabled: true,
    summary: "a number, amount, percentage or date that differs from the body",
    explanation: "Numbers are compared as values, whatever their spelling (\"3\" = \"three\", \
\"2,000\" = \"2000\", \"40%\" = \"40 percent\", \"$1.2 million\" = \"1.2 million dollars\"). A \
number the body never gives is reported with the numbers of the source sentence as \
suggestions; so is a comparator that flips (\"fewer than 150\" where the body says \"more \
than 150\") and a month or weekday the body never names. A number the body gives only about \
something else is reported when the source sentence has another number next to the same word \
(\"died 20 years ago\" where it says \"35 years ago\"). \"$5bn\" and \"$3mn\" are read as amounts, \
\"8pm\" as the 8 of \"8 pm\"; a time in the other half of the day (\"10pm\" where the body says only \"10am\") \
is reported, and \"second\" before a noun (\"the second anniversary\") is read as the ordinal 2.",
    example: "\"expects to hire fewer than 150 nurses\" where the body says \"more than 150\".",
};

pub static ENTITY: Rule = Rule {
    id: "drift/entity",
    default_severity: Severity::Error,
    default_enabled: true,
    summary: "a name the body never mentions, or one that replaces the name in the source sentence",
    explanation: "Capitalised names (people, places, organisations) in a unit must occur in the \
body; acronyms match the initials of a body name (\"NAMI\" for \"National Alliance on Mental \
Illness\"), demonyms match their country (\"Russian\", \"Russia\"), and a first name or title \
before a surname the body uses is accepted; placeholders that NLP pipelines write for a word \
(`UNK`, `-LRB-`) are no names. A name is also reported when it stands where the \
source sentence has another one: the unit says \"Whitfield named Webb\" where the body says \
\"Alvarez … named Webb\".",
    example: "\"Council President Dana Whitfield named Marcus Webb\" — the mayor named him.",
};

pub static NEGATION: Rule = Rule {
    id: "drift/negation",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "a negation dropped or added against the source sentence",
    explanation: "For each word a unit shares with its source sentence, sumlint checks whether \
a negation cue (not, n't, no, never, without, fails to, denies, refuses, has yet to…) governs \
it on one side and not on the other. \"approved\" where the body says \"did not approve\" is \
reported; a synonym with the same polarity (\"rejected\") is not. A word whose opposite \
(rise/fall, buy/sell, convict/acquit, from a list of common pairs) stands in the same place \
of the source sentence is reported too. Only occurrences about the same thing count: the two \
must share a content word nearby, so a word the body negates in another clause is not read. \
In bullets and summary sentences, a \"not\" or \"never\" on a word the source sentences do not \
have is reported when they negate nothing about the same thing.",
    example: "\"The commission approved the request\" — the body says it \"did not approve\" it.",
};

pub static MODALITY: Rule = Rule {
    id: "drift/modality",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "a hedge or attribution dropped, turning a claim into a fact",
    explanation: "When the source sentence hedges a statement (may, might, could, is expected \
to, likely, reportedly, allegedly) or attributes it (\"according to analysts\") and the unit \
states the same thing with no hedge or attribution (no may/could/likely, no \"said\", \
\"according to\"), the certainty has changed. A different hedge (\"is likely to\" for \"is \
expected to\") is fine.",
    example: "\"Lumora will announce 800 layoffs\" — the body says it \"is expected to announce\" \
them, according to two people familiar with the plans.",
};

pub static UNSUPPORTED_PHRASE: Rule = Rule {
    id: "drift/unsupported-phrase",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "a run of content words the body does not use at all",
    explanation: "Two or more content words in a row (function words may sit between them) that \
occur nowhere in the body, in any inflection, add something the article does not say: \
\"breaking news\", \"in a landmark decision\". Single unknown words are left to paraphrase; \
names and numbers have their own rules.",
    example: "\"The breaking news of Xi's visit…\" — the body never calls it breaking news.",
};

pub static SUBSTITUTION: Rule = Rule {
    id: "drift/substitution",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "a word standing where the source sentence has a different thing of the same kind",
    explanation: "A noun the unit's source sentences do not contain, standing between the same \
words as a source noun the unit drops (\"the driver of the truck was taken\" / \"the driver of \
the car was taken\"), is reported when WordNet 3.0 makes the two co-hyponyms: different kinds \
of one thing (car and truck, month and year, green and yellow). A WordNet antonym in that slot \
is reported as `drift/negation`. A synonym or a broader term (\"automobile\" or \"vehicle\" for \
\"car\") is paraphrase, and a word WordNet cannot relate is left alone: it may be a paraphrase \
WordNet does not know. A basic colour term (red, green, white…) the body never uses, where a \
source sentence names another colour the unit drops, is reported too (\"yellow and white paint\" \
for \"yellow and blue paint\"), and so is a body word with a prefix that makes it another role or \
thing and that the body never puts on it (\"co-founder\" or \"ex-wife\" where the body says \"founder\", \
\"wife\"). Names and numbers have their own rules.",
    example: "\"The driver of the truck was taken to the hospital\" where the body says \"the car\".",
};

pub static LOW_SUPPORT: Rule = Rule {
    id: "drift/low-support",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "a summary unit the body supports only weakly overall",
    explanation: "Support is the share of a unit's content (weighted by rarity) found in its \
source sentences, blended with the share of its two-word phrases found there. A bullet or \
summary sentence below the threshold (`low_support`, default 0.15: on the labelled data in \
docs/drift.md, 96% of units below it are in summaries people judged inconsistent) says mostly things the body does not. Headlines and deks are \
exempt: they are meant to reword.",
    example: "A bullet about an apple harvest under an article about library hours.",
};

pub static LOW_SCORE: Rule = Rule {
    id: "drift/low-score",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "the document score is below the configured threshold",
    explanation: "With `score_threshold` set in the config (or `--score-threshold`), a document \
whose consistency score falls below it gets this finding on its summary, so CI can fail on \
summaries that `sumlint calibrate` would call inconsistent. Without a threshold it never fires.",
    example: "score 0.41 with `score_threshold = 0.62`.",
};

pub static RULES: &[&Rule] = &[
    &UNSUPPORTED_QUOTE,
    &NUMBER,
    &ENTITY,
    &NEGATION,
    &MODALITY,
    &UNSUPPORTED_PHRASE,
    &SUBSTITUTION,
    &LOW_SUPPORT,
    &LOW_SCORE,
];

/// One unit being checked, with what the rules share.
pub(crate) struct UnitCtx<'a> {
    pub doc: &'a Document,
    pub unit: &'a Unit,
    pub a: &'a UnitAlignment,
    pub alignment: &'a Alignment,
    pub body: &'a BodyView<'a>,
    /// Byte ranges of quoted text in the unit (quote marks excluded).
    pub quotes: &'a [(usize, usize)],
    /// Per token: part of a name.
    pub entity: &'a [bool],
    /// Per token: how it reads against the sources (WordNet).
    pub readings: &'a [lexical::Reading],
}

/// Where a unit quotes and which of its tokens are names: what the
/// readings and the rules both read, found once per unit.
#[derive(Debug, Default)]
struct UnitMarks {
    quotes: Vec<(usize, usize)>,
    entity: Vec<bool>,
}

impl UnitMarks {
    fn of(doc: &Document, a: &UnitAlignment) -> UnitMarks {
        let unit = &doc.units[a.unit];
        let quotes = rules::quoted_ranges(&doc.text, unit.span.start, unit.span.end);
        let entity = rules::entity_tokens(&doc.text, unit.kind, &a.tokens, &quotes);
        UnitMarks { quotes, entity }
    }
}

/// How every unit's words read against their sources (WordNet), per unit
/// alignment in order: computed once per document, since the drift rules
/// and the document score both need them and they are most of drift's cost.
/// Each unit's quotes and names are kept for the rules too.
#[derive(Debug, Default)]
pub struct Readings {
    readings: Vec<Vec<lexical::Reading>>,
    marks: Vec<UnitMarks>,
}

impl Readings {
    pub fn of(doc: &Document, alignment: &Alignment) -> Readings {
        // Readings never look into the body view.
        let body = BodyView::default();
        let marks: Vec<UnitMarks> = alignment.units.iter().map(|a| UnitMarks::of(doc, a)).collect();
        let readings = alignment
            .units
            .iter()
            .zip(&marks)
            .map(|(a, marks)| lexical::readings(&UnitCtx::new(doc, a, alignment, &body, &[], marks)))
            .collect();
        Readings { readings, marks }
    }
}

impl<'a> UnitCtx<'a> {
    fn new(
        doc: &'a Document,
        a: &'a UnitAlignment,
        alignment: &'a Alignment,
        body: &'a BodyView<'a>,
        readings: &'a [lexical::Reading],
        marks: &'a UnitMarks,
    ) -> UnitCtx<'a> {
        UnitCtx {
            doc,
            unit: &doc.units[a.unit],
            a,
            alignment,
            body,
            quotes: &marks.quotes,
            entity: &marks.entity,
            readings,
        }
    }

    pub fn tokens(&self) -> &[Token] {
        &self.a.tokens
    }

    pub fn in_quote(&self, t: &Token) -> bool {
        self.quotes.iter().any(|&(s, e)| t.start >= s && t.end <= e)
    }

    /// A finding on `start..end` of this unit.
    pub fn finding(&self, rule: &'static Rule, start: usize, end: usize, message: String) -> Finding {
        let span = self.doc.span(start, end);
        Finding::new(rule, span, self.doc.original(&span), message).with_unit(&self.unit.id)
    }

    /// A finding on `start..end` that the body, in sentence `s`, says
    /// otherwise: `suggestion` is what the body says there.
    pub fn against_body(
        &self,
        rule: &'static Rule,
        start: usize,
        end: usize,
        message: String,
        suggestion: impl Into<String>,
        s: usize,
    ) -> Finding {
        self.finding(rule, start, end, message)
            .with_suggestion(suggestion)
            .with_evidence(self.evidence(s, "the body says"))
    }

    /// Evidence for body sentence `s` (index into the alignment).
    pub fn evidence(&self, s: usize, note: &str) -> Evidence {
        let sentence = &self.alignment.sentences[s];
        let paragraph = &self.doc.paragraphs[sentence.paragraph];
        let span: Span = paragraph.sentences[sentence.index];
        Evidence {
            paragraph: Some(paragraph.number),
            span,
            text: crate::outcome::squash_whitespace(self.doc.slice(&span)),
            note: note.to_string(),
        }
    }

    /// The chosen source sentences, best first.
    pub fn sources(&self) -> impl Iterator<Item = usize> + '_ {
        self.a.sentences.iter().map(|s| s.sentence)
    }

    pub fn best_source(&self) -> Option<usize> {
        self.a.sentences.first().map(|s| s.sentence)
    }

    /// `finding` with the unit's best source sentence as its evidence.
    pub fn with_best_source(&self, finding: Finding, note: &str) -> Finding {
        match self.best_source() {
            Some(s) => finding.with_evidence(self.evidence(s, note)),
            None => finding,
        }
    }

    /// Body text of `start..end`, whitespace collapsed.
    pub fn body_text(&self, start: usize, end: usize) -> String {
        self.doc.text[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Unit text of `start..end`, whitespace collapsed.
    pub fn unit_text(&self, start: usize, end: usize) -> String {
        self.doc.source[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Runs the drift rules on every unit of `doc`.
pub fn check(
    doc: &Document,
    alignment: &Alignment,
    readings: &Readings,
    options: &CheckOptions,
    findings: &mut Vec<Finding>,
) {
    check_with(
        doc,
        alignment,
        readings,
        options,
        &BodyView::of_article(doc, alignment),
        findings,
    );
}

/// [`check`] with the body view `body`.
fn check_with(
    doc: &Document,
    alignment: &Alignment,
    readings: &Readings,
    options: &CheckOptions,
    body: &BodyView,
    findings: &mut Vec<Finding>,
) {
    for ((a, unit_readings), marks) in alignment.units.iter().zip(&readings.readings).zip(&readings.marks) {
        let unit = &doc.units[a.unit];
        let ctx = UnitCtx::new(doc, a, alignment, body, unit_readings, marks);
        rules::unsupported_quote(&ctx, findings);
        rules::number(&ctx, findings);
        rules::entity(&ctx, findings);
        rules::negation(&ctx, findings);
        rules::modality(&ctx, findings);
        lexical::substitution(&ctx, findings);
        lexical::colour(&ctx, findings);
        lexical::prefixed(&ctx, findings);
        // Headlines and deks are meant to reword; their wording is not drift.
        if unit.kind.is_summary() {
            rules::unsupported_phrase(&ctx, findings);
            if a.support < options.low_support {
                rules::low_support(&ctx, options.low_support, findings);
            }
        }
    }
}

/// Per unit alignment (same order as `alignment.units`): support that also
/// counts words a source word licenses through WordNet (a synonym or a
/// broader term), for the document score. Headlines and deks included.
pub fn licensed_supports(alignment: &Alignment, readings: &Readings) -> Vec<f64> {
    alignment
        .units
        .iter()
        .zip(&readings.readings)
        .map(|(a, readings)| lexical::licensed_support(a, readings))
        .collect()
}

/// The `drift/low-score` finding for a document scored below `threshold`.
pub fn low_score(doc: &Document, score: f64, threshold: f64) -> Option<Finding> {
    let first = doc.summary_units().next().or_else(|| doc.units.first())?;
    let last = doc
        .summary_units()
        .last()
        .filter(|_| first.kind.is_summary())
        .unwrap_or(first);
    let span = doc.span(first.span.start, last.span.end);
    let text: String = doc.original(&span).chars().take(200).collect();
    Some(Finding::new(
        &LOW_SCORE,
        span,
        text,
        format!(
            "document score {:.2} is below the threshold {:.2}: the summary is likely inconsistent with the body; see the other drift findings and each unit's support",
            score, threshold
        ),
    ))
}

/// The drift findings (rule, flagged text) of `text`, a whole plain-text
/// article: what the rules' tests compare.
#[cfg(test)]
fn article_findings(text: &str) -> Vec<(String, String)> {
    use crate::document::{parse_article, InputFormat, ParseOptions};
    let doc = parse_article("t.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).expect("parses");
    crate::check_document(&doc, &CheckOptions::default())
        .findings
        .into_iter()
        .filter(|f| f.family() == "drift")
        .map(|f| (f.rule.to_string(), f.text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{parse_article, InputFormat, ParseOptions};

    const BODY: &str = "Mayor Dana Alvarez of Springfield named Marcus Webb police chief on Monday at 10am. \
        The National Alliance on Mental Illness (NAMI) said 2,000 people attended, and the U.S. envoy \
        spoke in London.\n\
        The council may approve the budget, analysts said. Prices rose 3% in May, the second rise.\n";

    const OTHER_BODY: &str = "The driver of the car was taken to the hospital on Friday. Five people \
        were hurt, police said, and the O'Neill family's yellow and blue van was towed.\n";

    /// The drift findings of `body` under `summary`, with the body view
    /// shared with the records before it and with a view of its own.
    fn both_ways(body: &str, summary: &str) -> (Vec<Finding>, Vec<Finding>) {
        let text = format!("Headline Of The Day\n{body}{summary}");
        let doc = parse_article("t.txt", text, InputFormat::Text, &ParseOptions::default()).expect("parses");
        let alignment = crate::align::align(&doc);
        let readings = Readings::of(&doc, &alignment);
        let options = CheckOptions::default();
        let (mut shared, mut own) = (Vec::new(), Vec::new());
        check(&doc, &alignment, &readings, &options, &mut shared);
        let body = BodyView::build(&doc, &alignment);
        check_with(&doc, &alignment, &readings, &options, &body, &mut own);
        (shared, own)
    }

    /// Records of one article one after another (and an article coming
    /// back after another) get the findings a view of their own gives.
    #[test]
    fn views_shared_by_an_articles_records_find_what_their_own_views_find() {
        let records = [
            (BODY, "- Council President Dana Whitfield named Marcus Webb police chief on Tuesday at 10pm.\n- NAMI said 3,000 people attended in England.\n"),
            (BODY, "- The mayor named Webb chief in June, and the UK envoy spoke.\n- The council will approve the budget; prices rose 3% in April.\n"),
            (BODY, "- Alvarez named Webb on Monday. MPs from the US came to Paris.\n"),
            (OTHER_BODY, "- The driver of the truck was taken to hospital on Saturday; 7 people were hurt.\n- The O'Neills' yellow and white van was towed.\n"),
            (BODY, "- Dana Alvarez named Marcus Webb chief in breaking news on Monday at 10pm, the third rise.\n"),
            (BODY, "- NAMI and the U.K. envoy said 2,000 people came.\n"),
        ];
        let mut found = 0;
        for (body, summary) in records {
            let (shared, own) = both_ways(body, summary);
            assert_eq!(shared, own, "{summary}");
            found += shared.len();
        }
        assert!(found >= 8, "{found}");
    }
}
