//! The parsed document model: what a key-task document says, before anyone annotates it.
//! Tasks are identified by `(fingerprint, number)`, never by list position.

use serde::{Deserialize, Serialize};

/// A task's number as printed in the document (1-based).
pub type TaskNumber = u32;

/// A parsed key-task document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// SHA-256 (hex) of the source text; keys the ledger and snapshots.
    pub fingerprint: String,
    pub meta: Meta,
    /// The notice (通知) that issues the task list, if present.
    pub notice: Notice,
    /// The task-list title, e.g. 青岛市城阳区…2023年重点工作任务.
    pub title: String,
    pub preamble: String,
    pub sections: Vec<Section>,
    /// Headings one level below sections (`(一)` under `一、`), when the document has both.
    #[serde(default)]
    pub subsections: Vec<Subsection>,
    pub tasks: Vec<Task>,
    /// Every responsible unit with the tasks it leads and joins, in order of first appearance.
    pub units: Vec<Unit>,
    /// Lines the parser could not place, and other things a person should check.
    pub warnings: Vec<Warning>,
    /// How the (first) task table was read, when the tasks came from a table.
    #[serde(default)]
    pub table: Option<TableReading>,
}

/// What a table column holds, chosen from its header cell or by the user.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnRole {
    /// 序号: the printed task number.
    Number,
    /// 工作任务 / 重点工作任务 / 事项 …: the task text.
    Task,
    /// 牵头单位 / 牵头责任单位.
    Lead,
    /// 责任单位 / 主要责任单位: leads when there is no lead column, else takes part.
    Responsible,
    /// 配合单位 / 协同配合单位 / 参与单位.
    Cooperating,
    /// 责任领导 / 牵头领导.
    Leader,
    /// 完成时限 / 时间节点.
    Deadline,
    /// 分类 / 类别 / 领域: a section heading carried down.
    Category,
    /// Not read (进展情况, 备注, unknown headers).
    #[default]
    Ignore,
}

impl ColumnRole {
    /// Every role, in the order a column picker lists them.
    pub const ALL: [ColumnRole; 9] = [
        ColumnRole::Number,
        ColumnRole::Task,
        ColumnRole::Lead,
        ColumnRole::Responsible,
        ColumnRole::Cooperating,
        ColumnRole::Leader,
        ColumnRole::Deadline,
        ColumnRole::Category,
        ColumnRole::Ignore,
    ];

    /// The Chinese name shown to a user.
    pub fn label(self) -> &'static str {
        match self {
            ColumnRole::Number => "序号",
            ColumnRole::Task => "任务",
            ColumnRole::Lead => "牵头单位",
            ColumnRole::Responsible => "责任单位",
            ColumnRole::Cooperating => "配合单位",
            ColumnRole::Leader => "责任领导",
            ColumnRole::Deadline => "完成时限",
            ColumnRole::Category => "分类(章节)",
            ColumnRole::Ignore => "不读取",
        }
    }
}

/// A user's reading of a task table: the role of each column, by column index (0-based).
/// Columns past the end of `roles` are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ColumnMapping {
    pub roles: Vec<ColumnRole>,
}

/// How the parser read a task table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableReading {
    /// 1-based line of the header row (its first cell, for a flattened table).
    pub line: usize,
    /// The header cells as written.
    pub headers: Vec<String>,
    /// The role of each column (same length as `headers`).
    pub roles: Vec<ColumnRole>,
    /// True when `roles` came from the user's `ColumnMapping`, not from the headers.
    #[serde(default)]
    pub overridden: bool,
    /// True when the table arrived as one cell per line (copied from a web page or a PDF).
    #[serde(default)]
    pub flattened: bool,
    /// Rows read as tasks.
    #[serde(default)]
    pub rows: usize,
}

/// Header fields (索引号 … 规范性文件号); empty fields stay empty strings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// 索引号
    pub index_number: String,
    /// 主题分类
    pub subject: String,
    /// 成文日期
    pub written_date: String,
    /// 发布日期
    pub published_date: String,
    /// 发文机关
    pub issuer: String,
    /// 关键词, split on `;`
    pub keywords: Vec<String>,
    /// 发文字号
    pub doc_number: String,
    /// 有效性
    pub validity: String,
    /// 政策咨询部门
    pub consult_department: String,
    /// 政策咨询电话
    pub consult_phone: String,
    /// 规范性文件号
    pub normative_number: String,
}

/// The covering notice (通知): its title, issuing office and date.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    pub title: String,
    pub issuer: String,
    pub date: String,
    /// The notice body (addressees and text), as written.
    pub body: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// 1-based section number.
    pub number: u32,
    /// The Chinese numeral as written: 一 … 二十.
    pub numeral: String,
    pub title: String,
}

