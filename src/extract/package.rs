//! Reading the parts of a zip package (.docx, .odt) with a size limit.

use std::io::{Cursor, Read};

use super::{ExtractError, MAX_PART_BYTES};

/// An opened package.
pub(crate) struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// "Word document" or "OpenDocument text", for messages.
    what: &'static str,
}

/// The first bytes of an OLE compound file: what Office writes for a
/// password-protected .docx (and for a legacy .doc).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

impl<'a> Package<'a> {
    /// Opens `bytes` as a zip package.
    pub(crate) fn open(bytes: &'a [u8], what: &'static str) -> Result<Package<'a>, ExtractError> {
        if bytes.starts_with(&OLE_MAGIC) {
            return Err(ExtractError(format!(
                "not a readable {what}: an encrypted (password-protected) document or a legacy binary file; save it without a password in the {what} format"
            )));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            ExtractError(format!("not a readable {what} (corrupt zip package: {e})"))
        })?;
        Ok(Package { zip, what })
    }

    /// Whether the package holds a part named `name`.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The text of part `name`, `None` when the package has no such part.
    /// A part larger than [`MAX_PART_BYTES`] uncompressed, encrypted,
    /// corrupt or not UTF-8 is an error.
    pub(crate) fn part(&mut self, name: &str) -> Result<Option<String>, ExtractError> {
        let what = self.what;
        let mut f = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(zip::result::ZipError::UnsupportedArchive(m)) if m.contains("ass") => {
                return Err(ExtractError(format!(
                    "{name} is encrypted (a password-protected {what}); save it without a password"
                )))
            }
            Err(e) => return Err(ExtractError(format!("not a readable {what} ({name}: {e})"))),
        };
        if f.encrypted() {
            return Err(ExtractError(format!(
                "{name} is encrypted (a password-protected {what}); save it without a password"
            )));
        }
        let limit = MAX_PART_BYTES;
        let too_big = || {
            ExtractError(format!(
                "{name} expands past {} MB uncompressed (a zip bomb?); refused",
                limit / (1024 * 1024)
            ))
        };
        if f.size() > limit {
            return Err(too_big());
        }
        let mut buf = Vec::with_capacity(f.size() as usize);
        // The declared size may lie: never read more than the limit.
        (&mut f)
            .take(limit + 1)
            .read_to_end(&mut buf)
            .map_err(|e| ExtractError(format!("not a readable {what} ({name}: {e})")))?;
        if buf.len() as u64 > limit {
            return Err(too_big());
        }
        String::from_utf8(buf)
            .map(Some)
            .map_err(|_| ExtractError(format!("not a readable {what} ({name} is not UTF-8 XML)")))
    }
}
