//! Build-time prerender (native; `cargo run --features prerender --bin luoshi-prerender`): renders
//! the app's first view — the seed's task list as a first-time visitor sees it at the bare address —
//! with Yew's server renderer, for `scripts/post-build.mjs` to put inside `<div id="app">` of
//! `dist/index.html`, so the browser paints the list before the wasm has even downloaded.
//!
//! Prints one JSON object: `{"date", "valid_from", "valid_until", "html"}`. `date` is the day
//! rendered as of (`--date YYYY-MM-DD`, else today in China's time zone, UTC+8). The first view
//! may depend on the date (序时 lights are judged at today within the document's work year), so the page is also
//! rendered for the days around it, and `valid_from..=valid_until` is the run of days whose render
//! has the same *shape* (elements, their attribute names, component markers, where text is).
//! Hydration rewrites every text node and attribute value but panics on a different shape, so the
//! app hydrates only on those days (see `src/app/first_view.rs`) and otherwise replaces the markup.

#[cfg(not(target_arch = "wasm32"))]
#[path = "../app/mod.rs"]
#[allow(dead_code)] // The prerender renders the app; the browser-only halves are unused natively.
mod app;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::future::Future;
    use std::pin::pin;
    use std::sync::Arc;
    use std::task::{Context, Poll, Wake, Waker};
    use std::time::{SystemTime, UNIX_EPOCH};

    use luoshi::period::Date;

    /// How far from the render date the validity window is checked, each way (days). Beyond it
    /// the app simply replaces the markup. A render takes ~50 ms natively (debug build), so two
    /// months ahead keeps the post-build step to a few seconds; a release is rebuilt more often.
    const WINDOW_BACK: i64 = 7;
    const WINDOW_AHEAD: i64 = 62;

    /// Runs a future to completion on this thread (the server renderer needs no runtime of its own).
    fn block_on<F: Future>(future: F) -> F::Output {
        struct ThreadWaker(std::thread::Thread);
        impl Wake for ThreadWaker {
            fn wake(self: Arc<Self>) {
                self.0.unpark();
            }
        }
        let waker = Waker::from(Arc::new(ThreadWaker(std::thread::current())));
        let mut context = Context::from_waker(&waker);
        let mut future = pin!(future);
        loop {
            match future.as_mut().poll(&mut context) {
                Poll::Ready(output) => return output,
                Poll::Pending => std::thread::park(),
            }
        }
    }

    fn render(date: Date) -> String {
        without_component_names(&block_on(crate::app::render_first_view(date)))
    }

    /// Yew's component markers (`<!--<[path::Name]>-->`) carry the Rust type name in debug builds
    /// only; hydration matches on the brackets alone, and the names are a third of the bytes.
    /// Rewritten to the release form `<!--<[]>-->` / `<!--</[]>-->`.
    pub fn without_component_names(html: &str) -> String {
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(start) = rest.find("<!--<") {
            out.push_str(&rest[..start]);
            let marker = &rest[start..];
            let open = if marker.starts_with("<!--</[") {
                "<!--</["
            } else if marker.starts_with("<!--<[") {
                "<!--<["
            } else {
                out.push_str("<!--<");
                rest = &marker["<!--<".len()..];
                continue;
            };
            match marker.find("]>-->") {
                Some(end) => {
                    out.push_str(open);
                    out.push_str("]>-->");
                    rest = &marker[end + "]>-->".len()..];
                }
                None => {
                    out.push_str(marker);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The shape of server-rendered markup: each tag with its attribute names (values dropped),
    /// comments whole, and `#` where text is. Two renders with the same shape hydrate alike.
    pub fn shape(html: &str) -> Vec<String> {
        let mut shape = Vec::new();
        let mut rest = html;
        while !rest.is_empty() {
            if let Some(comment) = rest.strip_prefix("<!--") {
                let end = comment.find("-->").map_or(comment.len(), |end| end + 3);
                shape.push(format!("<!--{}", &comment[..end]));
                rest = &comment[end..];
            } else if rest.starts_with('<') {
                let end = tag_end(rest);
                shape.push(tag_shape(&rest[..end]));
                rest = &rest[end..];
            } else {
                let end = rest.find('<').unwrap_or(rest.len());
                shape.push("#".to_string());
                rest = &rest[end..];
            }
        }
        shape
    }

    /// Where the tag starting `text` ends (after its `>`, skipping `>` inside quoted values).
    fn tag_end(text: &str) -> usize {
        let mut quote = None;
        for (at, c) in text.char_indices() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '>') => return at + 1,
                _ => {}
            }
        }
        text.len()
    }

    /// `<a href="x" class="y">` → `<a href class>`.
    fn tag_shape(tag: &str) -> String {
        let mut out = String::new();
        let mut in_value = None;
        let mut after_equals = false;
        for c in tag.chars() {
            if let Some(q) = in_value {
                if c == q {
                    in_value = None;
                }
                continue;
            }
            if after_equals {
                after_equals = false;
                if c == '"' || c == '\'' {
                    in_value = Some(c);
                    continue;
                }
            }
            if c == '=' {
                after_equals = true;
                continue;
            }
            out.push(c);
        }
        out
    }

    /// Today in China (UTC+8), where the documents' readers are.
    fn today_in_china() -> Date {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|elapsed| elapsed.as_secs() as i64)
            .unwrap_or(0);
        Date::from_days((seconds + 8 * 3600).div_euclid(86_400))
    }

    /// The furthest day in `direction` (±1) up to `limit` days away whose render has `html`'s shape.
    fn same_until(date: Date, html: &str, direction: i64, limit: i64) -> Date {
        let expected = shape(html);
        let mut last = date;
        for step in 1..=limit {
            let day = date.add_days(direction * step);
            if shape(&render(day)) != expected {
                break;
            }
            last = day;
        }
        last
    }

    pub fn main() -> Result<(), String> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let date = match args.as_slice() {
            [] => today_in_china(),
            [flag, value] if flag == "--date" => {
                Date::parse(value).ok_or_else(|| format!("not a date (YYYY-MM-DD): {value}"))?
            }
            _ => return Err("usage: luoshi-prerender [--date YYYY-MM-DD]".to_string()),
        };
        let html = render(date);
        let valid_from = same_until(date, &html, -1, WINDOW_BACK);
        let valid_until = same_until(date, &html, 1, WINDOW_AHEAD);
        let out = serde_json::json!({
            "date": date.to_string(),
            "valid_from": valid_from.to_string(),
            "valid_until": valid_until.to_string(),
            "html": html,
        });
        println!("{out}");
        Ok(())
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    if let Err(message) = native::main() {
        eprintln!("luoshi-prerender: {message}");
        std::process::exit(1);
    }
}
