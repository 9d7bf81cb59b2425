use std::borrow::Cow;

use luoshi::intake::xml::{decode_entities, Token, Tokenizer};

fn texts(xml: &str) -> Vec<String> {
    Tokenizer::new(xml)
        .filter_map(|token| match token {
            Token::Text(text) => Some(text.into_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn elements_attributes_and_text() {
    let xml = r#"<?xml version="1.0"?><!-- c --><w:p a="1" b='x &amp; y'><w:t xml:space="preserve">任务</w:t><w:br/></w:p>"#;
    let tokens: Vec<Token> = Tokenizer::new(xml).collect();
    let Token::Start(p) = &tokens[0] else {
        panic!("{tokens:?}")
    };
    assert_eq!(p.name, "w:p");
    assert_eq!(p.local(), "p");
    assert_eq!(p.attr("a").as_deref(), Some("1"));
    assert_eq!(p.attr("b").as_deref(), Some("x & y"));
    assert_eq!(p.attr("c"), None);
    assert!(!p.empty);
    let Token::Start(t) = &tokens[1] else {
        panic!()
    };
    assert_eq!(
        t.attr("space").as_deref(),
        Some("preserve"),
        "by local name"
    );
    assert_eq!(tokens[2], Token::Text(Cow::Borrowed("任务")));
    assert_eq!(tokens[3], Token::End("w:t"));
    let Token::Start(br) = &tokens[4] else {
        panic!()
    };
    assert!(br.empty);
    assert_eq!(tokens[5], Token::End("w:p"));
    assert_eq!(tokens.len(), 6);
}

#[test]
fn entities_numeric_named_and_unknown() {
    assert_eq!(
        decode_entities("&#20013;&#x6587;&lt;&gt;&quot;&apos;&amp;"),
        "中文<>\"'&"
    );
    assert_eq!(decode_entities("a&nbsp;b"), "a\u{a0}b");
    assert_eq!(
        decode_entities("&bogus; & &#xZZ; &#0;"),
        "&bogus; & &#xZZ; &#0;"
    );
    assert_eq!(
        decode_entities("&#1114112;"),
        "&#1114112;",
        "beyond Unicode stays as written"
    );
}

#[test]
fn cdata_doctype_and_lenient_html() {
    assert_eq!(
        texts("<!DOCTYPE x [<!ENTITY a 'b'>]><a><![CDATA[<x>&amp;]]></a>"),
        ["<x>&amp;"]
    );
    // Unquoted and valueless attributes, a lone '<', an unclosed tag at the end.
    let tokens: Vec<Token> = Tokenizer::new("<td rowspan=2 nowrap>a < b<p").collect();
    let Token::Start(td) = &tokens[0] else {
        panic!()
    };
    assert_eq!(td.attr("rowspan").as_deref(), Some("2"));
    assert_eq!(td.attr("nowrap").as_deref(), Some(""));
    assert_eq!(texts("<td>a < b<p"), ["a ", "<", " b"]);
}

#[test]
fn raw_text_is_skipped() {
    let mut tokenizer = Tokenizer::new("<script>if (a<b) { x = '</p>' }</SCRIPT><p>t</p>");
    assert!(matches!(tokenizer.next(), Some(Token::Start(tag)) if tag.is("script")));
    tokenizer.skip_raw_text("script");
    assert_eq!(tokenizer.next(), Some(Token::End("SCRIPT")));
    let rest: Vec<Token> = tokenizer.collect();
    assert_eq!(rest.len(), 3);
}
