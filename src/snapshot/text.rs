//! Every Chinese sentence the snapshot code shows to people, kept together for review.

use super::import::{ImportErrorKind, MAX_DEPTH, MAX_FILE_BYTES};
use crate::document::TaskNumber;

pub const LOCATION_ENVELOPE: &str = "文件";

pub fn location_task(number: u64) -> String {
    format!("任务 {number} ")
}

pub fn location_task_index(index: usize) -> String {
    format!("第 {index} 个任务")
}

pub const KIND_NEW: &str = "新增";
pub const KIND_UPDATED: &str = "更新";
pub const KIND_CONFLICTING: &str = "冲突";

/// 两者都保留 for a previewed conflict (see `ledger::text::both_kept`).
pub fn both_kept(change: &super::FieldChange) -> String {
    crate::ledger::text::both_kept(
        (&change.mine_by, &change.mine_at, &change.mine_text),
        (
            &change.reported_by,
            &change.reported_at,
            &change.theirs_text,
        ),
    )
}

pub fn warn_moved_to_unit_entries(file_name: &str, tasks: &[TaskNumber]) -> String {
    let list: Vec<String> = tasks.iter().map(|t| format!("第{t}项")).collect();
    format!(
        "「{file_name}」来自按单位分别填报之前的版本：{} 中由参与或配合单位直接写在任务汇总上的内容，已归入该单位自己的填报，牵头单位的汇总保持原样。",
        list.join("、")
    )
}

/// Who made a change recorded without a name (legacy data).
pub const UNKNOWN_PERSON: &str = "未署名";

/// `「file.json」无法导入：…`
pub fn import_error(file_name: &str, kind: &ImportErrorKind) -> String {
    let reason = match kind {
        ImportErrorKind::TooLarge { bytes } => format!(
            "文件过大（{:.1} MB），超过 {} MB 的上限",
            *bytes as f64 / (1024.0 * 1024.0),
            MAX_FILE_BYTES / (1024 * 1024)
        ),
        ImportErrorKind::Empty => "文件是空的".to_string(),
        ImportErrorKind::NotUtf8 { utf16: true, .. } => {
            "文件是 UTF-16 编码，请导入落实导出的原始文件（UTF-8）".to_string()
        }
        ImportErrorKind::NotUtf8 { offset, .. } => {
            format!(
                "文件不是 UTF-8 文本（第 {} 个字节起无法识别），可能不是落实导出的文件",
                offset + 1
            )
        }
        ImportErrorKind::TooDeep => {
            format!("文件嵌套层级过深（超过 {MAX_DEPTH} 层），不是落实导出的文件")
        }
        ImportErrorKind::Truncated { line, column } => {
            format!("文件不完整，在第 {line} 行第 {column} 列意外结束，可能下载或复制时被截断")
        }
        ImportErrorKind::Syntax { line, column } => {
            format!("文件内容有误（第 {line} 行第 {column} 列），可能被改动过或不是落实导出的文件")
        }
        ImportErrorKind::WrongFormat { .. } => "这不是落实导出的进展文件或完整备份".to_string(),
        ImportErrorKind::DamagedBackup { detail } => format!("这份完整备份已损坏（{detail}）"),
        ImportErrorKind::BackupOfOtherDocument => {
            "这是另一份文件的台账备份，请先打开它所属的文件再恢复".to_string()
        }
        ImportErrorKind::TooNew { version } => {
            format!("此文件由更新版本的落实导出（版本 {version}），请先升级")
        }
        ImportErrorKind::BadVersion => "文件缺少有效的格式版本号".to_string(),
        ImportErrorKind::WrongType {
            location, allowed, ..
        } if allowed.is_empty() => {
            format!("{location}的内容无法读取，可能不是落实导出的原始文件")
        }
        ImportErrorKind::WrongType {
            location,
            field,
            found,
            allowed,
        } if field.is_empty() => format!(
            "{}{}",
            location.trim_end(),
            field_problem("", found.as_deref(), allowed)
        ),
        ImportErrorKind::WrongType {
            location,
            field,
            found,
            allowed,
        } => format!(
            "{location}的{}",
            field_problem(field, found.as_deref(), allowed)
        ),
        ImportErrorKind::InvalidValue { task, detail } => format!("任务 {task} 的{detail}"),
        ImportErrorKind::DuplicateTask { task } => format!("任务 {task} 在文件中出现了两次"),
        ImportErrorKind::OtherDocument { title, doc_number } => {
            let name = match (title.trim(), doc_number.trim()) {
                ("", "") => "另一份文件".to_string(),
                (title, "") => format!("《{title}》"),
                ("", number) => number.to_string(),
                (title, number) => format!("《{title}》（{number}）"),
            };
            format!("它属于{name}，与当前文件不同")
        }
    };
    format!("「{file_name}」无法导入：{reason}")
}

