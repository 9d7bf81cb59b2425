//! Tables in the text (issue 15): TSV rows as Excel/WPS and the file readers write them, and
//! flattened tables (one cell per line) as copied from a web page, Word or a PDF viewer. The
//! samples are our own text, shaped like the real documents in `tests/fixtures/corpus`.

use luoshi::parse::{parse, parse_with, ColumnMapping, ColumnRole, ParseOptions};
use luoshi::Document;

fn units(doc: &Document) -> Vec<(String, Vec<String>, Vec<String>)> {
    doc.tasks
        .iter()
        .map(|t| {
            (
                t.label.clone(),
                t.lead_units.clone(),
                t.participating_units.clone(),
            )
        })
        .collect()
}

fn row(label: &str, leads: &[&str], others: &[&str]) -> (String, Vec<String>, Vec<String>) {
    (
        label.to_string(),
        leads.iter().map(|s| s.to_string()).collect(),
        others.iter().map(|s| s.to_string()).collect(),
    )
}

#[test]
fn tsv_table_with_quoted_cells_repeated_lead_and_progress_ignored() {
    let text = "某区2024年重点工作任务清单\n\n序号\t重点工作任务\t牵头单位\t责任单位\t完成时限\t进展情况\n\
1\t新建社区食堂8处。\t区民政局\t区民政局、各街道\t2024年12月底\t\"1.已选址。\n2.已开工。\"\n\
3\t\"改造老旧小区12个,\n惠及居民3000户。\"\t区住建局\t\"区住建局\n区财政局\n各街道\"\t年底前\t\n\n说明:以上任务按季度报送。\n";
    let doc = parse(text);
    assert_eq!(
        units(&doc),
        vec![
            row("1", &["区民政局"], &["各街道"]),
            row("3", &["区住建局"], &["区财政局", "各街道"]),
        ]
    );
    assert_eq!(doc.tasks[0].due.as_deref(), Some("2024年12月底"));
    assert!(
        !doc.tasks[0].text.contains("已开工"),
        "progress is not task text"
    );
    assert!(doc.tasks[1].text.contains("惠及居民3000户"));
    let table = doc.table.as_ref().expect("table reading");
    assert_eq!(table.line, 3);
    assert!(!table.flattened);
    assert_eq!(
        table.roles,
        [
            ColumnRole::Number,
            ColumnRole::Task,
            ColumnRole::Lead,
            ColumnRole::Responsible,
            ColumnRole::Deadline,
            ColumnRole::Ignore
        ]
    );
    assert_eq!(table.rows, 2);
    // Printed numbers are kept even with a gap (1, 3); the gap is reported.
    assert!(doc
        .warnings
        .iter()
        .any(|w| w.message.contains("任务编号不连续")));
}

#[test]
fn columns_in_either_order_and_a_category_column_as_sections() {
    let text = "类别\t序号\t责任单位\t工作任务\t牵头单位\n\
产业发展\t1\t区科技局、区发改局\t培育高新技术企业20家。\t区发改局\n\
\t2\t区商务局\t新增限上企业30家。\t\n\
民生保障\t3\t区人社局\t新增就业2000人。\t\n";
    let doc = parse(text);
    assert_eq!(
        units(&doc),
        vec![
            row("1", &["区发改局"], &["区科技局"]),
            row("2", &["区商务局"], &[]),
            row("3", &["区人社局"], &[]),
        ]
    );
    let sections: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(sections, ["产业发展", "民生保障"]);
    assert_eq!(
        doc.tasks.iter().map(|t| t.section).collect::<Vec<_>>(),
        [1, 1, 2]
    );
}

#[test]
fn flattened_table_with_blank_lines_and_cells_on_several_lines() {
    let text = "附件\n\n2024年重点工作任务分解表\n\n序号\n\n工作任务\n\n牵头单位\n\n配合单位\n\n完成时限\n\n\
1\n\n推进重点项目建设,全年完成投资10亿元。\n\n区发改局\n\n区财政局\n\n区住建局\n\n2024年12月底\n\n\
2\n\n新增城镇就业2000人。\n\n区人社局\n\n各街道\n\n全年\n";
    let doc = parse(text);
    assert_eq!(
        units(&doc),
        vec![
            row("1", &["区发改局"], &["区财政局", "区住建局"]),
            row("2", &["区人社局"], &["各街道"]),
        ]
    );
    assert_eq!(doc.tasks[1].due.as_deref(), Some("全年"));
    assert!(doc.table.as_ref().is_some_and(|t| t.flattened));
}

