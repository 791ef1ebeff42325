//! The `fagbro` command as an operator uses it: migrate, import, and clear failures.
use std::process::{Command, Output};

use crate::helpers::{PostgresDatabase, content_folder, postgres_admin_url};

pub fn fagbro(args: &[&str], database_url: &str, data_dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fagbro"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("FAGBRO_DATA_DIR", data_dir)
        .env("FAGBRO_ADDR", "127.0.0.1:0")
        .env_remove("RUST_LOG")
        .output()
        .expect("run fagbro")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const GOOD: &str = "+++\ntitle = \"Bruk av tolk\"\n+++\nTekst.\n";

fn import_twice_then_report_a_broken_file(database_url: &str) {
    let data = tempfile::tempdir().unwrap();
    let content = content_folder(&[("central/guide/bruk-av-tolk.nb.md", GOOD), ("ahus/news/nytt.nb.md", GOOD)]);
    let dir = content.path().to_str().unwrap();

    let migrate = fagbro(&["migrate"], database_url, data.path());
    assert!(migrate.status.success(), "{}", stderr(&migrate));
    assert!(stdout(&migrate).contains("is up to date"));

    let first = fagbro(&["import", "--content", dir], database_url, data.path());
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stdout(&first).contains("2 created, 0 updated, 0 unchanged, 0 kept as edited on the website, 0 conflicts, 0 removed, 0 failed"), "{}", stdout(&first));
    let second = fagbro(&["import", "--content", dir], database_url, data.path());
    assert!(stdout(&second).contains("0 created, 0 updated, 2 unchanged, 0 kept as edited on the website, 0 conflicts, 0 removed, 0 failed"), "{}", stdout(&second));

    let reindex = fagbro(&["reindex"], database_url, data.path());
    assert!(reindex.status.success(), "{}", stderr(&reindex));
    assert!(stdout(&reindex).contains("indexed 2 documents in "), "{}", stdout(&reindex));
    assert!(stdout(&reindex).contains("documents per second"), "{}", stdout(&reindex));

    std::fs::write(content.path().join("ahus/news/brutt.nb.md"), "+++\ntitle = \"x\"\npublished = \"i går\"\n+++\n").unwrap();
    let broken = fagbro(&["import", "--content", dir], database_url, data.path());
    assert_eq!(broken.status.code(), Some(1), "a failed file makes the exit code non-zero");
    let expected = format!("{dir}/ahus/news/brutt.nb.md:3: published: expected a date such as 2026-11-23");
    assert!(stderr(&broken).contains(&expected), "{}", stderr(&broken));
    assert!(stdout(&broken).contains("0 created, 0 updated, 2 unchanged, 0 kept as edited on the website, 0 conflicts, 0 removed, 1 failed"), "{}", stdout(&broken));
}

