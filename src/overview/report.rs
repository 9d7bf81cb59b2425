//! The 进展情况汇总 report for one period: every task in scope, in document order, with that
//! period's texts only; as plain text for pasting into an official document, and as table rows.
//!
//! Values other than the period's texts (status, progress, actuals) are the ledger's current ones:
//! the ledger keeps one value per field, and reports are usually written after the period ends.
//! 序时 is judged at the ledger's as-of date when set, else at the period's last day.

use super::collection::unit_reported;
use super::targets::{figure, with_unit};
use super::text;
use crate::document::{Document, Section, Task, TaskNumber};
use crate::ledger::{
    format_number, light, Annotation, Ledger, Light, PeriodReport, ReportField, Status,
};
use crate::period::{Date, Period};
use crate::query::LightBucket;

/// Which tasks a report covers (the report page's `scope=`, read and written by `route`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Scope {
    #[default]
    All,
    /// One section, by number.
    Section(u32),
    /// The tasks a unit leads (牵头): a unit reports on what it answers for; participants feed the
    /// lead unit's report.
    Unit(String),
}

impl Scope {
    /// What a report can cover: everything, each section, each unit that leads a task (in the
    /// document's unit order), with the label a picker shows.
    pub fn choices(document: &Document) -> Vec<(Scope, String)> {
        let mut choices = vec![(Scope::All, text::SCOPE_ALL.to_string())];
        choices.extend(
            document
                .sections
                .iter()
                .map(|section| (Scope::Section(section.number), heading(section))),
        );
        let mut units: Vec<&String> = document.units.iter().map(|u| &u.name).collect();
        for task in &document.tasks {
            units.extend(
                task.lead_units
                    .iter()
                    .filter(|u| !units.contains(u))
                    .collect::<Vec<_>>(),
            );
        }
        choices.extend(
            units
                .into_iter()
                .filter(|unit| document.tasks.iter().any(|t| t.lead_units.contains(unit)))
                .map(|unit| (Scope::Unit(unit.clone()), text::unit_scope(unit))),
        );
        choices
    }

    pub fn includes(&self, task: &Task) -> bool {
        match self {
            Scope::All => true,
            Scope::Section(number) => task.section == *number,
            Scope::Unit(name) => task.lead_units.contains(name),
        }
    }
}

/// How the reported tasks are grouped: by the document's sections, or by status the way offices
/// write it (已完成 / 序时推进 / 滞后 / 其他).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Grouping {
    #[default]
    Section,
    Status,
}

impl Grouping {
    pub const ALL: [Grouping; 2] = [Grouping::Section, Grouping::Status];

    pub fn key(self) -> &'static str {
        match self {
            Grouping::Section => "section",
            Grouping::Status => "status",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Grouping::Section => text::GROUP_BY_SECTION,
            Grouping::Status => text::GROUP_BY_STATUS,
        }
    }

    pub fn from_key(key: &str) -> Option<Grouping> {
        Grouping::ALL.into_iter().find(|g| g.key() == key)
    }
}

/// Where a task stands in the summary: reported tasks by status, the rest 未报送.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Standing {
    /// Status 已完成.
    Done,
    /// 序时推进 or 超序时.
    OnSchedule,
    /// 滞后.
    Behind,
    /// 未启动 or 其他 while a report was written.
    Other,
    /// No 工作进展 / 存在问题 / 下步计划 for the period.
    Unreported,
}

impl Standing {
    pub const ALL: [Standing; 5] = [
        Standing::Done,
        Standing::OnSchedule,
        Standing::Behind,
        Standing::Other,
        Standing::Unreported,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Standing::Done => text::STANDING_DONE,
            Standing::OnSchedule => text::STANDING_ON_SCHEDULE,
            Standing::Behind => text::STANDING_BEHIND,
            Standing::Other => text::STANDING_OTHER,
            Standing::Unreported => text::STANDING_UNREPORTED,
        }
    }

    fn of(status: &Status, reported: bool) -> Standing {
        match status {
            _ if !reported => Standing::Unreported,
            Status::Done => Standing::Done,
            Status::OnSchedule | Status::AheadOfSchedule => Standing::OnSchedule,
            Status::Behind => Standing::Behind,
            Status::NotStarted | Status::Other(_) => Standing::Other,
        }
    }
}

