//! `prlint lsp` driven by a scripted client: the real binary over stdio,
//! JSON-RPC framed with Content-Length headers, as an editor speaks it.
//!
//! With `PRLINT_LSP_TRANSCRIPT=FILE` the main session's messages are
//! written to FILE as Markdown (docs/lsp-session.md was made so).

mod support;

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const TIMEOUT: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: mpsc::Receiver<Value>,
    /// Messages received while waiting for something else.
    pending: VecDeque<Value>,
    next_id: i64,
    /// (direction, message) in order, for the transcript.
    log: Vec<(&'static str, Value)>,
}

impl Client {
    fn start(cwd: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_prlint"))
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn prlint lsp");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; len.expect("Content-Length")];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&body).expect("JSON body");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            pending: VecDeque::new(),
            next_id: 1,
            log: Vec::new(),
        }
    }

    fn send(&mut self, v: Value) {
        let body = serde_json::to_string(&v).unwrap();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
        self.log.push(("client → server", v));
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn recv(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        let v = self.rx.recv_timeout(left).ok()?;
        self.log.push(("server → client", v.clone()));
        Some(v)
    }

    /// Sends a request and waits for its response's `result`.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let v = self
                .recv(deadline)
                .unwrap_or_else(|| panic!("no response to {method}"));
            if v.get("id") == Some(&json!(id)) && v.get("method").is_none() {
                assert!(v.get("error").is_none(), "{method}: {v}");
                return v["result"].clone();
            }
            self.pending.push_back(v);
        }
    }

    /// Waits for the diagnostics of `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let deadline = Instant::now() + TIMEOUT;
        let matches = |v: &Value| {
            v["method"] == "textDocument/publishDiagnostics"
                && v["params"]["uri"] == uri
                && v["params"]["version"] == version
        };
        if let Some(i) = self.pending.iter().position(matches) {
            let v = self.pending.remove(i).unwrap();
            return v["params"]["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            let v = self
                .recv(deadline)
                .unwrap_or_else(|| panic!("no diagnostics for {uri} version {version}"));
            if matches(&v) {
                return v["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.pending.push_back(v);
        }
    }

    fn initialize(&mut self, root: &Path) -> Value {
        let r = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri_of(root),
                "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
                "clientInfo": {"name": "prlint-test-client"}
            }),
        );
        self.notify("initialized", json!({}));
        r
    }

    /// `shutdown`, `exit`; the exit status.
    fn shutdown(mut self) -> (Option<i32>, Vec<(&'static str, Value)>) {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r, Value::Null);
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return (s.code(), std::mem::take(&mut self.log));
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("prlint-lsp-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn uri_of(p: &Path) -> String {
    format!("file://{}", p.display())
}

/// UTF-16 (line, character) → byte offset, the client's way.
fn offset(text: &str, line: u64, character: u64) -> usize {
    let mut start = 0;
    for _ in 0..line {
        start += text[start..]
            .find('\n')
            .map_or(text.len() - start, |i| i + 1);
    }
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' || c == '\r' {
            return start + i;
        }
        units += c.len_utf16() as u64;
    }
    text.len()
}

