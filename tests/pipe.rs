//! A reader that closes the pipe early (`sumlint check … | head -1`) is not
//! an error: sumlint stops quietly with exit code 0, as ripgrep does.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn closed_stdout_pipe_is_not_an_error() {
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seed.txt");
    // Enough output to fill the pipe buffer several times over.
    let args: Vec<&str> = std::iter::repeat_n(seed, 300).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sumlint"))
        .arg("check")
        .arg("--color=never")
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(
        first.starts_with("fixtures/seed.txt") || first.contains("seed.txt"),
        "{first}"
    );
    // Dropping the reader closes the pipe.
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}
