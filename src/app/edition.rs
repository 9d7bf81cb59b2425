//! Which edition is running, for the footer: the web app served over http(s), or the single-file
//! copy (`dist-single/luoshi.html`), which scripts/single-file.mjs marks with
//! `<meta name="luoshi-edition" content="single">`. Known at run time, so one build serves both.

/// The crate version, shown next to the edition so a user can say which copy they run.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The `<meta name>` the single-file step writes.
const MARKER: &str = "luoshi-edition";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    /// 网页版: served from a web server, with a service worker for offline use.
    Web,
    /// 单文件版: one HTML file opened from disk.
    SingleFile,
}

impl Edition {
    /// The edition named by the marker's `content` (absent or unknown: the web edition).
    pub fn from_marker(content: Option<&str>) -> Self {
        match content {
            Some("single") => Edition::SingleFile,
            _ => Edition::Web,
        }
    }

    /// The edition of the page the app runs in.
    #[cfg(target_arch = "wasm32")]
    pub fn current() -> Self {
        let content = gloo::utils::document()
            .query_selector(&format!("meta[name=\"{MARKER}\"]"))
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"));
        Edition::from_marker(content.as_deref())
    }

    /// The build-time prerender (native) renders the web edition's page.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn current() -> Self {
        Edition::Web
    }

    pub fn label(self) -> &'static str {
        match self {
            Edition::Web => crate::app::text::EDITION_WEB,
            Edition::SingleFile => crate::app::text::EDITION_SINGLE_FILE,
        }
    }

    /// "网页版 v0.1.0".
    pub fn with_version(self) -> String {
        format!("{} v{VERSION}", self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::{Edition, VERSION};
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn marker_names_the_edition() {
        assert_eq!(Edition::from_marker(Some("single")), Edition::SingleFile);
        assert_eq!(Edition::from_marker(None), Edition::Web);
        assert_eq!(Edition::from_marker(Some("other")), Edition::Web);
    }

    #[wasm_bindgen_test]
    fn label_carries_the_crate_version() {
        assert_eq!(
            Edition::SingleFile.with_version(),
            format!("单文件版 v{VERSION}")
        );
        assert_eq!(Edition::Web.with_version(), format!("网页版 v{VERSION}"));
        // The test page has no marker: the web edition.
        assert_eq!(Edition::current(), Edition::Web);
    }
}
