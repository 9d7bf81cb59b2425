//! Targets summary: how many visible targets are met, not yet met, or still lack an actual.

use super::{text, Bar, Chart};
use crate::document::{Comparator, Document, TaskNumber};
use crate::ledger::{format_number, Annotation, Ledger, TargetRef, TargetView};

/// A target with an actual that does not meet it.
#[derive(Debug, Clone, PartialEq)]
pub struct MissedTarget {
    pub task: TaskNumber,
    pub task_title: String,
    pub target: TargetRef,
    /// The phrase the target sits in.
    pub text: String,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: Option<String>,
    pub comparator: Comparator,
    pub actual: f64,
    /// 0–1, below 1 (see `ledger::completion`).
    pub completion: f64,
}

impl MissedTarget {
    /// The target figure as people read it: `300个`, `3-5个`.
    pub fn figure(&self) -> String {
        figure(self.value, self.value_max, self.unit.as_deref())
    }

    /// The actual with the target's unit: `120个`.
    pub fn actual_text(&self) -> String {
        with_unit(self.actual, self.unit.as_deref())
    }
}

/// `300个`, `3-5个`, `85%`.
pub fn figure(value: f64, value_max: Option<f64>, unit: Option<&str>) -> String {
    let mut number = format_number(value);
    if let Some(max) = value_max {
        number = format!("{number}-{}", format_number(max));
    }
    format!("{number}{}", unit.unwrap_or(""))
}

pub fn with_unit(value: f64, unit: Option<&str>) -> String {
    format!("{}{}", format_number(value), unit.unwrap_or(""))
}

/// Met / not met / no actual over every visible target of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetsSummary {
    pub total: usize,
    pub met: usize,
    pub not_met: usize,
    pub no_actual: usize,
    /// Targets with an actual that misses, in document order (task, then target order).
    pub missed: Vec<MissedTarget>,
    /// Bars `met`, `not_met`, `no_actual`; each lists the tasks with at least one such target.
    pub chart: Chart,
}

impl TargetsSummary {
    pub fn compute(document: &Document, ledger: &Ledger) -> TargetsSummary {
        let default = Annotation::default();
        let mut met_tasks = Vec::new();
        let mut not_met_tasks = Vec::new();
        let mut no_actual_tasks = Vec::new();
        let (mut met, mut not_met, mut no_actual) = (0, 0, 0);
        let mut missed = Vec::new();
        for task in &document.tasks {
            let annotation = ledger.annotation(task.number).unwrap_or(&default);
            let views: Vec<TargetView> = annotation
                .target_views(&task.targets)
                .into_iter()
                .filter(|v| !v.hidden)
                .collect();
            let mark = |tasks: &mut Vec<TaskNumber>| {
                if tasks.last() != Some(&task.number) {
                    tasks.push(task.number);
                }
            };
            for view in views {
                match (view.actual, view.met) {
                    (Some(actual), Some(false)) => {
                        not_met += 1;
                        mark(&mut not_met_tasks);
                        missed.push(MissedTarget {
                            task: task.number,
                            task_title: task.title.clone(),
                            target: view.target,
                            text: view.text,
                            value: view.value,
                            value_max: view.value_max,
                            unit: view.unit,
                            comparator: view.comparator,
                            actual,
                            completion: view.completion.unwrap_or(0.0),
                        });
                    }
                    (Some(_), _) => {
                        met += 1;
                        mark(&mut met_tasks);
                    }
                    (None, _) => {
                        no_actual += 1;
                        mark(&mut no_actual_tasks);
                    }
                }
            }
        }
        let total = met + not_met + no_actual;
        let bar = |key, label: &str, count, tasks, css_class| Bar {
            key,
            label: label.to_string(),
            count,
            share: 0.0,
            css_class,
            tasks,
            query: None,
        };
        let chart = Chart::new(
            text::CHART_TARGETS,
            text::NOUN_TARGETS,
            total,
            vec![
                bar("met", text::TARGET_MET, met, met_tasks, "target-met"),
                bar(
                    "not_met",
                    text::TARGET_NOT_MET,
                    not_met,
                    not_met_tasks,
                    "target-not-met",
                ),
                bar(
                    "no_actual",
                    text::TARGET_NO_ACTUAL,
                    no_actual,
                    no_actual_tasks,
                    "target-no-actual",
                ),
            ],
        );
        TargetsSummary {
            total,
            met,
            not_met,
            no_actual,
            missed,
            chart,
        }
    }
}
