//! Atomic file writes for `--fix`: the new text goes to a temporary file in
//! the same folder, is flushed to disk, takes the original's permissions,
//! then replaces the original with one `rename`. A crash, a kill or a full
//! disk leaves either the old release or the new one, never half of one.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Replaces the file at `path` (following symlinks) with `contents`.
pub fn atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let meta = fs::metadata(&target)?;
    if meta.permissions().readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    let dir = target
        .parent()
        .ok_or_else(|| io::Error::other("the file has no parent folder"))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".prlint-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    fault_point(tmp.as_file_mut(), contents)?;
    tmp.write_all(contents)?;
    tmp.flush()?;
    tmp.as_file().sync_all()?;
    fs::set_permissions(tmp.path(), meta.permissions())?;
    keep_owner(tmp.as_file(), &meta);
    tmp.persist(&target).map_err(|e| e.error)?;
    // Make the rename itself durable (best effort: not every platform
    // can open a folder).
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(unix)]
fn keep_owner(file: &fs::File, meta: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    // Only root can give a file away; for anyone else this is a no-op.
    let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_: &fs::File, _: &fs::Metadata) {}

/// Fault injection for the atomicity tests, compiled into debug builds only:
/// `PRLINT_FAULT_WRITE=fail` writes half the text then fails as a full disk
/// would; `PRLINT_FAULT_WRITE=pause:FLAG` writes half, creates FLAG and
/// sleeps so the test can kill the process mid-write.
#[cfg(debug_assertions)]
fn fault_point(file: &mut fs::File, contents: &[u8]) -> io::Result<()> {
    let Ok(mode) = std::env::var("PRLINT_FAULT_WRITE") else {
        return Ok(());
    };
    let half = &contents[..contents.len() / 2];
    if mode == "fail" {
        file.write_all(half)?;
        return Err(io::Error::new(
            io::ErrorKind::StorageFull,
            "no space left on device (injected)",
        ));
    }
    if let Some(flag) = mode.strip_prefix("pause:") {
        file.write_all(half)?;
        file.sync_all()?;
        fs::write(flag, b"half written")?;
        std::thread::sleep(std::time::Duration::from_secs(60));
        return Err(io::Error::other("paused write timed out (injected)"));
    }
    Ok(())
}

#[cfg(not(debug_assertions))]
fn fault_point(_: &mut fs::File, _: &[u8]) -> io::Result<()> {
    Ok(())
}
