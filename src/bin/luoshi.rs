//! Native CLI: `luoshi parse <file>` prints the parsed document as JSON. (Stub until the parser lands.)
fn main() {}
