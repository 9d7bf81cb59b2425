use luoshi::intake::zip::{ZipArchive, ZipError, MAX_ENTRY_BYTES};

use super::fixture;

/// A zip of deflated entries, written with the app's own XLSX zip writer's format by hand here
/// (the writer is crate-private): local headers, central directory, end record.
pub fn make_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    make_zip_with(entries, |_, data| {
        (
            8,
            miniz_oxide::deflate::compress_to_vec(data, 6),
            data.len() as u32,
        )
    })
}

/// `encode` returns (method, stored bytes, declared size) per entry, so tests can lie.
pub fn make_zip_with(
    entries: &[(&str, &[u8])],
    encode: impl Fn(usize, &[u8]) -> (u16, Vec<u8>, u32),
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (index, (name, data)) in entries.iter().enumerate() {
        let (method, stored, declared) = encode(index, data);
        let crc = crc32(data);
        let offset = out.len() as u32;
        for (buffer, signature) in [(&mut out, 0x0403_4b50u32), (&mut central, 0x0201_4b50)] {
            buffer.extend_from_slice(&signature.to_le_bytes());
            if signature == 0x0201_4b50 {
                buffer.extend_from_slice(&20u16.to_le_bytes());
            }
            buffer.extend_from_slice(&20u16.to_le_bytes());
            buffer.extend_from_slice(&0u16.to_le_bytes()); // flags
            buffer.extend_from_slice(&method.to_le_bytes());
            buffer.extend_from_slice(&[0; 4]); // time, date
            buffer.extend_from_slice(&crc.to_le_bytes());
            buffer.extend_from_slice(&(stored.len() as u32).to_le_bytes());
            buffer.extend_from_slice(&declared.to_le_bytes());
            buffer.extend_from_slice(&(name.len() as u16).to_le_bytes());
            buffer.extend_from_slice(&0u16.to_le_bytes()); // extra
            if signature == 0x0201_4b50 {
                buffer.extend_from_slice(&[0; 8]); // comment, disk, attributes
                buffer.extend_from_slice(&0u32.to_le_bytes()[..2]);
                buffer.extend_from_slice(&offset.to_le_bytes());
            }
            buffer.extend_from_slice(name.as_bytes());
        }
        out.extend_from_slice(&stored);
    }
    let central_offset = out.len() as u32;
    let central_size = central.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&central_size.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// Reference CRC-32, bit by bit (also checks the snapshot report's packages).
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn reads_entries_of_a_real_file() {
    let bytes = fixture("tasks.docx");
    let zip = ZipArchive::new(&bytes).unwrap();
    assert!(zip.names().any(|name| name == "word/document.xml"));
    let xml = zip.read_text("word/document.xml").unwrap();
    assert!(xml.contains("<w:body>"));
    assert!(
        zip.contains("/[Content_Types].xml"),
        "package-absolute names"
    );
    assert_eq!(
        zip.read("nope.xml"),
        Err(ZipError::Missing("nope.xml".into()))
    );
}

#[test]
fn stored_and_deflated_entries_round_trip() {
    let bytes = make_zip_with(
        &[("a.txt", b"hello"), ("b.txt", "任务".as_bytes())],
        |index, data| {
            if index == 0 {
                (0, data.to_vec(), data.len() as u32)
            } else {
                (
                    8,
                    miniz_oxide::deflate::compress_to_vec(data, 6),
                    data.len() as u32,
                )
            }
        },
    );
    let zip = ZipArchive::new(&bytes).unwrap();
    assert_eq!(zip.read("a.txt").unwrap(), b"hello");
    assert_eq!(zip.read_text("b.txt").unwrap(), "任务");
}

#[test]
fn zip_bombs_are_refused() {
    // 10 MB of zeros deflates to ~10 KB: a ratio far beyond any document.
    let zeros = vec![0u8; 10 << 20];
    let bytes = make_zip(&[("bomb.xml", &zeros)]);
    let zip = ZipArchive::new(&bytes).unwrap();
    assert_eq!(zip.read("bomb.xml"), Err(ZipError::TooLarge));
    // A header that under-declares the size cannot make the reader inflate more than declared.
    let liar = make_zip_with(&[("liar.xml", &zeros[..1 << 20])], |_, data| {
        (8, miniz_oxide::deflate::compress_to_vec(data, 6), 1000)
    });
    let zip = ZipArchive::new(&liar).unwrap();
    assert_eq!(zip.read("liar.xml"), Err(ZipError::TooLarge));
    // An entry declared over the per-entry limit is refused before inflating.
    let huge = make_zip_with(&[("huge.xml", b"x")], |_, data| {
        (0, data.to_vec(), MAX_ENTRY_BYTES as u32 + 1)
    });
    assert_eq!(
        ZipArchive::new(&huge).unwrap().read("huge.xml"),
        Err(ZipError::TooLarge)
    );
}

#[test]
fn damage_is_an_error_not_a_panic() {
    let bytes = fixture("tasks.xlsx");
    // A flipped byte in the middle of the deflated data: CRC or inflate error.
    let mut flipped = bytes.clone();
    let middle = flipped.len() / 3;
    flipped[middle] ^= 0x55;
    if let Ok(zip) = ZipArchive::new(&flipped) {
        let names: Vec<String> = zip.names().map(str::to_string).collect();
        let results: Vec<_> = names.iter().map(|name| zip.read(name)).collect();
        assert!(results.iter().any(Result::is_err));
    }
    // Cut short: the end record is gone.
    assert!(ZipArchive::new(&bytes[..bytes.len() / 2]).is_err());
    assert_eq!(ZipArchive::new(b"").err(), Some(ZipError::NotZip));
    assert!(!ZipError::Damaged.message().is_empty());
}
