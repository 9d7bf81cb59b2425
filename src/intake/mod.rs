//! File intake: the bytes of a file a person opens (or the HTML of a paste) become ONE canonical
//! text — paragraphs one per line, tables as TAB-separated rows between blank lines (see
//! `/work/notes/INTERFACE-intake.md`, summarised in ARCHITECTURE.md) — which is what is
//! fingerprinted, stored and parsed. Pure: no browser, no clock; the readers never interpret cells.

pub mod docx;
pub mod html;
mod table;
pub mod text;
pub mod xlsx;
pub mod xml;
pub mod zip;

pub use table::normalize_line;

/// What kind of text a file holds once decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Plain,
    Csv,
    Html,
}

/// A file, opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// The canonical text.
    Text(String),
    /// A workbook: (sheet name, canonical text) of each sheet with any text; pick one (e.g.
    /// the one whose parse gives the most tasks, `best_sheet`).
    Sheets(Vec<(String, String)>),
    /// Text in GB18030: decode it (in the browser, `TextDecoder("gb18030")`), then `from_text`.
    NeedsGb18030(TextKind),
}

/// Why a file is not read, with a message telling the person how to get one that is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntakeError {
    /// A legacy binary Word/WPS file (.doc, .wps): save as .docx.
    WordBinary,
    /// A legacy binary spreadsheet (.xls, .et): save as .xlsx.
    SheetBinary,
    Pdf,
    Image,
    /// A presentation, an archive, an OFD or anything else that is not a document we read.
    Unsupported,
    /// The content does not match the name (a zip without a document inside, a binary .txt).
    WrongContent,
    Zip(zip::ZipError),
    Sheet(xlsx::XlsxError),
    /// The file itself is larger than any key-task document (bytes).
    FileTooLarge(usize),
    /// The text is longer than a key-task document could usefully be (bytes).
    TextTooLarge(usize),
    /// One line is longer than any task could usefully be: (1-based line, characters).
    LineTooLong(usize, usize),
}

/// The largest file opened (a .docx with pictures can be large while its text is small).
pub const MAX_FILE_BYTES: usize = 20 << 20;
/// The largest canonical text parsed and kept: several times the longest real task list.
pub const MAX_TEXT_BYTES: usize = 3 << 20;
/// The longest line: a task paragraph or a table row is a few hundred characters.
pub const MAX_LINE_CHARS: usize = 20_000;

/// Refuse, before any parsing, a text too large to be a useful document, in time linear in
/// its length (the person gets a message at once instead of a frozen page).
pub fn check_size(text: &str) -> Result<(), IntakeError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(IntakeError::TextTooLarge(text.len()));
    }
    for (index, line) in text.split(['\n', '\r']).enumerate() {
        // Bytes bound characters from above: count characters only for long lines.
        if line.len() > MAX_LINE_CHARS {
            let chars = line.chars().count();
            if chars > MAX_LINE_CHARS {
                return Err(IntakeError::LineTooLong(index + 1, chars));
            }
        }
    }
    Ok(())
}

/// What a file dropped on the page is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropKind {
    /// A snapshot or ledger file (luoshi JSON, whatever its name): the import.
    Snapshot,
    /// Anything else: opened as a document (which refuses, with the reason, what it cannot read).
    Document,
}

pub fn drop_kind(file_name: &str, bytes: &[u8]) -> DropKind {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    let luoshi_json = head.starts_with('{')
        && (head.contains("\"luoshi.snapshot\"") || head.contains("\"luoshi.ledger\""));
    if luoshi_json || extension(file_name) == "json" {
        DropKind::Snapshot
    } else {
        DropKind::Document
    }
}

