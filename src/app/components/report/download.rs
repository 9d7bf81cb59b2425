//! Downloads share one implementation (Blob + object URL + a clicked `<a download>`).

pub use crate::app::components::annotate::download::download_bytes;
