use clap::{Parser, Subcommand};

// glibc's allocator was a third of a 1,000-member page's time: sqlx's SQLite driver copies
// every value on its worker thread and frees it on another, and the arenas' locks were
// contended (perf, bench-server). mimalloc's thread-local heaps have no such lock.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use org_api_server::{db, demo, Config, Server};

/// The reference server of org-console: the organizations API at /metal/v1 and the
/// built console at /, on one port.
#[derive(Parser)]
#[command(name = "org-api-server", version)]
struct Cli {
    #[command(flatten)]
    config: Config,

    /// Add the demo organizations, users and invitations (once) before serving, and print
    /// the demo accounts.
    #[arg(long, env = "ORG_API_DEMO")]
    demo: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the console (the default).
    Serve,
    /// Add the demo data to the database and exit.
    Seed,
    /// Add an organization with this many members, for benchmarks (adds demo data first).
    SeedLarge {
        #[arg(long, default_value_t = 10_000)]
        members: u32,
    },
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "org_api_server=info,warn".into()),
        )
        .init();
    if let Err(e) = run(Cli::parse()).await {
        eprintln!("org-api-server: {e}");
        std::process::exit(1);
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Seed => {
            let pool = db::Pool::open(&cli.config.database)
                .await
                .map_err(|e| e.to_string())?;
            seed_demo(&pool).await
        }
        Command::SeedLarge { members } => {
            let pool = db::Pool::open(&cli.config.database)
                .await
                .map_err(|e| e.to_string())?;
            demo::seed(&pool).await.map_err(|e| e.to_string())?;
            let id = demo::seed_large(&pool, members)
                .await
                .map_err(|e| e.to_string())?;
            println!("Created an organization of {members} members: {id}");
            Ok(())
        }
        Command::Serve => {
            let server = Server::bind(&cli.config).await?;
            if cli.demo {
                seed_demo(server.state.store.pool()).await?;
            }
            println!("org-console is running at {}", server.state.public_url);
            server.run(shutdown()).await.map_err(|e| e.to_string())
        }
    }
}

async fn seed_demo(pool: &db::Pool) -> Result<(), String> {
    let added = demo::seed(pool).await.map_err(|e| e.to_string())?;
    println!(
        "{} Demo accounts (organization \"{}\"):",
        if added {
            "Added demo data."
        } else {
            "Demo data is already there."
        },
        demo::MO_TEST
    );
    for a in demo::accounts() {
        println!(
            "  {:<24} password {:<24} {}",
            a.email, a.password, a.role_in_mo_test
        );
    }
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
