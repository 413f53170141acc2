//! Language knowledge as data: the word lists of the embedded packs
//! (`rules/*.toml`), extended by the user's config.
//!
//! Code holds mechanisms, this module holds words: determiners, legitimate
//! repeats, section keywords, attribution verbs, function words, weekdays and
//! months, per language. Everything is lower-cased once when loaded.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;

/// The embedded packs: (file name, content).
pub const EMBEDDED_PACKS: &[(&str, &str)] = &[
    ("rules/common.toml", include_str!("../rules/common.toml")),
    ("rules/fr.toml", include_str!("../rules/fr.toml")),
    ("rules/nl.toml", include_str!("../rules/nl.toml")),
    ("rules/en.toml", include_str!("../rules/en.toml")),
    ("rules/de.toml", include_str!("../rules/de.toml")),
];

/// Splits a language tag into its language and region: "en-GB" and
/// "en_gb" → ("en", Some("GB")), "fr" → ("fr", None).
pub fn split_tag(tag: &str) -> (String, Option<String>) {
    match tag.split_once(['-', '_']) {
        Some((l, r)) => (l.to_lowercase(), Some(r.to_uppercase())),
        None => (tag.to_lowercase(), None),
    }
}

/// The languages prlint knows out of the box.
pub const BUILTIN_LANGUAGES: &[&str] = &["fr", "nl", "en", "de"];

