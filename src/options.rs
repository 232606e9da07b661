//! Options that change the analysis, apart from options that change only
//! how results are shown (those live with the reporters).

use crate::document::ParseOptions;
use crate::finding::Severity;
use crate::text::lexicon::Locale;
use std::collections::HashMap;

/// What a rule is set to in the config: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    On(Severity),
}

#[derive(Clone, Debug)]
pub struct CheckOptions {
    pub parse: ParseOptions,
    /// Per-rule overrides by rule id.
    pub rules: HashMap<String, RuleLevel>,
    /// Below this support a unit gets `drift/low-support`.
    pub low_support: f64,
    /// Spelling locale.
    pub locale: Locale,
    /// Project words that are never typos (folded).
    pub words: Vec<String>,
    /// Words of lifted text that make `duplication/verbatim` fire.
    pub verbatim_words: usize,
    /// Documents scoring below this get `drift/low-score`; `None` turns it
    /// off. `sumlint calibrate` prints the value for a newsroom's own data.
    pub score_threshold: Option<f64>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            parse: ParseOptions::default(),
            rules: HashMap::new(),
            low_support: 0.15,
            locale: Locale::Any,
            words: Vec::new(),
            verbatim_words: 25,
            score_threshold: None,
        }
    }
}

impl CheckOptions {
    /// The severity `rule` reports at, or `None` when it is off.
    pub fn level(&self, rule: &crate::finding::Rule) -> Option<Severity> {
        match self.rules.get(rule.id) {
            Some(RuleLevel::Off) => None,
            Some(RuleLevel::On(severity)) => Some(*severity),
            None => rule.default_enabled.then_some(rule.default_severity),
        }
    }
}
