//! A small JSON Schema (draft-04) validator covering exactly the keywords the
//! SARIF 2.1.0 schema uses. A keyword it does not implement is an error, so
//! it can never pass a document by skipping a rule it does not understand.
//!
//! Why not a crate: `jsonschema` is heavy, and `boon` pulls url/idna and the
//! ICU crates (about seventy crates) into every test build.

use serde_json::Value;

const ANNOTATIONS: &[&str] = &[
    "description",
    "default",
    "title",
    "id",
    "$schema",
    "definitions",
];

/// Validates `doc` against `root`; returns one message per violation.
pub fn validate(root: &Value, doc: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check(root, root, doc, "", &mut errors);
    errors
}

fn resolve<'a>(root: &'a Value, r: &str) -> &'a Value {
    let pointer = r
        .strip_prefix('#')
        .unwrap_or_else(|| panic!("only local $ref supported: {r}"));
    root.pointer(pointer)
        .unwrap_or_else(|| panic!("unresolved $ref {r}"))
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        other => panic!("unknown type {other}"),
    }
}

fn format_ok(f: &str, s: &str) -> bool {
    let scheme = |s: &str| {
        s.split_once(':').is_some_and(|(sch, _)| {
            !sch.is_empty()
                && sch.starts_with(|c: char| c.is_ascii_alphabetic())
                && sch
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
    };
    let no_space = !s.chars().any(|c| c.is_whitespace() || c.is_control());
    match f {
        "uri" => scheme(s) && no_space,
        "uri-reference" => no_space && !s.contains(['<', '>', '"', '{', '}', '|', '\\', '^', '`']),
        "date-time" => {
            regex::Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
                .expect("regex")
                .is_match(s)
        }
        other => panic!("unknown format {other}"),
    }
}

fn check(root: &Value, schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    let Some(obj) = schema.as_object() else {
        panic!("schema at {at} is not an object");
    };
    if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
        check(root, resolve(root, r), v, at, errors);
    }
    for (key, kw) in obj {
        match key.as_str() {
            "$ref" => {}
            k if ANNOTATIONS.contains(&k) => {}
            "type" => {
                let ok = match kw {
                    Value::String(t) => type_ok(t, v),
                    Value::Array(ts) => ts.iter().filter_map(Value::as_str).any(|t| type_ok(t, v)),
                    _ => panic!("bad type keyword"),
                };
                if !ok {
                    errors.push(format!("{at}: expected type {kw}, found {v}"));
                }
            }
            "enum" => {
                if !kw.as_array().is_some_and(|a| a.contains(v)) {
                    errors.push(format!("{at}: {v} is not one of {kw}"));
                }
            }
            "properties" => {
                if let (Some(props), Some(o)) = (kw.as_object(), v.as_object()) {
                    for (name, sub) in props {
                        if let Some(val) = o.get(name) {
                            check(root, sub, val, &format!("{at}/{name}"), errors);
                        }
                    }
                }
            }
            "additionalProperties" => {
                if let Some(o) = v.as_object() {
                    let declared = obj.get("properties").and_then(Value::as_object);
                    for (name, val) in o {
                        if declared.is_some_and(|d| d.contains_key(name)) {
                            continue;
                        }
                        match kw {
                            Value::Bool(false) => {
                                errors.push(format!("{at}: property `{name}` is not allowed"))
                            }
                            Value::Bool(true) => {}
                            sub => check(root, sub, val, &format!("{at}/{name}"), errors),
                        }
                    }
                }
            }
            "required" => {
                if let Some(o) = v.as_object() {
                    for name in kw
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                    {
                        if !o.contains_key(name) {
                            errors.push(format!("{at}: required property `{name}` is missing"));
                        }
                    }
                }
            }
            "items" => {
                if let Some(a) = v.as_array() {
                    for (i, item) in a.iter().enumerate() {
                        check(root, kw, item, &format!("{at}/{i}"), errors);
                    }
                }
            }
            "minItems" => {
                if let (Some(a), Some(n)) = (v.as_array(), kw.as_u64()) {
                    if (a.len() as u64) < n {
                        errors.push(format!("{at}: fewer than {n} items"));
                    }
                }
            }
            "uniqueItems" => {
                if let (Some(a), Some(true)) = (v.as_array(), kw.as_bool()) {
                    for i in 0..a.len() {
                        if a[i + 1..].contains(&a[i]) {
                            errors.push(format!("{at}: items are not unique"));
                            break;
                        }
                    }
                }
            }
            "minimum" | "maximum" => {
                if let (Some(x), Some(m)) = (v.as_f64(), kw.as_f64()) {
                    if (key == "minimum" && x < m) || (key == "maximum" && x > m) {
                        errors.push(format!("{at}: {x} violates {key} {m}"));
                    }
                }
            }
            "pattern" => {
                if let (Some(s), Some(p)) = (v.as_str(), kw.as_str()) {
                    if !regex::Regex::new(p).expect("pattern").is_match(s) {
                        errors.push(format!("{at}: {s:?} does not match /{p}/"));
                    }
                }
            }
            "format" => {
                if let (Some(s), Some(f)) = (v.as_str(), kw.as_str()) {
                    if !format_ok(f, s) {
                        errors.push(format!("{at}: {s:?} is not a valid {f}"));
                    }
                }
            }
            "anyOf" | "oneOf" => {
                let subs = kw.as_array().expect("array");
                let passing = subs
                    .iter()
                    .filter(|s| {
                        let mut e = Vec::new();
                        check(root, s, v, at, &mut e);
                        e.is_empty()
                    })
                    .count();
                if passing == 0 || (key == "oneOf" && passing > 1) {
                    errors.push(format!("{at}: {passing} of the {key} alternatives match"));
                }
            }
            other => panic!("the test validator does not implement keyword `{other}` (at {at})"),
        }
    }
}
