//! The .docx reader: `word/document.xml` → paragraphs (one per line) and tables (merged cells by
//! `w:gridSpan`, `w:vMerge` — a vertical merge's text repeated in every row it spans —,
//! `w:gridBefore`). Deleted revisions, field codes and the fallback copy
//! of alternate content are not text.

use super::table::TextBuilder;
use super::xml::{local_name, Token, Tokenizer};
use super::zip::{ZipArchive, ZipError};
use super::IntakeError;

pub fn read_docx(bytes: &[u8]) -> Result<String, IntakeError> {
    let zip = ZipArchive::new(bytes).map_err(IntakeError::Zip)?;
    let xml = match zip.read_text("word/document.xml") {
        Ok(xml) => xml,
        Err(ZipError::Missing(_)) => return Err(IntakeError::WrongContent),
        Err(error) => return Err(IntakeError::Zip(error)),
    };
    // Automatic numbering (1. / （一） / 一、 typed by Word, not by the writer) is in its own part;
    // a document without one, or with one we cannot read, is read without the labels.
    // A paragraph style may carry the numbering (`w:pStyle` → `word/styles.xml`, through
    // `w:basedOn`), as Word's list and heading styles do.
    let numbering = match zip.read_text("word/numbering.xml") {
        Ok(numbering) => {
            let numbering = Numbering::parse(&numbering);
            match zip.read_text("word/styles.xml") {
                Ok(styles) => numbering.with_styles(&styles),
                Err(_) => numbering,
            }
        }
        Err(_) => Numbering::default(),
    };
    Ok(document_text_numbered(&xml, &numbering))
}

/// The canonical text of a WordprocessingML body (without a numbering part).
pub fn document_text(xml: &str) -> String {
    document_text_numbered(xml, &Numbering::default())
}

/// The canonical text of a WordprocessingML body whose numbered paragraphs (`w:numPr`, directly or
/// through their paragraph style) get their labels from `numbering`, as Word shows them: "1." /
/// "（一）" / "一、" before the text.
pub fn document_text_numbered(xml: &str, numbering: &Numbering) -> String {
    let mut out = TextBuilder::new();
    let mut counters = Counters::default();
    // The paragraph properties being read: inside w:pPr (not a revision's old copy), and the
    // numId / ilvl they give.
    let mut in_ppr = false;
    let mut in_change = false;
    let mut num: (Option<u32>, Option<usize>) = (None, None);
    let mut style: Option<String> = None;
    let mut in_text = false;
    let mut run_depth = 0usize;
    // Inside mc:Fallback, w:del, w:txbxContent (text boxes float outside the flow): no text.
    let mut skip_depth = 0usize;
    // The cell whose properties are being read: (grid span, is a vMerge continuation).
    let mut cell_props: Option<(usize, bool)> = None;
    let mut grid_before = 0usize;
    for token in Tokenizer::new(xml) {
        match token {
            Token::Start(tag) => {
                let name = tag.local();
                if skip_depth > 0 {
                    if !tag.empty {
                        skip_depth += 1;
                    }
                    continue;
                }
                if matches!(
                    name,
                    "Fallback"
                        | "del"
                        | "txbxContent"
                        | "instrText"
                        | "delText"
                        | "drawing"
                        | "pict"
                        | "object"
                ) && !tag.empty
                {
                    skip_depth = 1;
                    continue;
                }
                // The first content of a cell ends its properties.
                if cell_props.is_some() && matches!(name, "p" | "tbl" | "sdt" | "customXml") {
                    open_cell(&mut out, &mut cell_props);
                }
                match name {
                    "pPr" if !tag.empty && !in_change => {
                        in_ppr = true;
                        num = (None, None);
                        style = None;
                    }
                    "pStyle" if in_ppr && !in_change => {
                        style = tag.attr("val").map(|v| v.trim().to_string());
                    }
                    // An older copy of the properties (a tracked change) numbers nothing.
                    "pPrChange" if !tag.empty => in_change = true,
                    "numId" if in_ppr && !in_change => {
                        num.0 = tag.attr("val").and_then(|v| v.trim().parse().ok());
                    }
                    "ilvl" if in_ppr && !in_change => {
                        num.1 = tag.attr("val").and_then(|v| v.trim().parse().ok());
                    }
                    "tbl" if !tag.empty => out.start_table(),
                    "tr" if !tag.empty => {
                        out.start_row();
                        grid_before = 0;
                    }
                    "gridBefore" => {
                        grid_before = tag
                            .attr("val")
                            .and_then(|v| v.parse::<usize>().ok())
                            .unwrap_or(0)
                            .min(64);
                    }
                    "tc" if !tag.empty => {
                        for _ in 0..std::mem::take(&mut grid_before) {
                            out.start_cell(1, 1);
                            out.end_cell();
                        }
                        cell_props = Some((1, false));
                    }
                    "gridSpan" => {
                        if let Some(props) = cell_props.as_mut() {
                            props.0 = tag
                                .attr("val")
                                .and_then(|v| v.parse::<usize>().ok())
                                .unwrap_or(1);
                        }
                    }
                    "vMerge" | "hMerge" => {
                        let restart = tag.attr("val").is_some_and(|v| v == "restart");
                        if let Some(props) = cell_props.as_mut() {
                            if name == "vMerge" {
                                props.1 = !restart;
                            } else if !restart {
                                // Old-style horizontal merge continuation: no cell of its own.
                                props.0 = 0;
                            }
                        }
                    }
                    "r" if !tag.empty => run_depth += 1,
                    "t" if run_depth > 0 => in_text = !tag.empty,
                    "tab" | "ptab" if run_depth > 0 => out.text(" "),
                    "br" | "cr" if run_depth > 0 => out.line_break(),
                    "noBreakHyphen" => out.text("-"),
                    _ => {}
                }
            }
            Token::End(name) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                match local_name(name) {
                    "pPrChange" => in_change = false,
                    "pPr" if in_ppr && !in_change => {
                        in_ppr = false;
                        let direct = std::mem::take(&mut num);
                        let style = style.take();
                        if let Some((id, level)) = numbering.resolve(direct, style.as_deref()) {
                            if let Some(label) = numbering.label(id, level, &mut counters) {
                                if cell_props.is_some() {
                                    open_cell(&mut out, &mut cell_props);
                                }
                                out.text(&label);
                            }
                        }
                    }
                    "t" => in_text = false,
                    "r" => run_depth = run_depth.saturating_sub(1),
                    "p" => out.line_break(),
                    "tc" => {
                        open_cell(&mut out, &mut cell_props);
                        out.end_cell();
                    }
                    "tr" => out.end_row(),
                    "tbl" => out.end_table(),
                    _ => {}
                }
            }
            Token::Text(text) => {
                if in_text && skip_depth == 0 {
                    out.text(&text);
                }
            }
        }
    }
    out.finish()
}