/// Word lists of one language (or of the common pack), as written in a pack
/// or in `[words.LANG]` of the config.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WordLists {
    /// Articles and determiners.
    #[serde(default)]
    pub determiners: Vec<String>,
    /// Two-word sequences that are correct when a word is doubled.
    #[serde(default)]
    pub allowed_repeats: Vec<String>,
    /// Articles proper ("the", "het", "die"): a doubled article right after
    /// a preposition is an error even when the double is allowed elsewhere.
    #[serde(default)]
    pub articles: Vec<String>,
    /// Prepositions ("in", "naar", "mit").
    #[serde(default)]
    pub prepositions: Vec<String>,
    /// Articles that are also relative pronouns ("der", "die"): doubled
    /// after a preposition that opens a clause ("…, in der der Rat tagt")
    /// they are grammatical.
    #[serde(default)]
    pub relative_articles: Vec<String>,
    /// Whole-line headings that open a contact block.
    #[serde(default)]
    pub contact_headings: Vec<String>,
    /// Words that open a phone number ("tel", "gsm", "Handy"), without the dot.
    #[serde(default)]
    pub phone_labels: Vec<String>,
    /// Word starts that make a sentence with contact data a press contact
    /// ("information", "rückfrage", "zur verfügung").
    #[serde(default)]
    pub contact_cues: Vec<String>,
    /// Prefixes of a boilerplate ("About …") heading.
    #[serde(default)]
    pub about_headings: Vec<String>,
    /// Labels that head a release ("PRESS RELEASE").
    #[serde(default)]
    pub header_labels: Vec<String>,
    /// Whole-line headings of a list of links or further reading ("Related
    /// information", "Voir aussi"): the short lines under them are link
    /// titles, not subheadings.
    #[serde(default)]
    pub related_headings: Vec<String>,
    /// Verbs that attribute a quotation.
    #[serde(default)]
    pub attribution_verbs: Vec<String>,
    /// Frequent function words (a cheap language signal).
    #[serde(default)]
    pub function_words: Vec<String>,
    /// Weekday names, Monday first.
    #[serde(default)]
    pub weekdays: Vec<String>,
    /// Month names, January first.
    #[serde(default)]
    pub months: Vec<String>,
    /// Lines that close a release (common pack).
    #[serde(default)]
    pub end_marks: Vec<String>,
    // People and titles
    /// Official titles and roles ("ministre", "secretary of state", "schepen").
    #[serde(default)]
    pub role_words: Vec<String>,
    /// Role words that also end a compound ("Kulturstadträtin", "cultuurschepen").
    #[serde(default)]
    pub compound_role_words: Vec<String>,
    /// Words that open a title's complement ("of", "de", "voor", "für").
    #[serde(default)]
    pub title_linkers: Vec<String>,
    /// Nouns that refer back to an organisation named elsewhere ("company").
    #[serde(default)]
    pub title_generic_words: Vec<String>,
    /// Conjunctions inside a title ("Relations européennes et internationales").
    #[serde(default)]
    pub conjunctions: Vec<String>,
    /// Words marking a former title ("former", "ancien"); a trailing `-`
    /// marks a prefix ("oud-", "ex-").
    #[serde(default)]
    pub former_markers: Vec<String>,
    /// Forms of address before a name ("Mr", "Mme", "Frau"), without the dot.
    #[serde(default)]
    pub honorifics: Vec<String>,
    /// Letters that make another word when their diacritic is dropped
    /// (German "Mütter" is not a misspelt "Mutter").
    #[serde(default)]
    pub distinct_letters: Vec<String>,
    /// Particles inside a person's name ("de", "van der", "von").
    #[serde(default)]
    pub name_particles: Vec<String>,
    // Languages and packs
    /// Street types and place names that tell an address's language
    /// ("laan", "rue", "Brussel"); a leading `-` matches a word ending
    /// ("-straat" matches "Wetstraat").
    #[serde(default)]
    pub address_words: Vec<String>,
    // Release checks
    /// Words that may follow a suspended compound's first part ("fiets- en
    /// voetgangerspaden", "Ein- und Ausgang", "pre- and post-war"): a hyphen
    /// and a space before one of them is not a broken word.
    #[serde(default)]
    pub compound_joiners: Vec<String>,
    /// Accented letters the language writes ("é", "ë", "ï"): a mis-decoded
    /// character is repaired only into one of them.
    #[serde(default)]
    pub accented_letters: Vec<String>,
    /// Endings after a dot that make a web domain or a file name ("com", "be",
    /// "pdf") (common pack): "Example.Com"
    /// is a domain, not two sentences.
    #[serde(default)]
    pub name_endings: Vec<String>,
    /// Role words that name one role ("chief executive=ceo"): one person
    /// titled by two of them holds one role, not two.
    #[serde(default)]
    pub role_synonyms: Vec<String>,
    /// Roles a person holds beside another ("professor", "founder"): never
    /// a second role that contradicts the first.
    #[serde(default)]
    pub cumulative_roles: Vec<String>,
    /// Letters written as letter groups when the letter is not at hand
    /// ("ü=ue", "ø=oe", "ß=ss") (common pack): Müller and Mueller are one
    /// name. Other accents are dropped through Unicode decomposition.
    #[serde(default)]
    pub transliterations: Vec<String>,
    /// Inflectional endings the dictionaries may lack for recent words
    /// ("inklusiv-en", "year-old-s"): a word made of a known word and one
    /// of them is not reported by `spelling`.
    #[serde(default)]
    pub inflection_endings: Vec<String>,
    /// Linking letters between the parts of a closed compound
    /// ("duurzaamheid-s-studie", "Arbeit-s-platz"), for `spelling`.
    #[serde(default)]
    pub compound_links: Vec<String>,
    /// Real-word typos in a context that makes them certain, for
    /// `spelling` (see `rules::spelling_confusions` for the syntax):
    /// "des=>de ses/mes/tes" reports "des ses" with "de ses".
    #[serde(default)]
    pub spelling_confusions: Vec<String>,

    // Agreement
    /// Determiners and what they agree with, `word=features` ("les=pl
    /// pro", "cette=fem sg", "het=neu", "jeden=mas"): `sg`/`pl` number,
    /// `mas`/`fem`/`neu`/`com` genders allowed, `pro` when the word is also
    /// a pronoun before a verb ("il les remercie"), `rel` when it is also a
    /// relative pronoun after a comma ("…, das Stadt und Land verbindet").
    #[serde(default)]
    pub agreement_determiners: Vec<String>,
    /// Verbs that agree with a subject, `word=sg|pl` ("is=sg", "are=pl").
    #[serde(default)]
    pub agreement_verbs: Vec<String>,
    /// Adjectives that stand before the noun (lemmas: "grand", "nouveau"):
    /// only after one of them is the next word read as the noun
    /// ("les grandes projet"); otherwise two nouns are an apposition
    /// ("aux primes énergie").
    #[serde(default)]
    pub prenominal_adjectives: Vec<String>,
    /// Nouns never reported by `agreement`: quantities and collectives
    /// ("number", "majority", "rest"), whose verb may follow the noun after
    /// "of".
    #[serde(default)]
    pub agreement_exempt: Vec<String>,
    /// Nouns with no plural ("information", "advice"): "informations" and
    /// "an information" are errors.
    #[serde(default)]
    pub uncountable_nouns: Vec<String>,
    /// Masculine nouns (German); a leading `-` marks an ending ("-ismus").
    /// The gender lists are read by `agreement`, longest match first, so a
    /// compound takes the gender of its last part ("Endgerät" → "gerät").
    #[serde(default)]
    pub masculine_nouns: Vec<String>,
    /// Feminine nouns (German); a leading `-` marks an ending ("-heit").
    #[serde(default)]
    pub feminine_nouns: Vec<String>,
    /// Neuter nouns (German "das", Dutch "het"); a leading `-` marks an
    /// ending ("-chen", "-je").
    #[serde(default)]
    pub neuter_nouns: Vec<String>,
    /// Common-gender nouns (Dutch "de"); a leading `-` marks an ending
    /// ("-heid").
    #[serde(default)]
    pub common_nouns: Vec<String>,
    /// The dictionary (file stem, e.g. "en_us") read for word forms when a
    /// language has several.
    #[serde(default)]
    pub morphology_dictionaries: Vec<String>,

    // Validator
    /// Time-zone names and phrases ("CET", "heure belge").
    #[serde(default)]
    pub time_zones: Vec<String>,
    /// Words for "today" ("aujourd'hui", "vandaag").
    #[serde(default)]
    pub today_words: Vec<String>,
    /// Phrases that open an embargo line ("sous embargo jusqu'au", "sperrfrist").
    #[serde(default)]
    pub embargo_words: Vec<String>,
    /// Number words and their values, `word=value` ("deux=2", "twenty=20").
    #[serde(default)]
    pub number_words: Vec<String>,
    /// Scale words and their factors, `word=factor` ("millions=1000000", "mrd=1e9").
    #[serde(default)]
    pub scale_words: Vec<String>,
    /// Word stems that say a figure went up ("hausse", "increase", "stijg").
    #[serde(default)]
    pub increase_words: Vec<String>,
    /// Word stems that say a figure went down ("baisse", "decrease", "daal").
    #[serde(default)]
    pub decrease_words: Vec<String>,
}

