//! Machine formats checked against their schemas, on the real binary:
//! - SARIF validates against the official SARIF 2.1.0 schema, vendored in
//!   schema/sarif-schema-2.1.0.json (see schema/README.md for its source);
//! - JSON and JSONL validate against sumlint's own schemas, which are
//!   generated from the output types (schemars) and checked in; a test
//!   regenerates them and fails when the checked-in copy is stale
//!   (`SUMLINT_BLESS=1 cargo test --test formats` rewrites it).

use serde_json::Value;
use std::fs;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use sumlint::document::{parse_article, InputFormat, ParseOptions};
use sumlint::finding::{Evidence, Finding};
use sumlint::options::CheckOptions;
use sumlint::report::{self, DisplayOptions, Format};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `sumlint check --format FORMAT ARGS…` and returns standard output.
fn run(format: &str, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_sumlint"))
        .arg("check")
        .args(["--format", format])
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .output()
        .expect("the sumlint binary runs");
    String::from_utf8(output.stdout).expect("output is UTF-8")
}

fn load(path: &str) -> Value {
    serde_json::from_str(&fs::read_to_string(root().join(path)).unwrap()).unwrap()
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema compiles")
}

/// The stray `]` of the official schema's `language` patterns.
const STRAY_BRACKET: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";

/// The official SARIF schema, as vendored. Its two `language` patterns,
/// `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`, have a stray `]` that web
/// browsers accept as a literal but the strict ECMA-262 check of the
/// draft-07 meta-schema rejects, so the schema would not compile. The test
/// escapes that `]` (same meaning) in memory; the file stays as published.
fn sarif_validator() -> jsonschema::Validator {
    let mut schema = load("schema/sarif-schema-2.1.0.json");
    let fixed = escape_stray_bracket(&mut schema);
    assert_eq!(fixed, 2, "the vendored schema changed: review this workaround");
    validator(&schema)
}

fn escape_stray_bracket(value: &mut Value) -> usize {
    match value {
        Value::Object(map) => {
            let mut fixed = 0;
            for (key, value) in map.iter_mut() {
                if key == "pattern" && value == STRAY_BRACKET {
                    *value = Value::from(r"^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\]?$");
                    fixed += 1;
                } else {
                    fixed += escape_stray_bracket(value);
                }
            }
            fixed
        }
        Value::Array(items) => items.iter_mut().map(escape_stray_bracket).sum(),
        _ => 0,
    }
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what} is not valid:\n{}", errors.join("\n"));
}

/// Inputs of every kind: text, wrapped text, Markdown, JSON, JSONL, and a
/// missing file (an input error).
const INPUTS: &[&[&str]] = &[
    &["fixtures/seed.txt"],
    &["fixtures/court-ruling-wrapped.txt", "fixtures/budget-summary-first.txt"],
    &["fixtures/earnings-keypoints.md", "fixtures/storm-frontmatter.md"],
    &["fixtures/health-study.json"],
    &["fixtures/records.jsonl"],
    &["fixtures/seed.txt", "no/such/file.txt"],
];

#[test]
fn sarif_validates_against_the_official_schema() {
    let sarif_schema = sarif_validator();
    for args in INPUTS {
        let sarif: Value = serde_json::from_str(&run("sarif", args)).unwrap();
        assert_valid(&sarif_schema, &sarif, &format!("SARIF for {args:?}"));
        let json: Value = serde_json::from_str(&run("json", args)).unwrap();
        let run = &sarif["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let findings: usize = json["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["findings"].as_array().unwrap().len())
            .sum();
        assert_eq!(run["results"].as_array().unwrap().len(), findings, "{args:?}");
        let errors = json["errors"].as_array().unwrap().len();
        assert_eq!(
            run["invocations"][0]["toolExecutionNotifications"]
                .as_array()
                .unwrap()
                .len(),
            errors
        );
        assert_eq!(run["invocations"][0]["executionSuccessful"], errors == 0);
    }
}

