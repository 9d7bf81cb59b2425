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

/// Word's heading and list styles carry the numbering themselves (`w:numPr` in the style's
/// `w:pPr`, in `word/styles.xml`), found through `w:basedOn`; a level linked to a style
/// (`w:pStyle` in `w:lvl`) gives a style paragraph without its own `w:ilvl` that level.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TaskNumber"><w:name w:val="任务编号"/><w:basedOn w:val="Normal"/><w:pPr><w:pPrChange w:id="3"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="4"/></w:numPr></w:pPr></w:pPrChange><w:numPr><w:ilvl w:val="2"/><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TaskText"><w:name w:val="任务正文"/><w:basedOn w:val="TaskNumber"/></w:style>
<w:style w:type="paragraph" w:styleId="Unnumbered"><w:name w:val="不编号"/><w:basedOn w:val="TaskText"/><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="LoopA"><w:basedOn w:val="LoopB"/></w:style>
<w:style w:type="paragraph" w:styleId="LoopB"><w:basedOn w:val="LoopA"/></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/></w:style>
</w:styles>"#;

/// The outline list of `NUMBERING` again as numId 4, its levels 0 and 1 linked to the heading
/// styles.
fn styled_numbering() -> String {
    NUMBERING
        .replace(
            r#"<w:lvlText w:val="%1、"/>"#,
            r#"<w:pStyle w:val="Heading1"/><w:lvlText w:val="%1、"/>"#,
        )
        .replace(
            r#"<w:lvlText w:val="（%2）"/>"#,
            r#"<w:pStyle w:val="Heading2"/><w:lvlText w:val="（%2）"/>"#,
        )
        .replace(
            "</w:numbering>",
            r#"<w:num w:numId="4"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
        )
}

fn styled(style: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/><w:jc w:val="both"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

#[test]
fn paragraph_styles_number_their_paragraphs() {
    let document = body(&[
        para(None, "2024年重点工作任务"),
        styled("Heading1", "经济发展"),
        styled("Heading2", "扩大有效投资"),
        styled("TaskText", "推进重大项目建设。（牵头单位：区发改局；配合单位：区财政局）"),
        styled("TaskText", "开展招商引资。（牵头单位：区商务局）"),
        styled("Unnumbered", "（上述任务年底前完成）"),
        styled("LoopA", "循环的样式不编号"),
        styled("Heading1", "民生保障"),
        styled("Heading2", "稳定就业"),
        // The paragraph's own w:ilvl wins over the style's level.
        r#"<w:p><w:pPr><w:pStyle w:val="TaskText"/><w:numPr><w:ilvl w:val="2"/><w:numId w:val="4"/></w:numPr></w:pPr><w:r><w:t>新增城镇就业2000人。（牵头单位：区人社局）</w:t></w:r></w:p>"#.to_string(),
        styled("TaskText", "开展职业技能培训。（牵头单位：区人社局；配合单位：区教育局）"),
    ]);
    let file = make_zip(&[
        ("word/document.xml", document.as_bytes()),
        ("word/numbering.xml", styled_numbering().as_bytes()),
        ("word/styles.xml", STYLES.as_bytes()),
    ]);
    let Ok(Opened::Text(text)) = open("分解.docx", &file) else {
        panic!("not text");
    };
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "2024年重点工作任务",
            "一、经济发展",
            "（一）扩大有效投资",
            "1. 推进重大项目建设。（牵头单位：区发改局；配合单位：区财政局）",
            "2. 开展招商引资。（牵头单位：区商务局）",
            "（上述任务年底前完成）",
            "循环的样式不编号",
            "二、民生保障",
            "（一）稳定就业",
            "1. 新增城镇就业2000人。（牵头单位：区人社局）",
            "2. 开展职业技能培训。（牵头单位：区人社局；配合单位：区教育局）",
        ]
    );
    let doc = parse(&text);
    let tasks: Vec<(&str, &[String], &[String])> = doc
        .tasks
        .iter()
        .map(|t| {
            (
                t.title.as_str(),
                t.lead_units.as_slice(),
                t.participating_units.as_slice(),
            )
        })
        .collect();
    assert_eq!(tasks.len(), 4, "{tasks:?}");
    assert_eq!(doc.tasks[0].lead_units, ["区发改局"]);
    assert_eq!(doc.tasks[0].participating_units, ["区财政局"]);
    assert_eq!(doc.tasks[3].lead_units, ["区人社局"]);
    assert_eq!(doc.tasks[3].participating_units, ["区教育局"]);
    let sections: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(sections, ["经济发展", "民生保障"]);

    // Without the styles part the styled paragraphs have no numbers (and no tasks are invented).
    let unstyled = make_zip(&[
        ("word/document.xml", document.as_bytes()),
        ("word/numbering.xml", styled_numbering().as_bytes()),
    ]);
    let Ok(Opened::Text(text)) = open("分解.docx", &unstyled) else {
        panic!("not text");
    };
    assert!(
        text.contains("\n经济发展\n扩大有效投资\n推进重大项目建设"),
        "{text}"
    );
}
