//! `--format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub code
//! scanning, Azure DevOps, the SARIF viewers in editors).
//!
//! One run for the whole invocation, collected and written at the end. The
//! driver lists every rule with its documentation, so a viewer can explain
//! a result without sumlint; each result points at the flagged words, and
//! its body evidence is a `relatedLocation` the message links to. Columns
//! count Unicode characters, which SARIF calls `unicodeCodePoints`. Inputs
//! that could not be checked become error notifications of the invocation.
//! The output validates against the official schema (vendored in schema/,
//! checked by tests/formats.rs).

use super::{locate, Region, Reporter};
use crate::error::Error;
use crate::finding::{Finding, Rule, Severity};
use crate::outcome::Outcome;
use crate::span::Span;
use serde_json::{json, Map, Value};
use std::io::{self, Write};

pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Default)]
pub struct SarifReporter {
    results: Vec<Value>,
    notifications: Vec<Value>,
}

/// SARIF's name for a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The rule as a SARIF `reportingDescriptor`.
fn rule_descriptor(rule: &Rule) -> Value {
    let family = rule.id.split('/').next().unwrap_or(rule.id);
    let turn_off = format!(
        "Turn it off or change its level in sumlint.toml:\n\n    [rules]\n    \"{}\" = \"off\"   # or \"error\", \"warning\", \"info\"",
        rule.id
    );
    json!({
        "id": rule.id,
        "name": rule_name(rule.id),
        "shortDescription": {"text": sentence(rule.summary)},
        "fullDescription": {"text": rule.explanation},
        "defaultConfiguration": {
            "level": level(rule.default_severity),
            "enabled": rule.default_enabled,
        },
        "help": {
            "text": format!("{}\n\nExample: {}\n\n{}", rule.explanation, rule.example, turn_off),
            "markdown": format!("{}\n\n**Example:** {}\n\n{}", rule.explanation, rule.example, turn_off),
        },
        "properties": {"tags": ["summary", family]},
    })
}

