//! The HTML report opened in a real browser: headless Chromium loads the
//! page from a file, and the test reads back the DOM it built (and takes a
//! screenshot), so what is checked is what an editor would see, not only
//! the string sumlint wrote.
//!
//! Chromium is Debian's `chromium` (`.ci/run` installs it). Under CI
//! (`CI=true`) a missing browser fails the test; elsewhere the test says
//! it is skipped. `SUMLINT_CHROMIUM` names another binary.

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The browser to use, or `None` to skip (never under CI).
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SUMLINT_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists());
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    match found {
        Some(path) => Some(path),
        None if ci => panic!(
            "chromium is not installed, and CI=true: the HTML report must be rendered in CI. \
             `.ci/run` installs it with `apt-get install -y chromium`"
        ),
        None => {
            #[allow(clippy::print_stderr)] // tests may say why they skip
            {
                eprintln!("SKIPPED: chromium not found (apt-get install chromium); not CI, so skipping");
            }
            None
        }
    }
}

fn sumlint(format: &str, input: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_sumlint"))
        .args(["check", "--format", format, input])
        .current_dir(root())
        .stdin(Stdio::null())
        .output()
        .expect("the sumlint binary runs");
    String::from_utf8(output.stdout).unwrap()
}

/// Runs Chromium headless on `page` with `mode` (`--dump-dom` or
/// `--screenshot=…`) and returns its standard output. No network: every
/// background service that would call out is off, and the page itself
/// forbids loading anything.
fn run_chromium(browser: &Path, profile: &Path, mode: &str, page: &Path) -> String {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--window-size=1280,2000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(mode)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s on {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "chromium failed on {}", page.display());
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// Renders `input` as HTML in Chromium and checks the page against the
/// JSON output of the same run. Returns the rendered DOM.
fn render_and_check(browser: &Path, input: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let html = sumlint("html", input);
    fs::write(&page, &html).unwrap();
    let json: Value = serde_json::from_str(&sumlint("json", input)).unwrap();
    let dom = run_chromium(browser, &dir.path().join("profile"), "--dump-dom", &page);
    assert!(
        dom.contains("<h1>sumlint report</h1>"),
        "{input}: the page did not render:\n{dom}"
    );

    let files = json["files"].as_array().unwrap();
    let units: usize = files.iter().map(|f| f["summary"].as_array().unwrap().len()).sum();
    let paragraphs: Vec<&Value> = files.iter().flat_map(|f| f["paragraphs"].as_array().unwrap()).collect();
    let uncovered = paragraphs
        .iter()
        .filter(|p| p["covered_by"].as_array().unwrap().is_empty())
        .count();
    let findings: Vec<&Value> = files.iter().flat_map(|f| f["findings"].as_array().unwrap()).collect();

    // Every unit, side by side with its sources.
    assert_eq!(count(&dom, r#"<div class="unit c"#), units, "{input}: units");
    assert_eq!(
        count(&dom, r#"<div class="unit-side">"#),
        units,
        "{input}: unit columns"
    );
    assert_eq!(
        count(&dom, r#"<div class="source-side">"#),
        units,
        "{input}: source columns"
    );
    let sentences: usize = files
        .iter()
        .flat_map(|f| f["summary"].as_array().unwrap())
        .flat_map(|u| u["sources"].as_array().unwrap())
        .map(|s| s["sentences"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        count(&dom, r#"<p class="sentence""#),
        sentences,
        "{input}: source sentences"
    );
    // The word diff survives parsing as real <ins>/<del> elements.
    assert_eq!(count(&dom, "<ins>"), count(&html, "<ins>"), "{input}: <ins>");
    assert_eq!(count(&dom, "<del"), count(&html, "<del"), "{input}: <del>");
    // The coverage map: one entry per paragraph, the uncovered ones marked.
    assert_eq!(
        count(&dom, r#"<li class="para "#),
        paragraphs.len(),
        "{input}: coverage map"
    );
    assert_eq!(
        count(&dom, r#"<li class="para uncovered""#),
        uncovered,
        "{input}: uncovered"
    );
    assert_eq!(count(&dom, "not covered</span>"), uncovered, "{input}: uncovered marks");
    let chips: usize = paragraphs
        .iter()
        .map(|p| p["covered_by"].as_array().unwrap().len())
        .sum();
    assert_eq!(count(&dom, r#"<a class="chip c"#), chips, "{input}: coverage chips");
    // Findings with their evidence, and the severity counts.
    assert_eq!(
        count(&dom, r#"<div class="finding "#),
        findings.len(),
        "{input}: findings"
    );
    let evidence: usize = findings.iter().map(|f| f["evidence"].as_array().unwrap().len()).sum();
    assert_eq!(count(&dom, r#"<p class="evidence">"#), evidence, "{input}: evidence");
    for (severity, one, many) in [
        ("error", "error", "errors"),
        ("warning", "warning", "warnings"),
        ("info", "info", "infos"),
    ] {
        let n = findings.iter().filter(|f| f["severity"] == severity).count();
        let label = format!(
            r#"data-count="{severity}">{n} {}</span>"#,
            if n == 1 { one } else { many }
        );
        assert!(dom.contains(&label), "{input}: totals should say {label}");
    }
    // Nothing ran: the page has no script element, and its title is its own.
    assert_eq!(
        count(&dom, "<script"),
        0,
        "{input}: a script element made it into the page"
    );
    assert!(
        dom.contains("<title>sumlint report</title>"),
        "{input}: the title changed"
    );
    dom
}

#[test]
fn html_report_renders_in_chromium() {
    let Some(browser) = chromium() else { return };
    for input in [
        "fixtures/seed.txt",
        "fixtures/earnings-keypoints.md",
        "fixtures/records.jsonl",
    ] {
        render_and_check(&browser, input);
    }
    // A screenshot of the seed report: a real, non-blank picture.
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("seed.html");
    fs::write(&page, sumlint("html", "fixtures/seed.txt")).unwrap();
    let shot = dir.path().join("seed.png");
    run_chromium(
        &browser,
        &dir.path().join("profile"),
        &format!("--screenshot={}", shot.display()),
        &page,
    );
    let png = fs::read(&shot).expect("chromium wrote the screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert!(png.len() > 50_000, "the screenshot looks blank ({} bytes)", png.len());
}

/// Article text with markup and ampersands shows as text: no element,
/// attribute or script comes out of it.
#[test]
fn html_report_escapes_article_text() {
    let Some(browser) = chromium() else { return };
    let dom = render_and_check(&browser, "tests/cases/html-escaping/article.txt");
    assert!(
        dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"),
        "{dom}"
    );
    assert!(dom.contains("Smith &amp; Sons"));
    assert!(!dom.contains("data-pwned=\"1\""), "an injected script ran");
    assert_eq!(count(&dom, "<img"), 0, "an injected image element was created");
    assert_eq!(count(&dom, "<b>Recall</b>"), 0, "injected markup was rendered");
    assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt;"));
}
