//! Which language a release is in: declared (`--lang`, file name, front
//! matter, config) or detected.

use std::path::Path;

/// Where the language of a release came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangSource {
    /// `--lang`.
    Flag,
    /// A suffix of the file name (`release.fr.txt`, `persbericht_nl.md`).
    FileName,
    /// Markdown front matter `lang:`.
    FrontMatter,
    /// The config (`lang`, or a `[[per-file]]` glob).
    Config,
    /// Detected from the text.
    Detected,
}

/// The language of one release, by precedence: `flag` (`--lang`), the file
/// name's suffix, Markdown front matter `lang:`, the config (the first
/// `[[per-file]]` glob with a `lang`, then `lang`), else detection among the
/// config's `languages` (English when nothing can be told).
pub fn resolve(
    flag: Option<&str>,
    path: &Path,
    text: &str,
    config: &crate::config::Config,
) -> (String, LangSource) {
    let known: Vec<String> = config.languages.clone().unwrap_or_else(|| {
        crate::lang::BUILTIN_LANGUAGES
            .iter()
            .map(|s| s.to_string())
            .collect()
    });
    let known_ref: Vec<&str> = known.iter().map(String::as_str).collect();
    if let Some(l) = flag {
        return (crate::lang::split_tag(l).0, LangSource::Flag);
    }
    if let Some(l) = from_file_name(path, &known_ref) {
        return (l, LangSource::FileName);
    }
    if let Some(l) = from_front_matter(text) {
        return (l, LangSource::FrontMatter);
    }
    if let Some(l) = config
        .per_file_matching(path)
        .find_map(|pf| pf.lang.clone())
        .or_else(|| config.lang.clone())
    {
        return (crate::lang::split_tag(&l).0, LangSource::Config);
    }
    let l = detect(text, &known)
        .map(|(l, _)| l)
        .unwrap_or_else(|| "en".to_string());
    (l, LangSource::Detected)
}

/// The language code a file name declares: `name.fr.txt`, `name_nl.md`, `name-en.md`.
pub fn from_file_name(path: &Path, known: &[&str]) -> Option<String> {
    let stem = path.file_stem()?.to_str()?.to_lowercase();
    let last = stem.rsplit(['.', '_', '-']).next()?;
    (last.len() == 2 && last != stem && known.contains(&last)).then(|| last.to_string())
}

/// The `lang:` of Markdown front matter.
pub fn from_front_matter(text: &str) -> Option<String> {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = t.lines();
    if lines.next()?.trim() != "---" {
        return None;
    }
    for l in lines.take(50) {
        let l = l.trim();
        if l == "---" {
            break;
        }
        if let Some(v) = l
            .strip_prefix("lang:")
            .or_else(|| l.strip_prefix("language:"))
        {
            let v = v.trim().trim_matches(['"', '\'']).to_lowercase();
            let code: String = v.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
            if code.len() == 2 {
                return Some(code);
            }
        }
    }
    None
}

/// Maps a whatlang language to its ISO 639-1 code, for the candidates prlint knows.
pub fn code_of(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Fra => "fr",
        Nld => "nl",
        Eng => "en",
        Deu => "de",
        Spa => "es",
        Ita => "it",
        Por => "pt",
        Pol => "pl",
        Tur => "tr",
        Ara => "ar",
        _ => return None,
    })
}

/// The whatlang language of an ISO 639-1 code.
pub fn whatlang_of(code: &str) -> Option<whatlang::Lang> {
    use whatlang::Lang::*;
    Some(match code {
        "fr" => Fra,
        "nl" => Nld,
        "en" => Eng,
        "de" => Deu,
        "es" => Spa,
        "it" => Ita,
        "pt" => Por,
        "pl" => Pol,
        "tr" => Tur,
        "ar" => Ara,
        _ => return None,
    })
}

/// Detects the language of `text` among `candidates`; `None` when unsure.
pub fn detect(text: &str, candidates: &[String]) -> Option<(String, f64)> {
    let list: Vec<whatlang::Lang> = candidates.iter().filter_map(|c| whatlang_of(c)).collect();
    if list.is_empty() {
        return None;
    }
    let detector = whatlang::Detector::with_allowlist(list);
    // A few kilobytes are plenty to tell a release's language.
    let mut end = text.len().min(8192);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = detector.detect(&text[..end])?;
    code_of(info.lang()).map(|c| (c.to_string(), info.confidence()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_suffixes() {
        let k = ["fr", "nl", "en", "de"];
        assert_eq!(
            from_file_name(Path::new("a/release.fr.txt"), &k).as_deref(),
            Some("fr")
        );
        assert_eq!(
            from_file_name(Path::new("persbericht_nl.md"), &k).as_deref(),
            Some("nl")
        );
        assert_eq!(
            from_file_name(Path::new("release-en.md"), &k).as_deref(),
            Some("en")
        );
        assert_eq!(from_file_name(Path::new("release.txt"), &k), None);
        assert_eq!(from_file_name(Path::new("de.txt"), &k), None);
        assert_eq!(from_file_name(Path::new("invite-me.txt"), &k), None);
    }

    #[test]
    fn front_matter() {
        assert_eq!(
            from_front_matter("---\ntitle: x\nlang: nl\n---\n# T").as_deref(),
            Some("nl")
        );
        assert_eq!(from_front_matter("# T\nlang: nl"), None);
    }

    #[test]
    fn resolution_order() {
        use crate::config::Config;
        let cfg = Config::parse(
            Path::new("/p/prlint.toml"),
            "lang = \"de\"\n[[per-file]]\nglob = \"nl/**\"\nlang = \"nl\"\nbilingual = [\"fr\"]\n",
        )
        .unwrap();
        let fr_text =
            "Le conseil communal a approuvé le budget de la ville pour l'année prochaine.";
        let r =
            |flag: Option<&str>, path: &str, text: &str| resolve(flag, Path::new(path), text, &cfg);
        assert_eq!(
            r(Some("EN"), "/p/a.fr.txt", fr_text),
            ("en".into(), LangSource::Flag)
        );
        assert_eq!(
            r(None, "/p/nl/a.fr.txt", fr_text),
            ("fr".into(), LangSource::FileName)
        );
        assert_eq!(
            r(None, "/p/nl/a.md", "---\nlang: en\n---\nText"),
            ("en".into(), LangSource::FrontMatter)
        );
        assert_eq!(
            r(None, "/p/nl/a.txt", fr_text),
            ("nl".into(), LangSource::Config)
        );
        assert_eq!(
            r(None, "/p/b.txt", fr_text),
            ("de".into(), LangSource::Config)
        );
        let none = Config::default();
        assert_eq!(
            resolve(None, Path::new("b.txt"), fr_text, &none),
            ("fr".into(), LangSource::Detected)
        );
        assert_eq!(
            cfg.per_file_matching(Path::new("/p/nl/x.txt"))
                .flat_map(|p| p.bilingual.clone())
                .collect::<Vec<_>>(),
            ["fr"]
        );
    }

    #[test]
    fn detection() {
        let c: Vec<String> = ["fr", "nl", "en", "de"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (l, _) = detect(
            "Le conseil communal a approuvé le budget de la ville pour l'année prochaine.",
            &c,
        )
        .unwrap();
        assert_eq!(l, "fr");
        let (l, _) = detect(
            "De gemeenteraad heeft de begroting van de stad voor volgend jaar goedgekeurd.",
            &c,
        )
        .unwrap();
        assert_eq!(l, "nl");
    }
}