/// A heading `(一)title` inside a section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Subsection {
    /// The number of the section it belongs to (0 before the first section).
    pub section: u32,
    /// 1-based number within its section.
    pub number: u32,
    /// The Chinese numeral as written, without the parentheses.
    pub numeral: String,
    pub title: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// Unique within the document: the printed number, or the position (1-based) when the
    /// document restarts its numbering in each section.
    pub number: TaskNumber,
    /// The number as printed, qualified by its section when numbering restarts (`二-3`).
    /// Empty in documents parsed before this field existed: show `number` then.
    #[serde(default)]
    pub label: String,
    /// The number of the section this task belongs to (0 when the document has no sections).
    pub section: u32,
    /// The number of the subsection within `section` (0 when there is none).
    #[serde(default)]
    pub subsection: u32,
    /// The text before the first 。
    pub title: String,
    /// The full task text, including the trailing responsibility note.
    pub text: String,
    pub lead_units: Vec<String>,
    pub participating_units: Vec<String>,
    /// Responsible leaders (责任领导/牵头领导), when the document names them.
    #[serde(default)]
    pub leaders: Vec<String>,
    /// A deadline written in the task (6月底前, 完成时限 …), as written.
    #[serde(default)]
    pub due: Option<String>,
    /// Marked as a key task (★).
    #[serde(default)]
    pub key: bool,
    pub targets: Vec<Target>,
}

/// A measurable target found in a task's text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// The phrase the target sits in (the clause between punctuation marks).
    pub text: String,
    #[serde(serialize_with = "whole_numbers::serialize")]
    pub value: f64,
    /// Upper bound of a range such as 3-5个.
    #[serde(serialize_with = "whole_numbers::serialize_option")]
    pub value_max: Option<f64>,
    /// The unit as written (家, 个, %, 亿元 …); None for a bare ratio.
    pub unit: Option<String>,
    pub comparator: Comparator,
    /// Byte range in `Task::text` of the marked figure (number, unit and comparator words), for highlighting.
    pub start: usize,
    pub end: usize,
}

/// Whole-valued figures serialize as integers (`2`, not `2.0`): the JSON is read by people and by
/// the web app, and both expect the figure as written. Deserialization reads either form into f64.
mod whole_numbers {
    use serde::Serializer;

    /// Largest integer an f64 holds exactly (2^53).
    const EXACT: f64 = 9_007_199_254_740_992.0;

    pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        if value.fract() == 0.0 && value.abs() <= EXACT {
            serializer.serialize_i64(*value as i64)
        } else {
            serializer.serialize_f64(*value)
        }
    }

    pub fn serialize_option<S: Serializer>(
        value: &Option<f64>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serialize(value, serializer),
            None => serializer.serialize_none(),
        }
    }
}

/// How an actual value is compared with a target's value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// 以上 / 不少于 / 至少
    AtLeast,
    /// 以内 / 控制在…以内
    AtMost,
    /// 左右
    About,
    /// 突破
    Exceed,
    /// 达到, or a bare figure
    #[default]
    Reach,
    /// 余 (e.g. 20余家)
    MoreThan,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub name: String,
    /// A group such as 各街道 rather than one office.
    pub group: bool,
    /// Task numbers this unit leads.
    pub leads: Vec<TaskNumber>,
    /// Task numbers this unit participates in.
    pub joins: Vec<TaskNumber>,
}

/// Something the parser could not place, with the 1-based line it came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    pub line: usize,
    pub text: String,
    pub message: String,
}

impl Document {
    pub fn task(&self, number: TaskNumber) -> Option<&Task> {
        self.tasks.iter().find(|t| t.number == number)
    }

    pub fn section(&self, number: u32) -> Option<&Section> {
        self.sections.iter().find(|s| s.number == number)
    }

    pub fn unit(&self, name: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.name == name)
    }

    /// The year the tasks are for: the first `20xx年` in the title (…2023年重点工作任务), else in the
    /// notice's title, else the year it was written (成文日期). `None` when the document never says.
    pub fn work_year(&self) -> Option<i32> {
        year_in(&self.title)
            .or_else(|| year_in(&self.notice.title))
            .or_else(|| year_in(&self.meta.written_date.replace('-', "年")))
    }
}

/// The first four-digit year from 1900 to 2199 directly followed by 年.
fn year_in(text: &str) -> Option<i32> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(5).find_map(|w| {
        if w[4] != '年' || !w[..4].iter().all(char::is_ascii_digit) {
            return None;
        }
        let year: i32 = w[..4].iter().collect::<String>().parse().ok()?;
        (1900..2200).contains(&year).then_some(year)
    })
}

impl Task {
    /// All units named on this task, leads first.
    pub fn all_units(&self) -> impl Iterator<Item = &String> {
        self.lead_units
            .iter()
            .chain(self.participating_units.iter())
    }
}
