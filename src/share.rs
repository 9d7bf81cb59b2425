//! Share links: a snapshot carried in a URL fragment (`#s=…`), so a colleague can open the same
//! annotations without a file. Compact JSON → raw deflate → base64url without padding. Decoding
//! caps the inflated size (a small link must not expand into gigabytes) and then runs the same
//! checks as a file import.
//!
//! A link carries only what it must, so it is as short as its content allows:
//! - the address is the app's, with only `doc=` kept from its query ([`link_base`]): the receiver's
//!   own view (`mine=1`, filters) is not the sender's business;
//! - only annotated tasks, without the document's words ([`Snapshot::for_link`]), without empty or
//!   default fields (restored on decoding), and per field only the latest history change (what a
//!   merge compares; the whole history travels in files);
//! - a QR code only up to [`MAX_QR_VERSION`] (117 × 117 modules): printed 6 cm wide on A4 that is
//!   0.5 mm per module, on a phone screen (about 300 CSS px) 2.4 px per module, both within what a
//!   phone camera reads. Longer links get no QR code and the app offers the file instead.
//! - From a `file://` page (the single-file edition) there is no address a colleague could open:
//!   [`link_base`] says so and the app offers the file.
//!
//! ```
//! use luoshi::ledger::{Action, Ledger};
//! use luoshi::share::{decode_link, share_link};
//! use luoshi::snapshot::{export, Coverage};
//!
//! let doc = luoshi::seed_document();
//! let mut ledger = Ledger::new(doc.fingerprint.clone());
//! ledger.apply(Action::SetProgress { task: 3, progress: 40 }, "2023-07-01T09:00:00+08:00")?;
//! let view = Coverage::View { query: "q=实验室".into(), tasks: vec![1, 2, 3] };
//! let snapshot = export(&doc, &ledger, view, "2023-07-01T10:00:00+08:00").for_link();
//! let link = share_link("https://example.gov.cn/luoshi/", &snapshot);
//! assert!(link.fragment.starts_with("#s=") && !link.too_long_for_chat && link.qr_svg.is_some());
//! // The receiving app reads `location.hash` and imports it like a file.
//! let incoming = decode_link(&link.fragment, &doc).map_err(|e| e.message());
//! assert_eq!(incoming.map(|i| i.snapshot.tasks.len()), Ok(1));
//! # Ok::<(), luoshi::ledger::LedgerError>(())
//! ```

use crate::document::{Document, TaskNumber};
use crate::ledger::{format_number, Change, ReportField};
use crate::period::{instant_millis, Period};
use crate::snapshot::{import, Coverage, ImportError, Incoming, Snapshot};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// The fragment prefix.
pub const PREFIX: &str = "#s=";
/// Links longer than this are flagged `too_long_for_chat`. 2 000 characters is the classic safe
/// URL length (old IE stopped at 2 083; chat apps and SMS gateways tend to cut or refuse longer
/// links, and WeChat folds long text), so longer ones should be sent as a file instead.
pub const CHAT_LIMIT: usize = 2000;
/// Largest JSON a link may inflate to. A link is at most a few hundred KB of text; 4 MB leaves room
/// while a deflate bomb (1 000:1) stops early.
pub const MAX_DECODED_BYTES: usize = 4 * 1024 * 1024;
/// Largest fragment accepted before decoding anything.
pub const MAX_FRAGMENT_CHARS: usize = 2 * 1024 * 1024;
/// The name import messages use for a link's content.
pub const LINK_NAME: &str = "分享链接";
/// The densest QR code offered (117 × 117 modules, at most 1 273 bytes at low error correction):
/// see the module docs for the sizes it scans at.
pub const MAX_QR_VERSION: u8 = 25;
/// Byte capacity of a version-[`MAX_QR_VERSION`] code at low error correction.
pub const QR_MAX_BYTES: usize = 1273;

/// Why this page cannot make a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkUnavailable {
    /// Opened from a file (`file://`, the single-file edition): nobody else can open that address.
    FileEdition,
}

impl LinkUnavailable {
    pub fn message(self) -> &'static str {
        match self {
            LinkUnavailable::FileEdition => {
                "分享链接需要网页版（通过网址打开的落实）：单文件版的地址只在本机有效，对方无法打开。请改用“导出”下载文件发送给对方。"
            }
        }
    }
}

