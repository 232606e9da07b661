//! CLI tests: run the real binary on fixtures and compare whole outputs
//! with checked-in expected files.
//!
//! Each directory in `tests/cases/` is one case:
//! - `args`: the arguments, one per line (run from the repository root);
//! - `stdin` (optional): fed to standard input;
//! - `stdout`, `stderr`, `code`: the expected outputs and exit code.
//!
//! `SUMLINT_BLESS=1 cargo test --test cli` rewrites the expected files from
//! the current binary; review the diff before committing it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn run_case(dir: &Path) -> Run {
    let args = fs::read_to_string(dir.join("args")).expect("case has an args file");
    let args: Vec<&str> = args.lines().filter(|l| !l.is_empty()).collect();
    let stdin = fs::read(dir.join("stdin")).ok();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sumlint"))
        .args(&args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .env("SUMLINT_TEST", "1")
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the sumlint binary runs");
    if let Some(input) = stdin {
        // The binary may exit without reading all its input: not a test failure.
        let _ = child.stdin.take().unwrap().write_all(&input);
    }
    let output = child.wait_with_output().unwrap();
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

#[test]
fn cli_cases_match_expected_output() {
    let bless = std::env::var_os("SUMLINT_BLESS").is_some();
    let mut cases: Vec<PathBuf> = fs::read_dir(root().join("tests/cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("args").exists())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no CLI cases found");
    let mut failures = Vec::new();
    for dir in &cases {
        let run = run_case(dir);
        let actual = [
            ("stdout", run.stdout),
            ("stderr", run.stderr),
            ("code", format!("{}\n", run.code)),
        ];
        for (name, text) in actual {
            let path = dir.join(name);
            if bless {
                fs::write(&path, &text).unwrap();
                continue;
            }
            let expected = fs::read_to_string(&path).unwrap_or_default();
            if expected != text {
                failures.push(format!(
                    "{}: {name} differs\n--- expected\n{expected}\n--- actual\n{text}",
                    dir.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches (SUMLINT_BLESS=1 to update):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
