//! The ledger as app state: the core's ledger session (`luoshi::session::ledger::Session`, its
//! decisions in `Session::step`) as a Yew reducer (`LedgerState`), shared by `LedgerProvider`, used
//! through `use_ledger()`. The provider is wiring: it opens the session from storage, autosaves
//! each change after a short pause, passes other tabs' writes in, and saves any pending change when
//! the page is hidden.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use luoshi::ledger::{units, Action, Annotation, Entry, Ledger, LedgerError};
use luoshi::period::Date;
pub use luoshi::session::ledger::ReadOnly;
use luoshi::session::ledger::{self as session, Effect, SavePlan, Session, Unreadable};
use luoshi::{store, Document, Task, TaskNumber};
use std::borrow::Cow;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::clock;
use crate::app::components::annotate::text;
use crate::app::storage::{self, Found, StorageError, TheirWrite};

/// How long after the last change the ledger is written (the brief allows at most 0.5 s).
pub const SAVE_DELAY_MS: u32 = 300;

/// Where saving stands (the core's, with the browser's storage error).
pub type SaveState = session::SaveState<StorageError>;

/// A message to the ledger session (the core's, with the browser's storage error).
pub type LedgerMsg = session::Msg<StorageError>;

/// An unreadable stored value, worded for the person.
fn unreadable(
    error: &luoshi::store::StoreError,
    raw: String,
    backup_key: Option<String>,
) -> Unreadable {
    let reason = error.message();
    let message = match &backup_key {
        Some(key) => text::unreadable_moved(&reason, key),
        None => text::unreadable_kept(&reason),
    };
    Unreadable {
        message,
        raw: raw.into(),
        backup_key,
    }
}

/// The one stored identity signs this ledger (`luoshi::identity::reconcile`); on the first start
/// after an upgrade it is made from the ledger's "我是…" and 本单位. Not saved until the next edit.
fn sign_with_stored_identity(session: &mut Session<StorageError>, document: &Document) {
    let stored = crate::app::prefs::identity().ok().flatten();
    let my_unit = crate::app::prefs::my_unit().ok().flatten();
    let reconciled = luoshi::identity::reconcile(
        stored.as_ref(),
        &session.ledger.user,
        my_unit.as_deref(),
        document,
    );
    if let Some(identity) = reconciled.store {
        let _ = crate::app::prefs::set_identity(&identity);
    }
    if let Some(who) = reconciled.sign_as {
        let mut ledger = (*session.ledger).clone();
        ledger.user = who;
        session.ledger = Rc::new(ledger);
    }
}

/// The ledger session as Yew state: the core's [`Session`] (read through `Deref`), stepped by the
/// core's [`Session::step`].
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerState(Session<StorageError>);

impl std::ops::Deref for LedgerState {
    type Target = Session<StorageError>;

    fn deref(&self) -> &Session<StorageError> {
        &self.0
    }
}

impl LedgerState {
    /// Open the stored ledger of the document with `fingerprint`, migrating it to per-unit entries
    /// against `document` when given.
    pub fn open(fingerprint: &str, document: Option<&Document>) -> LedgerState {
        let now = clock::now();
        let mut session = match storage::find_ledger(fingerprint, &now) {
            Ok(Found::Nothing) => Session::new(fingerprint),
            Ok(Found::Ledger {
                ledger,
                migrated_from,
                ..
            }) => {
                let mut ledger = ledger;
                let moved = document.map(|d| units::migrate(d, &mut ledger));
                let mut tasks: Vec<TaskNumber> = moved.iter().flatten().map(|m| m.task).collect();
                tasks.dedup();
                Session::stored(ledger, migrated_from.is_some(), tasks)
            }
            Ok(Found::Unreadable {
                error,
                raw,
                backup_key,
            }) => Session::unreadable(fingerprint, unreadable(&error, raw, backup_key)),
            Ok(Found::Blocked { error, .. }) => Session::blocked(fingerprint, error.message()),
            Err(_) => Session::unavailable(fingerprint),
        };
        // Only a ledger read (or none stored) is signed: not an unreadable or newer one.
        let opened = session.unreadable.is_none() && session.read_only.is_none();
        if let Some(document) = document.filter(|_| opened && !session.unavailable) {
            sign_with_stored_identity(&mut session, document);
        }
        LedgerState(session)
    }
}

