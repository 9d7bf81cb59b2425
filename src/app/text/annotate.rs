//! Every Chinese word of the annotation side (editor, history, ledger bar, storage messages), kept
//! together so wording can be reviewed in one place. Labels of core types (statuses, report fields,
//! lights, errors) come from `luoshi::ledger::text` through the types themselves.

use luoshi::{Comparator, TaskNumber};

// ---- The ledger bar ----
pub const BAR_LABEL: &str = "台账";
pub const UNDO: &str = "撤销";
pub const REDO: &str = "重做";
pub const UNDO_HINT: &str = "撤销上一次修改（Ctrl+Z）";
pub const REDO_HINT: &str = "重做（Ctrl+Shift+Z）";
pub const SAVING: &str = "正在保存…";
pub const NOT_SAVED_YET: &str = "修改会自动保存在本浏览器中";
pub const SAVE_READ_ONLY: &str = "只读，不会保存";
pub const SAVING_OFF: &str = "修改不会保存，请先下载原数据";
pub const SAVE_FAILED_SHORT: &str = "未能保存";
pub const DOWNLOAD_JSON: &str = "下载完整备份";
pub const SETTINGS: &str = "设置";
pub const WHO_LEGEND: &str = "我是…";
pub const WHO_NAME: &str = "姓名";
pub const WHO_UNIT: &str = "单位";
pub const WHO_SAVE: &str = "确定";
pub const WHO_MISSING: &str = "请先在“设置”中填写“我是…”（姓名和单位），修改记录会署上您的名字。";
pub const CADENCE: &str = "报告周期";
pub const AS_OF: &str = "截至日期";
pub const AS_OF_HINT: &str = "留空表示今天；序时进度按此日期计算";
pub const AS_OF_TODAY: &str = "用今天";

/// The hint when today lies outside the document's work year (a 2023 list opened in 2026).
pub fn as_of_work_year_hint(day: &str) -> String {
    format!("留空表示今天；今天不在文件年度内，序时进度按 {day} 计算")
}
pub const DISMISS: &str = "知道了";

pub fn saved_at(time: &str) -> String {
    format!("已保存 {time}")
}

pub fn who_label(name: &str, unit: &str) -> String {
    match (name.is_empty(), unit.is_empty()) {
        (true, true) => UNSIGNED.to_string(),
        (false, true) => name.to_string(),
        (true, false) => unit.to_string(),
        (false, false) => format!("{name}（{unit}）"),
    }
}

pub fn current_user(who: &str) -> String {
    format!("我是：{who}")
}

// ---- Storage problems ----
pub const UNREADABLE_TITLE: &str = "本机保存的台账无法读取";
pub fn unreadable_moved(reason: &str, backup_key: &str) -> String {
    format!("{reason}。原数据没有被覆盖，已原样保留在浏览器存储的“{backup_key}”中；现在从空白台账开始。请下载原数据，交技术人员查看。")
}
pub fn unreadable_kept(reason: &str) -> String {
    format!("{reason}。原数据无法另存备份，仍保留在原处；为免覆盖，本页的修改不会保存。请先下载原数据。")
}
pub const DOWNLOAD_UNREADABLE: &str = "下载无法读取的原数据";
pub const BLOCKED_TITLE: &str = "台账为只读";
pub const QUOTA_TITLE: &str = "浏览器存储空间已满，修改未能保存";
pub const QUOTA_BODY: &str = "您的修改仍保留在本页中，没有丢失，但关闭或刷新本页后会丢失。请立即下载台账备份；清理浏览器存储空间后，下一次修改时会再次尝试保存。";
pub const STORAGE_UNAVAILABLE: &str =
    "浏览器不允许使用本地存储（可能处于隐私模式或已被禁用），修改只保留在本页中。请及时下载台账。";
pub const STORAGE_FAILED: &str = "保存到浏览器时出错，修改只保留在本页中。请下载台账备份。";
pub const DOWNLOAD_FAILED: &str = "无法生成下载文件，请换用其他浏览器重试。";

