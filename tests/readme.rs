//! The README shows what `sumlint check fixtures/seed.txt` prints; this
//! runs the binary and compares the whole output, and the exit code the
//! README gives, so the example cannot go stale when a report changes.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn the_readme_example_is_what_the_binary_prints() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md is readable");
    let fence = "```text\nfixtures/seed.txt";
    let start = readme.find(fence).expect("the README has the seed example") + "```text\n".len();
    let end = start + readme[start..].find("```").expect("the example's block is closed");
    let shown = &readme[start..end];

    let output = Command::new(env!("CARGO_BIN_EXE_sumlint"))
        .current_dir(&root)
        .args(["check", "--color", "never", "fixtures/seed.txt"])
        .output()
        .expect("sumlint runs");
    let printed = String::from_utf8(output.stdout).expect("UTF-8 output");
    assert_eq!(
        shown, printed,
        "README.md's example is stale: paste the output of `sumlint check fixtures/seed.txt`"
    );
    assert_eq!(output.status.code(), Some(1), "the README says the seed exits with 1");
    assert!(readme.contains("The exit code is 1 because there are errors."));
}
