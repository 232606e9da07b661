//! Writing user files atomically: to a temporary file beside the target,
//! then a rename, so an interrupted run never leaves half a baseline or man
//! page behind.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` via a temporary file in the same directory.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_guarded(path, bytes, || Ok(true)).map(|_| ())
}

/// Writes `bytes` to `path` via a temporary file in the same directory,
/// keeping an existing file's permissions. `still_current` is asked just
/// before the rename (to keep the window small); when it says no, nothing is
/// written and the result is `Ok(false)`.
pub fn write_guarded(
    path: &Path,
    bytes: &[u8],
    still_current: impl Fn() -> std::io::Result<bool>,
) -> std::io::Result<bool> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.sumlint-{}.tmp", std::process::id()));
    let permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
    let result = (|| {
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&temp)?;
        file.write_all(bytes)?;
        if let Some(permissions) = permissions {
            file.set_permissions(permissions)?;
        }
        file.sync_all()?;
        drop(file);
        if !still_current()? {
            return Ok(false);
        }
        std::fs::rename(&temp, path).map(|_| true)
    })();
    if !matches!(result, Ok(true)) {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    #[test]
    fn writes_and_replaces_without_leaving_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        super::write(&path, b"one").unwrap();
        super::write(&path, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
