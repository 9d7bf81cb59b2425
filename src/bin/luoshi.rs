//! Native CLI: `luoshi parse <file>` prints the parsed document as pretty JSON on stdout.

use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage: luoshi parse <file>";

fn main() -> ExitCode {
    match try_main(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("luoshi: {message}");
            ExitCode::FAILURE
        }
    }
}

fn try_main(args: Vec<String>) -> Result<(), String> {
    let [command, path] = args.as_slice() else {
        return Err(USAGE.to_string());
    };
    if command != "parse" {
        return Err(USAGE.to_string());
    }
    let bytes = std::fs::read(path).map_err(|error| format!("cannot read {path}: {error}"))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{path} is not UTF-8 text"))?;
    let document = luoshi::parse::parse(&text);
    let json = serde_json::to_string_pretty(&document)
        .map_err(|error| format!("cannot encode JSON: {error}"))?;
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{json}").and_then(|()| stdout.flush()) {
        // A closed pipe (`luoshi parse f | head`) means the reader has what it wants.
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write output: {error}"))
        }
        _ => Ok(()),
    }
}
