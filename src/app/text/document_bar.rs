//! Wording of the document bar (switch, open, paste, summary, remove).

pub const DOCUMENT: &str = "文档";
pub const OPEN_FILE: &str = "打开文件";
pub const PASTE: &str = "粘贴文本";
pub const REMOVE: &str = "移除此文档";
pub const PASTE_TITLE: &str = "粘贴文档文本";
pub const PASTE_HINT: &str =
    "粘贴“重点工作任务”或“任务分解方案”的全文，每项任务后可带“(牵头单位:…;配合单位:…)”。从网页、Word 或 Excel 复制的表格会按行和列读取。";
pub const PASTE_LABEL: &str = "文档文本";
pub const OPEN: &str = "打开";
pub const CANCEL: &str = "取消";
pub const CLOSE: &str = "关闭";
pub const REMOVE_TITLE: &str = "移除文档";
pub const REMOVE_KEEPS: &str =
    "移除后，本浏览器不再保留这份文档的文本；台账数据默认保留，再次打开同一文档时自动恢复。";
pub const ALSO_LEDGER: &str = "同时删除台账数据";
pub const EXPORT_LEDGER: &str = "导出台账";
pub const CONFIRM_REMOVE: &str = "确认移除";
pub const EXPORT_FAILED: &str = "导出失败，请重试。";
pub const LOADED: &str = "已打开文档";
pub const WARNINGS: &str = "未能归入任务的行";
pub const UNITLESS: &str = "未标注责任单位的任务";
pub const CHECK_HINT: &str = "请核对以下内容：";
pub const DAMAGED_MARK: &str = "（文本已损坏）";
pub const REOPEN_ORIGINAL: &str = "重新打开原文件";
pub const SHEET: &str = "读取的工作表";
pub const COLUMNS: &str = "表格各列的读取方式";
pub const HEADER: &str = "表头";
pub const READ_AS: &str = "读作";
pub const REREAD: &str = "按此重新读取";
pub const OVERRIDDEN: &str = "（已按您的设置读取）";
/// What the file picker offers: everything luoshi reads, plus the types it explains.
pub const ACCEPT: &str =
    ".txt,.text,.csv,.html,.htm,.docx,.xlsx,.doc,.wps,.et,.xls,.pdf,text/plain,text/csv,text/html";

pub fn table_line(line: usize, rows: usize) -> String {
    format!("表头在第 {line} 行，读出 {rows} 行任务。如有列读错，请在下方改正后重新读取。")
}

pub fn summary(tasks: usize, sections: usize, units: usize, targets: usize) -> String {
    format!("任务 {tasks} 项，部分 {sections} 个，责任单位 {units} 个，量化目标 {targets} 个")
}

pub fn choice(title: &str, done: usize, total: usize) -> String {
    let title = if title.is_empty() {
        "（无标题）"
    } else {
        title
    };
    format!("{title}（已完成 {done} / {total}）")
}

pub fn line(line: usize, message: &str, source: &str) -> String {
    format!("第 {line} 行：{message}　{source}")
}

pub fn remove_question(title: &str) -> String {
    format!("移除文档“{title}”？")
}
