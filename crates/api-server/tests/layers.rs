//! The store owns every SQL statement (issue 12): outside `src/store/` and the database
//! plumbing in `src/db.rs`, no module runs a query or opens a transaction, and no handler
//! (`src/routes/`) names sqlx or a pool.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_store_runs_sql() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![];
    rust_files(&src, &mut files);
    let outside: Vec<_> = files
        .iter()
        .filter(|f| !f.starts_with(src.join("store")) && *f != &src.join("db.rs"))
        .collect();
    assert!(outside.iter().any(|f| f.ends_with("routes/members.rs")));
    let mut found = vec![];
    for file in outside {
        let text = std::fs::read_to_string(file).expect("readable source");
        let handler = file.starts_with(src.join("routes"));
        for needle in ["sqlx::", "on_db!", "on_tx!", ".begin()", "Pool", ".pool()"] {
            let startup_only = matches!(needle, "Pool" | ".pool()" | "sqlx::");
            if text.contains(needle) && (handler || !startup_only) {
                found.push(format!("{} uses {needle}", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "SQL outside the store:\n{}",
        found.join("\n")
    );
}
