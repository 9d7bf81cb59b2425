//! The smallest zip writer an XLSX needs: deflated entries (miniz_oxide), CRC-32, a central
//! directory. No zip64, no encryption, a fixed timestamp so equal input gives equal bytes.

/// 1980-01-01 00:00, the earliest DOS date: the file's parts carry no meaningful time.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;
/// Bit 11: names are UTF-8.
const FLAGS: u16 = 1 << 11;
const DEFLATE: u16 = 8;

pub struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

impl ZipWriter {
    pub fn new() -> ZipWriter {
        ZipWriter {
            out: Vec::new(),
            central: Vec::new(),
            entries: 0,
        }
    }

    /// Add one file. Returns `None` when the archive would need zip64 (over 4 GB or 65 535 files).
    pub fn add(&mut self, name: &str, data: &[u8]) -> Option<()> {
        let compressed = miniz_oxide::deflate::compress_to_vec(data, 6);
        let crc = crc32(data);
        let offset = u32::try_from(self.out.len()).ok()?;
        let size = u32::try_from(data.len()).ok()?;
        let compressed_size = u32::try_from(compressed.len()).ok()?;
        let name_len = u16::try_from(name.len()).ok()?;
        self.entries = self.entries.checked_add(1)?;

        let out = &mut self.out;
        put32(out, 0x0403_4b50);
        put16(out, 20); // version needed: 2.0 (deflate)
        put16(out, FLAGS);
        put16(out, DEFLATE);
        put16(out, DOS_TIME);
        put16(out, DOS_DATE);
        put32(out, crc);
        put32(out, compressed_size);
        put32(out, size);
        put16(out, name_len);
        put16(out, 0); // extra field length
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&compressed);

        let central = &mut self.central;
        put32(central, 0x0201_4b50);
        put16(central, 20); // version made by: 2.0, MS-DOS attributes
        put16(central, 20);
        put16(central, FLAGS);
        put16(central, DEFLATE);
        put16(central, DOS_TIME);
        put16(central, DOS_DATE);
        put32(central, crc);
        put32(central, compressed_size);
        put32(central, size);
        put16(central, name_len);
        put16(central, 0); // extra
        put16(central, 0); // comment
        put16(central, 0); // disk number
        put16(central, 0); // internal attributes
        put32(central, 0); // external attributes
        put32(central, offset);
        central.extend_from_slice(name.as_bytes());
        Some(())
    }

    pub fn finish(mut self) -> Option<Vec<u8>> {
        let central_offset = u32::try_from(self.out.len()).ok()?;
        let central_size = u32::try_from(self.central.len()).ok()?;
        self.out.extend_from_slice(&self.central);
        let out = &mut self.out;
        put32(out, 0x0605_4b50);
        put16(out, 0); // this disk
        put16(out, 0); // disk with the central directory
        put16(out, self.entries);
        put16(out, self.entries);
        put32(out, central_size);
        put32(out, central_offset);
        put16(out, 0); // comment length
        Some(self.out)
    }
}

fn put16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// CRC-32 (IEEE 802.3, reflected, as zip uses), bit by bit over a 16-entry table: small code,
/// and fast enough for a few hundred KB of XML.
pub fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 16] = {
        let mut table = [0u32; 16];
        let mut i = 0;
        while i < 16 {
            let mut crc = i as u32;
            let mut bit = 0;
            while bit < 4 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
                bit += 1;
            }
            table[i] = crc;
            i += 1;
        }
        table
    };
    let mut crc = !0u32;
    for &byte in data {
        crc = TABLE[((crc ^ u32::from(byte)) & 0xf) as usize] ^ (crc >> 4);
        crc = TABLE[((crc ^ (u32::from(byte) >> 4)) & 0xf) as usize] ^ (crc >> 4);
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::crc32;

    #[test]
    fn crc32_check_value() {
        // The standard check value for CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }
}
