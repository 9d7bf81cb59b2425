//! Small handwritten documents in the shapes other key-task lists take: full- and half-width
//! punctuation, other unit labels, sections up to 二十, missing header or notice.

use luoshi::parse::parse;
use luoshi::Comparator;

fn strings(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| name.to_string()).collect()
}

#[test]
fn full_width_punctuation() {
    let doc = parse("一、产业发展\n1．建设园区。新增企业3家以上。（牵头单位：区商务局、区科技局，参与单位：各街道；区财政局）\n");
    assert_eq!(doc.warnings, vec![]);
    let task = &doc.tasks[0];
    assert_eq!(task.title, "建设园区");
    assert_eq!(task.lead_units, strings(&["区商务局", "区科技局"]));
    assert_eq!(task.participating_units, strings(&["各街道", "区财政局"]));
    assert_eq!(task.targets.len(), 1);
    assert_eq!(task.targets[0].comparator, Comparator::AtLeast);
}

#[test]
fn half_width_and_mixed_punctuation() {
    let doc = parse("一、产业发展\n1.建设园区。(牵头单位:区商务局,区科技局;参与单位:区财政局)\n2、修路。(牵头单位：区交通运输局)\n");
    assert_eq!(doc.warnings, vec![]);
    assert_eq!(doc.tasks[0].lead_units, strings(&["区商务局", "区科技局"]));
    assert_eq!(doc.tasks[0].participating_units, strings(&["区财政局"]));
    assert_eq!(doc.tasks[1].number, 2);
    assert_eq!(doc.tasks[1].lead_units, strings(&["区交通运输局"]));
}

#[test]
fn other_labels() {
    let doc = parse(
        "一、其他\n\
         1.甲。(责任单位:区民政局、区财政局)\n\
         2.乙。(牵头单位:区民政局;责任单位:区财政局)\n\
         3.丙。(牵头单位:区民政局,配合单位:区财政局,协办单位:区商务局)\n\
         4.丁。（责任单位：区民政局；配合单位：有关街道）\n",
    );
    assert_eq!(doc.warnings, vec![]);
    assert_eq!(doc.tasks[0].lead_units, strings(&["区民政局", "区财政局"]));
    assert!(doc.tasks[0].participating_units.is_empty());
    assert_eq!(doc.tasks[1].lead_units, strings(&["区民政局"]));
    assert_eq!(doc.tasks[1].participating_units, strings(&["区财政局"]));
    assert_eq!(
        doc.tasks[2].participating_units,
        strings(&["区财政局", "区商务局"])
    );
    assert_eq!(doc.tasks[3].lead_units, strings(&["区民政局"]));
    assert_eq!(doc.tasks[3].participating_units, strings(&["有关街道"]));
    let spaced = parse("1.做事。(牵头单位:区科技局 区财政局\u{3000}区商务局)");
    assert_eq!(
        spaced.tasks[0].lead_units,
        strings(&["区科技局", "区财政局", "区商务局"])
    );
    let group = doc.unit("有关街道").expect("group listed");
    assert!(group.group);
    assert_eq!(group.joins, [4]);
}

#[test]
fn groups_and_deng() {
    let doc = parse("1.推进。(牵头单位:区农业农村局等各产业主管部门、相关部门)\n");
    assert_eq!(
        doc.tasks[0].lead_units,
        strings(&["区农业农村局", "各产业主管部门", "相关部门"])
    );
    let groups: Vec<bool> = doc.units.iter().map(|u| u.group).collect();
    assert_eq!(groups, [false, true, true]);
    assert_eq!(doc.tasks[0].section, 0, "no sections: section 0");
}