/// `w` in lower case, borrowed when it already is (ASCII without capitals).
fn lower(w: &str) -> std::borrow::Cow<'_, str> {
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(w)
    } else {
        std::borrow::Cow::Owned(w.to_lowercase())
    }
}

/// Up to this many words in all, a list is deduplicated by comparing
/// words (most lists of a pack are short: building a hash set for each cost
/// a tenth of a one-release run); longer ones through a set.
const LINEAR_DEDUP: usize = 48;

/// Adds to `list` the words of `other`, lower-cased, that it does not hold
/// yet, in order. Words already in lower case (most) are not copied until
/// they are kept.
fn extend_list(list: &mut Vec<String>, other: &[String]) {
    if list.len() + other.len() <= LINEAR_DEDUP {
        for w in other {
            let w = lower(w);
            if !list.iter().any(|x| x.as_str() == w.as_ref()) {
                list.push(w.into_owned());
            }
        }
        return;
    }
    let mut seen: foldhash::HashSet<std::borrow::Cow<'_, str>> = list
        .iter()
        .map(|w| std::borrow::Cow::Borrowed(w.as_str()))
        .collect();
    let mut new = Vec::new();
    for w in other {
        let w = lower(w);
        if !seen.contains(&w) {
            seen.insert(w.clone());
            new.push(w);
        }
    }
    drop(seen);
    let new: Vec<String> = new.into_iter().map(std::borrow::Cow::into_owned).collect();
    list.extend(new);
}

