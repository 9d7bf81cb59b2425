//! Share links: a snapshot carried in a URL fragment (`#s=…`), so a colleague can open the same
//! annotations without a file. Compact JSON → raw deflate → base64url without padding. Decoding
//! caps the inflated size (a small link must not expand into gigabytes) and then runs the same
//! checks as a file import.
//!
//! ```
//! use luoshi::ledger::{Action, Ledger};
//! use luoshi::share::{decode_link, share_link};
//! use luoshi::snapshot::{export, Scope};
//!
//! let doc = luoshi::seed_document();
//! let mut ledger = Ledger::new(doc.fingerprint.clone());
//! ledger.apply(Action::SetProgress { task: 3, progress: 40 }, "2023-07-01T09:00:00+08:00")?;
//! let view = Scope::View { query: "q=实验室".into(), tasks: vec![1, 2, 3] };
//! let snapshot = export(&doc, &ledger, view, "2023-07-01T10:00:00+08:00").for_link();
//! let link = share_link("https://example.gov.cn/luoshi/", &snapshot);
//! assert!(link.fragment.starts_with("#s=") && !link.too_long_for_chat && link.qr_svg.is_some());
//! // The receiving app reads `location.hash` and imports it like a file.
//! let incoming = decode_link(&link.fragment, &doc).map_err(|e| e.message());
//! assert_eq!(incoming.map(|i| i.snapshot.tasks.len()), Ok(1));
//! # Ok::<(), luoshi::ledger::LedgerError>(())
//! ```

use crate::document::Document;
use crate::snapshot::{import, ImportError, Incoming, Snapshot};
use serde::{Deserialize, Serialize};
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
/// Byte capacity of the largest QR code (version 40, low error correction).
pub const QR_MAX_BYTES: usize = 2953;

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

/// `#s=` + base64url(deflate(compact JSON)).
pub fn encode_fragment(snapshot: &Snapshot) -> String {
    let json = snapshot.to_compact_json();
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
    let json = decode_payload(link)?;
    import(LINK_NAME, &json, current_doc).map_err(|error| ShareError::Import { error })
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

/// The link as a QR code (SVG, 4-module quiet zone), or `None` when it is too long for one.
pub fn qr_svg(url: &str) -> Option<String> {
    if url.len() > QR_MAX_BYTES {
        return None;
    }
    let qr = qrcodegen::QrCode::encode_text(url, qrcodegen::QrCodeEcc::Low).ok()?;
    Some(svg_of(&qr, 4))
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
         stroke=\"none\" role=\"img\" aria-label=\"分享链接二维码\">\
         <rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\
         <path d=\"{path}\" fill=\"#000000\"/></svg>"
    )
}
