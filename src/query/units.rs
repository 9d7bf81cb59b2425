//! Units as pages: what a unit leads and joins, and what reaches it through a group (各街道).

use std::collections::HashMap;

use crate::document::{Document, TaskNumber};

/// A group name as documents write them: 各街道, 各有关街道, 各相关部门 …
pub fn looks_like_group(name: &str) -> bool {
    name.starts_with('各')
}

/// What a group stands for, with its qualifiers removed: 各有关街道 → 街道.
fn group_kind(name: &str) -> Option<&str> {
    let rest = name.strip_prefix('各')?;
    let rest = rest
        .strip_prefix("有关")
        .or_else(|| rest.strip_prefix("相关"))
        .unwrap_or(rest);
    (!rest.is_empty()).then_some(rest)
}

/// Whether `group` (各街道) covers `unit` (城阳街道, 城阳街道办事处). A heuristic on names: the
/// unit must end with what the group stands for; 各街道 also covers …街道办事处.
pub fn group_covers(group: &str, unit: &str) -> bool {
    if looks_like_group(unit) {
        return false;
    }
    match group_kind(group) {
        Some(kind) => unit.ends_with(kind) || (kind == "街道" && unit.ends_with("街道办事处")),
        None => false,
    }
}

/// One line of a units directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitSummary {
    pub name: String,
    pub group: bool,
    pub leads: usize,
    pub joins: usize,
}

/// Tasks that reach a unit through a group it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupTasks {
    pub group: String,
    pub leads: Vec<TaskNumber>,
    pub joins: Vec<TaskNumber>,
}

/// A unit's page: the tasks it leads (牵头) and joins (参与), by number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitPage {
    pub name: String,
    pub group: bool,
    pub leads: Vec<TaskNumber>,
    pub joins: Vec<TaskNumber>,
    /// For a single office: tasks given to a group that covers it (城阳街道 ← 各街道), kept apart
    /// because the document does not name the office itself.
    pub via_groups: Vec<GroupTasks>,
    /// For a group: the named units it covers.
    pub members: Vec<String>,
}

impl UnitPage {
    pub fn lead_count(&self) -> usize {
        self.leads.len()
    }
    pub fn join_count(&self) -> usize {
        self.joins.len()
    }
    /// Named tasks, leads then joins, without duplicates.
    pub fn all_tasks(&self) -> Vec<TaskNumber> {
        let mut all = self.leads.clone();
        all.extend(self.joins.iter().filter(|t| !self.leads.contains(t)));
        all
    }
}

/// Every unit with its tasks, computed from the tasks themselves (the source of truth) in the
/// order of `Document::units`, then first appearance.
#[derive(Debug, Clone, Default)]
pub struct UnitIndex {
    units: Vec<UnitSummaryFull>,
    by_name: HashMap<String, usize>,
}

#[derive(Debug, Clone)]
struct UnitSummaryFull {
    name: String,
    group: bool,
    leads: Vec<TaskNumber>,
    joins: Vec<TaskNumber>,
}

impl UnitIndex {
    pub fn new(document: &Document) -> UnitIndex {
        let mut index = UnitIndex::default();
        for unit in &document.units {
            let id = index.entry(&unit.name);
            index.units[id].group |= unit.group;
        }
        for task in &document.tasks {
            for name in &task.lead_units {
                let id = index.entry(name);
                push_unique(&mut index.units[id].leads, task.number);
            }
            for name in &task.participating_units {
                let id = index.entry(name);
                push_unique(&mut index.units[id].joins, task.number);
            }
        }
        for unit in &mut index.units {
            crate::sorting::sort(&mut unit.leads);
            crate::sorting::sort(&mut unit.joins);
        }
        index
    }

    fn entry(&mut self, name: &str) -> usize {
        if let Some(&id) = self.by_name.get(name) {
            return id;
        }
        let id = self.units.len();
        self.units.push(UnitSummaryFull {
            name: name.to_string(),
            group: looks_like_group(name),
            leads: Vec::new(),
            joins: Vec::new(),
        });
        self.by_name.insert(name.to_string(), id);
        id
    }

    /// All units, in document order.
    pub fn summaries(&self) -> Vec<UnitSummary> {
        self.units
            .iter()
            .map(|u| UnitSummary {
                name: u.name.clone(),
                group: u.group,
                leads: u.leads.len(),
                joins: u.joins.len(),
            })
            .collect()
    }

    /// All units, busiest first (most tasks led, then joined), for a units directory.
    pub fn by_load(&self) -> Vec<UnitSummary> {
        let mut all = self.summaries();
        crate::sorting::sort_by_key(&mut all, |u| std::cmp::Reverse((u.leads, u.joins)));
        all
    }

    pub fn page(&self, name: &str) -> Option<UnitPage> {
        let unit = &self.units[*self.by_name.get(name)?];
        let via_groups = if unit.group {
            Vec::new()
        } else {
            self.units
                .iter()
                .filter(|g| g.group && group_covers(&g.name, &unit.name))
                .map(|g| GroupTasks {
                    group: g.name.clone(),
                    leads: g.leads.clone(),
                    joins: g.joins.clone(),
                })
                .collect()
        };
        let members = if unit.group {
            self.units
                .iter()
                .filter(|u| group_covers(&unit.name, &u.name))
                .map(|u| u.name.clone())
                .collect()
        } else {
            Vec::new()
        };
        Some(UnitPage {
            name: unit.name.clone(),
            group: unit.group,
            leads: unit.leads.clone(),
            joins: unit.joins.clone(),
            via_groups,
            members,
        })
    }
}

fn push_unique(list: &mut Vec<TaskNumber>, task: TaskNumber) {
    if !list.contains(&task) {
        list.push(task);
    }
}
