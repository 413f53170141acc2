//! Where compiled dictionaries are kept between runs, and how they are
//! found, checked and written.
//!
//! One file per dictionary and table format,
//! `morph-v<format>-<hash of the .aff path>.bin`, in
//! [`dir`]. Its header holds the format version, prlint's version and the
//! `.aff` and `.dic` files' path, size and modification time: a file that
//! does not match them all, or fails its checksum, is rebuilt, never
//! trusted. It is written to a temporary file in the same folder and
//! renamed into place, so a reader never sees half a file. When the folder
//! cannot be written, the compiled form lives in memory for the run only.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::table::{self, Table};

/// The prefix and extension of the cache's files.
const PREFIX: &str = "morph-";
const EXT: &str = "bin";

/// The cache folder: `$PRLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/prlint`,
/// else `~/.cache/prlint` (`~/Library/Caches/prlint` on macOS). `None`
/// when none can be named (no home), or when `PRLINT_CACHE_DIR` is set
/// empty (no cache).
pub fn dir() -> Option<PathBuf> {
    let nonempty = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    if let Some(v) = std::env::var_os("PRLINT_CACHE_DIR") {
        return (!v.is_empty()).then(|| PathBuf::from(v));
    }
    if let Some(x) = nonempty("XDG_CACHE_HOME") {
        return Some(PathBuf::from(x).join("prlint"));
    }
    let home = PathBuf::from(nonempty("HOME")?);
    if cfg!(target_os = "macos") {
        Some(home.join("Library/Caches/prlint"))
    } else {
        Some(home.join(".cache/prlint"))
    }
}

/// The cache files in `dir` (compiled dictionaries and temporary files
/// left by an interrupted write).
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(PREFIX) || n.starts_with(".tmp"))
        })
        .collect();
    out.sort();
    out
}

/// What a compiled file must say about its sources: versions, then each
/// file's path, size and modification time. `None` when a file's metadata
/// cannot be read.
fn key(aff: &Path) -> Option<String> {
    let mut k = format!(
        "prlint {} format {}",
        env!("CARGO_PKG_VERSION"),
        table::FORMAT_VERSION
    );
    for p in [aff.to_path_buf(), aff.with_extension("dic")] {
        let m = std::fs::metadata(&p).ok()?;
        let t = m
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        k.push_str(&format!("\n{}\t{}\t{}", p.display(), m.len(), t.as_nanos()));
    }
    Some(k)
}

/// The cache file of `aff` in `dir`: named by the table format and a hash
/// of its path (the header says which dictionary it is). Two prlint
/// versions with different formats (an upgrade, a benchmark of old against
/// new) keep a file each instead of rebuilding each other's.
fn file_of(dir: &Path, aff: &Path) -> PathBuf {
    let h = table::checksum(aff.to_string_lossy().as_bytes());
    let v = table::FORMAT_VERSION;
    dir.join(format!("{PREFIX}v{v}-{h:016x}.{EXT}"))
}

/// The compiled dictionary at `aff`: from the cache when a valid file is
/// there, else compiled from the `.aff` and `.dic` (and written to the
/// cache when it can be). Errors name the file that cannot be read.
/// The flag says whether it came from the cache.
pub(super) fn load(aff: &Path) -> Result<(Table, bool), String> {
    load_in(dir(), aff)
}

/// [`load`] with the cache in `dir` (`None`: no cache).
fn load_in(dir: Option<PathBuf>, aff: &Path) -> Result<(Table, bool), String> {
    let key = key(aff);
    let target = dir.zip(key.as_ref()).map(|(d, _)| (file_of(&d, aff), d));
    if let (Some((file, _)), Some(k)) = (&target, &key) {
        if let Some(t) = map(file).and_then(|b| Table::from_bytes(b, k)) {
            return Ok((t, true));
        }
    }
    let aff_text = crate::spell::read_text(aff)?;
    let dic_text = crate::spell::read_text(&aff.with_extension("dic"))?;
    let k = key.unwrap_or_default();
    let bytes = table::compile(&aff_text, &dic_text, &k);
    if let Some((file, d)) = &target {
        // A cache that cannot be written is no error: the run goes on
        // with the compiled form in memory.
        let _ = write_atomic(d, file, &bytes);
    }
    let t = Table::from_bytes(bytes, &k)
        .ok_or_else(|| format!("{}: cannot compile the dictionary", aff.display()))?;
    Ok((t, false))
}

