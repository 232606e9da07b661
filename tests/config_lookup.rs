//! Config lookup from the working directory, which the CLI cases (always run
//! from the repository root) cannot exercise.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn run_in(dir: &str, args: &[&str], stdin: &[u8]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sumlint"))
        .args(args)
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The child may exit without reading its input (a skipped file), which
    // closes the pipe: that is not a test failure.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

/// Regression: unnamed standard input was matched against `include` globs
/// as the path `<stdin>`, matched none, and was silently skipped.
#[test]
fn unnamed_stdin_is_checked_even_when_the_config_includes_only_some_paths() {
    let article = std::fs::read("fixtures/config/include-only/ferry.md").unwrap();
    let (code, out) = run_in(
        "fixtures/config/include-only",
        &["check", "--quiet", "--color", "never", "-"],
        &article,
    );
    assert_eq!(code, 0);
    assert!(out.contains("in 1 document"), "{out}");
    // Named, the same text is outside `include = ["news/**"]` and skipped.
    let (code, out) = run_in(
        "fixtures/config/include-only",
        &[
            "check",
            "--quiet",
            "--color",
            "never",
            "--stdin-filename",
            "ferry.md",
            "-",
        ],
        &article,
    );
    assert_eq!(code, 0);
    assert!(out.contains("in 0 documents"), "{out}");
}

/// The nearest config file wins: from inside `drafts/`, its own
/// `.sumlint.toml` (coverage off) applies, not the site's.
#[test]
fn config_is_looked_up_from_the_working_directory() {
    let (code, out) = run_in(
        "fixtures/config/site/drafts",
        &["check", "--quiet", "--color", "never", "ferry-draft.md"],
        b"",
    );
    assert_eq!((code, out.trim()), (0, "0 errors, 0 warnings, 0 infos in 1 document"));
}