impl Reducible for LedgerState {
    type Action = LedgerMsg;

    fn reduce(self: Rc<Self>, msg: LedgerMsg) -> Rc<Self> {
        let mut next = (*self).clone();
        match next.0.step(msg) {
            Effect::Unchanged => self,
            Effect::Changed | Effect::SaveSoon => Rc::new(next),
        }
    }
}

/// The ledger as components see it: read it, and change it only through domain methods.
#[derive(Clone)]
pub struct LedgerHandle {
    /// Reading through a `UseReducerHandle` always gives the newest state, even from a timer or
    /// listener created renders ago.
    state: UseReducerHandle<LedgerState>,
    last_known: LastKnown,
    /// The document's work year ([`luoshi::Document::work_year`]): "today" never leaves it.
    work_year: Option<i32>,
}

impl PartialEq for LedgerHandle {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state && self.work_year == other.work_year
    }
}

impl LedgerHandle {
    pub fn state(&self) -> &LedgerState {
        &self.state
    }

    pub fn ledger(&self) -> &Ledger {
        &self.state.ledger
    }

    /// The task's annotation, or the empty one (borrowed: rows do not copy whole histories).
    pub fn annotation(&self, task: TaskNumber) -> &Annotation {
        self.state.ledger.annotation_or_empty(task)
    }

    /// Whose entry this reader edits on `task` (`luoshi::ledger::units`): their own unit's when
    /// the unit that signs their edits is a responsible unit other than the first lead; otherwise
    /// the task's compiled entry.
    pub fn entry_for(&self, task: &Task) -> Entry {
        Entry::for_reader(task, Some(&self.state.ledger.user.unit))
    }

    /// An entry's values as an annotation: the task's own for the compiled entry, the unit's own
    /// entry (without history) otherwise.
    pub fn entry_view(&self, task: TaskNumber, entry: &Entry) -> Cow<'_, Annotation> {
        let annotation = self.annotation(task);
        match entry {
            Entry::Compiled => Cow::Borrowed(annotation),
            Entry::Unit(unit) => Cow::Owned(
                annotation
                    .unit_entry(unit)
                    .map(|e| e.as_annotation())
                    .unwrap_or_default(),
            ),
        }
    }

    /// Apply an edit to `entry` (wrapped as the unit's own edit when it is a unit's).
    pub fn apply_to(&self, entry: &Entry, action: Action) -> Result<(), LedgerError> {
        match entry {
            Entry::Compiled => self.apply(action),
            Entry::Unit(unit) => self.apply(Action::AsUnit {
                unit: unit.clone(),
                edit: Box::new(action),
            }),
        }
    }

    /// Today, kept inside the document's work year: what progress is judged at when no as-of
    /// date is set, and what the current reporting period is taken from.
    pub fn today(&self) -> Date {
        clock::today().within_work_year(self.work_year)
    }

    /// The date progress is judged at (the ledger's as-of date, or today).
    pub fn as_of(&self) -> Date {
        self.state.ledger.as_of_date(self.today())
    }

    pub fn is_read_only(&self) -> bool {
        self.state.read_only.is_some()
    }

    /// Apply an action now. Checked first against the current ledger, so a person learns at once
    /// why an edit was refused (the reducer then applies it to whatever state is newest).
    pub fn apply(&self, action: Action) -> Result<(), LedgerError> {
        let now = clock::now();
        let mut trial = (*self.state.ledger).clone();
        trial.apply(action.clone(), &now)?;
        self.state.dispatch(LedgerMsg::Apply { action, now });
        Ok(())
    }

    pub fn undo(&self) {
        self.state.dispatch(LedgerMsg::Apply {
            action: Action::Undo,
            now: clock::now(),
        });
    }

    pub fn redo(&self) {
        self.state.dispatch(LedgerMsg::Apply {
            action: Action::Redo,
            now: clock::now(),
        });
    }

    /// The ledger as the JSON file a person downloads (the stored format, so it can be read back).
    pub fn ledger_json(&self) -> String {
        store::encode(&self.state.ledger)
    }

    /// Record that the ledger was just exported (for 上次导出 and the reminder).
    pub fn mark_exported(&self) {
        self.state.dispatch(LedgerMsg::Apply {
            action: Action::MarkExported,
            now: clock::now(),
        });
    }

    /// Replace the whole ledger (import applied or undone). Refused while read-only.
    pub fn replace(&self, ledger: Ledger) -> bool {
        if self.is_read_only() {
            return false;
        }
        self.state.dispatch(LedgerMsg::Replace(ledger));
        true
    }

    pub fn dismiss_unreadable(&self) {
        self.state.dispatch(LedgerMsg::DismissUnreadable);
    }

    /// Write any unsaved change now (the page is going away, or the save timer fired).
    pub fn save_now(&self) {
        save(&self.state, &self.last_known, &self.state.dispatcher());
    }
}

