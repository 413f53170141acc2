//! `prlint rules` and `prlint rule ID`: built-in rules and pack rules.

/// Writes to standard output; a closed pipe (`prlint … | head`) ends the
/// output quietly instead of panicking.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}

#[allow(unused_macros)]
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($t)*);
    }};
}

use prlint::rule::pack::PackSet;
use prlint::rule::{self, RuleMeta};

use super::{error, ConfigArgs, EXIT_ERROR, EXIT_OK};

/// The packs of the config (embedded ones and the config's `packs`).
fn packs(cfg: &ConfigArgs) -> Result<PackSet, String> {
    let config = cfg.load()?;
    PackSet::load(&config).map_err(|e| e.0)
}

/// Every rule's metadata: built-in first, then pack rules.
fn all_metas(packs: &PackSet) -> Vec<&'static RuleMeta> {
    rule::registry()
        .iter()
        .map(|e| e.meta)
        .chain(packs.rules().iter().map(|r| r.meta()))
        .collect()
}

/// Prints the table of every rule.
pub fn list(cfg: &ConfigArgs) -> u8 {
    let packs = match packs(cfg) {
        Ok(p) => p,
        Err(e) => {
            error(e);
            return EXIT_ERROR;
        }
    };
    let metas = all_metas(&packs);
    let width = metas.iter().map(|m| m.id.len()).max().unwrap_or(10);
    let gw = rule::GROUPS.iter().map(|g| g.name.len()).max().unwrap_or(5);
    outln!(
        "{:width$}  {:8}  {:7}  {:gw$}  {:11}  {:3}  SUMMARY",
        "RULE",
        "SEVERITY",
        "DEFAULT",
        "GROUP",
        "LANGUAGES",
        "FIX"
    );
    for m in metas {
        let langs = if m.languages.is_empty() {
            "all".to_string()
        } else {
            m.languages.join(",")
        };
        let origin = packs
            .find(m.id)
            .map(|r| format!(" [pack {}]", r.pack))
            .unwrap_or_default();
        let groups: Vec<&str> = rule::groups_of(m.id).collect();
        outln!(
            "{:width$}  {:8}  {:7}  {:gw$}  {:11}  {:3}  {}{origin}",
            m.id,
            m.default_severity.name(),
            if m.default_enabled { "on" } else { "off" },
            if groups.is_empty() {
                "-".to_string()
            } else {
                groups.join(",")
            },
            langs,
            if m.fixable { "yes" } else { "" },
            m.summary,
        );
    }
    outln!("\nGROUP  (use in --select, --extend-select, --ignore and their config keys)");
    for g in rule::GROUPS {
        outln!("{:gw$}  {}", g.name, g.summary);
    }
    EXIT_OK
}

/// Prints the long explanation of one rule.
pub fn explain(id: &str, cfg: &ConfigArgs) -> u8 {
    let packs = match packs(cfg) {
        Ok(p) => p,
        Err(e) => {
            error(e);
            return EXIT_ERROR;
        }
    };
    let metas = all_metas(&packs);
    match metas.iter().find(|m| m.id == id) {
        Some(m) => {
            outln!("# {}\n", m.id);
            outln!("{}\n", m.summary);
            outln!(
                "Default severity: {}. Languages: {}. Fix: {}.\n",
                m.default_severity.name(),
                if m.languages.is_empty() {
                    "all".to_string()
                } else {
                    m.languages.join(", ")
                },
                if m.fixable { "yes" } else { "no" }
            );
            out!("{}", m.explanation);
            if let Some(r) = packs.find(id) {
                outln!("\n## Definition\nPack: {}", r.pack);
                for p in &r.extended_by {
                    outln!("Extended by: {p}");
                }
                outln!("Kind: {}", r.kind.name());
                for p in r.patterns() {
                    outln!("    {p}");
                }
            }
            EXIT_OK
        }
        None => {
            let hint = rule::closest(id, metas.iter().map(|m| m.id))
                .map(|h| format!(" (did you mean `{h}`?)"))
                .unwrap_or_default();
            error(format!(
                "unknown rule `{id}`{hint}; `prlint rules` lists them"
            ));
            EXIT_ERROR
        }
    }
}