impl WordLists {
    /// Adds `other`'s words (lower-cased) that are not there yet.
    pub fn extend(&mut self, other: &WordLists) {
        macro_rules! ext {
            ($($f:ident),*) => {$(
                if !other.$f.is_empty() {
                    extend_list(&mut self.$f, &other.$f);
                }
            )*};
        }
        ext!(
            determiners,
            allowed_repeats,
            articles,
            prepositions,
            relative_articles,
            contact_headings,
            phone_labels,
            contact_cues,
            about_headings,
            header_labels,
            related_headings,
            attribution_verbs,
            function_words,
            weekdays,
            months,
            end_marks,
            address_words,
            time_zones,
            today_words,
            embargo_words,
            number_words,
            scale_words,
            increase_words,
            decrease_words,
            role_words,
            compound_role_words,
            title_linkers,
            title_generic_words,
            conjunctions,
            former_markers,
            honorifics,
            distinct_letters,
            name_particles,
            compound_joiners,
            accented_letters,
            name_endings,
            role_synonyms,
            cumulative_roles,
            transliterations,
            inflection_endings,
            compound_links,
            spelling_confusions,
            agreement_determiners,
            agreement_verbs,
            agreement_exempt,
            prenominal_adjectives,
            uncountable_nouns,
            masculine_nouns,
            feminine_nouns,
            neuter_nouns,
            common_nouns,
            morphology_dictionaries
        );
    }
}

/// One language's compiled word data.
#[derive(Debug, Clone, Default)]
pub struct LangWords {
    /// The lists as loaded (lower case).
    pub lists: WordLists,
    determiners: HashSet<String>,
    allowed_repeats: HashSet<String>,
    function_words: HashSet<String>,
    articles: HashSet<String>,
    prepositions: HashSet<String>,
    relative_articles: HashSet<String>,
}

impl LangWords {
    fn compile(lists: WordLists) -> Self {
        let set = |v: &Vec<String>| v.iter().map(|s| s.to_lowercase()).collect::<HashSet<_>>();
        LangWords {
            determiners: set(&lists.determiners),
            allowed_repeats: set(&lists.allowed_repeats),
            function_words: set(&lists.function_words),
            articles: set(&lists.articles),
            prepositions: set(&lists.prepositions),
            relative_articles: set(&lists.relative_articles),
            lists,
        }
    }

    /// Whether `word` (any case) is a determiner.
    pub fn is_determiner(&self, word: &str) -> bool {
        // Callers mostly pass a lower-cased word: no copy for it.
        if word.chars().all(|c| c.to_lowercase().eq([c])) {
            self.determiners.contains(word)
        } else {
            self.determiners.contains(&word.to_lowercase())
        }
    }

    /// Whether the lower-cased phrase (words joined by one space) is an allowed repeat.
    pub fn is_allowed_repeat(&self, phrase_lower: &str) -> bool {
        self.allowed_repeats.contains(phrase_lower)
    }

    /// Whether the lower-cased `word` is an article proper.
    pub fn is_article(&self, word_lower: &str) -> bool {
        self.articles.contains(word_lower)
    }

    /// Whether the lower-cased `word` is a preposition.
    pub fn is_preposition(&self, word_lower: &str) -> bool {
        self.prepositions.contains(word_lower)
    }

    /// Whether the lower-cased `word` is an article that also serves as a
    /// relative pronoun ("der", "die").
    pub fn is_relative_article(&self, word_lower: &str) -> bool {
        self.relative_articles.contains(word_lower)
    }

    /// Whether the lower-cased `word` is a function word of this language.
    pub fn is_function_word(&self, word_lower: &str) -> bool {
        self.function_words.contains(word_lower)
    }