/// Open the cell whose properties were just read. A vMerge continuation takes the merged text of
/// the cell above (its own text, if any, dropped); an hMerge continuation is no cell.
fn open_cell(out: &mut TextBuilder, props: &mut Option<(usize, bool)>) {
    if let Some((span, continuation)) = props.take() {
        if span == 0 {
            return;
        }
        if continuation {
            // Closed at once: text written into a continuation cell has no target.
            out.continue_cell(span);
        } else {
            out.start_cell(span, 1);
        }
    }
}

/// One level of a numbering definition (`w:lvl`).
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// The paragraph style this level is linked to (`w:pStyle` in `w:lvl`): a paragraph of that
    /// style numbered without a level of its own is at this level.
    style: Option<String>,
    /// What follows the label: a tab or a space (written as a space), or nothing.
    suffix: &'static str,
}

/// The numbering part (`word/numbering.xml`): abstract definitions by id, and each list instance
/// (`w:num`) with its definition and start overrides.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    abstracts: std::collections::HashMap<u32, Vec<Level>>,
    nums: std::collections::HashMap<u32, ListInstance>,
    /// Paragraph styles by id (`word/styles.xml`), for numbering set on a style.
    styles: std::collections::HashMap<String, StyleNumbering>,
}

/// What a paragraph style says about numbering: its base style and its own `w:numPr`, if any.
#[derive(Debug, Clone, Default)]
struct StyleNumbering {
    based_on: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<usize>,
}

/// A style chain longer than this (or a loop of `w:basedOn`) is malformed: the walk stops.
const MAX_STYLE_DEPTH: usize = 16;

/// A `w:num`: its abstract definition's id and its (level, start) overrides.
type ListInstance = (u32, Vec<(usize, u32)>);

