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

/// The ledger sheet's title: `{document title}督办台账`, `…督办台账（区科技局）` for a unit's
/// sheet; a workbook of several periods names them: `…督办台账（全年）`, `…督办台账（区科技局，全年）`.
pub fn ledger_title(title: &str, unit: Option<&str>, periods: Option<&str>) -> String {
    match (unit, periods) {
        (Some(unit), Some(periods)) => format!("{title}督办台账（{unit}，{periods}）"),
        (Some(unit), None) => format!("{title}督办台账（{unit}）"),
        (None, Some(periods)) => format!("{title}督办台账（{periods}）"),
        (None, None) => format!("{title}督办台账"),
    }
}

/// The line the Excel round trip reads back.
pub fn identification(fingerprint: &str, unit: &str, periods: &str, exported_at: &str) -> String {
    let mut line = format!("{IDENTIFICATION_PREFIX}文档 {fingerprint}");
    if !unit.is_empty() {
        line.push_str(&format!("；单位 {unit}"));
    }
    line.push_str(&format!("；报告期 {periods}"));
    if !exported_at.is_empty() {
        line.push_str(&format!("；导出时间 {exported_at}"));
    }
    line
}

pub const IDENTIFICATION_PREFIX: &str = "导入标识：";

pub const NO_LEDGER_SHEET: &str = "工作簿中没有工作表。";
pub const NO_IDENTIFICATION: &str = "不是由本系统导出的督办台账（缺少“导入标识”行），无法确定所属文件和报送单位。请用“导出 Excel 台账”生成本单位的表格，填写后再导入。";
pub const OTHER_DOCUMENT: &str = "这份台账属于另一份任务文件，与当前打开的文件不符，未导入。";
pub const NO_UNIT: &str =
    "表格未写明报送单位。请在任务列表中筛选出一个单位后导出该单位的台账，填写后再导入。";
pub const NO_PERIODS: &str = "表格的“导入标识”行缺少报告期，无法确定进展属于哪一期。";
pub const NO_HEADER: &str = "找不到表头（以“序号”开头的一行），表格结构可能被改动。";
pub const BAD_STATUS: &str =
    "无法识别的完成情况，可填：未启动、序时推进、超序时、滞后、已完成，或“其他：原因”";
pub const BAD_PROGRESS: &str = "进度应为 0–100 的数字或百分比（如 60 或 60%）";
pub const BAD_DUE: &str = "完成时限应为日期（如 2023-12-31）";

/// `文件中没有第 99 项任务`.
pub fn unknown_task(number: u32) -> String {
    format!("当前文件中没有第 {number} 项任务")
}

/// `H7（第1项，2023年第二季度 进度）“六成”：进度应为 …`.
pub fn cell_error(
    cell: &str,
    task: Option<u32>,
    column: &str,
    value: &str,
    reason: &str,
) -> String {
    match task {
        Some(task) => format!("{cell}（第{task}项，{column}）“{value}”：{reason}"),
        None => format!("{cell}（{column}）“{value}”：{reason}"),
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

pub const SHEET_UNCHANGED: &str = "表格中没有与台账不同的内容，无需导入。";

pub const TARGETS_SHEET_NAME: &str = "指标完成";

/// The 指标完成 sheet's title: `{document title}指标完成情况`, `…（区科技局）` for a unit's sheet.
pub fn targets_title(title: &str, unit: Option<&str>) -> String {
    match unit {
        Some(unit) => format!("{title}指标完成情况（{unit}）"),
        None => format!("{title}指标完成情况"),
    }
}

pub const TARGETS_HOW_TO: &str =
    "请在“实际完成值”列（浅黄色）填写数字，如 300 或 12.5，单位见“单位”列（百分比指标填 85 或 85%）；完成率自动计算。其他列请勿改动。";
pub const ACTUAL_PROMPT: &str = "请填写数字，如 300 或 12.5（单位见“单位”列）";
pub const NO_TARGETS: &str = "所列任务中没有可量化的指标。";
pub const BAD_ACTUAL: &str = "实际完成值应为数字（如 300 或 12.5），不能含文字";
pub const UNKNOWN_TARGET: &str = "找不到这项指标：指标序号和指标原文与当前台账不符";

/// `指标“新增2家市级以上重点实验室” 实际完成值` (the target's text cut to 20 characters).
pub fn actual_column(target: &str) -> String {
    let mut short: String = target.chars().take(20).collect();
    if target.chars().count() > 20 {
        short.push('…');
    }
    format!("指标“{short}” 实际完成值")
}

/// `2023年全年` when the periods are the whole year, else `2023年第一季度至2023年第三季度`
/// (consecutive) or the labels joined by `、`.
pub fn periods_label(periods: &[Period]) -> String {
    match periods {
        [] => String::new(),
        [one] => one.label(),
        [first, .., last] => {
            let year = first.last_day().year;
            if *periods == Period::of_year(year, first.cadence())[..] {
                return format!("{year}年全年");
            }
            let consecutive = periods.windows(2).all(|w| w[0].next() == w[1]);
            if consecutive {
                format!("{}至{}", first.label(), last.label())
            } else {
                periods
                    .iter()
                    .map(|p| p.label())
                    .collect::<Vec<_>>()
                    .join("、")
            }
        }
    }
}
