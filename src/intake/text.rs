//! Plain text files: the encoding (UTF-8 with or without BOM, UTF-16 LE/BE with a BOM or
//! detected, else GB18030 — decoded by the caller, in the browser by `TextDecoder`), and CSV.

/// What the bytes of a text file are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    Text(String),
    /// Not UTF-8 nor UTF-16: Chinese Windows text, GB18030 (a superset of GBK and GB2312).
    Gb18030,
}

pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return Decoded::Text(String::from_utf8_lossy(rest).into_owned());
    }
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        return Decoded::Text(utf16(rest, false));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        return Decoded::Text(utf16(rest, true));
    }
    let zeros = bytes.iter().filter(|&&b| b == 0).count();
    // UTF-16 of ASCII is valid UTF-8 full of NULs, so look for UTF-16 first when NULs abound;
    // Chinese UTF-16 has few NULs but is almost never valid UTF-8.
    if zeros * 10 > bytes.len() || std::str::from_utf8(bytes).is_err() {
        if let Some(big_endian) = utf16_guess(bytes) {
            return Decoded::Text(utf16(bytes, big_endian));
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded::Text(text.to_string()),
        Err(_) => Decoded::Gb18030,
    }
}

fn units(bytes: &[u8], big_endian: bool) -> impl Iterator<Item = u16> + '_ {
    bytes.chunks_exact(2).map(move |pair| {
        if big_endian {
            u16::from_be_bytes([pair[0], pair[1]])
        } else {
            u16::from_le_bytes([pair[0], pair[1]])
        }
    })
}

fn utf16(bytes: &[u8], big_endian: bool) -> String {
    char::decode_utf16(units(bytes, big_endian))
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// Text of a Chinese document: ASCII, CJK ideographs and punctuation, full-width forms.
fn plausible(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~'
        | '\u{a0}'..='\u{ff}' | '\u{2000}'..='\u{206f}' | '\u{2460}'..='\u{24ff}'
        | '\u{2500}'..='\u{25ff}' | '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// Whether the bytes read as UTF-16 text (and in which byte order): even length, no broken
/// surrogates, and nearly every character plausible in a Chinese document.
fn utf16_guess(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let score = |big_endian: bool| -> usize {
        let mut total = 0usize;
        let mut good = 0usize;
        for c in char::decode_utf16(units(bytes, big_endian)) {
            total += 1;
            match c {
                Ok(c) if plausible(c) => good += 1,
                Ok(_) => {}
                Err(_) => return 0,
            }
        }
        // At least 95 % plausible.
        if good * 20 >= total * 19 {
            good
        } else {
            0
        }
    };
    let (little, big) = (score(false), score(true));
    match (little, big) {
        (0, 0) => None,
        _ => Some(big > little),
    }
}

/// RFC 4180 CSV (also LF or CR line ends, a trailing line without an end) → rows of cells.
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' if cell.is_empty() => quoted = true,
            ',' => row.push(std::mem::take(&mut cell)),
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                any = false;
            }
            _ => cell.push(c),
        }
    }
    if any {
        row.push(cell);
        rows.push(row);
    }
    rows
}
