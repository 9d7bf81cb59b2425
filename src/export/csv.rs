//! CSV 台账: UTF-8 with a BOM (so Excel on Windows reads the Chinese), RFC 4180 quoting, CRLF.
//! Every text cell is neutralised for spreadsheets (OWASP CSV injection rule) and loses its C0
//! control characters, as the XLSX writer drops them.

use super::ReportSheet;

/// The sheet as CSV bytes: a header row, then one row per task.
pub fn to_csv(sheet: &ReportSheet<'_>) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}");
    push_record(&mut out, sheet.columns().into_iter());
    for row in sheet.rows() {
        push_record(&mut out, row.cells.iter().map(String::as_str));
    }
    out.into_bytes()
}

fn push_record<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, field);
    }
    out.push_str("\r\n");
}

/// One cell as written: control characters dropped (line breaks and tabs inside the text stay),
/// a leading apostrophe when a spreadsheet would read it as a formula, quoted when it holds a
/// comma, quote or line break (RFC 4180 §2.6, quotes doubled). Leading/trailing spaces are quoted
/// too, since some readers trim unquoted fields.
pub fn cell(field: &str) -> String {
    let mut text: String = field.chars().filter(|c| !is_dropped_control(*c)).collect();
    if starts_like_formula(&text) {
        text.insert(0, '\'');
    }
    let needs_quotes =
        text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn push_field(out: &mut String, field: &str) {
    out.push_str(&cell(field));
}

/// C0 controls (NUL included) and DEL, except tab and line breaks, which are part of typed text.
fn is_dropped_control(c: char) -> bool {
    (c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7F}'
}

/// The characters a spreadsheet may take as the start of a formula (OWASP: `= + - @`, tab and CR;
/// Excel also accepts the full-width forms).
pub const FORMULA_STARTS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// A text cell that starts with a formula character gets the protective apostrophe; a real number
/// (`-5`, `+3.5`, `-12%`) stays a number, since nothing in it can run.
fn starts_like_formula(field: &str) -> bool {
    field.starts_with(FORMULA_STARTS) && !is_plain_number(field)
}

/// `[+-]digits[.digits][%]`: a figure a spreadsheet reads as a number and nothing else.
pub fn is_plain_number(field: &str) -> bool {
    let body = field.strip_prefix(['+', '-']).unwrap_or(field);
    let body = body.strip_suffix('%').unwrap_or(body);
    let mut parts = body.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && parts.next().is_none_or(digits)
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(cell("plain 文字"), "plain 文字");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("cr\r"), "\"cr\r\"");
        assert_eq!(cell(""), "");
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("-5%"), "-5%");
        assert_eq!(cell("-5"), "-5");
        assert_eq!(cell("+3.5"), "+3.5");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("+1+cmd|' /C calc'!A0"), "'+1+cmd|' /C calc'!A0");
        assert_eq!(cell("-1+2"), "'-1+2");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\rx"), "\"'\rx\"");
        assert_eq!(cell("＝1+1"), "'＝1+1");
        assert_eq!(cell("－5"), "'－5");
        assert_eq!(cell("a\0b\u{1}c\u{7f}"), "abc");
        assert_eq!(cell("\0=1"), "'=1");
    }
}
