//! Starting the app on the prerendered first view.
//!
//! The release `index.html` holds the first view inside `<div id="app">`, rendered at build time by
//! `luoshi-prerender` (Yew's server renderer, native) for a first-time visitor: the bare address,
//! nothing in localStorage, the web edition, and a date. `data-prerendered="FROM..UNTIL"` on the
//! mount element names the days whose render has the same shape (see the prerender's docs).
//!
//! Yew's hydration adopts existing DOM nodes, rewriting their text and attributes, but *panics* on
//! a different shape, and a panic aborts the release wasm: a dead page. So the app hydrates only
//! when every input of its first render is known to equal the prerender's, and otherwise clears
//! the markup and renders afresh. Both happen before the browser paints again (Yew renders in a
//! microtask of this same task), so there is never an empty frame.

use luoshi::period::Date;
use web_sys::Element;

use crate::app::address::Address;
use crate::app::edition::Edition;
use crate::app::{clock, storage, App, AppProps};

/// The attribute `scripts/post-build.mjs` puts on the mount element with the prerendered markup.
pub const ATTRIBUTE: &str = "data-prerendered";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Adopt the prerendered nodes.
    Hydrate,
    /// Clear the mount element and render (no prerendered markup, or it cannot match).
    Replace,
}

/// What is stored, as far as the first view cares: whether the bare address opens another list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stored {
    /// Anything of ours (a ledger, prefs, documents, backups): a returning visitor.
    pub any: bool,
    /// The reader's unit is picked: the bare address opens 只看本单位 (`route::initial`), a
    /// shorter list than the prerendered one.
    pub my_unit: bool,
    /// Documents besides the seed are kept: the document bar offers them and may name damaged
    /// ones (a different header).
    pub documents: bool,
}

impl Stored {
    /// Read cheaply (a key scan, the prefs and the documents' list; no ledger is decoded).
    fn of_storage() -> Option<Stored> {
        let any = storage::holds_app_data().ok()?;
        if !any {
            return Some(Stored::default());
        }
        Some(Stored {
            any,
            my_unit: matches!(crate::app::prefs::my_unit(), Ok(Some(_))),
            documents: storage::document_entries().is_ok_and(|entries| !entries.is_empty()),
        })
    }
}

/// What the first render depends on, read from the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conditions {
    /// The mount element's `data-prerendered` value, if any.
    pub prerendered: Option<String>,
    /// `location.search` + `location.hash`: any query or fragment opens another view (a filter,
    /// a task, `doc=`, `bench=`, a share link) or a different first render.
    pub address: String,
    /// What of ours localStorage holds, or `None` when storage cannot be read (the app then
    /// shows a notice the prerender does not have).
    pub stored: Option<Stored>,
    pub edition: Edition,
    pub today: Date,
}

impl Conditions {
    fn of_page(root: &Element, address: &Address) -> Conditions {
        Conditions {
            prerendered: root.get_attribute(ATTRIBUTE),
            address: format!("{}{}", address.search, address.hash),
            stored: Stored::of_storage(),
            edition: Edition::current(),
            today: clock::today(),
        }
    }

    /// Hydrate only when the first render is the prerendered one: anything unknown means replace.
    /// A returning visitor's ledger and prefs do not stop it: the app's first render does without
    /// them and applies them right after as ordinary changes (the rows' marks, the ledger bar:
    /// [`crate::app::open_stored_later`]). A picked unit or kept documents do: they change the
    /// list or the header, not only marks.
    pub fn start(&self) -> Start {
        let Some((from, until)) = self.prerendered.as_deref().and_then(valid_days) else {
            return Start::Replace;
        };
        let same = self.address.is_empty()
            && self
                .stored
                .is_some_and(|stored| !stored.my_unit && !stored.documents)
            && self.edition == Edition::Web
            && from <= self.today
            && self.today <= until;
        if same {
            Start::Hydrate
        } else {
            Start::Replace
        }
    }
}

/// `2026-11-19..2027-01-27` → the two dates (inclusive).
pub fn valid_days(value: &str) -> Option<(Date, Date)> {
    let (from, until) = value.split_once("..")?;
    Some((Date::parse(from)?, Date::parse(until)?))
}