/// Levels are 0-8 in Word; more is malformed and ignored.
const MAX_LEVELS: usize = 9;

/// The counters of each list instance, per level.
#[derive(Debug, Default)]
pub struct Counters {
    by_num: std::collections::HashMap<u32, [Option<u32>; MAX_LEVELS]>,
}

impl Numbering {
    pub fn parse(xml: &str) -> Numbering {
        let mut numbering = Numbering::default();
        let mut abstract_id: Option<u32> = None;
        let mut levels: Vec<Level> = Vec::new();
        let mut level: Option<(usize, Level)> = None;
        // (numId, abstractNumId, start overrides) of the w:num being read.
        let mut num: Option<(u32, ListInstance)> = None;
        let mut override_level: Option<usize> = None;
        let val = |tag: &super::xml::Tag| tag.attr("val").map(|v| v.trim().to_string());
        for token in Tokenizer::new(xml) {
            match token {
                Token::Start(tag) => match tag.local() {
                    "abstractNum" if !tag.empty => {
                        abstract_id = tag
                            .attr("abstractNumId")
                            .and_then(|v| v.trim().parse().ok());
                        levels = Vec::new();
                    }
                    "lvl" if !tag.empty && abstract_id.is_some() => {
                        let ilvl = tag
                            .attr("ilvl")
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .filter(|&l| l < MAX_LEVELS);
                        level = ilvl.map(|l| {
                            (
                                l,
                                Level {
                                    start: 1,
                                    format: "decimal".into(),
                                    suffix: " ",
                                    ..Level::default()
                                },
                            )
                        });
                    }
                    "pStyle" => {
                        if let (Some((_, lvl)), Some(v)) = (level.as_mut(), val(&tag)) {
                            lvl.style = Some(v);
                        }
                    }
                    "start" => {
                        if let (Some((_, lvl)), Some(v)) = (level.as_mut(), val(&tag)) {
                            lvl.start = v.parse().unwrap_or(1).min(1_000_000);
                        }
                    }
                    "numFmt" => {
                        if let (Some((_, lvl)), Some(v)) = (level.as_mut(), val(&tag)) {
                            lvl.format = v;
                        }
                    }
                    "lvlText" => {
                        if let (Some((_, lvl)), Some(v)) = (level.as_mut(), val(&tag)) {
                            lvl.text = v.chars().take(64).collect();
                        }
                    }
                    "suff" => {
                        if let (Some((_, lvl)), Some(v)) = (level.as_mut(), val(&tag)) {
                            lvl.suffix = if v == "nothing" { "" } else { " " };
                        }
                    }
                    "num" if !tag.empty => {
                        num = tag
                            .attr("numId")
                            .and_then(|v| v.trim().parse().ok())
                            .map(|id| (id, (u32::MAX, Vec::new())));
                    }
                    "abstractNumId" => {
                        if let (Some(n), Some(v)) = (num.as_mut(), val(&tag)) {
                            n.1 .0 = v.parse().unwrap_or(u32::MAX);
                        }
                    }
                    "lvlOverride" if !tag.empty => {
                        override_level = tag
                            .attr("ilvl")
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .filter(|&l| l < MAX_LEVELS);
                    }
                    "startOverride" => {
                        if let (Some(n), Some(l), Some(v)) =
                            (num.as_mut(), override_level, val(&tag))
                        {
                            n.1 .1.push((l, v.parse().unwrap_or(1).min(1_000_000)));
                        }
                    }
                    _ => {}
                },
                Token::End(name) => match local_name(name) {
                    "lvl" => {
                        if let Some((l, lvl)) = level.take() {
                            if levels.len() <= l {
                                levels.resize(l + 1, Level::default());
                            }
                            levels[l] = lvl;
                        }
                    }
                    "abstractNum" => {
                        if let Some(id) = abstract_id.take() {
                            numbering.abstracts.insert(id, std::mem::take(&mut levels));
                        }
                    }
                    "lvlOverride" => override_level = None,
                    "num" => {
                        if let Some((id, instance)) = num.take() {
                            numbering.nums.insert(id, instance);
                        }
                    }
                    _ => {}
                },
                Token::Text(_) => {}
            }
        }
        numbering
    }

