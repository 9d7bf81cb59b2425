//! Lines the parser cannot place: one warning per block of consecutive lines (a prose section
//! such as 总体要求, a closing remark after a task), not one per line; none for the preamble
//! before the first heading, which the document keeps. The samples are our own text.

use luoshi::parse::parse;
use luoshi::Warning;

/// A plan with prose before the first heading, a prose-only first section, a remark after the
/// last task of a section and a prose-only closing section.
const PLAN: &str = "临川县2025年民生实事任务分解
为扎实办好民生实事，经县政府研究，现将任务分解如下。
请认真抓好落实。
一、总体要求
坚持以人民为中心，聚焦群众急难愁盼，
集中力量办成一批看得见、摸得着的实事。
各单位要细化措施，按月调度。
二、工作任务
1.新建社区食堂8处。(责任领导:林清;牵头单位:县民政局;责任单位:各街道)
2.改造老旧小区12个。(责任领导:林清、赵一鸣;牵头单位:县住房城乡建设局)
以上任务请各单位于每季度末报送进展情况，
报送材料同时抄送县督查室。
三、保障措施
加强组织领导，压实工作责任。
强化督导考核，确保取得实效。
";

fn messages(warnings: &[Warning]) -> Vec<(usize, &str, &str)> {
    warnings
        .iter()
        .map(|w| (w.line, w.message.as_str(), w.text.as_str()))
        .collect()
}

#[test]
fn one_warning_per_block_naming_where_it_sits_and_how_long_it_is() {
    let document = parse(PLAN);
    assert_eq!(document.tasks.len(), 2);
    assert_eq!(document.sections.len(), 3);
    assert_eq!(
        messages(&document.warnings),
        vec![
            (
                5,
                "不属于任何编号任务:“一、总体要求”下的文字(共3行,至第7行)",
                "坚持以人民为中心，聚焦群众急难愁盼，…",
            ),
            (
                11,
                "无法归入任务:第2项已以责任单位结束(共2行,至第12行)",
                "以上任务请各单位于每季度末报送进展情况，…",
            ),
            (
                14,
                "不属于任何编号任务:“三、保障措施”下的文字(共2行,至第15行)",
                "加强组织领导，压实工作责任。…",
            ),
        ]
    );
    // Nothing was glued onto the tasks.
    assert!(!document.tasks[1].text.contains("报送材料"));
}

#[test]
fn the_preamble_before_the_first_heading_is_kept_without_a_warning() {
    let document = parse(PLAN);
    assert_eq!(document.title, "临川县2025年民生实事任务分解");
    assert_eq!(
        document.preamble,
        "为扎实办好民生实事，经县政府研究，现将任务分解如下。\n请认真抓好落实。"
    );
    assert!(
        document.warnings.iter().all(|w| w.line > 4),
        "{:?}",
        document.warnings
    );

    // A longer introduction of several paragraphs, no headings at all: still no warning.
    let plain = "某县2025年重点工作任务\n为推动高质量发展。\n制定本任务清单。\n各单位要高度重视。\n1.新增就业2000人。(牵头单位:县人社局)\n";
    let document = parse(plain);
    assert!(document.warnings.is_empty(), "{:?}", document.warnings);
    assert_eq!(document.preamble.lines().count(), 3);
}

#[test]
fn a_single_unplaced_line_keeps_its_plain_message() {
    let document = parse(
        "某县2025年重点工作任务\n一、发展\n1.新增就业2000人。(牵头单位:县人社局)\n各单位每月5日前报送进展情况\n2.新建公园3处。(牵头单位:县城管局)\n",
    );
    assert_eq!(
        messages(&document.warnings),
        vec![(
            4,
            "无法归入任务:第1项已以责任单位结束",
            "各单位每月5日前报送进展情况"
        )]
    );
}

#[test]
fn a_block_ends_where_a_line_is_placed_again() {
    // Two remarks after task 1, a label line that still belongs to task 1, then another remark.
    let document = parse(
        "某县2025年重点工作任务\n一、发展\n1.新增就业2000人。(牵头单位:县人社局)\n说明甲。\n说明乙。\n完成时限:6月底前\n说明丙。\n二、民生\n说明丁。\n2.新建公园3处。(牵头单位:县城管局)\n",
    );
    assert!(
        document.tasks[0].text.ends_with("\n完成时限:6月底前"),
        "{}",
        document.tasks[0].text
    );
    assert_eq!(
        messages(&document.warnings),
        vec![
            (
                4,
                "无法归入任务:第1项已以责任单位结束(共2行,至第5行)",
                "说明甲。…"
            ),
            (7, "无法归入任务:第1项已以责任单位结束", "说明丙。"),
            (9, "不属于任何编号任务:“二、民生”下的文字", "说明丁。"),
        ]
    );
}

#[test]
fn the_note_on_how_to_read_units_neither_warns_nor_splits_a_block() {
    // The note is read and used, so the block counts two lines of prose across lines 3–5.
    let document = parse(
        "某县2025年重点工作任务\n一、总体要求\n第一段说明。\n排在第一位的为牵头单位。\n第二段说明。\n二、任务\n1.新增就业2000人。(责任单位:县人社局、县财政局)\n",
    );
    assert_eq!(document.tasks[0].lead_units, vec!["县人社局".to_string()]);
    assert_eq!(
        messages(&document.warnings),
        vec![(
            3,
            "不属于任何编号任务:“一、总体要求”下的文字(共2行,至第5行)",
            "第一段说明。…"
        )]
    );
}

#[test]
fn a_long_prose_section_is_one_warning_whatever_its_length() {
    for lines in 1..=40 {
        let prose: String = (1..=lines).map(|n| format!("第{n}段文字。\n")).collect();
        let text = format!(
            "某县2025年重点工作任务\n一、指导思想\n{prose}二、任务\n1.新增就业2000人。(牵头单位:县人社局)\n"
        );
        let document = parse(&text);
        assert_eq!(
            document.warnings.len(),
            1,
            "{lines} lines: {:?}",
            document.warnings
        );
        let warning = &document.warnings[0];
        assert_eq!(warning.line, 3);
        if lines > 1 {
            assert!(
                warning
                    .message
                    .ends_with(&format!("(共{lines}行,至第{}行)", 2 + lines)),
                "{}",
                warning.message
            );
        }
    }
}

#[test]
fn a_long_heading_is_shortened_in_the_message() {
    let document = parse(
        "某县2025年重点工作任务\n一、坚持稳中求进工作总基调全面贯彻新发展理念加快构建新发展格局\n一段说明。\n二、任务\n1.新增就业2000人。(牵头单位:县人社局)\n",
    );
    assert_eq!(
        document.warnings[0].message,
        "不属于任何编号任务:“一、坚持稳中求进工作总基调全面贯彻新发展…”下的文字"
    );
}

#[test]
fn block_warnings_stay_in_line_order_with_the_others() {
    // A numbering gap (task 3 after 1) between two prose blocks.
    let document = parse(
        "某县2025年重点工作任务\n一、总体要求\n说明一。\n说明二。\n二、任务\n1.甲项。(牵头单位:县人社局)\n3.乙项。(牵头单位:县财政局)\n附:说明三。\n附:说明四。\n",
    );
    let lines: Vec<usize> = document.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, vec![3, 7, 8], "{:?}", document.warnings);
    assert!(document.warnings[1].message.contains("任务编号不连续"));
}
