//! The ledger: what staff record against each task (status, progress, reports, actuals, history).

use serde::{Deserialize, Serialize};

/// A task's reported status. Shown as text and colour, never colour alone.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "reason")]
pub enum Status {
    /// 未启动
    #[default]
    NotStarted,
    /// 序时推进
    OnSchedule,
    /// 超序时
    AheadOfSchedule,
    /// 滞后
    Behind,
    /// 已完成
    Done,
    /// 其他, with a reason (e.g. 指标调整)
    Other(String),
}
