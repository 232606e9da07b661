//! Baselines: findings a project has accepted, so that CI fails only on new
//! ones (`--write-baseline FILE` records them, `--baseline FILE` reads them).
//!
//! A finding is keyed by a hash of its content, not its line: the rule, the
//! flagged text, and for a finding about a summary unit, the unit's text and
//! the text of every body paragraph the unit draws from. Whitespace is
//! collapsed first, so re-wrapping or moving text keeps the key; editing a
//! source paragraph changes it, so a unit whose evidence changed is looked
//! at again even when the unit itself did not change. The same key may occur
//! more than once in a file (a typo repeated); the baseline counts them, and
//! only as many findings as were recorded are accepted.

use crate::document::Document;
use crate::error::{Error, Result};
use crate::finding::Finding;
use crate::outcome::Outcome;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// Version of the baseline file format; bumped when keys change meaning.
pub const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// One accepted finding. `line` and `text` are for the people reading the
/// file in review; only `path`, `rule` and `key` are matched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub key: String,
    pub line: usize,
    pub text: String,
}

/// A loaded baseline: how many findings of each (path, key) are accepted.
#[derive(Debug, Default)]
pub struct Baseline {
    remaining: HashMap<(String, String), usize>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline> {
        let config_error = |message: String| Error::Config {
            path: path.to_path_buf(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| {
            config_error(format!(
                "cannot read the baseline: {e}; create one with --write-baseline"
            ))
        })?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| Error::ConfigAt {
            path: path.display().to_string(),
            line: e.line(),
            column: e.column(),
            message: format!("not a sumlint baseline: {e}; write a new one with --write-baseline"),
        })?;
        if file.version != VERSION {
            return Err(config_error(format!(
                "baseline version {} is not the version this sumlint writes ({VERSION}); write a new one with --write-baseline",
                file.version
            )));
        }
        let mut remaining = HashMap::new();
        for entry in file.findings {
            *remaining.entry((entry.path, entry.key)).or_insert(0) += 1;
        }
        Ok(Baseline { remaining })
    }

    /// Removes from `outcome` the findings the baseline accepts; `entries`
    /// are theirs ([`entries`]). Returns how many were removed.
    pub fn hide_accepted(&mut self, outcome: &mut Outcome, entries: &[Entry]) -> usize {
        debug_assert_eq!(outcome.findings.len(), entries.len());
        let mut keep = entries.iter().map(|e| !self.accepts(e));
        let before = outcome.findings.len();
        outcome.findings.retain(|_| keep.next().unwrap_or(true));
        before - outcome.findings.len()
    }

    /// True (and uses up one acceptance) when the baseline holds `entry`.
    pub fn accepts(&mut self, entry: &Entry) -> bool {
        match self.remaining.get_mut(&(entry.path.clone(), entry.key.clone())) {
            Some(count) if *count > 0 => {
                *count -= 1;
                true
            }
            _ => false,
        }
    }
}

/// The baseline entries of every finding of `outcome`, in finding order.
/// A pure function of the document, so it can run where the document is
/// checked; [`Baseline::hide_accepted`] then runs in output order.
pub fn entries(doc: &Document, outcome: &Outcome) -> Vec<Entry> {
    outcome.findings.iter().map(|f| entry(doc, outcome, f)).collect()
}

/// Writes `entries` as a baseline file, atomically, sorted for stable diffs.
pub fn write(path: &Path, mut entries: Vec<Entry>) -> std::io::Result<()> {
    entries.sort_by(|a, b| (&a.path, a.line, &a.rule, &a.key).cmp(&(&b.path, b.line, &b.rule, &b.key)));
    let file = BaselineFile {
        version: VERSION,
        findings: entries,
    };
    let mut json = serde_json::to_string_pretty(&file).map_err(std::io::Error::other)?;
    json.push('\n');
    crate::atomic::write(path, json.as_bytes())
}

