//! A small pull tokenizer for XML (OOXML parts) and, leniently, HTML: start/end tags with
//! attributes, text with entities decoded (named, decimal, hex). Comments, processing
//! instructions and declarations are skipped; CDATA is text. It never fails: malformed markup
//! becomes text or is skipped, so any input gives some tokens in linear time.

use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq)]
pub enum Token<'a> {
    /// `<name attrs>` or, with `empty`, `<name attrs/>` (no End follows an empty tag).
    Start(Tag<'a>),
    /// `</name>`.
    End(&'a str),
    /// Character data, entities decoded.
    Text(Cow<'a, str>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tag<'a> {
    /// The qualified name as written, e.g. `w:p`.
    pub name: &'a str,
    attrs: &'a str,
    pub empty: bool,
}

/// The name without its namespace prefix: `w:p` → `p`.
pub fn local_name(name: &str) -> &str {
    match name.rfind(':') {
        Some(at) => &name[at + 1..],
        None => name,
    }
}

impl<'a> Tag<'a> {
    pub fn local(&self) -> &'a str {
        local_name(self.name)
    }

    /// Whether this tag's local name is `name` (ASCII case-insensitive, for HTML).
    pub fn is(&self, name: &str) -> bool {
        self.local().eq_ignore_ascii_case(name)
    }

    /// The value of the attribute whose qualified or local name is `name` (ASCII
    /// case-insensitive), entities decoded.
    pub fn attr(&self, name: &str) -> Option<Cow<'a, str>> {
        let mut rest = self.attrs;
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() {
                return None;
            }
            let name_end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
                .unwrap_or(rest.len());
            let attr_name = &rest[..name_end];
            rest = rest[name_end..].trim_start();
            let value = if let Some(after) = rest.strip_prefix('=') {
                let after = after.trim_start();
                match after.chars().next() {
                    Some(quote @ ('"' | '\'')) => {
                        let body = &after[1..];
                        let end = body.find(quote).unwrap_or(body.len());
                        rest = body.get(end + 1..).unwrap_or("");
                        &body[..end]
                    }
                    _ => {
                        let end = after.find(char::is_whitespace).unwrap_or(after.len());
                        rest = &after[end..];
                        &after[..end]
                    }
                }
            } else {
                ""
            };
            if attr_name.eq_ignore_ascii_case(name)
                || local_name(attr_name).eq_ignore_ascii_case(name)
            {
                return Some(decode_entities(value));
            }
            if attr_name.is_empty() {
                // A stray '=' or quote: skip one character so the loop always advances.
                let mut chars = rest.chars();
                chars.next();
                rest = chars.as_str();
            }
        }
    }
}

/// The tokenizer: an iterator of tokens over a borrowed string.
pub struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Tokenizer<'a> {
    pub fn new(src: &'a str) -> Tokenizer<'a> {
        let src = src.strip_prefix('\u{feff}').unwrap_or(src);
        Tokenizer { src, pos: 0 }
    }

    /// Skip raw text up to the end tag `</name` (HTML `script`/`style`), never reading it as
    /// markup. ASCII case-insensitive.
    pub fn skip_raw_text(&mut self, name: &str) {
        let rest = &self.src.as_bytes()[self.pos..];
        let needle = name.as_bytes();
        let mut at = 0;
        while at + 2 + needle.len() <= rest.len() {
            if rest[at] == b'<'
                && rest[at + 1] == b'/'
                && rest[at + 2..at + 2 + needle.len()].eq_ignore_ascii_case(needle)
            {
                self.pos += at;
                return;
            }
            at += 1;
        }
        self.pos = self.src.len();
    }

    fn skip_past(&mut self, from: usize, terminator: &str) {
        self.pos = match self.src[from..].find(terminator) {
            Some(at) => from + at + terminator.len(),
            None => self.src.len(),
        };
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = &self.src[self.pos..];
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.pos += end;
                return Some(Token::Text(decode_entities(&rest[..end])));
            }
            let start = self.pos;
            if rest.starts_with("<!--") {
                self.skip_past(start + 4, "-->");
                continue;
            }
            if let Some(body) = rest.strip_prefix("<![CDATA[") {
                let end = body.find("]]>").unwrap_or(body.len());
                self.pos = (start + 9 + end + 3).min(self.src.len());
                return Some(Token::Text(Cow::Borrowed(&body[..end])));
            }
            if rest.starts_with("<?") {
                self.skip_past(start + 2, ">");
                continue;
            }
            if rest.starts_with("<!") {
                // A declaration (DOCTYPE, possibly with an internal subset in brackets) or
                // Word's `<![if !supportLists]>`: skipped, its text is not content.
                let bracket = rest.find('[');
                let close = rest.find('>');
                match (bracket, close) {
                    (Some(b), Some(c)) if b < c && rest.starts_with("<!DOCTYPE") => {
                        self.skip_past(start + b, "]");
                        self.skip_past(self.pos, ">");
                    }
                    _ => self.skip_past(start + 2, ">"),
                }
                continue;
            }
            let closing = rest.starts_with("</");
            let name_start = if closing { 2 } else { 1 };
            let name_len = rest[name_start..]
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(rest.len() - name_start);
            let name = &rest[name_start..name_start + name_len];
            let valid_name = name
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_' || c == ':');
            if !valid_name {
                // A lone '<' (e.g. "a < b" in HTML): text.
                self.pos += 1;
                return Some(Token::Text(Cow::Borrowed("<")));
            }
            let after_name = &rest[name_start + name_len..];
            let tag_end = find_tag_end(after_name);
            let (inner, consumed) = match tag_end {
                Some(at) => (&after_name[..at], name_start + name_len + at + 1),
                None => (after_name, rest.len()),
            };
            self.pos += consumed;
            if closing {
                return Some(Token::End(name));
            }
            let empty = inner.trim_end().ends_with('/');
            return Some(Token::Start(Tag {
                name,
                attrs: inner,
                empty,
            }));
        }
    }
}

/// The '>' that ends a tag, skipping quoted attribute values.
fn find_tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (at, &byte) in s.as_bytes().iter().enumerate() {
        match quote {
            Some(q) if byte == q => quote = None,
            Some(_) => {}
            None if byte == b'"' || byte == b'\'' => quote = Some(byte),
            None if byte == b'>' => return Some(at),
            None => {}
        }
    }
    None
}

/// Decode `&name;`, `&#123;` and `&#x1F;`. Unknown or malformed references stay as written.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // Entity names are short; look for ';' within a few characters only (linear time).
        let window = rest.char_indices().take(12).find(|&(_, c)| c == ';');
        let decoded = window.and_then(|(semi, _)| {
            let body = &rest[1..semi];
            entity(body).map(|c| (c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn entity(body: &str) -> Option<char> {
    if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match body {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "middot" => '·',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "times" => '×',
        "divide" => '÷',
        "deg" => '°',
        "plusmn" => '±',
        "copy" => '©',
        "reg" => '®',
        "sect" => '§',
        "bull" => '•',
        "permil" => '‰',
        "yen" => '¥',
        "laquo" => '«',
        "raquo" => '»',
        _ => return None,
    })
}
