//! The import preview: what each task would gain or change (新增/更新/冲突), field by field, mine →
//! theirs and who reported it. A conflict (one unit's field written twice without either seeing the
//! other) shows both values with their authors and a 保留这个 / 保留那个 / 两者都保留 choice; left
//! undecided, the newer stands and the conflict stays open for the task page. Nothing is applied
//! here; the parent applies on 确认导入.

use std::rc::Rc;

use luoshi::snapshot::{can_keep_both, FieldChange, Preview, PreviewKind, Resolution, Resolutions};
use luoshi::{Document, TaskNumber};
use web_sys::HtmlDetailsElement;
use yew::prelude::*;

use super::text;
use crate::app::clock::date_and_minute;

#[derive(Properties, PartialEq)]
pub struct ImportPreviewProps {
    pub preview: Rc<Preview>,
    pub resolutions: Resolutions,
    /// One conflicting field decided: (task, field, choice).
    pub on_resolve: Callback<(TaskNumber, String, Resolution)>,
    /// Every conflict decided the same way.
    pub on_all: Callback<Resolution>,
    pub on_confirm: Callback<()>,
    pub on_cancel: Callback<()>,
}

fn shown(value: &str) -> String {
    if value.trim().is_empty() {
        text::EMPTY_VALUE.to_string()
    } else {
        value.to_string()
    }
}

fn kind_class(kind: PreviewKind) -> &'static str {
    match kind {
        PreviewKind::New => "kind-new",
        PreviewKind::Updated => "kind-updated",
        PreviewKind::Conflicting => "kind-conflicting",
    }
}

/// One field change: mine → theirs and who reported it, or a conflict with its three choices.
fn change_row(
    task: TaskNumber,
    change: &FieldChange,
    resolutions: &Resolutions,
    on_resolve: &Callback<(TaskNumber, String, Resolution)>,
) -> Html {
    let who = text::who(&change.reported_by.name, &change.reported_by.unit);
    let choice = resolutions.get(task, &change.field);
    let choose = |resolution: Resolution| {
        let on_resolve = on_resolve.clone();
        let field = change.field.clone();
        Callback::from(move |_: Event| on_resolve.emit((task, field.clone(), resolution)))
    };
    let group = format!("resolve-{task}-{}", change.field);
    let radio = |resolution: Resolution, label: &'static str| {
        html! {
            <label>
                <input type="radio" name={group.clone()} checked={choice == Some(resolution)}
                    onchange={choose(resolution)} />
                { label }
            </label>
        }
    };
    if change.conflict {
        let this_by = text::who(&change.mine_by.name, &change.mine_by.unit);
        return html! {
            <li class="field-change conflict">
                <span class="field-label">{ change.label.clone() }</span>
                <span class="conflict-value this">
                    <span class="which">{ text::THIS_VALUE }</span>
                    <span class="mine">{ shown(&change.mine_text) }</span>
                    <span class="reported-by">{ text::reported_by(&this_by, &date_and_minute(&change.mine_at)) }</span>
                </span>
                <span class="conflict-value that">
                    <span class="which">{ text::THAT_VALUE }</span>
                    <span class="theirs">{ shown(&change.theirs_text) }</span>
                    <span class="reported-by">{ text::reported_by(&who, &date_and_minute(&change.reported_at)) }</span>
                </span>
                <span class="resolve" role="radiogroup" aria-label={format!("{} {}", text::task_heading(task, ""), change.label)}>
                    { radio(Resolution::KeepThis, text::KEEP_THIS) }
                    { radio(Resolution::KeepThat, text::KEEP_THAT) }
                    if can_keep_both(&change.field) {
                        { radio(Resolution::KeepBoth, text::KEEP_BOTH) }
                    }
                </span>
            </li>
        };
    }
    html! {
        <li class="field-change">
            <span class="field-label">{ change.label.clone() }</span>
            <span class="mine">{ shown(&change.mine_text) }</span>
            <span class="arrow" aria-hidden="true">{ " → " }</span>
            <span class="theirs">{ shown(&change.theirs_text) }</span>
            <span class="reported-by">{ text::reported_by(&who, &date_and_minute(&change.reported_at)) }</span>
        </li>
    }
}

