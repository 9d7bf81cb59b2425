//! One identity: name + a unit from the document's list, which signs edits and is 本单位; migration
//! from the two older settings ("我是…" with a typed unit, and 设置本单位).

use luoshi::identity::{match_unit, search_units, Identity, UnitStanding};
use luoshi::ledger::Who;

fn who(name: &str, unit: &str) -> Who {
    Who {
        name: name.into(),
        unit: unit.into(),
    }
}

#[test]
fn a_typed_unit_maps_to_the_document_unit_it_means() {
    let doc = luoshi::seed_document();
    assert_eq!(match_unit("区科技局", &doc).as_deref(), Some("区科技局"));
    assert_eq!(
        match_unit(" 区 科技局　", &doc).as_deref(),
        Some("区科技局")
    );
    // Short for one unit only.
    assert_eq!(match_unit("科技局", &doc).as_deref(), Some("区科技局"));
    assert_eq!(match_unit("民政局", &doc).as_deref(), Some("区民政局"));
    // Ambiguous (区财政局 … and 局 is in most names) or unknown: no guess.
    assert_eq!(match_unit("局", &doc), None);
    assert_eq!(match_unit("区科委", &doc), None);
    assert_eq!(match_unit("", &doc), None);
}

#[test]
fn migration_keeps_the_name_and_maps_the_unit() {
    let doc = luoshi::seed_document();
    // The typed unit matches: it wins (it is what history is signed with).
    let id = Identity::migrate(&who(" 张三 ", "科技局"), Some("区财政局"), &doc);
    assert_eq!(id, Identity::new("张三", "区科技局"));
    assert_eq!(id.standing(&doc), UnitStanding::Listed);
    // A typo: the picked 本单位 is used instead.
    let id = Identity::migrate(&who("李四", "区财正局"), Some("区财政局"), &doc);
    assert_eq!(id, Identity::new("李四", "区财政局"));
    // Only a typed unit the document does not name: kept as 其他单位.
    let id = Identity::migrate(&who("王五", "市督查室"), None, &doc);
    assert_eq!(
        (id.unit.as_str(), id.standing(&doc)),
        ("市督查室", UnitStanding::Other)
    );
    // Only 本单位, no name yet: not complete, so the first edit asks.
    let id = Identity::migrate(&Who::default(), Some("区民政局"), &doc);
    assert_eq!(id.my_unit(), Some("区民政局"));
    assert!(!id.is_complete());
    assert_eq!(Identity::default().standing(&doc), UnitStanding::Missing);
    // One identity, two uses.
    let id = Identity::new("张三", "区科技局");
    assert!(id.is_complete());
    assert_eq!(id.who(), who("张三", "区科技局"));
    assert_eq!(id.my_unit(), Some("区科技局"));
}

#[test]
fn the_unit_picker_searches_the_document_units() {
    let doc = luoshi::seed_document();
    assert_eq!(search_units("", &doc).len(), doc.units.len());
    assert_eq!(search_units("科技", &doc), ["区科技局"]);
    let streets = search_units("街道", &doc);
    assert!(streets.len() > 3 && streets.iter().all(|u| u.contains("街道")));
    assert_eq!(search_units("流亭 街道", &doc), ["流亭街道"]);
    assert!(search_units("不存在的单位", &doc).is_empty());
}

#[test]
fn the_stored_identity_signs_every_ledger_and_is_made_once_from_the_old_settings() {
    use luoshi::identity::{reconcile, Identity};
    let doc = luoshi::seed_document();
    // First start after the upgrade: the ledger's typed 我是… becomes the stored identity.
    let first = reconcile(None, &who("张三", "科技局"), Some("区财政局"), &doc);
    assert_eq!(first.store, Some(Identity::new("张三", "区科技局")));
    assert_eq!(first.sign_as, Some(who("张三", "区科技局")));
    // Another document's ledger, never signed: signed with the stored identity, nothing stored.
    let stored = Identity::new("张三", "区科技局");
    let other = reconcile(Some(&stored), &Who::default(), None, &doc);
    assert_eq!(
        (other.store, other.sign_as),
        (None, Some(who("张三", "区科技局")))
    );
    // Already signed the same way: nothing to do.
    let same = reconcile(Some(&stored), &who("张三", "区科技局"), None, &doc);
    assert_eq!((same.store, same.sign_as), (None, None));
    // Nothing anywhere: nothing stored, nothing signed (the first edit asks).
    let none = reconcile(None, &Who::default(), None, &doc);
    assert_eq!((none.store, none.sign_as), (None, None));
}
