//! `prlint lsp`: a Language Server Protocol server over standard input and
//! output, for editors.
//!
//! One synchronous loop (lsp-server's transport): a document is linted
//! when it opens and again once the edits pause ([`DEBOUNCE`]), with the
//! config found from the document's folder exactly as `prlint check` finds
//! it from the current one. Diagnostics carry UTF-16 positions; code
//! actions offer each finding's fix (safe ones preferred, unsafe ones
//! marked) and "apply every safe fix"; hovering a finding shows its rule's
//! explanation. Plain text and Markdown documents.

mod convert;
mod position;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, HoverProviderCapability,
    PositionEncodingKind, PublishDiagnosticsParams, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};

use prlint::config::Config;
use prlint::linter::{Linter, Overrides};

use super::checker::Checker;
use super::{EXIT_ERROR, EXIT_OK};
use convert::Linted;

/// The protocol's exit code when the client leaves (or says `exit`)
/// without `shutdown` first.
const EXIT_WITHOUT_SHUTDOWN: u8 = 1;

/// How long the edits must pause before a changed document is linted again.
pub const DEBOUNCE: Duration = Duration::from_millis(250);

/// Runs the server until the client says `exit`.
pub fn run() -> u8 {
    let (connection, io_threads) = Connection::stdio();
    let code = match serve(&connection) {
        Ok(code) => code,
        Err(e) => {
            super::error(format!("lsp: {e}"));
            EXIT_ERROR
        }
    };
    drop(connection);
    match io_threads.join() {
        Ok(()) => code,
        Err(e) => {
            super::error(format!("lsp: {e}"));
            EXIT_ERROR
        }
    }
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
            ]),
            ..Default::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..Default::default()
    }
}

fn serve(connection: &Connection) -> anyhow::Result<u8> {
    let init = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo {
            name: "prlint".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        },
    });
    let (id, _params) = connection.initialize_start()?;
    connection.initialize_finish(id, init)?;
    let mut server = Server {
        sender: connection.sender.clone(),
        docs: HashMap::new(),
        engines: HashMap::new(),
    };
    loop {
        let msg = match server.next_deadline() {
            Some(when) => {
                match connection
                    .receiver
                    .recv_timeout(when.saturating_duration_since(Instant::now()))
                {
                    Ok(m) => Some(m),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return Ok(EXIT_WITHOUT_SHUTDOWN),
                }
            }
            None => match connection.receiver.recv() {
                Ok(m) => Some(m),
                Err(_) => return Ok(EXIT_WITHOUT_SHUTDOWN),
            },
        };
        match msg {
            None => server.lint_due(),
            Some(Message::Request(req)) => {
                if connection.handle_shutdown(&req)? {
                    return Ok(EXIT_OK);
                }
                server.request(req);
            }
            Some(Message::Notification(n)) => {
                if n.method == "exit" {
                    return Ok(EXIT_WITHOUT_SHUTDOWN);
                }
                server.notification(n);
            }
            Some(Message::Response(_)) => {}
        }
    }
}

/// An open document.
struct Doc {
    /// The file it is, when it is one.
    path: Option<PathBuf>,
    /// The editor's language id ("markdown", "plaintext").
    language_id: String,
    text: String,
    version: i32,
    /// Changed at this instant and not linted since.
    dirty: Option<Instant>,
    linted: Option<Linted>,
}

/// A config and the linter built from it, rebuilt when the file changes.
struct Engine {
    stamp: Option<SystemTime>,
    built: Result<(Config, Linter), String>,
}

struct Server {
    sender: crossbeam_channel::Sender<Message>,
    docs: HashMap<Uri, Doc>,
    /// By config file (`None`: no prlint.toml, the defaults).
    engines: HashMap<Option<PathBuf>, Engine>,
}

/// The local path of a `file:` URI (percent-decoded).
fn file_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // file://host/path: only the local host.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(path.get(i + 1..i + 3)?, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    let decoded = String::from_utf8(out).ok()?;
    // file:///C:/x on Windows.
    #[cfg(windows)]
    let decoded = match decoded.as_bytes() {
        [b'/', d, b':', ..] if d.is_ascii_alphabetic() => decoded[1..].to_string(),
        _ => decoded,
    };
    Some(PathBuf::from(decoded))
}