/// The report's opening paragraph, as figures.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportSummary {
    /// Tasks in scope.
    pub tasks: usize,
    pub done: usize,
    pub on_schedule: usize,
    pub behind: usize,
    pub other: usize,
    pub unreported: usize,
    /// Lead units of tasks in scope that wrote no report for the period, in document order.
    /// A report is attributed to the unit recorded in the ledger history for its change (the
    /// `who` of the edit), by the collection round's rule ([`super::unit_reported`]): a report
    /// whose history names no unit counts for no unit.
    pub units_unreported: Vec<String>,
    /// Lead units of tasks in scope.
    pub units: usize,
}

impl ReportSummary {
    pub fn count(&self, standing: Standing) -> usize {
        match standing {
            Standing::Done => self.done,
            Standing::OnSchedule => self.on_schedule,
            Standing::Behind => self.behind,
            Standing::Other => self.other,
            Standing::Unreported => self.unreported,
        }
    }

    /// `本期纳入汇总的任务共71项，其中已完成1项、序时推进2项、滞后1项、未报送67项。…`
    pub fn paragraph(&self, period_label: &str) -> String {
        let counts: Vec<(&str, usize)> = Standing::ALL
            .into_iter()
            .filter(|s| *s != Standing::Other || self.other > 0)
            .map(|s| (s.label(), self.count(s)))
            .collect();
        text::summary_paragraph(
            period_label,
            self.tasks,
            &counts,
            self.units,
            &self.units_unreported,
        )
    }
}

/// What a paragraph of the report is, for layout (plain text, Word).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    Title,
    Subtitle,
    AsOf,
    /// 一、 a group.
    Heading1,
    /// （一） a task.
    Heading2,
    /// 1. 工作进展 … (the lead part is the heading, the rest body text).
    Item,
    Body,
}

/// One paragraph: an optional lead (a run set in bold/heading type, e.g. `1.工作进展：`) and the
/// text. Texts keep their own line breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub kind: ParagraphKind,
    pub lead: String,
    pub text: String,
}

impl Paragraph {
    fn new(kind: ParagraphKind, text: impl Into<String>) -> Paragraph {
        Paragraph {
            kind,
            lead: String::new(),
            text: text.into(),
        }
    }

    pub fn full_text(&self) -> String {
        format!("{}{}", self.lead, self.text)
    }
}

/// A target with its actual, as the report prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportTarget {
    pub text: String,
    /// `300个`, `3-5个`.
    pub figure: String,
    /// With the target's unit: `120个`.
    pub actual: Option<String>,
    pub met: Option<bool>,
}

/// One task's entry.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportTask {
    pub number: TaskNumber,
    pub section: u32,
    pub title: String,
    pub lead_units: Vec<String>,
    pub participating_units: Vec<String>,
    /// 序时推进, 其他：指标调整 …
    pub status: String,
    /// Where it stands in the summary and the status grouping.
    pub standing: Standing,
    pub progress: u8,
    pub light: Light,
    /// 已完成 / 符合序时 / 落后序时 9.6 个百分点.
    pub gap_text: String,
    /// Visible targets only.
    pub targets: Vec<ReportTarget>,
    /// This period's texts (empty fields when nothing was reported).
    pub report: PeriodReport,
}

impl ReportTask {
    /// 序时进度 in percent, one decimal at most: `49.6`.
    pub fn expected_text(&self) -> String {
        format_number((self.light.expected * 10.0).round() / 10.0)
    }

    /// The dashboard's light bucket: unlit (未填报) while still 未启动 at 0%, as on the overview.
    pub fn light_bucket(&self) -> LightBucket {
        LightBucket::of_light(&self.light)
    }