    /// Read the paragraph styles of `word/styles.xml`: the numbering a style sets (`w:numPr` in
    /// its `w:pPr`, a tracked change's old copy aside) and the style it is based on.
    pub fn with_styles(mut self, xml: &str) -> Numbering {
        let mut current: Option<(String, StyleNumbering)> = None;
        let (mut in_ppr, mut in_change) = (false, false);
        for token in Tokenizer::new(xml) {
            match token {
                Token::Start(tag) => match tag.local() {
                    "style" if !tag.empty => {
                        let paragraph = tag.attr("type").is_none_or(|t| t == "paragraph");
                        current = tag
                            .attr("styleId")
                            .filter(|_| paragraph)
                            .map(|id| (id.trim().to_string(), StyleNumbering::default()));
                        (in_ppr, in_change) = (false, false);
                    }
                    "basedOn" => {
                        if let Some((_, style)) = current.as_mut() {
                            style.based_on = tag.attr("val").map(|v| v.trim().to_string());
                        }
                    }
                    "pPr" if !tag.empty && !in_change => in_ppr = true,
                    "pPrChange" if !tag.empty => in_change = true,
                    "numId" if in_ppr && !in_change => {
                        if let Some((_, style)) = current.as_mut() {
                            style.num_id = tag.attr("val").and_then(|v| v.trim().parse().ok());
                        }
                    }
                    "ilvl" if in_ppr && !in_change => {
                        if let Some((_, style)) = current.as_mut() {
                            style.ilvl = tag
                                .attr("val")
                                .and_then(|v| v.trim().parse().ok())
                                .filter(|&l: &usize| l < MAX_LEVELS);
                        }
                    }
                    _ => {}
                },
                Token::End(name) => match local_name(name) {
                    "pPrChange" => in_change = false,
                    "pPr" if !in_change => in_ppr = false,
                    "style" => {
                        if let Some((id, style)) = current.take() {
                            self.styles.insert(id, style);
                        }
                        (in_ppr, in_change) = (false, false);
                    }
                    _ => {}
                },
                Token::Text(_) => {}
            }
        }
        self
    }

    /// The (numId, ilvl) a paragraph is numbered with: its own `w:numPr` (numId and ilvl), else
    /// the first style up its `w:basedOn` chain that sets a numId (numId 0 there ends the
    /// numbering). The level is the paragraph's own ilvl, else the style chain's, else the level
    /// of the list linked to the style (`w:pStyle` in `w:lvl`), else 0.
    pub fn resolve(
        &self,
        direct: (Option<u32>, Option<usize>),
        style: Option<&str>,
    ) -> Option<(u32, usize)> {
        if let (Some(id), level) = direct {
            return Some((id, level.unwrap_or(0)));
        }
        let (mut num_id, mut ilvl) = (None, None);
        // The styles walked, the paragraph's own first.
        let mut chain: Vec<&str> = Vec::new();
        let mut next = style;
        for _ in 0..MAX_STYLE_DEPTH {
            let Some(id) = next else { break };
            let Some(entry) = self.styles.get(id) else {
                break;
            };
            chain.push(id);
            ilvl = ilvl.or(entry.ilvl);
            if entry.num_id.is_some() {
                num_id = entry.num_id;
                break;
            }
            next = entry.based_on.as_deref();
        }
        let num_id = num_id?;
        let level = direct.1.or(ilvl).or_else(|| {
            let (abstract_num, _) = self.nums.get(&num_id)?;
            let levels = self.abstracts.get(abstract_num)?;
            chain.iter().find_map(|id| {
                levels
                    .iter()
                    .position(|level| level.style.as_deref() == Some(*id))
            })
        });
        Some((num_id, level.unwrap_or(0)))
    }

