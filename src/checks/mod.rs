//! The checks: one module per rule family. Each module declares its rules
//! in a `RULES` table and exposes one function that reads the document and
//! its alignment and returns findings; this module runs them all and
//! applies the configured severities.

pub mod coverage;
pub mod drift;
pub mod duplication;
pub mod typo;

use crate::align::Alignment;
use crate::document::Document;
use crate::finding::{Finding, Rule};
use crate::options::CheckOptions;

/// Every rule sumlint knows, in documentation order.
pub fn all_rules() -> impl Iterator<Item = &'static Rule> {
    coverage::RULES
        .iter()
        .chain(drift::RULES)
        .chain(typo::RULES)
        .chain(duplication::RULES)
        .copied()
}

/// Looks a rule up by id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    all_rules().find(|r| r.id == id)
}

/// Runs every enabled check on `doc`; `readings` are [`drift::Readings::of`] the alignment.
pub fn run(doc: &Document, alignment: &Alignment, readings: &drift::Readings, options: &CheckOptions) -> Vec<Finding> {
    let mut findings = Vec::new();
    typo::check(doc, alignment, options, &mut findings);
    coverage::check(doc, alignment, &mut findings);
    duplication::check(doc, alignment, options, &mut findings);
    drift::check(doc, alignment, readings, options, &mut findings);
    findings.retain_mut(|f| {
        let Some(rule) = rule(f.rule) else { return true };
        match options.level(rule) {
            Some(severity) => {
                f.severity = severity;
                true
            }
            None => false,
        }
    });
    for f in &mut findings {
        if doc.parts.len() > 1 {
            f.path = Some(doc.path_of(&f.span).to_string());
        }
    }
    findings.sort_by(|a, b| (a.path.as_deref(), a.span.start, a.rule).cmp(&(b.path.as_deref(), b.span.start, b.rule)));
    findings
}
