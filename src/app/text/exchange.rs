//! Chinese UI text for export, import and share links.

pub const PANEL: &str = "导出 / 导入";
pub const EXPORT_HEADING: &str = "导出";
pub const SCOPE_LABEL: &str = "范围";
pub const SCOPE_ALL: &str = "全部任务";
pub const SCOPE_VIEW: &str = "当前视图";

/// `当前视图（12 项）`.
pub fn scope_view(tasks: usize) -> String {
    format!("{SCOPE_VIEW}（{tasks} 项）")
}
pub const EXPORT_JSON: &str = "导出本单位进展文件";
pub const EXPORT_XLSX: &str = "导出 Excel 台账";
pub const EXPORT_CSV: &str = "导出 CSV";
pub const PRINT: &str = "打印台账";
pub const EXPORT_FAILED: &str = "浏览器未能保存文件，请重试。";

pub const IMPORT_HEADING: &str = "导入各单位报送文件或完整备份";
pub const IMPORT_PICK: &str = "选择报送文件（.json）、填好的 Excel 台账（.xlsx）或完整备份，可多选";
pub const DROP_HINT: &str = "也可以把这些文件拖到本页任意位置。";
pub const DROP_HERE: &str = "松开即可打开文档或导入文件";
pub const REFUSED: &str = "以下文件未导入（台账未作任何改动）：";
pub const PREVIEW_HEADING: &str = "导入预览";
pub const NOTHING_NEW: &str = "这些文件没有带来任何改动。";
pub const KEEP_ALL_THIS: &str = "全部保留较新的一份";
pub const KEEP_ALL_THAT: &str = "全部保留较早的一份";
pub const KEEP_THIS: &str = "保留这个";
pub const KEEP_THAT: &str = "保留那个";
pub const KEEP_BOTH: &str = "两者都保留";
pub const THIS_VALUE: &str = "这个（较新）";
pub const THAT_VALUE: &str = "那个（较早）";
pub const UNDECIDED_NOTE: &str =
    "同一单位的同一栏目有两份不同的填报。未选择的，暂以较新的一份为准，两份都留在修改记录中，可稍后在任务页决定。";
pub const CONFIRM: &str = "确认导入";
pub const CANCEL: &str = "取消";
pub const IMPORTED: &str = "已导入。";
pub const IMPORTED_BACKUP_NOT_KEPT: &str =
    "已导入。但导入前的备份未能保存到浏览器（存储已满或被禁止）：刷新页面后将无法撤销导入。";
pub const UNDO_IMPORT: &str = "撤销导入";
pub const UNDONE: &str = "已撤销导入，台账已恢复到导入前的样子。";
pub const READ_ONLY: &str = "台账当前为只读，不能导入。";
pub const EMPTY_VALUE: &str = "（空）";

pub const SHARE_HEADING: &str = "分享链接";
pub const SHARE_MAKE: &str = "生成分享链接";
pub const SHARE_LINK_LABEL: &str = "分享链接";
pub const COPY: &str = "复制";
pub const COPIED: &str = "已复制";
pub const COPY_FAILED: &str = "复制失败，请手动选择链接复制。";
pub const TOO_LONG: &str = "链接较长，部分聊天软件可能截断，建议改用文件";
pub const NO_QR: &str =
    "链接较长，生成的二维码过密、不易扫描，因此不提供二维码；请复制链接或改用文件。";
pub const SHARE_FILE_INSTEAD: &str = "下载文件发送给对方";

pub const LINK_BANNER: &str = "您打开的是一个分享链接（只读预览，台账未改动）";
pub const LINK_MERGE: &str = "合并到我的台账";
pub const LINK_CLOSE: &str = "关闭";
pub const LINK_INVALID: &str = "分享链接无法打开";

pub fn link_length(n: usize) -> String {
    format!("链接长度：{n} 个字符")
}

pub fn counts(new: usize, updated: usize, conflicting: usize) -> String {
    format!("新增 {new} 项，更新 {updated} 项，冲突 {conflicting} 项")
}

pub fn task_heading(number: u32, title: &str) -> String {
    if title.is_empty() {
        format!("任务 {number}")
    } else {
        format!("任务 {number}　{title}")
    }
}

/// "张三（区科技局）", or whichever part is known, or 未署名.
pub fn who(name: &str, unit: &str) -> String {
    match (name.trim().is_empty(), unit.trim().is_empty()) {
        (false, false) => format!("{name}（{unit}）"),
        (false, true) => name.to_string(),
        (true, false) => unit.to_string(),
        (true, true) => "未署名".to_string(),
    }
}

pub fn reported_by(who: &str, at: &str) -> String {
    if at.is_empty() {
        format!("填报：{who}")
    } else {
        format!("填报：{who}，{at}")
    }
}

pub fn source(file: &str, who: &str, at: &str) -> String {
    format!("{file}：{who} 导出于 {at}")
}

pub fn link_contents(tasks: usize, who: &str, at: &str) -> String {
    format!("含 {tasks} 项任务的填报，由 {who} 导出于 {at}。")
}

/// `as_of` is the report's own "截至 …" text.
pub fn printed_as_of(as_of: &str, count: usize) -> String {
    format!("{as_of}　共 {count} 项")
}

/// What to say after an import step.
pub fn notice(notice: luoshi::session::import::ImportNotice) -> &'static str {
    use luoshi::session::import::ImportNotice;
    match notice {
        ImportNotice::Imported => IMPORTED,
        ImportNotice::ImportedBackupNotKept => IMPORTED_BACKUP_NOT_KEPT,
        ImportNotice::Undone => UNDONE,
        ImportNotice::ReadOnly => READ_ONLY,
    }
}

pub const SHEET_PERIODS_LABEL: &str = "台账报告期";

/// `仅本期（2023年第二季度）`.
pub fn sheet_periods_current(period: &str) -> String {
    format!("仅本期（{period}）")
}

/// `2023年各季度并列` / `2023年各月并列`.
pub fn sheet_periods_year(year: i32, cadence: luoshi::period::Cadence) -> String {
    match cadence {
        luoshi::period::Cadence::Quarterly => format!("{year}年各季度并列"),
        luoshi::period::Cadence::Monthly => format!("{year}年各月并列"),
    }
}

pub const CELL_ERRORS: &str = "以下单元格无法识别，未导入（其余内容见下方预览）：";

/// `状态：序时推进；进度 45%`.
pub fn shared_status(status: &str, progress: u8) -> String {
    format!("状态：{status}；进度 {progress}%")
}

/// `目标“新增市级以上研发平台2家”实际：1家`.
pub fn shared_actual(target: &str, actual: &str) -> String {
    format!("目标“{target}”实际：{actual}")
}

/// A folded task of a long import preview: `3 项改动：状态、进度、2023年第二季度 工作进展；填报：区科技局、区财政局`
/// ([`FOLD_HINT`] follows while it is closed).
/// Six labels at most, then 等.
pub fn folded_task(changes: usize, labels: &[&str], reporters: &[String]) -> String {
    const SHOWN: usize = 6;
    let mut fields = labels
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join("、");
    if labels.len() > SHOWN {
        fields.push_str(" 等");
    }
    let mut who = reporters
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("、");
    if reporters.len() > SHOWN {
        who.push_str(&format!(" 等 {} 个", reporters.len()));
    }
    format!("{changes} 项改动：{fields}；填报：{who}")
}

/// After a folded task's line, while it is closed.
pub const FOLD_HINT: &str = "（展开查看）";