#[test]
fn section_numerals_up_to_twenty() {
    let numerals = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
        "十五", "十六", "十七", "十八", "十九", "二十",
    ];
    let mut text = String::from("某区2024年重点任务\n");
    for (index, numeral) in numerals.iter().enumerate() {
        text.push_str(&format!(
            "{numeral}、第{}部分\n{}.任务{}。(牵头单位:区政府办公室)\n",
            index + 1,
            index + 1,
            index + 1
        ));
    }
    let doc = parse(&text);
    assert_eq!(doc.warnings, vec![]);
    assert_eq!(doc.title, "某区2024年重点任务");
    assert_eq!(doc.sections.len(), 20);
    assert_eq!(doc.sections[19].number, 20);
    assert_eq!(doc.sections[19].numeral, "二十");
    assert_eq!(doc.sections[14].title, "第15部分");
    assert_eq!(doc.tasks.len(), 20);
    assert_eq!(doc.tasks[19].section, 20);
    assert_eq!(doc.unit("区政府办公室").map(|u| u.leads.len()), Some(20));
}

#[test]
fn header_as_colon_pairs_and_no_notice() {
    let doc = parse("索引号:123\n发文机关:区政府\n关键词:甲;乙; 丙\n某区重点任务\n为做好工作,制定本任务。\n一、发展\n1.做事。\n");
    assert_eq!(doc.warnings, vec![]);
    assert_eq!(doc.meta.index_number, "123");
    assert_eq!(doc.meta.issuer, "区政府");
    assert_eq!(doc.meta.keywords, ["甲", "乙", "丙"]);
    assert_eq!(doc.notice, luoshi::document::Notice::default());
    assert_eq!(doc.title, "某区重点任务");
    assert_eq!(doc.preamble, "为做好工作,制定本任务。");
    assert_eq!(doc.tasks[0].title, "做事");
}

#[test]
fn conflicting_header_keeps_first_and_warns() {
    let doc = parse("发文机关 | 区政府 | 有效性 | 有效 |\n发文机关 | 区政府办公室 |\n1.做事。\n");
    assert_eq!(doc.meta.issuer, "区政府");
    assert_eq!(doc.warnings.len(), 1);
    assert_eq!(doc.warnings[0].line, 2);
}

#[test]
fn wrapped_task_lines_join_and_stray_lines_warn() {
    let doc = parse("一、发展\n说明文字。\n1.做事。新增\n企业3家。(牵头单位:区商务局)\n多余的一行\n2.再做事。\n");
    assert_eq!(doc.tasks[0].text, "做事。新增企业3家。(牵头单位:区商务局)");
    assert_eq!(doc.tasks[0].targets.len(), 1);
    assert_eq!(doc.tasks[0].lead_units, strings(&["区商务局"]));
    let lines: Vec<usize> = doc.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, [2, 5]);
    assert!(doc.warnings.iter().all(|w| !w.message.is_empty()));
}

#[test]
fn numbering_gaps_and_unclosed_note_warn() {
    let doc = parse("一、甲\n1.做事。\n3.跳号。(牵头单位:区商务局\n三、丙\n");
    assert_eq!(doc.tasks[1].lead_units, strings(&["区商务局"]));
    let messages: Vec<&str> = doc.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("任务编号不连续")));
    assert!(messages.iter().any(|m| m.contains("章节编号不连续")));
    assert!(messages.iter().any(|m| m.contains("括号未闭合")));
}

#[test]
fn key_task_mark_and_leaders() {
    let doc = parse("★1.重点事项。(责任领导:张三;牵头单位:区商务局)\n2.★另一项。\n3.普通。\n");
    assert!(doc.tasks[0].key);
    assert!(doc.tasks[1].key);
    assert!(!doc.tasks[2].key);
    assert_eq!(doc.tasks[1].title, "另一项");
    assert_eq!(doc.tasks[0].leaders, strings(&["张三"]));
    assert_eq!(doc.tasks[0].lead_units, strings(&["区商务局"]));
}

#[test]
fn windows_line_endings_and_blank_lines() {
    let doc = parse("\u{feff}一、发展\r\n\r\n1.做事。(牵头单位:区商务局)\r\n");
    assert_eq!(doc.warnings, vec![]);
    assert_eq!(doc.tasks[0].lead_units, strings(&["区商务局"]));
    assert_eq!(doc.sections[0].title, "发展");
}

