//! Coverage: body paragraphs that no summary unit draws from, and articles
//! with no summary at all.

use crate::align::{Alignment, MIN_PARAGRAPH_SHARE};
use crate::document::Document;
use crate::finding::{Finding, Rule, Severity};

pub static UNCOVERED_PARAGRAPH: Rule = Rule {
    id: "coverage/uncovered-paragraph",
    default_severity: Severity::Info,
    default_enabled: true,
    summary: "a body paragraph that no summary unit draws from",
    explanation: "Every body paragraph is matched against the summary's bullets and \
sentences (not the headline or dek). A paragraph that supplies no unit with at least \
15% of its content is reported, so an editor can decide whether the summary leaves out \
something readers need. Often that is fine (background, colour); that is why the rule \
is informational.",
    example: "A paragraph on the pipeline talks that no bullet mentions.",
};

pub static NO_SUMMARY: Rule = Rule {
    id: "coverage/no-summary",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "the article has no summary that sumlint can find",
    explanation: "sumlint found no summary units, so only the body was checked (typos, \
duplication). Mark a summary with a list of `- ` bullets at the start or end of a text \
file, a list or paragraph under a heading such as `Summary`, `Key points`, `Highlights`, \
`In brief` or `TL;DR`, front matter `summary:` or `description:` in Markdown, a \
`summary` field in JSON, or pass `--summary FILE`.",
    example: "A Markdown article with no Summary heading and no front matter.",
};

pub static RULES: &[&Rule] = &[&UNCOVERED_PARAGRAPH, &NO_SUMMARY];

/// Which summary units (ids) draw on each paragraph (by index).
pub fn covered_by(doc: &Document, alignment: &Alignment) -> Vec<Vec<String>> {
    let mut covered = vec![Vec::new(); doc.paragraphs.len()];
    for a in &alignment.units {
        let unit = &doc.units[a.unit];
        if !unit.kind.is_summary() {
            continue;
        }
        for source in &a.sources {
            if source.score >= MIN_PARAGRAPH_SHARE && !covered[source.paragraph].contains(&unit.id) {
                covered[source.paragraph].push(unit.id.clone());
            }
        }
    }
    covered
}

pub fn check(doc: &Document, alignment: &Alignment, findings: &mut Vec<Finding>) {
    if !doc.has_summary || doc.summary_units().next().is_none() {
        let span = doc
            .units
            .first()
            .map(|u| u.span)
            .or_else(|| doc.paragraphs.first().map(|p| p.span))
            .unwrap_or_else(|| doc.span(0, 0));
        findings.push(Finding::new(
            &NO_SUMMARY,
            span,
            "",
            "no summary found: mark one with `- ` bullets, a `Summary`/`Key points` heading, front matter `summary:`, or `--summary FILE`; the body was still checked",
        ));
        return;
    }
    for (p, units) in covered_by(doc, alignment).iter().enumerate() {
        if !units.is_empty() {
            continue;
        }
        let paragraph = &doc.paragraphs[p];
        findings.push(Finding::new(
            &UNCOVERED_PARAGRAPH,
            paragraph.span,
            doc.slice(&paragraph.span),
            format!("paragraph {} is not covered by any summary unit", paragraph.number),
        ));
    }
}
