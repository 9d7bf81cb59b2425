//! Word's automatic numbering (`w:numPr` → `word/numbering.xml`): the labels Word shows are written
//! before the paragraph text, so numbered tasks and headings read as the typed ones do.

use luoshi::intake::docx::{document_text_numbered, Counters, Numbering};
use luoshi::intake::{open, Opened};
use luoshi::parse::parse;

use super::zip::make_zip;

/// As Word writes it for a 公文 outline: 一、 / （一） / 1. on levels 0-2, a second list instance
/// (numId 2) of the same definition restarting at 1, and a bullet list.
const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="5"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="11"/></w:lvlOverride></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="5"/></w:num>
</w:numbering>"#;

fn para(num: Option<(u32, u32)>, text: &str) -> String {
    let ppr = match num {
        Some((id, level)) => format!(
            r#"<w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{id}"/></w:numPr><w:ind w:firstLineChars="0"/></w:pPr>"#
        ),
        None => String::new(),
    };
    format!(
        r#"<w:p>{ppr}<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>{text}</w:t></w:r></w:p>"#
    )
}

fn body(paragraphs: &[String]) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}<w:sectPr/></w:body></w:document>"#,
        paragraphs.concat()
    )
}

fn outline() -> String {
    body(&[
        para(None, "2024年重点工作任务分解"),
        para(Some((1, 0)), "经济发展"),
        para(Some((1, 1)), "扩大有效投资"),
        para(Some((1, 2)), "推进重大项目建设。（牵头单位：区发改局；配合单位：区财政局）"),
        para(Some((1, 2)), "开展招商引资。（牵头单位：区商务局）"),
        para(Some((1, 1)), "促进消费"),
        para(Some((1, 2)), "举办消费季活动。（牵头单位：区商务局）"),
        para(Some((1, 0)), "民生保障"),
        para(Some((1, 1)), "稳定就业"),
        para(Some((3, 0)), "重点群体就业帮扶"),
        para(Some((1, 2)), "新增城镇就业2000人。（牵头单位：区人社局）"),
        // A tracked change's old numbering is not the paragraph's.
        r#"<w:p><w:pPr><w:pPrChange w:id="1"><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>附件：任务分解表</w:t></w:r></w:p>"#.to_string(),
    ])
}

#[test]
fn numbered_paragraphs_get_their_labels_and_parse_as_typed_ones() {
    let numbering = Numbering::parse(NUMBERING);
    let text = document_text_numbered(&outline(), &numbering);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "2024年重点工作任务分解",
            "一、经济发展",
            "（一）扩大有效投资",
            "1. 推进重大项目建设。（牵头单位：区发改局；配合单位：区财政局）",
            "2. 开展招商引资。（牵头单位：区商务局）",
            "（二）促进消费",
            // A higher level restarts the deeper counters.
            "1. 举办消费季活动。（牵头单位：区商务局）",
            "二、民生保障",
            "（一）稳定就业",
            "重点群体就业帮扶",
            "1. 新增城镇就业2000人。（牵头单位：区人社局）",
            "附件：任务分解表",
        ]
    );
    let doc = parse(&text);
    let tasks: Vec<(&str, &[String])> = doc
        .tasks
        .iter()
        .map(|t| (t.label.as_str(), t.lead_units.as_slice()))
        .collect();
    assert_eq!(tasks.len(), 4, "{tasks:?}");
    assert_eq!(doc.tasks[0].lead_units, ["区发改局"]);
    assert_eq!(doc.tasks[0].participating_units, ["区财政局"]);
    assert_eq!(doc.tasks[3].lead_units, ["区人社局"]);
    let sections: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert!(
        sections.iter().any(|s| s.contains("经济发展")),
        "{sections:?}"
    );
    assert!(
        sections.iter().any(|s| s.contains("民生保障")),
        "{sections:?}"
    );
}

#[test]
fn each_list_instance_counts_on_its_own_and_overrides_its_start() {
    let numbering = Numbering::parse(NUMBERING);
    let mut counters = Counters::default();
    let mut label = |id, level| numbering.label(id, level, &mut counters);
    assert_eq!(label(2, 2).as_deref(), Some("11. "));
    assert_eq!(label(1, 2).as_deref(), Some("1. "));
    assert_eq!(label(2, 2).as_deref(), Some("12. "));
    assert_eq!(label(3, 0), None, "a bullet is no label");
    assert_eq!(label(9, 0), None, "an unknown list");
    assert_eq!(label(0, 0), None, "numId 0 is no numbering");
}

#[test]
fn a_docx_file_reads_its_numbering_part() {
    let file = make_zip(&[
        ("word/document.xml", outline().as_bytes()),
        ("word/numbering.xml", NUMBERING.as_bytes()),
    ]);
    let Ok(Opened::Text(text)) = open("分解.docx", &file) else {
        panic!("not text");
    };
    assert!(text.contains("\n（二）促进消费\n"), "{text}");
    // Without the part the same body reads without labels, never fails.
    let bare = make_zip(&[("word/document.xml", outline().as_bytes())]);
    let Ok(Opened::Text(text)) = open("分解.docx", &bare) else {
        panic!("not text");
    };
    assert!(text.contains("\n促进消费\n"), "{text}");
    // A numbering part that is not XML numbers nothing.
    let broken = make_zip(&[
        ("word/document.xml", outline().as_bytes()),
        (
            "word/numbering.xml",
            b"<w:numbering><w:num w:numId=\"1\"><w:abstractNumId",
        ),
    ]);
    assert!(matches!(open("分解.docx", &broken), Ok(Opened::Text(_))));
}
