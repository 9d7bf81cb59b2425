//! Wording of the overview and report pages (the core's own words are in `luoshi::overview::text`).

pub const OVERVIEW_TITLE: &str = "进展总览";
pub const REPORT_NAV: &str = "进展汇总";
pub const LIST_NAV: &str = "任务列表";
pub const VIEW_NAV_LABEL: &str = "页面";

pub const WHOLE_HEADING: &str = "全部任务";
pub const SECTIONS_HEADING: &str = "各部分进展";
pub const SCORECARD_HEADING: &str = "单位进展";
pub const TARGETS_HEADING: &str = "量化目标完成情况";
pub const WATCH_HEADING: &str = "重点关注";
pub const MISSED_HEADING: &str = "未达标目标";
pub const NO_MISSED: &str = "暂无未达标目标。";

pub const WATCH_RED: &str = "红灯任务";
pub const WATCH_SUPERVISED: &str = "挂牌督办任务";
pub const WATCH_UNREPORTED: &str = "本期未报送";
pub const WATCH_RECENT: &str = "最近更新";
pub const WATCH_NONE: &str = "暂无。";
pub const SHOW_IN_LIST: &str = "在任务列表中查看";
pub const SHOW_ITEMS: &str = "展开清单";

pub const COL_SECTION: &str = "部分";
pub const COL_TASKS: &str = "任务数";
pub const COL_TASK: &str = "任务";
pub const COL_TARGET: &str = "目标";
pub const COL_FIGURE: &str = "目标值";
pub const COL_ACTUAL: &str = "实际值";
pub const COL_COMPLETION: &str = "完成度";
pub const SUPERVISED_MARK: &str = "督办";

pub const SORT_HINT: &str = "点击列标题排序（先显示排在前面的单位）；点击单位名称查看其牵头任务。";
pub const GROUP_MARK: &str = "（统称）";

pub const NO_TASKS: &str = "文档中没有任务。";

/// `截至2023年6月30日 · 本期：2023年第二季度`.
pub fn as_of_line(as_of: &str, period: &str) -> String {
    format!("序时截至 {as_of} · 本期：{period}")
}

/// `共 71 项`.
pub fn total(count: usize, noun: &str) -> String {
    format!("共 {count} {noun}")
}

/// `全部任务（共 71 项）`.
pub fn whole_heading(total_tasks: usize) -> String {
    format!("{WHOLE_HEADING}（{}）", total(total_tasks, "项"))
}

/// `2023年6月30日`.
pub fn date(date: luoshi::period::Date) -> String {
    format!("{}年{}月{}日", date.year, date.month, date.day)
}

/// `本期未报送 67 项`.
pub fn list_heading(title: &str, count: usize) -> String {
    format!("{title}（{count} 项）")
}

/// `显示全部 70 个单位`.
pub fn show_all_units(total: usize) -> String {
    format!("显示全部 {total} 个单位")
}

/// `只显示前 20 个单位`.
pub fn show_first_units(count: usize) -> String {
    format!("只显示前 {count} 个单位")
}

pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

pub const COLLECTION_HEADING: &str = "报送情况与催办";
pub const COLLECTION_TABLE: &str = "各牵头单位本期报送情况";
pub const COL_UNIT: &str = "牵头单位";
pub const COL_REPORTED: &str = "已报送";
pub const COL_LAST_REPORTED: &str = "最近报送";
pub const NEVER_REPORTED: &str = "本期未报送";
pub const PENDING_HEADING: &str = "尚未报送的单位";
pub const NOBODY_PENDING: &str = "各牵头单位本期均已报送。";
pub const DEADLINE_LABEL: &str = "报送截止日期";
pub const REMINDER_LABEL: &str = "催办通知（可复制后发送）";
pub const COPY_REMINDER: &str = "复制催办通知";
pub const REMINDER_COPIED: &str = "已复制";
pub const REMINDER_COPY_FAILED: &str = "无法复制，请在文本框中全选后手动复制";
pub const COLLECTION_HINT: &str =
    "按修改记录中的填报单位统计：某单位填写了本期进展报告，才算该单位已报送（共同牵头的其他单位不计入）。";

/// `2023年第二季度：41 个牵头单位中 1 个已全部报送`.
pub fn collection_summary(period: &str, complete: usize, total: usize) -> String {
    format!("{period}：{total} 个牵头单位中 {complete} 个已全部报送")
}

/// `尚未报送的单位（40 个）`.
pub fn list_heading_units(title: &str, count: usize) -> String {
    format!("{title}（{count} 个）")
}

/// `区科技局：9 项中 7 项未报送`.
pub fn pending_unit(unit: &str, unreported: usize, total: usize) -> String {
    format!("{unit}：{total} 项中 {unreported} 项未报送")
}