/// The baseline entry for a finding of `outcome` (checked from `doc`).
pub fn entry(doc: &Document, outcome: &Outcome, finding: &Finding) -> Entry {
    let mut path = finding.path.clone().unwrap_or_else(|| outcome.display_name());
    if let Some(stripped) = path.strip_prefix("./") {
        path = stripped.to_string();
    }
    path = path.replace('\\', "/");
    let mut hash = Fnv::new();
    hash.field(finding.rule);
    hash.field(&normalise(&finding.text));
    if let Some(unit) = finding
        .unit
        .as_deref()
        .and_then(|id| outcome.units.iter().find(|u| u.id == id))
    {
        hash.field(&normalise(&unit.text));
        let mut paragraphs: Vec<usize> = unit.sources.iter().map(|s| s.paragraph).collect();
        paragraphs.sort_unstable();
        paragraphs.dedup();
        for number in paragraphs {
            if let Some(paragraph) = doc.paragraphs.get(number - 1) {
                hash.field(&normalise(doc.slice(&paragraph.span)));
            }
        }
    }
    Entry {
        path,
        rule: finding.rule.to_string(),
        key: format!("{:016x}", hash.finish()),
        line: finding.span.line,
        text: finding.text.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// Whitespace collapsed: wrapping, indentation and line endings do not count.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// FNV-1a, 64 bits: stable across Rust versions and platforms (unlike
/// `std`'s hasher), which a file checked into a repository needs.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// A field, length-prefixed so that ("ab", "c") and ("a", "bc") differ.
    fn field(&mut self, text: &str) {
        self.bytes(&(text.len() as u64).to_le_bytes());
        self.bytes(text.as_bytes());
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{parse_article, InputFormat, ParseOptions};
    use crate::options::CheckOptions;

    fn entries(source: &str) -> Vec<Entry> {
        let doc = parse_article("a.txt", source.into(), InputFormat::Text, &ParseOptions::default()).unwrap();
        let outcome = crate::check_document(&doc, &CheckOptions::default());
        outcome.findings.iter().map(|f| entry(&doc, &outcome, f)).collect()
    }

    const ARTICLE: &str = "Bridge Opens\n\n\
        The mayor opened the new bridge on Monday after three years of work.\n\n\
        It cost $40 million, paid by a state grant that the council won last year.\n\n\
        - The mayor opened the bridge on Monday.\n";

    #[test]
    fn fnv_matches_the_reference_value() {
        let mut h = Fnv::new();
        h.bytes(b"a");
        assert_eq!(h.finish(), 0xaf63dc4c8601ec8c);
    }

    #[test]
    fn rewrapping_and_moving_text_keeps_keys() {
        let before = entries(ARTICLE);
        assert!(!before.is_empty());
        let rewrapped = ARTICLE.replace("paid by a state grant that", "paid by a state\ngrant that");
        let moved = format!("\n\n{rewrapped}");
        let after = entries(&moved);
        let keys = |e: &[Entry]| e.iter().map(|e| e.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&before), keys(&after));
        assert_ne!(before[0].line, after[0].line);
    }

    #[test]
    fn editing_text_changes_the_key() {
        let before = entries(ARTICLE);
        let after = entries(&ARTICLE.replace("$40 million", "$45 million"));
        assert_ne!(before[0].key, after[0].key);
    }

    #[test]
    fn a_unit_finding_is_new_again_when_its_source_paragraph_changes() {
        let key = |source: &str| {
            let doc = parse_article("a.txt", source.into(), InputFormat::Text, &ParseOptions::default()).unwrap();
            let outcome = crate::check_document(&doc, &CheckOptions::default());
            let unit = outcome.units.iter().find(|u| u.id == "b1").unwrap();
            assert_eq!(unit.sources[0].paragraph, 1);
            let finding = Finding::new(
                &crate::checks::coverage::NO_SUMMARY,
                unit.span,
                unit.text.clone(),
                "about the unit",
            )
            .with_unit("b1");
            entry(&doc, &outcome, &finding).key
        };
        let before = key(ARTICLE);
        // The unit is unchanged; the paragraph it draws from is not.
        let after = key(&ARTICLE.replace("after three years", "after four years"));
        // A paragraph it does not draw from may change freely.
        let unrelated = key(&ARTICLE.replace("$40 million", "$45 million"));
        assert_ne!(before, after);
        assert_eq!(before, unrelated);
    }

    #[test]
    fn a_baseline_accepts_each_recorded_finding_once() {
        let entry = entries(ARTICLE).remove(0);
        let mut baseline = Baseline::default();
        baseline.remaining.insert((entry.path.clone(), entry.key.clone()), 1);
        assert!(baseline.accepts(&entry));
        assert!(!baseline.accepts(&entry));
    }
}
