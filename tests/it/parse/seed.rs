//! The seed document parses completely: structure, header, notice, units and targets.

use luoshi::{seed_document, Comparator, Document, Task};

fn task(doc: &Document, number: u32) -> &Task {
    doc.task(number)
        .unwrap_or_else(|| panic!("task {number} missing"))
}

fn strings(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| name.to_string()).collect()
}

#[test]
fn structure_counts_and_no_warnings() {
    let doc = seed_document();
    assert_eq!(doc.warnings, vec![]);
    assert_eq!(doc.sections.len(), 11);
    assert_eq!(doc.tasks.len(), 71);
    let numbers: Vec<u32> = doc.tasks.iter().map(|t| t.number).collect();
    assert_eq!(numbers, (1..=71).collect::<Vec<_>>());
    let numerals: Vec<&str> = doc.sections.iter().map(|s| s.numeral.as_str()).collect();
    assert_eq!(
        numerals,
        ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]
    );
    assert_eq!(
        doc.sections.iter().map(|s| s.number).collect::<Vec<_>>(),
        (1..=11).collect::<Vec<_>>()
    );
    assert_eq!(doc.sections[0].title, "实施创新驱动发展战略");
    assert_eq!(doc.sections[10].title, "组织实施");
    assert_eq!(
        doc.fingerprint,
        luoshi::fingerprint::fingerprint(luoshi::SEED_TEXT)
    );
}

#[test]
fn tasks_belong_to_their_sections() {
    let doc = seed_document();
    let first_of_section = [1, 7, 15, 20, 34, 38, 44, 50, 57, 66, 69];
    for (index, &first) in first_of_section.iter().enumerate() {
        assert_eq!(task(&doc, first).section, index as u32 + 1, "task {first}");
    }
    assert_eq!(task(&doc, 6).section, 1);
    assert_eq!(task(&doc, 71).section, 11);
}

#[test]
fn task_title_and_text() {
    let doc = seed_document();
    let first = task(&doc, 1);
    assert_eq!(first.title, "提升企业技术创新能力");
    assert!(first
        .text
        .starts_with("提升企业技术创新能力。开展科技型中小企业创新能力“画像”"));
    assert!(first
        .text
        .ends_with("(牵头单位:区科技局、区工业和信息化局)"));
    assert_eq!(task(&doc, 10).title, "推动“两业”深度融合");
    assert_eq!(task(&doc, 71).title, "组织宣传推介");
    assert!(task(&doc, 71).text.ends_with("浓厚氛围。"));
}

#[test]
fn header_fields_read_once() {
    let meta = seed_document().meta;
    assert_eq!(meta.index_number, "2691820230512100506");
    assert_eq!(meta.subject, "");
    assert_eq!(meta.written_date, "2023-04-27");
    assert_eq!(meta.published_date, "2023-04-27");
    assert_eq!(meta.issuer, "区政府办公室");
    assert_eq!(
        meta.keywords,
        [
            "新旧动能转换",
            "绿色低碳",
            "高质量发展",
            "2023年重点工作任务"
        ]
    );
    assert_eq!(meta.doc_number, "青城政办发〔2023〕18号");
    assert_eq!(meta.validity, "有效");
    assert_eq!(meta.consult_department, "区发展改革局");
    assert_eq!(meta.consult_phone, "0532-87868535");
    assert_eq!(meta.normative_number, "无");
}

#[test]
fn notice_title_and_preamble() {
    let doc = seed_document();
    assert_eq!(
        doc.notice.title,
        "青岛市城阳区人民政府办公室关于印发《青岛市城阳区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务》的通知"
    );
    assert_eq!(doc.notice.issuer, "青岛市城阳区人民政府办公室");
    assert_eq!(doc.notice.date, "2023年4月27日");
    assert!(doc
        .notice
        .body
        .starts_with("各街道办事处,区政府各部门,区直各单位,省、市驻城阳各单位:\n《青岛市城阳区"));
    assert!(doc.notice.body.ends_with("请认真组织实施。"));
    assert_eq!(
        doc.title,
        "青岛市城阳区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务"
    );
    assert!(doc.preamble.starts_with("为深入贯彻党的二十大精神"));
    assert!(doc.preamble.ends_with("现制定2023年重点工作任务。"));
}

