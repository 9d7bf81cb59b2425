//! The shape of a snapshot file, field by field, with Chinese names: a file is checked against it
//! before serde reads it, so a refusal names the task, the field, what was found and what is
//! allowed, and serde's English never reaches a person.

use super::text;
use crate::period::{Date, Period};
use serde_json::{Map, Value};

/// What is wrong with one field. `found` is `None` when the field is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Problem {
    /// The field's path in Chinese, e.g. `进展报告（2023年第二季度）的存在问题`.
    pub field: String,
    pub found: Option<String>,
    pub allowed: String,
    /// The type is right but the value is outside what the ledger allows (progress 150).
    pub out_of_range: bool,
}

enum Shape {
    Text,
    Bool,
    /// A whole number in `min..=max`, described by `allowed`.
    Int {
        min: i128,
        max: i128,
        allowed: &'static str,
    },
    Number,
    Date,
    /// `null` is accepted too.
    Optional(Box<Shape>),
    /// One of these strings (the file's keys), described by `allowed`.
    Choice(&'static [&'static str], &'static str),
    /// `{"kind": …, "reason": …}` of `ledger::Status`.
    Status,
    /// `{"kind": "all"}` or `{"kind": "view", "query": …, "tasks": […]}`.
    Scope,
    List(Box<Shape>),
    /// An object whose keys are ids of `Key` kind.
    Map(Key, Box<Shape>),
    Object(Vec<Field>),
}

#[derive(Clone, Copy)]
enum Key {
    /// A period id (`2023Q2`), any text accepted.
    Period,
    Unsigned,
    Signed,
    /// A unit name, any text accepted.
    Unit,
}

struct Field {
    key: &'static str,
    label: &'static str,
    shape: Shape,
    required: bool,
}

fn req(key: &'static str, label: &'static str, shape: Shape) -> Field {
    Field {
        key,
        label,
        shape,
        required: true,
    }
}

fn opt(key: &'static str, label: &'static str, shape: Shape) -> Field {
    Field {
        key,
        label,
        shape,
        required: false,
    }
}

fn list(shape: Shape) -> Shape {
    Shape::List(Box::new(shape))
}

fn optional(shape: Shape) -> Shape {
    Shape::Optional(Box::new(shape))
}

fn count() -> Shape {
    Shape::Int {
        min: 0,
        max: i128::from(u32::MAX),
        allowed: text::ALLOWED_COUNT,
    }
}

fn index() -> Shape {
    Shape::Int {
        min: 0,
        max: i128::from(u32::MAX),
        allowed: text::ALLOWED_INDEX,
    }
}

const STATUS_KINDS: &[&str] = &[
    "not_started",
    "on_schedule",
    "ahead_of_schedule",
    "behind",
    "done",
    "other",
];
const COMPARATORS: &[&str] = &[
    "at_least",
    "at_most",
    "about",
    "exceed",
    "reach",
    "more_than",
];
const CADENCES: &[&str] = &["quarterly", "monthly"];

fn who() -> Shape {
    Shape::Object(vec![
        req("name", text::FIELD_NAME, Shape::Text),
        req("unit", text::FIELD_UNIT, Shape::Text),
    ])
}

/// Everything but `format`, `version` and `tasks`, which are checked first.
fn envelope() -> Shape {
    Shape::Object(vec![
        req(
            "document",
            text::FIELD_DOCUMENT,
            Shape::Object(vec![
                req("title", text::FIELD_TITLE, Shape::Text),
                req("doc_number", text::FIELD_DOC_NUMBER, Shape::Text),
                req("fingerprint", text::FIELD_FINGERPRINT, Shape::Text),
            ]),
        ),
        req("exported_at", text::FIELD_EXPORTED_AT, Shape::Text),
        req("exported_by", text::FIELD_EXPORTED_BY, who()),
        opt("scope", text::FIELD_SCOPE, Shape::Scope),
        opt(
            "cadence",
            text::FIELD_CADENCE,
            Shape::Choice(CADENCES, text::ALLOWED_CADENCE),
        ),
        opt("as_of", text::FIELD_AS_OF, optional(Shape::Date)),
    ])
}

fn target() -> Shape {
    Shape::Object(vec![
        req("text", text::FIELD_TARGET_TEXT, Shape::Text),
        req("value", text::FIELD_TARGET_VALUE, Shape::Number),
        opt("value_max", text::FIELD_TARGET_MAX, optional(Shape::Number)),
        opt("unit", text::FIELD_TARGET_UNIT, optional(Shape::Text)),
        req(
            "comparator",
            text::FIELD_COMPARATOR,
            Shape::Choice(COMPARATORS, text::ALLOWED_COMPARATOR),
        ),
        req("start", text::FIELD_POSITION, index()),
        req("end", text::FIELD_POSITION, index()),
    ])
}

