//! The `fagbro` command: serve the site (the default), migrate the database, or import
//! the content folder.
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use fagbro::import::{ImportOptions, import_content_with};
use fagbro::telemetry::{self, error_chain};
use fagbro::search::{self, SearchIndex};
use fagbro::accounts::service::{self, NewAccount};
use fagbro::accounts::{Role, password};
use fagbro::audit::Actor;
use fagbro::{Application, Config, db};
use indicatif::{ProgressBar, ProgressStyle};

#[derive(Parser)]
#[command(name = "fagbro", version, about = "Knowledge sharing and e-learning for Norwegian health communities")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (migrates first, and imports content/ into an empty database).
    Serve,
    /// Bring the database schema up to date.
    Migrate,
    /// Import the content folder: new and edited files are written, unchanged ones left alone.
    Import {
        /// The content folder (default: FAGBRO_CONTENT_DIR, else ./content).
        #[arg(long)]
        content: Option<PathBuf>,
        /// A file (as the report names it, relative to the content folder) that wins over
        /// edits made on the website since the last import; repeat for several.
        #[arg(long, value_name = "FILE")]
        overwrite: Vec<String>,
        /// Delete the pages of missing files even when most files are missing.
        #[arg(long)]
        delete_missing: bool,
    },
    /// Rebuild the search index from the database (stop `fagbro serve` first: one writer per index).
    Reindex,
    /// Manage user accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Mail: send a test message through the configured SMTP server.
    Mail {
        #[command(subcommand)]
        command: MailCommand,
    },
}

#[derive(Subcommand)]
enum MailCommand {
    /// Queue a test message to ADDR and send what is due now (FAGBRO_SMTP_URL, FAGBRO_MAIL_FROM).
    Test {
        #[arg(long, value_name = "ADDR")]
        to: String,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user; the password is read from standard input (never a default, never an argument).
    Add {
        #[arg(long)]
        email: String,
        /// The name shown in the editor pages and on course certificates.
        #[arg(long)]
        name: String,
        /// admin, central_editor, local_editor or learner.
        #[arg(long)]
        role: String,
        /// An area a local editor works in (repeat for several).
        #[arg(long = "area")]
        areas: Vec<String>,
    },
    /// Give an existing account another role (the last admin keeps theirs).
    SetRole {
        #[arg(long)]
        email: String,
        /// admin, central_editor, local_editor or learner.
        #[arg(long)]
        role: String,
        /// An area a local editor works in (repeat for several).
        #[arg(long = "area")]
        areas: Vec<String>,
    },
    /// Set a new password for an existing account, read from standard input; its
    /// sessions end and a sign-in lock is lifted.
    ResetPassword {
        #[arg(long)]
        email: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    telemetry::init();
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => return fail(&error),
    };
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => migrate(config).await,
        Command::Import { content, overwrite, delete_missing } => {
            import(config, content, &ImportOptions { overwrite, delete_missing }).await
        }
        Command::Reindex => reindex(config).await,
        Command::User { command: UserCommand::Add { email, name, role, areas } } => {
            add_user(config, &email, &name, &role, &areas).await
        }
        Command::User { command: UserCommand::SetRole { email, role, areas } } => set_role(config, &email, &role, &areas).await,
        Command::User { command: UserCommand::ResetPassword { email } } => reset_password(config, &email).await,
        Command::Mail { command: MailCommand::Test { to } } => mail_test(config, &to).await,
    }
}

async fn serve(config: Config) -> ExitCode {
    let addr = config.addr.clone();
    let app = match Application::build(config).await {
        Ok(app) => app,
        Err(error) => return fail(&error),
    };
    let host = addr.rsplit_once(':').map_or(addr.as_str(), |(host, _)| host);
    tracing::info!("fagbro serves http://{host}:{}", app.port());
    match app.run_until_stopped().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&error),
    }
}

