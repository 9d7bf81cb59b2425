//! Every piece of the app's UI wording, in one place so it can be reviewed and changed together:
//! this module for the shell and the list, a submodule per area. The core's own wording (errors
//! and labels it returns) lives in its modules' `text` (`ledger::text`, `overview::text`, …).

pub(crate) mod annotate;
pub(crate) mod document_bar;
pub(crate) mod documents;
pub(crate) mod exchange;
pub(crate) mod overview;
pub(crate) mod report;

use luoshi::query::Role;
use luoshi::TaskNumber;

pub const APP_NAME: &str = "落实";
/// The footer, after the edition.
pub const DATA_STAYS_LOCAL: &str = " · 数据只保存在本机浏览器，不上传";
pub const EDITION_WEB: &str = "网页版";
pub const EDITION_SINGLE_FILE: &str = "单文件版";
pub const PREFS_UNAVAILABLE: &str = "浏览器不允许本地存储，本单位设置不会被记住。";
pub const PREFS_UNREADABLE: &str = "已保存的偏好设置无法读取，已保留原数据。";
pub const PREFS_WRITE_FAILED: &str = "本单位设置未能保存（浏览器存储已满或被禁止）。";
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

pub fn task_ordinal(number: TaskNumber) -> String {
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

pub fn warning_line(line: usize, message: &str) -> String {
    format!("第 {line} 行：{message}")
}

// Find: facets, search, chips, my unit, paging.
pub const FILTERS_LABEL: &str = "筛选";
pub const FACET_SECTION: &str = "部分";
pub const FACET_UNIT: &str = "责任单位";
pub const FACET_STATUS: &str = "状态";
pub const FACET_TARGETS: &str = "量化指标";
pub const FACET_REPORT: &str = "本期进展报告";
pub const FACET_LIGHT: &str = "预警";
pub const FACET_SUPERVISED: &str = "督办";
pub const REPORT_PERIOD: &str = "报告期";
pub const HAS_TARGETS: &str = "有量化指标";
pub const NO_TARGETS_FACET: &str = "无量化指标";
pub const HAS_REPORT: &str = "已报送";
pub const NO_REPORT: &str = "未报送";
pub const ROLE_LABEL: &str = "单位角色";
pub const MORE_UNITS: &str = "更多单位";
pub const FEWER_UNITS: &str = "收起";
pub const FILTER_UNITS: &str = "查找单位";
pub const FILTER_UNITS_PLACEHOLDER: &str = "输入单位名称";
pub const NO_UNIT_MATCH: &str = "没有这个单位";
pub const SEARCH_LABEL: &str = "搜索任务";
pub const SEARCH_PLACEHOLDER: &str = "搜索任务、单位、指标，或输入序号";
/// Beside the search box on devices with a keyboard: `/` focuses it.
pub const SEARCH_KEY_HINT: &str = "按 / 搜索";
pub const SORT_LABEL: &str = "排序";
pub const CLEAR_FILTERS: &str = "清除筛选";
pub const ACTIVE_FILTERS: &str = "当前筛选";
pub const NO_MATCH: &str = "没有符合条件的任务";
pub const NO_MATCH_HINT: &str = "换个关键词，或减少筛选条件。";
pub const SHOW_ALL_TASKS: &str = "全部任务";
pub const MY_UNIT_LABEL: &str = "本单位";
pub const PICK_MY_UNIT: &str = "设置本单位";
pub const PICK_MY_UNIT_NONE: &str = "选择本单位…";
pub const CHANGE_MY_UNIT: &str = "更换";
pub const SHOW_MORE: &str = "显示更多";
pub const KEYBOARD_HINT: &str = "快捷键：/ 搜索 · Esc 清除 · j/k 或 ↑/↓ 选择 · Enter 打开";
pub const TASK_KEYBOARD_HINT: &str = "快捷键：j/→ 下一项 · k/← 上一项 · Esc 返回列表";
pub const UNIT_PANEL_LEADS: &str = "牵头";
pub const UNIT_PANEL_JOINS: &str = "参与";
pub const UNIT_PANEL_GROUPS: &str = "另经由";
pub const UNIT_PANEL_MEMBERS: &str = "包括";
pub const UNKNOWN_UNIT: &str = "本文档中没有这个单位。";
pub const UNIT_PANEL_ALL_ROLES: &str = "全部";

pub const MENU: &str = "菜单";
pub const MENU_CLOSE: &str = "收起菜单";
pub const SKIP_LINKS_LABEL: &str = "跳转";
pub const SKIP_TO_MAIN: &str = "跳到正文";
pub const SKIP_TO_FILTERS: &str = "跳到筛选";

/// After a facet value's visible count, for screen readers only ("… 6 项").
pub const FACET_COUNT_UNIT: &str = " 项";

pub fn shown_count(shown: usize, total: usize) -> String {
    format!("显示 {shown} / {total} 项")
}

pub fn only_mine(count: Option<usize>) -> String {
    match count {
        Some(count) => format!("只看本单位（{count}）"),
        None => "只看本单位".to_string(),
    }
}

pub fn my_unit_is(unit: &str) -> String {
    format!("本单位：{unit}")
}

pub fn jump_to(number: TaskNumber) -> String {
    format!("跳转到第 {number} 项（Enter）")
}

pub fn jump_missing(number: TaskNumber) -> String {
    format!("没有第 {number} 项任务，已按文字搜索。")
}

pub fn more_units(count: usize) -> String {
    format!("{MORE_UNITS}（共 {count} 个）")
}

pub fn remove_filter(what: &str) -> String {
    format!("移除筛选：{what}")
}

pub fn clear_filters(count: usize) -> String {
    format!("{CLEAR_FILTERS}（{count}）")
}

pub fn show_more(remaining: usize) -> String {
    format!("{SHOW_MORE}（还有 {remaining} 项）")
}

pub fn search_chip(text: &str) -> String {
    format!("搜索：{text}")
}

pub fn facet_chip(facet: &str, value: &str) -> String {
    format!("{facet}：{value}")
}

pub fn role_chip(role: Role) -> String {
    format!("单位角色：{}", role.label())
}

pub fn unit_panel_count(label: &str, count: usize) -> String {
    format!("{label} {count} 项")
}

// Responsible leaders (责任领导), shown only for documents that name them.
pub const FACET_LEADER: &str = "责任领导";
pub const COL_LEADERS: &str = "责任领导";

/// The task page heading's number: the running number (第 14 项) when the document numbers its
/// tasks straight through, else the number as the document prints it (二-3, 一(二)-1).
pub fn task_heading_number(number: TaskNumber, label: &str) -> String {
    if label.is_empty() || label == number.to_string() {
        task_ordinal(number)
    } else {
        label.to_string()
    }
}

/// For a printed label that is not the running number: where the task sits in the whole list.
pub fn running_number(number: TaskNumber) -> String {
    format!("（全文第 {number} 项）")
}