    /// Whether the lower-cased word is, or opens with, a function word:
    /// "l’agence" counts through its elided article "l'".
    pub fn has_function_word(&self, word_lower: &str) -> bool {
        if self.function_words.contains(word_lower) {
            return true;
        }
        match word_lower.find(['\'', '’']) {
            Some(i) if i > 0 && i <= 6 => {
                let head = &word_lower[..i];
                self.function_words.contains(&format!("{head}'"))
            }
            _ => false,
        }
    }

    /// Whether the lower-cased word is a street type or place name of this
    /// language (whole word, or word ending for `-suffix` entries).
    pub fn is_address_word(&self, word_lower: &str) -> bool {
        self.lists
            .address_words
            .iter()
            .any(|e| match e.strip_prefix('-') {
                Some(suffix) => word_lower.len() > suffix.len() && word_lower.ends_with(suffix),
                None => e == word_lower,
            })
    }
}

/// Writes `w.to_lowercase()` into `buf` (cleared first) without allocating
/// a string per word: ASCII in place, other text a character at a time
/// (identical to `str::to_lowercase`, whose only context rule is the final
/// sigma, handled by the standard library when a `Σ` is present).
pub fn lower_into(w: &str, buf: &mut String) {
    buf.clear();
    if w.is_ascii() {
        buf.push_str(w);
        buf.make_ascii_lowercase();
    } else if w.contains('Σ') {
        buf.push_str(&w.to_lowercase());
    } else {
        buf.extend(w.chars().flat_map(char::to_lowercase));
    }
}

/// The word data of every language, built once per run.
#[derive(Debug, Clone, Default)]
pub struct Languages {
    by_lang: BTreeMap<String, LangWords>,
    common: LangWords,
    /// Union of all languages' lists, for language-independent parsing
    /// (section keywords are recognised whatever the release language).
    all: LangWords,
    /// Candidate languages for detection (config `languages`).
    candidates: Vec<String>,
    /// Function words of the candidates with their bits, built on first use
    /// (see [`Languages::candidate_mask`]).
    candidate_masks: std::sync::OnceLock<foldhash::HashMap<String, u64>>,
    /// The date finder of these languages, built on first use (see
    /// [`Languages::date_finder`]).
    date_finder: std::sync::OnceLock<std::sync::Arc<crate::dates::DateFinder>>,
}

impl Languages {
    /// Loads the embedded packs, then applies `extra` word lists per language
    /// (`"common"` for the common pack).
    pub fn load(extra: &BTreeMap<String, WordLists>) -> anyhow::Result<Self> {
        let mut raw: BTreeMap<String, WordLists> = BTreeMap::new();
        // The embedded packs are parsed once per process, with their rules
        // (a second TOML parse here was a tenth of a one-release run).
        for (key, words) in crate::rule::pack::PackSet::embedded_words() {
            raw.entry(key.clone()).or_default().extend(words);
        }
        for (lang, words) in extra {
            raw.entry(lang.to_lowercase()).or_default().extend(words);
        }
        let mut all = WordLists::default();
        for w in raw.values() {
            all.extend(w);
        }
        let common = raw.remove("common").unwrap_or_default();
        Ok(Languages {
            by_lang: raw
                .into_iter()
                .map(|(k, v)| (k, LangWords::compile(v)))
                .collect(),
            common: LangWords::compile(common),
            all: LangWords::compile(all),
            candidates: BUILTIN_LANGUAGES.iter().map(|s| s.to_string()).collect(),
            candidate_masks: std::sync::OnceLock::new(),
            date_finder: std::sync::OnceLock::new(),
        })
    }

