//! A small hand-built document and ledger facts shared by the query tests.
#![allow(dead_code)]

use luoshi::document::{Comparator, Document, Section, Target, Task, Unit};
use luoshi::ledger::Status;
use luoshi::query::{Fact, FactTable};

fn task(
    number: u32,
    section: u32,
    title: &str,
    body: &str,
    leads: &[&str],
    joins: &[&str],
) -> Task {
    let mut text = format!("{number}.{title}。{body}");
    if !leads.is_empty() {
        text.push_str(&format!("(牵头单位:{}", leads.join("、")));
        if !joins.is_empty() {
            text.push_str(&format!(",参与单位:{}", joins.join("、")));
        }
        text.push(')');
    }
    Task {
        number,
        section,
        title: title.to_string(),
        text,
        lead_units: leads.iter().map(|s| s.to_string()).collect(),
        participating_units: joins.iter().map(|s| s.to_string()).collect(),
        ..Task::default()
    }
}

fn with_target(mut task: Task, figure: &str, phrase: &str) -> Task {
    let start = task.text.find(figure).expect("fixture figure present");
    task.targets.push(Target {
        text: phrase.to_string(),
        value: 1.0,
        value_max: None,
        unit: None,
        comparator: Comparator::AtLeast,
        start,
        end: start + figure.len(),
    });
    task
}

/// Tasks 1–5 and 14 in three sections.
/// | task | section | leads                     | joins                 | targets |
/// | 1    | 1       | 区科技局, 区工业和信息化局 | —                     | yes     |
/// | 2    | 1       | 区科技局                  | 区财政局              | yes     |
/// | 3    | 2       | 区发展改革局              | 区科技局, 各街道      | no      |
/// | 4    | 2       | 各街道                    | 区发展改革局          | no      |
/// | 5    | 3       | —                         | —                     | no      |
/// | 14   | 3       | 区财政局                  | —                     | no      |
pub fn document() -> Document {
    let tasks = vec![
        with_target(
            task(
                1,
                1,
                "提升企业技术创新能力",
                "支持RISC-V团队打造省级重点实验室,年内新增2家市级以上重点实验室。",
                &["区科技局", "区工业和信息化局"],
                &[],
            ),
            "2家市级以上",
            "年内新增2家市级以上重点实验室",
        ),
        with_target(
            task(
                2,
                1,
                "强化科技平台载体赋能",
                "规上工业企业研发机构覆盖率达到85%以上。",
                &["区科技局"],
                &["区财政局"],
            ),
            "85%以上",
            "规上工业企业研发机构覆盖率达到85%以上",
        ),
        task(
            3,
            2,
            "推进城市更新行动",
            "完成老旧小区改造,提升城市品质。",
            &["区发展改革局"],
            &["区科技局", "各街道"],
        ),
        task(
            4,
            2,
            "改善农村人居环境",
            "开展村庄清洁行动。",
            &["各街道"],
            &["区发展改革局"],
        ),
        task(
            5,
            3,
            "加强组织领导",
            "建立14个工作专班,定期调度。",
            &[],
            &[],
        ),
        task(
            14,
            3,
            "强化资金保障",
            "统筹财政资金支持重点任务。",
            &["区财政局"],
            &[],
        ),
    ];
    let mut units: Vec<Unit> = Vec::new();
    for t in &tasks {
        for (name, lead) in t
            .lead_units
            .iter()
            .map(|u| (u, true))
            .chain(t.participating_units.iter().map(|u| (u, false)))
        {
            let at = units
                .iter()
                .position(|u| &u.name == name)
                .unwrap_or_else(|| {
                    units.push(Unit {
                        name: name.clone(),
                        group: name.starts_with('各'),
                        ..Unit::default()
                    });
                    units.len() - 1
                });
            if lead {
                units[at].leads.push(t.number);
            } else {
                units[at].joins.push(t.number);
            }
        }
    }
    Document {
        fingerprint: "fixture".into(),
        sections: vec![
            Section {
                number: 1,
                numeral: "一".into(),
                title: "实施创新驱动发展战略".into(),
            },
            Section {
                number: 2,
                numeral: "二".into(),
                title: "提升城市发展品质".into(),
            },
            Section {
                number: 3,
                numeral: "三".into(),
                title: "组织实施".into(),
            },
        ],
        tasks,
        units,
        ..Document::default()
    }
}

/// 1 滞后 (report, 11-20) · 2 已完成 (report, 11-25) · 3 其他(指标调整) (11-01) · 4 序时推进 ·
/// 5 nothing recorded (counts as 未启动) · 14 超序时.
pub fn facts() -> FactTable {
    let mut table = FactTable::default();
    let fact = |status: Status, has_report: bool, updated: Option<&str>| Fact {
        status: Some(status),
        has_report,
        updated_at: updated.map(str::to_string),
        ..Fact::default()
    };
    table
        .set(1, fact(Status::Behind, true, Some("2026-11-20T09:00:00Z")))
        .set(2, fact(Status::Done, true, Some("2026-11-25T09:00:00Z")))
        .set(
            3,
            fact(
                Status::Other("指标调整".into()),
                false,
                Some("2026-11-01T09:00:00Z"),
            ),
        )
        .set(4, fact(Status::OnSchedule, false, None))
        .set(14, fact(Status::AheadOfSchedule, false, None));
    table
}