pub fn warn_fingerprint_differs(file_name: &str) -> String {
    format!(
        "「{file_name}」来自标题和文号相同、但文字有出入的文件版本，已按任务序号对应导入，请核对"
    )
}

/// `2099-01-01T09:00:00+08:00` → `2099-01-01 09:00`.
fn short_time(stamp: &str) -> String {
    match (stamp.get(0..10), stamp.get(11..16)) {
        (Some(date), Some(time)) => format!("{date} {time}"),
        _ => stamp.to_string(),
    }
}

pub fn warn_future_timestamps(
    file_name: &str,
    tasks: &[TaskNumber],
    found: &str,
    now: &str,
) -> String {
    let which = if tasks.is_empty() {
        "的导出时间".to_string()
    } else {
        let list: Vec<String> = tasks.iter().map(ToString::to_string).collect();
        format!("中任务 {} 的填报时间", list.join("、"))
    };
    format!(
        "「{file_name}」{which}晚于现在（最晚为 {}），可能是对方电脑时间有误，已按导入时间 {} 记录",
        short_time(found),
        short_time(now)
    )
}

pub fn warn_full_backup(file_name: &str) -> String {
    format!("「{file_name}」是完整备份：下面列出它与当前台账不同之处，确认后恢复；恢复后可撤销")
}

pub fn warn_unknown_tasks(file_name: &str, numbers: &[TaskNumber]) -> String {
    let list: Vec<String> = numbers.iter().map(ToString::to_string).collect();
    format!(
        "「{file_name}」中的任务 {} 在当前文件中不存在，已跳过",
        list.join("、")
    )
}

// Field names and allowed values, for refusals that say which field, what was found and what is
// allowed: `任务 2 的进度是 -5，应为 0–100 的整数`.

pub const FIELD_TASKS: &str = "任务列表";
pub const FIELD_DOCUMENT: &str = "所属文件";
pub const FIELD_TITLE: &str = "标题";
pub const FIELD_DOC_NUMBER: &str = "发文字号";
pub const FIELD_FINGERPRINT: &str = "文件指纹";
pub const FIELD_EXPORTED_AT: &str = "导出时间";
pub const FIELD_EXPORTED_BY: &str = "导出人";
pub const FIELD_NAME: &str = "姓名";
pub const FIELD_UNIT: &str = "单位";
pub const FIELD_SCOPE: &str = "导出范围";
pub const FIELD_QUERY: &str = "筛选条件";
pub const FIELD_SCOPE_TASKS: &str = "任务序号";
pub const FIELD_CADENCE: &str = "填报周期";
pub const FIELD_AS_OF: &str = "评估日期";
pub const FIELD_NUMBER: &str = "序号";
pub const FIELD_SECTION: &str = "所属部分";
pub const FIELD_TEXT: &str = "任务内容";
pub const FIELD_LEAD_UNITS: &str = "牵头单位";
pub const FIELD_PARTICIPATING_UNITS: &str = "参与单位";
pub const FIELD_TARGETS: &str = "指标";
pub const FIELD_TARGET: &str = "指标";
pub const FIELD_TARGET_TEXT: &str = "指标内容";
pub const FIELD_TARGET_VALUE: &str = "目标值";
pub const FIELD_TARGET_MAX: &str = "目标上限";
pub const FIELD_TARGET_UNIT: &str = "计量单位";
pub const FIELD_COMPARATOR: &str = "比较方式";
pub const FIELD_POSITION: &str = "在原文中的位置";
/// The task's own entry; its fields are named directly (`任务 2 的进度`).
pub const FIELD_ANNOTATION: &str = "填报内容";
pub const FIELD_STATUS: &str = "状态";
pub const FIELD_REASON: &str = "原因";
pub const FIELD_PROGRESS: &str = "进度";
pub const FIELD_REPORTS: &str = "进展报告";
pub const FIELD_PROGRESS_TEXT: &str = "工作进展";
pub const FIELD_PROBLEMS: &str = "存在问题";
pub const FIELD_NEXT_STEPS: &str = "下步计划";
pub const FIELD_ACTUALS: &str = "指标完成值";
pub const FIELD_ADDED_TARGETS: &str = "补充指标";
pub const FIELD_ACTUAL: &str = "完成值";
pub const FIELD_HIDDEN: &str = "隐藏标记";
pub const FIELD_HIDDEN_TARGETS: &str = "已隐藏的指标";
pub const FIELD_OWNER: &str = "责任人";
pub const FIELD_PHONE: &str = "联系电话";
pub const FIELD_DUE: &str = "完成时限";
pub const FIELD_NOTES: &str = "备注";
pub const FIELD_KEY: &str = "重点标记";
pub const FIELD_SUPERVISED: &str = "挂牌督办标记";
pub const FIELD_UPDATED_AT: &str = "更新时间";
pub const FIELD_HISTORY: &str = "修改记录";
pub const FIELD_UNITS: &str = "各单位填报";
pub const FIELD_WHO: &str = "修改人";
pub const FIELD_AT: &str = "修改时间";
pub const FIELD_FIELD: &str = "修改的字段";
pub const FIELD_OLD: &str = "原值";
pub const FIELD_NEW: &str = "新值";
pub const MAP_KEY_SUFFIX: &str = "编号";

