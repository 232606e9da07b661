//! The CI examples we tell users to copy must work: this runs the sumlint
//! steps of `examples/ci/sumlint.yml` (the GitHub Actions workflow) and the
//! hook of `.pre-commit-hooks.yaml` (with the arguments and file filter of
//! `examples/ci/pre-commit-config.yaml`) on a copy of `fixtures/ci-repo`,
//! with the binary under test first on `PATH`. It checks that a clean,
//! baselined repository passes, that editing a paragraph behind a
//! baselined finding fails, and that the checked-in baseline is current.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use yaml_rust2::{Yaml, YamlLoader};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn yaml(path: &str) -> Yaml {
    let text = fs::read_to_string(root().join(path)).unwrap();
    YamlLoader::load_from_str(&text).unwrap().remove(0)
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A scratch copy of the fixture content repository.
fn content_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("fixtures/ci-repo"), dir.path());
    dir
}

/// `PATH` with the directory of the sumlint under test first.
fn path_with_sumlint() -> std::ffi::OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_sumlint")).parent().unwrap().to_path_buf();
    let mut paths = vec![bin];
    paths.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    std::env::join_paths(paths).unwrap()
}

/// Runs a workflow `run:` script as the runner does (bash), in `dir`.
fn run_script(dir: &Path, script: &str) -> (i32, String) {
    let output = Command::new("bash")
        .args(["-eo", "pipefail", "-c", script])
        .current_dir(dir)
        .env("PATH", path_with_sumlint())
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

/// The workflow's steps that run sumlint (not the one that installs it).
fn workflow_sumlint_steps() -> Vec<(String, String)> {
    let workflow = yaml("examples/ci/sumlint.yml");
    let steps = workflow["jobs"]["summaries"]["steps"]
        .as_vec()
        .expect("the job has steps");
    let found: Vec<(String, String)> = steps
        .iter()
        .filter_map(|step| {
            let run = step["run"].as_str()?;
            (run.contains("sumlint ") && !run.contains("cargo install"))
                .then(|| (step["name"].as_str().unwrap_or("").to_string(), run.to_string()))
        })
        .collect();
    assert!(found.len() >= 2, "the workflow runs sumlint: {found:?}");
    found
}

fn edit_baselined_paragraph(repo: &Path) {
    let article = repo.join("content/news/library-vote.md");
    let text = fs::read_to_string(&article).unwrap();
    assert!(text.contains("until 2026"));
    fs::write(&article, text.replace("until 2026", "until 2027")).unwrap();
}

#[test]
fn workflow_steps_pass_on_a_baselined_repo_and_fail_on_a_new_finding() {
    let repo = content_repo();
    for (name, script) in workflow_sumlint_steps() {
        let (code, output) = run_script(repo.path(), &script);
        assert_eq!(code, 0, "step `{name}` failed:\n{output}");
    }
    let report: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(repo.path().join("sumlint-report.json")).unwrap()).unwrap();
    let files = report["files"].as_array().unwrap();
    // content/drafts is excluded by the repo's sumlint.toml.
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["content/news/ferry.txt", "content/news/library-vote.md"]);

    edit_baselined_paragraph(repo.path());
    let (name, check) = &workflow_sumlint_steps()[0];
    let (code, output) = run_script(repo.path(), check);
    assert_eq!(code, 1, "step `{name}` should fail on the edited paragraph:\n{output}");
    // The workflow annotates with `--format github`.
    assert!(
        output.contains("::error file=content/news/library-vote.md,line=7,col=1"),
        "{output}"
    );
}

#[test]
fn checked_in_baseline_is_current() {
    let repo = content_repo();
    let written = repo.path().join("fresh-baseline.json");
    let status = Command::new(env!("CARGO_BIN_EXE_sumlint"))
        .args(["check", "--quiet", "--write-baseline"])
        .arg(&written)
        .arg("content")
        .current_dir(repo.path())
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(0));
    assert_eq!(
        fs::read_to_string(written).unwrap(),
        fs::read_to_string(root().join("fixtures/ci-repo/.sumlint-baseline.json")).unwrap(),
        "regenerate with `cd fixtures/ci-repo && sumlint check --write-baseline .sumlint-baseline.json content`"
    );
    // Written atomically: no temporary file is left beside it.
    let leftovers: Vec<_> = fs::read_dir(repo.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// The hook as a user's `.pre-commit-config.yaml` configures it: the
/// command line pre-commit runs for the staged files that match.
fn pre_commit_command(repo: &Path) -> Vec<String> {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hook = &hooks[0];
    assert_eq!(hook["id"].as_str(), Some("sumlint"));
    let user = yaml("examples/ci/pre-commit-config.yaml");
    let user_hook = &user["repos"][0]["hooks"][0];
    assert_eq!(user_hook["id"].as_str(), Some("sumlint"));
    let mut command: Vec<String> = hook["entry"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .map(String::from)
        .collect();
    let args = user_hook["args"].as_vec().or(hook["args"].as_vec()).unwrap();
    command.extend(args.iter().map(|a| a.as_str().unwrap().to_string()));
    // `files: ^content/` and `types_or: [markdown, plain-text]`, as pre-commit applies them.
    let files_prefix = user_hook["files"].as_str().unwrap().trim_start_matches('^');
    let mut files = Vec::new();
    collect_files(repo, repo, &mut files);
    files.retain(|f| f.starts_with(files_prefix) && (f.ends_with(".md") || f.ends_with(".txt")));
    files.sort();
    command.extend(files);
    command
}

fn collect_files(base: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_files(base, &path, out);
        } else {
            out.push(path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn pre_commit_hook_passes_a_baselined_repo_and_fails_on_a_new_finding() {
    let repo = content_repo();
    let command = pre_commit_command(repo.path());
    assert_eq!(command[0], "sumlint");
    // pre-commit passes the drafts too; the repo's exclude glob still skips them.
    assert!(command.iter().any(|a| a == "content/drafts/ferry.md"), "{command:?}");
    let run = |command: &[String]| {
        Command::new("sumlint")
            .args(&command[1..])
            .current_dir(repo.path())
            .env("PATH", path_with_sumlint())
            .output()
            .unwrap()
    };
    let output = run(&command);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    edit_baselined_paragraph(repo.path());
    let output = run(&command);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn man_out_writes_one_page_per_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    let status = Command::new(env!("CARGO_BIN_EXE_sumlint"))
        .args(["man", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(0));
    let mut pages: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert_eq!(
        pages,
        [
            "sumlint-calibrate.1",
            "sumlint-check.1",
            "sumlint-completions.1",
            "sumlint-explain.1",
            "sumlint-man.1",
            "sumlint-score.1",
            "sumlint.1"
        ]
    );
    let check = fs::read_to_string(out.join("sumlint-check.1")).unwrap();
    assert!(check.contains(".TH sumlint-check 1"), "{check}");
    assert!(check.contains("\\-\\-write\\-baseline"), "{check}");
}