async fn migrate(config: Config) -> ExitCode {
    if let Err(error) = std::fs::create_dir_all(&config.data_dir) {
        eprintln!("fagbro: cannot create data folder {}: {error}", config.data_dir.display());
        return ExitCode::FAILURE;
    }
    match db::connect_and_migrate(&config.database_url).await {
        Ok(_) => {
            println!("database {} is up to date", db::redact_password(&config.database_url));
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
}

async fn import(config: Config, content: Option<PathBuf>, options: &ImportOptions) -> ExitCode {
    let content_dir = content.unwrap_or_else(|| config.content_dir.clone());
    let db = match open_database(&config).await {
        Ok(db) => db,
        Err(exit) => return exit,
    };
    match import_content_with(&db, &content_dir, options).await {
        Ok(report) => {
            for problem in &report.problems {
                eprintln!("{problem}");
            }
            println!("import of {}: {report}", content_dir.display());
            if report.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
        Err(error) => fail(&error),
    }
}

async fn reindex(config: Config) -> ExitCode {
    let db = match db::connect_and_migrate(&config.database_url).await {
        Ok(db) => db,
        Err(error) => return fail(&error),
    };
    let index = match SearchIndex::open(&config.search_index_dir()) {
        Ok(index) => index,
        Err(error) => return fail(&error),
    };
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} documents ({per_sec}, {eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = Instant::now();
    let result = search::sync::rebuild(&db, &index, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })
    .await;
    bar.finish_and_clear();
    match result {
        Ok(documents) => {
            let seconds = started.elapsed().as_secs_f64();
            let rate = documents as f64 / seconds.max(1e-9);
            println!("indexed {documents} documents in {seconds:.2} s ({rate:.0} documents per second)");
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
}

/// A password from standard input (never an argument: it would show in the process list).
fn read_password(email: &str) -> Result<String, ExitCode> {
    use std::io::{BufRead, IsTerminal};
    if std::io::stdin().is_terminal() {
        eprint!("Password for {email} (at least {} characters): ", password::MIN_LENGTH);
    }
    let mut password = String::new();
    if let Err(error) = std::io::stdin().lock().read_line(&mut password) {
        return Err(fail(&error));
    }
    Ok(password.trim_end_matches(['\r', '\n']).to_owned())
}

async fn set_role(config: Config, email: &str, role: &str, areas: &[String]) -> ExitCode {
    let role = match role.parse::<Role>() {
        Ok(role) => role,
        Err(error) => return fail(&error),
    };
    let db = match open_database(&config).await {
        Ok(db) => db,
        Err(exit) => return exit,
    };
    let result = async {
        let user = service::by_email(&db, email).await?;
        service::change_role(&db, user.id, role, areas, &Actor::system("cli")).await?;
        Ok::<_, service::AccountError>(user)
    }
    .await;
    match result {
        Ok(user) => {
            println!("{} ({}) is now {}", user.email, user.name, role.label());
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
}

async fn reset_password(config: Config, email: &str) -> ExitCode {
    let password = match read_password(email) {
        Ok(password) => password,
        Err(exit) => return exit,
    };
    let db = match open_database(&config).await {
        Ok(db) => db,
        Err(exit) => return exit,
    };
    match service::reset_password(&db, email, &password, &Actor::system("cli")).await {
        Ok(()) => {
            println!("new password set for {email}; its sessions have ended");
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
}

async fn add_user(config: Config, email: &str, name: &str, role: &str, areas: &[String]) -> ExitCode {
    let role = match role.parse::<Role>() {
        Ok(role) => role,
        Err(error) => return fail(&error),
    };
    let password = match read_password(email) {
        Ok(password) => password,
        Err(exit) => return exit,
    };
    let password = password.as_str();
    let db = match open_database(&config).await {
        Ok(db) => db,
        Err(exit) => return exit,
    };
    // Areas are named by the content folder; a new install has none until it is imported.
    if let Err(error) = fagbro::app::import_if_empty(&db, &config).await {
        return fail(&error);
    }
    let actor = Actor::system("cli");
    let new = NewAccount { email, name, password, role, areas };
    match service::create_account(&db, new, &actor).await {
        Ok(user) => {
            println!("created {} ({}) as {}", user.email, user.name, user.role.label());
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
}

async fn mail_test(config: Config, to: &str) -> ExitCode {
    let to = match fagbro::accounts::Email::parse(to) {
        Ok(to) => to,
        Err(error) => return fail(&error),
    };
    let db = match open_database(&config).await {
        Ok(db) => db,
        Err(exit) => return exit,
    };
    let templates = match fagbro::app::load_templates(&config.templates_dir) {
        Ok(templates) => templates,
        Err(error) => return fail(&error),
    };
    let base = config.public_url.clone().unwrap_or_else(|| format!("http://{}", config.addr));
    let mailer = match fagbro::mail::Mailer::new(&config, templates, &base) {
        Ok(mailer) => mailer,
        Err(error) => return fail(&error),
    };
    let id = match fagbro::outbox::enqueue(&db, fagbro::mail::routes::test_message(to.as_str(), "fagbro mail test")).await {
        Ok(Some(id)) => id,
        Ok(None) => return ExitCode::FAILURE,
        Err(error) => return fail(&error),
    };
    let Some(server) = mailer.server.clone() else {
        println!("no SMTP server configured (FAGBRO_SMTP_URL): test message {id} waits in the outbox");
        return ExitCode::FAILURE;
    };
    if let Err(error) = fagbro::mail::deliver_due(&db, &mailer).await {
        return fail(&error);
    }
    match fagbro::outbox::by_id(&db, id).await {
        Ok(Some(message)) if message.status == fagbro::outbox::MailStatus::Sent => {
            println!("test message {id} sent to {to} through {server}");
            ExitCode::SUCCESS
        }
        Ok(message) => {
            let error = message.and_then(|m| m.last_error).unwrap_or_else(|| "not sent".into());
            eprintln!("fagbro: test message {id} to {to} was not sent through {server}: {error} (it stays in the outbox and is tried again)");
            ExitCode::FAILURE
        }
        Err(error) => fail(&error),
    }
}

/// The data folder and the migrated database, or the exit code after saying why not.
async fn open_database(config: &Config) -> Result<sea_orm::DatabaseConnection, ExitCode> {
    if let Err(error) = std::fs::create_dir_all(&config.data_dir) {
        eprintln!("fagbro: cannot create data folder {}: {error}", config.data_dir.display());
        return Err(ExitCode::FAILURE);
    }
    db::connect_and_migrate(&config.database_url).await.map_err(|error| fail(&error))
}

/// One clear line on stderr with the whole cause chain, and exit code 1.
fn fail(error: &(dyn std::error::Error + 'static)) -> ExitCode {
    eprintln!("fagbro: {}", error_chain(error));
    ExitCode::FAILURE
}