/// The address a link points at, from the page's address: without fragment, and with only the
/// `doc=` parameter of the query (which document to open); `file:` and other non-web addresses
/// cannot be shared.
pub fn link_base(page_address: &str) -> Result<String, LinkUnavailable> {
    let address = page_address.split('#').next().unwrap_or_default().trim();
    let scheme = address
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(LinkUnavailable::FileEdition);
    }
    let (path, query) = address.split_once('?').unwrap_or((address, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| pair.split('=').next() == Some("doc"))
        .take(1)
        .collect();
    Ok(if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareLink {
    /// `base_url` + `#s=…`.
    pub url: String,
    /// `#s=…` alone.
    pub fragment: String,
    /// Characters in `url`.
    pub length: usize,
    /// `length > CHAT_LIMIT`: offer a file instead.
    pub too_long_for_chat: bool,
    /// A QR code of `url` as an SVG document, when the link fits in one.
    pub qr_svg: Option<String>,
}

/// A link to `base_url` (the app's address without a fragment) carrying `snapshot`. Use
/// [`Snapshot::for_link`] first to leave out what the receiver's document already says.
pub fn share_link(base_url: &str, snapshot: &Snapshot) -> ShareLink {
    let fragment = encode_fragment(snapshot);
    let base = base_url.split('#').next().unwrap_or(base_url);
    let url = format!("{base}{fragment}");
    let length = url.chars().count();
    ShareLink {
        qr_svg: qr_svg(&url),
        too_long_for_chat: length > CHAT_LIMIT,
        length,
        fragment,
        url,
    }
}

/// `#s=` + base64url(deflate(compact JSON)) of the snapshot as a link carries it ([`link_json`]).
pub fn encode_fragment(snapshot: &Snapshot) -> String {
    let json = link_json(snapshot);
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("{PREFIX}{}", base64url_encode(&compressed))
}

/// Why a link could not be opened. `message()` is the Chinese sentence to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ShareError {
    /// No `#s=` part: not a share link.
    NotALink,
    /// The fragment is longer than [`MAX_FRAGMENT_CHARS`].
    TooLong { chars: usize },
    /// Characters outside base64url, or a length no encoder produces (a mangled copy).
    BadEncoding,
    /// The compressed data is cut short or damaged.
    Damaged,
    /// Inflates beyond [`MAX_DECODED_BYTES`].
    TooLarge,
    /// Decoded fine, but the snapshot inside was refused.
    Import { error: ImportError },
}

impl ShareError {
    pub fn message(&self) -> String {
        match self {
            ShareError::NotALink => "这不是落实的分享链接".to_string(),
            ShareError::TooLong { .. } => "分享链接过长，请改用导出文件".to_string(),
            ShareError::BadEncoding => {
                "分享链接已损坏（含有无法识别的字符，可能复制不完整或被改动）".to_string()
            }
            ShareError::Damaged => "分享链接不完整或已损坏，请让对方重新发送".to_string(),
            ShareError::TooLarge => format!(
                "分享链接的内容解压后超过 {} MB，已拒绝打开",
                MAX_DECODED_BYTES / (1024 * 1024)
            ),
            ShareError::Import { error } => error.message(),
        }
    }
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ShareError {}

/// Read a link (a whole URL, or just its fragment) as an import of `current_doc`.
pub fn decode_link(link: &str, current_doc: &Document) -> Result<Incoming, ShareError> {
    let json = restore_link_defaults(&decode_payload(link)?);
    import(LINK_NAME, &json, current_doc).map_err(|error| ShareError::Import { error })
}

/// [`decode_link`] as the web app runs it (issue 19: the field-checked reader is in its lazily
/// loaded module): the payload decoded and read by the one-pass reader
/// (`snapshot::import_one_pass`); `Ok(Err(json))` when that reader does not accept it, with the
/// snapshot JSON for the worker (`offload::CheckedRead`), whose answer is `decode_link`'s.
pub fn decode_link_one_pass(
    link: &str,
    current_doc: &Document,
) -> Result<Result<Incoming, Vec<u8>>, ShareError> {
    let json = restore_link_defaults(&decode_payload(link)?);
    Ok(crate::snapshot::import_one_pass(LINK_NAME, &json, current_doc).ok_or(json))
}

/// The compact JSON a link carries: [`Snapshot::for_link`], the view's task list narrowed to the
/// tasks carried and its query dropped, each field's history cut to its latest change, and empty or
/// default values left out of tasks and annotations (a snapshot file keeps them all).
pub fn link_json(snapshot: &Snapshot) -> String {
    let mut snapshot = snapshot.for_link();
    let carried: Vec<TaskNumber> = snapshot.tasks.iter().map(|t| t.number).collect();
    if let Coverage::View { query, tasks } = &mut snapshot.scope {
        query.clear();
        *tasks = carried;
    }
    for task in &mut snapshot.tasks {
        task.annotation.history = latest_per_field(&task.annotation.history);
    }
    let mut value = serde_json::to_value(&snapshot).unwrap_or(Value::Null);
    if let Some(tasks) = value.get_mut("tasks").and_then(Value::as_array_mut) {
        for task in tasks.iter_mut().filter_map(Value::as_object_mut) {
            prune_empty(task, &["annotation"]);
            if let Some(annotation) = task.get_mut("annotation").and_then(Value::as_object_mut) {
                prune_empty(annotation, &["history"]);
                if let Some(reports) = annotation.get_mut("reports").and_then(Value::as_object_mut)
                {
                    for report in reports.values_mut().filter_map(Value::as_object_mut) {
                        prune_empty(report, &[]);
                    }
                }
            }
        }
    }
    serde_json::to_string(&value).unwrap_or_else(|_| "{}".into())
}

/// Per field, the latest change (by instant, then history order), in history order.
fn latest_per_field(history: &[Change]) -> Vec<Change> {
    let mut latest: BTreeMap<&str, (Option<i64>, usize)> = BTreeMap::new();
    for (index, change) in history.iter().enumerate() {
        let key = (instant_millis(&change.at), index);
        let slot = latest.entry(change.field.as_str()).or_insert(key);
        if key >= *slot {
            *slot = key;
        }
    }
    let keep: Vec<usize> = {
        let mut keep: Vec<usize> = latest.values().map(|(_, index)| *index).collect();
        crate::sorting::sort(&mut keep);
        keep
    };
    keep.into_iter()
        .map(|index| history[index].clone())
        .collect()
}

/// Drop keys whose value is empty (`""`, `[]`, `{}`), `false` or `null`, except those in `keep`.
/// Only for types that read missing keys as their defaults.
fn prune_empty(object: &mut Map<String, Value>, keep: &[&str]) {
    object.retain(|key, value| {
        keep.contains(&key.as_str())
            || !matches!(value, Value::Null | Value::Bool(false))
                && !value.as_str().is_some_and(str::is_empty)
                && !value.as_array().is_some_and(Vec::is_empty)
                && !value.as_object().is_some_and(Map::is_empty)
    });
}

/// Put back what [`link_json`] left out of each task, so the payload reads as a snapshot file.
/// Bytes that are not a JSON object pass through untouched (the import explains what is wrong).
fn restore_link_defaults(json: &[u8]) -> Vec<u8> {
    let Ok(mut value) = serde_json::from_slice::<Value>(json) else {
        return json.to_vec();
    };
    let Some(tasks) = value.get_mut("tasks").and_then(Value::as_array_mut) else {
        return json.to_vec();
    };
    for task in tasks.iter_mut().filter_map(Value::as_object_mut) {
        for (key, default) in [
            ("section", Value::from(0)),
            ("title", Value::from("")),
            ("text", Value::from("")),
            ("lead_units", Value::Array(Vec::new())),
            ("participating_units", Value::Array(Vec::new())),
            ("targets", Value::Array(Vec::new())),
            ("annotation", Value::Object(Map::new())),
        ] {
            task.entry(key).or_insert(default);
        }
    }
    serde_json::to_vec(&value).unwrap_or_else(|_| json.to_vec())
}

/// What a shared task says, for the read-only view before merging.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedEntry {
    pub task: TaskNumber,
    /// The receiver's document's title for the task.
    pub title: String,
    /// 序时推进, 其他：…
    pub status: String,
    pub progress: u8,
    /// Reports, oldest period first: the period's label and its non-empty fields (label, text).
    pub reports: Vec<(String, Vec<(&'static str, String)>)>,
    /// Targets with an actual value: the target's text and the actual (with its unit).
    pub actuals: Vec<(String, String)>,
}

/// The shared tasks' entries, in document order, judged against the receiver's document.
pub fn shared_entries(incoming: &Incoming, document: &Document) -> Vec<SharedEntry> {
    incoming
        .snapshot
        .annotations()
        .map(|(number, annotation)| {
            let task = document.task(number);
            let parsed = task.map(|t| t.targets.as_slice()).unwrap_or_default();
            let reports = annotation
                .reports_in_order()
                .into_iter()
                .filter(|(_, report)| !report.is_empty())
                .map(|(period, report)| {
                    let fields = ReportField::ALL
                        .into_iter()
                        .filter(|field| !report.get(*field).is_empty())
                        .map(|field| (field.label(), report.get(field).to_string()))
                        .collect();
                    (Period::label(period), fields)
                })
                .collect();
            let actuals = annotation
                .target_views(parsed)
                .into_iter()
                .filter(|view| !view.hidden)
                .filter_map(|view| {
                    let actual = view.actual?;
                    let unit = view.unit.clone().unwrap_or_default();
                    Some((
                        view.text.clone(),
                        format!("{}{unit}", format_number(actual)),
                    ))
                })
                .collect();
            SharedEntry {
                task: number,
                title: task.map(|t| t.title.clone()).unwrap_or_default(),
                status: annotation.status.describe(),
                progress: annotation.progress,
                reports,
                actuals,
            }
        })
        .collect()
}

/// The JSON bytes inside a link, without checking them as a snapshot.
pub fn decode_payload(link: &str) -> Result<Vec<u8>, ShareError> {
    let start = link.find(PREFIX).ok_or(ShareError::NotALink)?;
    let encoded = link[start + PREFIX.len()..].trim();
    // Chat apps sometimes append punctuation or a second fragment-like part; stop at it.
    let encoded = encoded.split(['&', '#']).next().unwrap_or(encoded);
    if encoded.len() > MAX_FRAGMENT_CHARS {
        return Err(ShareError::TooLong {
            chars: encoded.len(),
        });
    }
    let compressed = base64url_decode(encoded).ok_or(ShareError::BadEncoding)?;
    miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_DECODED_BYTES).map_err(
        |e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
            _ => ShareError::Damaged,
        },
    )
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648 §5 base64url, without `=` padding.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let symbols = chunk.len() + 1;
        for i in 0..symbols {
            let index = (n >> (18 - 6 * i)) & 0x3f;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
    out
}

/// The inverse of [`base64url_encode`]. Also accepts `=` padding and the standard alphabet's `+`
/// and `/` (some apps rewrite links). `None` for any other character or an impossible length.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0u32;
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// The link as a QR code, when it fits in one of at most [`MAX_QR_VERSION`].
pub fn qr_code(url: &str) -> Option<qrcodegen::QrCode> {
    if url.len() > QR_MAX_BYTES {
        return None;
    }
    let segments = [qrcodegen::QrSegment::make_bytes(url.as_bytes())];
    qrcodegen::QrCode::encode_segments_advanced(
        &segments,
        qrcodegen::QrCodeEcc::Low,
        qrcodegen::Version::MIN,
        qrcodegen::Version::new(MAX_QR_VERSION),
        None,
        // A higher error correction where it fits in the same size: more robust for free.
        true,
    )
    .ok()
}

/// The link as a QR code (SVG, 4-module quiet zone), or `None` when it is too long to scan.
pub fn qr_svg(url: &str) -> Option<String> {
    qr_code(url).map(|qr| svg_of(&qr, 4))
}

fn svg_of(qr: &qrcodegen::QrCode, border: i32) -> String {
    let size = qr.size();
    let dimension = size + border * 2;
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                if !path.is_empty() {
                    path.push(' ');
                }
                path.push_str(&format!("M{},{}h1v1h-1z", x + border, y + border));
            }
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 {dimension} {dimension}\" \
         stroke=\"none\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"分享链接二维码\">\
         <rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\
         <path d=\"{path}\" fill=\"#000000\"/></svg>"
    )
}
