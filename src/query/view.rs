//! Which page the URL shows. The app's pages share one query string, so a link to a report or
//! the overview is as bookmarkable as a filtered list.

use crate::period::Period;

/// Which tasks a report covers (the report's `scope=` parameter).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Scope {
    #[default]
    All,
    /// One section, by number.
    Section(u32),
    /// The tasks a unit leads (牵头): a unit reports on what it answers for; participants feed the
    /// lead unit's report.
    Unit(String),
}

/// `view=overview`, `view=report&period=2023Q2&scope=unit:区科技局`; no `view` is the list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum View {
    #[default]
    List,
    Overview,
    /// The 进展情况汇总 report. `period: None` is the ledger's current period.
    Report {
        period: Option<Period>,
        scope: Scope,
    },
}

impl View {
    /// The `view` parameter's value (`None` for the list, which is the default).
    pub fn as_param(&self) -> Option<&'static str> {
        match self {
            View::List => None,
            View::Overview => Some("overview"),
            View::Report { .. } => Some("report"),
        }
    }
}

impl Scope {
    /// `all`, `section:3`, `unit:区科技局` (unencoded; the URL layer encodes it).
    pub fn to_param(&self) -> String {
        match self {
            Scope::All => "all".to_string(),
            Scope::Section(number) => format!("section:{number}"),
            Scope::Unit(name) => format!("unit:{name}"),
        }
    }

    /// Reads what [`Scope::to_param`] writes; `None` for anything else.
    pub fn from_param(value: &str) -> Option<Scope> {
        if value == "all" {
            return Some(Scope::All);
        }
        if let Some(number) = value.strip_prefix("section:") {
            return number.trim().parse().ok().map(Scope::Section);
        }
        value
            .strip_prefix("unit:")
            .filter(|name| !name.trim().is_empty())
            .map(|name| Scope::Unit(name.trim().to_string()))
    }
}
