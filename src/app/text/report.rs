//! Wording of the report page.

pub const PERIOD_LABEL: &str = "报告期";
pub const SCOPE_LABEL: &str = "范围";
pub const COPY: &str = "复制为文本";
pub const PRINT: &str = "打印";
pub const EXPORT_XLSX: &str = "导出 Excel";
pub const EXPORT_WORD: &str = "导出 Word";
pub const EXPORT_WORD_FAILED: &str = "浏览器未能保存 Word 文件，请重试或改用“复制为文本”。";
pub const GROUPING_LABEL: &str = "分组";
pub const EXPORT_FAILED: &str = "浏览器未能保存 Excel 文件，请重试或改用“复制为文本”。";
pub const COPIED: &str = "已复制到剪贴板，可直接粘贴到文稿中。";
pub const COPY_FAILED: &str =
    "无法写入剪贴板（浏览器未允许）。请在下方文本框中全选（Ctrl+A）后复制（Ctrl+C）。";
pub const PLAIN_TEXT: &str = "纯文本（可手动复制）";
pub const PLAIN_TEXT_LABEL: &str = "报告纯文本";
pub const CHANGES: &str = "较上期变化";
pub const NO_TASKS: &str = "所选范围内没有任务。";
pub const CURRENT_PERIOD_MARK: &str = "（本期）";
pub const CONTROLS_LABEL: &str = "报告设置";

/// `与2023年第一季度末相比：已完成 1 → 2 项；新增本期报告 3 项；有变化的任务 4 项`.
pub fn unit_delta_line(
    previous: &str,
    done_before: usize,
    done_after: usize,
    new_reports: usize,
    changed: usize,
    led: usize,
) -> String {
    format!(
        "与{previous}末相比（牵头任务 {led} 项）：已完成 {done_before} → {done_after} 项；本期报告 {new_reports} 项；有变化的任务 {changed} 项"
    )
}

/// `状态：序时推进 → 已完成；新增2023年第二季度进展报告。`
pub fn changes_sentence(lines: &[String]) -> String {
    format!("{}。", lines.join("；"))
}

/// `截至2023年6月30日`.
pub fn as_of(date: &str) -> String {
    format!("截至{date}")
}
