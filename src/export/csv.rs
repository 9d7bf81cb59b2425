//! CSV 台账: UTF-8 with a BOM (so Excel on Windows reads the Chinese), RFC 4180 quoting, CRLF.

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

/// Quote a field when it holds a comma, quote or line break (RFC 4180 §2.6), doubling quotes.
/// Leading/trailing spaces are quoted too, since some readers trim unquoted fields.
fn push_field(out: &mut String, field: &str) {
    let guarded;
    let field = if starts_like_formula(field) {
        guarded = format!("'{field}");
        guarded.as_str()
    } else {
        field
    };
    let needs_quotes =
        field.contains([',', '"', '\n', '\r']) || field.starts_with(' ') || field.ends_with(' ');
    if needs_quotes {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula; report text typed by
/// people must stay text, so such a cell gets a leading apostrophe (numbers like -5 stay as they are).
fn starts_like_formula(field: &str) -> bool {
    let mut chars = field.chars();
    match chars.next() {
        Some('=' | '@') => true,
        Some('+' | '-') => !chars.next().is_some_and(|c| c.is_ascii_digit() || c == '.'),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::push_field;

    fn quoted(field: &str) -> String {
        let mut out = String::new();
        push_field(&mut out, field);
        out
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(quoted("plain 文字"), "plain 文字");
        assert_eq!(quoted("a,b"), "\"a,b\"");
        assert_eq!(quoted("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quoted("two\nlines"), "\"two\nlines\"");
        assert_eq!(quoted("cr\r"), "\"cr\r\"");
        assert_eq!(quoted(""), "");
        assert_eq!(quoted("=1+1"), "'=1+1");
        assert_eq!(quoted("-5%"), "-5%");
        assert_eq!(quoted("@SUM(A1)"), "'@SUM(A1)");
    }
}
