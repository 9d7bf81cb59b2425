//! 进展汇总 as a Word (.docx) file in 公文 layout (GB/T 9704): A4, margins 上37 下35 左28 右26 mm,
//! title 方正小标宋简体 二号 centred, body 仿宋_GB2312 三号 at a fixed 28 pt line, headings 一、 in
//! 黑体 and （一） in 楷体_GB2312, `1.工作进展：` leads in bold, page numbers `— 1 —` centred in
//! the footer (宋体 四号). Fonts a machine lacks fall back through the font table's `altName`
//! (方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体). Written with the zip writer
//! the XLSX uses: plain WordprocessingML, no template.

use super::zip::ZipWriter;
use super::ReportError;
use crate::overview::{Paragraph, ParagraphKind, ProgressReport};
use std::fmt::Write;

/// Twips per millimetre: 1440 per inch / 25.4.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

fn mm(value: f64) -> i64 {
    (value * TWIPS_PER_MM).round() as i64
}

pub const TITLE_FONT: &str = "方正小标宋简体";
pub const BODY_FONT: &str = "仿宋_GB2312";
pub const HEADING1_FONT: &str = "黑体";
pub const HEADING2_FONT: &str = "楷体_GB2312";

/// The report as a .docx file.
pub fn to_docx(report: &ProgressReport) -> Result<Vec<u8>, ReportError> {
    let mut body = String::new();
    for paragraph in report.paragraphs() {
        if paragraph.kind == ParagraphKind::Title {
            push_title(&mut body, &title_lines(&paragraph.text, report.period));
        } else {
            push_paragraph(&mut body, &paragraph);
        }
    }
    let document = format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
            r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}"#,
            r#"<w:sectPr><w:footerReference w:type="default" r:id="rId3"/>"#,
            r#"<w:pgSz w:w="11906" w:h="16838"/>"#,
            r#"<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="851" w:footer="{footer}" w:gutter="0"/>"#,
            r#"<w:pgNumType w:fmt="decimal" w:start="1"/><w:docGrid w:type="lines" w:linePitch="560"/></w:sectPr>"#,
            "</w:body></w:document>"
        ),
        body = body,
        top = mm(37.0),
        bottom = mm(35.0),
        left = mm(28.0),
        right = mm(26.0),
        footer = mm(20.0),
    );
    let mut zip = ZipWriter::new();
    let parts: [(&str, &str); 7] = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/document.xml", &document),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", &styles()),
        ("word/fontTable.xml", FONT_TABLE),
        ("word/footer1.xml", FOOTER),
    ];
    for (name, content) in parts {
        zip.add(name, content.as_bytes()).ok_or_else(too_large)?;
    }
    zip.finish().ok_or_else(too_large)
}

/// `城阳区2023年重点工作任务第二季度进展情况.docx`.
pub fn word_file_name(report: &ProgressReport) -> String {
    super::report_file_name(report, "docx")
}

fn too_large() -> ReportError {
    ReportError::TooLarge {
        detail: "超过 4 GB".to_string(),
    }
}

/// Characters of 二号 (22 pt) on one line of the 156 mm text width.
const TITLE_LINE_CHARS: usize = 20;

/// The title in lines a 公文 title breaks into: one when it fits, else before the period
/// (`城阳区2023年重点工作任务` / `第二季度进展情况`), so no line ends inside a word and no
/// character is left alone on the last line; one line (the application wraps it) when no such
/// break fits.
pub(crate) fn title_lines(title: &str, period: crate::period::Period) -> Vec<String> {
    if title.chars().count() <= TITLE_LINE_CHARS {
        return vec![title.to_string()];
    }
    let label = period.label();
    let year = format!("{}年", period.last_day().year);
    let short = label.strip_prefix(&year).unwrap_or(&label).to_string();
    let at = title
        .find(&label)
        .or_else(|| title.find(&short))
        .filter(|at| *at > 0);
    match at {
        Some(at)
            if title[..at].chars().count() <= TITLE_LINE_CHARS
                && title[at..].chars().count() <= TITLE_LINE_CHARS =>
        {
            vec![title[..at].to_string(), title[at..].to_string()]
        }
        _ => vec![title.to_string()],
    }
}

