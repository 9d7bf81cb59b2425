//! Every Chinese sentence the snapshot code shows to people, kept together for review.

use super::import::{ImportErrorKind, MAX_DEPTH, MAX_FILE_BYTES};
use crate::document::TaskNumber;

pub const LOCATION_ENVELOPE: &str = "文件头";

pub fn location_task(number: u64) -> String {
    format!("任务 {number}")
}

pub fn location_task_index(index: usize) -> String {
    format!("第 {index} 个任务")
}

pub const KIND_NEW: &str = "新增";
pub const KIND_UPDATED: &str = "更新";
pub const KIND_CONFLICTING: &str = "冲突";

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
            format!("文件格式有误（第 {line} 行第 {column} 列不是有效的 JSON）")
        }
        ImportErrorKind::WrongFormat { found: Some(found) } if found == crate::store::FORMAT => {
            "这是浏览器保存的台账数据，不是导出的快照文件".to_string()
        }
        ImportErrorKind::WrongFormat { .. } => "这不是落实导出的快照文件".to_string(),
        ImportErrorKind::TooNew { version } => {
            format!("此文件由更新版本的落实导出（版本 {version}），请先升级")
        }
        ImportErrorKind::BadVersion => "文件缺少有效的格式版本号".to_string(),
        ImportErrorKind::WrongType { location, detail } => {
            format!("{location} 的内容格式不对：{}", serde_detail(detail))
        }
        ImportErrorKind::InvalidValue { task, detail } => {
            format!("任务 {task} 的数据有误：{detail}")
        }
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

pub fn warn_unknown_tasks(file_name: &str, numbers: &[TaskNumber]) -> String {
    let list: Vec<String> = numbers.iter().map(ToString::to_string).collect();
    format!(
        "「{file_name}」中的任务 {} 在当前文件中不存在，已跳过",
        list.join("、")
    )
}

/// serde_json's reasons in Chinese, keeping the field or value it names (the rest is technical
/// detail for whoever made the file, left as written).
pub fn serde_detail(detail: &str) -> String {
    let detail = detail.split(" at line ").next().unwrap_or(detail);
    let quoted = |text: &str| {
        text.split('`')
            .nth(1)
            .map_or_else(String::new, str::to_string)
    };
    if detail.starts_with("missing field") {
        format!("缺少字段 {}", quoted(detail))
    } else if detail.starts_with("unknown variant") {
        format!("无法识别的取值 {}", quoted(detail))
    } else if let Some(rest) = detail.strip_prefix("invalid type: ") {
        let found = rest.split(", expected").next().unwrap_or(rest);
        format!("类型不对（{found}）")
    } else if let Some(rest) = detail.strip_prefix("invalid value: ") {
        let found = rest.split(", expected").next().unwrap_or(rest);
        format!("取值无效（{found}）")
    } else if detail.starts_with("not a YYYY-MM-DD date") {
        format!(
            "日期无效（{}）",
            detail.trim_start_matches("not a YYYY-MM-DD date: ")
        )
    } else {
        detail.to_string()
    }
}
