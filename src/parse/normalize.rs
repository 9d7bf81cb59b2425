//! Unit names as they are compared and shown: invisible characters that make look-alike names
//! (bidi controls U+202A–202E and U+2066–2069, zero-width U+200B–200D, U+2060, U+FEFF) are removed,
//! and full-width ASCII letters and digits (Ａ１) become half-width. That is the part of NFKC that is
//! safe for Chinese names; brackets and punctuation are kept as written (a small table, no Unicode
//! crate). A changed name is reported in the document's warnings.

/// Invisible format characters that never belong in a name.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200d}' | '\u{202a}'..='\u{202e}' | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{feff}'
    )
}

/// Full-width ASCII letter or digit to its half-width form.
fn narrow(c: char) -> char {
    match c {
        'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '０'..='９' => {
            char::from_u32(c as u32 - 0xfee0).unwrap_or(c)
        }
        _ => c,
    }
}

/// The normalised name, or None when it is already normal.
pub(super) fn name(text: &str) -> Option<String> {
    let changes = text.chars().any(|c| invisible(c) || narrow(c) != c);
    changes.then(|| {
        text.chars()
            .filter(|c| !invisible(*c))
            .map(narrow)
            .collect::<String>()
            .trim()
            .to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_and_zero_width_go_full_width_narrows() {
        assert_eq!(
            name("区\u{202e}局改发\u{202c}").as_deref(),
            Some("区局改发")
        );
        assert_eq!(name("区\u{200b}发改局").as_deref(), Some("区发改局"));
        assert_eq!(name("第５中学").as_deref(), Some("第5中学"));
        assert_eq!(name("区发改局"), None);
        assert_eq!(name("各街办（新区）"), None);
    }
}