fn user_target() -> Shape {
    Shape::Object(vec![
        req("text", text::FIELD_TARGET_TEXT, Shape::Text),
        req("value", text::FIELD_TARGET_VALUE, Shape::Number),
        opt("value_max", text::FIELD_TARGET_MAX, optional(Shape::Number)),
        opt("unit", text::FIELD_TARGET_UNIT, optional(Shape::Text)),
        opt(
            "comparator",
            text::FIELD_COMPARATOR,
            Shape::Choice(COMPARATORS, text::ALLOWED_COMPARATOR),
        ),
    ])
}

fn period_report() -> Shape {
    Shape::Object(vec![
        opt("progress_text", text::FIELD_PROGRESS_TEXT, Shape::Text),
        opt("problems", text::FIELD_PROBLEMS, Shape::Text),
        opt("next_steps", text::FIELD_NEXT_STEPS, Shape::Text),
    ])
}

fn annotation() -> Shape {
    let report = period_report();
    let added = Shape::Object(vec![
        req("target", text::FIELD_TARGET, user_target()),
        opt("actual", text::FIELD_ACTUAL, optional(Shape::Number)),
        opt("hidden", text::FIELD_HIDDEN, Shape::Bool),
    ]);
    let change = Shape::Object(vec![
        req("who", text::FIELD_WHO, who()),
        req("at", text::FIELD_AT, Shape::Text),
        req("field", text::FIELD_FIELD, Shape::Text),
        req("old", text::FIELD_OLD, Shape::Text),
        req("new", text::FIELD_NEW, Shape::Text),
    ]);
    Shape::Object(vec![
        opt("status", text::FIELD_STATUS, Shape::Status),
        opt(
            "progress",
            text::FIELD_PROGRESS,
            Shape::Int {
                min: 0,
                max: 100,
                allowed: text::ALLOWED_PROGRESS,
            },
        ),
        opt(
            "reports",
            text::FIELD_REPORTS,
            Shape::Map(Key::Period, Box::new(report)),
        ),
        opt(
            "actuals",
            text::FIELD_ACTUALS,
            Shape::Map(Key::Unsigned, Box::new(Shape::Number)),
        ),
        opt(
            "added_targets",
            text::FIELD_ADDED_TARGETS,
            Shape::Map(Key::Signed, Box::new(added)),
        ),
        opt("hidden_targets", text::FIELD_HIDDEN_TARGETS, list(index())),
        opt("owner", text::FIELD_OWNER, Shape::Text),
        opt("phone", text::FIELD_PHONE, Shape::Text),
        opt("due", text::FIELD_DUE, optional(Shape::Date)),
        opt("notes", text::FIELD_NOTES, Shape::Text),
        opt("key", text::FIELD_KEY, Shape::Bool),
        opt("supervised", text::FIELD_SUPERVISED, Shape::Bool),
        opt("updated_at", text::FIELD_UPDATED_AT, optional(Shape::Text)),
        opt("history", text::FIELD_HISTORY, list(change)),
        opt(
            "units",
            text::FIELD_UNITS,
            Shape::Map(Key::Unit, Box::new(unit_entry())),
        ),
    ])
}

/// One unit's own entry (`ledger::UnitEntry`).
fn unit_entry() -> Shape {
    Shape::Object(vec![
        opt("status", text::FIELD_STATUS, Shape::Status),
        opt(
            "progress",
            text::FIELD_PROGRESS,
            Shape::Int {
                min: 0,
                max: 100,
                allowed: text::ALLOWED_PROGRESS,
            },
        ),
        opt(
            "reports",
            text::FIELD_REPORTS,
            Shape::Map(Key::Period, Box::new(period_report())),
        ),
        opt(
            "actuals",
            text::FIELD_ACTUALS,
            Shape::Map(Key::Unsigned, Box::new(Shape::Number)),
        ),
        opt("due", text::FIELD_DUE, optional(Shape::Date)),
    ])
}

