//! 进展汇总 as a Word file: package parts, 公文 page setup, fonts, paragraphs in order.

use super::part;
use crate::snapshot::common::{annotated_ledger, seed, Q2};
use luoshi::export::{to_docx, word_file_name};
use luoshi::overview::{ParagraphKind, ProgressReport, Scope};

#[test]
fn the_word_report_is_in_gongwen_layout() {
    let doc = seed();
    let ledger = annotated_ledger(&doc);
    let report = ProgressReport::build(&doc, &ledger, Q2, &Scope::All);
    let bytes = to_docx(&report).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(to_docx(&report).ok(), Some(bytes.clone()), "deterministic");
    assert_eq!(
        word_file_name(&report),
        "城阳区2023年重点工作任务第二季度进展情况.docx"
    );
    let document = part(&bytes, "word/document.xml");
    // A4, margins 上37 下35 左28 右26 mm in twips.
    assert!(document.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
    assert!(
        document.contains(r#"<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#)
    );
    assert!(document.contains(r#"<w:footerReference w:type="default" r:id="rId3"/>"#));
    let footer = part(&bytes, "word/footer1.xml");
    assert!(
        footer.contains("— </w:t>") && footer.contains(" PAGE ") && footer.contains(" —</w:t>")
    );
    let styles = part(&bytes, "word/styles.xml");
    for needle in [
        r#"w:eastAsia="方正小标宋简体""#,
        r#"<w:sz w:val="44"/>"#,
        r#"w:eastAsia="仿宋_GB2312""#,
        r#"<w:sz w:val="32"/>"#,
        r#"w:eastAsia="黑体""#,
        r#"w:eastAsia="楷体_GB2312""#,
        r#"<w:name w:val="heading 1"/>"#,
        r#"<w:name w:val="heading 2"/>"#,
    ] {
        assert!(styles.contains(needle), "{needle}");
    }
    let fonts = part(&bytes, "word/fontTable.xml");
    assert!(fonts.contains(r#"<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>"#));

    // Every paragraph of the report, in order, with its style; a text's lines (targets, a
    // report written in several lines) are paragraphs of their own, the lead on the first.
    let paragraphs = report.paragraphs();
    let mut at = 0;
    let mut lines_after_the_first = 0;
    for paragraph in &paragraphs {
        let style = match paragraph.kind {
            ParagraphKind::Title => "Title",
            ParagraphKind::Subtitle => "Subtitle",
            ParagraphKind::Heading1 => "Heading1",
            ParagraphKind::Heading2 => "Heading2",
            _ => "Normal",
        };
        let full = paragraph.full_text();
        let lines: Vec<&str> = full
            .lines()
            .enumerate()
            .filter(|(i, l)| *i == 0 || !l.trim().is_empty())
            .map(|(_, l)| l)
            .collect();
        lines_after_the_first += lines.len() - 1;
        for line in lines {
            let marker = format!(r#"<w:pStyle w:val="{style}"/>"#);
            let found = document[at..]
                .find(&marker)
                .unwrap_or_else(|| panic!("{style} for {line}"));
            at += found + marker.len();
            let expected = line
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;");
            let end = document[at..]
                .find("</w:p>")
                .map_or(document.len(), |e| at + e);
            let xml = &document[at..end];
            let text: String = xml
                .split("<w:t xml:space=\"preserve\">")
                .skip(1)
                .filter_map(|s| s.split("</w:t>").next())
                .collect();
            assert_eq!(text.trim_end(), expected.trim_end());
        }
    }
    assert!(
        lines_after_the_first >= 3,
        "task 1's four targets, one a line"
    );
    // The title breaks before the period, never with one character left alone; that is the only
    // line break, no justified paragraph has one.
    assert!(document.contains(
        r#"<w:t xml:space="preserve">城阳区2023年重点工作任务</w:t><w:br/><w:t xml:space="preserve">第二季度进展情况</w:t>"#
    ));
    assert_eq!(
        document.matches("<w:br/>").count(),
        1,
        "no line break inside a justified paragraph"
    );
    assert!(document.contains("<w:b/></w:rPr><w:t xml:space=\"preserve\">1.工作进展："));
    assert!(!document.contains("<script>"), "text is escaped");
}
