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

/// Records piped in by a slow writer (`tail -f x.jsonl | sumlint check
/// --input-format jsonl -`) are reported as they come, not when the input
/// ends or a window of records has filled.
#[test]
fn records_from_a_slow_writer_are_reported_before_the_input_ends() {
    use std::io::Write;
    use std::sync::mpsc;
    use std::time::Duration;
    let mut child = Command::new(env!("CARGO_BIN_EXE_sumlint"))
        .args(["check", "--format", "jsonl", "--input-format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let (lines, report) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if lines.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let record = |id: &str| {
        format!(
            r#"{{"id":"{id}","document":"The mayor opened the bridge on Monday.","summary":["The mayor opened the bridge."]}}"#
        )
    };
    for id in ["first", "second"] {
        writeln!(input, "{}", record(id)).unwrap();
        input.flush().unwrap();
        // The input stays open: the report must come all the same.
        let line = report
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no report of the {id} record while the input is open"));
        assert!(line.contains(&format!(r#""id":"{id}""#)), "{line}");
    }
    drop(input);
    child.wait().unwrap();
    reader.join().unwrap();
}
