//! Every piece of UI wording, in one place so it can be reviewed and changed together.

use luoshi::query::Role;
use luoshi::TaskNumber;

pub const APP_NAME: &str = "落实";
pub const APP_SUBTITLE: &str = "重点工作任务台账";

pub const DOC_NUMBER: &str = "发文字号";
pub const ISSUER: &str = "发文机关";
pub const WRITTEN_DATE: &str = "成文日期";
pub const NOT_GIVEN: &str = "—";

pub const COL_NUMBER: &str = "序号";
pub const COL_TASK: &str = "任务";
pub const COL_LEAD: &str = "牵头单位";
pub const COL_PARTICIPATING: &str = "参与单位";
pub const COL_TARGETS: &str = "量化指标";

pub const NO_TASKS: &str = "文档中没有识别出任务。";
pub const UNIT_SEPARATOR: &str = "、";
pub const BACK_TO_LIST: &str = "返回任务列表";
pub const PREVIOUS_TASK: &str = "上一项";
pub const NEXT_TASK: &str = "下一项";
pub const OPEN_TASK_PAGE: &str = "打开任务页";
pub const CLEAR_UNIT_FILTER: &str = "显示全部任务";
pub const TARGETS_HEADING: &str = "量化指标";
pub const NO_TARGETS: &str = "本任务没有识别出量化指标。";
pub const SECTION_LABEL: &str = "所属部分";
pub const WARNINGS_SUMMARY: &str = "解析提示";
pub const PAGER_LABEL: &str = "任务翻页";

pub fn document_summary(sections: usize, tasks: usize) -> String {
    format!("共 {sections} 个部分、{tasks} 项任务")
}

pub fn section_heading(numeral: &str, title: &str) -> String {
    if numeral.is_empty() {
        title.to_string()
    } else {
        format!("{numeral}、{title}")
    }
}

pub fn section_task_count(count: usize) -> String {
    format!("{count} 项")
}

pub fn target_count(count: usize) -> String {
    if count == 0 {
        NOT_GIVEN.to_string()
    } else {
        format!("{count} 项")
    }
}

pub fn task_label(number: TaskNumber) -> String {
    format!("第 {number} 项")
}

pub fn open_task_label(number: TaskNumber, title: &str) -> String {
    format!("打开第 {number} 项任务：{title}")
}

pub fn task_not_found(number: TaskNumber) -> String {
    format!("没有第 {number} 项任务")
}

pub fn task_range_hint(
    first: Option<TaskNumber>,
    last: Option<TaskNumber>,
    count: usize,
) -> String {
    match (first, last) {
        (Some(first), Some(last)) => {
            format!("本文档共 {count} 项任务，编号 {first}–{last}。链接可能已过期或输入有误。")
        }
        _ => "本文档中没有任务。".to_string(),
    }
}

pub fn unit_filter_heading<'a>(units: impl IntoIterator<Item = &'a String>) -> String {
    let names: Vec<&str> = units.into_iter().map(String::as_str).collect();
    format!("责任单位：{}", names.join(UNIT_SEPARATOR))
}

pub fn unit_filter_count(role: Role, count: usize) -> String {
    let part = match role {
        Role::Lead => "牵头",
        Role::Participate => "参与",
        Role::Any => "牵头或参与",
    };
    format!("{part} {count} 项任务")
}

pub fn warning_line(line: usize, message: &str) -> String {
    format!("第 {line} 行：{message}")
}
