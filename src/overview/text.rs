//! Every Chinese word the overview and reports show, kept together so wording is reviewed in one place.

pub const LIGHT_NONE: &str = crate::ledger::text::LIGHT_UNREPORTED;

pub const REPORTED: &str = "本期已报送";
pub const UNREPORTED: &str = "本期未报送";

pub const CHART_BY_STATUS: &str = "按状态";
pub const CHART_BY_LIGHT: &str = "按序时进度";
pub const CHART_TARGETS: &str = "量化目标";
pub const CHART_BY_REPORT: &str = "本期报送";

/// Counting words: tasks are 项, targets are 个.
pub const NOUN_TASKS: &str = "项";
pub const NOUN_TARGETS: &str = "个";

pub const TARGET_MET: &str = "已达标";
pub const TARGET_NOT_MET: &str = "未达标";
pub const TARGET_NO_ACTUAL: &str = "未填实际值";

pub const REPORT_SUFFIX: &str = "进展情况";
/// Used when the document has no title.
pub const REPORT_FALLBACK_SUBJECT: &str = "重点工作任务";
pub const NOT_FILLED: &str = "（未填报）";
pub const LEAD_UNITS: &str = "牵头单位";
pub const PARTICIPATING_UNITS: &str = "参与单位";
pub const NONE: &str = "无";

pub const COLUMN_NUMBER: &str = "序号";
pub const COLUMN_SECTION: &str = "部分";
pub const COLUMN_TASK: &str = "任务";
pub const COLUMN_STATUS: &str = "状态";
pub const COLUMN_PROGRESS: &str = "进度(%)";
pub const COLUMN_EXPECTED: &str = "序时进度(%)";
pub const COLUMN_GAP: &str = "序时情况";
pub const COLUMN_TARGETS: &str = "目标及完成情况";

/// `已完成 12 项(16.9%)`.
pub fn bar_text(label: &str, count: usize, noun: &str, share: f64) -> String {
    format!("{label} {count} {noun}({})", percent(share))
}

/// `按状态：已完成 12 项(16.9%)，…；共 71 项`.
pub fn chart_text(title: &str, bars: &[String], total: usize, noun: &str) -> String {
    format!("{title}：{}；共 {total} {noun}", bars.join("，"))
}

/// A share in 0–1 as a percentage with one decimal: `16.9%`.
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// `进展状态：序时推进；完成进度 40%；序时进度 49%，落后序时 9 个百分点`.
pub fn status_line(status: &str, progress: u8, expected: &str, gap: &str) -> String {
    format!("进展状态：{status}；完成进度 {progress}%；序时进度 {expected}%，{gap}")
}

/// `目标：2家；实际：1家；未达标`.
pub fn target_line(
    ordinal: usize,
    text: &str,
    figure: &str,
    actual: Option<&str>,
    met: Option<bool>,
) -> String {
    let outcome = match (actual, met) {
        (Some(actual), Some(true)) => format!("实际 {actual}，{TARGET_MET}"),
        (Some(actual), _) => format!("实际 {actual}，{TARGET_NOT_MET}"),
        (None, _) => TARGET_NO_ACTUAL.to_string(),
    };
    format!("（{ordinal}）{text}：目标 {figure}，{outcome}")
}

pub const TARGETS_HEADING: &str = "目标指标：";

/// `2023年第二季度` report titles: `城阳区2023年重点工作任务2023年第二季度进展情况`.
pub fn report_title(place: &str, subject: &str, period_label: &str) -> String {
    format!("{place}{subject}{period_label}{REPORT_SUFFIX}")
}

/// Period-over-period: `状态: 序时推进 → 已完成`.
pub fn delta_line(label: &str, before: &str, after: &str) -> String {
    format!("{label}: {} → {}", shown(before), shown(after))
}

pub fn new_report_line(period_label: &str) -> String {
    format!("新增{period_label}进展报告")
}

/// An empty value reads as 空 in a before → after line.
fn shown(value: &str) -> &str {
    if value.is_empty() {
        "空"
    } else {
        value
    }
}

