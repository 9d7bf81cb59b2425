//! The ledger as app state: one reducer (`LedgerState`), shared by `LedgerProvider`, used through
//! `use_ledger()`. The provider also keeps storage in step: it autosaves each change after a short
//! pause, merges other tabs' writes, and saves any pending change when the page is hidden.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use luoshi::ledger::{units, Action, Annotation, Applied, Entry, Ledger, LedgerError};
use luoshi::period::Date;
use luoshi::session::ledger::{self as session, SavePlan, Theirs};
use luoshi::{store, Document, Task, TaskNumber};
use std::borrow::Cow;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::clock;
use crate::app::components::annotate::text;
use crate::app::storage::{self, Found, StorageError, TheirWrite};

/// How long after the last change the ledger is written (the brief allows at most 0.5 s).
pub const SAVE_DELAY_MS: u32 = 300;

/// Where saving stands, for the "已保存 hh:mm:ss" indicator.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    /// Nothing changed since the page opened.
    Idle,
    Pending,
    Saved {
        at: String,
    },
    Failed(StorageError),
}

/// Why this page does not write to storage at all.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadOnly {
    /// The stored ledger is from a newer version (message from the core).
    Blocked { message: String },
}

/// A stored value that could not be read, kept for the person to download.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    pub message: String,
    /// The value exactly as it was stored.
    pub raw: Rc<str>,
    /// Where it was moved; `None` if it could not be moved (then saving is off, see `saving_off`).
    pub backup_key: Option<String>,
}

