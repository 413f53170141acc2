//! `--statistics`: how many diagnostics each rule raised.

use std::collections::BTreeMap;

use super::FileReport;

/// One row per rule, most frequent first: count, rule id, severity, and
/// whether the rule offers fixes for some of them.
pub fn render(reports: &[FileReport]) -> String {
    let mut rows: BTreeMap<&str, (usize, &str, usize)> = BTreeMap::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        let row = rows.entry(d.rule.id).or_insert((0, d.severity.name(), 0));
        row.0 += 1;
        if d.fix.is_some() {
            row.2 += 1;
        }
    }
    let mut rows: Vec<(&str, (usize, &str, usize))> = rows.into_iter().collect();
    rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(4).max(4);
    let mut out = String::new();
    out.push_str(&format!(
        "{:>5}  {:width$}  {:8}  FIXABLE\n",
        "COUNT", "RULE", "SEVERITY"
    ));
    for (id, (n, sev, fixable)) in &rows {
        out.push_str(&format!("{n:>5}  {id:width$}  {sev:8}  {fixable}\n"));
    }
    let total: usize = rows.iter().map(|r| r.1 .0).sum();
    out.push_str(&format!("{total:>5}  total\n"));
    out
}