// ---- The task editor ----
pub const EDITOR_HEADING: &str = "台账填报";
pub const STATUS: &str = "状态";
pub const OTHER_REASON: &str = "其他原因";
pub const OTHER_REASON_PLACEHOLDER: &str = "如：指标调整";
pub const PROGRESS: &str = "进度（%）";
pub const OWNER: &str = "责任人";
pub const PHONE: &str = "联系电话";
pub const DUE: &str = "完成时限";
pub const DUE_PLACEHOLDER: &str = "如 2023-12-31";
pub const NOTES: &str = "备注";
pub const FLAG_KEY: &str = "★重点";
pub const FLAG_SUPERVISED: &str = "挂牌督办";
pub const FLAGS: &str = "标记";
pub const LIGHT_LABEL: &str = "序时进度";
/// Before a status the task's figures contradict: `请核对：状态为已完成，但进度只有 0%`.
pub const CONSISTENCY_PREFIX: &str = "请核对：";
pub const READ_ONLY_NOTE: &str = "台账为只读，不能修改。";

pub const SIGN_HEADING: &str = "请署名：";
pub const SIGN_NOTE: &str =
    "刚才的修改没有署名。填写您的名字和所在单位后，之后的修改都记在您名下（只需填写一次，所有文件通用，也是“本单位”）。";
pub const SIGN_NAME: &str = "您的名字";
pub const SIGN_UNIT: &str = "所在单位";
pub const SIGN_SAVE: &str = "署名";
pub const SIGN_SKIP: &str = "暂不署名";
pub const PULL_IN: &str = "引用到汇总";
pub const PULLED_IN: &str = "已引用";
pub const UNIT_NOT_REPORTED: &str = "（本期未填报）";
pub const THIS_VALUE: &str = "这个（较新）";
pub const THAT_VALUE: &str = "那个（较早）";
pub const KEEP_THIS: &str = "保留这个";
pub const KEEP_THAT: &str = "保留那个";
pub const KEEP_BOTH: &str = "两者都保留";
pub const CONFLICTS_HEADING: &str = "待决定：同一栏目有两份不同的填报";
pub const CONFLICTS_NOTE: &str =
    "两份填报互不知情地改了同一栏目。决定之前以较新的一份为准；未保留的一份仍在修改记录中。";

pub fn units_heading(period: &str) -> String {
    format!("各单位自报情况（{period}）")
}

pub fn pull_in_label(unit: &str, field: &str) -> String {
    format!("把{unit}的{field}引用到汇总")
}

pub fn reported(who: &str, at: &str) -> String {
    format!("{who} 填报于 {at}")
}

/// The ledger was opened from before per-unit entries and some values moved.
pub fn moved_to_units(tasks: &[u32]) -> String {
    let list: Vec<String> = tasks.iter().map(|t| format!("第{t}项")).collect();
    format!(
        "台账已升级为各单位分别填报：{} 中由其他责任单位直接写在任务汇总上的内容，已归入该单位自己的填报（修改记录保留原样）。",
        list.join("、")
    )
}

/// Whose entry the editor writes: a responsible unit's own part.
pub fn entry_unit(unit: &str, lead: &str) -> String {
    if lead.is_empty() {
        format!("您以{unit}身份填报本单位承担的部分。")
    } else {
        format!("您以{unit}身份填报本单位承担的部分，由牵头单位{lead}汇总。")
    }
}

/// Whose entry the editor writes: the task's compiled entry.
pub fn entry_compiled(lead: &str) -> String {
    if lead.is_empty() {
        "您填写的是本任务的汇总情况。".to_string()
    } else {
        format!("您填写的是本任务的汇总情况（牵头单位：{lead}）；各单位自报的情况列在下方。")
    }
}

/// A task's status and progress derived from the units' entries (no compiled entry yet).
pub fn derived_standing(status: &str, progress: u8, unit: &str) -> String {
    format!("尚无汇总，按各单位填报推算：{status} {progress}%（{unit}，进度最低者）")
}

pub fn light_detail(expected: f64, progress: u8, as_of: &str) -> String {
    format!("截至 {as_of}，序时进度 {expected:.0}%，当前进度 {progress}%")
}

pub const REPORTS_HEADING: &str = "进展报告";
pub const PERIOD: &str = "报告期";
pub const PERIOD_CURRENT: &str = "（本期）";
pub const PERIOD_PAST_READ_ONLY: &str = "以往报告期的报告默认只读。";
pub const EDIT_PAST: &str = "修改此期报告";
pub const LOCK_PAST: &str = "完成修改";
pub const REPORT_EMPTY: &str = "（未填写）";