impl Unreadable {
    fn new(
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
}

/// The one stored identity signs this ledger (`luoshi::identity::reconcile`); on the first start
/// after an upgrade it is made from the ledger's "我是…" and 本单位. Not saved until the next edit.
fn sign_with_stored_identity(state: &mut LedgerState, document: &Document) {
    let stored = crate::app::prefs::identity().ok().flatten();
    let my_unit = crate::app::prefs::my_unit().ok().flatten();
    let reconciled = luoshi::identity::reconcile(
        stored.as_ref(),
        &state.ledger.user,
        my_unit.as_deref(),
        document,
    );
    if let Some(identity) = reconciled.store {
        let _ = crate::app::prefs::set_identity(&identity);
    }
    if let Some(who) = reconciled.sign_as {
        let mut ledger = (*state.ledger).clone();
        ledger.user = who;
        state.ledger = Rc::new(ledger);
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LedgerState {
    pub ledger: Rc<Ledger>,
    /// Bumped by every change that must reach storage; `saved_revision` is the last one written.
    pub revision: u64,
    pub saved_revision: u64,
    pub save: SaveState,
    pub read_only: Option<ReadOnly>,
    /// Edits are allowed but must not be written (an unreadable value could not be moved aside).
    pub saving_off: bool,
    pub unreadable: Option<Unreadable>,
    /// localStorage could not be used when the page opened.
    pub unavailable: bool,
    /// Tasks whose stored values were moved to units' own entries when opened (a ledger from
    /// before per-unit entries, `luoshi::ledger::units::migrate`); the ledger bar says so.
    pub moved_to_units: Vec<TaskNumber>,
}

impl LedgerState {
    /// Open the stored ledger of the document with `fingerprint`, migrating it to per-unit entries
    /// against `document` when given.
    pub fn open(fingerprint: &str, document: Option<&Document>) -> LedgerState {
        let now = clock::now();
        let mut state = LedgerState {
            ledger: Rc::new(Ledger::new(fingerprint)),
            revision: 0,
            saved_revision: 0,
            save: SaveState::Idle,
            read_only: None,
            saving_off: false,
            unreadable: None,
            unavailable: false,
            moved_to_units: Vec::new(),
        };
        match storage::find_ledger(fingerprint, &now) {
            Ok(Found::Nothing) => {
                if let Some(document) = document {
                    sign_with_stored_identity(&mut state, document);
                }
            }
            Ok(Found::Ledger {
                ledger,
                migrated_from,
                ..
            }) => {
                let mut ledger = ledger;
                let moved = document.map(|d| units::migrate(d, &mut ledger));
                let mut tasks: Vec<TaskNumber> = moved.iter().flatten().map(|m| m.task).collect();
                tasks.dedup();
                state.ledger = Rc::new(ledger);
                if migrated_from.is_some() || !tasks.is_empty() {
                    // Write the upgraded form back.
                    state.revision = 1;
                }
                state.moved_to_units = tasks;
                if let Some(document) = document {
                    sign_with_stored_identity(&mut state, document);
                }
            }
            Ok(Found::Unreadable {
                error,
                raw,
                backup_key,
            }) => {
                state.saving_off = backup_key.is_none();
                state.unreadable = Some(Unreadable::new(&error, raw, backup_key));
            }
            Ok(Found::Blocked { error, .. }) => {
                state.read_only = Some(ReadOnly::Blocked {
                    message: error.message(),
                });
            }
            Err(_) => state.unavailable = true,
        }
        state
    }

    pub fn has_unsaved(&self) -> bool {
        self.revision > self.saved_revision
    }

    fn may_save(&self) -> bool {
        self.read_only.is_none() && !self.saving_off
    }

    fn changed(self: &Rc<Self>, ledger: Ledger) -> Rc<LedgerState> {
        let mut next = (**self).clone();
        next.ledger = Rc::new(ledger);
        next.revision += 1;
        if next.may_save() && !matches!(next.save, SaveState::Failed(_)) {
            next.save = SaveState::Pending;
        }
        Rc::new(next)
    }
}

pub enum LedgerMsg {
    /// Apply an action at `now` (validation errors were already reported by the handle).
    Apply {
        action: Action,
        now: String,
    },
    /// Another tab wrote this ledger (`None`: it removed it).
    Theirs(Option<Ledger>),
    Saved {
        revision: u64,
        at: String,
    },
    SaveFailed(StorageError),
    /// The stored value turned out to be from a newer version while saving.
    Blocked {
        message: String,
    },
    /// An unreadable value turned up under our key while saving (moved aside unless its
    /// `backup_key` is `None`, which stops saving).
    FoundUnreadable(Unreadable),
    DismissUnreadable,
    /// Replace the whole ledger (an import was applied, or undone); saved like any other change.
    Replace(Ledger),
}

impl Reducible for LedgerState {
    type Action = LedgerMsg;

    fn reduce(self: Rc<Self>, msg: LedgerMsg) -> Rc<Self> {
        match msg {
            LedgerMsg::Apply { action, now } => {
                if self.read_only.is_some() {
                    return self;
                }
                let mut ledger = (*self.ledger).clone();
                match ledger.apply(action, &now) {
                    Ok(Applied::Changed { .. }) => self.changed(ledger),
                    Ok(Applied::NoChange) | Err(_) => self,
                }
            }
            LedgerMsg::Theirs(None) => {
                // Another tab removed our key: write ours back rather than lose it.
                let ledger = (*self.ledger).clone();
                self.changed(ledger)
            }
            LedgerMsg::Theirs(Some(theirs)) => {
                match session::theirs(&self.ledger, &theirs, self.has_unsaved()) {
                    Theirs::Unchanged => self,
                    // A save that stopped to merge their write must still happen, even when their
                    // write added nothing: bumping the revision restarts the save timer.
                    Theirs::Save(merged) => self.changed(merged),
                    Theirs::Adopt(merged) => {
                        let mut next = (*self).clone();
                        next.ledger = Rc::new(merged);
                        Rc::new(next)
                    }
                }
            }
            LedgerMsg::Saved { revision, at } => {
                let mut next = (*self).clone();
                next.saved_revision = next.saved_revision.max(revision);
                next.save = if next.has_unsaved() {
                    SaveState::Pending
                } else {
                    SaveState::Saved { at }
                };
                Rc::new(next)
            }
            LedgerMsg::SaveFailed(error) => {
                let mut next = (*self).clone();
                next.save = SaveState::Failed(error);
                Rc::new(next)
            }
            LedgerMsg::Blocked { message } => {
                let mut next = (*self).clone();
                next.read_only = Some(ReadOnly::Blocked { message });
                Rc::new(next)
            }
            LedgerMsg::FoundUnreadable(unreadable) => {
                let mut next = (*self).clone();
                next.saving_off = next.saving_off || unreadable.backup_key.is_none();
                if next.saving_off {
                    next.save = SaveState::Idle;
                }
                next.unreadable = Some(unreadable);
                Rc::new(next)
            }
            LedgerMsg::Replace(ledger) => {
                if self.read_only.is_some() || ledger == *self.ledger {
                    return self;
                }
                self.changed(ledger)
            }
            LedgerMsg::DismissUnreadable => {
                if self.unreadable.is_none() || self.saving_off {
                    return self;
                }
                let mut next = (*self).clone();
                next.unreadable = None;
                Rc::new(next)
            }
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
    let plan = session::save_plan(
        state.may_save(),
        state.has_unsaved(),
        current.as_deref(),
        last_known.borrow().as_deref(),
    );
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
                dispatcher.dispatch(LedgerMsg::FoundUnreadable(Unreadable::new(
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
    let state = use_reducer(|| LedgerState::open(&fingerprint, document.as_deref()));
    let last_known: LastKnown = use_mut_ref(|| storage::stored_ledger(&fingerprint).ok().flatten());
    let save_timer = use_mut_ref(|| None::<Timeout>);
    let work_year = use_context::<Rc<Document>>().and_then(|document| document.work_year());
    let handle = LedgerHandle {
        state: state.clone(),
        last_known: last_known.clone(),
        work_year,
    };

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
