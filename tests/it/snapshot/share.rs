//! Share links: round trip, length and QR code, and every way a link can be damaged.

use super::common as snapshot_common;

use luoshi::share::{
    base64url_decode, base64url_encode, decode_payload, share_link, ShareError, CHAT_LIMIT,
    MAX_DECODED_BYTES, PREFIX,
};
use luoshi::snapshot::{export, Coverage, ImportErrorKind};
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
        Coverage::View {
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
    let merged = import_all(&empty, &[incoming], NOW);
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
    let small = export(&doc, &ledger, Coverage::All, NOW).for_link();
    let link = share_link(BASE, &small);
    assert!(!link.too_long_for_chat, "one edit: {} chars", link.length);
    let svg = link
        .qr_svg
        .unwrap_or_else(|| panic!("short link without QR"));
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.ends_with("</svg>") && svg.contains("<path d=\"M"));

    // Every task with its own report does not fit in a QR code or a chat message.
    let mut busy = ledger_for(&doc, who("张三", "区科技局"));
    for task in &doc.tasks {
        act(
            &mut busy,
            luoshi::ledger::Action::SetReport {
                task: task.number,
                period: luoshi::period::Period::Quarter {
                    year: 2023,
                    quarter: 2,
                },
                field: luoshi::ledger::ReportField::ProgressText,
                text: format!("第{}项：{}，已按计划推进。", task.number, task.title),
            },
            NOW,
        );
    }
    let link = share_link(BASE, &export(&doc, &busy, Coverage::All, NOW));
    assert!(link.too_long_for_chat);
    assert_eq!(link.qr_svg, None);
}