#[test]
fn units_of_selected_tasks() {
    let doc = seed_document();
    let cases: [(u32, &[&str], &[&str]); 9] = [
        (1, &["区科技局", "区工业和信息化局"], &[]),
        (
            9,
            &["区发展改革局"],
            &["区住房城市建设管理局", "区交通运输局"],
        ),
        (
            14,
            &[
                "区地方金融监管局",
                "区工业和信息化局",
                "区发展改革局",
                "区农业农村局",
                "各产业主管部门",
            ],
            &["区财政局", "区国有资产发展中心"],
        ),
        (
            22,
            &[
                "区住房城市建设管理局",
                "区机关事务服务中心",
                "区发展改革局",
                "区教育体育局",
                "区交通运输局",
                "区卫生健康局",
            ],
            &[],
        ),
        (
            38,
            &[
                "区农业农村局",
                "夏庄街道",
                "惜福镇街道",
                "棘洪滩街道",
                "上马街道",
            ],
            &[],
        ),
        (
            67,
            &[
                "区应急局",
                "区住房城市建设管理局",
                "区交通运输局",
                "区发展改革局",
                "区市场监管局",
                "城阳公安分局",
            ],
            &[],
        ),
        (69, &[], &[]),
        (70, &[], &[]),
        (71, &[], &[]),
    ];
    for (number, leads, participants) in cases {
        let task = task(&doc, number);
        assert_eq!(task.lead_units, strings(leads), "task {number} leads");
        assert_eq!(
            task.participating_units,
            strings(participants),
            "task {number} participants"
        );
    }
}

#[test]
fn unit_list_entries() {
    let doc = seed_document();
    let names: Vec<&str> = doc.units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(
        &names[..3],
        ["区科技局", "区工业和信息化局", "区地方金融监管局"]
    );
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "one entry per unit");

    let science = doc.unit("区科技局").expect("区科技局");
    assert!(!science.group);
    assert_eq!(&science.leads[..3], [1, 2, 3]);
    assert_eq!(science.joins, [42]);

    let group = doc.unit("各产业主管部门").expect("各产业主管部门");
    assert!(group.group);
    assert_eq!(group.leads, [14]);
    for name in ["各街道", "各有关街道", "各功能区", "各产业链主单位"] {
        assert!(doc.unit(name).is_some_and(|u| u.group), "{name}");
    }
    let streets = doc.unit("各街道").expect("各街道");
    assert_eq!(streets.leads, [21, 39]);
    assert_eq!(streets.joins, [49, 53, 55]);
    assert!(doc
        .unit("区农业农村局")
        .is_some_and(|u| u.leads.contains(&14) && !u.group));
    assert!(doc.unit("区农业农村局等各产业主管部门").is_none());

    // Every task's units appear in the list with that task, and nothing else does.
    for task in &doc.tasks {
        for name in &task.lead_units {
            assert!(
                doc.unit(name)
                    .is_some_and(|u| u.leads.contains(&task.number)),
                "{name} leads {}",
                task.number
            );
        }
        for name in &task.participating_units {
            assert!(
                doc.unit(name)
                    .is_some_and(|u| u.joins.contains(&task.number)),
                "{name} joins {}",
                task.number
            );
        }
    }
    for unit in &doc.units {
        for number in &unit.leads {
            assert!(task(&doc, *number).lead_units.contains(&unit.name));
        }
        for number in &unit.joins {
            assert!(task(&doc, *number).participating_units.contains(&unit.name));
        }
    }
}