/// Applies a WorkspaceEdit's TextEdits for `uri` to `text`, as an editor does.
fn apply(text: &str, edit: &Value, uri: &str) -> String {
    let mut edits: Vec<(usize, usize, String)> = edit["changes"][uri]
        .as_array()
        .expect("edits for the document")
        .iter()
        .map(|e| {
            let r = &e["range"];
            let at = |p: &Value| {
                offset(
                    text,
                    p["line"].as_u64().unwrap(),
                    p["character"].as_u64().unwrap(),
                )
            };
            (
                at(&r["start"]),
                at(&r["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (s, e, t) in edits {
        out.replace_range(s..e, &t);
    }
    out
}

fn codes(diags: &[Value]) -> Vec<&str> {
    diags.iter().map(|d| d["code"].as_str().unwrap()).collect()
}

fn find<'a>(diags: &'a [Value], code: &str) -> &'a Value {
    diags
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diags:?}"))
}

fn range(d: &Value) -> [u64; 4] {
    let r = &d["range"];
    [
        r["start"]["line"].as_u64().unwrap(),
        r["start"]["character"].as_u64().unwrap(),
        r["end"]["line"].as_u64().unwrap(),
        r["end"]["character"].as_u64().unwrap(),
    ]
}

/// The reference session: open the example release, read its diagnostics,
/// hover a finding, apply a quick fix, send the change, read the updated
/// diagnostics, shut down.
#[test]
fn a_scripted_editor_session() {
    let dir = tmpdir("session");
    let path = dir.join("release-fr.txt");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/examples/release-fr.txt"),
    )
    .unwrap();
    std::fs::write(&path, &text).unwrap();
    let uri = uri_of(&path);
    let mut c = Client::start(&dir);

    let init = c.initialize(&dir);
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"], 1, "full sync");
    assert_eq!(caps["hoverProvider"], true);
    assert!(caps["codeActionProvider"]["codeActionKinds"]
        .as_array()
        .unwrap()
        .contains(&json!("quickfix")));
    assert_eq!(init["serverInfo"]["name"], "prlint");

    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    let diags = c.diagnostics(&uri, 1);
    assert_eq!(
        codes(&diags),
        [
            "duplicate-paragraph",
            "repeated-word",
            "whitespace",
            "whitespace",
            "duplicate-contact"
        ]
    );
    // Same places as `check` (9:114-9:127 there: 1-based, scalar values).
    let rep = find(&diags, "repeated-word");
    assert_eq!(range(rep), [8, 113, 8, 126]);
    assert_eq!(rep["severity"], 1);
    assert_eq!(rep["source"], "prlint");
    assert_eq!(
        rep["relatedInformation"][0]["location"]["range"]["start"]["character"],
        99
    );
    assert_eq!(range(find(&diags, "duplicate-paragraph")), [2, 0, 2, 58]);

    // Hover: the finding and its rule's explanation.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 8, "character": 115}}),
    );
    let md = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(md.contains("`repeated-word`"), "{md}");
    assert!(md.contains("### repeated-word"), "{md}");
    assert!(md.len() > 300, "the explanation is there: {md}");

    // Code actions on the repeated phrase: its quick fix, and fix-all.
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": rep["range"],
            "context": {"diagnostics": [rep]}
        }),
    );
    let actions = actions.as_array().unwrap();
    let quick = actions
        .iter()
        .find(|a| {
            a["kind"] == "quickfix" && a["title"].as_str().unwrap().starts_with("repeated-word")
        })
        .unwrap_or_else(|| panic!("{actions:?}"));
    assert_eq!(quick["title"], "repeated-word: delete");
    assert_eq!(quick["isPreferred"], true);
    assert!(actions.iter().any(|a| a["kind"] == "source.fixAll"));
    let fixed = apply(&text, &quick["edit"], &uri);
    assert!(fixed.contains("grâce au soutien de la Région"), "{fixed}");

    // The editor sends the new text; diagnostics follow after the pause.
    let sent = Instant::now();
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let diags = c.diagnostics(&uri, 2);
    let took = sent.elapsed();
    assert_eq!(
        codes(&diags),
        [
            "duplicate-paragraph",
            "whitespace",
            "whitespace",
            "duplicate-contact"
        ]
    );
    assert!(took >= Duration::from_millis(200), "debounced: {took:?}");
    assert!(took < Duration::from_secs(5), "{took:?}");

    let (status, log) = c.shutdown();
    assert_eq!(status, Some(0));
    if let Ok(out) = std::env::var("PRLINT_LSP_TRANSCRIPT") {
        write_transcript(Path::new(&out), &log, &dir);
    }
}

/// Positions count UTF-16 code units: an astral character is two, a
/// no-break space one. An unsafe fix is offered, marked so.
#[test]
fn positions_are_utf16_and_unsafe_fixes_are_marked() {
    let dir = tmpdir("utf16");
    let path = dir.join("news.en.txt");
    let line = "The 😀\u{a0}𝒜 team opened the the new dock; the well- known clock tower stands.";
    let text = format!("Harbour news\n\n{line}\n");
    std::fs::write(&path, &text).unwrap();
    let uri = uri_of(&path);
    let mut c = Client::start(&dir);
    c.initialize(&dir);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 7, "text": text}}),
    );
    let diags = c.diagnostics(&uri, 7);
    let u16 = |s: &str| s.encode_utf16().count() as u64;
    let at = line.find("the the").unwrap() + 4;
    let rep = find(&diags, "repeated-word");
    assert_eq!(range(rep), [2, u16(&line[..at]), 2, u16(&line[..at + 3])]);
    // 😀 and 𝒜 are two units each, NBSP one: 6 units more than bytes would say less…
    assert_eq!(u16(&line[..at]), line[..at].chars().count() as u64 + 2);
    let hy = find(&diags, "hyphenation-leftover");
    let h = line.find("well- known").unwrap();
    assert_eq!(range(hy)[1], u16(&line[..h]));
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": hy["range"], "context": {"diagnostics": [hy]}}),
    );
    let unsafe_fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("hyphenation-leftover")
        })
        .unwrap_or_else(|| panic!("{actions}"));
    assert!(
        unsafe_fix["title"].as_str().unwrap().contains("unsafe"),
        "{unsafe_fix}"
    );
    assert_eq!(unsafe_fix["isPreferred"], false);
    let fixed = apply(&text, &unsafe_fix["edit"], &uri);
    assert!(fixed.contains("the wellknown clock"), "{fixed}");
    // Hover inside the astral-character line lands on the right finding.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": u16(&line[..at]) + 1}}),
    );
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("`repeated-word`"));
    let (status, _) = c.shutdown();
    assert_eq!(status, Some(0));
}

