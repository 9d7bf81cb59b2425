//! The `luoshi` CLI: JSON on stdout, one-line errors on stderr, exit code 1 on failure.

use std::process::{Command, Output};

fn luoshi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_luoshi"))
        .args(args)
        .output()
        .expect("run luoshi")
}

fn seed_path() -> String {
    format!(
        "{}/seeds/chengyang-2023-key-tasks.txt",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("luoshi-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path
}

fn assert_one_line_error(output: &Output) {
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "nothing on stdout");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("luoshi: "), "{stderr}");
}

#[test]
fn parse_prints_the_document_as_json() {
    let output = luoshi(&["parse", &seed_path()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    assert!(
        stdout.contains("\"title\": \"实施创新驱动发展战略\""),
        "Chinese is not escaped and JSON is pretty"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(json["tasks"].as_array().map(Vec::len), Some(71));
    assert_eq!(json["sections"].as_array().map(Vec::len), Some(11));
    assert_eq!(json["meta"]["doc_number"], "青城政办发〔2023〕18号");
    assert_eq!(
        json["tasks"][0]["targets"][0]["value"],
        serde_json::json!(2)
    );
    assert_eq!(json["warnings"], serde_json::json!([]));
    let document: luoshi::Document = serde_json::from_str(&stdout).expect("JSON is a Document");
    assert_eq!(document, luoshi::seed_document());
}

#[test]
fn missing_file_is_a_one_line_error() {
    let output = luoshi(&["parse", "/nonexistent/luoshi/no-such-file.txt"]);
    assert_one_line_error(&output);
    assert!(String::from_utf8_lossy(&output.stderr).contains("no-such-file.txt"));
}

#[test]
fn directory_is_a_one_line_error() {
    let output = luoshi(&["parse", env!("CARGO_MANIFEST_DIR")]);
    assert_one_line_error(&output);
}

#[test]
fn non_utf8_file_is_a_one_line_error() {
    let path = temp_file("gbk.txt", &[0xc7, 0xe0, 0xb5, 0xba, 0xff, 0xfe]);
    let output = luoshi(&["parse", path.to_str().expect("path")]);
    let _ = std::fs::remove_file(&path);
    assert_one_line_error(&output);
    assert!(String::from_utf8_lossy(&output.stderr).contains("UTF-8"));
}

#[test]
fn usage_errors() {
    for args in [
        &[][..],
        &["parse"][..],
        &["frobnicate", "x"][..],
        &["parse", "a", "b"][..],
    ] {
        let output = luoshi(args);
        assert_one_line_error(&output);
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("usage: luoshi parse <file>"),
            "{args:?}"
        );
    }
}

#[test]
fn empty_file_parses_to_an_empty_document() {
    let path = temp_file("empty.txt", b"");
    let output = luoshi(&["parse", path.to_str().expect("path")]);
    let _ = std::fs::remove_file(&path);
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(json["tasks"], serde_json::json!([]));
}