type Expected = (f64, Option<f64>, Option<&'static str>, Comparator);

fn assert_targets(doc: &Document, number: u32, expected: &[Expected]) {
    let found: Vec<(f64, Option<f64>, Option<&str>, Comparator)> = task(doc, number)
        .targets
        .iter()
        .map(|t| (t.value, t.value_max, t.unit.as_deref(), t.comparator))
        .collect();
    assert_eq!(found, expected, "targets of task {number}");
}

#[test]
fn targets_of_selected_tasks() {
    use Comparator::*;
    let doc = seed_document();
    assert_targets(
        &doc,
        1,
        &[
            // 市级以上 between the figure and the noun: at least 2 (the JSON contract).
            (2.0, None, Some("家"), AtLeast),
            (300.0, None, Some("个"), AtLeast),
            (100.0, None, Some("个"), AtLeast),
            (200.0, None, Some("个"), AtLeast),
        ],
    );
    assert_targets(
        &doc,
        3,
        &[
            (1700.0, None, Some("家"), Exceed),
            (1500.0, None, Some("家"), Reach),
            (6.0, None, Some("家"), AtLeast),
            (30.0, None, Some("家"), Exceed),
        ],
    );
    assert_targets(
        &doc,
        9,
        &[
            (1.0, None, Some("家"), AtLeast),
            (3.0, Some(5.0), Some("家"), Reach),
            (10.0, None, Some("亿元"), Exceed),
            (3.0, Some(5.0), Some("个"), Reach),
        ],
    );
    assert_targets(
        &doc,
        27,
        &[
            (1.122, None, Some("亿立方米"), AtMost),
            (0.053, None, Some("亿立方米"), AtLeast),
        ],
    );
    assert_targets(
        &doc,
        47,
        &[
            (1.5, None, None, AtLeast),
            (3.0, None, Some("个"), Reach),
            (2.0, None, None, AtLeast),
            (1000.0, None, Some("万元"), AtLeast),
            (50.0, None, Some("万元"), AtLeast),
        ],
    );
    for none in [25, 26, 46, 62, 69, 70, 71] {
        assert_targets(&doc, none, &[]);
    }
}

#[test]
fn target_text_and_highlight() {
    let doc = seed_document();
    let first = &task(&doc, 1).targets[0];
    assert_eq!(first.text, "年内新增2家市级以上重点实验室");
    let third = &task(&doc, 3).targets[0];
    assert_eq!(
        task(&doc, 3).text.get(third.start..third.end),
        Some("突破1700家")
    );
    let ratio = &task(&doc, 47).targets[0];
    assert_eq!(ratio.text, "新建工业用地项目容积率原则上在1.5以上");
    assert_eq!(
        task(&doc, 11).targets[0].text,
        "推动3个省、市级海洋工程技术协同创新中心成果转化"
    );
    for task in &doc.tasks {
        for target in &task.targets {
            let marked = task
                .text
                .get(target.start..target.end)
                .unwrap_or_else(|| panic!("task {} target range off char boundary", task.number));
            assert!(
                !marked.is_empty() && target.text.contains(marked),
                "task {}: {marked} not in {}",
                task.number,
                target.text
            );
        }
    }
}

#[test]
fn json_contract() {
    let doc = seed_document();
    let json: serde_json::Value = serde_json::to_value(&doc).expect("serialize");
    assert_eq!(
        json["sections"][0],
        serde_json::json!({"number": 1, "numeral": "一", "title": "实施创新驱动发展战略"})
    );
    assert_eq!(
        json["tasks"][0]["lead_units"],
        serde_json::json!(["区科技局", "区工业和信息化局"])
    );
    let target = &json["tasks"][0]["targets"][0];
    assert_eq!(target["value"], serde_json::json!(2));
    assert!(target["value"].is_u64() || target["value"].is_i64());
    assert_eq!(target["value_max"], serde_json::Value::Null);
    assert_eq!(target["unit"], "家");
    assert_eq!(target["comparator"], "at_least");
    assert_eq!(
        json["tasks"][26]["targets"][0]["value"],
        serde_json::json!(1.122)
    );
    assert_eq!(json["units"][0]["name"], "区科技局");
    assert_eq!(json["warnings"], serde_json::json!([]));
    let text = serde_json::to_string(&doc).expect("serialize");
    let back: Document = serde_json::from_str(&text).expect("deserialize");
    assert_eq!(back, doc);
}

#[test]
fn a_task_prints_its_label_or_else_its_number() {
    let doc = luoshi::seed_document();
    let Some(task) = doc.task(14) else {
        panic!("the seed has task 14");
    };
    let mut task = task.clone();
    task.label = String::new();
    assert_eq!(task.printed_number(), "14");
    task.label = "二-3".into();
    assert_eq!(task.printed_number(), "二-3");
}
