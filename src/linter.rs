//! The linter: rules built once from the configuration, run on each release.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, SectionParser};
use crate::lang::Languages;
use crate::rule::pack::{PackRunner, PackSet};
use crate::rule::{self, Context, Rule, RuleMeta};
use crate::source::Source;

/// Choices made on the command line, layered over the config.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--select`: run only these rules.
    pub select: Option<Vec<String>>,
    /// `--extend-select`: run these rules (or groups) too, beside the defaults.
    pub extend_select: Vec<String>,
    /// `--ignore`: never run these rules.
    pub ignore: Vec<String>,
}

/// From this size on, a release's rules run in parallel (smaller releases
/// are already spread over the cores one file each).
const PARALLEL_BYTES: usize = 64 * 1024;

/// A rule as configured for this run.
struct Configured {
    rule: Box<dyn Rule>,
    /// The configured severity; `None` keeps each diagnostic's own (a rule
    /// may report a contradiction as an error and a doubt as a warning).
    severity: Option<Severity>,
}

/// Everything built once per run: language data, recognisers, rules.
pub struct Linter {
    langs: Languages,
    parser: SectionParser,
    packs: PackSet,
    rules: Vec<Configured>,
    bilingual: Vec<String>,
    office: crate::office::Office,
    people: crate::people::PeopleData,
    /// The rules the user named (by id or group, in `select`,
    /// `extend-select` or `enabled = true`), as opposed to the defaults.
    explicit: Vec<&'static str>,
    /// Whether every release's rules run in parallel, whatever its size
    /// (a run of one file: see [`Linter::with_parallel_rules`]).
    parallel_rules: bool,
}

impl Linter {
    /// Builds the linter from a config and command-line overrides.
    pub fn new(config: &Config, overrides: &Overrides) -> anyhow::Result<Linter> {
        let packs = PackSet::load(config).map_err(|e| anyhow::anyhow!("{e}"))?;
        // Word lists: the embedded packs, the user's packs, then the config.
        let mut words: BTreeMap<String, crate::lang::WordLists> = BTreeMap::new();
        let user = packs.user_words().iter().map(|(l, w)| (l.as_str(), w));
        let configured = config.words.iter().map(|(l, w)| (l.as_str(), w));
        for (lang, w) in user.chain(configured) {
            words.entry(lang.to_string()).or_default().extend(w);
        }
        let mut langs = Languages::load(&words)?;
        if let Some(c) = &config.languages {
            langs.set_candidates(c);
        }
        let parser = SectionParser::new(&langs);
        let mut known: Vec<&str> = rule::known_ids(&BTreeMap::new());
        known.extend(packs.ids());
        known.extend(rule::GROUPS.iter().map(|g| g.name));
        let chosen = overrides.select.iter().flatten();
        for id in chosen
            .chain(&overrides.extend_select)
            .chain(&overrides.ignore)
        {
            if !known.contains(&id.as_str()) {
                let hint = rule::closest(id, known.iter().copied())
                    .map(|h| format!(" (did you mean `{h}`?)"))
                    .unwrap_or_default();
                anyhow::bail!("unknown rule `{id}`{hint}");
            }
        }
        let select = overrides.select.as_ref().or(config.select.as_ref());
        // Whether a rule runs, and its configured setting.
        let wanted = |meta: &RuleMeta| -> Option<crate::config::RuleSetting> {
            let id = meta.id;
            let setting = config.rule_setting(id).unwrap_or_default();
            let extended = overrides
                .extend_select
                .iter()
                .chain(&config.extend_select)
                .any(|s| rule::selects(s, id));
            let selected = match select {
                Some(list) => list.iter().any(|s| rule::selects(s, id)) || extended,
                None => setting.enabled.unwrap_or(meta.default_enabled || extended),
            };
            let ignored = overrides
                .ignore
                .iter()
                .chain(&config.ignore)
                .any(|s| rule::selects(s, id))
                || (select.is_none() && setting.enabled == Some(false));
            (selected && !ignored).then_some(setting)
        };
        let explicit: Vec<&'static str> = rule::registry()
            .iter()
            .map(|e| e.meta.id)
            .filter(|id| {
                select
                    .iter()
                    .copied()
                    .flatten()
                    .chain(&overrides.extend_select)
                    .chain(&config.extend_select)
                    .any(|s| rule::selects(s, id))
                    || config.rule_setting(id).and_then(|s| s.enabled) == Some(true)
            })
            .collect();
        let mut rules = Vec::new();
        for entry in rule::registry() {
            let Some(setting) = wanted(entry.meta) else {
                continue;
            };
            let id = entry.meta.id;
            let rule = (entry.build)(&setting.options, &langs)
                .map_err(|e| anyhow::anyhow!("[rules.{id}]: {e}"))?;
            rules.push(Configured {
                rule,
                severity: setting.severity,
            });
        }
        let people = crate::people::PeopleData::new(&langs, &config.officials);
        for pr in packs.rules() {
            let Some(setting) = wanted(pr.meta()) else {
                continue;
            };
            rules.push(Configured {
                rule: Box::new(PackRunner(pr.clone())),
                severity: setting.severity,
            });
        }
        Ok(Linter {
            langs,
            parser,
            packs,
            rules,
            bilingual: config.bilingual.clone(),
            office: crate::office::Office::from_config(config),
            people,
            explicit,
            parallel_rules: false,
        })
    }