/// The ledger handle, or `None` outside a [`LedgerProvider`] (components then show no ledger parts).
#[hook]
pub fn use_ledger() -> Option<LedgerHandle> {
    use_context::<LedgerHandle>()
}

#[derive(Properties, PartialEq)]
pub struct LedgerProviderProps {
    /// The document's fingerprint: its ledger lives under `store::keys::ledger(fingerprint)`.
    pub fingerprint: AttrValue,
    pub children: Html,
}

/// The raw value this page last wrote or read, to notice another tab's write before saving over it.
type LastKnown = Rc<RefCell<Option<String>>>;

/// Write the ledger unless another tab wrote since we last looked (then merge theirs first; the
/// merge bumps the revision and the next timer saves the merged ledger).
fn save(
    state: &LedgerState,
    last_known: &LastKnown,
    dispatcher: &UseReducerDispatcher<LedgerState>,
) {
    if !state.may_save() || !state.has_unsaved() {
        return;
    }
    let fingerprint = state.ledger.fingerprint.clone();
    let current = match storage::stored_ledger(&fingerprint) {
        Ok(raw) => raw,
        Err(error) => {
            dispatcher.dispatch(LedgerMsg::SaveFailed(error));
            return;
        }
    };
    let plan = state.save_plan(current.as_deref(), last_known.borrow().as_deref());
    if plan == SavePlan::MergeFirst {
        match storage::find_ledger(&fingerprint, &clock::now()) {
            Ok(Found::Ledger { ledger, raw, .. }) => {
                *last_known.borrow_mut() = Some(raw);
                dispatcher.dispatch(LedgerMsg::Theirs(Some(ledger)));
                return;
            }
            Ok(Found::Blocked { error, .. }) => {
                dispatcher.dispatch(LedgerMsg::Blocked {
                    message: error.message(),
                });
                return;
            }
            Ok(Found::Unreadable {
                error,
                raw,
                backup_key,
            }) => {
                let kept_in_place = backup_key.is_none();
                dispatcher.dispatch(LedgerMsg::FoundUnreadable(unreadable(
                    &error, raw, backup_key,
                )));
                if kept_in_place {
                    return;
                }
                // Moved to its backup key: ours is free to write.
            }
            Ok(Found::Nothing) => {}
            Err(error) => {
                dispatcher.dispatch(LedgerMsg::SaveFailed(error));
                return;
            }
        }
    }
    match storage::save_ledger(&state.ledger) {
        Ok(raw) => {
            *last_known.borrow_mut() = Some(raw);
            let at = clock::now();
            dispatcher.dispatch(LedgerMsg::Saved {
                revision: state.revision,
                at: clock::time_of_day(&at).to_string(),
            });
        }
        Err(error) => dispatcher.dispatch(LedgerMsg::SaveFailed(error)),
    }
}

