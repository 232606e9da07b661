//! `--fix` through the real binary: fixes are written in place, atomically,
//! keeping permissions, and only the unambiguous ones.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

fn copy_fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/typo")
        .join(name);
    fs::copy(fixture, &path).unwrap();
    (dir, path)
}

#[test]
fn fix_rewrites_the_file_and_keeps_its_permissions() {
    let (dir, path) = copy_fixture("spelling-fire.txt");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    }
    let output = Command::new(env!("CARGO_BIN_EXE_sumlint"))
        .args(["check", "--fix", "-q", "--color", "never"])
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("fixed 4 typos in"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "the fixed typos no longer fail the run");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("have received any money") && text.contains("the government was"));
    assert!(!text.contains("recieved") && !text.contains("definately"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    }
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left"
    );
}

#[test]
fn diff_does_not_write() {
    let (_dir, path) = copy_fixture("spelling-fire.txt");
    let before = fs::read(&path).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_sumlint"))
        .args(["check", "--diff"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("+CARVER"));
    assert_eq!(fs::read(&path).unwrap(), before);
}
