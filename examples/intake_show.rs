fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let bytes = std::fs::read(&path).unwrap_or_default();
    match luoshi::intake::open(&path, &bytes) {
        Ok(luoshi::intake::Opened::Text(text)) => show(&text),
        Ok(luoshi::intake::Opened::Sheets(sheets)) => {
            for (name, text) in sheets {
                println!("== sheet {name}");
                show(&text);
            }
        }
        other => println!("{other:?}"),
    }
}
fn show(text: &str) {
    println!("{text}");
    let doc = luoshi::parse::parse(text);
    println!("tasks {} sections {}", doc.tasks.len(), doc.sections.len());
    for t in &doc.tasks {
        println!(
            "{} {} | lead {:?} | part {:?}",
            t.label, t.title, t.lead_units, t.participating_units
        );
    }
    println!("table {:?}\nwarnings {:?}", doc.table, doc.warnings);
}
