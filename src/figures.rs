//! Figures written in release text, in every language of the packs:
//! "3 200" = "3.200" = "3,200" = "3200", "2,5 %" = "2.5%", "1,5 miljoen" =
//! "1.5 million" = "€1.5m", "deux millions" = "two million".
//!
//! Shared by `headline-facts` (a headline figure against the body) and the
//! `parity` check (a figure of one language version against the other).
//! Number words and scale words are the packs' `number-words` and
//! `scale-words` lists, so users extend them.

use std::ops::Range;

// foldhash, not SipHash: the number words are probed once per word.
use foldhash::HashMap;

use crate::lang::Languages;

mod number;

/// One figure found in text.
#[derive(Debug, Clone)]
pub struct Figure {
    /// The figure as written, sign, percent sign and scale word included
    /// (relative to the searched text).
    pub span: Range<usize>,
    /// The sign written before it ("+", "-", "−"), if any.
    pub sign: Option<String>,
    /// Whether a percent sign follows it.
    pub percent: bool,
    /// Whether a scale word or suffix multiplied it ("2 millions", "€2m").
    pub scaled: bool,
    /// Candidate values ("1.500" reads 1500 or 1.5), scale applied.
    pub values: Vec<f64>,
}

/// Compiled figure recognisers, built once per rule.
#[derive(Debug)]
pub struct FigureFinder {
    number_words: HashMap<String, f64>,
    scale_words: HashMap<String, f64>,
    /// The first bytes of the number words: a word beginning with another
    /// ASCII character (in either case) is none, and is not lower-cased.
    number_first: [bool; 256],
}

/// Reads `word=value` pack entries (`value` may end in `%`).
pub fn pairs(list: &[String]) -> HashMap<String, f64> {
    list.iter()
        .filter_map(|e| {
            let (w, v) = e.split_once('=')?;
            let v = v.trim();
            let v: f64 = match v.strip_suffix('%') {
                Some(p) => p.trim().parse().ok()?,
                None => v.parse().ok()?,
            };
            Some((w.trim().to_lowercase(), v))
        })
        .collect()
}

/// Candidate values of a written number, whatever the language's separators.
pub fn readings(num: &str) -> Vec<f64> {
    let s: String = num
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '’' | '\''))
        .collect();
    let mut out = Vec::new();
    let parse = |t: String| t.parse::<f64>().ok();
    let (has_dot, has_comma) = (s.contains('.'), s.contains(','));
    if has_dot && has_comma {
        // The last separator is the decimal one.
        let (last, other) = if s.rfind('.') > s.rfind(',') {
            ('.', ',')
        } else {
            (',', '.')
        };
        out.extend(parse(s.replace(other, "").replace(last, ".")));
    } else if has_dot || has_comma {
        let sep = if has_dot { '.' } else { ',' };
        let groups: Vec<&str> = s.split(sep).collect();
        let thousands =
            groups.len() >= 2 && groups[1..].iter().all(|g| g.len() == 3) && groups[0].len() <= 3;
        if thousands {
            out.extend(parse(s.replace(sep, "")));
        }
        if groups.len() == 2 {
            out.extend(parse(s.replace(sep, ".")));
        }
    } else {
        out.extend(parse(s));
    }
    out
}

/// Whether two values are equal up to floating-point noise.
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

impl FigureFinder {
    /// Builds the recognisers from the packs' `number-words` and
    /// `scale-words` (every language at once).
    pub fn new(langs: &Languages) -> FigureFinder {
        let all = &langs.all().lists;
        let mut scale = pairs(&langs.common().lists.scale_words);
        scale.extend(pairs(&all.scale_words));
        let number_words = pairs(&all.number_words);
        let mut number_first = [false; 256];
        for w in number_words.keys() {
            if let Some(&b) = w.as_bytes().first() {
                number_first[usize::from(b)] = true;
            }
        }
        FigureFinder {
            number_words,
            scale_words: scale,
            number_first,
        }
    }

    /// The value of a number word ("trois", "drie", "three"), any language.
    pub fn number_word(&self, folded: &str) -> Option<f64> {
        self.number_words.get(folded).copied()
    }

    /// The factor of a scale word ("millions", "mln", "Mrd"), any language.
    pub fn scale_word(&self, folded: &str) -> Option<f64> {
        self.scale_words.get(folded).copied()
    }