    /// `进展状态：序时推进；完成进度 40%；序时进度 49.6%，落后序时 9.6 个百分点`.
    pub fn status_line(&self) -> String {
        text::status_line(
            &self.status,
            self.progress,
            &self.expected_text(),
            &self.gap_text,
        )
    }

    /// `（1）{phrase}：目标 2家，实际 1家，未达标`, one per visible target.
    pub fn target_lines(&self) -> Vec<String> {
        self.targets
            .iter()
            .enumerate()
            .map(|(i, t)| text::target_line(i + 1, &t.text, &t.figure, t.actual.as_deref(), t.met))
            .collect()
    }
}

/// A group heading with its reported tasks in scope.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportSection {
    /// The section number (0 for tasks outside any section), or the group's ordinal when grouped
    /// by status.
    pub number: u32,
    /// 一、实施创新驱动发展战略
    pub heading: String,
    pub tasks: Vec<ReportTask>,
}

/// The report, ready to print, paste or write to a spreadsheet.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressReport {
    /// See [`report_title`]; editable before printing.
    pub title: String,
    /// What the scope narrows to (empty for the whole document): a section heading or
    /// `区科技局牵头任务`.
    pub subtitle: String,
    pub period: Period,
    pub scope: Scope,
    /// The date 序时 is judged at.
    pub as_of: Date,
    pub grouping: Grouping,
    /// Groups with at least one reported task in scope: sections in document order, or standings.
    pub sections: Vec<ReportSection>,
    /// Tasks in scope with no report for the period, in document order: one list at the end.
    pub unreported: Vec<ReportTask>,
    pub summary: ReportSummary,
}

impl ProgressReport {
    /// The report grouped by section; see [`ProgressReport::build_grouped`].
    pub fn build(
        document: &Document,
        ledger: &Ledger,
        period: Period,
        scope: &Scope,
    ) -> ProgressReport {
        ProgressReport::build_grouped(document, ledger, period, scope, Grouping::Section)
    }

    pub fn build_grouped(
        document: &Document,
        ledger: &Ledger,
        period: Period,
        scope: &Scope,
        grouping: Grouping,
    ) -> ProgressReport {
        let as_of = ledger.as_of.unwrap_or_else(|| period.last_day());
        let default = Annotation::default();
        let mut sections: Vec<ReportSection> = Vec::new();
        let mut unreported = Vec::new();
        let mut summary = ReportSummary::default();
        let mut lead_units: Vec<String> = Vec::new();
        let mut reported_units: Vec<String> = Vec::new();
        let mut by_standing: Vec<(Standing, Vec<ReportTask>)> = Vec::new();
        for task in document.tasks.iter().filter(|t| scope.includes(t)) {
            let annotation = ledger.annotation(task.number).unwrap_or(&default);
            let entry = report_task(task, annotation, period, as_of);
            summary.tasks += 1;
            match entry.standing {
                Standing::Done => summary.done += 1,
                Standing::OnSchedule => summary.on_schedule += 1,
                Standing::Behind => summary.behind += 1,
                Standing::Other => summary.other += 1,
                Standing::Unreported => summary.unreported += 1,
            }
            for unit in &task.lead_units {
                if !lead_units.contains(unit) {
                    lead_units.push(unit.clone());
                }
            }
            for unit in task.lead_units.iter().chain(&task.participating_units) {
                if !reported_units.contains(unit) && unit_reported(annotation, period, unit) {
                    reported_units.push(unit.clone());
                }
            }
            if entry.standing == Standing::Unreported {
                unreported.push(entry);
                continue;
            }
            match grouping {
                Grouping::Section => match sections.last_mut() {
                    Some(section) if section.number == task.section => section.tasks.push(entry),
                    _ => sections.push(ReportSection {
                        number: task.section,
                        heading: document
                            .section(task.section)
                            .map(heading)
                            .unwrap_or_default(),
                        tasks: vec![entry],
                    }),
                },
                Grouping::Status => {
                    match by_standing.iter_mut().find(|(s, _)| *s == entry.standing) {
                        Some((_, tasks)) => tasks.push(entry),
                        None => by_standing.push((entry.standing, vec![entry])),
                    }
                }
            }
        }
        if grouping == Grouping::Status {
            crate::sorting::sort_by_key(&mut by_standing, |(standing, _)| *standing);
            sections = by_standing
                .into_iter()
                .enumerate()
                .map(|(i, (standing, tasks))| {
                    let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
                    ReportSection {
                        number,
                        heading: text::status_group_heading(
                            &chinese_numeral(number),
                            standing.label(),
                            tasks.len(),
                        ),
                        tasks,
                    }
                })
                .collect();
        }
        summary.units = lead_units.len();
        summary.units_unreported = lead_units
            .into_iter()
            .filter(|unit| !reported_units.contains(unit))
            .collect();
        let subtitle = match scope {
            Scope::All => String::new(),
            Scope::Section(number) => document.section(*number).map(heading).unwrap_or_default(),
            Scope::Unit(name) => text::unit_scope(name),
        };
        ProgressReport {
            title: report_title(&document.title, period),
            subtitle,
            period,
            scope: scope.clone(),
            as_of,
            grouping,
            sections,
            unreported,
            summary,
        }
    }

