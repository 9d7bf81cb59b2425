//! Wording of opening, storing and switching documents (`app::documents`).

use crate::app::storage::StorageError;

pub const DAMAGED: &str =
    "这份文档在本浏览器中保存的文本已损坏，无法显示；它的台账数据仍然保留。请重新打开原文件（同一份 .docx/.xlsx/.txt 等），即可恢复。";
/// Defined with the decision that refuses (`luoshi::session::documents`).
pub use luoshi::session::documents::NO_TASKS;
pub const UNKNOWN_DOC: &str = "链接中的文档不在本浏览器中，已显示默认文档。";
pub const READ_FAILED: &str = "读取文件失败。";

fn reason(error: &StorageError) -> &'static str {
    match error {
        StorageError::QuotaExceeded => "浏览器存储空间已满",
        StorageError::Unavailable => "浏览器存储不可用",
        StorageError::Other(_) => "浏览器存储出错",
    }
}

pub fn not_kept(error: &StorageError) -> String {
    format!(
        "{}：文档仅在本次打开期间可用，刷新后需重新打开。",
        reason(error)
    )
}

pub fn not_the_original(title: &str) -> String {
    format!("所选文件不是“{title}”的原文件（内容不同），未恢复。请选择当初打开的那个文件。")
}

pub fn too_large() -> String {
    luoshi::intake::IntakeError::FileTooLarge(luoshi::intake::MAX_FILE_BYTES + 1).message()
}

pub fn not_removed(error: &StorageError) -> String {
    format!("{}：未能移除文档。", reason(error))
}