thread_local! {
    /// How this page started, for [`mark_started`].
    static STARTED: std::cell::Cell<Option<Start>> = const { std::cell::Cell::new(None) };
    /// What `data-started` still waits for (see [`Latch`]).
    static LATCH: std::cell::Cell<Latch> = const {
        std::cell::Cell::new(Latch { screen: false, opening: false })
    };
}

/// On the mount element while a hydrating start opens what a returning visitor has stored: the
/// first render is the prerender's, with nothing stored, and the stored ledger comes in as a
/// change right after it (`crate::app::open_stored_later`), possibly a few frames later. Until
/// then the rows' controls would show the prerender's marks (未启动 where the clerk stored 滞后),
/// so they stay hidden as in the prerender (styles/annotate.css) and the app does not yet say it
/// started ([`ledger_opened`] ends it).
pub const OPENING: &str = "data-opening";

/// The start-up says it started (`data-started`) once both are true: the first screen's controls
/// are rendered ([`mark_started`]) and, in a hydrating start with something stored, the stored
/// ledger is rendered into them ([`ledger_opened`]), in whichever order the two come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Latch {
    /// The first screen's controls are in.
    pub screen: bool,
    /// The stored ledger is still being opened.
    pub opening: bool,
}

impl Latch {
    /// Whether the app may say it started.
    pub fn started(self) -> bool {
        self.screen && !self.opening
    }
}

/// Update the latch; set `data-started` when this change completes it.
fn latch(change: impl FnOnce(&mut Latch)) {
    let (before, after) = LATCH.with(|cell| {
        let before = cell.get();
        let mut after = before;
        change(&mut after);
        cell.set(after);
        (before, after)
    });
    if after.started() && !before.started() {
        set_started();
    }
}

/// On the mount element from the app's start until every list row has its controls: the task
/// sections keep `content-visibility: auto` as in the prerender (styles/layout.css), so the
/// start-up's renders (the first render, the first screen's controls, the later stages) style and
/// lay out only the sections on or near the screen, and the whole list is laid out once, after
/// the app says it started (issue 19: that layout was the largest part of the start-up's frames).
pub const STAGING: &str = "data-staging";

/// Called once every list row has its controls (the last stage): the sections are laid out as
/// usual from now on.
pub fn staging_done() {
    if let Some(root) = gloo::utils::document().get_element_by_id("app") {
        let _ = root.remove_attribute(STAGING);
    }
}

/// Called once the app's first render and the first screen's controls are in the DOM (an effect
/// of `App`). With [`ledger_opened`] (a hydrating start with something stored) this puts
/// `data-started="hydrate|replace"` on the mount element, so tests (and anyone inspecting the
/// page) can wait for the app to have taken over the prerendered markup and see which way it did.
pub fn mark_started() {
    latch(|latch| latch.screen = true);
}

/// Called once the stored ledger a hydrating start opened is rendered (after `LedgerProvider`
/// dispatched it): the rows' controls show the stored marks, so they are shown (`OPENING` goes).
pub fn ledger_opened() {
    if !LATCH.with(|cell| cell.get().opening) {
        return;
    }
    if let Some(root) = gloo::utils::document().get_element_by_id("app") {
        let _ = root.remove_attribute(OPENING);
    }
    latch(|latch| latch.opening = false);
}

fn set_started() {
    let Some(start) = STARTED.with(|started| started.get()) else {
        return;
    };
    let label = match start {
        Start::Hydrate => "hydrate",
        Start::Replace => "replace",
    };
    if let Some(root) = gloo::utils::document().get_element_by_id("app") {
        let _ = root.set_attribute("data-started", label);
    }
}

