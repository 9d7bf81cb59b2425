//! Native tests of the core's `session` area: the decisions the app's providers only wire up.
mod import;