#[test]
fn empty_and_whitespace_input() {
    for text in ["", "\n\n", "   \u{3000}\n"] {
        let doc = parse(text);
        assert!(doc.tasks.is_empty() && doc.sections.is_empty() && doc.warnings.is_empty());
        assert_eq!(doc.fingerprint.len(), 64);
    }
}

/// (task text, value, value_max, unit, comparator) of the one target the text holds.
type Case = (
    &'static str,
    f64,
    Option<f64>,
    Option<&'static str>,
    Comparator,
);

#[test]
fn targets_in_other_phrasings() {
    use Comparator::*;
    let cases: [Case; 15] = [
        (
            "全年新增就业岗位不少于5000个。",
            5000.0,
            None,
            Some("个"),
            AtLeast,
        ),
        (
            "优良天数比例达到85%。PM2.5浓度",
            85.0,
            None,
            Some("%"),
            Reach,
        ),
        (
            "单位GDP能耗下降3个百分点。",
            3.0,
            None,
            Some("个百分点"),
            Reach,
        ),
        ("新建5G基站1000个。", 1000.0, None, Some("个"), Reach),
        ("培训20多家企业。", 20.0, None, Some("家"), MoreThan),
        ("完成投资约８亿元以上。", 8.0, None, Some("亿元"), AtLeast),
        (
            "办理时限压缩至3个工作日。",
            3.0,
            None,
            Some("个工作日"),
            AtMost,
        ),
        ("新增装机容量10万千瓦。", 10.0, None, Some("万千瓦"), Reach),
        (
            "年接待游客突破1200万人次。",
            1200.0,
            None,
            Some("万人次"),
            Exceed,
        ),
        ("改造老旧小区3~5个。", 3.0, Some(5.0), Some("个"), Reach),
        ("新增床位200张左右。", 200.0, None, Some("张"), About),
        ("建设污水管网12.5千米。", 12.5, None, Some("千米"), Reach),
        ("城镇登记失业率降至3%。", 3.0, None, Some("%"), AtMost),
        (
            "审批时限压缩至5个工作日,",
            5.0,
            None,
            Some("个工作日"),
            AtMost,
        ),
        (
            "接待游客超1000万人次。",
            1000.0,
            None,
            Some("万人次"),
            Exceed,
        ),
    ];
    for (text, value, value_max, unit, comparator) in cases {
        let doc = parse(&format!("1.{text}"));
        let found: Vec<_> = doc.tasks[0]
            .targets
            .iter()
            .map(|t| (t.value, t.value_max, t.unit.as_deref(), t.comparator))
            .collect();
        assert_eq!(found, [(value, value_max, unit, comparator)], "{text}");
    }
    let doc = parse("1.PM2.5平均浓度控制在30微克/立方米以内。");
    let found: Vec<_> = doc.tasks[0]
        .targets
        .iter()
        .map(|t| (t.value, t.unit.as_deref(), t.comparator))
        .collect();
    assert_eq!(found, [(30.0, Some("微克/立方米"), AtMost)]);
}

#[test]
fn unit_notes_without_labels_in_parentheses() {
    let doc = parse(
        "一、发展\n\
         1.建设园区。新增企业3家。\n\
         责任单位:区商务局、区科技局;配合单位:各街道\n\
         2.修路。(区交通运输局牵头,区财政局、区住建局配合)\n\
         3.建设项目(二期)。\n",
    );
    assert_eq!(doc.warnings, vec![]);
    assert_eq!(doc.tasks[0].lead_units, strings(&["区商务局", "区科技局"]));
    assert_eq!(doc.tasks[0].participating_units, strings(&["各街道"]));
    assert_eq!(doc.tasks[0].targets.len(), 1);
    assert_eq!(doc.tasks[1].lead_units, strings(&["区交通运输局"]));
    assert_eq!(
        doc.tasks[1].participating_units,
        strings(&["区财政局", "区住建局"])
    );
    assert!(doc.tasks[2].lead_units.is_empty() && doc.tasks[2].participating_units.is_empty());
}

#[test]
fn deadline_is_read() {
    let doc = parse("1.建成项目,力争6月底前投入使用。(牵头单位:区商务局)\n2.做事。\n");
    assert_eq!(doc.tasks[0].due.as_deref(), Some("6月底前"));
    assert_eq!(doc.tasks[1].due, None);
}