/// `截至2023年6月30日`.
pub fn as_of_line(year: i32, month: u8, day: u8) -> String {
    format!("截至{year}年{month}月{day}日")
}

/// A unit-scoped report's subtitle: `区科技局牵头任务`.
pub fn unit_scope(unit: &str) -> String {
    format!("{unit}牵头任务")
}

pub const SCOPE_ALL: &str = "全部任务";

pub const COLUMN_UNIT: &str = "单位";
pub const COLUMN_LED: &str = "牵头任务";
pub const COLUMN_JOINED: &str = "参与任务";
pub const COLUMN_DONE: &str = "已完成";
pub const COLUMN_BEHIND: &str = "滞后";
pub const COLUMN_RED: &str = "红灯";
pub const COLUMN_REPORTED: &str = "本期已报送";
pub const COLUMN_TARGETS_MET: &str = "目标已达标";
pub const COLUMN_TARGETS_ACTUAL: &str = "目标已填实际值";
pub const COLUMN_TARGETS_TOTAL: &str = "目标总数";

/// Who made an edit: `张三（区发展改革局）`, or whichever part is known.
pub fn who(name: &str, unit: &str) -> String {
    match (name.is_empty(), unit.is_empty()) {
        (true, true) => String::new(),
        (false, true) => name.to_string(),
        (true, false) => unit.to_string(),
        (false, false) => format!("{name}（{unit}）"),
    }
}

/// The 催办 notice's heading, addressees, body and signature (see `CollectionRound::reminder`).
pub fn reminder(
    title: &str,
    period: crate::period::Period,
    addressees: &[&str],
    unit_lines: &[String],
    as_of: crate::period::Date,
    deadline: crate::period::Date,
    from: &str,
) -> String {
    let period = period.label();
    let subject = if title.trim().is_empty() {
        REPORT_FALLBACK_SUBJECT.to_string()
    } else {
        format!("《{}》", title.trim())
    };
    let mut out = format!("关于报送{period}重点工作任务进展情况的催办通知\n\n");
    out.push_str(&format!("{}：\n", addressees.join("、")));
    out.push_str(&format!(
        "　　按照{subject}督办工作安排，各牵头单位应按时报送{period}工作进展情况。{}，以下牵头任务尚未收到你单位报送的进展情况：\n",
        chinese_date_prefixed(as_of)
    ));
    for line in unit_lines {
        out.push_str(&format!("　　{line}\n"));
    }
    out.push_str(&format!(
        "　　请于{}前报送上述任务{period}的工作进展、存在问题和下步计划。逾期未报送的，将在督办通报中予以说明。\n",
        chinese_date(deadline)
    ));
    if !from.is_empty() {
        out.push_str(&format!("\n{from}\n"));
    } else {
        out.push('\n');
    }
    out.push_str(&chinese_date(as_of));
    out
}

/// `2023年7月5日`.
pub fn chinese_date(date: crate::period::Date) -> String {
    format!("{}年{}月{}日", date.year, date.month, date.day)
}

fn chinese_date_prefixed(date: crate::period::Date) -> String {
    as_of_line(date.year, date.month, date.day)
}

/// `（一）区科技局（2项）：第1项 …；第5项 …。`
pub fn reminder_unit_line(ordinal: usize, unit: &str, count: usize, tasks: &[String]) -> String {
    format!(
        "（{}）{unit}（{count}项）：{}。",
        chinese_ordinal(ordinal),
        tasks.join("；")
    )
}

/// `第5项“建设市级以上研发平台”`, the title cut to 24 characters.
pub fn reminder_task(number: u32, title: &str) -> String {
    const LIMIT: usize = 24;
    let title = title.trim();
    if title.is_empty() {
        return format!("第{number}项");
    }
    let short: String = if title.chars().count() > LIMIT {
        title.chars().take(LIMIT).chain(['…']).collect()
    } else {
        title.to_string()
    };
    format!("第{number}项“{short}”")
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; beyond that, digits.
pub fn chinese_ordinal(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", DIGITS[n % 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

pub const COLLECTION_HEADING: &str = "报送情况";