fn mtime(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

impl Server {
    fn send(&self, msg: impl Into<Message>) {
        let _ = self.sender.send(msg.into());
    }

    fn next_deadline(&self) -> Option<Instant> {
        self.docs
            .values()
            .filter_map(|d| d.dirty)
            .min()
            .map(|t| t + DEBOUNCE)
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
                else {
                    return;
                };
                let d = p.text_document;
                let doc = Doc {
                    path: file_path(&d.uri),
                    language_id: d.language_id,
                    text: d.text,
                    version: d.version,
                    dirty: None,
                    linted: None,
                };
                self.docs.insert(d.uri.clone(), doc);
                self.lint(&d.uri);
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
                else {
                    return;
                };
                let Some(doc) = self.docs.get_mut(&p.text_document.uri) else {
                    return;
                };
                // Full sync: the last change holds the whole text.
                if let Some(c) = p.content_changes.into_iter().next_back() {
                    doc.text = c.text;
                }
                doc.version = p.text_document.version;
                doc.dirty = Some(Instant::now());
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params)
                else {
                    return;
                };
                if self.docs.remove(&p.text_document.uri).is_some() {
                    self.publish(p.text_document.uri, Vec::new(), None);
                }
            }
            _ => {}
        }
    }

    fn request(&mut self, req: Request) {
        let resp = match req.method.as_str() {
            CodeActionRequest::METHOD => {
                match serde_json::from_value::<lsp_types::CodeActionParams>(req.params) {
                    Ok(p) => {
                        let uri = p.text_document.uri;
                        self.lint_if_dirty(&uri);
                        let actions: Vec<lsp_types::CodeActionOrCommand> = self
                            .docs
                            .get(&uri)
                            .and_then(|d| d.linted.as_ref())
                            .map(|l| l.code_actions(&uri, p.range))
                            .unwrap_or_default()
                            .into_iter()
                            .map(lsp_types::CodeActionOrCommand::CodeAction)
                            .collect();
                        Response::new_ok(req.id, actions)
                    }
                    Err(e) => invalid(req.id, e),
                }
            }
            HoverRequest::METHOD => {
                match serde_json::from_value::<lsp_types::HoverParams>(req.params) {
                    Ok(p) => {
                        let uri = p.text_document_position_params.text_document.uri;
                        self.lint_if_dirty(&uri);
                        let hover = self
                            .docs
                            .get(&uri)
                            .and_then(|d| d.linted.as_ref())
                            .and_then(|l| l.hover(p.text_document_position_params.position));
                        Response::new_ok(req.id, hover)
                    }
                    Err(e) => invalid(req.id, e),
                }
            }
            _ => Response::new_err(
                req.id,
                ErrorCode::MethodNotFound as i32,
                format!("prlint does not answer {}", req.method),
            ),
        };
        self.send(resp);
    }

    /// Lints the documents whose edits have paused.
    fn lint_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Uri> = self
            .docs
            .iter()
            .filter(|(_, d)| d.dirty.is_some_and(|t| t + DEBOUNCE <= now))
            .map(|(u, _)| u.clone())
            .collect();
        for uri in due {
            self.lint(&uri);
        }
    }

    /// A request about a document waits for no timer: it is answered
    /// about the text as it is now.
    fn lint_if_dirty(&mut self, uri: &Uri) {
        if self.docs.get(uri).is_some_and(|d| d.dirty.is_some()) {
            self.lint(uri);
        }
    }

    /// The config and linter of a document in `dir` (built once per config
    /// file, again when the file changes).
    fn engine(&mut self, dir: &Path) -> Result<(&Config, &Linter), String> {
        let key = Config::discover(dir);
        let stamp = key.as_deref().and_then(mtime);
        let stale = self.engines.get(&key).is_none_or(|e| e.stamp != stamp);
        if stale {
            let built = match &key {
                Some(p) => Config::load(p).map_err(|e| e.0),
                None => Ok(Config::default()),
            }
            .and_then(|config| {
                Linter::new(&config, &Overrides::default())
                    .map(|l| (config, l))
                    .map_err(|e| match &key {
                        Some(p) => format!("{}: {e}", p.display()),
                        None => e.to_string(),
                    })
            });
            self.engines.insert(key.clone(), Engine { stamp, built });
        }
        match &self.engines[&key].built {
            Ok((c, l)) => Ok((c, l)),
            Err(e) => Err(e.clone()),
        }
    }

    fn lint(&mut self, uri: &Uri) {
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let text = doc.text.clone();
        let version = doc.version;
        // The name decides plain text or Markdown, as on the command line.
        let markdown_id = doc.language_id == "markdown";
        let (path, name) = match &doc.path {
            Some(p) => {
                let mut name = p.display().to_string();
                if markdown_id && !(name.ends_with(".md") || name.ends_with(".markdown")) {
                    name.push_str(".md");
                }
                (p.clone(), name)
            }
            None => {
                let name = if markdown_id {
                    "untitled.md"
                } else {
                    "untitled.txt"
                };
                (PathBuf::from(name), name.to_string())
            }
        };
        let dir = match doc.path.as_deref().and_then(Path::parent) {
            Some(d) => d.to_path_buf(),
            None => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        };
        let result = self.engine(&dir).map(|(config, linter)| {
            if doc_excluded(&path, config) {
                return Vec::new();
            }
            let checker = Checker::new(linter, config, None, false);
            let decoded = prlint::load::Decoded::clean(text.clone(), encoding_rs::UTF_8, 0);
            let lang_text = super::files::lang_text(&name, &decoded).into_owned();
            let lang = super::check::resolve_lang(None, &path, &lang_text, config);
            let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                // An HTML page is linted as its text; the editor shows the
                // page, so offsets go back into it.
                super::checker::in_file_offsets(checker.lint(&path, &name, decoded, &lang, false))
            }));
            let diags = run.unwrap_or_default();
            let max = config
                .max_per_rule
                .unwrap_or(prlint::config::DEFAULT_MAX_PER_RULE);
            prlint::linter::cap_per_rule(diags, max)
        });
        let (linted, lsp) = match result {
            Ok(diags) => {
                let linted = Linted::new(uri, text, diags);
                let lsp = linted.lsp.clone();
                (Some(linted), lsp)
            }
            Err(e) => (None, vec![convert::at_top("config", e)]),
        };
        if let Some(doc) = self.docs.get_mut(uri) {
            doc.linted = linted;
            doc.dirty = None;
        }
        self.publish(uri.clone(), lsp, Some(version));
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Notification::new(
            PublishDiagnostics::METHOD.to_string(),
            params,
        ));
    }
}

/// Whether the config's `exclude` leaves this file out (as `check
/// --force-exclude` does for a file an editor names).
fn doc_excluded(path: &Path, config: &Config) -> bool {
    if config.exclude.is_empty() || !path.is_file() {
        return false;
    }
    let (inputs, errors) = super::files::collect(&[path.to_path_buf()], "<stdin>", config, true);
    inputs.is_empty() && errors.is_empty()
}

fn invalid(id: lsp_server::RequestId, e: serde_json::Error) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, e.to_string())
}