/// The title, centred: its lines joined by `<w:br/>` (a centred line is not spread out).
fn push_title(xml: &mut String, lines: &[String]) {
    xml.push_str(r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r>"#);
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            xml.push_str("<w:br/>");
        }
        xml.push_str(r#"<w:t xml:space="preserve">"#);
        super::xlsx::push_escaped(xml, line, false);
        xml.push_str("</w:t>");
    }
    xml.push_str("</w:r></w:p>");
}

fn push_paragraph(xml: &mut String, paragraph: &Paragraph) {
    let (style, extra) = match paragraph.kind {
        ParagraphKind::Title => ("Title", ""),
        ParagraphKind::Subtitle => ("Subtitle", ""),
        ParagraphKind::AsOf => (
            "Normal",
            r#"<w:ind w:firstLine="0"/><w:jc w:val="center"/>"#,
        ),
        ParagraphKind::Heading1 => ("Heading1", ""),
        ParagraphKind::Heading2 => ("Heading2", ""),
        ParagraphKind::Item | ParagraphKind::Body => ("Normal", ""),
    };
    // Each line of a text is a paragraph of its own: a `<w:br/>` in a justified paragraph makes
    // Word and LibreOffice spread the line before it across the page (“目 标 2 家 ，”).
    let lines: Vec<&str> = paragraph
        .text
        .split('\n')
        .map(|line| line.trim_end_matches('\r'))
        .enumerate()
        .filter(|(i, line)| *i == 0 || !line.trim().is_empty())
        .map(|(_, line)| line)
        .collect();
    for (i, line) in lines.iter().enumerate() {
        let _ = write!(
            xml,
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra}</w:pPr>"#
        );
        if i == 0 && !paragraph.lead.is_empty() {
            push_run(xml, &paragraph.lead, paragraph.kind == ParagraphKind::Item);
        }
        push_run(xml, line, false);
        xml.push_str("</w:p>");
    }
}

/// One run of one line.
fn push_run(xml: &mut String, text: &str, bold: bool) {
    xml.push_str("<w:r>");
    if bold {
        xml.push_str("<w:rPr><w:b/></w:rPr>");
    }
    xml.push_str(r#"<w:t xml:space="preserve">"#);
    super::xlsx::push_escaped(xml, text, false);
    xml.push_str("</w:t></w:r>");
}

fn fonts(name: &str) -> String {
    format!(
        r#"<w:rFonts w:ascii="{name}" w:eastAsia="{name}" w:hAnsi="{name}" w:cs="{name}" w:hint="eastAsia"/>"#
    )
}

/// 三号 16 pt = 32 half-points; 二号 22 pt = 44; 四号 14 pt = 28. Lines fixed at 28 pt (560).
fn styles() -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
            r#"<w:docDefaults><w:rPrDefault><w:rPr>{body_fonts}<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>"#,
            r#"<w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>"#,
            r#"<w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr><w:rPr>{body_fonts}<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>"#,
            r#"<w:pPr><w:spacing w:before="0" w:after="560" w:line="700" w:lineRule="exact"/><w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>"#,
            r#"<w:rPr>{title_fonts}<w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>"#,
            r#"<w:pPr><w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/></w:pPr><w:rPr>{h2_fonts}</w:rPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>"#,
            r#"<w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr>{h1_fonts}<w:b w:val="0"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>"#,
            r#"<w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr><w:rPr>{h2_fonts}<w:b w:val="0"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>"#,
            r#"<w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/></w:pPr>"#,
            r#"<w:rPr>{footer_fonts}<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>"#,
            "</w:styles>"
        ),
        body_fonts = fonts(BODY_FONT),
        title_fonts = fonts(TITLE_FONT),
        h1_fonts = fonts(HEADING1_FONT),
        h2_fonts = fonts(HEADING2_FONT),
        footer_fonts = fonts("宋体"),
    )
}

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    r#"<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>"#,
    r#"<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>"#,
    "</Types>"
);

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    "</Relationships>"
);

const DOCUMENT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>"#,
    "</Relationships>"
);

const FONT_TABLE: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/><w:charset w:val="86"/><w:family w:val="script"/><w:pitch w:val="default"/></w:font>"#,
    r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#,
    "</w:fonts>"
);

/// `— 1 —`, centred: the PAGE field between em dashes.
const FOOTER: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>"#,
    r#"<w:r><w:t xml:space="preserve">— </w:t></w:r>"#,
    r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>"#,
    r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
    r#"<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#
);
