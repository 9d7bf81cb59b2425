//! The precomputed search index and the per-keystroke evaluation: filter, facet counts, sort.

use std::cmp::Reverse;
use std::collections::HashMap;

use super::text::{fold, SearchText};
use super::{LightBucket, Query, Role, Sort, StatusKind, TaskFacts};
use crate::document::{Document, TaskNumber};
use crate::period::Period;

/// Separates fields in a haystack so a term cannot match across two fields.
/// Search terms never contain control characters (see `SearchText::parse`).
const FIELD_SEPARATOR: char = '\u{1F}';

/// Built once per document; every keystroke then costs O(tasks × terms) plus facet counting.
#[derive(Debug, Clone, Default)]
pub struct QueryIndex {
    tasks: Vec<IndexedTask>,
    positions: HashMap<TaskNumber, usize>,
    units: Vec<IndexedUnit>,
    unit_ids: HashMap<String, usize>,
    /// Responsible leaders in order of first appearance.
    leaders: Vec<String>,
    leader_ids: HashMap<String, usize>,
    sections: Vec<(u32, String)>,
}

#[derive(Debug, Clone)]
struct IndexedTask {
    number: TaskNumber,
    section: u32,
    /// Where `section` is in `QueryIndex::sections` (None for tasks outside any section).
    section_slot: Option<usize>,
    /// Folded number, title, text, units and target phrases, separated by `FIELD_SEPARATOR`.
    haystack: String,
    lead: Vec<usize>,
    joins: Vec<usize>,
    /// Lead and participating units without duplicates.
    any: Vec<usize>,
    /// Responsible leaders without duplicates.
    leaders: Vec<usize>,
    has_targets: bool,
}

impl IndexedTask {
    fn units_in(&self, role: Role) -> &[usize] {
        match role {
            Role::Lead => &self.lead,
            Role::Participate => &self.joins,
            Role::Any => &self.any,
        }
    }
}

#[derive(Debug, Clone)]
struct IndexedUnit {
    name: String,
}

/// Result of jumping by number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jump {
    /// The document has this task: the list is filtered to it (other filters still apply).
    Found(TaskNumber),
    /// No such task: the number was searched as ordinary text instead.
    NotFound(TaskNumber),
}

/// One facet value with its live count: how many tasks would match if this value were the
/// facet's only selection, given every *other* active filter and the text. Zero counts stay
/// listed so the UI can show them disabled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    /// The URL/query value (section number, unit name, status param, "1"/"0").
    pub value: String,
    /// What the UI shows, in Chinese.
    pub label: String,
    pub count: usize,
    pub selected: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    pub sections: Vec<FacetValue>,
    /// Every unit in document order (counts respect the query's role).
    pub units: Vec<FacetValue>,
    /// Every responsible leader in order of first appearance; empty when the document names none
    /// (and no leader is selected).
    pub leaders: Vec<FacetValue>,
    pub statuses: Vec<FacetValue>,
    /// 有量化目标 / 无量化目标
    pub has_targets: Vec<FacetValue>,
    /// 有进展报告 / 无进展报告 (for `report_period` when the query names one)
    pub has_report: Vec<FacetValue>,
    /// One value per [`LightBucket`]: 绿灯, 黄灯, 红灯, 未填报.
    pub lights: Vec<FacetValue>,
    /// 挂牌督办 / 未挂牌督办
    pub supervised: Vec<FacetValue>,
}

impl Facets {
    /// Units for a long facet list: selected first, then by count (most first), ties in
    /// document order. Zero counts stay at the end rather than disappearing.
    pub fn units_by_count(&self) -> Vec<&FacetValue> {
        let mut units: Vec<&FacetValue> = self.units.iter().collect();
        crate::sorting::sort_by_key(&mut units, |v| (!v.selected, Reverse(v.count)));
        units
    }
}

/// What one evaluation of a query produces.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Evaluation {
    /// Matching tasks, in the query's sort order.
    pub tasks: Vec<TaskNumber>,
    pub facets: Facets,
    pub jump: Option<Jump>,
    /// Terms to highlight with [`super::highlight`] / [`super::mark`] (empty on a found jump).
    pub terms: Vec<String>,
    /// Tasks in the document, for "显示 12 / 71 项".
    pub total: usize,
    /// With a caller's unit given: how many tasks the my-unit view shows under the other
    /// filters (for a "只看本单位 (12)" toggle), whether or not `mine` is on.
    pub mine_count: Option<usize>,
}