#[test]
fn import_from_the_command_line_on_sqlite() {
    let data = tempfile::tempdir().unwrap();
    import_twice_then_report_a_broken_file(&fagbro::config::sqlite_url_for(data.path()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_from_the_command_line_on_postgres() {
    let Some(admin) = postgres_admin_url("import_from_the_command_line_on_postgres") else { return };
    let database = PostgresDatabase::create(&admin).await;
    let url = database.url.clone();
    tokio::task::spawn_blocking(move || import_twice_then_report_a_broken_file(&url)).await.unwrap();
}

#[test]
fn a_database_that_cannot_be_opened_gives_one_clear_line() {
    let data = tempfile::tempdir().unwrap();
    for (args, url) in [
        (&["serve"][..], "postgres://fagbro@127.0.0.1:1/fagbro"),
        (&["migrate"][..], "postgres://fagbro:hemmelig@127.0.0.1:1/fagbro"),
        (&["serve"][..], "sqlite:///finnes/ikke/fagbro.db?mode=rwc"),
        (&["import"][..], "mysql-ish://nope"),
    ] {
        let output = fagbro(args, url, data.path());
        assert_eq!(output.status.code(), Some(1), "{args:?} {url}");
        let err = stderr(&output);
        let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "one line, got:\n{err}");
        assert!(lines[0].starts_with("fagbro: cannot open database "), "{err}");
        assert!(!err.contains("hemmelig"), "the password is not printed: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn a_missing_content_folder_is_named() {
    let data = tempfile::tempdir().unwrap();
    let output = fagbro(&["import", "--content", "/finnes/ikke"], &fagbro::config::sqlite_url_for(data.path()), data.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("fagbro: content folder /finnes/ikke: not a folder"), "{}", stderr(&output));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_starts_an_empty_install_with_the_sample_site() {
    let data = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_fagbro"))
        .env("FAGBRO_DATA_DIR", data.path())
        .env("FAGBRO_ADDR", format!("127.0.0.1:{port}"))
        .env_remove("DATABASE_URL")
        .env_remove("FAGBRO_CONTENT_DIR")
        .env_remove("RUST_LOG")
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(data.path().join("log")).unwrap())
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    let mut health = None;
    for _ in 0..200 {
        if let Ok(response) = client.get(format!("http://127.0.0.1:{port}/healthz")).send().await {
            health = Some(response.status().as_u16());
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let page = client.get(format!("http://127.0.0.1:{port}/innlandet")).send().await.map(|r| r.status().as_u16());
    let _ = server.kill();
    let _ = server.wait();
    assert_eq!(health, Some(200), "fagbro serve answers /healthz");
    assert_eq!(page.ok(), Some(200), "and serves the sample content it imported");
    assert!(data.path().join("fagbro.db").exists(), "the SQLite file is under the data folder");
    let log = std::fs::read_to_string(data.path().join("log")).unwrap();
    let request = log.lines().find(|line| line.contains("path=/innlandet")).unwrap_or_else(|| panic!("one line per request:\n{log}"));
    assert!(request.contains("method=GET") && request.contains("status=200") && request.contains("duration_ms="), "{request}");
    assert!(!log.contains('\u{1b}'), "a log written to a file has no terminal colours");
    assert!(log.contains("no SMTP server configured (FAGBRO_SMTP_URL): mail waits in the outbox"), "the start says mail waits:\n{log}");
}

/// The first admin of a new install comes from the command line, with a password typed
/// on standard input; the web sign-in then works with it.
#[test]
fn the_first_admin_is_made_from_the_command_line() {
    use std::io::Write;
    let data = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}?mode=rwc", data.path().join("fagbro.db").display());
    let user = |args: &[&str], password: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fagbro"))
            .arg("user")
            .args(args)
            .env("DATABASE_URL", &database_url)
            .env("FAGBRO_DATA_DIR", data.path())
            .env_remove("RUST_LOG")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(format!("{password}\n").as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let add = |email: &str, role: &str, areas: &[&str], password: &str| {
        let mut args = vec!["add", "--email", email, "--name", "Ada Admin", "--role", role];
        for area in areas {
            args.extend(["--area", area]);
        }
        user(&args, password)
    };
    let made = add("Ada@Example.no", "admin", &[], "et langt og godt passord");
    assert!(made.status.success(), "{}", stderr(&made));
    assert!(stdout(&made).contains("created ada@example.no (Ada Admin) as Administrator"), "{}", stdout(&made));

    for (email, role, areas, password, complaint) in [
        ("ada@example.no", "admin", &[][..], "et langt og godt passord", "finnes allerede en konto"),
        ("bob@example.no", "admin", &[], "kort", "minst 10 tegn"),
        ("bob@example.no", "superuser", &[], "et langt og godt passord", "unknown role \"superuser\""),
        ("bob@example.no", "local_editor", &[], "et langt og godt passord", "minst ett lokalt område"),
        ("bob@example.no", "local_editor", &["atlantis"], "et langt og godt passord", "«atlantis» finnes ikke"),
        ("bob@", "admin", &[], "et langt og godt passord", "is not an email address"),
    ] {
        let refused = add(email, role, areas, password);
        assert!(!refused.status.success(), "{email} {role} should be refused");
        assert!(stderr(&refused).contains(complaint), "expected {complaint:?} in {}", stderr(&refused));
    }
    let local = add("lokal@example.no", "local_editor", &["vestfold"], "et langt og godt passord");
    assert!(local.status.success(), "{}", stderr(&local));

    // The only admin cannot lose the role, from here or from the web; an existing account
    // gets another role and a new password from the command line.
    let alone = user(&["set-role", "--email", "ada@example.no", "--role", "learner"], "");
    assert!(!alone.status.success());
    assert!(stderr(&alone).contains("ada@example.no er den siste administratoren"), "{}", stderr(&alone));
    let promoted = user(&["set-role", "--email", "LOKAL@example.no", "--role", "admin"], "");
    assert!(promoted.status.success(), "{}", stderr(&promoted));
    assert!(stdout(&promoted).contains("lokal@example.no (Ada Admin) is now Administrator"), "{}", stdout(&promoted));
    let demoted = user(&["set-role", "--email", "ada@example.no", "--role", "local_editor", "--area", "vestfold"], "");
    assert!(demoted.status.success(), "{}", stderr(&demoted));
    let nobody = user(&["set-role", "--email", "ingen@example.no", "--role", "admin"], "");
    assert!(stderr(&nobody).contains("fant ingen bruker med e-postadressen ingen@example.no"), "{}", stderr(&nobody));
    let weak = user(&["reset-password", "--email", "lokal@example.no"], "kort");
    assert!(!weak.status.success() && stderr(&weak).contains("minst 10 tegn"), "{}", stderr(&weak));
    let reset = user(&["reset-password", "--email", "lokal@example.no"], "et helt nytt passord");
    assert!(reset.status.success(), "{}", stderr(&reset));
    assert!(stdout(&reset).contains("new password set for lokal@example.no"), "{}", stdout(&reset));
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let db = fagbro::db::connect_and_migrate(&database_url).await.unwrap();
        assert!(fagbro::accounts::service::sign_in(&db, "lokal@example.no", "et helt nytt passord", None).await.is_ok());
        assert!(fagbro::accounts::service::sign_in(&db, "lokal@example.no", "et langt og godt passord", None).await.is_err());
    });
}
