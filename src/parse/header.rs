//! The header-role mapping of a task table: which column a header cell names (序号 / 工作任务 /
//! 牵头单位 / 责任单位 / 配合单位 / 责任领导 / 完成时限 / 分类, progress and remark columns read as
//! nothing), whether a row of cells is a header, and the user's own mapping in place of the one
//! found. Pure functions of the cells' text; `table` finds the tables and reads their rows.

use crate::document::ColumnRole;

/// The role a header cell names, or None when it names none we know.
pub(super) fn header_role(cell: &str) -> Option<ColumnRole> {
    // A header cell is short; a long line is never one (and is not copied to find out).
    if cell.len() > 96 {
        return None;
    }
    // Every header word has one of these chars: most data lines (unit names, dates) have none.
    // (A `matches!` on chars: a search of the string for each char was a measurable share of
    // reading a long flattened table, every line of which is tried as a header cell.)
    let key_char = |c: char| {
        matches!(
            c,
            '序' | '号'
                | '编'
                | '任'
                | '务'
                | '事'
                | '项'
                | '目'
                | '标'
                | '工'
                | '作'
                | '内'
                | '容'
                | '措'
                | '施'
                | '指'
                | '单'
                | '位'
                | '部'
                | '门'
                | '领'
                | '导'
                | '人'
                | '时'
                | '间'
                | '限'
                | '期'
                | '节'
                | '点'
                | '分'
                | '类'
                | '别'
                | '域'
                | '板'
                | '块'
                | '型'
                | '方'
                | '面'
                | '进'
                | '展'
                | '情'
                | '况'
                | '备'
                | '注'
                | '说'
                | '明'
                | '科'
                | '室'
                | '联'
                | '系'
                | '牵'
                | '头'
                | '主'
                | '办'
                | '责'
                | '配'
                | '合'
                | '协'
                | '参'
                | '与'
                | '同'
                | '助'
                | '负'
                | '承'
                | '落'
                | '实'
                | '体'
        )
    };
    // A header cell is a short name without sentence punctuation, with a key char: most data
    // lines are rejected here, before anything is copied, in one pass over the chars.
    let mut visible = 0;
    let mut has_key_char = false;
    for c in cell.chars() {
        if matches!(
            c,
            '。' | ',' | '\u{ff0c}' | ';' | '\u{ff1b}' | '!' | '\u{ff01}' | '?' | '\u{ff1f}' | '、'
        ) {
            return None;
        }
        if !c.is_whitespace() && c != '\u{3000}' {
            visible += 1;
            if visible > 12 {
                return None;
            }
        }
        has_key_char = has_key_char || key_char(c);
    }
    if !has_key_char {
        return None;
    }
    let name: String = cell
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect();
    let count = name.chars().count();
    // Progress and remark columns (1-10月推进情况, 是否达序, 说明) are read as nothing, whatever
    // they start with: a progress column is often named by its months.
    const IGNORED: [&str; 10] = [
        "进展",
        "完成情况",
        "推进情况",
        "落实情况",
        "备注",
        "说明",
        "是否",
        "科室",
        "联系人",
        "联系电话",
    ];
    let plain = !name.contains([
        '。', ';', '\u{ff1b}', ')', '\u{ff09}', '(', '\u{ff08}', ']', '】', ':', '\u{ff1a}',
    ]);
    if count <= 12 && plain && IGNORED.iter().any(|w| name.contains(w)) {
        return Some(ColumnRole::Ignore);
    }
    // A header cell is a short name: no sentence punctuation, no number or heading in front.
    let sentence = name.contains([
        '。', ',', '\u{ff0c}', ';', '\u{ff1b}', ':', '\u{ff1a}', '!', '\u{ff01}', '?', '\u{ff1f}',
        '、',
    ]);
    if count == 0
        || count > 12
        || sentence
        || name
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .strip_prefix('年')
            .map_or(name.as_str(), |_| "年")
            .starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
        || super::heading(&name).is_some()
    {
        return None;
    }
    let has = |words: &[&str]| words.iter().any(|word| name.contains(word));
    let role = if matches!(
        name.as_str(),
        "序号" | "序" | "编号" | "项目编号" | "任务编号"
    ) {
        ColumnRole::Number
    } else if has(&[
        "牵头单位",
        "牵头部门",
        "主办单位",
        "主责单位",
        "牵头责任单位",
        "牵头",
    ]) && !has(&["领导"])
    {
        ColumnRole::Lead
    } else if has(&["配合", "协办", "参与", "协同", "协助"]) {
        ColumnRole::Cooperating
    } else if has(&["领导", "责任人", "负责人"]) {
        ColumnRole::Leader
    } else if has(&[
        "责任单位",
        "责任部门",
        "承办单位",
        "落实单位",
        "责任主体",
        "实施单位",
    ]) {
        ColumnRole::Responsible
    } else if has(&["时限", "时间", "期限", "节点"]) {
        ColumnRole::Deadline
    } else if has(&["分类", "类别", "领域", "板块", "类型", "方面"]) {
        ColumnRole::Category
    } else if has(&[
        "任务", "事项", "目标", "工作", "内容", "措施", "项目", "指标",
    ]) {
        ColumnRole::Task
    } else {
        return None;
    };
    Some(role)
}