impl Evaluation {
    pub fn contains(&self, task: TaskNumber) -> bool {
        self.tasks.contains(&task)
    }

    /// The previous and next task in the current list, for a task page's ‹ › links.
    pub fn neighbours(&self, task: TaskNumber) -> (Option<TaskNumber>, Option<TaskNumber>) {
        match self.tasks.iter().position(|&t| t == task) {
            Some(at) => (
                at.checked_sub(1).and_then(|i| self.tasks.get(i).copied()),
                self.tasks.get(at + 1).copied(),
            ),
            None => (None, None),
        }
    }
}

const TEXT: u16 = 1;
const SECTION: u16 = 1 << 1;
const UNIT: u16 = 1 << 2;
const STATUS: u16 = 1 << 3;
const TARGETS: u16 = 1 << 4;
const REPORT: u16 = 1 << 5;
const MINE: u16 = 1 << 6;
const LIGHT: u16 = 1 << 7;
const SUPERVISED: u16 = 1 << 8;
const LEADER: u16 = 1 << 9;

impl QueryIndex {
    pub fn new(document: &Document) -> QueryIndex {
        let mut index = QueryIndex::default();
        // Units in the document's order first, then any a task names that the list missed.
        for unit in &document.units {
            index.unit_id(&unit.name);
        }
        for section in &document.sections {
            index.sections.push((
                section.number,
                format!("{}、{}", section.numeral, section.title),
            ));
        }
        for task in &document.tasks {
            if task.section != 0 && !index.sections.iter().any(|(n, _)| *n == task.section) {
                index
                    .sections
                    .push((task.section, format!("第{}部分", task.section)));
            }
            let lead: Vec<usize> = dedup(task.lead_units.iter().map(|u| index.unit_id(u)));
            let joins: Vec<usize> =
                dedup(task.participating_units.iter().map(|u| index.unit_id(u)));
            let any = dedup(lead.iter().chain(joins.iter()).copied());
            let leaders = dedup(task.leaders.iter().map(|l| index.leader_id(l)));

            let mut haystack = String::new();
            haystack.push_str(&task.number.to_string());
            let mut push_field = |field: &str| {
                haystack.push(FIELD_SEPARATOR);
                haystack.push_str(&fold(field));
            };
            if !task.text.contains(task.title.as_str()) {
                push_field(&task.title);
            }
            push_field(&task.text);
            for unit in task.all_units() {
                push_field(unit);
            }
            for target in &task.targets {
                push_field(&target.text);
            }
            index
                .positions
                .entry(task.number)
                .or_insert(index.tasks.len());
            let section_slot = index.sections.iter().position(|(n, _)| *n == task.section);
            index.tasks.push(IndexedTask {
                number: task.number,
                section: task.section,
                section_slot,
                haystack,
                lead,
                joins,
                any,
                leaders,
                has_targets: !task.targets.is_empty(),
            });
        }
        index
    }

    fn unit_id(&mut self, name: &str) -> usize {
        if let Some(&id) = self.unit_ids.get(name) {
            return id;
        }
        let id = self.units.len();
        self.units.push(IndexedUnit {
            name: name.to_string(),
        });
        self.unit_ids.insert(name.to_string(), id);
        id
    }

    fn leader_id(&mut self, name: &str) -> usize {
        if let Some(&id) = self.leader_ids.get(name) {
            return id;
        }
        let id = self.leaders.len();
        self.leaders.push(name.to_string());
        self.leader_ids.insert(name.to_string(), id);
        id
    }

    /// Whether the document names any responsible leader (the UI shows the leader facet then).
    pub fn has_leaders(&self) -> bool {
        !self.leaders.is_empty()
    }

    pub fn task_count(&self) -> usize {
        self.tasks.len()
    }

    pub fn has_task(&self, task: TaskNumber) -> bool {
        self.positions.contains_key(&task)
    }

    /// 一、实施创新驱动发展战略
    pub fn section_label(&self, section: u32) -> Option<&str> {
        self.sections
            .iter()
            .find(|(n, _)| *n == section)
            .map(|(_, label)| label.as_str())
    }

    /// Filter, count facets and sort. `my_unit` is the caller's own unit for `query.mine`;
    /// with `mine` set but no unit given, the my-unit filter is ignored (the UI asks for one).
    pub fn evaluate<F: TaskFacts + ?Sized>(
        &self,
        query: &Query,
        facts: &F,
        my_unit: Option<&str>,
    ) -> Evaluation {
        let columns = self.fact_columns(facts, query.report_period);
        self.run(query, &columns, my_unit, true)
    }