/// `coverage/uncovered-paragraph` → `UncoveredParagraph`: SARIF's `name` is
/// an identifier-like form of the rule.
fn rule_name(id: &str) -> String {
    let name = id.rsplit('/').next().unwrap_or(id);
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// A summary line as a sentence: capitalised, with a full stop.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// A file path as a SARIF URI reference: relative paths stay relative (a
/// viewer resolves them against the checkout), absolute ones become
/// `file://` URIs, and characters a URI cannot hold are percent-encoded.
pub fn path_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut uri = String::with_capacity(path.len());
    if path.starts_with('/') {
        uri.push_str("file://");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b'@' => uri.push(byte as char),
            // A colon in a relative path would read as a URI scheme.
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

fn physical_location(path: &str, region: &Region, snippet: Option<&str>) -> Value {
    let mut location = Map::new();
    location.insert("artifactLocation".into(), json!({"uri": path_uri(path)}));
    match region {
        Region::Span(span) => {
            let mut region = span_region(span);
            if let (Some(text), Some(object)) = (snippet, region.as_object_mut()) {
                if !text.is_empty() {
                    object.insert("snippet".into(), json!({"text": text}));
                }
            }
            location.insert("region".into(), region);
        }
        Region::Line(line) => {
            location.insert("region".into(), json!({"startLine": line}));
        }
        Region::File => {}
    }
    Value::Object(location)
}

fn span_region(span: &Span) -> Value {
    json!({
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    })
}

impl SarifReporter {
    fn result(&self, outcome: &Outcome, finding: &Finding) -> Value {
        let (path, region) = locate(outcome, finding.path.as_deref(), &finding.span);
        let mut message = finding.message.clone();
        let mut related = Vec::new();
        for (i, evidence) in finding.evidence.iter().enumerate() {
            let id = i + 1;
            let place = match evidence.paragraph {
                Some(p) => format!("¶{p} line {}", evidence.span.line),
                None => format!("line {}", evidence.span.line),
            };
            // Embedded links (`[text](id)`) let a viewer jump to the evidence.
            message.push_str(&format!(
                "{} {} [{place}]({id})",
                if i == 0 { " —" } else { ";" },
                evidence.note
            ));
            let (evidence_path, evidence_region) = locate(outcome, None, &evidence.span);
            related.push(json!({
                "id": id,
                "physicalLocation": physical_location(&evidence_path, &evidence_region, Some(&evidence.text)),
                "message": {"text": format!("{}: {}", evidence.note, evidence.text)},
            }));
        }
        if let Some(suggestion) = &finding.suggestion {
            message.push_str(&format!(". Suggestion: {suggestion}"));
        }
        let mut result = Map::new();
        result.insert("ruleId".into(), json!(finding.rule));
        if let Some(index) = crate::checks::all_rules().position(|r| r.id == finding.rule) {
            result.insert("ruleIndex".into(), json!(index));
        }
        result.insert("level".into(), json!(level(finding.severity)));
        result.insert("message".into(), json!({"text": message}));
        let mut location = Map::new();
        location.insert(
            "physicalLocation".into(),
            physical_location(&path, &region, Some(&finding.text)),
        );
        if let Some(id) = &outcome.id {
            // A batch record: the physical location is the record; the
            // record itself is the logical location.
            location.insert(
                "logicalLocations".into(),
                json!([{"name": id, "fullyQualifiedName": format!("{}#{}", outcome.path, id), "kind": "object"}]),
            );
        }
        result.insert("locations".into(), json!([location]));
        if !related.is_empty() {
            result.insert("relatedLocations".into(), Value::Array(related));
        }
        let mut properties = Map::new();
        if let Some(unit) = &finding.unit {
            properties.insert("unit".into(), json!(unit));
        }
        if let Some(suggestion) = &finding.suggestion {
            properties.insert("suggestion".into(), json!(suggestion));
        }
        if let Some(id) = &outcome.id {
            // The exact position is in the record's text.
            properties.insert("record".into(), json!(id));
            properties.insert(
                "recordPosition".into(),
                json!({"line": finding.span.line, "column": finding.span.column,
                       "endLine": finding.span.end_line, "endColumn": finding.span.end_column}),
            );
        }
        if !properties.is_empty() {
            result.insert("properties".into(), Value::Object(properties));
        }
        Value::Object(result)
    }
}

impl Reporter for SarifReporter {
    fn outcome(&mut self, _out: &mut dyn Write, outcome: &Outcome) -> io::Result<()> {
        for finding in &outcome.findings {
            let result = self.result(outcome, finding);
            self.results.push(result);
        }
        Ok(())
    }

    fn error(&mut self, _out: &mut dyn Write, error: &Error) -> io::Result<()> {
        let mut notification = json!({
            "level": "error",
            "message": {"text": error.to_string()},
        });
        if let Some((path, line)) = error.location() {
            let region = match line {
                Some(line) => Region::Line(line),
                None => Region::File,
            };
            notification["locations"] = json!([{"physicalLocation": physical_location(&path, &region, None)}]);
        }
        self.notifications.push(notification);
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let rules: Vec<Value> = crate::checks::all_rules().map(rule_descriptor).collect();
        let log = json!({
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "sumlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }},
                "invocations": [{
                    "executionSuccessful": self.notifications.is_empty(),
                    "toolExecutionNotifications": std::mem::take(&mut self.notifications),
                }],
                "columnKind": "unicodeCodePoints",
                "results": std::mem::take(&mut self.results),
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_keep_relative_paths_and_encode_the_rest() {
        assert_eq!(path_uri("fixtures/seed.txt"), "fixtures/seed.txt");
        assert_eq!(path_uri("my docs/a#1.md"), "my%20docs/a%231.md");
        assert_eq!(path_uri("/tmp/x.txt"), "file:///tmp/x.txt");
        assert_eq!(path_uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(path_uri("dir\\é.txt"), "dir/%C3%A9.txt");
    }

    #[test]
    fn rule_names_and_levels() {
        assert_eq!(rule_name("coverage/uncovered-paragraph"), "UncoveredParagraph");
        assert_eq!(level(Severity::Info), "note");
        assert_eq!(sentence("a body paragraph"), "A body paragraph.");
    }
}
