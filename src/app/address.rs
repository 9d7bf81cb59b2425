//! The address the app is shown at, passed down as a prop ([`crate::app::AppProps::address`]) the
//! way yew's `function_router` example passes the URL to its server-rendered app: the browser's
//! start reads the address bar ([`Address::current`]); the build-time prerender passes the bare
//! address a first-time visitor opens ([`Address::default`]: no query, no fragment, an empty
//! path, so the prerendered links are relative, `?task=14` against `<base href="./">`). Nothing in
//! a render path reads `window.location`; only the start and event listeners do.

use luoshi::route::Route;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Address {
    /// The page's path (`/tools/luoshi/`).
    pub path: String,
    /// The query string with its `?` (empty when there is none).
    pub search: String,
    /// The fragment with its `#` (empty when there is none); a share link lives here.
    pub hash: String,
}

impl Address {
    /// The browser's address bar now. Browser only: never call it while rendering (the native
    /// prerender has no window).
    pub fn current() -> Address {
        let location = gloo::utils::window().location();
        Address {
            path: location.pathname().unwrap_or_default(),
            search: location.search().unwrap_or_default(),
            hash: location.hash().unwrap_or_default(),
        }
    }

    /// The route it shows.
    pub fn route(&self) -> Route {
        Route::parse(&self.search)
    }

    /// No query string (a fragment may still be there).
    pub fn is_bare(&self) -> bool {
        self.search.trim_start_matches('?').is_empty()
    }

    /// The same page showing `route`, without a fragment: what `documents` writes when it
    /// switches documents.
    pub fn at(&self, route: &Route) -> Address {
        let query = route.to_query_string();
        Address {
            path: self.path.clone(),
            search: if query.is_empty() {
                String::new()
            } else {
                format!("?{query}")
            },
            hash: String::new(),
        }
    }

    /// Path and query string, for `history.pushState`/`replaceState` and links.
    pub fn href(&self) -> String {
        format!("{}{}", self.path, self.search)
    }
}
