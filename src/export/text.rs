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