    /// The periods a report can be asked for, newest first: the current period's year up to the
    /// current period, plus every period some task has a non-empty report for.
    pub fn period_choices(ledger: &Ledger, today: Date) -> Vec<Period> {
        let current = ledger.current_period(today);
        let mut periods: Vec<Period> = Period::of_year(current.last_day().year, ledger.cadence)
            .into_iter()
            .filter(|p| p.first_day() <= current.first_day())
            .collect();
        for annotation in ledger.tasks.values() {
            for (period, report) in annotation.reports_in_order() {
                if !report.is_empty() && !periods.contains(&period) {
                    periods.push(period);
                }
            }
        }
        crate::sorting::sort_by_key(&mut periods, |p| {
            std::cmp::Reverse((p.first_day(), p.last_day()))
        });
        periods
    }

    /// Every task in scope: the reported ones by group, then the unreported ones.
    pub fn tasks(&self) -> impl Iterator<Item = &ReportTask> {
        self.sections
            .iter()
            .flat_map(|s| s.tasks.iter())
            .chain(self.unreported.iter())
    }

    /// The report as paragraphs, in order: what the plain text, the page and the Word file lay out.
    ///
    /// ```text
    /// {title}
    /// {subtitle, only when scoped}
    /// 截至2023年6月30日
    /// {summary paragraph}
    /// 一、{section, or 已完成（2项）when grouped by status}
    /// （一）{task title}（第1项）
    /// 牵头单位：A、B；参与单位：C        (only when the task names units)
    /// 进展状态：序时推进；完成进度 40%；序时进度 49.6%，落后序时 9.6 个百分点
    /// 目标指标：（1）…；（2）…          (only when it has visible targets, one line each)
    /// 1.工作进展：…
    /// 2.存在问题：…
    /// 3.下步计划：…
    /// 二、未报送任务（3项）
    /// 3.加强组织领导（区科技局）；4.…
    /// ```
    pub fn paragraphs(&self) -> Vec<Paragraph> {
        use ParagraphKind as K;
        let mut out = vec![Paragraph::new(K::Title, self.title.clone())];
        if !self.subtitle.is_empty() {
            out.push(Paragraph::new(K::Subtitle, self.subtitle.clone()));
        }
        out.push(Paragraph::new(
            K::AsOf,
            text::as_of_line(self.as_of.year, self.as_of.month, self.as_of.day),
        ));
        out.push(Paragraph::new(
            K::Body,
            self.summary.paragraph(&self.period.label()),
        ));
        let mut group = 0u32;
        for section in &self.sections {
            group += 1;
            if !section.heading.is_empty() {
                out.push(Paragraph::new(K::Heading1, section.heading.clone()));
            }
            for (i, task) in section.tasks.iter().enumerate() {
                let ordinal = chinese_numeral(u32::try_from(i + 1).unwrap_or(u32::MAX));
                out.push(Paragraph::new(
                    K::Heading2,
                    text::task_heading(&ordinal, &task.title, task.number),
                ));
                let units = text::units_line(&task.lead_units, &task.participating_units);
                if !units.is_empty() {
                    out.push(Paragraph::new(K::Body, units));
                }
                out.push(Paragraph::new(K::Body, task.status_line()));
                if !task.targets.is_empty() {
                    out.push(Paragraph {
                        kind: K::Body,
                        lead: text::TARGETS_HEADING.to_string(),
                        text: task.target_lines().join("\n"),
                    });
                }
                for (n, field) in ReportField::ALL.into_iter().enumerate() {
                    out.push(Paragraph {
                        kind: K::Item,
                        lead: format!("{}.{}：", n + 1, field.label()),
                        text: report_text(task.report.get(field)),
                    });
                }
            }
        }
        if !self.unreported.is_empty() {
            group += 1;
            out.push(Paragraph::new(
                K::Heading1,
                text::unreported_heading(&chinese_numeral(group), self.unreported.len()),
            ));
            let list: Vec<String> = self
                .unreported
                .iter()
                .map(|task| {
                    let touched = task.status != Status::NotStarted.describe() || task.progress > 0;
                    text::unreported_item(
                        task.number,
                        &task.title,
                        &task.lead_units,
                        touched.then_some((task.status.as_str(), task.progress)),
                    )
                })
                .collect();
            out.push(Paragraph::new(K::Body, text::list_sentence(&list)));
        }
        out
    }

