//! The HTML reader (a saved web page or the clipboard's text/html flavour): block elements and
//! `<br>` end lines; tables keep their rows and cells with rowspan/colspan. Scripts and styles are
//! skipped as text — nothing is ever executed or fetched.

use super::table::TextBuilder;
use super::xml::{local_name, Token, Tokenizer};

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "blockquote",
    "pre",
    "address",
    "hr",
    "form",
    "fieldset",
    "figure",
    "figcaption",
    "center",
    "caption",
    "body",
];

/// Elements whose content is not document text.
const SKIPPED: &[&str] = &[
    "script", "style", "template", "noscript", "head", "iframe", "object", "svg", "select",
    "button",
];

fn span(value: Option<std::borrow::Cow<'_, str>>) -> usize {
    value
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .max(1)
}

pub fn html_text(html: &str) -> String {
    let mut out = TextBuilder::new();
    let mut tokens = Tokenizer::new(html);
    // Depth inside a skipped element (by name), so nested tags do not end it early.
    let mut skipping: Option<(String, usize)> = None;
    while let Some(token) = tokens.next() {
        if let Some((skipped, depth)) = skipping.as_mut() {
            match &token {
                Token::Start(tag) if tag.local().eq_ignore_ascii_case(skipped) && !tag.empty => {
                    *depth += 1
                }
                Token::End(name) if local_name(name).eq_ignore_ascii_case(skipped) => {
                    *depth -= 1;
                    if *depth == 0 {
                        skipping = None;
                    }
                }
                _ => {}
            }
            continue;
        }
        match token {
            Token::Start(tag) => {
                let name = tag.local().to_ascii_lowercase();
                if matches!(name.as_str(), "script" | "style" | "textarea") {
                    if !tag.empty {
                        tokens.skip_raw_text(&name);
                        tokens.next();
                    }
                    continue;
                }
                if SKIPPED.contains(&name.as_str()) {
                    if !tag.empty {
                        skipping = Some((name, 1));
                    }
                    continue;
                }
                match name.as_str() {
                    "table" if !tag.empty => out.start_table(),
                    "tr" => out.start_row(),
                    "td" | "th" => {
                        if out.in_table() {
                            out.start_cell(span(tag.attr("colspan")), span(tag.attr("rowspan")));
                        } else {
                            out.text(" ");
                        }
                    }
                    "br" => out.line_break(),
                    "img" => {
                        if let Some(alt) = tag.attr("alt") {
                            out.text(&alt);
                        }
                    }
                    _ if BLOCKS.contains(&name.as_str()) => out.line_break(),
                    _ => {}
                }
            }
            Token::End(name) => {
                let name = local_name(name).to_ascii_lowercase();
                match name.as_str() {
                    "table" => out.end_table(),
                    "tr" => out.end_row(),
                    "td" | "th" => out.end_cell(),
                    _ if BLOCKS.contains(&name.as_str()) => out.line_break(),
                    _ => {}
                }
            }
            Token::Text(text) => out.text(&text.replace('\u{a0}', " ")),
        }
    }
    out.finish()
}
