//! Document intake decisions: a text the person gave becomes a document or a refusal (size first,
//! in linear time, then the parse; no tasks, no document); a stored text counts as intact only
//! while it still hashes to its fingerprint; a damaged document is repaired only by its original
//! text. The app reads the files and the storage and shows the messages.

use crate::document::Document;
use crate::intake;
use crate::parse::{parse_with, ColumnMapping, ParseOptions};

/// The refusal of a text in which no task was found (nothing is stored or shown).
pub const NO_TASKS: &str =
    "未能从这段文本中识别出任何任务，文档未打开。请确认是“重点工作任务”类文件的正文。";

/// Parse a text the person gave, reading the task table's columns as `columns` says (`None`: by
/// their headers). A leading BOM is ignored. A text too large to be useful, or with no tasks, is
/// refused with the message to show; the size check is linear and comes before the parse.
pub fn parse_text_with(source: &str, columns: Option<ColumnMapping>) -> Result<Document, String> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    intake::check_size(source).map_err(|error| error.message())?;
    let document = parse_with(source, &ParseOptions { columns });
    if document.tasks.is_empty() {
        return Err(NO_TASKS.to_string());
    }
    Ok(document)
}

/// Whether the text stored for the document `fingerprint` is still that text (`None`: missing or
/// unreadable, which counts as damaged).
pub fn is_intact(stored: Option<&str>, fingerprint: &str) -> bool {
    stored.is_some_and(|source| crate::fingerprint::fingerprint(source) == fingerprint)
}

/// Whether `document`, opened to repair the damaged document `expected` (its fingerprint), is its
/// original: any other text is refused and the damaged entry stays as it is.
pub fn repairs(expected: &str, document: &Document) -> bool {
    document.fingerprint == expected
}