    /// Laid out for pasting into an official document: [`ProgressReport::paragraphs`] one per
    /// line (a text's own line breaks kept, each line trimmed, blank lines dropped), a blank line
    /// before the summary and each 一、 heading, full-width punctuation; ends with `\n`.
    pub fn to_plain_text(&self) -> String {
        let mut lines: Vec<String> = Vec::new();
        let mut previous = ParagraphKind::Title;
        for paragraph in self.paragraphs() {
            if paragraph.kind == ParagraphKind::Heading1 || previous == ParagraphKind::AsOf {
                lines.push(String::new());
            }
            previous = paragraph.kind;
            lines.push(paragraph.full_text());
        }
        let mut out = lines.join("\n");
        out.push('\n');
        out
    }

    /// Column headings for [`ProgressReport::rows`].
    pub fn headers() -> Vec<String> {
        [
            text::COLUMN_NUMBER,
            text::COLUMN_SECTION,
            text::COLUMN_TASK,
            text::LEAD_UNITS,
            text::PARTICIPATING_UNITS,
            text::COLUMN_STATUS,
            text::COLUMN_PROGRESS,
            text::COLUMN_EXPECTED,
            text::COLUMN_GAP,
            text::COLUMN_TARGETS,
            ReportField::ProgressText.label(),
            ReportField::Problems.label(),
            ReportField::NextSteps.label(),
        ]
        .into_iter()
        .map(str::to_string)
        .collect()
    }

    /// One row per task, cells in the order of [`ProgressReport::headers`]; several targets share
    /// one cell, a line each. Empty texts stay empty cells (a spreadsheet shows blanks plainly).
    pub fn rows(&self) -> Vec<Vec<String>> {
        let unreported = text::unreported_heading(
            &chinese_numeral(u32::try_from(self.sections.len() + 1).unwrap_or(u32::MAX)),
            self.unreported.len(),
        );
        self.sections
            .iter()
            .flat_map(|section| {
                section
                    .tasks
                    .iter()
                    .map(move |task| (&section.heading, task))
            })
            .chain(self.unreported.iter().map(|task| (&unreported, task)))
            .map(|(heading, task)| {
                vec![
                    task.number.to_string(),
                    heading.clone(),
                    task.title.clone(),
                    task.lead_units.join("、"),
                    task.participating_units.join("、"),
                    task.status.clone(),
                    task.progress.to_string(),
                    task.expected_text(),
                    task.gap_text.clone(),
                    task.target_lines().join("\n"),
                    task.report.progress_text.trim().to_string(),
                    task.report.problems.trim().to_string(),
                    task.report.next_steps.trim().to_string(),
                ]
            })
            .collect()
    }

