//! The reader's own unit: picked once, remembered in preferences, offered as "只看本单位".

use yew::prelude::*;

use crate::app::prefs::{self, PrefsError};

/// The reader's unit and a way to change it.
#[derive(Clone, PartialEq)]
pub struct MyUnit {
    pub unit: Option<String>,
    /// Why the choice could not be read or kept (shown next to the picker).
    pub error: Option<PrefsError>,
    set: Option<Callback<Option<String>>>,
}

impl MyUnit {
    /// Remember `unit` (or forget with `None`).
    pub fn set(&self, unit: Option<String>) {
        if let Some(set) = &self.set {
            set.emit(unit);
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct MyUnitState {
    unit: Option<String>,
    error: Option<PrefsError>,
}

impl MyUnitState {
    fn load() -> MyUnitState {
        match prefs::my_unit() {
            Ok(unit) => MyUnitState { unit, error: None },
            Err(error) => MyUnitState {
                unit: None,
                error: Some(error),
            },
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct MyUnitProviderProps {
    pub children: Html,
}

#[function_component(MyUnitProvider)]
pub fn my_unit_provider(props: &MyUnitProviderProps) -> Html {
    // In a hydrating start the first render shows no unit (as the prerender did; `first_view`
    // hydrates only when none is picked) and the first effect reads it (an unreadable one's notice).
    let later = *use_state(crate::app::opens_stored_later);
    let state = use_state(|| {
        if later {
            MyUnitState {
                unit: None,
                error: None,
            }
        } else {
            MyUnitState::load()
        }
    });
    // Read again when the ledger's signer changes there: opening the stored ledger (a child's
    // effect runs before its parent's, so after this one) may store the identity made from an
    // older ledger's "我是…", whose unit is 本单位 (`luoshi::identity::reconcile`).
    let signer = crate::app::ledger_state::use_ledger()
        .filter(|_| later)
        .map(|ledger| ledger.ledger().user.clone());
    {
        let state = state.clone();
        use_effect_with(signer, move |_| {
            let loaded = MyUnitState::load();
            if later && loaded != *state {
                state.set(loaded);
            }
        });
    }
    let set = {
        let state = state.clone();
        Callback::from(move |unit: Option<String>| {
            // Keep the choice for this session even when the browser will not store it.
            let error = prefs::set_my_unit(unit.as_deref()).err();
            state.set(MyUnitState { unit, error });
        })
    };
    let context = MyUnit {
        unit: state.unit.clone(),
        error: state.error.clone(),
        set: Some(set),
    };
    html! {
        <ContextProvider<MyUnit> {context}>
            { props.children.clone() }
        </ContextProvider<MyUnit>>
    }
}

/// The reader's unit (none outside a provider, e.g. in component tests of single components).
#[hook]
pub fn use_my_unit() -> MyUnit {
    use_context::<MyUnit>().unwrap_or(MyUnit {
        unit: None,
        error: None,
        set: None,
    })
}