    /// Sets the reference date of embargo checks (`--now`; default today).
    pub fn with_now(mut self, now: Option<(crate::dates::Date, Option<u32>)>) -> Linter {
        self.office.now = now.map(|n| n.0);
        self.office.now_minutes = now.and_then(|n| n.1);
        self
    }

    /// Chooses the regional dictionary of `--lang` ("en-GB"); a plain
    /// language code changes nothing.
    pub fn with_lang_tag(mut self, tag: Option<&str>) -> Linter {
        if let Some(t) = tag {
            self.office.spelling.choose_region(t);
        }
        self
    }

    /// Whether the user named rule `id` (by id or group, in `select`,
    /// `extend-select` or `enabled = true`): its notes are shown.
    pub fn is_explicit(&self, id: &str) -> bool {
        self.explicit.contains(&id)
    }

    /// The office settings of this run.
    pub fn office(&self) -> &crate::office::Office {
        &self.office
    }

    /// The pack rules of this run (embedded and the config's packs).
    pub fn packs(&self) -> &PackSet {
        &self.packs
    }

    /// The language data of this run.
    pub fn languages(&self) -> &Languages {
        &self.langs
    }

    /// The section recognisers of this run.
    pub fn parser(&self) -> &SectionParser {
        &self.parser
    }

    /// The people data of this run (role tables, officials register).
    pub fn people(&self) -> &crate::people::PeopleData {
        &self.people
    }

    /// Ids of the rules that run.
    pub fn rule_ids(&self) -> Vec<&'static str> {
        self.rules.iter().map(|r| r.rule.meta().id).collect()
    }

    /// Whether rule `id` runs, and the severity configured for it
    /// (`None` inside: its own). Used by checks that run outside
    /// [`Linter::check`], on two documents at once (`parity`).
    pub fn setting_of(&self, id: &str) -> Option<Option<Severity>> {
        self.rules
            .iter()
            .find(|c| c.rule.meta().id == id)
            .map(|c| c.severity)
    }

    /// Parses a release.
    pub fn parse(&self, source: Source, lang: &str) -> Document {
        // A one-file run's idle core compiles the recognisers this text
        // may need (see `regex_cache::warm_up`).
        crate::regex_cache::warm_up_for(source.text());
        let mut doc = Document::parse(source, lang, &self.parser);
        doc.allow_langs(&self.bilingual);
        doc
    }

    /// Runs every rule on a parsed release; diagnostics sorted by position.
    /// A big release runs its rules on every core (the result is the same
    /// as one after the other: each rule writes its own list, joined in
    /// rule order).
    pub fn check(&self, doc: &Document, skip: &[String]) -> Vec<Diagnostic> {
        self.check_with(
            doc,
            skip,
            self.parallel_rules || doc.text().len() >= PARALLEL_BYTES,
        )
    }

    /// Runs the rules of every release in parallel, whatever its size: for
    /// a run of one file (the pre-commit case), whose other cores would
    /// otherwise be idle. The findings are the same (each rule writes its
    /// own list, joined in rule order).
    pub fn with_parallel_rules(mut self, on: bool) -> Linter {
        self.parallel_rules = on;
        self
    }

    /// [`Linter::check`], the rules in parallel or not.
    fn check_with(&self, doc: &Document, skip: &[String], parallel: bool) -> Vec<Diagnostic> {
        use rayon::prelude::*;
        let cx = Context {
            doc,
            langs: &self.langs,
            parser: &self.parser,
            office: &self.office,
            people: &self.people,
        };
        let run = |c: &Configured| -> Vec<Diagnostic> {
            let mut found = Vec::new();
            if skip.iter().any(|s| rule::selects(s, c.rule.meta().id)) {
                return found;
            }
            let meta = c.rule.meta();
            if !meta.languages.is_empty()
                && !meta.languages.contains(&doc.lang())
                && !doc.regions().iter().any(|r| {
                    r.lang
                        .as_deref()
                        .is_some_and(|l| meta.languages.contains(&l))
                })
            {
                return found;
            }
            c.rule.check(&cx, &mut found);
            if let Some(s) = c.severity {
                for d in &mut found {
                    d.severity = s;
                }
            }
            found
        };
        let parts: Vec<Vec<Diagnostic>> = if parallel {
            self.rules.par_iter().map(run).collect()
        } else {
            self.rules.iter().map(run).collect()
        };
        let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
        for p in parts {
            out.extend(p);
        }
        // Markdown code, comments, front matter and link targets are no
        // prose: whatever a rule found there is dropped.
        out.retain(|d| !doc.is_masked(&d.span));
        if !skip.iter().any(|s| rule::selects(s, "encoding")) {
            out.extend(crate::load::encoding_diagnostics(doc.source()));
        }
        sort(&mut out);
        out
    }

    /// Parses and checks a release.
    pub fn lint(&self, source: Source, lang: &str) -> (Document, Vec<Diagnostic>) {
        let doc = self.parse(source, lang);
        let diags = self.check(&doc, &[]);
        (doc, diags)
    }
}