    /// Headers followed by rows: what a spreadsheet writer takes.
    pub fn table(&self) -> Vec<Vec<String>> {
        std::iter::once(ProgressReport::headers())
            .chain(self.rows())
            .collect()
    }
}

fn report_task(task: &Task, annotation: &Annotation, period: Period, as_of: Date) -> ReportTask {
    let light = light(annotation, as_of);
    let report = annotation.report_with_units(period).unwrap_or_default();
    let standing = annotation.standing();
    let reported = !report.is_empty();
    let targets = annotation
        .target_views(&task.targets)
        .into_iter()
        .filter(|v| !v.hidden)
        .map(|v| ReportTarget {
            figure: figure(v.value, v.value_max, v.unit.as_deref()),
            actual: v.actual.map(|a| with_unit(a, v.unit.as_deref())),
            met: v.met,
            text: v.text,
        })
        .collect();
    ReportTask {
        number: task.number,
        section: task.section,
        title: task.title.clone(),
        lead_units: task.lead_units.clone(),
        participating_units: task.participating_units.clone(),
        status: standing.status.describe(),
        standing: Standing::of(&standing.status, reported),
        progress: standing.progress,
        light,
        gap_text: light.text(),
        targets,
        report,
    }
}

/// 一, 二 … 九十九: ordinals for 一、 and （一） headings.
pub fn chinese_numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |d: u32| DIGITS[usize::try_from(d % 10).unwrap_or(0)];
    match n {
        0..=9 => digit(n).to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { digit(n % 10) }),
        20..=99 => format!(
            "{}十{}",
            digit(n / 10),
            if n % 10 == 0 { "" } else { digit(n % 10) }
        ),
        _ => n.to_string(),
    }
}

fn heading(section: &Section) -> String {
    format!("{}、{}", section.numeral, section.title)
}

fn report_text(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    if lines.is_empty() {
        text::NOT_FILLED.to_string()
    } else {
        lines.join("\n")
    }
}

/// Characters that end an administrative division's name (青岛市, 城阳区, 山东省 …).
const PLACE_SUFFIXES: [char; 6] = ['省', '市', '区', '县', '州', '旗'];

/// The report title: `{place}{subject}{period label}进展情况`, e.g. for the seed's
/// 青岛市城阳区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务 and 2023Q2:
/// 城阳区2023年重点工作任务第二季度进展情况 (the period's year is left out when the subject
/// already names it).
/// - place: the most local of the administrative divisions the title starts with (each 2–4
///   characters then 省/市/区/县/州/旗; 青岛市城阳区 → 城阳区); empty if it starts with none.
/// - subject: from the first `YYYY年` to the end (2023年重点工作任务), dropping the theme in
///   between; without a year, the rest of the title after the places; 重点工作任务 if nothing is left.
pub fn report_title(document_title: &str, period: Period) -> String {
    let chars: Vec<char> = document_title.trim().chars().collect();
    let mut start = 0;
    let mut place = String::new();
    while let Some(end) =
        (start + 2..=start + 4).find(|&i| chars.get(i).is_some_and(|c| PLACE_SUFFIXES.contains(c)))
    {
        place = chars[start..=end].iter().collect();
        start = end + 1;
    }
    let rest = &chars[start.min(chars.len())..];
    let year_at = (0..rest.len()).find(|&i| {
        rest.get(i..i + 4)
            .is_some_and(|d| d.iter().all(char::is_ascii_digit))
            && rest.get(i + 4) == Some(&'年')
    });
    let subject: String = match year_at {
        Some(at) => rest[at..].iter().collect(),
        None => rest.iter().collect(),
    };
    let subject = if subject.is_empty() {
        text::REPORT_FALLBACK_SUBJECT.to_string()
    } else {
        subject
    };
    let label = period.label();
    let year = format!("{}年", period.last_day().year);
    let label = match label.strip_prefix(&year) {
        Some(rest) if subject.contains(&year) => rest.to_string(),
        _ => label,
    };
    text::report_title(&place, &subject, &label)
}
