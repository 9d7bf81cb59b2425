//! Chinese words in reports, kept together for review.

use crate::period::{Date, Period};

pub const MET: &str = "已达成";
pub const NOT_MET: &str = "未达成";
pub const NO_ACTUAL: &str = "未填报完成值";
pub const UNTITLED: &str = "落实台账";
pub const SHEET_NAME: &str = "督办台账";

pub fn as_of(date: Date, period: Period) -> String {
    format!("截至 {date}（{}）", period.label())
}

/// The XLSX title row: `《…》督办台账　截至 2023-06-30（2023年第二季度）`.
pub fn sheet_title(title: &str, as_of: &str) -> String {
    format!("{title} 督办台账　{as_of}")
}

pub fn too_large(detail: &str) -> String {
    format!("台账过大，无法写入表格：{detail}")
}

pub const UNITS_SHEET_NAME: &str = "报送情况";
pub const REPORT_SHEET_NAME: &str = "进展汇总";

/// The ledger sheet's title: `{document title}督办台账`, or `…督办台账（区科技局）` for a unit's sheet.
pub fn ledger_title(title: &str, unit: Option<&str>) -> String {
    match unit {
        Some(unit) => format!("{title}督办台账（{unit}）"),
        None => format!("{title}督办台账"),
    }
}

/// The line the Excel round trip reads back.
pub fn identification(fingerprint: &str, unit: &str, periods: &str) -> String {
    if unit.is_empty() {
        format!("导入标识：文档 {fingerprint}；报告期 {periods}")
    } else {
        format!("导入标识：文档 {fingerprint}；单位 {unit}；报告期 {periods}")
    }
}

/// `2023年第二季度已报送`.
pub fn reported_heading(period: &str) -> String {
    format!("{period}已报送")
}

/// The 报送情况 sheet's title.
pub fn units_title(as_of: &str) -> String {
    format!("各单位报送情况　{as_of}")
}