    /// [`evaluate`](Self::evaluate) against facts read beforehand with
    /// [`fact_columns`](Self::fact_columns): while the reader types, the ledger does not change, so
    /// a keystroke need not ask the facts again for every task. The report facet and filter follow
    /// the period the columns were read for (build them for the query's `report_period`).
    pub fn evaluate_columns(
        &self,
        query: &Query,
        columns: &FactColumns,
        my_unit: Option<&str>,
    ) -> Evaluation {
        self.run(query, columns, my_unit, true)
    }

    /// Only the matching tasks, in order, without facet counts.
    pub fn filter<F: TaskFacts + ?Sized>(
        &self,
        query: &Query,
        facts: &F,
        my_unit: Option<&str>,
    ) -> Vec<TaskNumber> {
        let columns = self.fact_columns(facts, query.report_period);
        self.run(query, &columns, my_unit, false).tasks
    }

    /// Every task's facts in index order, read once. `report_period`: which reports count for
    /// the report facet (a query's `report_period`; `None`: any report, as `has_report` says).
    pub fn fact_columns<F: TaskFacts + ?Sized>(
        &self,
        facts: &F,
        report_period: Option<Period>,
    ) -> FactColumns {
        let count = self.tasks.len();
        let mut columns = FactColumns {
            report_period,
            statuses: Vec::with_capacity(count),
            reports: Vec::with_capacity(count),
            lights: Vec::with_capacity(count),
            supervised: Vec::with_capacity(count),
            updated: Vec::with_capacity(count),
        };
        for task in &self.tasks {
            let number = task.number;
            columns.statuses.push(
                facts
                    .status(number)
                    .map_or(StatusKind::NotStarted, |s| StatusKind::of(&s)),
            );
            columns.reports.push(match report_period {
                Some(period) => facts.has_report_in(number, period),
                None => facts.has_report(number),
            });
            columns.lights.push(facts.light(number));
            columns.supervised.push(facts.supervised(number));
            columns
                .updated
                .push(facts.updated_at(number).map(str::to_string));
        }
        columns
    }

    fn run(
        &self,
        query: &Query,
        columns: &FactColumns,
        my_unit: Option<&str>,
        with_facets: bool,
    ) -> Evaluation {
        let search = SearchText::parse(&query.text);
        let jump = search.number.map(|n| {
            if self.has_task(n) {
                Jump::Found(n)
            } else {
                Jump::NotFound(n)
            }
        });
        let jump_to = match jump {
            Some(Jump::Found(n)) => Some(n),
            _ => None,
        };

        let mut selected_units = vec![false; self.units.len()];
        for name in &query.units {
            if let Some(&id) = self.unit_ids.get(name) {
                selected_units[id] = true;
            }
        }
        let mut selected_leaders = vec![false; self.leaders.len()];
        for name in &query.leaders {
            if let Some(&id) = self.leader_ids.get(name) {
                selected_leaders[id] = true;
            }
        }
        // Outer None: no unit given. Inner None: a unit this document does not name.
        let my_unit_id: Option<Option<usize>> =
            my_unit.map(|name| self.unit_ids.get(name).copied());
        let mut mine_count = 0usize;

        let task_count = self.tasks.len();
        let mut failures: Vec<u16> = Vec::with_capacity(task_count);
        for (i, task) in self.tasks.iter().enumerate() {
            let status = columns
                .statuses
                .get(i)
                .copied()
                .unwrap_or(StatusKind::NotStarted);
            let has_report = columns.reports.get(i).copied().unwrap_or(false);
            let light = columns.lights.get(i).copied().unwrap_or_default();
            let is_supervised = columns.supervised.get(i).copied().unwrap_or(false);
            let mut failed = 0u16;
            let text_ok = match jump_to {
                Some(n) => task.number == n,
                None => search
                    .folded
                    .iter()
                    .all(|term| task.haystack.contains(term.as_str())),
            };
            if !text_ok {
                failed |= TEXT;
            }
            if !query.sections.is_empty() && !query.sections.contains(&task.section) {
                failed |= SECTION;
            }
            if !query.units.is_empty()
                && !task.units_in(query.role).iter().any(|&u| selected_units[u])
            {
                failed |= UNIT;
            }
            if !query.leaders.is_empty() && !task.leaders.iter().any(|&l| selected_leaders[l]) {
                failed |= LEADER;
            }
            if !query.statuses.is_empty() && !query.statuses.contains(&status) {
                failed |= STATUS;
            }
            if query
                .has_targets
                .is_some_and(|want| want != task.has_targets)
            {
                failed |= TARGETS;
            }
            if query.has_report.is_some_and(|want| want != has_report) {
                failed |= REPORT;
            }
            if !query.lights.is_empty() && !query.lights.contains(&light) {
                failed |= LIGHT;
            }
            if query.supervised.is_some_and(|want| want != is_supervised) {
                failed |= SUPERVISED;
            }
            if let Some(id) = my_unit_id {
                let is_mine = id.is_some_and(|id| task.units_in(query.role).contains(&id));
                if query.mine && !is_mine {
                    failed |= MINE;
                }
                if is_mine && failed & !MINE == 0 {
                    mine_count += 1;
                }
            }
            failures.push(failed);
        }

        let mut matching: Vec<usize> = (0..task_count).filter(|&i| failures[i] == 0).collect();
        self.sort(&mut matching, query.sort, columns);

        let facets = if with_facets {
            self.facets(query, &failures, columns)
        } else {
            Facets::default()
        };
        Evaluation {
            tasks: matching.into_iter().map(|i| self.tasks[i].number).collect(),
            facets,
            jump,
            terms: if jump_to.is_some() {
                Vec::new()
            } else {
                search.terms
            },
            total: task_count,
            mine_count: my_unit_id.map(|_| mine_count),
        }
    }