/// Keeps at most `max` diagnostics of each rule (0 = no limit), in
/// position order; the first one left out of each rule becomes a summary
/// saying how many more there are (with the highest severity left out, so
/// the exit code does not change). `diags` must be sorted by position.
pub fn cap_per_rule(diags: Vec<Diagnostic>, max: usize) -> Vec<Diagnostic> {
    if max == 0 {
        return diags;
    }
    let mut counts: std::collections::HashMap<&'static str, usize> = Default::default();
    for d in &diags {
        *counts.entry(d.rule.id).or_default() += 1;
    }
    if counts.values().all(|&n| n <= max) {
        return diags;
    }
    let mut worst: std::collections::HashMap<&'static str, crate::diagnostic::Severity> =
        Default::default();
    let mut seen: std::collections::HashMap<&'static str, usize> = Default::default();
    for d in &diags {
        let k = seen.entry(d.rule.id).or_default();
        *k += 1;
        if *k > max {
            let w = worst.entry(d.rule.id).or_insert(d.severity);
            *w = (*w).max(d.severity);
        }
    }
    seen.clear();
    let mut out = Vec::with_capacity(diags.len().min(max * counts.len() + counts.len()));
    for d in diags {
        let k = seen.entry(d.rule.id).or_default();
        *k += 1;
        if *k <= max {
            out.push(d);
        } else if *k == max + 1 {
            let more = counts[d.rule.id] - max;
            let mut summary = Diagnostic::new(
                d.rule,
                d.span.clone(),
                format!(
                    "{more} more `{}` {} in this file not shown (max-per-rule = {max})",
                    d.rule.id,
                    if more == 1 {
                        "diagnostic"
                    } else {
                        "diagnostics"
                    }
                ),
            )
            .with_label("the first one not shown")
            .with_help("fix these first, or raise `max-per-rule` (0 = no limit)");
            summary.severity = worst[d.rule.id];
            out.push(summary);
        }
    }
    out
}

/// Sorts diagnostics by position, then rule id.
pub fn sort(d: &mut [Diagnostic]) {
    d.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule.id).cmp(&(b.span.start, b.span.end, b.rule.id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rules in parallel give the findings of rules one after the other.
    #[test]
    fn parallel_rules_same_findings() {
        let linter = Linter::new(
            &Config::default(),
            &Overrides {
                select: Some(vec!["all".to_string()]),
                ..Default::default()
            },
        )
        .expect("linter");
        let mut texts = Vec::new();
        for dir in [
            "fixtures/examples",
            "fixtures/headline-facts",
            "fixtures/clean",
        ] {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            for p in paths {
                if p.extension().is_some_and(|e| e == "txt") {
                    if let Ok(t) = std::fs::read_to_string(&p) {
                        texts.push(t);
                    }
                }
            }
        }
        assert!(!texts.is_empty());
        // Each fixture alone, then all of them as one big release.
        texts.push(texts.join("\n\n"));
        for t in &texts {
            let doc = linter.parse(Source::new("release.txt", t.as_str()), "fr");
            let one = linter.check_with(&doc, &[], false);
            let many = linter.check_with(&doc, &[], true);
            assert_eq!(format!("{one:?}"), format!("{many:?}"));
            assert!(!one.is_empty() || t.len() < 2000);
        }
    }
}