#[test]
fn shares_rankings_and_time_limits() {
    use Comparator::*;
    let doc = parse("1.推动90%的规上企业上云,进入全国前10位,7×24小时服务,压缩至5个工作日内办结,投资达到100亿元的项目开工。");
    let found: Vec<_> = doc.tasks[0]
        .targets
        .iter()
        .map(|t| (t.value, t.unit.as_deref(), t.comparator))
        .collect();
    assert_eq!(
        found,
        [(90.0, Some("%"), Reach), (5.0, Some("个工作日"), AtMost)]
    );
}

#[test]
fn note_wrapped_over_lines() {
    let doc = parse("1.做事。(牵头单位:区商务局、\n区科技局,参与单位:区财政局)\n多余\n");
    assert_eq!(doc.tasks[0].lead_units, strings(&["区商务局", "区科技局"]));
    assert_eq!(doc.tasks[0].participating_units, strings(&["区财政局"]));
    assert_eq!(
        doc.warnings.len(),
        1,
        "only the line after the closed note: {:?}",
        doc.warnings
    );
    assert_eq!(doc.warnings[0].line, 3);
}

/// Inputs shaped to make a careless parser quadratic; each must parse in well under a second.
#[test]
fn large_unpunctuated_inputs_parse() {
    let wrapped = format!("1.开始\n{}", "继续写很长的一行文字(说明)\n".repeat(20_000));
    let doc = parse(&wrapped);
    assert_eq!(doc.tasks.len(), 1);
    assert!(doc.tasks[0].text.len() > 500_000);

    let figures = format!("1.{}", "新增1个".repeat(50_000));
    let doc = parse(&figures);
    assert_eq!(doc.tasks[0].targets.len(), 50_000);

    let digits = format!("1.新增{}个", "9".repeat(200_000));
    let doc = parse(&digits);
    assert!(doc.tasks[0].targets.is_empty());
}

#[test]
fn notice_trailer_lines_stay_in_the_notice() {
    let doc = parse(
        "某区人民政府办公室\n关于印发某区2024年重点任务的通知\n各街道:\n现印发给你们。\n某区人民政府办公室\n2024年3月1日\n（此件公开发布）\n附件:某区2024年重点任务\n某区2024年重点任务\n一、发展\n1.做事。\n",
    );
    assert_eq!(doc.warnings, vec![]);
    assert_eq!(
        doc.notice.title,
        "某区人民政府办公室关于印发某区2024年重点任务的通知"
    );
    assert_eq!(doc.notice.issuer, "某区人民政府办公室");
    assert_eq!(doc.notice.date, "2024年3月1日");
    assert_eq!(
        doc.notice.body,
        "各街道:\n现印发给你们。\n（此件公开发布）\n附件:某区2024年重点任务"
    );
    assert_eq!(doc.title, "某区2024年重点任务");
    assert_eq!(doc.preamble, "");
}

#[test]
fn text_without_tasks_warns_once() {
    let doc = parse("这不是任务清单。\n只是一段文字。\n");
    assert!(doc.tasks.is_empty());
    assert_eq!(doc.warnings.len(), 1);
    assert_eq!(doc.warnings[0].line, 1);
    assert!(doc.warnings[0].message.contains("未找到任何任务"));
}

#[test]
fn missing_title_warns() {
    let doc = parse("为做好工作,制定本清单。\n1.做事。\n");
    assert_eq!(doc.title, "");
    assert_eq!(doc.preamble, "为做好工作,制定本清单。");
    let messages: Vec<(usize, &str)> = doc
        .warnings
        .iter()
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert_eq!(messages, [(1, "未找到任务清单标题")]);
}