/// The cache file mapped into memory. prlint only ever replaces the file
/// by a rename, never writes it in place, so the mapped bytes do not change
/// under a reader (deleting or replacing it keeps the mapped copy alive).
fn map(file: &Path) -> Option<table::Bytes> {
    let f = std::fs::File::open(file).ok()?;
    // SAFETY: see above. Every read of the mapping is bounds-checked; only
    // a file truncated in place by another program while a run maps it
    // could still fault, as with any mapped file.
    let m = unsafe { memmap2::Mmap::map(&f) }.ok()?;
    Some(table::Bytes::Mapped(m))
}

/// Writes `bytes` to `file` through a temporary file in `dir` and a rename.
fn write_atomic(dir: &Path, file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(file).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const AFF: &str = "SFX S Y 1\nSFX S 0 s . is:pl\n";

    /// A small dictionary in `dir`; its `.aff` path.
    fn dictionary(dir: &Path, dic: &str) -> PathBuf {
        let aff = dir.join("xx.aff");
        std::fs::write(&aff, AFF).unwrap();
        std::fs::write(dir.join("xx.dic"), dic).unwrap();
        aff
    }

    fn plural_of(t: &Table, stem: &str) -> bool {
        let r = t.suffixes_adding("s").next();
        r.is_some_and(|r| {
            t.entries_of(stem)
                .is_some_and(|mut e| e.any(|e| t.entry_has(e as u32, t.suffix_flag(r))))
        })
    }

    #[test]
    fn a_cache_file_is_written_then_read() {
        let tmp = tempfile::tempdir().unwrap();
        let aff = dictionary(tmp.path(), "1\nmot/S po:nom\n");
        let cache = tmp.path().join("cache");
        let (t, cached) = load_in(Some(cache.clone()), &aff).unwrap();
        assert!(!cached && plural_of(&t, "mot"));
        assert_eq!(files(&cache).len(), 1, "{:?}", files(&cache));
        let (t, cached) = load_in(Some(cache.clone()), &aff).unwrap();
        assert!(cached && plural_of(&t, "mot") && t.has_fields);
    }

    #[test]
    fn a_corrupt_truncated_or_stale_file_is_rebuilt() {
        let tmp = tempfile::tempdir().unwrap();
        let aff = dictionary(tmp.path(), "1\nmot/S po:nom\n");
        let cache = tmp.path().join("cache");
        load_in(Some(cache.clone()), &aff).unwrap();
        let file = files(&cache).pop().unwrap();
        let good = std::fs::read(&file).unwrap();
        let mut bad = good.clone();
        let mid = bad.len() / 2;
        bad[mid] ^= 0x55;
        let damaged = [
            bad,
            good[..good.len() - 3].to_vec(),
            Vec::new(),
            b"PRLMORPH".to_vec(),
        ];
        for d in damaged {
            std::fs::write(&file, &d).unwrap();
            let (t, cached) = load_in(Some(cache.clone()), &aff).unwrap();
            assert!(!cached && plural_of(&t, "mot"));
            assert_eq!(std::fs::read(&file).unwrap(), good);
        }
        // The dictionary changes: the old compiled form is not used.
        dictionary(tmp.path(), "2\nmot/S po:nom\nchat/S po:nom\n");
        let (t, cached) = load_in(Some(cache.clone()), &aff).unwrap();
        assert!(!cached && plural_of(&t, "chat"));
        assert!(load_in(Some(cache), &aff).unwrap().1);
    }

    #[test]
    fn an_unwritable_cache_is_no_error() {
        let tmp = tempfile::tempdir().unwrap();
        let aff = dictionary(tmp.path(), "1\nmot/S po:nom\n");
        // A "folder" under a plain file cannot be created.
        let cache = aff.join("cache");
        for _ in 0..2 {
            let (t, cached) = load_in(Some(cache.clone()), &aff).unwrap();
            assert!(!cached && plural_of(&t, "mot"));
        }
        let (t, cached) = load_in(None, &aff).unwrap();
        assert!(!cached && plural_of(&t, "mot"));
        let missing = tmp.path().join("none.aff");
        let e = load_in(Some(tmp.path().into()), &missing).err().unwrap();
        assert!(e.contains("none.aff"), "{e}");
    }
}