impl IntakeError {
    pub fn message(&self) -> String {
        const PASTE: &str = "或在原文件中全选复制，再用“粘贴文本”粘贴。";
        match self {
            IntakeError::WordBinary => format!(
                "暂不能直接读取 .doc / .wps 文件：请在 WPS 或 Word 中打开，“另存为” .docx 后再打开，{PASTE}"
            ),
            IntakeError::SheetBinary => format!(
                "暂不能直接读取 .xls / .et 文件：请在 WPS 或 Excel 中打开，“另存为” .xlsx 后再打开，{PASTE}"
            ),
            IntakeError::Pdf => format!(
                "PDF 文件无法可靠地读出文字和表格：请找到原始的 Word/WPS 文件（另存为 .docx），{PASTE}"
            ),
            IntakeError::Image => format!(
                "图片中的文字无法读取：请找到原始的 Word/WPS 或 Excel 文件（.docx / .xlsx），{PASTE}"
            ),
            IntakeError::Unsupported => format!(
                "不支持这种文件。可以打开 .docx、.xlsx、.html、.csv 和 .txt（UTF-8、UTF-16 或 GBK）文件，{PASTE}"
            ),
            IntakeError::WrongContent => format!(
                "文件内容与扩展名不符，无法读取。可以打开 .docx、.xlsx、.html、.csv 和 .txt 文件，{PASTE}"
            ),
            IntakeError::Zip(error) => error.message(),
            IntakeError::Sheet(error) => error.message(),
            IntakeError::FileTooLarge(bytes) => format!(
                "文件有 {:.1} MB，超过了可打开的 {} MB，不像是一份任务清单，未打开。",
                *bytes as f64 / 1048576.0,
                MAX_FILE_BYTES >> 20
            ),
            IntakeError::TextTooLarge(bytes) => format!(
                "文档文字有 {:.1} MB，超过了可读取的 {} MB，未打开，也未保存。请只保留任务清单部分后再打开。",
                *bytes as f64 / 1048576.0,
                MAX_TEXT_BYTES >> 20
            ),
            IntakeError::LineTooLong(line, chars) => format!(
                "第 {line} 行有 {chars} 个字，超过了一项任务可能的长度（{MAX_LINE_CHARS} 字），文档未打开，也未保存。请检查文件是否完整、换行是否丢失。"
            ),
        }
    }
}

fn extension(file_name: &str) -> String {
    file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.trim().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Open a file by its name and bytes. The content decides over the name where they disagree
/// (a .txt that is really a .docx opens as one); nothing is guessed from a refused type.
pub fn open(file_name: &str, bytes: &[u8]) -> Result<Opened, IntakeError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(IntakeError::FileTooLarge(bytes.len()));
    }
    let ext = extension(file_name);
    if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
        return Err(if matches!(ext.as_str(), "xls" | "et" | "ett") {
            IntakeError::SheetBinary
        } else {
            IntakeError::WordBinary
        });
    }
    if bytes.starts_with(b"%PDF") {
        return Err(IntakeError::Pdf);
    }
    let image = bytes.starts_with(&[0x89, b'P', b'N', b'G'])
        || bytes.starts_with(&[0xff, 0xd8, 0xff])
        || bytes.starts_with(b"GIF8")
        || (bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"));
    if image {
        return Err(IntakeError::Image);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let archive = zip::ZipArchive::new(bytes).map_err(IntakeError::Zip)?;
        if archive.contains("word/document.xml") {
            return docx::read_docx(bytes).map(Opened::Text);
        }
        if archive.contains("xl/workbook.xml") {
            let book = xlsx::read_workbook(bytes).map_err(IntakeError::Sheet)?;
            let sheets: Vec<(String, String)> = book
                .sheets
                .iter()
                .map(|sheet| (sheet.name.clone(), sheet_text(sheet)))
                .filter(|(_, text)| !text.trim().is_empty())
                .collect();
            return Ok(Opened::Sheets(sheets));
        }
        return Err(match ext.as_str() {
            "xlsx" | "xlsm" => IntakeError::Sheet(xlsx::XlsxError::NotWorkbook),
            "docx" | "docm" => IntakeError::WrongContent,
            _ => IntakeError::Unsupported,
        });
    }
    let kind = match ext.as_str() {
        "doc" | "wps" | "wpt" | "dot" | "rtf" => return Err(IntakeError::WordBinary),
        "xls" | "et" | "ett" => return Err(IntakeError::SheetBinary),
        "pdf" | "ofd" | "xps" => return Err(IntakeError::Pdf),
        "png" | "jpg" | "jpeg" | "gif" | "bmp" | "webp" | "tif" | "tiff" | "heic" => {
            return Err(IntakeError::Image)
        }
        "docx" | "xlsx" | "ppt" | "pptx" | "dps" | "zip" | "rar" | "7z" | "exe" => {
            return Err(IntakeError::WrongContent)
        }
        "html" | "htm" | "xhtml" => TextKind::Html,
        "csv" => TextKind::Csv,
        _ if looks_like_html(&String::from_utf8_lossy(&bytes[..bytes.len().min(64)])) => {
            TextKind::Html
        }
        _ => TextKind::Plain,
    };
    match text::decode(bytes) {
        text::Decoded::Text(text) => {
            if looks_binary(&text) {
                return Err(IntakeError::WrongContent);
            }
            Ok(Opened::Text(from_text(kind, &text)))
        }
        text::Decoded::Gb18030 => Ok(Opened::NeedsGb18030(kind)),
    }
}

