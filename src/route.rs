//! The whole address, parsed and printed in one place: which document (`doc=`), which page
//! (`task=`, `view=` with a report's `period=`/`scope=`), the filters ([`Query`]) and the
//! benchmark hook (`bench=`). Framework-free; the app's `route` reads the address bar through it.
//!
//! API Boundary: every parameter name of the app's URL is read here or in `query::url`; the
//! stable URLs of earlier versions (`?task=14`, `?view=overview`, `?mine=1`, `?doc=…`) keep
//! opening the same view.

use crate::document::TaskNumber;
use crate::period::Period;
use crate::query::{Query, Scope, View};

/// The largest synthetic document `?bench=N` may ask for.
pub const MAX_BENCH_TASKS: usize = 100_000;

/// The page the address shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Page {
    /// The task list (the default).
    #[default]
    List,
    /// One task's page.
    Task(TaskNumber),
    Overview,
    /// The 进展情况汇总 report. `period: None` is the ledger's current period.
    Report {
        period: Option<Period>,
        scope: Scope,
    },
}

impl Page {
    /// The page a query's `task`/`view` ask for. An open task wins over `view` (a task link from
    /// the overview keeps the overview's filters).
    pub fn of(query: &Query) -> Page {
        if let Some(task) = query.task {
            return Page::Task(task);
        }
        match &query.view {
            View::List => Page::List,
            View::Overview => Page::Overview,
            View::Report { period, scope } => Page::Report {
                period: *period,
                scope: scope.clone(),
            },
        }
    }

    /// `query` showing this page (its filters unchanged).
    pub fn on(&self, query: &Query) -> Query {
        let (task, view) = match self {
            Page::List => (None, View::List),
            Page::Task(task) => (Some(*task), query.view.clone()),
            Page::Overview => (None, View::Overview),
            Page::Report { period, scope } => (
                None,
                View::Report {
                    period: *period,
                    scope: scope.clone(),
                },
            ),
        };
        Query {
            task,
            view,
            ..query.clone()
        }
    }
}

/// Everything the address says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Route {
    /// The document: the first hex digits of its fingerprint (`None`: the seed).
    pub doc: Option<String>,
    /// `?bench=N`: a synthetic N-task document instead of the seed (benchmarks only; never
    /// printed, so it vanishes from the address with the first filter change).
    pub bench: Option<usize>,
    pub page: Page,
    /// The filters, search and sort, with `task` and `view` left at their defaults.
    pub query: Query,
}

impl Route {
    /// Read an address's query string (with or without `?`). Never fails: what cannot be read is
    /// left at its default.
    pub fn parse(search: &str) -> Route {
        let search = search.strip_prefix('?').unwrap_or(search);
        let full = Query::from_query_string(search);
        let page = Page::of(&full);
        let query = Query {
            task: None,
            view: View::List,
            ..full
        };
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
            page,
            query,
        }
    }

    /// The query the app's pages read: the filters with the page's `task`/`view`.
    pub fn page_query(&self) -> Query {
        self.page.on(&self.query)
    }

    /// The query string of this route, without `?` (`doc` last; `bench` never).
    pub fn to_query_string(&self) -> String {
        with_doc(self.page_query().to_query_string(), self.doc.as_deref())
    }
}

/// A query string with `doc=` appended (so links stay on their document).
pub fn with_doc(query: String, doc: Option<&str>) -> String {
    match doc {
        None => query,
        Some(doc) if query.is_empty() => format!("doc={doc}"),
        Some(doc) => format!("{query}&doc={doc}"),
    }
}
