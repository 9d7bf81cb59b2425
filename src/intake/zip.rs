//! A bounded zip reader for the OOXML files people open (.xlsx, .docx): the central directory,
//! stored and deflated entries (miniz_oxide, already used by share links and the XLSX writer),
//! CRC checked. Zip bombs are refused by a per-entry, a total and a ratio limit; no zip64, no
//! encryption. Every failure is a value, never a panic.

use std::cell::Cell;

/// The largest single entry we inflate: a sheet or document XML of a key-task list is well
/// under 10 MB; 48 MiB leaves room for very large sheets while keeping wasm memory bounded.
pub const MAX_ENTRY_BYTES: usize = 48 << 20;
/// The most bytes one archive may inflate in total, over all entries read.
pub const MAX_TOTAL_BYTES: usize = 96 << 20;
/// Above this ratio of inflated to stored size an entry is a bomb, not a document (real XML
/// compresses 5–50 times; deflate cannot exceed about 1030).
pub const MAX_RATIO: u64 = 500;

const END_OF_CENTRAL: u32 = 0x0605_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const LOCAL_HEADER: u32 = 0x0403_4b50;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipError {
    /// Not a zip archive at all (no end-of-central-directory record).
    NotZip,
    /// The archive's structure is broken or cut short.
    Damaged,
    /// Encrypted entries or zip64 archives, which office files never need.
    Unsupported,
    /// An entry is not in the archive.
    Missing(String),
    /// An entry (or the archive in total) would inflate past the limits.
    TooLarge,
}

impl ZipError {
    /// A message for the person who opened the file.
    pub fn message(&self) -> String {
        match self {
            ZipError::NotZip | ZipError::Damaged | ZipError::Missing(_) => {
                "文件已损坏或不是有效的 Office 文档（.docx / .xlsx）。".to_string()
            }
            ZipError::Unsupported => {
                "文件已加密或使用了不支持的压缩格式：请在 WPS/Word/Excel 中取消密码后另存为 .docx 或 .xlsx。"
                    .to_string()
            }
            ZipError::TooLarge => "文件解压后过大，不像是一份任务清单，未打开。".to_string(),
        }
    }
}

#[derive(Debug, Clone)]
struct Entry {
    name: String,
    method: u16,
    flags: u16,
    crc: u32,
    compressed_size: u32,
    size: u32,
    local_offset: u32,
}

/// An opened archive: the central directory, read eagerly; entries are inflated on demand.
pub struct ZipArchive<'a> {
    data: &'a [u8],
    entries: Vec<Entry>,
    inflated_total: Cell<usize>,
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    let bytes = data.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([bytes[0], bytes[1]]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    let bytes = data.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
}