#[test]
fn damaged_links_are_refused_with_the_reason() {
    let doc = seed();
    let snapshot = export(&doc, &annotated_ledger(&doc), Coverage::All, NOW).for_link();
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

#[test]
fn links_point_at_the_app_with_only_the_document_kept() {
    use luoshi::share::{link_base, LinkUnavailable};
    let base = "https://example.gov.cn/tools/luoshi/";
    assert_eq!(link_base(base), Ok(base.to_string()));
    // The sender's own view (only their unit, filters, the task open) is not part of the link.
    assert_eq!(
        link_base(&format!("{base}?mine=1&q=%E5%AE%9E&task=3#s=abc")),
        Ok(base.to_string())
    );
    // Which document to open stays.
    assert_eq!(
        link_base(&format!("{base}?mine=1&doc=0123456789ab&section=2")),
        Ok(format!("{base}?doc=0123456789ab"))
    );
    assert_eq!(
        link_base("http://127.0.0.1:8080/?doc=ab"),
        Ok("http://127.0.0.1:8080/?doc=ab".to_string())
    );
    // The single-file edition's address only works on the sender's own computer.
    for address in [
        "file:///C:/Users/me/luoshi.html?mine=1",
        "FILE:///home/me/luoshi.html",
        "blob:x",
        "",
    ] {
        assert_eq!(
            link_base(address),
            Err(LinkUnavailable::FileEdition),
            "{address}"
        );
    }
    assert!(LinkUnavailable::FileEdition.message().contains("网页版"));
    assert!(LinkUnavailable::FileEdition.message().contains("导出"));
}

/// The link as this build wrote it before links were slimmed: the whole `for_link` snapshot.
fn old_style_link(snapshot: &luoshi::snapshot::Snapshot) -> String {
    let json = snapshot.for_link().to_compact_json();
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("{BASE}{PREFIX}{}", base64url_encode(&compressed))
}

#[test]
fn a_link_carries_no_defaults_and_one_change_per_field_yet_merges_to_the_same_entries() {
    use luoshi::share::link_json;
    let doc = seed();
    let mut ledger = annotated_ledger(&doc);
    // Task 1's progress text rewritten twice: only the latest change needs to travel.
    for (minute, text) in [(30, "第一稿"), (31, "第二稿"), (32, "定稿：已建成平台1家")]
    {
        act(
            &mut ledger,
            luoshi::ledger::Action::SetReport {
                task: 1,
                period: luoshi::period::Period::Quarter {
                    year: 2023,
                    quarter: 2,
                },
                field: luoshi::ledger::ReportField::ProgressText,
                text: text.into(),
            },
            &format!("2023-06-20T09:{minute}:00+08:00"),
        );
    }
    let view = export(
        &doc,
        &ledger,
        Coverage::View {
            query: "mine=1&unit=区科技局".into(),
            tasks: (1..=12).collect(),
        },
        NOW,
    );
    let json = link_json(&view);
    // The task objects (after the envelope's `document`, which names the document once).
    let tasks = &json[json.find("\"tasks\":[{").unwrap_or(0)..];
    for absent in [
        "\"title\"",
        "\"lead_units\"",
        "\"participating_units\"",
        "\"notes\":\"\"",
        "\"due\":null",
        "\"key\":false",
        // The first draft was overwritten before the latest change (which records 第二稿 as old).
        "第一稿",
    ] {
        assert!(!tasks.contains(absent), "{absent} in {tasks}");
    }
    assert!(!json.contains("mine=1"));
    let link = share_link(BASE, &view);
    let old = old_style_link(&view);
    println!(
        "share link: {} chars now, {} chars as before",
        link.length,
        old.chars().count()
    );
    assert!(link.length < old.chars().count());

    let incoming = decode_link(&link.url, &doc).unwrap_or_else(|e| panic!("{e}"));
    let carried: Vec<u32> = incoming.snapshot.tasks.iter().map(|t| t.number).collect();
    assert_eq!(
        incoming.snapshot.scope,
        Coverage::View {
            query: String::new(),
            tasks: carried.clone()
        }
    );
    let empty = ledger_for(&doc, who("王五", "区政府办公室"));
    let merged = import_all(&empty, &[incoming], NOW);
    for number in carried {
        let (got, want) = (merged.annotation(number), ledger.annotation(number));
        let (Some(got), Some(want)) = (got, want) else {
            panic!("task {number} missing");
        };
        assert!(got.content_eq(want), "task {number}: entries differ");
        // Every field's latest change arrived, attributed as recorded.
        for change in &got.history {
            let latest = want.history.iter().rev().find(|c| c.field == change.field);
            assert_eq!(Some(change), latest, "task {number}");
        }
        let fields: std::collections::BTreeSet<&str> =
            want.history.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(got.history.len(), fields.len());
    }
}

#[test]
fn the_qr_code_stays_within_the_scannable_size() {
    use luoshi::share::{qr_code, MAX_QR_VERSION, QR_MAX_BYTES};
    // The longest link that still gets a code is within version 25; one byte more gets none.
    let fits = format!(
        "{BASE}{PREFIX}{}",
        "A".repeat(QR_MAX_BYTES - BASE.len() - PREFIX.len())
    );
    let qr = qr_code(&fits).unwrap_or_else(|| panic!("{} bytes fit", fits.len()));
    assert_eq!(qr.version().value(), MAX_QR_VERSION);
    assert_eq!(qr.size(), 117);
    assert!(qr_code(&format!("{fits}A")).is_none());
    // A short link gets a small code, not a big one.
    let short = qr_code(&format!("{BASE}{PREFIX}abc")).unwrap_or_else(|| panic!("short"));
    assert!(short.version().value() <= 4);
    let link = share_link(
        BASE,
        &export(&seed(), &annotated_ledger(&seed()), Coverage::All, NOW),
    );
    assert_eq!(link.qr_svg.is_some(), link.url.len() <= QR_MAX_BYTES);
}

#[test]
fn the_read_only_view_lists_status_progress_reports_and_actuals() {
    use luoshi::share::shared_entries;
    let doc = seed();
    let ledger = annotated_ledger(&doc);
    let link = share_link(BASE, &export(&doc, &ledger, Coverage::All, NOW));
    let incoming = decode_link(&link.url, &doc).unwrap_or_else(|e| panic!("{e}"));
    let entries = shared_entries(&incoming, &doc);
    let first = &entries[0];
    assert_eq!(first.task, 1);
    assert_eq!(
        first.title,
        doc.task(1).map(|t| t.title.clone()).unwrap_or_default()
    );
    assert_eq!((first.status.as_str(), first.progress), ("序时推进", 45));
    assert_eq!(first.reports.len(), 1);
    let (period, fields) = &first.reports[0];
    assert_eq!(period, "2023年第二季度");
    let labels: Vec<&str> = fields.iter().map(|(label, _)| *label).collect();
    assert_eq!(labels, ["工作进展", "存在问题", "下步计划"]);
    assert_eq!(fields[1].1, "资金到位偏慢");
    // Task 1's first target (2家) has the actual 1.
    assert_eq!(first.actuals.len(), 1);
    assert_eq!(first.actuals[0].1, "1家");
    let second = &entries[1];
    assert_eq!(second.status, "其他：指标调整");
}
