//! Parser: document text → `Document` plus warnings. Never panics. (Stub until the parser lands.)

use crate::document::Document;

pub fn parse(text: &str) -> Document {
    Document { fingerprint: crate::fingerprint::fingerprint(text), ..Document::default() }
}
