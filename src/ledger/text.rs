//! Every Chinese word the ledger core shows to people, kept together so wording is reviewed in one place.

use super::ReportField;
use crate::period::Period;

pub const STATUS_NOT_STARTED: &str = "未启动";
pub const STATUS_ON_SCHEDULE: &str = "序时推进";
pub const STATUS_AHEAD: &str = "超序时";
pub const STATUS_BEHIND: &str = "滞后";
pub const STATUS_DONE: &str = "已完成";
pub const STATUS_OTHER: &str = "其他";

pub const REPORT_PROGRESS_TEXT: &str = "工作进展";
pub const REPORT_PROBLEMS: &str = "存在问题";
pub const REPORT_NEXT_STEPS: &str = "下步计划";

pub const YES: &str = "是";
pub const NO: &str = "否";

pub const LIGHT_GREEN: &str = "绿灯";
pub const LIGHT_YELLOW: &str = "黄灯";
pub const LIGHT_RED: &str = "红灯";
pub const LIGHT_DONE: &str = "已完成";
pub const LIGHT_ON_TRACK: &str = "符合序时";
/// An untouched task (still 未启动 at 0%): no light yet.
pub const LIGHT_UNREPORTED: &str = "未填报";

/// 状态为已完成，但进度只有 40%
pub fn inconsistent_done(progress: u8) -> String {
    format!("状态为已完成，但进度只有 {progress}%")
}

/// 状态为未启动，但进度已填 30%
pub fn inconsistent_not_started(progress: u8) -> String {
    format!("状态为未启动，但进度已填 {progress}%")
}

/// 状态为序时推进，但进度落后序时 40 个百分点（红灯）
pub fn inconsistent_claims_on_track(status: &str, gap: &str, light: &str) -> String {
    format!("状态为{status}，但进度落后序时 {gap} 个百分点（{light}）")
}

/// 状态为滞后，但进度已达到序时进度 50%
pub fn inconsistent_behind(expected: &str) -> String {
    format!("状态为滞后，但进度已达到序时进度 {expected}%")
}

/// Before a consistency finding in the row and the task page.
pub const INCONSISTENT_PREFIX: &str = "请核对：";

pub const ERR_PROGRESS_RANGE: &str = "进度须为 0–100 之间的整数";
pub const ERR_NOT_A_NUMBER: &str = "请输入数字";
pub const ERR_OTHER_REASON: &str = "选择“其他”时请填写原因";
pub const ERR_TARGET_TEXT: &str = "请填写指标内容";
pub const ERR_TARGET_RANGE: &str = "指标上限不能小于下限";
pub const ERR_PHONE: &str = "联系电话只能包含数字、空格、“-”、“+”和括号";
pub const ERR_DATE: &str = "请输入日期，格式如 2023-06-30";
pub const ERR_UNKNOWN_TARGET: &str = "找不到该指标，可能已被其他窗口修改";
pub const ERR_UNKNOWN_FIELD: &str = "无法识别的字段";

/// Besides digits, what a 联系电话 may contain (extensions are written 转).
pub const PHONE_PUNCTUATION: &str = " -+()（）转";

pub const EXPORT_NEVER: &str = "尚未导出";
pub const EXPORT_TODAY: &str = "上次导出: 今天";

pub fn status_other(reason: &str) -> String {
    format!("{STATUS_OTHER}：{reason}")
}

pub fn report_field(field: ReportField) -> &'static str {
    match field {
        ReportField::ProgressText => REPORT_PROGRESS_TEXT,
        ReportField::Problems => REPORT_PROBLEMS,
        ReportField::NextSteps => REPORT_NEXT_STEPS,
    }
}

pub fn behind_schedule(points: &str) -> String {
    format!("落后序时 {points} 个百分点")
}

pub fn expected_progress(expected: &str) -> String {
    format!("序时进度 {expected}%")
}

pub fn exported_days_ago(days: i64) -> String {
    if days <= 0 {
        EXPORT_TODAY.to_string()
    } else {
        format!("上次导出: {days} 天前")
    }
}

pub fn export_reminder_never() -> String {
    "台账有修改但尚未导出，建议导出备份".to_string()
}

pub fn export_reminder_days(days: i64) -> String {
    format!("距上次导出已 {days} 天，期间有修改，建议导出备份")
}

/// A person-readable name for a field path (see `Annotation::fields`), e.g. `2023年第二季度 工作进展`.
pub fn field_label(path: &str) -> String {
    if let Some((unit, field)) = super::units::split_unit_path(path) {
        return format!("{unit} {}", field_label(field));
    }
    let parts: Vec<&str> = path.split('.').collect();
    match parts.as_slice() {
        ["status"] => "状态".into(),
        ["progress"] => "进度".into(),
        ["owner"] => "责任人".into(),
        ["phone"] => "联系电话".into(),
        ["due"] => "完成时限".into(),
        ["notes"] => "备注".into(),
        ["key"] => "重点".into(),
        ["supervised"] => "挂牌督办".into(),
        ["report", period, field] => {
            let period = Period::parse(period).map_or_else(|| (*period).to_string(), Period::label);
            let field = ReportField::from_key(field)
                .map_or_else(|| (*field).to_string(), |f| report_field(f).to_string());
            format!("{period} {field}")
        }
        ["actual", index] => format!("指标{} 实际值", target_ordinal(index)),
        ["hidden", index] => format!("指标{} 隐藏", target_ordinal(index)),
        ["added", _] => "新增指标".into(),
        ["added", _, "actual"] => "新增指标 实际值".into(),
        ["added", _, "hidden"] => "新增指标 隐藏".into(),
        _ => path.to_string(),
    }
}

/// Parser targets are stored 0-based but shown 1-based.
fn target_ordinal(index: &str) -> String {
    index
        .parse::<usize>()
        .map_or_else(|_| index.to_string(), |i| (i + 1).to_string())
}

/// 两者都保留: both texts of a conflict, each under who wrote it (unit and name) and the date.
pub fn both_kept(this: (&super::Who, &str, &str), that: (&super::Who, &str, &str)) -> String {
    let by = |who: &super::Who, at: &str| {
        let name = [who.unit.trim(), who.name.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let name = if name.is_empty() {
            "未署名".to_string()
        } else {
            name
        };
        match at.get(0..10) {
            Some(date) => format!("【{name}，{date}】"),
            None => format!("【{name}】"),
        }
    };
    format!(
        "{}{}\n{}{}",
        by(this.0, this.1),
        this.2,
        by(that.0, that.1),
        that.2
    )
}