#[test]
fn first_listed_statement_after_the_tasks() {
    let doc = parse(
        "某县重点任务\n一、发展\n1.做事。(责任单位:县商务局、县财政局)\n注:责任单位中排在第一位的为牵头单位。\n",
    );
    assert_eq!(doc.warnings, vec![], "the statement is read, not left over");
    assert_eq!(doc.tasks[0].lead_units, strings(&["县商务局"]));
    assert_eq!(doc.tasks[0].participating_units, strings(&["县财政局"]));
    // Without the statement every 责任单位 leads, as before.
    let doc = parse("1.做事。(责任单位:县商务局、县财政局)\n");
    assert_eq!(doc.tasks[0].lead_units, strings(&["县商务局", "县财政局"]));
}

#[test]
fn restarted_numbering_still_warns_on_gaps() {
    let doc = parse("一、甲\n1.做事。\n2.做事。\n二、乙\n1.做事。\n3.跳号。\n");
    let labels: Vec<&str> = doc.tasks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["一-1", "一-2", "二-1", "二-3"]);
    let numbers: Vec<u32> = doc.tasks.iter().map(|t| t.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    let messages: Vec<(usize, &str)> = doc
        .warnings
        .iter()
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert_eq!(messages, [(6, "任务编号不连续:二上一项为1,此处为3")]);
    assert_eq!(doc.unit("区商务局"), None);
    // Continuous numbering keeps the printed number as both number and label.
    let doc = parse("一、甲\n1.做事。\n二、乙\n2.做事。\n");
    let labels: Vec<&str> = doc.tasks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["1", "2"]);
    assert_eq!(doc.warnings, vec![]);
}

#[test]
fn bracketed_headings_are_subsections_under_numbered_sections() {
    let doc = parse("一、甲\n(一)子一\n1.做事。\n（二）子二\n2.做事。\n二、乙\n3.做事。\n");
    assert_eq!(doc.warnings, vec![]);
    assert_eq!(doc.sections.len(), 2);
    let subsections: Vec<(u32, u32, &str)> = doc
        .subsections
        .iter()
        .map(|s| (s.section, s.number, s.title.as_str()))
        .collect();
    assert_eq!(subsections, [(1, 1, "子一"), (1, 2, "子二")]);
    let places: Vec<(u32, u32)> = doc
        .tasks
        .iter()
        .map(|t| (t.section, t.subsection))
        .collect();
    assert_eq!(places, [(1, 1), (1, 2), (2, 0)]);
    // Without 一、 headings the same (一) headings are the sections.
    let doc = parse("(一)甲\n1.做事。\n(二)乙\n2.做事。\n");
    assert_eq!(doc.warnings, vec![]);
    let sections: Vec<(u32, &str)> = doc
        .sections
        .iter()
        .map(|s| (s.number, s.title.as_str()))
        .collect();
    assert_eq!(sections, [(1, "甲"), (2, "乙")]);
    assert!(doc.subsections.is_empty());
}

#[test]
fn older_json_without_new_fields_still_reads() {
    let json = r#"{"number":1,"section":1,"title":"t","text":"t","lead_units":[],"participating_units":[],"targets":[]}"#;
    let task: luoshi::Task =
        serde_json::from_str(json).expect("a task from before label/subsection");
    assert_eq!((task.label.as_str(), task.subsection), ("", 0));
}

#[test]
fn a_due_field_on_its_own_line_after_the_note_is_the_deadline() {
    let doc = parse(concat!(
        "某区2024年重点工作任务\n一、项目建设\n",
        "1.推进园区建设，6月底前完成规划。(牵头单位:区发改局;责任单位:区财政局)\n",
        "完成时限:2024年9月底\n",
        "2.实施道路工程。(牵头单位:区交通局;完成时限:2024年11月)\n",
        "完成时限:2024年12月底\n",
        "3.实施绿化工程。(牵头单位:区园林局)\n",
    ));
    // The labelled field after the note wins over a date in the running text.
    assert_eq!(doc.tasks[0].due.as_deref(), Some("2024年9月底"));
    assert_eq!(doc.tasks[0].lead_units, strings(&["区发改局"]));
    assert_eq!(doc.tasks[0].participating_units, strings(&["区财政局"]));
    // A field inside the note comes first.
    assert_eq!(doc.tasks[1].due.as_deref(), Some("2024年11月"));
    assert_eq!(doc.tasks[2].due, None);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}