    fn sort(&self, positions: &mut [usize], sort: Sort, columns: &FactColumns) {
        let tasks = &self.tasks;
        let status = |i: usize| {
            columns
                .statuses
                .get(i)
                .copied()
                .unwrap_or(StatusKind::NotStarted)
        };
        let updated = |i: usize| columns.updated.get(i).and_then(|u| u.as_deref());
        match sort {
            Sort::Number => crate::sorting::sort_by_key(positions, |&i| tasks[i].number),
            Sort::Section => {
                crate::sorting::sort_by_key(positions, |&i| (tasks[i].section, tasks[i].number))
            }
            Sort::Status => {
                crate::sorting::sort_by_key(positions, |&i| (status(i).urgency(), tasks[i].number))
            }
            Sort::Updated => crate::sorting::sort_by(positions, |&a, &b| {
                let (ua, ub) = (updated(a), updated(b));
                // Newest first, never-updated last (Option's None sorts first, so reverse it).
                Reverse(ua)
                    .cmp(&Reverse(ub))
                    .then(tasks[a].number.cmp(&tasks[b].number))
            }),
        }
    }

    fn facets(&self, query: &Query, failures: &[u16], columns: &FactColumns) -> Facets {
        let FactColumns {
            statuses,
            reports,
            lights,
            supervised,
            ..
        } = columns;
        // A task counts for facet X when it fails nothing but (possibly) X itself.
        let passes_except = |i: usize, facet: u16| failures[i] & !facet == 0;
        // Counts in arrays indexed by slot (no hashing per task: this loop runs over every task
        // on every keystroke).
        let status_slot = |kind: StatusKind| StatusKind::ALL.iter().position(|k| *k == kind);
        let light_slot = |light: LightBucket| LightBucket::ALL.iter().position(|l| *l == light);

        let mut section_counts = vec![0usize; self.sections.len()];
        let mut unit_counts = vec![0usize; self.units.len()];
        let mut leader_counts = vec![0usize; self.leaders.len()];
        let mut status_counts = [0usize; StatusKind::ALL.len()];
        let mut target_counts = [0usize; 2];
        let mut report_counts = [0usize; 2];
        let mut light_counts = [0usize; LightBucket::ALL.len()];
        let mut supervised_counts = [0usize; 2];
        for (i, task) in self.tasks.iter().enumerate() {
            if passes_except(i, SECTION) {
                if let Some(slot) = task.section_slot {
                    section_counts[slot] += 1;
                }
            }
            if passes_except(i, UNIT) {
                for &unit in task.units_in(query.role) {
                    unit_counts[unit] += 1;
                }
            }
            if passes_except(i, LEADER) {
                for &leader in &task.leaders {
                    leader_counts[leader] += 1;
                }
            }
            if passes_except(i, STATUS) {
                if let Some(slot) = statuses.get(i).and_then(|&kind| status_slot(kind)) {
                    status_counts[slot] += 1;
                }
            }
            if passes_except(i, TARGETS) {
                target_counts[usize::from(task.has_targets)] += 1;
            }
            if passes_except(i, REPORT) {
                report_counts[usize::from(reports.get(i).copied().unwrap_or(false))] += 1;
            }
            if passes_except(i, LIGHT) {
                if let Some(slot) = lights.get(i).and_then(|&light| light_slot(light)) {
                    light_counts[slot] += 1;
                }
            }
            if passes_except(i, SUPERVISED) {
                supervised_counts[usize::from(supervised.get(i).copied().unwrap_or(false))] += 1;
            }
        }

        let mut sections: Vec<FacetValue> = self
            .sections
            .iter()
            .zip(section_counts)
            .map(|((number, label), count)| FacetValue {
                value: number.to_string(),
                label: label.clone(),
                count,
                selected: query.sections.contains(number),
            })
            .collect();
        // A selection the document does not have (an old link) stays visible so it can be cleared.
        for &number in &query.sections {
            if self.section_label(number).is_none() {
                sections.push(FacetValue {
                    value: number.to_string(),
                    label: format!("第{number}部分"),
                    count: 0,
                    selected: true,
                });
            }
        }

        let mut units: Vec<FacetValue> = self
            .units
            .iter()
            .zip(unit_counts)
            .map(|(unit, count)| FacetValue {
                value: unit.name.clone(),
                label: unit.name.clone(),
                count,
                selected: query.units.contains(&unit.name),
            })
            .collect();
        for name in &query.units {
            if !self.unit_ids.contains_key(name) {
                units.push(FacetValue {
                    value: name.clone(),
                    label: name.clone(),
                    count: 0,
                    selected: true,
                });
            }
        }

        let mut leaders: Vec<FacetValue> = self
            .leaders
            .iter()
            .zip(leader_counts)
            .map(|(name, count)| FacetValue {
                value: name.clone(),
                label: name.clone(),
                count,
                selected: query.leaders.contains(name),
            })
            .collect();
        for name in &query.leaders {
            if !self.leader_ids.contains_key(name) {
                leaders.push(FacetValue {
                    value: name.clone(),
                    label: name.clone(),
                    count: 0,
                    selected: true,
                });
            }
        }

        let statuses = StatusKind::ALL
            .into_iter()
            .zip(status_counts)
            .map(|(kind, count)| FacetValue {
                value: kind.as_param().to_string(),
                label: kind.label().to_string(),
                count,
                selected: query.statuses.contains(&kind),
            })
            .collect();

        let yes_no = |counts: [usize; 2], selected: Option<bool>, yes: &str, no: &str| {
            vec![
                FacetValue {
                    value: "1".into(),
                    label: yes.into(),
                    count: counts[1],
                    selected: selected == Some(true),
                },
                FacetValue {
                    value: "0".into(),
                    label: no.into(),
                    count: counts[0],
                    selected: selected == Some(false),
                },
            ]
        };

        Facets {
            sections,
            units,
            leaders,
            statuses,
            has_targets: yes_no(target_counts, query.has_targets, "有量化目标", "无量化目标"),
            has_report: yes_no(report_counts, query.has_report, "有进展报告", "无进展报告"),
            lights: LightBucket::ALL
                .into_iter()
                .zip(light_counts)
                .map(|(light, count)| FacetValue {
                    value: light.key().to_string(),
                    label: light.label().to_string(),
                    count,
                    selected: query.lights.contains(&light),
                })
                .collect(),
            supervised: yes_no(
                supervised_counts,
                query.supervised,
                "挂牌督办",
                "未挂牌督办",
            ),
        }
    }
}

/// Every task's facts in [`QueryIndex`] order, read once by [`QueryIndex::fact_columns`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FactColumns {
    /// The period whose reports `reports` counts (None: any report).
    report_period: Option<Period>,
    statuses: Vec<StatusKind>,
    reports: Vec<bool>,
    lights: Vec<LightBucket>,
    supervised: Vec<bool>,
    updated: Vec<Option<String>>,
}

impl FactColumns {
    /// The period these columns count reports for.
    pub fn report_period(&self) -> Option<Period> {
        self.report_period
    }
}

fn dedup(ids: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for id in ids {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}
