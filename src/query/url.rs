//! `Query` ↔ URL query string, so a view can be bookmarked and shared. Hand-written: UTF-8
//! percent-encoding is a few lines and the `url` crate would cost wasm size for nothing else.
//!
//! Parameters (stable; defaults are omitted, so the default query is the empty string):
//! `q` text · `section=1,3` · `unit=区科技局,区财政局` · `role=lead|participate` · `leader=张三,李四` ·
//! `status=behind,not_started` · `targets=1|0` · `report=1|0` · `report_period=2023Q2` ·
//! `light=red,none` · `supervised=1|0` · `mine=1` · `sort=section|status|updated`. The page's
//! parameters (`task`, `view`, `period`, `scope`) and `doc` are `crate::route`'s, printed after
//! these. Unknown parameters and unreadable values are ignored.

use super::{LightBucket, Query, Role, Sort, StatusKind};
use crate::period::Period;

impl Query {
    /// Encode without a leading `?`.
    pub fn to_query_string(&self) -> String {
        let mut params: Vec<(&str, String)> = Vec::new();
        if !self.text.is_empty() {
            params.push(("q", encode(&self.text)));
        }
        if !self.sections.is_empty() {
            params.push(("section", join(self.sections.iter().map(|n| n.to_string()))));
        }
        if !self.units.is_empty() {
            // Commas inside a name are percent-encoded, so a literal comma always separates.
            params.push(("unit", join(self.units.iter().map(|u| encode(u)))));
        }
        if self.role != Role::default() {
            params.push(("role", self.role.as_param().to_string()));
        }
        if !self.leaders.is_empty() {
            params.push(("leader", join(self.leaders.iter().map(|l| encode(l)))));
        }
        if !self.statuses.is_empty() {
            params.push((
                "status",
                join(self.statuses.iter().map(|s| s.as_param().to_string())),
            ));
        }
        if let Some(flag) = self.has_targets {
            params.push(("targets", bit(flag)));
        }
        if let Some(flag) = self.has_report {
            params.push(("report", bit(flag)));
        }
        if let Some(period) = self.report_period {
            params.push(("report_period", period.id()));
        }
        if !self.lights.is_empty() {
            params.push((
                "light",
                join(self.lights.iter().map(|l| l.key().to_string())),
            ));
        }
        if let Some(flag) = self.supervised {
            params.push(("supervised", bit(flag)));
        }
        if self.mine {
            params.push(("mine", "1".to_string()));
        }
        if self.sort != Sort::default() {
            params.push(("sort", self.sort.as_param().to_string()));
        }
        join_with(
            params
                .into_iter()
                .map(|(name, value)| format!("{name}={value}")),
            "&",
        )
    }

    /// Decode a query string (with or without a leading `?`). Never fails: what cannot be read
    /// is left at its default, repeated list parameters add up, a repeated scalar keeps the last.
    pub fn from_query_string(input: &str) -> Query {
        let mut query = Query::default();
        for (name, raw) in pairs(input) {
            match name {
                "q" => {
                    if let Some(text) = decode(raw) {
                        query.text = text;
                    }
                }
                "section" => query
                    .sections
                    .extend(list(raw).filter_map(|v| v.trim().parse::<u32>().ok())),
                "unit" => query
                    .units
                    .extend(list(raw).filter(|name| !name.is_empty())),
                "leader" => query
                    .leaders
                    .extend(list(raw).filter(|name| !name.is_empty())),
                "role" => {
                    if let Some(role) = decode(raw).and_then(|v| Role::from_param(&v)) {
                        query.role = role;
                    }
                }
                "status" => query
                    .statuses
                    .extend(list(raw).filter_map(|v| StatusKind::from_param(v.trim()))),
                "targets" => {
                    if let Some(flag) = parse_bit(raw) {
                        query.has_targets = Some(flag);
                    }
                }
                "report" => {
                    if let Some(flag) = parse_bit(raw) {
                        query.has_report = Some(flag);
                    }
                }
                "report_period" => {
                    if let Some(period) = decode(raw).and_then(|v| Period::parse(v.trim())) {
                        query.report_period = Some(period);
                    }
                }
                "light" => query
                    .lights
                    .extend(list(raw).filter_map(|v| LightBucket::from_param(v.trim()))),
                "supervised" => {
                    if let Some(flag) = parse_bit(raw) {
                        query.supervised = Some(flag);
                    }
                }
                "mine" => {
                    if let Some(flag) = parse_bit(raw) {
                        query.mine = flag;
                    }
                }
                "sort" => {
                    if let Some(sort) = decode(raw).and_then(|v| Sort::from_param(&v)) {
                        query.sort = sort;
                    }
                }
                _ => {}
            }
        }
        query
    }
}

/// The query string's `name=value` pairs, each split at its first `=` (a bare `name` has an empty
/// value), values left encoded.
pub fn pairs(input: &str) -> impl Iterator<Item = (&str, &str)> {
    input
        .strip_prefix('?')
        .unwrap_or(input)
        .split('&')
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
}

fn bit(flag: bool) -> String {
    if flag { "1" } else { "0" }.to_string()
}

fn parse_bit(raw: &str) -> Option<bool> {
    match decode(raw)?.as_str() {
        "1" | "true" => Some(true),
        "0" | "false" => Some(false),
        _ => None,
    }
}

fn join(items: impl Iterator<Item = String>) -> String {
    join_with(items, ",")
}

fn join_with(items: impl Iterator<Item = String>, separator: &str) -> String {
    items.collect::<Vec<_>>().join(separator)
}

/// Split a raw list value on literal commas, then decode each item; unreadable items are dropped.
fn list(raw: &str) -> impl Iterator<Item = String> + '_ {
    raw.split(',')
        .filter_map(decode)
        .filter(|item| !item.is_empty())
}

/// Percent-encode UTF-8, keeping only RFC 3986 unreserved characters as they are.
pub fn encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len() * 3);
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
    out
}

/// Percent-decode; `+` is a space (form encoding, as browsers and yew-router write it).
/// None for a broken escape or bytes that are not UTF-8.
pub fn decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let high = bytes.get(i + 1).and_then(|&b| char::from(b).to_digit(16))?;
                let low = bytes.get(i + 2).and_then(|&b| char::from(b).to_digit(16))?;
                out.push(u8::try_from(high * 16 + low).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}