impl<'a> ZipArchive<'a> {
    pub fn new(data: &'a [u8]) -> Result<ZipArchive<'a>, ZipError> {
        // The end record is 22 bytes plus a comment of at most 65 535 bytes, at the very end.
        if data.len() < 22 {
            return Err(ZipError::NotZip);
        }
        let earliest = data.len().saturating_sub(22 + 0xffff);
        let end = (earliest..=data.len() - 22)
            .rev()
            .find(|&at| u32_at(data, at) == Some(END_OF_CENTRAL))
            .ok_or(ZipError::NotZip)?;
        let count = u16_at(data, end + 10).ok_or(ZipError::Damaged)?;
        let central_offset = u32_at(data, end + 16).ok_or(ZipError::Damaged)?;
        if count == 0xffff || central_offset == 0xffff_ffff {
            return Err(ZipError::Unsupported);
        }
        let mut entries = Vec::with_capacity(usize::from(count));
        let mut at = central_offset as usize;
        for _ in 0..count {
            if u32_at(data, at) != Some(CENTRAL_HEADER) {
                return Err(ZipError::Damaged);
            }
            let field16 = |offset: usize| u16_at(data, at + offset).ok_or(ZipError::Damaged);
            let field32 = |offset: usize| u32_at(data, at + offset).ok_or(ZipError::Damaged);
            let flags = field16(8)?;
            let method = field16(10)?;
            let crc = field32(16)?;
            let compressed_size = field32(20)?;
            let size = field32(24)?;
            let name_len = usize::from(field16(28)?);
            let extra_len = usize::from(field16(30)?);
            let comment_len = usize::from(field16(32)?);
            let local_offset = field32(42)?;
            let name_bytes = data
                .get(at + 46..at + 46 + name_len)
                .ok_or(ZipError::Damaged)?;
            entries.push(Entry {
                name: String::from_utf8_lossy(name_bytes).into_owned(),
                method,
                flags,
                crc,
                compressed_size,
                size,
                local_offset,
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(ZipArchive {
            data,
            entries,
            inflated_total: Cell::new(0),
        })
    }

    /// The entry names, in central-directory order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|entry| entry.name.as_str())
    }

    pub fn contains(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    /// OOXML part names are case-insensitive; a leading '/' is a package-absolute name.
    fn find(&self, name: &str) -> Option<&Entry> {
        let name = name.trim_start_matches('/');
        self.entries
            .iter()
            .find(|entry| entry.name == name)
            .or_else(|| {
                self.entries
                    .iter()
                    .find(|entry| entry.name.eq_ignore_ascii_case(name))
            })
    }

    /// Inflate one entry, within the limits.
    pub fn read(&self, name: &str) -> Result<Vec<u8>, ZipError> {
        let entry = self
            .find(name)
            .ok_or_else(|| ZipError::Missing(name.to_string()))?;
        if entry.flags & 1 != 0 {
            return Err(ZipError::Unsupported);
        }
        if entry.size == 0xffff_ffff || entry.compressed_size == 0xffff_ffff {
            return Err(ZipError::Unsupported);
        }
        let declared = entry.size as usize;
        let remaining = MAX_TOTAL_BYTES.saturating_sub(self.inflated_total.get());
        if declared > MAX_ENTRY_BYTES
            || declared > remaining
            || u64::from(entry.size) > u64::from(entry.compressed_size).max(1024) * MAX_RATIO
        {
            return Err(ZipError::TooLarge);
        }
        let local = entry.local_offset as usize;
        if u32_at(self.data, local) != Some(LOCAL_HEADER) {
            return Err(ZipError::Damaged);
        }
        let name_len = usize::from(u16_at(self.data, local + 26).ok_or(ZipError::Damaged)?);
        let extra_len = usize::from(u16_at(self.data, local + 28).ok_or(ZipError::Damaged)?);
        let start = local + 30 + name_len + extra_len;
        let stored = self
            .data
            .get(start..start + entry.compressed_size as usize)
            .ok_or(ZipError::Damaged)?;
        let bytes = match entry.method {
            0 => stored.to_vec(),
            8 => {
                // The declared size bounds the output: a lying header cannot make us inflate more.
                miniz_oxide::inflate::decompress_to_vec_with_limit(stored, declared).map_err(
                    |error| match error.status {
                        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ZipError::TooLarge,
                        _ => ZipError::Damaged,
                    },
                )?
            }
            _ => return Err(ZipError::Unsupported),
        };
        if bytes.len() != declared || crc32(&bytes) != entry.crc {
            return Err(ZipError::Damaged);
        }
        self.inflated_total
            .set(self.inflated_total.get().saturating_add(bytes.len()));
        Ok(bytes)
    }

    /// Inflate one entry as UTF-8 text (OOXML parts are UTF-8; a BOM is dropped).
    pub fn read_text(&self, name: &str) -> Result<String, ZipError> {
        let bytes = self.read(name)?;
        let text = String::from_utf8(bytes).map_err(|_| ZipError::Damaged)?;
        Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        })
    }
}

/// CRC-32 (IEEE, reflected) bit by bit: a few lines, and fast enough for the XML parts of an
/// office file. (The XLSX writer has its own table-driven one; kept apart so the readers do not
/// depend on the writers' module.)
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}