#[test]
fn sarif_rules_carry_their_documentation() {
    let sarif: Value = serde_json::from_str(&run("sarif", &["fixtures/seed.txt"])).unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let known: Vec<_> = sumlint::checks::all_rules().collect();
    assert_eq!(rules.len(), known.len());
    for (descriptor, rule) in rules.iter().zip(known) {
        assert_eq!(descriptor["id"], rule.id);
        assert_eq!(descriptor["fullDescription"]["text"], rule.explanation);
        assert!(descriptor["shortDescription"]["text"].as_str().unwrap().len() > 10);
        assert!(descriptor["help"]["text"].as_str().unwrap().contains(rule.example));
        let level = descriptor["defaultConfiguration"]["level"].as_str().unwrap();
        assert_eq!(level, report::sarif::level(rule.default_severity));
    }
    // Each result names its rule by id and by index into that table.
    for result in sarif["runs"][0]["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

/// A finding with body evidence, rendered as SARIF: the evidence becomes a
/// related location with the exact region of the body sentence, and the
/// message links to it. (Built through the library: the flagged span is a
/// real unit of the seed and the evidence a real body sentence of it.)
#[test]
fn sarif_evidence_is_a_related_location() {
    let text = fs::read_to_string(root().join("fixtures/seed.txt")).unwrap();
    let doc = parse_article("fixtures/seed.txt", text, InputFormat::Text, &ParseOptions::default()).unwrap();
    let mut outcome = sumlint::check_document(&doc, &CheckOptions::default());
    let unit = outcome.units.iter().find(|u| u.id == "b3").unwrap().clone();
    let sentence = unit.sources[0].sentences[0].clone();
    let rule = sumlint::checks::all_rules().next().unwrap();
    let finding = Finding::new(rule, unit.span, unit.text.clone(), "a test finding")
        .with_unit("b3")
        .with_suggestion("say what the body says")
        .with_evidence(Evidence {
            paragraph: Some(unit.sources[0].paragraph),
            span: sentence.span,
            text: sentence.text.clone(),
            note: "the body says".into(),
        });
    outcome.findings = vec![finding];
    let display = DisplayOptions {
        format: Format::Sarif,
        color: false,
        quiet: false,
    };
    let mut reporter = report::reporter(&display);
    let mut out = Vec::new();
    reporter.outcome(&mut out, &outcome).unwrap();
    reporter.finish(&mut out).unwrap();
    let sarif: Value = serde_json::from_slice(&out).unwrap();
    assert_valid(&sarif_validator(), &sarif, "SARIF with evidence");
    let result = &sarif["runs"][0]["results"][0];
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], unit.span.line);
    assert_eq!(region["startColumn"], unit.span.column);
    assert_eq!(region["endColumn"], unit.span.end_column);
    let related = &result["relatedLocations"][0];
    assert_eq!(related["id"], 1);
    let related_region = &related["physicalLocation"]["region"];
    assert_eq!(related_region["startLine"], sentence.span.line);
    assert_eq!(related_region["startColumn"], sentence.span.column);
    assert_eq!(related_region["endLine"], sentence.span.end_line);
    assert_eq!(related_region["endColumn"], sentence.span.end_column);
    assert_eq!(related_region["snippet"]["text"], sentence.text);
    let message = result["message"]["text"].as_str().unwrap();
    assert!(message.contains("](1)"), "the message links to the evidence: {message}");
    assert_eq!(result["properties"]["suggestion"], "say what the body says");
}

#[test]
fn json_and_jsonl_validate_against_the_checked_in_schemas() {
    let run_schema = validator(&load("schema/sumlint-output.schema.json"));
    let line_schema = validator(&load("schema/sumlint-output-line.schema.json"));
    for args in INPUTS {
        let json: Value = serde_json::from_str(&run("json", args)).unwrap();
        assert_valid(&run_schema, &json, &format!("JSON for {args:?}"));
        let jsonl = run("jsonl", args);
        let lines: Vec<&str> = jsonl.lines().collect();
        // One line per checked document, the same documents as `files`.
        assert_eq!(lines.len(), json["files"].as_array().unwrap().len(), "{args:?}");
        for (line, file) in lines.iter().zip(json["files"].as_array().unwrap()) {
            let value: Value = serde_json::from_str(line).unwrap();
            assert_valid(&line_schema, &value, &format!("JSONL line for {args:?}"));
            assert_eq!(&value, file);
        }
    }
}

#[test]
fn output_schemas_are_current() {
    let bless = std::env::var_os("SUMLINT_BLESS").is_some();
    let schemas = [
        ("schema/sumlint-output.schema.json", report::json::output_schema()),
        (
            "schema/sumlint-output-line.schema.json",
            report::json::jsonl_line_schema(),
        ),
    ];
    for (path, schema) in schemas {
        let generated = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        let path = root().join(path);
        if bless {
            fs::write(&path, &generated).unwrap();
            continue;
        }
        let checked_in = fs::read_to_string(&path).unwrap_or_default();
        assert!(
            checked_in == generated,
            "{} is stale: the output types changed; run `SUMLINT_BLESS=1 cargo test --test formats` and commit it",
            path.display()
        );
    }
}
