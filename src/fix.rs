//! `--fix` and `--diff`: apply unambiguous typo fixes to the files they
//! came from, or show them as a unified diff.
//!
//! Writing user files is where a linter can do real damage, so the write is
//! atomic and careful: the new text goes to a temporary file in the same
//! directory (same file system, so the rename is atomic), takes the
//! original's permissions, is flushed to disk, and replaces the original by
//! rename only if the file still holds exactly the bytes sumlint read. If
//! someone saved the file in the meantime nothing is written.

use crate::document::Document;
use crate::error::{Error, Result};
use std::fs;
use std::path::Path;

/// One file's fixed text.
#[derive(Debug, Clone, PartialEq)]
pub struct FileFix {
    pub path: String,
    /// The text as read.
    pub original: String,
    /// The text with the fixes applied.
    pub fixed: String,
    /// How many replacements were made.
    pub count: usize,
}

/// Applies `fixes` (byte ranges of [`Document::source`] with their
/// replacements) to the files `doc` was read from: one [`FileFix`] per file
/// that changes. Overlapping fixes keep the first.
pub fn apply(doc: &Document, fixes: &[(usize, usize, String)]) -> Vec<FileFix> {
    let mut out = Vec::new();
    for (part, info) in doc.parts.iter().enumerate() {
        let start = info.offset;
        // A second part is appended after a separating newline.
        let end = doc.parts.get(part + 1).map_or(doc.source.len(), |next| next.offset - 1);
        let original = &doc.source[start..end];
        let mut edits: Vec<&(usize, usize, String)> =
            fixes.iter().filter(|(s, e, _)| *s >= start && *e <= end).collect();
        edits.sort_by_key(|(s, _, _)| *s);
        let mut fixed = String::with_capacity(original.len());
        let mut at = 0;
        let mut count = 0;
        for (s, e, replacement) in edits {
            let (s, e) = (s - start, e - start);
            if s < at {
                continue;
            }
            fixed.push_str(&original[at..s]);
            fixed.push_str(replacement);
            at = e;
            count += 1;
        }
        fixed.push_str(&original[at..]);
        if count > 0 {
            out.push(FileFix {
                path: info.path.clone(),
                original: original.to_string(),
                fixed,
                count,
            });
        }
    }
    out
}

/// The fixes as a unified diff (`--- a/path`, `+++ b/path`).
pub fn unified_diff(fix: &FileFix) -> String {
    similar::TextDiff::from_lines(&fix.original, &fix.fixed)
        .unified_diff()
        .context_radius(3)
        .header(&side("a", &fix.path), &side("b", &fix.path))
        .to_string()
}

/// `a/path` for a relative path (what `git apply` and `patch -p1` expect), the path itself when absolute.
fn side(prefix: &str, path: &str) -> String {
    if Path::new(path).is_absolute() {
        path.to_string()
    } else {
        format!("{prefix}/{path}")
    }
}

/// Replaces the file at `path` with `new`, atomically, only if it still
/// holds exactly `expected`. Keeps the file's permissions; follows a
/// symbolic link to the file it names.
pub fn write_atomically(path: &Path, expected: &[u8], new: &[u8]) -> Result<()> {
    let shown = path.display().to_string();
    let io_err = |e: std::io::Error| Error::io(shown.clone(), e);
    let target = fs::canonicalize(path).map_err(io_err)?;
    let changed = || {
        Error::input(
            shown.clone(),
            "the file changed since sumlint read it; nothing was written: run sumlint again",
        )
    };
    if fs::read(&target).map_err(io_err)? != expected {
        return Err(changed());
    }
    // Checked again just before the rename, to keep the window small.
    let written = crate::atomic::write_guarded(&target, new, || Ok(fs::read(&target)? == expected)).map_err(io_err)?;
    if !written {
        return Err(changed());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{parse_article, InputFormat, ParseOptions};
    use std::path::PathBuf;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("sumlint-fix-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn applies_fixes_and_diffs() {
        let text = "Title\n\nThey have recieved it.\n".to_string();
        let doc = parse_article("a.txt", text.clone(), InputFormat::Text, &ParseOptions::default()).unwrap();
        let start = text.find("recieved").unwrap();
        let fixes = apply(&doc, &[(start, start + 8, "received".into())]);
        assert_eq!(fixes.len(), 1);
        assert_eq!(fixes[0].fixed, "Title\n\nThey have received it.\n");
        let diff = unified_diff(&fixes[0]);
        assert!(
            diff.contains("-They have recieved it.\n+They have received it.\n"),
            "{diff}"
        );
    }

    #[test]
    fn atomic_write_replaces_and_keeps_permissions() {
        let dir = temp_dir("perm");
        let path = dir.join("a.txt");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomically(&path, b"old", b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        }
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "no temporary file left behind");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn changed_file_is_left_untouched() {
        let dir = temp_dir("conflict");
        let path = dir.join("a.txt");
        fs::write(&path, "edited by someone else").unwrap();
        let err = write_atomically(&path, b"what sumlint read", b"fixed").unwrap_err();
        assert!(err.to_string().contains("changed since sumlint read it"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "edited by someone else");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "no temporary file left behind");
        fs::remove_dir_all(&dir).unwrap();
    }
}