#[function_component(ImportPreview)]
pub fn import_preview(props: &ImportPreviewProps) -> Html {
    let document = use_context::<Rc<Document>>();
    let preview = &props.preview;
    let has_conflicts = preview.conflicts().next().is_some();
    let folds = preview.folds();
    let title_of = |number: TaskNumber| {
        document
            .as_ref()
            .and_then(|d| d.task(number))
            .map(|t| t.title.clone())
            .unwrap_or_default()
    };
    let all = |resolution: Resolution| {
        let on_all = props.on_all.clone();
        Callback::from(move |_: MouseEvent| on_all.emit(resolution))
    };
    let confirm = {
        let cb = props.on_confirm.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let cancel = {
        let cb = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <section class="import-preview" aria-label={text::PREVIEW_HEADING}>
            <h3>{ text::PREVIEW_HEADING }</h3>
            <ul class="import-sources">
                { for preview.sources.iter().map(|s| html! {
                    <li>{ text::source(&s.file_name, &text::who(&s.exported_by.name, &s.exported_by.unit), &date_and_minute(&s.exported_at)) }</li>
                }) }
            </ul>
            if !preview.warnings.is_empty() {
                <ul class="import-warnings" role="note">
                    { for preview.warnings.iter().map(|w| html! { <li>{ w.message() }</li> }) }
                </ul>
            }
            if preview.is_empty() {
                <p class="import-empty">{ text::NOTHING_NEW }</p>
            } else {
                <p class="import-counts">{ text::counts(
                    preview.count(PreviewKind::New),
                    preview.count(PreviewKind::Updated),
                    preview.count(PreviewKind::Conflicting),
                ) }</p>
                if has_conflicts {
                    <p class="resolve-note" role="note">{ text::UNDECIDED_NOTE }</p>
                    <p class="resolve-all">
                        <button type="button" class="button" onclick={all(Resolution::KeepThis)}>{ text::KEEP_ALL_THIS }</button>
                        <button type="button" class="button" onclick={all(Resolution::KeepThat)}>{ text::KEEP_ALL_THAT }</button>
                    </p>
                }
                <ul class="preview-tasks">
                    { for preview.tasks.iter().enumerate().map(|(index, t)| html! {
                        <PreviewTaskItem key={t.task} preview={Rc::clone(preview)} {index}
                            title={AttrValue::from(title_of(t.task))} {folds}
                            resolutions={props.resolutions.clone()} on_resolve={props.on_resolve.clone()} />
                    }) }
                </ul>
            }
            <p class="preview-actions">
                <button type="button" class="button primary" onclick={confirm} disabled={preview.is_empty()}>{ text::CONFIRM }</button>
                <button type="button" class="button" onclick={cancel}>{ text::CANCEL }</button>
            </p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PreviewTaskProps {
    preview: Rc<Preview>,
    /// Which of `preview.tasks`.
    index: usize,
    title: AttrValue,
    /// The preview is long (`Preview::folds`): this task shows one line until opened, unless it
    /// holds a conflict.
    folds: bool,
    resolutions: Resolutions,
    on_resolve: Callback<(TaskNumber, String, Resolution)>,
}

/// One task of the preview. Folded, its field changes are only built once a person opens it, so
/// a coordinator's preview of 50 units' files appears at once.
#[function_component(PreviewTaskItem)]
fn preview_task_item(props: &PreviewTaskProps) -> Html {
    let opened = use_state_eq(|| false);
    let Some(t) = props.preview.tasks.get(props.index) else {
        return Html::default();
    };
    let heading = html! {
        <h4>
            <span class="kind-badge">{ t.kind.label() }</span>
            { text::task_heading(t.task, &props.title) }
        </h4>
    };
    let rows = || {
        html! {
            <ul class="field-changes">
                { for t.changes.iter().map(|c| change_row(t.task, c, &props.resolutions, &props.on_resolve)) }
            </ul>
        }
    };
    let class = classes!("preview-task", kind_class(t.kind));
    if !props.folds || t.opens_folded() {
        return html! {
            <li {class} data-task={t.task.to_string()}>
                { heading }
                { rows() }
            </li>
        };
    }
    let ontoggle = {
        let opened = opened.clone();
        Callback::from(move |event: Event| {
            if let Some(details) = event.target_dyn_into::<HtmlDetailsElement>() {
                opened.set(details.open());
            }
        })
    };
    let reporters: Vec<String> = t
        .reporters()
        .iter()
        .map(|w| text::who(&w.name, &w.unit))
        .collect();
    html! {
        <li class={classes!(class, "folded")} data-task={t.task.to_string()}>
            <details {ontoggle}>
                <summary>
                    { heading }
                    <span class="fold-summary">
                        { text::folded_task(t.changes.len(), &t.labels(), &reporters) }
                        <span class="fold-hint">{ text::FOLD_HINT }</span>
                    </span>
                </summary>
                if *opened {
                    { rows() }
                }
            </details>
        </li>
    }
}