/// Owns the ledger state for one document and keeps storage in step with it.
#[function_component(LedgerProvider)]
pub fn ledger_provider(props: &LedgerProviderProps) -> Html {
    let fingerprint = props.fingerprint.to_string();
    let document = use_context::<Rc<Document>>();
    // In a hydrating start the first render is the nothing-stored one (the prerender's), and the
    // stored ledger is opened by the first effect below (`Msg::Opened`).
    let later = *use_state(crate::app::opens_stored_later);
    let state = use_reducer(|| {
        if later {
            LedgerState(Session::new(&fingerprint))
        } else {
            LedgerState::open(&fingerprint, document.as_deref())
        }
    });
    let last_known: LastKnown = use_mut_ref(|| {
        (!later)
            .then(|| storage::stored_ledger(&fingerprint).ok().flatten())
            .flatten()
    });
    let save_timer = use_mut_ref(|| None::<Timeout>);
    let work_year = use_context::<Rc<Document>>().and_then(|document| document.work_year());
    let handle = LedgerHandle {
        state: state.clone(),
        last_known: last_known.clone(),
        work_year,
    };

    // Open the stored ledger now, if the first render did without it. Before the listeners below:
    // another tab's write is merged into the opened session, not into the empty one.
    let done = use_state_eq(|| !later);
    {
        let done = done.clone();
        let dispatcher = state.dispatcher();
        let last_known = last_known.clone();
        let (fingerprint, document) = (fingerprint.clone(), document.clone());
        use_effect_with((), move |_| {
            if later {
                let opened = LedgerState::open(&fingerprint, document.as_deref());
                // Read after opening: an unreadable value may have been moved aside.
                *last_known.borrow_mut() = storage::stored_ledger(&fingerprint).ok().flatten();
                dispatcher.dispatch(LedgerMsg::Opened(Box::new(opened.0)));
                done.set(true);
            }
        });
    }
    // Once the opened ledger is rendered, the start-up may show the controls and say it started
    // (`first_view::OPENING`). An effect of the render that has `done`: Yew runs effects only
    // after every pending render and context update, so the rows have re-rendered with it by
    // then (a timer or microtask queued above could run first: Yew's scheduler yields to the
    // browser between context updates).
    use_effect_with(*done, |done| {
        if *done {
            crate::app::ledger_opened();
        }
    });

    // Autosave: each change restarts a short timer; when it fires the newest ledger is written.
    {
        let handle = handle.clone();
        let save_timer = save_timer.clone();
        use_effect_with(state.revision, move |_| {
            let timer = Timeout::new(SAVE_DELAY_MS, move || handle.save_now());
            *save_timer.borrow_mut() = Some(timer);
        });
    }

    // Other tabs, Ctrl+Z / Ctrl+Shift+Z, and the last chance to save when the page goes away.
    {
        let dispatcher = state.dispatcher();
        let handle = handle.clone();
        use_effect_with(fingerprint.clone(), move |fingerprint| {
            let window = gloo::utils::window();
            let storage_listener = {
                let dispatcher = dispatcher.clone();
                let last_known = handle.last_known.clone();
                storage::watch_ledger(fingerprint, move |write| match write {
                    TheirWrite::Removed => {
                        *last_known.borrow_mut() = None;
                        dispatcher.dispatch(LedgerMsg::Theirs(None));
                    }
                    TheirWrite::Ledger { ledger, raw } => {
                        *last_known.borrow_mut() = Some(raw);
                        dispatcher.dispatch(LedgerMsg::Theirs(Some(*ledger)));
                    }
                    // Left for the next save to deal with (through find_ledger).
                    TheirWrite::Unreadable => {}
                })
            };
            let keys = {
                let dispatcher = dispatcher.clone();
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&window, "keydown", options, move |event| {
                    let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    let is_z = event.key().eq_ignore_ascii_case("z");
                    if !is_z || !(event.ctrl_key() || event.meta_key()) || event.alt_key() {
                        return;
                    }
                    if crate::app::keys::is_typing(event) {
                        // Leave the browser's own text undo alone.
                        return;
                    }
                    event.prevent_default();
                    let action = if event.shift_key() {
                        Action::Redo
                    } else {
                        Action::Undo
                    };
                    dispatcher.dispatch(LedgerMsg::Apply {
                        action,
                        now: clock::now(),
                    });
                })
            };
            let page_hide = EventListener::new(&window, "pagehide", move |_| handle.save_now());
            move || drop((storage_listener, keys, page_hide))
        });
    }

    html! {
        <ContextProvider<LedgerHandle> context={handle}>
            { props.children.clone() }
        </ContextProvider<LedgerHandle>>
    }
}
