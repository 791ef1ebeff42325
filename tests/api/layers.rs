//! The layers of `src/` (see the top of `src/lib.rs`): a module may use modules of its
//! own layer or below, never above. Read from the source, so a new upward `use` fails here.
use std::path::Path;

/// Layer of each top-level module, bottom first. `accounts` and `areas` are identity, which
/// the web plumbing needs; their `routes.rs` (pages) sit with the capabilities.
const LAYERS: &[(&str, u8)] = &[
    ("config", 0),
    ("oslo", 0),
    ("telemetry", 0),
    ("tokens", 0),
    ("cpu", 0),
    ("lang", 0),
    ("entities", 0),
    ("db", 0),
    ("error", 0),
    ("outbox", 0),
    ("accounts", 1),
    ("areas", 1),
    ("authz", 1),
    ("audit", 1),
    ("state", 2),
    ("web", 2),
    ("media", 3),
    ("interpreter_booking", 3),
    ("content", 4),
    ("courses", 5),
    ("editorial", 6),
    ("search", 6),
    ("feeds", 6),
    ("api", 6),
    ("feedback", 6),
    ("privacy", 6),
    ("interpreting", 6),
    ("notices", 6),
    ("import", 7),
    ("mail", 7),
    ("newsletter", 7),
    ("app", 8),
    ("lib", 9),
    ("main", 9),
];

/// Pages of an identity module are a capability's pages.
const PAGES: &[&str] = &["accounts::routes", "areas::routes"];
const PAGE_LAYER: u8 = 6;

fn layer_of(module_path: &str) -> Option<u8> {
    if PAGES.iter().any(|page| module_path == *page || module_path.starts_with(&format!("{page}::"))) {
        return Some(PAGE_LAYER);
    }
    let top = module_path.split("::").next()?;
    LAYERS.iter().find(|(name, _)| *name == top).map(|(_, layer)| *layer)
}

/// The module path of a source file: `src/accounts/routes.rs` is `accounts::routes`.
fn module_of(relative: &str) -> String {
    relative.trim_end_matches(".rs").trim_end_matches("/mod").replace('/', "::")
}

/// Every `crate::a::b` a file names, `use crate::{a, b}` groups included, as `a::b`.
fn crate_paths(source: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for (at, _) in source.match_indices("crate::") {
        let rest = &source[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or_default();
            paths.extend(inner.split(',').map(|p| p.trim().split(' ').next().unwrap_or_default().to_owned()).filter(|p| !p.is_empty()));
        } else {
            let path: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':').collect();
            paths.push(path.trim_end_matches(':').to_owned());
        }
    }
    paths
}

/// The upward uses in one file: `(used path, its layer)` above the file's own layer.
fn upward(relative: &str, source: &str) -> Vec<(String, u8, u8)> {
    let own = layer_of(&module_of(relative)).unwrap_or_else(|| panic!("{relative}: add its module to LAYERS"));
    crate_paths(source)
        .into_iter()
        .filter_map(|path| {
            let layer = layer_of(&path).unwrap_or_else(|| panic!("{relative}: crate::{path} is in no layer"));
            (layer > own).then_some((path, own, layer))
        })
        .collect()
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_uses_a_module_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    assert!(files.len() > 50, "the sources were found");
    let mut wrong = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let source = std::fs::read_to_string(&file).unwrap();
        for (path, own, layer) in upward(&relative, &source) {
            wrong.push(format!("{relative} (layer {own}) uses crate::{path} (layer {layer})"));
        }
    }
    assert!(wrong.is_empty(), "uses that run up the layers:\n{}", wrong.join("\n"));
}

/// A source file a newcomer can read whole: split by page group or capability before it
/// grows past this.
const MAX_LINES: usize = 600;

#[test]
fn no_source_file_is_longer_than_a_reader_can_hold() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let long: Vec<String> = files
        .iter()
        .map(|file| (file, std::fs::read_to_string(file).unwrap().lines().count()))
        .filter(|(_, lines)| *lines > MAX_LINES)
        .map(|(file, lines)| format!("{} ({lines} lines)", file.strip_prefix(&src).unwrap().display()))
        .collect();
    assert!(long.is_empty(), "files over {MAX_LINES} lines: {long:?}");
}

#[test]
fn the_check_sees_an_upward_use_in_any_form() {
    assert_eq!(upward("content/repo.rs", "use crate::courses::versions;").len(), 1);
    assert_eq!(upward("web/mod.rs", "use crate::{config, editorial::fields};").len(), 1);
    assert_eq!(upward("areas/mod.rs", "crate::areas::routes::routes(cfg)").len(), 1, "pages sit above identity");
    assert!(upward("editorial/routes.rs", "use crate::courses::versions; use crate::web::forms::form;").is_empty());
    assert!(upward("accounts/routes.rs", "use crate::web::session::Visitor;").is_empty());
}