fn task() -> Shape {
    Shape::Object(vec![
        req("number", text::FIELD_NUMBER, count()),
        req("section", text::FIELD_SECTION, count()),
        req("title", text::FIELD_TITLE, Shape::Text),
        req("text", text::FIELD_TEXT, Shape::Text),
        req("lead_units", text::FIELD_LEAD_UNITS, list(Shape::Text)),
        req(
            "participating_units",
            text::FIELD_PARTICIPATING_UNITS,
            list(Shape::Text),
        ),
        req("targets", text::FIELD_TARGETS, list(target())),
        req("annotation", text::FIELD_ANNOTATION, annotation()),
    ])
}

/// Check the envelope (the snapshot object without `tasks`).
pub(super) fn check_envelope(value: &Value) -> Result<(), Problem> {
    check(value, &envelope(), &mut Vec::new())
}

/// Check one element of `tasks`.
pub(super) fn check_task(value: &Value) -> Result<(), Problem> {
    check(value, &task(), &mut Vec::new())
}

/// `tasks` is not a list (or is missing).
pub(super) fn tasks_not_a_list(found: Option<&Value>) -> Problem {
    Problem {
        field: text::FIELD_TASKS.to_string(),
        found: found.map(describe),
        allowed: text::ALLOWED_TASKS.to_string(),
        out_of_range: false,
    }
}

/// The path in Chinese, `修改记录第 3 条的修改人的姓名`; the annotation level is left out inside
/// (`任务 2 的进度`, not `任务 2 的填报内容的进度`).
fn join(path: &[String]) -> String {
    let last = path.len().saturating_sub(1);
    let parts: Vec<&str> = path
        .iter()
        .enumerate()
        .filter(|(i, p)| !p.is_empty() && (*i == last || p.as_str() != text::FIELD_ANNOTATION))
        .map(|(_, p)| p.as_str())
        .collect();
    parts.join("的")
}

fn problem(path: &[String], found: Option<&Value>, shape: &Shape, out_of_range: bool) -> Problem {
    Problem {
        field: join(path),
        found: found.map(describe),
        allowed: allowed(shape),
        out_of_range,
    }
}

fn check(value: &Value, shape: &Shape, path: &mut Vec<String>) -> Result<(), Problem> {
    let wrong =
        |path: &[String], out_of_range| Err(problem(path, Some(value), shape, out_of_range));
    match shape {
        Shape::Text if value.is_string() => Ok(()),
        Shape::Bool if value.is_boolean() => Ok(()),
        Shape::Number if value.is_number() => Ok(()),
        Shape::Int { min, max, .. } => {
            let whole = value
                .as_i64()
                .map(i128::from)
                .or_else(|| value.as_u64().map(i128::from));
            match whole {
                Some(n) if (*min..=*max).contains(&n) => Ok(()),
                Some(_) => wrong(path, true),
                None if value
                    .as_f64()
                    .is_some_and(|f| f < *min as f64 || f > *max as f64) =>
                {
                    wrong(path, true)
                }
                None => wrong(path, false),
            }
        }
        Shape::Date if value.as_str().is_some_and(|s| Date::parse(s).is_some()) => Ok(()),
        Shape::Optional(_) if value.is_null() => Ok(()),
        Shape::Optional(inner) => check(value, inner, path).map_err(|mut p| {
            p.allowed = allowed(shape);
            p
        }),
        Shape::Choice(keys, _) if value.as_str().is_some_and(|s| keys.contains(&s)) => Ok(()),
        Shape::Status => check_status(value, path),
        Shape::Scope => check_scope(value, path),
        Shape::List(item) => {
            let Some(items) = value.as_array() else {
                return wrong(path, false);
            };
            for (i, element) in items.iter().enumerate() {
                let label = text::list_item(path.last().map_or("", String::as_str), i + 1);
                in_place_of_last(path, label, |path| check(element, item, path))?;
            }
            Ok(())
        }
        Shape::Map(key, item) => {
            let Some(entries) = value.as_object() else {
                return wrong(path, false);
            };
            for (id, element) in entries {
                let parent = path.last().cloned().unwrap_or_default();
                let key_ok = match key {
                    Key::Period | Key::Unit => true,
                    Key::Unsigned => id.parse::<u64>().is_ok(),
                    Key::Signed => id.parse::<i64>().is_ok(),
                };
                if !key_ok {
                    return Err(Problem {
                        field: join(&[join(path), text::MAP_KEY_SUFFIX.to_string()]),
                        found: Some(text::found_text(id)),
                        allowed: text::ALLOWED_INT_KEY.to_string(),
                        out_of_range: false,
                    });
                }
                let label = match key {
                    Key::Period => match Period::parse(id) {
                        Some(period) => text::map_entry(&parent, &period.label()),
                        None => text::map_entry(&parent, &text::found_text(id)),
                    },
                    Key::Unsigned | Key::Signed | Key::Unit => text::map_entry(&parent, id),
                };
                in_place_of_last(path, label, |path| check(element, item, path))?;
            }
            Ok(())
        }
        Shape::Object(fields) => {
            let Some(object) = value.as_object() else {
                return wrong(path, false);
            };
            check_fields(object, fields, path)
        }
        _ => wrong(path, false),
    }
}