    /// The label of the next paragraph numbered (numId, ilvl), counting it: its level's counter
    /// goes up and every deeper level's restarts. None for no numbering (numId 0, an unknown list),
    /// a bullet or an empty label.
    pub fn label(&self, num_id: u32, ilvl: usize, counters: &mut Counters) -> Option<String> {
        let (abstract_num, overrides) = self.nums.get(&num_id)?;
        let levels = self.abstracts.get(abstract_num)?;
        let ilvl = ilvl.min(MAX_LEVELS - 1);
        let level = levels.get(ilvl)?;
        let start = |l: usize| {
            overrides
                .iter()
                .rev()
                .find(|(at, _)| *at == l)
                .map(|(_, start)| *start)
                .or_else(|| levels.get(l).map(|lvl| lvl.start))
                .unwrap_or(1)
        };
        let counts = counters.by_num.entry(num_id).or_default();
        counts[ilvl] = Some(match counts[ilvl] {
            Some(count) => count.saturating_add(1),
            None => start(ilvl),
        });
        for deeper in counts.iter_mut().skip(ilvl + 1) {
            *deeper = None;
        }
        if level.format == "bullet" || level.format == "none" || level.text.is_empty() {
            return None;
        }
        let mut label = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(digit @ 1..=9)) => {
                    chars.next();
                    let l = digit as usize - 1;
                    let value = counts[l].unwrap_or_else(|| start(l));
                    let format = levels.get(l).map_or("decimal", |lvl| lvl.format.as_str());
                    label.push_str(&format_number(value, format));
                }
                _ => label.push(c),
            }
        }
        let label = label.trim().to_string();
        (!label.is_empty()).then(|| label + level.suffix)
    }
}

/// A counter in a numbering format (`w:numFmt`).
fn format_number(value: u32, format: &str) -> String {
    const CIRCLED: &str = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
    const HEAVENLY: &str = "甲乙丙丁戊己庚辛壬癸";
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "ideographDigital" => {
            chinese(value, "〇一二三四五六七八九", format == "ideographDigital")
        }
        "chineseLegalSimplified" => chinese(value, "零壹贰叁肆伍陆柒捌玖", false)
            .replace('十', "拾")
            .replace('百', "佰")
            .replace('千', "仟"),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&value) => {
            CIRCLED
                .chars()
                .nth(value as usize - 1)
                .map(String::from)
                .unwrap_or_default()
        }
        "ideographTraditional" if (1..=10).contains(&value) => HEAVENLY
            .chars()
            .nth(value as usize - 1)
            .map(String::from)
            .unwrap_or_default(),
        "decimalFullWidth" | "decimalFullWidth2" => value
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        "decimalZero" => format!("{value:02}"),
        "lowerLetter" | "upperLetter" => {
            let letter = (b'a' + ((value.max(1) - 1) % 26) as u8) as char;
            let text = letter
                .to_string()
                .repeat(((value.max(1) - 1) / 26 + 1).min(8) as usize);
            if format == "upperLetter" {
                text.to_uppercase()
            } else {
                text
            }
        }
        "lowerRoman" | "upperRoman" => {
            let text = roman(value);
            if format == "lowerRoman" {
                text.to_lowercase()
            } else {
                text
            }
        }
        _ => value.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (digit by digit with `digits_only`).
fn chinese(value: u32, digits: &str, digits_only: bool) -> String {
    let digit: Vec<char> = digits.chars().collect();
    if digits_only || value >= 10_000 {
        return value
            .to_string()
            .chars()
            .filter_map(|c| c.to_digit(10).map(|d| digit[d as usize]))
            .collect();
    }
    if value == 0 {
        return digit[0].to_string();
    }
    // Inside a number a zero reads 零 (一百零五), whatever the digit set writes for 0 alone.
    let zero_char = if digit[0] == '〇' { '零' } else { digit[0] };
    let units = ["", "十", "百", "千"];
    let mut out = String::new();
    let text = value.to_string();
    let count = text.len();
    let mut zero = false;
    for (index, c) in text.chars().enumerate() {
        let d = c.to_digit(10).unwrap_or(0) as usize;
        let place = count - 1 - index;
        if d == 0 {
            zero = true;
            continue;
        }
        if zero && !out.is_empty() {
            out.push(zero_char);
        }
        zero = false;
        // 十二, not 一十二; but 一百一十二.
        if !(d == 1 && place == 1 && out.is_empty()) {
            out.push(digit[d]);
        }
        out.push_str(units[place]);
    }
    out
}

fn roman(value: u32) -> String {
    if value == 0 || value >= 4000 {
        return value.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut rest = value;
    let mut out = String::new();
    for (amount, text) in table {
        while rest >= amount {
            out.push_str(text);
            rest -= amount;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        let c = |v| chinese(v, "〇一二三四五六七八九", false);
        assert_eq!(c(1), "一");
        assert_eq!(c(10), "十");
        assert_eq!(c(12), "十二");
        assert_eq!(c(20), "二十");
        assert_eq!(c(105), "一百零五");
        assert_eq!(c(110), "一百一十");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(7, "decimalFullWidth"), "７");
    }
}
