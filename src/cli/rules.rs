//! `prlint rules` and `prlint rule ID`.

use prlint::rule;

use super::{error, ConfigArgs, EXIT_ERROR, EXIT_OK};

/// Prints the table of every rule.
pub fn list(_cfg: &ConfigArgs) -> u8 {
    let width = rule::registry()
        .iter()
        .map(|e| e.meta.id.len())
        .max()
        .unwrap_or(10);
    println!(
        "{:width$}  {:8}  {:11}  {:3}  SUMMARY",
        "RULE", "SEVERITY", "LANGUAGES", "FIX"
    );
    for e in rule::registry() {
        let m = e.meta;
        let langs = if m.languages.is_empty() {
            "all".to_string()
        } else {
            m.languages.join(",")
        };
        println!(
            "{:width$}  {:8}  {:11}  {:3}  {}{}",
            m.id,
            m.default_severity.name(),
            langs,
            if m.fixable { "yes" } else { "" },
            m.summary,
            if m.default_enabled {
                ""
            } else {
                " (off by default)"
            }
        );
    }
    EXIT_OK
}

/// Prints the long explanation of one rule.
pub fn explain(id: &str, _cfg: &ConfigArgs) -> u8 {
    match rule::find(id) {
        Some(e) => {
            let m = e.meta;
            println!("# {}\n", m.id);
            println!("{}\n", m.summary);
            println!(
                "Default severity: {}. Languages: {}. Fix: {}.\n",
                m.default_severity.name(),
                if m.languages.is_empty() {
                    "all".to_string()
                } else {
                    m.languages.join(", ")
                },
                if m.fixable { "yes" } else { "no" }
            );
            print!("{}", m.explanation);
            EXIT_OK
        }
        None => {
            let hint = rule::closest(id, rule::registry().iter().map(|e| e.meta.id))
                .map(|h| format!(" (did you mean `{h}`?)"))
                .unwrap_or_default();
            error(format!(
                "unknown rule `{id}`{hint}; `prlint rules` lists them"
            ));
            EXIT_ERROR
        }
    }
}