#[test]
fn flattened_table_progress_lines_are_never_tasks() {
    let text = "序号\n工作任务\n责任单位\n进展情况\n\
5\n完成老旧小区改造12个。\n区住建局\n1.已完成设计。\n2.已开工6个。\n\
9\n新建公园3处。\n区城管局、区园林中心\n1.已选址。\n";
    let doc = parse(text);
    assert_eq!(
        units(&doc),
        vec![
            row("5", &["区住建局"], &[]),
            row("9", &["区城管局", "区园林中心"], &[]),
        ]
    );
}

#[test]
fn a_user_mapping_overrides_the_headers() {
    let text = "序号\t内容\t单位甲\t单位乙\n1\t做一件事。\t区甲局\t区乙局\n";
    let automatic = parse(text);
    assert!(automatic.table.is_none(), "单位甲 / 单位乙 name no role");
    let mapping = ColumnMapping {
        roles: vec![
            ColumnRole::Number,
            ColumnRole::Task,
            ColumnRole::Cooperating,
            ColumnRole::Lead,
        ],
    };
    // A mapping applies to a table the parser found; this one has recognisable headers.
    let text = "序号\t工作任务\t配合单位\t牵头单位\n1\t做一件事。\t区甲局\t区乙局\n";
    let doc = parse_with(
        text,
        &ParseOptions {
            columns: Some(mapping),
        },
    );
    assert_eq!(units(&doc), vec![row("1", &["区乙局"], &["区甲局"])]);
    let table = doc.table.as_ref().expect("table");
    assert!(table.overridden);
    let swapped = ColumnMapping {
        roles: vec![
            ColumnRole::Number,
            ColumnRole::Task,
            ColumnRole::Lead,
            ColumnRole::Ignore,
        ],
    };
    let doc = parse_with(
        text,
        &ParseOptions {
            columns: Some(swapped),
        },
    );
    assert_eq!(units(&doc), vec![row("1", &["区甲局"], &[])]);
}

#[test]
fn a_row_without_a_task_is_a_warning_naming_its_row() {
    let text = "序号\t工作任务\t牵头单位\n1\t做一件事。\t区甲局\n2\t\t区乙局\n";
    let doc = parse(text);
    assert_eq!(doc.tasks.len(), 1);
    let warning = doc
        .warnings
        .iter()
        .find(|w| w.message.contains("没有任务内容"))
        .expect("row warning");
    assert_eq!(warning.line, 3);
    assert!(warning.message.contains("第2行"), "{}", warning.message);
}

#[test]
fn cr_only_line_endings_are_lines() {
    let text = "某县重点工作\r一、产业\r1.做事。(牵头单位:县甲局)\r2.再做。(牵头单位:县乙局)\r";
    let doc = parse(text);
    assert_eq!(doc.tasks.len(), 2);
    assert_eq!(doc.tasks[1].lead_units, ["县乙局"]);
}

#[test]
fn notice_requirements_and_attachment_list_are_not_tasks() {
    let text = "某区人民政府办公室关于印发2024年重点工作任务的通知\n各街道,区政府各部门:\n现将任务印发给你们,并就有关事项通知如下:\n\
一、各责任单位要高度重视,切实加强领导,制订工作方案,狠抓落实。\n\
二、各牵头单位要在每季度末将进展情况报区政府办公室。\n\
附件:1.2024年预期目标任务分解表\n2.2024年重点工作任务分解表\n\
某区人民政府办公室\n2024年1月5日\n\
2024年重点工作任务\n一、经济发展\n(一)地区生产总值增长6%\n责任单位:区发改局\n(二)新增市场主体5000户\n责任单位:区市场监管局、区商务局(列第一位者为牵头单位)\n";
    let doc = parse(text);
    assert_eq!(
        units(&doc),
        vec![
            row("1", &["区发改局"], &[]),
            row("2", &["区市场监管局"], &["区商务局"]),
        ]
    );
    assert_eq!(doc.sections.len(), 1);
}

#[test]
fn unit_names_lose_invisible_characters_with_a_warning() {
    let text = "1.做事。(牵头单位:区\u{202e}发改局\u{202c};配合单位:第\u{ff15}中学)\n";
    let doc = parse(text);
    assert_eq!(doc.tasks[0].lead_units, ["区发改局"]);
    assert_eq!(doc.tasks[0].participating_units, ["第5中学"]);
    assert_eq!(
        doc.warnings
            .iter()
            .filter(|w| w.message.contains("已规范为"))
            .count(),
        2
    );
}