/// Control characters other than line ends and TAB in more than 1 % of a text: not a document.
pub fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(100_000) {
        total += 1;
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) || c == '\u{fffd}' {
            control += 1;
        }
    }
    control * 100 > total
}

/// The canonical text of decoded text of a kind.
pub fn from_text(kind: TextKind, text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match kind {
        TextKind::Plain => text.to_string(),
        TextKind::Html => html::html_text(text),
        TextKind::Csv => {
            let mut out = String::new();
            push_table(&mut out, &text::csv_rows(text));
            out
        }
    }
}

/// Whether a pasted or opened text/plain is really HTML (a page's source).
pub fn looks_like_html(text: &str) -> bool {
    let head = text
        .trim_start()
        .get(..15.min(text.trim_start().len()))
        .unwrap_or("");
    let head = head.to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// The index of the sheet to read: the one whose text gives the most tasks by `count_tasks`
/// (the first of equals), or `None` when there are no sheets.
pub fn best_sheet(
    sheets: &[(String, String)],
    count_tasks: impl Fn(&str) -> usize,
) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (index, (_, text)) in sheets.iter().enumerate() {
        let tasks = count_tasks(text);
        if best.is_none_or(|(_, most)| tasks > most) {
            best = Some((index, tasks));
        }
    }
    best.map(|(index, _)| index)
}

/// Write one table cell as Excel/WPS's text/plain clipboard does: quoted (inner quotes doubled)
/// when it holds a newline, a TAB or begins with a quote.
pub fn push_cell(out: &mut String, cell: &str) {
    let cell =
        cell.trim_matches(|c: char| c == ' ' || c == '\u{a0}' || c == '\u{3000}' || c == '\r');
    if cell.contains(['\n', '\t']) || cell.starts_with('"') {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// Append a table to the canonical text: a blank line before and after, one row per line, cells
/// TAB-separated, trailing empty cells dropped, rows with no text at all left out (a blank line
/// would end the table).
pub fn push_table(out: &mut String, rows: &[Vec<String>]) {
    let mut wrote_any = false;
    for row in rows {
        let used = row
            .iter()
            .rposition(|cell| !cell.trim().is_empty())
            .map_or(0, |last| last + 1);
        if used == 0 {
            continue;
        }
        if !wrote_any {
            end_paragraph(out);
            if !out.is_empty() {
                out.push('\n');
            }
            wrote_any = true;
        }
        for (index, cell) in row[..used].iter().enumerate() {
            if index > 0 {
                out.push('\t');
            }
            push_cell(out, cell);
        }
        out.push('\n');
    }
    if wrote_any {
        out.push('\n');
    }
}

/// Make sure the text ends at a line start.
fn end_paragraph(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// The canonical text of one sheet: its rows as one table.
pub fn sheet_text(sheet: &xlsx::Sheet) -> String {
    let mut out = String::new();
    push_table(&mut out, &xlsx::rows_with_merges(sheet));
    out
}
