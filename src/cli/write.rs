//! Safe file writes for `--fix`.
//!
//! A file marked read-only is never written; otherwise whether it may be
//! written is decided by the operating system for this user (the file is
//! opened for writing, as an editor would), not by its mode bits. The usual way is atomic: the new text goes to a temporary
//! file in the same folder, is flushed to disk, takes the original's
//! permissions and owner, then replaces the original with one `rename`. A
//! crash, a kill or a full disk leaves either the old release or the new
//! one, never half of one.
//!
//! A file with several hard links, or one whose owner or group the
//! temporary file cannot take (someone else's file in a shared folder), is
//! rewritten in place instead so that its links, owner and group stay: a
//! copy of the old text is kept in a temporary file until the new text is on
//! disk.
//!
//! Temporary files are named `.prlint-NAME.XXXXXX.tmp` beside the release
//! `NAME`; one left over by an interrupted write is reported by the next run
//! ([`leftovers`]).

use std::fs;
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};

/// The prefix of the temporary files of `--fix` for the file `name`.
fn temp_prefix(name: &str) -> String {
    format!(".prlint-{name}.")
}

/// The suffix of the temporary files of `--fix`.
const TEMP_SUFFIX: &str = ".tmp";

/// Replaces the content of the file at `path` (following symlinks) with
/// `contents`, keeping its permissions, owner, group and hard links.
pub fn atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let meta = fs::metadata(&target)?;
    // A file marked read-only stays so, even for root…
    if meta.permissions().readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    // …and otherwise the operating system decides, for this user (owner,
    // group, ACLs): a writable folder does not make its files writable.
    let mut in_place = fs::OpenOptions::new()
        .write(true)
        .open(&target)
        .map_err(|e| match e.kind() {
            io::ErrorKind::PermissionDenied => io::Error::new(
                io::ErrorKind::PermissionDenied,
                "permission denied (this user may not write the file)",
            ),
            _ => e,
        })?;
    let dir = target
        .parent()
        .ok_or_else(|| io::Error::other("the file has no parent folder"))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(&name))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    if links(&meta) > 1 || !keep_owner(tmp.as_file(), &meta) {
        // Keep the inode: save the old text beside it, then overwrite.
        let old = fs::read(&target)?;
        tmp.write_all(&old)?;
        tmp.as_file().sync_all()?;
        // From here on the saved copy must outlive a failure.
        let (_, saved) = tmp.keep().map_err(|e| e.error)?;
        let mut overwrite = || -> io::Result<()> {
            fault_point(&mut in_place, contents)?;
            in_place.rewind()?;
            in_place.write_all(contents)?;
            in_place.set_len(contents.len() as u64)?;
            in_place.sync_all()
        };
        return match overwrite() {
            Ok(()) => fs::remove_file(&saved),
            Err(e) => Err(io::Error::new(
                e.kind(),
                format!(
                    "{e}; the text before the fix is saved in {}",
                    saved.display()
                ),
            )),
        };
    }
    drop(in_place);
    fault_point(tmp.as_file_mut(), contents)?;
    tmp.write_all(contents)?;
    tmp.flush()?;
    tmp.as_file().sync_all()?;
    fs::set_permissions(tmp.path(), meta.permissions())?;
    tmp.persist(&target).map_err(|e| e.error)?;
    // Make the rename itself durable (best effort: not every platform
    // can open a folder).
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Temporary files of an interrupted `--fix` in the folders of `files`:
/// `(temporary file, the release it belongs to)`.
pub fn leftovers(files: &[PathBuf]) -> Vec<(PathBuf, PathBuf)> {
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .map(|f| match f.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        })
        .collect();
    dirs.sort();
    dirs.dedup();
    let mut found = Vec::new();
    for dir in dirs {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let file_name = e.file_name();
            let n = file_name.to_string_lossy();
            let Some(rest) = n.strip_prefix(".prlint-") else {
                continue;
            };
            if !n.ends_with(TEMP_SUFFIX) {
                continue;
            }
            // `.prlint-NAME.XXXXXX.tmp` → NAME
            let release = rest
                .strip_suffix(TEMP_SUFFIX)
                .and_then(|r| r.rsplit_once('.'))
                .map_or(rest, |(name, _)| name);
            found.push((e.path(), dir.join(release)));
        }
    }
    found.sort();
    found
}

/// How many hard links the file has (1 where links are not counted).
#[cfg(unix)]
fn links(meta: &fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn links(_: &fs::Metadata) -> u64 {
    1
}

/// Gives `file` the owner and group of `meta`; false when it cannot (only
/// root can give a file away).
#[cfg(unix)]
fn keep_owner(file: &fs::File, meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(now) = file.metadata() else {
        return false;
    };
    if now.uid() == meta.uid() && now.gid() == meta.gid() {
        return true;
    }
    std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())).is_ok()
}

#[cfg(not(unix))]
fn keep_owner(_: &fs::File, _: &fs::Metadata) -> bool {
    true
}

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
