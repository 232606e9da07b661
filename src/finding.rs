//! Findings: what the checks hand to the report.
//!
//! A finding points at the exact span it is about, says what was expected,
//! carries the body evidence and, when there is one, a suggestion.

use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A rule's identity and documentation; each check family declares its
/// rules in a table of these, and `sumlint explain` prints them.
#[derive(Debug)]
pub struct Rule {
    /// `family/name`.
    pub id: &'static str,
    pub default_severity: Severity,
    /// Off unless enabled in the config.
    pub default_enabled: bool,
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// Why it matters and how it decides, for `sumlint explain`.
    pub explanation: &'static str,
    /// A short example that fires.
    pub example: &'static str,
}

/// Body text that supports (or contradicts) a finding.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// 1-based body paragraph, if the evidence is body text.
    pub paragraph: Option<usize>,
    pub span: Span,
    pub text: String,
    /// What this evidence shows ("the body says", "also spelled").
    pub note: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub span: Span,
    /// File the span lies in (differs from the document's with `--summary`).
    pub path: Option<String>,
    pub message: String,
    /// The flagged text, exactly as in the file.
    pub text: String,
    pub suggestion: Option<String>,
    /// The id of the summary unit the finding is about.
    pub unit: Option<String>,
    pub evidence: Vec<Evidence>,
}

impl Finding {
    pub fn new(rule: &'static Rule, span: Span, text: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding {
            rule: rule.id,
            severity: rule.default_severity,
            span,
            path: None,
            message: message.into(),
            text: text.into(),
            suggestion: None,
            unit: None,
            evidence: Vec::new(),
        }
    }

    pub fn with_unit(mut self, unit: &str) -> Finding {
        self.unit = Some(unit.to_string());
        self
    }

    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Finding {
        self.suggestion = Some(suggestion.into());
        self
    }

    pub fn with_evidence(mut self, evidence: Evidence) -> Finding {
        self.evidence.push(evidence);
        self
    }

    /// The rule family: `drift`, `duplication`, `typo` or `coverage`.
    pub fn family(&self) -> &'static str {
        self.rule.split('/').next().unwrap_or(self.rule)
    }
}