pub fn period_option(label: &str, current: bool, filled: bool) -> String {
    let mut text = label.to_string();
    if current {
        text.push_str(PERIOD_CURRENT);
    }
    if filled {
        text.push_str(" ✓");
    }
    text
}

pub const TARGETS_HEADING: &str = "量化指标完成情况";
pub const TARGET: &str = "指标";
pub const TARGET_GOAL: &str = "目标";
pub const TARGET_ACTUAL: &str = "实际值";
pub const TARGET_STATE: &str = "完成情况";
pub const TARGET_MET: &str = "已达标";
pub const TARGET_NOT_MET: &str = "未达标";
pub const TARGET_NO_ACTUAL: &str = "未填报";
pub const TARGET_HIDE: &str = "这项不作为指标";
pub const TARGET_UNHIDE: &str = "重新作为指标";
pub const TARGET_HIDDEN: &str = "（已隐藏）";
pub const TARGET_ADDED: &str = "（手工添加）";
pub const NO_TARGETS: &str = "没有量化指标。";

pub fn target_actual_label(ordinal: usize, text: &str) -> String {
    format!("指标{ordinal}“{text}”的实际值")
}

pub fn target_hide_label(ordinal: usize, text: &str) -> String {
    format!("{TARGET_HIDE}：第 {ordinal} 项“{text}”")
}

pub fn target_unhide_label(ordinal: usize, text: &str) -> String {
    format!("{TARGET_UNHIDE}：第 {ordinal} 项“{text}”")
}

pub fn target_completion(met: bool, percent: f64) -> String {
    if met {
        TARGET_MET.to_string()
    } else {
        format!("{TARGET_NOT_MET}（{percent:.0}%）")
    }
}

pub const ADD_TARGET: &str = "添加遗漏的指标";
pub const ADD_TARGET_TEXT: &str = "指标内容";
pub const ADD_TARGET_TEXT_PLACEHOLDER: &str = "如：新增就业";
pub const ADD_TARGET_VALUE: &str = "目标值";
pub const ADD_TARGET_MAX: &str = "上限（可不填）";
pub const ADD_TARGET_UNIT: &str = "单位";
pub const ADD_TARGET_COMPARATOR: &str = "比较方式";
pub const ADD_TARGET_SUBMIT: &str = "添加指标";

pub fn comparator_label(comparator: Comparator) -> &'static str {
    match comparator {
        Comparator::Reach => "达到",
        Comparator::AtLeast => "以上（不少于）",
        Comparator::AtMost => "以内（不超过）",
        Comparator::About => "左右",
        Comparator::Exceed => "突破（超过）",
        Comparator::MoreThan => "余（多于）",
    }
}

pub const COMPARATORS: [Comparator; 6] = [
    Comparator::Reach,
    Comparator::AtLeast,
    Comparator::AtMost,
    Comparator::About,
    Comparator::Exceed,
    Comparator::MoreThan,
];

// ---- History ----
pub const HISTORY_HEADING: &str = "修改记录";
pub const HISTORY_EMPTY: &str = "暂无修改记录。";
pub const UNSIGNED: &str = "未署名";
pub const EMPTY_VALUE: &str = "（空）";

pub fn history_count(count: usize) -> String {
    format!("{HISTORY_HEADING}（{count}）")
}

// ---- The list row ----
pub fn row_status_label(task: TaskNumber) -> String {
    format!("第 {task} 项状态")
}

pub fn row_reason_label(task: TaskNumber) -> String {
    format!("第 {task} 项其他原因")
}

pub fn row_progress_label(task: TaskNumber) -> String {
    format!("第 {task} 项进度（%）")
}

pub fn light_title(colour: &str, text: &str) -> String {
    format!("{LIGHT_LABEL}：{colour}，{text}")
}

pub const WHO_UNIT_HINT: &str =
    "从本文档的单位中选择（可输入关键字查找）；名单中没有的请直接填写（其他单位）。保存后同时作为“本单位”。";

/// The unit typed is none of the document's units.
pub fn unit_other(unit: &str) -> String {
    format!(
        "“{unit}”不在本文档的单位名单中，将按“其他单位”署名；如是名单中的单位，请从列表中选择。"
    )
}