/// Run `f` with the path's last part replaced by `label` (a list item or map entry of it).
fn in_place_of_last(
    path: &mut Vec<String>,
    label: String,
    f: impl FnOnce(&mut Vec<String>) -> Result<(), Problem>,
) -> Result<(), Problem> {
    let parent = path.pop();
    path.push(label);
    let result = f(path);
    path.pop();
    path.extend(parent);
    result
}

fn check_fields(
    object: &Map<String, Value>,
    fields: &[Field],
    path: &mut Vec<String>,
) -> Result<(), Problem> {
    for field in fields {
        path.push(field.label.to_string());
        let result = match object.get(field.key) {
            Some(value) => check(value, &field.shape, path),
            // serde reads a missing Option as None.
            None if !field.required || matches!(field.shape, Shape::Optional(_)) => Ok(()),
            None => Err(problem(path, None, &field.shape, false)),
        };
        path.pop();
        result?;
    }
    Ok(())
}

fn check_status(value: &Value, path: &mut Vec<String>) -> Result<(), Problem> {
    let wrong = |path: &[String]| Err(problem(path, Some(value), &Shape::Status, false));
    let Some(object) = value.as_object() else {
        return wrong(path);
    };
    match object.get("kind").and_then(Value::as_str) {
        Some("other") => match object.get("reason") {
            Some(Value::String(_)) => Ok(()),
            found => {
                path.push(text::FIELD_REASON.to_string());
                let result = Err(problem(path, found, &Shape::Text, false));
                path.pop();
                result
            }
        },
        Some(kind) if STATUS_KINDS.contains(&kind) => match object.get("reason") {
            None => Ok(()),
            // serde refuses content on a unit variant
            Some(reason) => Err(Problem {
                field: join(&[join(path), text::FIELD_REASON.to_string()]),
                found: Some(describe(reason)),
                allowed: text::ALLOWED_NO_REASON.to_string(),
                out_of_range: false,
            }),
        },
        _ => wrong(path),
    }
}

fn check_scope(value: &Value, path: &mut Vec<String>) -> Result<(), Problem> {
    let Some(object) = value.as_object() else {
        return Err(problem(path, Some(value), &Shape::Scope, false));
    };
    match object.get("kind").and_then(Value::as_str) {
        Some("all") => Ok(()),
        Some("view") => check_fields(
            object,
            &[
                req("query", text::FIELD_QUERY, Shape::Text),
                req("tasks", text::FIELD_SCOPE_TASKS, list(count())),
            ],
            path,
        ),
        _ => Err(problem(path, Some(value), &Shape::Scope, false)),
    }
}

fn allowed(shape: &Shape) -> String {
    match shape {
        Shape::Text => text::ALLOWED_TEXT.to_string(),
        Shape::Bool => text::ALLOWED_BOOL.to_string(),
        Shape::Int { allowed, .. } => allowed.to_string(),
        Shape::Number => text::ALLOWED_NUMBER.to_string(),
        Shape::Date => text::ALLOWED_DATE.to_string(),
        Shape::Optional(inner) => text::allowed_or_empty(&allowed(inner)),
        Shape::Choice(_, allowed) => allowed.to_string(),
        Shape::Status => text::ALLOWED_STATUS.to_string(),
        Shape::Scope => text::ALLOWED_SCOPE.to_string(),
        Shape::List(item) => text::allowed_list(&allowed(item)),
        Shape::Map(..) | Shape::Object(_) => text::ALLOWED_OBJECT.to_string(),
    }
}

/// What was found, in words a person reads: the number as written, a text in quotes, or the kind.
pub(super) fn describe(value: &Value) -> String {
    match value {
        Value::Null => text::FOUND_NULL.to_string(),
        Value::Bool(true) => text::FOUND_TRUE.to_string(),
        Value::Bool(false) => text::FOUND_FALSE.to_string(),
        Value::Number(number) => number.to_string(),
        Value::String(s) => text::found_text(s),
        Value::Array(_) => text::FOUND_LIST.to_string(),
        Value::Object(_) => text::FOUND_OBJECT.to_string(),
    }
}
