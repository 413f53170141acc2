//! Folding text for comparison: case, diacritics, apostrophes, dashes.
//!
//! Two spellings are "the same word" for prlint when they fold equal:
//! Imamoğlu = Imamoglu, d’État = d'Etat, FoodLink = Foodlink.

/// ASCII base letters of U+00C0..U+024F (`_` = no base letter).
const LATIN: [&[u8]; 7] = [
    b"AAAAAAACEEEEIIIIDNOOOOO_OUUUUYT_aaaaaaaceeeeiiiidnooooo_ouuuuyty",
    b"AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi__JjKk_LlLlLl_",
    b"_LlNnNnNn___OoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZz_",
    b"b______________________I________Oo_____________Uu____Zz_________",
    b"_____________AaIiOoUuUuUuUuUu_AaAa____GgKkOoOo__j___Gg__NnAa____",
    b"AaAaEeEeIiIiOoOoRrRrUuUuSsTt__Hh______AaEeOoOoOoOoYy____________",
    b"________________",
];

/// Whether `c` is a combining mark (the diacritics of decomposed text).
pub fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Whether `c` is an apostrophe (straight, typographic or a look-alike).
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '`' | '´')
}

/// Whether `c` is a hyphen inside a word.
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// The letter without its diacritics (`c` itself when it has none).
pub fn base_letter(c: char) -> char {
    let cp = c as u32;
    if (0xC0..0x250).contains(&cp) {
        let i = (cp - 0xC0) as usize;
        if let Some(&b) = LATIN.get(i / 64).and_then(|row| row.get(i % 64)) {
            if b != b'_' {
                return b as char;
            }
        }
    }
    c
}

/// Folds `s` for comparison: lower case, no diacritics, one apostrophe
/// (`'`), one hyphen (`-`), `ß` as `ss`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] into `out` (cleared first): no allocation per word.
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        // ASCII: no marks, no diacritics; `` ` `` is the one apostrophe to fold.
        out.extend(s.bytes().map(|b| {
            if b == b'`' {
                '\''
            } else {
                b.to_ascii_lowercase() as char
            }
        }));
        return;
    }
    for c in s.chars() {
        if is_mark(c) {
            continue;
        }
        if is_apostrophe(c) {
            out.push('\'');
        } else if is_hyphen(c) {
            out.push('-');
        } else if c == 'ß' {
            out.push_str("ss");
        } else {
            out.extend(base_letter(c).to_lowercase());
        }
    }
}

/// Folds only apostrophes and case (diacritics kept): the "same spelling" key.
pub fn fold_case(s: &str) -> String {
    s.chars()
        .filter(|c| !is_mark(*c))
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_diacritics_case_apostrophes() {
        assert_eq!(fold("Imamoğlu"), "imamoglu");
        assert_eq!(fold("d’État"), fold("d'Etat"));
        assert_eq!(fold("Noe\u{301}mie"), "noemie");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Łódź Ø"), "lodz o");
        assert_eq!(fold("Porte‐Parole"), "porte-parole");
    }
}