/// Mount the app on `root`: hydrate the prerendered first view or replace it.
pub fn start(root: Element, props: AppProps) {
    let conditions = Conditions::of_page(&root, &props.address);
    let start = conditions.start();
    // Hydration must render what the prerender did: controls on its first rows only; a
    // replacing start renders the controls of the rows on the first screen only, at first.
    crate::app::stage_row_controls(match start {
        Start::Hydrate => crate::app::PRERENDERED_CONTROL_ROWS,
        Start::Replace => crate::app::first_screen_rows(),
    });
    if start == Start::Hydrate {
        // The first render does without what is stored (as the prerender did); the providers
        // read it in their first effects.
        crate::app::open_stored_later();
        if conditions.stored.is_some_and(|stored| stored.any) {
            // Its controls stay hidden until what is stored is rendered into them.
            let _ = root.set_attribute(OPENING, "");
            LATCH.with(|cell| cell.set(Latch { screen: false, opening: true }));
        }
    }
    STARTED.with(|started| started.set(Some(start)));
    // The attribute has done its job; without it the prerender-hiding rule
    // (styles/layout.css) no longer applies to what the app renders.
    let _ = root.remove_attribute(ATTRIBUTE);
    // Until the row controls are all in, the sections off screen still skip layout (see
    // [`STAGING`]): the start-up's renders lay out the first screen only.
    let _ = root.set_attribute(STAGING, "");
    let renderer = yew::Renderer::<App>::with_root_and_props(root.clone(), props);
    match start {
        Start::Hydrate => {
            renderer.hydrate();
        }
        Start::Replace => {
            // Same task as the render below (Yew renders in a microtask): no empty frame is painted.
            root.set_inner_html("");
            renderer.render();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn first_visit() -> Conditions {
        Conditions {
            prerendered: Some("2026-11-19..2027-01-27".to_string()),
            address: String::new(),
            stored: Some(Stored::default()),
            edition: Edition::Web,
            today: Date::new(2026, 11, 26).unwrap(),
        }
    }

    #[wasm_bindgen_test]
    fn the_app_says_it_started_once_its_first_screen_and_the_stored_ledger_are_in() {
        // Nothing stored: the first screen is enough.
        let mut latch = Latch::default();
        assert!(!latch.started());
        latch.screen = true;
        assert!(latch.started());
        // A returning visitor: in either order, only both together.
        for screen_first in [true, false] {
            let mut latch = Latch {
                screen: false,
                opening: true,
            };
            if screen_first {
                latch.screen = true;
            } else {
                latch.opening = false;
            }
            assert!(!latch.started(), "one of the two is not enough");
            latch.screen = true;
            latch.opening = false;
            assert!(latch.started());
        }
    }

    #[wasm_bindgen_test]
    fn a_first_visit_within_the_valid_days_hydrates() {
        assert_eq!(first_visit().start(), Start::Hydrate);
        let last_day = Conditions {
            today: Date::new(2027, 1, 27).unwrap(),
            ..first_visit()
        };
        assert_eq!(last_day.start(), Start::Hydrate);
    }

    #[wasm_bindgen_test]
    fn a_returning_visitor_with_a_ledger_and_prefs_hydrates() {
        let returning = Conditions {
            stored: Some(Stored {
                any: true,
                my_unit: false,
                documents: false,
            }),
            ..first_visit()
        };
        assert_eq!(returning.start(), Start::Hydrate);
    }

    #[wasm_bindgen_test]
    fn anything_the_prerender_did_not_see_replaces() {
        let cases = [
            Conditions {
                prerendered: None,
                ..first_visit()
            },
            Conditions {
                prerendered: Some("garbage".into()),
                ..first_visit()
            },
            Conditions {
                address: "?task=14".into(),
                ..first_visit()
            },
            Conditions {
                address: "#s=abc".into(),
                ..first_visit()
            },
            Conditions {
                stored: Some(Stored {
                    any: true,
                    my_unit: true,
                    documents: false,
                }),
                ..first_visit()
            },
            Conditions {
                stored: Some(Stored {
                    any: true,
                    my_unit: false,
                    documents: true,
                }),
                ..first_visit()
            },
            Conditions {
                stored: None,
                ..first_visit()
            },
            Conditions {
                edition: Edition::SingleFile,
                ..first_visit()
            },
            Conditions {
                today: Date::new(2026, 11, 18).unwrap(),
                ..first_visit()
            },
            Conditions {
                today: Date::new(2027, 1, 28).unwrap(),
                ..first_visit()
            },
        ];
        for case in cases {
            assert_eq!(case.start(), Start::Replace, "{case:?}");
        }
    }
}
