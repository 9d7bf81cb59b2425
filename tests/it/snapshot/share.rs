//! Share links: round trip, length and QR code, and every way a link can be damaged.

use super::common as snapshot_common;

use luoshi::share::{
    base64url_decode, base64url_encode, decode_link, decode_payload, share_link, ShareError,
    CHAT_LIMIT, MAX_DECODED_BYTES, PREFIX,
};
use luoshi::snapshot::{apply, export, preview, ImportErrorKind, Resolutions, Scope};
use proptest::prelude::*;
use snapshot_common::*;

const NOW: &str = "2023-07-01T10:00:00+08:00";
const BASE: &str = "https://example.gov.cn/tools/luoshi/";

#[test]
fn a_view_travels_in_a_link_and_imports_like_a_file() {
    let doc = seed();
    let ledger = annotated_ledger(&doc);
    let view = export(
        &doc,
        &ledger,
        Scope::View {
            query: "unit=区科技局".into(),
            tasks: vec![1, 2, 3, 5],
        },
        NOW,
    );
    let link = share_link(BASE, &view.for_link());
    assert!(link.url.starts_with(&format!("{BASE}{PREFIX}")));
    assert_eq!(link.url, format!("{BASE}{}", link.fragment));
    assert_eq!(link.length, link.url.chars().count());
    assert_eq!(link.too_long_for_chat, link.length > CHAT_LIMIT);
    assert!(link.fragment[PREFIX.len()..]
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));

    let incoming = decode_link(&link.url, &doc).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(incoming.file_name, "分享链接");
    assert_eq!(
        incoming.snapshot.tasks.len(),
        3,
        "unannotated task 3 left out of the link"
    );
    let empty = ledger_for(&doc, who("王五", "区政府办公室"));
    let merged = apply(
        &empty,
        &preview(&empty, &[incoming]),
        &Resolutions::new(),
        NOW,
    );
    assert_eq!(merged.tasks, ledger.tasks);
    // Just the fragment works as well as the whole URL.
    assert!(decode_link(&link.fragment, &doc).is_ok());
}

#[test]
fn short_links_get_a_qr_code_long_ones_do_not() {
    let doc = seed();
    let mut ledger = ledger_for(&doc, who("张三", "区科技局"));
    act(
        &mut ledger,
        luoshi::ledger::Action::SetProgress {
            task: 1,
            progress: 30,
        },
        NOW,
    );
    let small = export(&doc, &ledger, Scope::All, NOW).for_link();
    let link = share_link(BASE, &small);
    assert!(!link.too_long_for_chat, "one edit: {} chars", link.length);
    let svg = link
        .qr_svg
        .unwrap_or_else(|| panic!("short link without QR"));
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.ends_with("</svg>") && svg.contains("<path d=\"M"));

    // The whole annotated seed with its full text does not fit in a QR code or a chat message.
    let big = export(&doc, &annotated_ledger(&doc), Scope::All, NOW);
    let link = share_link(BASE, &big);
    assert!(link.too_long_for_chat);
    assert_eq!(link.qr_svg, None);
}

#[test]
fn damaged_links_are_refused_with_the_reason() {
    let doc = seed();
    let snapshot = export(&doc, &annotated_ledger(&doc), Scope::All, NOW).for_link();
    let link = share_link(BASE, &snapshot);

    assert_eq!(decode_link(BASE, &doc).err(), Some(ShareError::NotALink));
    let corrupted = link.url.replacen('A', "*", 1).replacen('g', "!", 1);
    assert_eq!(
        decode_link(&corrupted, &doc).err(),
        Some(ShareError::BadEncoding)
    );
    // Cut in the middle of the deflate stream (as chat apps do to long links).
    let cut = &link.url[..link.url.len() - 40];
    assert_eq!(decode_link(cut, &doc).err(), Some(ShareError::Damaged));
    // A changed character inside the data.
    let mut flipped = link.url.clone().into_bytes();
    let middle = flipped.len() - 100;
    flipped[middle] = if flipped[middle] == b'Q' { b'R' } else { b'Q' };
    let flipped = String::from_utf8(flipped).unwrap_or_default();
    assert!(matches!(
        decode_link(&flipped, &doc).err(),
        Some(ShareError::Damaged | ShareError::Import { .. })
    ));
    // Deflated garbage that is not a snapshot goes through the import checks.
    let not_json = miniz_oxide::deflate::compress_to_vec(b"<html>hello</html>", 9);
    let link = format!("{BASE}{PREFIX}{}", base64url_encode(&not_json));
    match decode_link(&link, &doc) {
        Err(ShareError::Import { error }) => {
            assert!(matches!(error.kind, ImportErrorKind::Syntax { .. }));
            assert!(error.message().starts_with("「分享链接」无法导入："));
        }
        other => panic!("expected an import error, got {other:?}"),
    }
    assert!(ShareError::Damaged.message().contains("损坏"));
}

#[test]
fn a_deflate_bomb_stops_at_the_limit() {
    let doc = seed();
    // 64 MB of spaces deflate to ~64 KB; decoding must stop at MAX_DECODED_BYTES.
    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 64 * 1024 * 1024], 9);
    assert!(bomb.len() < 200 * 1024);
    let link = format!("{PREFIX}{}", base64url_encode(&bomb));
    assert_eq!(decode_link(&link, &doc).err(), Some(ShareError::TooLarge));
    // Just under the limit inflates (and is then refused as an empty file, being only spaces).
    let fits = miniz_oxide::deflate::compress_to_vec(&vec![b' '; MAX_DECODED_BYTES], 9);
    let payload = decode_payload(&format!("{PREFIX}{}", base64url_encode(&fits)));
    assert_eq!(payload.map(|p| p.len()), Ok(MAX_DECODED_BYTES));
}

#[test]
fn base64url_known_vectors() {
    // RFC 4648 §10, without padding.
    for (plain, encoded) in [
        ("", ""),
        ("f", "Zg"),
        ("fo", "Zm8"),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64url_encode(plain.as_bytes()), encoded);
        assert_eq!(base64url_decode(encoded), Some(plain.as_bytes().to_vec()));
    }
    assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
    assert_eq!(base64url_decode("-_8"), Some(vec![0xfb, 0xff]));
    assert_eq!(
        base64url_decode("+/8="),
        Some(vec![0xfb, 0xff]),
        "standard alphabet and padding accepted"
    );
    assert_eq!(base64url_decode("Zm9vY"), None, "impossible length");
    assert_eq!(base64url_decode("Zm 9v"), None);
}

proptest! {
    #[test]
    fn base64url_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let encoded = base64url_encode(&bytes);
        prop_assert!(!encoded.contains('='));
        prop_assert_eq!(base64url_decode(&encoded), Some(bytes));
    }
}