/// Roles of a header row, when it is one: a task column and a column of units, leader or deadline.
pub(super) fn header_roles(cells: &[&str]) -> Option<Vec<ColumnRole>> {
    let roles: Vec<Option<ColumnRole>> = cells.iter().map(|cell| header_role(cell)).collect();
    let known = roles.iter().flatten().count();
    let has = |role: ColumnRole| roles.contains(&Some(role));
    let valid = known >= 2
        && has(ColumnRole::Task)
        && (has(ColumnRole::Lead)
            || has(ColumnRole::Responsible)
            || has(ColumnRole::Cooperating)
            || has(ColumnRole::Leader)
            || has(ColumnRole::Deadline));
    valid.then(|| {
        roles
            .into_iter()
            .map(|role| role.unwrap_or(ColumnRole::Ignore))
            .collect()
    })
}

/// The user's mapping (first table only), padded with Ignore to the header's width.
pub(super) fn chosen_roles(
    auto: Vec<ColumnRole>,
    mapping: Option<&[ColumnRole]>,
    first: bool,
) -> (Vec<ColumnRole>, bool) {
    match mapping {
        Some(mapping) if first => {
            let roles = (0..auto.len())
                .map(|column| mapping.get(column).copied().unwrap_or(ColumnRole::Ignore))
                .collect();
            (roles, true)
        }
        _ => (auto, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names() {
        assert_eq!(header_role("序 号"), Some(ColumnRole::Number));
        assert_eq!(header_role("牵头责任单位"), Some(ColumnRole::Lead));
        assert_eq!(header_role("协同配合单位"), Some(ColumnRole::Cooperating));
        assert_eq!(header_role("主要责任单位"), Some(ColumnRole::Responsible));
        assert_eq!(header_role("责任领导"), Some(ColumnRole::Leader));
        assert_eq!(header_role("时间节点"), Some(ColumnRole::Deadline));
        assert_eq!(header_role("进展情况"), Some(ColumnRole::Ignore));
        assert_eq!(header_role("重点工作任务"), Some(ColumnRole::Task));
        assert_eq!(header_role("类别"), Some(ColumnRole::Category));
        assert_eq!(header_role("区发改局"), None);
    }

    #[test]
    fn progress_and_remark_headers_are_ignored_columns() {
        assert_eq!(header_role("1-10月推进情况"), Some(ColumnRole::Ignore));
        assert_eq!(header_role("是否达序"), Some(ColumnRole::Ignore));
        assert_eq!(header_role("说明"), Some(ColumnRole::Ignore));
        // A closing line of a note is no header cell.
        assert_eq!(header_role("说明)"), None);
    }
}
