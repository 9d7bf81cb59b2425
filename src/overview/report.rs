//! The 进展情况汇总 report for one period: every task in scope, in document order, with that
//! period's texts only; as plain text for pasting into an official document, and as table rows.
//!
//! Values other than the period's texts (status, progress, actuals) are the ledger's current ones:
//! the ledger keeps one value per field, and reports are usually written after the period ends.
//! 序时 is judged at the ledger's as-of date when set, else at the period's last day.

use super::targets::{figure, with_unit};
use super::text;
use crate::document::{Document, Section, Task, TaskNumber};
use crate::ledger::{format_number, light, Annotation, Ledger, Light, PeriodReport, ReportField};
use crate::period::{Date, Period};
use crate::query::LightBucket;

/// Which tasks a report covers: defined with the query (it is a selection of tasks, and a
/// report's URL carries it), so `query` does not import `overview`.
pub use crate::query::Scope;

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

/// A section heading with its tasks in scope.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportSection {
    /// 0 for tasks outside any section (printed without a heading).
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
    /// Sections with at least one task in scope, in document order.
    pub sections: Vec<ReportSection>,
}

impl ProgressReport {
    pub fn build(
        document: &Document,
        ledger: &Ledger,
        period: Period,
        scope: &Scope,
    ) -> ProgressReport {
        let as_of = ledger.as_of.unwrap_or_else(|| period.last_day());
        let default = Annotation::default();
        let mut sections: Vec<ReportSection> = Vec::new();
        for task in document.tasks.iter().filter(|t| scope.includes(t)) {
            let annotation = ledger.annotation(task.number).unwrap_or(&default);
            let entry = report_task(task, annotation, period, as_of);
            match sections.last_mut() {
                Some(section) if section.number == task.section => section.tasks.push(entry),
                _ => sections.push(ReportSection {
                    number: task.section,
                    heading: document
                        .section(task.section)
                        .map(heading)
                        .unwrap_or_default(),
                    tasks: vec![entry],
                }),
            }
        }
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
            sections,
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
        periods.sort_by_key(|p| std::cmp::Reverse((p.first_day(), p.last_day())));
        periods
    }

    pub fn tasks(&self) -> impl Iterator<Item = &ReportTask> {
        self.sections.iter().flat_map(|s| s.tasks.iter())
    }

    /// Laid out for pasting into an official document: plain lines, no markup, full-width
    /// punctuation. Fixed layout (every task has every line, empty texts read （未填报）):
    ///
    /// ```text
    /// {title}
    /// {subtitle, only when scoped}
    /// 截至2023年6月30日
    ///
    /// 一、{section}
    /// {n}.{task title}
    /// 牵头单位：A、B            (only when the task names lead units)
    /// 参与单位：C               (only when it names participants)
    /// 进展状态：序时推进；完成进度 40%；序时进度 49.6%，落后序时 9.6 个百分点
    /// 目标指标：                (only when it has visible targets, one line each below)
    /// （1）{target phrase}：目标 2家，实际 1家，未达标
    /// 工作进展：…
    /// 存在问题：…
    /// 下步计划：…
    /// ```
    ///
    /// A blank line precedes each section heading; lines end with `\n`. Report texts keep their
    /// own line breaks (each line trimmed, blank lines dropped).
    pub fn to_plain_text(&self) -> String {
        let mut lines: Vec<String> = vec![self.title.clone()];
        if !self.subtitle.is_empty() {
            lines.push(self.subtitle.clone());
        }
        lines.push(text::as_of_line(
            self.as_of.year,
            self.as_of.month,
            self.as_of.day,
        ));
        for section in &self.sections {
            lines.push(String::new());
            if !section.heading.is_empty() {
                lines.push(section.heading.clone());
            }
            for task in &section.tasks {
                lines.push(format!("{}.{}", task.number, task.title));
                if !task.lead_units.is_empty() {
                    lines.push(format!(
                        "{}：{}",
                        text::LEAD_UNITS,
                        task.lead_units.join("、")
                    ));
                }
                if !task.participating_units.is_empty() {
                    lines.push(format!(
                        "{}：{}",
                        text::PARTICIPATING_UNITS,
                        task.participating_units.join("、")
                    ));
                }
                lines.push(task.status_line());
                if !task.targets.is_empty() {
                    lines.push(text::TARGETS_HEADING.to_string());
                    lines.extend(task.target_lines());
                }
                for field in ReportField::ALL {
                    lines.push(format!(
                        "{}：{}",
                        field.label(),
                        report_text(task.report.get(field))
                    ));
                }
            }
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
        self.sections
            .iter()
            .flat_map(|section| {
                section.tasks.iter().map(move |task| {
                    vec![
                        task.number.to_string(),
                        section.heading.clone(),
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
        status: annotation.status.describe(),
        progress: annotation.progress,
        light,
        gap_text: light.text(),
        targets,
        report: annotation.report(period).cloned().unwrap_or_default(),
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
/// 城阳区2023年重点工作任务2023年第二季度进展情况.
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
    text::report_title(&place, &subject, &period.label())
}
