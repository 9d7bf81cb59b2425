//! Components: each arranges markup for one part of the page.

pub(crate) mod annotate;
pub(crate) mod documents;
pub(crate) mod exchange;
pub(crate) mod filters;
pub(crate) mod footer;
pub(crate) mod header;
pub(crate) mod list_view;
// The overview and the report run in the lazily loaded views module (`crate::app::views`,
// src/bin/luoshi-views.rs); the app links only the header's ViewNav and the share panel's copy.
#[allow(dead_code)]
pub(crate) mod overview;
#[allow(dead_code)]
pub(crate) mod report;
pub(crate) mod search;
pub(crate) mod section_list;
pub(crate) mod task_page;
pub(crate) mod task_row;
pub(crate) mod task_text;
pub(crate) mod unit_links;
pub(crate) mod unit_page;

pub use exchange::ExchangePanel;
pub use footer::footer;
pub use header::Header;
pub use list_view::{ListView, PAGE_SIZE};
#[allow(unused_imports)]
pub use overview::OverviewPage;
#[allow(unused_imports)]
pub use report::ReportPage;
pub use section_list::SectionList;
pub use task_page::TaskPage;
pub use task_row::TaskRow;
pub use task_text::TaskText;