/// The config is found from the document's folder, as `check` finds it
/// from the current one; Markdown code is no prose; a broken config is said.
#[test]
fn config_from_the_document_folder_and_markdown() {
    let dir = tmpdir("config");
    let quiet = dir.join("quiet");
    std::fs::create_dir_all(&quiet).unwrap();
    std::fs::write(
        quiet.join("prlint.toml"),
        "ignore = [\"whitespace\"]\nexclude = [\"skip-*.md\"]\n",
    )
    .unwrap();
    let broken = dir.join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("prlint.toml"), "ignore = [\n").unwrap();
    let text =
        "# Harbour news\n\nThe dock opened  today with the the mayor.\n\n```\nthe the\n```\n";
    // The server runs elsewhere: only the document's folder can find these.
    let mut c = Client::start(&std::env::temp_dir());
    c.initialize(&dir);
    let open = |c: &mut Client, p: &Path| {
        std::fs::write(p, text).unwrap();
        let uri = uri_of(p);
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
        c.diagnostics(&uri, 1)
    };
    let plain = open(&mut c, &dir.join("news.en.md"));
    assert_eq!(codes(&plain), ["whitespace", "repeated-word"], "{plain:?}");
    let quieted = open(&mut c, &quiet.join("news.en.md"));
    assert_eq!(codes(&quieted), ["repeated-word"], "{quieted:?}");
    let excluded = open(&mut c, &quiet.join("skip-this.en.md"));
    assert!(excluded.is_empty(), "{excluded:?}");
    // prlint.toml edited: the next lint reads it.
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(quiet.join("prlint.toml"), "ignore = []\n").unwrap();
    let uri = uri_of(&quiet.join("news.en.md"));
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": text}]}),
    );
    let again = c.diagnostics(&uri, 2);
    assert_eq!(codes(&again), ["whitespace", "repeated-word"], "{again:?}");
    let bad = open(&mut c, &broken.join("news.en.md"));
    assert_eq!(codes(&bad), ["config"], "{bad:?}");
    assert!(
        bad[0]["message"].as_str().unwrap().contains("prlint.toml"),
        "{bad:?}"
    );
    let (status, _) = c.shutdown();
    assert_eq!(status, Some(0));
}

/// Writes the session as Markdown, the temporary folder shown as `$DIR`.
fn write_transcript(out: &Path, log: &[(&str, Value)], dir: &Path) {
    let mut md = String::from(
        "# A language server session\n\n\
         The messages of the test `a_scripted_editor_session` (tests/lsp.rs): the test\n\
         client spawns `prlint lsp`, opens fixtures/examples/release-fr.txt, hovers the\n\
         repeated phrase, applies its quick fix, sends the new text and shuts down.\n\
         Regenerate with `PRLINT_LSP_TRANSCRIPT=$PWD/docs/lsp-session.md cargo test --test lsp a_scripted`.\n\
         Long strings (the document text, the hover's explanation) are cut here.\n\n",
    );
    let dir = dir.display().to_string();
    for (who, v) in log {
        let mut v = v.clone();
        shorten(&mut v);
        let body = serde_json::to_string_pretty(&v)
            .unwrap()
            .replace(&dir, "$DIR");
        let what = v["method"].as_str().map_or_else(
            || format!("response to request {}", v["id"]),
            str::to_string,
        );
        md.push_str(&format!("## {who}: {what}\n\n```json\n{body}\n```\n\n"));
    }
    std::fs::write(out, md).unwrap();
}

fn shorten(v: &mut Value) {
    match v {
        Value::String(s) if s.chars().count() > 160 => {
            let head: String = s.chars().take(120).collect();
            *s = format!("{head}… ({} characters)", s.chars().count());
        }
        Value::Array(a) => a.iter_mut().for_each(shorten),
        Value::Object(o) => o.values_mut().for_each(shorten),
        _ => {}
    }
}

/// tests/nvim-lsp.sh in the suite: Neovim, headless, as the client
/// (skipped when nvim is absent).
#[test]
fn neovim_gets_the_diagnostics_and_applies_a_fix() {
    support::run_script("tests/nvim-lsp.sh", "nvim-lsp");
}

/// `exit` without `shutdown` first: exit code 1, as the protocol says.
#[test]
fn exit_without_shutdown_is_code_1() {
    let dir = tmpdir("exit");
    let mut c = Client::start(&dir);
    c.initialize(&dir);
    c.notify("exit", Value::Null);
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(s) = c.child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(1));
}

#[test]
fn an_html_page_is_linted_as_its_text_with_ranges_in_the_page() {
    let dir = tmpdir("html");
    let path = dir.join("ferry.html");
    let text = "<html><body><nav>menu the the</nav>\n<main><h1>Ferry news</h1>\n<p>The council launched the the ferry.</p></main></body></html>\n";
    std::fs::write(&path, text).unwrap();
    let uri = uri_of(&path);
    let mut c = Client::start(&dir);
    c.initialize(&dir);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "html", "version": 1, "text": text}}),
    );
    let diags = c.diagnostics(&uri, 1);
    // The repeat in <nav> is not read; the one in the paragraph is shown
    // where it is in the page (line 3, after "<p>The council launched ").
    let rep = find(&diags, "repeated-word");
    let col = "<p>The council launched the ".len() as u64;
    assert_eq!(range(rep), [2, col, 2, col + 3]);
    assert_eq!(
        diags
            .iter()
            .filter(|d| d["code"] == "repeated-word")
            .count(),
        1
    );
}
