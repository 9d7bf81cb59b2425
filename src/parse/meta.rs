//! The header block (索引号 … 规范性文件号). Portals print it twice, as a two-pairs-per-row table and
//! then one pair per row; the first non-empty value of each field wins.

use crate::document::{Meta, Warning};

const LABELS: [&str; 11] = [
    "索引号",
    "主题分类",
    "成文日期",
    "发布日期",
    "发文机关",
    "关键词",
    "发文字号",
    "有效性",
    "政策咨询部门",
    "政策咨询电话",
    "规范性文件号",
];

/// A header row: `label | value | …` or `label:value`, starting with a known label.
pub(super) fn is_header_row(line: &str) -> bool {
    let first = line
        .split(['|', ':', '\u{ff1a}'])
        .next()
        .unwrap_or_default()
        .trim();
    LABELS.contains(&first)
}

/// Read every `label | value` pair of one header row into `meta`.
pub(super) fn read_row(meta: &mut Meta, line: &str, number: usize, warnings: &mut Vec<Warning>) {
    let cells: Vec<&str> = if line.contains('|') {
        line.split('|').map(str::trim).collect()
    } else {
        line.splitn(2, [':', '\u{ff1a}']).map(str::trim).collect()
    };
    for pair in cells.chunks(2) {
        let label = pair[0];
        let value = pair.get(1).copied().unwrap_or_default();
        if label.is_empty() {
            if !value.is_empty() {
                warnings.push(Warning {
                    line: number,
                    text: line.to_string(),
                    message: format!("表头中有无名称的值:{value}"),
                });
            }
            continue;
        }
        if !set_field(meta, label, value) {
            warnings.push(Warning {
                line: number,
                text: line.to_string(),
                message: format!("无法识别的表头字段:{label}"),
            });
        } else if !value.is_empty() && !field_matches(meta, label, value) {
            warnings.push(Warning {
                line: number,
                text: line.to_string(),
                message: format!("表头字段“{label}”前后不一致,保留第一次出现的值"),
            });
        }
    }
}

/// Set a field if it is still empty; false if the label is unknown.
fn set_field(meta: &mut Meta, label: &str, value: &str) -> bool {
    if label == "关键词" {
        if meta.keywords.is_empty() {
            meta.keywords = value
                .split([';', '\u{ff1b}'])
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(String::from)
                .collect();
        }
        return true;
    }
    match text_field(meta, label) {
        Some(field) => {
            if field.is_empty() {
                *field = value.to_string();
            }
            true
        }
        None => false,
    }
}

fn field_matches(meta: &mut Meta, label: &str, value: &str) -> bool {
    if label == "关键词" {
        let keywords: Vec<&str> = value
            .split([';', '\u{ff1b}'])
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .collect();
        return meta.keywords == keywords;
    }
    text_field(meta, label).is_some_and(|field| field == value)
}

fn text_field<'m>(meta: &'m mut Meta, label: &str) -> Option<&'m mut String> {
    Some(match label {
        "索引号" => &mut meta.index_number,
        "主题分类" => &mut meta.subject,
        "成文日期" => &mut meta.written_date,
        "发布日期" => &mut meta.published_date,
        "发文机关" => &mut meta.issuer,
        "发文字号" => &mut meta.doc_number,
        "有效性" => &mut meta.validity,
        "政策咨询部门" => &mut meta.consult_department,
        "政策咨询电话" => &mut meta.consult_phone,
        "规范性文件号" => &mut meta.normative_number,
        _ => return None,
    })
}