    /// The built-in data only (no user extensions).
    pub fn builtin() -> &'static Languages {
        static BUILTIN: std::sync::LazyLock<Languages> = std::sync::LazyLock::new(|| {
            Languages::load(&BTreeMap::new()).expect("embedded packs are valid")
        });
        &BUILTIN
    }

    /// The data of `lang`, or the union of all languages when unknown.
    pub fn get(&self, lang: &str) -> &LangWords {
        self.by_lang.get(lang).unwrap_or(&self.all)
    }

    /// The data of `lang` if the language has a pack.
    pub fn get_exact(&self, lang: &str) -> Option<&LangWords> {
        self.by_lang.get(lang)
    }

    /// The common pack.
    pub fn common(&self) -> &LangWords {
        &self.common
    }

    /// The union of every language's lists.
    pub fn all(&self) -> &LangWords {
        &self.all
    }

    /// The candidate languages of detection (default fr, nl, en, de).
    pub fn candidates(&self) -> &[String] {
        &self.candidates
    }

    /// The candidates (bit `k` for `candidates()[k]`, the first 64) whose
    /// [`LangWords::has_function_word`] holds for the lower-cased `word`:
    /// one hash lookup (two for an elided word) instead of one per language.
    pub fn candidate_mask(&self, word_lower: &str) -> u64 {
        let masks = self.candidate_masks.get_or_init(|| {
            let mut m: foldhash::HashMap<String, u64> = Default::default();
            for (k, c) in self.candidates.iter().take(64).enumerate() {
                if let Some(l) = self.get_exact(c) {
                    for f in &l.function_words {
                        *m.entry(f.clone()).or_default() |= 1 << k;
                    }
                }
            }
            m
        });
        let mut mask = masks.get(word_lower).copied().unwrap_or(0);
        if let Some(i) = word_lower.find(['\'', '’']) {
            if i > 0 && i <= 6 {
                let mut head = String::with_capacity(i + 1);
                head.push_str(&word_lower[..i]);
                head.push('\'');
                mask |= masks.get(&head).copied().unwrap_or(0);
            }
        }
        mask
    }

    /// Sets the candidate languages (config `languages`); ignored when empty.
    pub fn set_candidates(&mut self, list: &[String]) {
        if !list.is_empty() {
            self.candidates = list.iter().map(|s| s.to_lowercase()).collect();
            self.candidate_masks = std::sync::OnceLock::new();
        }
    }

    /// The date, time and zone finder of these languages, built once: the
    /// embargo finder, `headline-facts`, `inconsistent-date-style` and the
    /// parity check each used to build their own (a tenth of a
    /// one-release run's start).
    pub fn date_finder(&self) -> std::sync::Arc<crate::dates::DateFinder> {
        self.date_finder
            .get_or_init(|| std::sync::Arc::new(crate::dates::DateFinder::new(self)))
            .clone()
    }

    /// Language codes with a pack.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.by_lang.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules that read dates share one finder per languages.
    #[test]
    fn one_date_finder_per_languages() {
        let l = Languages::load(&BTreeMap::new()).unwrap();
        assert!(std::sync::Arc::ptr_eq(&l.date_finder(), &l.date_finder()));
        let other = Languages::load(&BTreeMap::new()).unwrap();
        assert!(!std::sync::Arc::ptr_eq(
            &l.date_finder(),
            &other.date_finder()
        ));
    }

    #[test]
    fn embedded_packs_load_and_extend() {
        let mut extra = BTreeMap::new();
        extra.insert(
            "fr".to_string(),
            WordLists {
                allowed_repeats: vec!["Coucou Coucou".into()],
                ..Default::default()
            },
        );
        let l = Languages::load(&extra).unwrap();
        assert!(l.get("fr").is_allowed_repeat("nous nous"));
        assert!(l.get("fr").is_allowed_repeat("coucou coucou"));
        assert!(l.get("en").is_determiner("The"));
        assert!(!l.get("en").is_determiner("by"));
        assert!(l.get("en").is_determiner("the"));
        assert!(l.get("fr").is_determiner("LES"));
        assert!(l.common().lists.end_marks.contains(&"###".to_string()));
        assert_eq!(l.codes().collect::<Vec<_>>(), ["de", "en", "fr", "nl"]);
    }
}