    /// The figures written with digits in `s`, in order; `skip` leaves out
    /// the numbers it holds true for (numbers inside dates). Numbers glued
    /// to letters that are no scale ("G7", "A4", "10e", "COVID-19"), times
    /// ("10:00") and fractions ("24/7") are no figures.
    pub fn numbers(&self, s: &str, skip: impl Fn(&Range<usize>) -> bool) -> Vec<Figure> {
        let mut out = Vec::new();
        for c in number::numbers(s) {
            let num = c.num.clone();
            let sign = c.sign.clone();
            let pct = c.pct.clone();
            let start = sign.as_ref().map_or(num.start, |m| m.start);
            let mut end = pct.as_ref().map_or(num.end, |m| m.end);
            if skip(&num) {
                continue;
            }
            let rest = &s[end..];
            // Glued letters: a scale ("€2m", "3bn") or not a figure ("10e", "A4").
            let glued: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
            let mut scale = None;
            if pct.is_none() && !glued.is_empty() {
                match self.scale_words.get(&glued.to_lowercase()) {
                    Some(f) => {
                        scale = Some(*f);
                        end += glued.len();
                    }
                    None => continue,
                }
            } else if pct.is_none() {
                // A spaced scale word of 3 letters or more ("2 millions", "5 Mrd").
                let next = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
                let word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
                if word.chars().count() >= 3 {
                    if let Some(f) = self.scale_words.get(&word.to_lowercase()) {
                        scale = Some(*f);
                        end += rest.len() - next.len() + word.len();
                    }
                }
            }
            // A time ("10:00", "10h30") or a fraction ("24/7") is no figure.
            if rest.starts_with([':', '/']) || s[..num.start].ends_with([':', '/']) {
                continue;
            }
            let values: Vec<f64> = readings(&s[num.clone()])
                .into_iter()
                .map(|v| v * scale.unwrap_or(1.0))
                .collect();
            if values.is_empty() {
                continue;
            }
            out.push(Figure {
                span: start..end,
                sign: sign.map(|m| s[m].trim().to_string()),
                percent: pct.is_some(),
                scaled: scale.is_some(),
                values,
            });
        }
        out
    }

    /// Number words of `s`: those followed by a scale word ("deux
    /// millions", "twee miljoen") always, bare ones ("trois") when `bare`.
    pub fn words(&self, s: &str, bare: bool) -> Vec<Figure> {
        let mut out = Vec::new();
        let mut offset = 0;
        let tokens: Vec<(usize, &str)> = s
            .split(|c: char| c.is_whitespace())
            .map(|w| {
                let at = offset;
                offset += w.len()
                    + s[offset + w.len()..]
                        .chars()
                        .next()
                        .map_or(0, char::len_utf8);
                (at, w)
            })
            .collect();
        // One buffer for the lower-cased words (`str::to_lowercase`).
        let mut lw = String::new();
        let mut ln = String::new();
        for (k, &(at, w)) in tokens.iter().enumerate() {
            let t = w.trim_matches(|c: char| !c.is_alphanumeric());
            // An ASCII first character lower-cases to an ASCII one.
            if t.as_bytes().first().is_some_and(|b| {
                b.is_ascii() && !self.number_first[usize::from(b.to_ascii_lowercase())]
            }) {
                continue;
            }
            crate::lang::lower_into(t, &mut lw);
            let Some(&v) = self.number_words.get(lw.as_str()) else {
                continue;
            };
            let next = tokens.get(k + 1).map(|(_, n)| {
                crate::lang::lower_into(n.trim_matches(|c: char| !c.is_alphanumeric()), &mut ln);
                ln.as_str()
            });
            let scaled = next
                .and_then(|n| self.scale_words.get(n).copied())
                .filter(|_| next.is_some_and(|n| n.chars().count() >= 3));
            if scaled.is_none() && !bare {
                continue;
            }
            let end = match (scaled, tokens.get(k + 1)) {
                (Some(_), Some((nat, nw))) => nat + nw.len(),
                _ => at + w.len(),
            };
            out.push(Figure {
                span: at..end,
                sign: None,
                percent: false,
                scaled: scaled.is_some(),
                values: vec![v * scaled.unwrap_or(1.0)],
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        assert_eq!(readings("1 000 000"), vec![1e6]);
        assert_eq!(readings("1.000.000"), vec![1e6]);
        assert_eq!(readings("1,000,000"), vec![1e6]);
        assert_eq!(readings("2,5"), vec![2.5]);
        assert_eq!(readings("1.500"), vec![1500.0, 1.5]);
        assert_eq!(readings("1.234,5"), vec![1234.5]);
    }

    #[test]
    fn figures_with_scales() {
        let f = FigureFinder::new(Languages::builtin());
        let one = |s: &'static str| -> (Vec<f64>, &'static str) {
            let v = f.numbers(s, |_| false);
            assert_eq!(v.len(), 1, "{s}: {v:?}");
            (v[0].values.clone(), &s[v[0].span.clone()])
        };
        assert_eq!(one("€ 2,5 mln voor"), (vec![2.5e6], "2,5 mln"));
        assert_eq!(one("2,5 millions d'euros"), (vec![2.5e6], "2,5 millions"));
        assert_eq!(one("a €2.5m budget").0, vec![2.5e6]);
        assert_eq!(one("12 % de plus").1, "12 %");
        assert!(f.numbers("le G7 et l'A4, 10e, 10:30", |_| false).is_empty());
        assert_eq!(f.words("deux millions et trois", true).len(), 2);
        // Capitals and marks around the word: lower-cased and trimmed first.
        assert_eq!(f.words("DEUX millions, «Trois» et (quatre)", true).len(), 3);
        assert!(f.words("", true).is_empty() && f.words("12 x", true).is_empty());
        assert_eq!(f.words("deux millions et trois", false).len(), 1);
    }
}
