//! The whole address, parsed and printed in one place: which document (`doc=`), which page
//! ([`Page`]: `task=`, `view=` with a report's `period=`/`scope=`), the filters ([`Query`], whose
//! parameters `query::url` reads) and the benchmark hook (`bench=`). Framework-free; the app's
//! `route` reads the address bar through it.
//!
//! API Boundary: every parameter name of the app's URL is read here or in `query::url`; the
//! stable URLs of earlier versions (`?task=14`, `?view=overview`, `?mine=1`, `?doc=…`) keep
//! opening the same view, and what is printed is canonical (filters, then the page, then `doc`).

use crate::document::TaskNumber;
use crate::overview::Scope;
use crate::period::Period;
use crate::query::{decode, encode, pairs, Query};

/// The largest synthetic document `?bench=N` may ask for.
pub const MAX_BENCH_TASKS: usize = 100_000;

/// The page the address shows: the one owner of "which page". The unit panel is not a page: the
/// list shows it above the rows when the filters name exactly one unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Page {
    /// The task list (the default).
    #[default]
    List,
    /// One task's page (`task=14`).
    Task(TaskNumber),
    /// The dashboard (`view=overview`).
    Overview,
    /// The 进展情况汇总 report (`view=report&period=2023Q2&scope=unit:区科技局`). `period: None`
    /// is the ledger's current period.
    Report {
        period: Option<Period>,
        scope: Scope,
    },
}

impl Page {
    /// The open task, if this is a task's page.
    pub fn task(&self) -> Option<TaskNumber> {
        match self {
            Page::Task(task) => Some(*task),
            _ => None,
        }
    }

    /// Read the page's parameters from a query string. An open task wins over `view` (as the
    /// page switch always did); a `period` or `scope` without `view=report` means nothing.
    fn parse(search: &str) -> Page {
        let mut task: Option<TaskNumber> = None;
        let mut view: Option<String> = None;
        let mut period: Option<Period> = None;
        let mut scope = Scope::All;
        // A repeated parameter keeps its last readable value (a `view` its last value at all).
        for (name, raw) in pairs(search) {
            match name {
                "task" => {
                    if let Some(number) = decode(raw).and_then(|v| v.trim().parse().ok()) {
                        task = Some(number);
                    }
                }
                "view" => view = decode(raw),
                "period" => {
                    if let Some(value) = decode(raw).and_then(|v| Period::parse(v.trim())) {
                        period = Some(value);
                    }
                }
                "scope" => {
                    if let Some(value) = decode(raw).and_then(|v| parse_scope(&v)) {
                        scope = value;
                    }
                }
                _ => {}
            }
        }
        if let Some(task) = task {
            return Page::Task(task);
        }
        match view.as_deref().map(str::trim) {
            Some("overview") => Page::Overview,
            Some("report") => Page::Report { period, scope },
            _ => Page::List,
        }
    }

    /// The page's parameters, without `?` (empty for the list).
    fn to_params(&self) -> Vec<String> {
        match self {
            Page::List => Vec::new(),
            Page::Task(task) => vec![format!("task={task}")],
            Page::Overview => vec!["view=overview".to_string()],
            Page::Report { period, scope } => {
                let mut params = vec!["view=report".to_string()];
                if let Some(period) = period {
                    params.push(format!("period={}", period.id()));
                }
                if *scope != Scope::All {
                    params.push(format!("scope={}", encode(&scope_param(scope))));
                }
                params
            }
        }
    }
}

/// `all`, `section:3`, `unit:区科技局` (unencoded; the caller encodes it).
fn scope_param(scope: &Scope) -> String {
    match scope {
        Scope::All => "all".to_string(),
        Scope::Section(number) => format!("section:{number}"),
        Scope::Unit(name) => format!("unit:{name}"),
    }
}

/// Reads what [`scope_param`] writes; `None` for anything else.
fn parse_scope(value: &str) -> Option<Scope> {
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

/// Everything the address says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Route {
    /// The document: the first hex digits of its fingerprint (`None`: the seed).
    pub doc: Option<String>,
    /// `?bench=N`: a synthetic N-task document instead of the seed (benchmarks only; never
    /// printed, so it vanishes from the address with the first filter change).
    pub bench: Option<usize>,
    /// Which page is shown.
    pub page: Page,
    /// The filters, search and sort (kept on every page, so going back to the list keeps them).
    pub query: Query,
}

/// A page with no filters, on the seed.
impl From<Page> for Route {
    fn from(page: Page) -> Route {
        Route {
            page,
            ..Route::default()
        }
    }
}

/// The list with these filters, on the seed.
impl From<Query> for Route {
    fn from(query: Query) -> Route {
        Route {
            query,
            ..Route::default()
        }
    }
}

impl Route {
    /// Read an address's query string (with or without `?`). Never fails: what cannot be read is
    /// left at its default.
    pub fn parse(search: &str) -> Route {
        let search = search.strip_prefix('?').unwrap_or(search);
        let param = |name: &str| {
            search
                .split('&')
                .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
        };
        Route {
            doc: param("doc")
                .filter(|value| !value.is_empty())
                .map(str::to_string),
            bench: param("bench")
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| (1..=MAX_BENCH_TASKS).contains(n)),
            page: Page::parse(search),
            query: Query::from_query_string(search),
        }
    }

    /// The query string of this route, without `?`: the filters, the page, `doc` last; `bench`
    /// never.
    pub fn to_query_string(&self) -> String {
        let mut params: Vec<String> = Vec::new();
        let filters = self.query.to_query_string();
        if !filters.is_empty() {
            params.push(filters);
        }
        params.extend(self.page.to_params());
        if let Some(doc) = &self.doc {
            params.push(format!("doc={doc}"));
        }
        params.join("&")
    }

    /// The same document and filters on another page.
    pub fn with_page(&self, page: Page) -> Route {
        Route {
            page,
            ..self.clone()
        }
    }

    /// The list of the same document with its filters changed by `edit` (what every filter
    /// control does).
    pub fn list_with(&self, edit: impl FnOnce(&mut Query)) -> Route {
        let mut query = self.query.clone();
        edit(&mut query);
        Route {
            page: Page::List,
            query,
            ..self.clone()
        }
    }
}
