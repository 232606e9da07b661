//! Robustness through the real binary: every kind of bad input gets a
//! clear message (file, what is wrong, what to do) and exit code 2, never a
//! panic; every odd but valid input simply works, in both output formats,
//! and its JSON output parses.
//!
//! Inputs are generated in a temporary directory, so binary and malformed
//! files stay out of the repository.

use std::fs;
use std::path::Path;
use std::process::Command;

const ARTICLE: &str = "City Opens New Bridge\n\
\n\
The mayor opened the new river bridge on Monday after three years of work.\n\
\n\
The bridge cost $40 million, paid for by a state grant and a local levy.\n\
\n\
- The mayor opened the river bridge on Monday.\n\
- It cost $40 million, paid by a state grant.\n";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn sumlint(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_sumlint"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("the sumlint binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

/// Runs a bad input and checks: exit 2, no panic, and a message on
/// standard error that names the file and contains each of `expected`.
fn assert_rejected(path: &str, extra: &[&str], expected: &[&str]) -> Run {
    let mut args = vec!["check", "--color", "never", "--quiet"];
    args.extend_from_slice(extra);
    args.push(path);
    let run = sumlint(&args);
    assert_eq!(run.code, 2, "{path}: exit code\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{path}: {}", run.stderr);
    assert!(
        run.stderr.contains(&format!("sumlint: error: {path}")),
        "{path}: {}",
        run.stderr
    );
    for e in expected {
        assert!(run.stderr.contains(e), "{path}: expected {e:?} in\n{}", run.stderr);
    }
    run
}

/// Runs a valid input in both formats and checks: exit 0 or 1 (findings),
/// no error or panic, JSON that parses with one file per document and
/// every position inside the file.
fn assert_works(path: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["check", "--color", "never"];
    args.extend_from_slice(extra);
    args.push(path);
    let text = sumlint(&args);
    assert!(
        text.code == 0 || text.code == 1,
        "{path}: exit {}\n{}",
        text.code,
        text.stderr
    );
    assert!(!text.stderr.contains("panicked"), "{path}: {}", text.stderr);
    assert!(text.stdout.contains("in 1 document"), "{path}: {}", text.stdout);
    args.extend_from_slice(&["--format", "json"]);
    let json = sumlint(&args);
    assert_eq!(json.code, text.code, "{path}: same exit code in both formats");
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON output parses");
    assert_eq!(value["errors"].as_array().unwrap().len(), 0, "{path}");
    let file = &value["files"][0];
    let source = fs::read(path).unwrap();
    let lines = source.split(|&b| b == b'\n' || b == b'\r').count();
    for finding in file["findings"].as_array().unwrap() {
        let line = finding["line"].as_u64().unwrap() as usize;
        let end_line = finding["end_line"].as_u64().unwrap() as usize;
        assert!(1 <= line && line <= end_line && end_line <= lines, "{path}: {finding}");
        assert!(finding["column"].as_u64().unwrap() >= 1, "{path}: {finding}");
    }
    value
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn invalid_utf8_is_rejected_with_the_line_or_read_lossily_with_a_warning() {
    let dir = temp();
    let path = write(dir.path(), "latin1.txt", {
        let mut bytes = ARTICLE.as_bytes().to_vec();
        bytes.extend_from_slice(b"- Caf\xe9 owners cheered.\n");
        bytes
    });
    assert_rejected(
        &path,
        &[],
        &[":9: the file is not valid UTF-8 (byte 6 of that line)", "iconv"],
    );
    let run = sumlint(&["check", "--color", "never", "--quiet", "--lossy", &path]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "sumlint: warning: {path}:9: not valid UTF-8 (byte 6 of that line); bytes that are not UTF-8 were replaced with U+FFFD because of --lossy"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn binary_empty_and_blank_files_are_rejected() {
    let dir = temp();
    let d = dir.path();
    assert_rejected(
        &write(d, "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        &[],
        &["binary file"],
    );
    assert_rejected(&write(d, "empty.txt", b""), &[], &["the file is empty"]);
    assert_rejected(
        &write(d, "blank.md", b"  \n\t\n\xef\xbb\xbf\n"),
        &[],
        &["the file is empty"],
    );
    assert_rejected(&write(d, "empty.jsonl", b""), &[], &["the file is empty"]);
    assert_rejected(&write(d, "blank.jsonl", b"\n \n"), &[], &["the file is empty"]);
    assert_rejected(&write(d, "binary.jsonl", b"{}\n\0\0\0"), &[], &["binary file"]);
}

#[test]
fn a_summary_without_a_body_is_rejected() {
    let dir = temp();
    let d = dir.path();
    let expected = [
        "has a summary but no body to check it against",
        "put the article's paragraphs",
    ];
    assert_rejected(
        &write(d, "only-bullets.txt", "- One bullet.\n- Two bullets.\n"),
        &[],
        &expected,
    );
    assert_rejected(
        &write(d, "only-summary.md", "## Summary\n\n- A bullet.\n"),
        &[],
        &expected,
    );
    assert_rejected(
        &write(
            d,
            "no-body.jsonl",
            r#"{"id": "x", "document": "", "summary": "A claim."}"#,
        ),
        &[],
        &[":1: record x: has a summary but no body"],
    );
}

#[test]
fn missing_unreadable_and_oversized_files_are_rejected() {
    let dir = temp();
    let d = dir.path();
    let missing = d.join("missing.txt").display().to_string();
    assert_rejected(
        &missing,
        &[],
        &["cannot read the file", "check that it exists and is readable"],
    );
    // A directory is walked for articles; one with none is an error that says so.
    let empty = d.join("empty-dir");
    fs::create_dir(&empty).unwrap();
    assert_rejected(
        &empty.display().to_string(),
        &[],
        &["no article files", "in this directory"],
    );
    // A sparse file just over the limit: no 64 MB written to disk.
    let big = d.join("huge.txt");
    fs::File::create(&big)
        .unwrap()
        .set_len(sumlint::document::MAX_FILE_BYTES + 1)
        .unwrap();
    assert_rejected(
        &big.display().to_string(),
        &[],
        &["over the limit of 67108864 bytes", "put articles in a JSONL file"],
    );
}

#[test]
fn bad_jsonl_lines_name_their_line_and_the_other_records_are_still_checked() {
    let dir = temp();
    let good = r#"{"id": "ok", "document": "The mayor opened the bridge on Monday.", "summary": ["The mayor opened the bridge."]}"#;
    let text = format!(
        "{good}\n{{not json\n{}\n[1, 2]\n{}\n\n{}\n",
        r#"{"id": "nodoc", "summary": "x"}"#,
        r#"{"id": "badsum", "document": "Text here.", "summary": 3}"#,
        good.replace("\"ok\"", "\"ok2\"")
    );
    let path = write(dir.path(), "batch.jsonl", text);
    let run = assert_rejected(
        &path,
        &[],
        &[
            ":2: not valid JSON",
            ":3: record nodoc: missing the \"document\" field",
            ":4: expected a JSON object",
            ":5: record badsum: \"summary\" must be a string or a list of strings",
        ],
    );
    assert!(run.stdout.contains("in 2 documents"), "{}", run.stdout);
    let json = sumlint(&["check", "--format", "json", &path]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let ids: Vec<&str> = value["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ok", "ok2"]);
    assert_eq!(value["errors"].as_array().unwrap().len(), 4);
}

#[test]
fn a_document_without_a_summary_is_checked_with_a_warning() {
    let dir = temp();
    let body = "City Opens New Bridge\n\nThe mayor opened the new river bridge on Monday.\n\nIt cost $40 million.\n";
    let value = assert_works(&write(dir.path(), "no-summary.txt", body), &[]);
    let findings = value["files"][0]["findings"].as_array().unwrap();
    let warning = findings.iter().find(|f| f["rule"] == "coverage/no-summary").unwrap();
    assert!(warning["message"].as_str().unwrap().contains("mark one with"));
}

/// Every odd-but-valid input: the same article in many guises.
fn odd_inputs() -> Vec<(&'static str, Vec<u8>)> {
    let long_line = format!(
        "City Opens New Bridge\n\n{}\n\n- The mayor opened the bridge.\n",
        "The mayor opened the new river bridge on Monday, and the crowd cheered. ".repeat(2_000)
    );
    let long_word = format!(
        "City Opens New Bridge\n\nThe mayor opened the {} bridge on Monday.\n\n- The mayor opened the bridge.\n",
        "a".repeat(50_000)
    );
    let unbroken = format!(
        "City Opens\n\nA dek.\n\n{}\n\n{}\n\n- {}\n",
        "x".repeat(100_000),
        "z".repeat(1000),
        "y".repeat(50_000)
    );
    let scripts = "Мэр открыл мост\n\n\
        Мэр открыл новый мост через реку в понедельник после трёх лет работы.\n\n\
        市长周一为新桥剪彩。该桥耗资四千万美元。\n\n\
        افتتح رئيس البلدية الجسر الجديد يوم الاثنين بعد ثلاث سنوات من العمل.\n\n\
        - Мэр открыл мост в понедельник.\n\
        - 市长为新桥剪彩。\n\
        - افتتح رئيس البلدية الجسر.\n";
    let emoji = "Bridge Opens 🎉\n\n\
        The mayor 👩‍⚖️ opened the new bridge 🌉 on Monday after three years of work 🏗️.\n\n\
        Cafe\u{301} owners and the Zoe\u{308} family cheered; the re\u{301}sume\u{301} was read aloud.\n\n\
        - The mayor 👩‍⚖️ opened the bridge 🌉 on Monday.\n\
        - Cafe\u{301} owners cheered.\n";
    let mut nested = String::from("# Bridge Opens\n\nThe mayor opened the new bridge on Monday.\n\n");
    for depth in 0..300 {
        nested.push_str(&"  ".repeat(depth));
        nested.push_str("- nested item about the bridge\n");
    }
    nested.push('\n');
    nested.push_str(&">".repeat(2000));
    nested.push_str(" a deeply quoted line about the mayor\n\n");
    nested.push_str(&"[".repeat(5000));
    nested.push_str("\n\n## Summary\n\n- The mayor opened the bridge on Monday.\n");
    vec![
        ("crlf.txt", ARTICLE.replace('\n', "\r\n").into_bytes()),
        ("cr.txt", ARTICLE.replace('\n', "\r").into_bytes()),
        ("bom.txt", format!("\u{feff}{ARTICLE}").into_bytes()),
        (
            "bom-crlf.txt",
            format!("\u{feff}{}", ARTICLE.replace('\n', "\r\n")).into_bytes(),
        ),
        ("bom-crlf.md", {
            let markdown = ARTICLE.replace("\n- The mayor", "\n## Summary\n\n- The mayor");
            format!("\u{feff}# {}", markdown.replace('\n', "\r\n")).into_bytes()
        }),
        ("tabs.txt", ARTICLE.replace(' ', "\t").into_bytes()),
        ("long-line.txt", long_line.into_bytes()),
        ("long-word.txt", long_word.into_bytes()),
        ("unbroken.txt", unbroken.into_bytes()),
        ("scripts.txt", scripts.as_bytes().to_vec()),
        ("emoji.txt", emoji.as_bytes().to_vec()),
        ("nested.md", nested.into_bytes()),
        ("crlf-bom.jsonl", {
            let record = r#"{"id": "a", "document": "The mayor opened the bridge.\r\n\r\nIt cost $40 million.", "summary": ["The mayor opened the bridge."]}"#;
            format!("\u{feff}{record}\r\n").into_bytes()
        }),
    ]
}

#[test]
fn odd_but_valid_inputs_simply_work() {
    let dir = temp();
    for (name, bytes) in odd_inputs() {
        let path = write(dir.path(), name, bytes);
        let value = assert_works(&path, &[]);
        let file = &value["files"][0];
        assert!(
            !file["paragraphs"].as_array().unwrap().is_empty(),
            "{name}: a body was found"
        );
        assert!(
            !file["summary"].as_array().unwrap().is_empty(),
            "{name}: a summary was found"
        );
    }
}

#[test]
fn line_endings_do_not_change_the_findings() {
    let dir = temp();
    let findings = |name: &str, text: String| -> Vec<(String, u64, u64)> {
        let path = write(dir.path(), name, text);
        let value = assert_works(&path, &[]);
        value["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["line"].as_u64().unwrap(),
                    f["column"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let lf = findings("lf.txt", ARTICLE.to_string());
    assert_eq!(findings("crlf.txt", ARTICLE.replace('\n', "\r\n")), lf);
    assert_eq!(findings("cr.txt", ARTICLE.replace('\n', "\r")), lf);
}

#[test]
fn many_files_come_out_in_the_order_given() {
    let dir = temp();
    let paths: Vec<String> = (0..40)
        .map(|i| write(dir.path(), &format!("a{i:02}.txt"), ARTICLE))
        .rev()
        .collect();
    let mut args = vec!["check", "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    let run = sumlint(&args);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let got: Vec<&str> = value["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(got, paths);
}