pub const ALLOWED_TEXT: &str = "文字";
pub const ALLOWED_BOOL: &str = "是或否";
pub const ALLOWED_NUMBER: &str = "数字";
pub const ALLOWED_PROGRESS: &str = "0–100 的整数";
pub const ALLOWED_COUNT: &str = "不小于 0 的整数";
pub const ALLOWED_INDEX: &str = "不小于 0 的整数";
pub const ALLOWED_INT_KEY: &str = "整数";
pub const ALLOWED_DATE: &str = "真实存在的日期，写作 2023-12-31 这样";
pub const ALLOWED_STATUS: &str = "未启动、序时推进、超序时、滞后、已完成或其他（附原因）之一";
pub const ALLOWED_NO_REASON: &str = "空（只有“其他”状态带原因）";
pub const ALLOWED_SCOPE: &str = "全部任务或某个筛选视图";
pub const ALLOWED_CADENCE: &str = "按季度或按月";
pub const ALLOWED_COMPARATOR: &str = "以上、以内、左右、突破、达到或余之一";
pub const ALLOWED_OBJECT: &str = "一组字段";
pub const ALLOWED_TASKS: &str = "任务的列表";

pub const FOUND_NULL: &str = "空值";
pub const FOUND_TRUE: &str = "“是”";
pub const FOUND_FALSE: &str = "“否”";
pub const FOUND_LIST: &str = "一个列表";
pub const FOUND_OBJECT: &str = "一组字段";

/// A text value as found, quoted and cut to 30 characters.
pub fn found_text(text: &str) -> String {
    let mut cut: String = text.chars().take(30).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    format!("文字“{cut}”")
}

pub fn allowed_or_empty(allowed: &str) -> String {
    format!("{allowed}或留空")
}

pub fn allowed_list(item: &str) -> String {
    format!("由{item}组成的列表")
}

/// `修改记录第 3 条`
pub fn list_item(list: &str, position: usize) -> String {
    format!("{list}第 {position} 条")
}

/// `进展报告（2023年第二季度）`
pub fn map_entry(map: &str, key: &str) -> String {
    format!("{map}（{key}）")
}

/// A ledger rule the annotation breaks, after `任务 N 的`: the field and what it holds where the
/// rule names one field.
pub fn rule_broken(
    annotation: &crate::ledger::Annotation,
    error: crate::ledger::LedgerError,
) -> String {
    use crate::ledger::{LedgerError, Status};
    match error {
        LedgerError::InvalidPhone => format!(
            "{FIELD_PHONE}是{}，{}",
            found_text(&annotation.phone),
            error.message()
        ),
        LedgerError::EmptyOtherReason if matches!(annotation.status, Status::Other(_)) => {
            format!("{FIELD_STATUS}是“其他”但没有写原因，应写明原因")
        }
        LedgerError::ProgressRange => field_problem(
            FIELD_PROGRESS,
            Some(&annotation.progress.to_string()),
            ALLOWED_PROGRESS,
        ),
        _ => format!("数据有误：{}", error.message()),
    }
}

/// `进度是 -5，应为 0–100 的整数` / `标题缺失，应为文字` (after `任务 2 的`).
pub fn field_problem(field: &str, found: Option<&str>, allowed: &str) -> String {
    // A space between Chinese and a figure, as in the rest of the app's text.
    let spaced = |text: &str| match text.chars().next() {
        Some(c) if c.is_ascii() => format!(" {text}"),
        _ => text.to_string(),
    };
    match found {
        Some(found) => format!("{field}是{}，应为{}", spaced(found), spaced(allowed)),
        None => format!("{field}缺失，应为{}", spaced(allowed)),
    }
}
