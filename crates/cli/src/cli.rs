//! The command line: every command and option of `leap`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "leap",
    version,
    about = "Your next career move, measured against a competency framework: readiness, gaps, a plan and the evidence. Ships with one for moving from technical IT roles into IT management; bring your own for any field.",
    long_about = "leap helps you decide whether management is for you, see how far you are from the role you want, plan what to do about it and keep the evidence that you did.\n\nStart with `leap init --current ROLE --target ROLE`, then `leap fit`, `leap assess`, `leap gap`, `leap plan generate`, and `leap log` as you go. `leap status` shows where you stand."
)]
pub struct Cli {
    /// The database file [default: $XDG_DATA_HOME/leap/leap.db]
    #[arg(long, global = true, env = "LEAP_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// A PostgreSQL database instead of the file (postgres://USER:PASSWORD@HOST:PORT/DATABASE);
    /// takes precedence over --db
    #[arg(long, global = true, env = "LEAP_DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,

    /// Take this date as today (YYYY-MM-DD), for back-dating and reproducible output
    #[arg(long, global = true, env = "LEAP_TODAY", value_name = "DATE")]
    pub today: Option<String>,

    /// The config file of options set once [default: $XDG_CONFIG_HOME/leap/config.toml]
    #[arg(long, global = true, env = "LEAP_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

/// How `serve` writes its log.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// Where the links leap makes point, and how feedback invitations go out:
/// the options of `serve` and `feedback request`.
#[derive(Args, Debug, Clone, Default)]
pub struct MailArgs {
    /// The address raters and calendar apps reach leap at, for the links leap makes
    /// [default: leap serve's own address; http://127.0.0.1:7878 for feedback request]
    #[arg(long, env = "LEAP_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,

    /// Send feedback invitations through this SMTP server (smtps://USER:PASSWORD@HOST,
    /// or smtp://USER:PASSWORD@HOST:587?tls=required); without it, leap shows the links to copy
    #[arg(long, env = "LEAP_SMTP_URL", value_name = "URL")]
    pub smtp_url: Option<String>,

    /// The sender of invitations, as ADDRESS or "NAME <ADDRESS>" (needed with --smtp-url)
    #[arg(long, env = "LEAP_MAIL_FROM", value_name = "FROM")]
    pub mail_from: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create your profile: where you are and where you want to go
    Init(InitArgs),
    /// Change your target role
    Target {
        /// A role id of the framework (see `leap framework show`)
        role: String,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// Validate, export, show or switch the competency framework
    #[command(subcommand)]
    Framework(FrameworkCommand),
    /// The fit check: is management right for you, or the technical track?
    Fit(FitArgs),
    /// Rate yourself against every competency (a dated snapshot; history is kept)
    Assess(AssessArgs),
    /// Readiness and gaps for your target role
    Gap(GapArgs),
    /// Your development plan
    Plan(PlanArgs),
    /// 360 feedback: ask your manager, peers, direct reports and others to rate you
    #[command(subcommand)]
    Feedback(FeedbackCommand),
    /// Record a piece of evidence in your journal
    Log(LogArgs),
    /// List your journal
    Journal(JournalArgs),
    /// Opportunities you apply for or consider, and interview debriefs
    #[command(subcommand)]
    Opp(OppCommand),
    /// Contacts, follow-ups and networking
    #[command(subcommand)]
    Contact(ContactCommand),
    /// A check-in: re-rate what changed, reflect, review the plan
    Checkin(CheckinArgs),
    /// What is due this week: plan items, follow-ups, next steps, the check-in, open feedback requests
    Today(JsonArg),
    /// Readiness and levels over time, plan items done per month, evidence, the measures of success
    Progress(JsonArg),
    /// Reports to take elsewhere: the promotion packet
    #[command(subcommand)]
    Report(ReportCommand),
    /// Export all of your data as one JSON document (docs/export-format.md), or the agenda with `ics`
    Export(ExportArgs),
    /// Bring in a document `leap export` wrote, into a new database or a new account
    Import(ImportArgs),
    /// Where you stand, on one screen
    Status(JsonArg),
    /// Fill an empty database with a realistic demo person, or with --people a whole synthetic organisation
    Demo(DemoArgs),
    /// Start the web application on the same database
    Serve(ServeArgs),
    /// Write a consistent copy of the database to FILE, even while `leap serve` runs
    Backup {
        file: PathBuf,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// Restore a backup into the database, which must be new or empty (stop `leap serve` first)
    Restore {
        file: PathBuf,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// Manage the web application's accounts
    #[command(subcommand)]
    User(UserCommand),
    /// The organisation: teams, people and reporting lines (an admin's work on a server)
    #[command(subcommand)]
    Org(OrgCommand),
    /// The succession bench: the organisation's candidates for each management role; and the roles you ask to be considered for
    Bench(BenchArgs),
    /// Your team, when the account linked to your profile manages people: each person as far as they share, the team as a whole, the gaps they share; and rating a direct report
    Team(TeamArgs),
    /// One-to-ones with your manager or your direct reports: the agenda from what the report shares, items and notes only the two read
    #[command(name = "one-to-ones")]
    OneToOnes(OneToOneArgs),
    /// Print a completion script for your shell (see the README's install section)
    Completions {
        /// bash, zsh, fish, powershell or elvish
        shell: clap_complete::Shell,
    },
    /// Print leap's manual page (roff), or with --dir write one page per command for `man`
    Man {
        /// Write leap.1 and a page per command (leap-plan.1, ...) into this directory
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
pub enum FeedbackCommand {
    /// Ask for feedback: each rater gets a link of their own (by e-mail with --smtp-url)
    Request(FeedbackRequestArgs),
    /// Your feedback requests
    List(JsonArg),
    /// How many have answered, per group (never who)
    Status {
        /// The request [default: the latest]
        id: Option<i64>,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// The results of a closed request: only groups with enough answers are shown
    Results {
        /// The request [default: the latest closed one]
        id: Option<i64>,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// Close a request before its closing date: answers stop, results open
    Close {
        id: i64,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// Raise a request's minimum answers per group (only before anyone answers)
    Minimums {
        id: i64,
        #[command(flatten)]
        minimums: MinimumArgs,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Debug)]
pub struct FeedbackRequestArgs {
    /// A rater, as GROUP:NAME or "GROUP:NAME <EMAIL>"; GROUP is manager, peer, direct-report or other (repeat)
    #[arg(long = "rater", value_name = "RATER", required = true)]
    pub raters: Vec<String>,
    /// A competency to ask about (repeat) [default: those your target role expects]
    #[arg(long = "competency", value_name = "ID")]
    pub competencies: Vec<String>,
    /// The last day raters can answer (YYYY-MM-DD)
    #[arg(long)]
    pub closes: String,
    #[command(flatten)]
    pub minimums: MinimumArgs,
    #[command(flatten)]
    pub mail: MailArgs,
    /// Print the result as JSON (the shapes are in the README)
    #[arg(long)]
    pub json: bool,
}

/// Minimum answers per group before its results show; only upward from
/// the defaults (manager 1, others 3).
#[derive(Args, Debug)]
pub struct MinimumArgs {
    /// Answers from managers needed before theirs show (at least 1, the default)
    #[arg(long, value_name = "N")]
    pub min_manager: Option<i64>,
    /// Answers from peers needed before theirs show (at least 3, the default)
    #[arg(long, value_name = "N")]
    pub min_peer: Option<i64>,
    /// Answers from direct reports needed before theirs show (at least 3, the default)
    #[arg(long, value_name = "N")]
    pub min_direct_report: Option<i64>,
    /// Answers from others needed before theirs show (at least 3, the default)
    #[arg(long, value_name = "N")]
    pub min_other: Option<i64>,
}

impl MinimumArgs {
    pub fn given(&self) -> Vec<(leap_core::feedback::Group, i64)> {
        use leap_core::feedback::Group;
        [
            (Group::Manager, self.min_manager),
            (Group::Peer, self.min_peer),
            (Group::DirectReport, self.min_direct_report),
            (Group::Other, self.min_other),
        ]
        .into_iter()
        .filter_map(|(g, v)| v.map(|v| (g, v)))
        .collect()
    }
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Generate a synthetic organisation of this many people, each with an account
    #[arg(long)]
    pub people: Option<i64>,
    /// The seed: the same seed gives the same organisation
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Journal entries per generated person
    #[arg(long, default_value_t = 20)]
    pub entries_per_person: i64,
    /// Print the result as JSON (the shapes are in the README)
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address and port to listen on [default: 127.0.0.1:7878]
    #[arg(long, env = "LEAP_ADDR")]
    pub addr: Option<String>,
    /// Mark cookies Secure (and send HSTS): set when leap is served over HTTPS
    #[arg(long, env = "LEAP_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Trust the last X-Forwarded-For hop as the client address: only behind a reverse proxy that sets it
    #[arg(long, env = "LEAP_TRUSTED_PROXY")]
    pub trusted_proxy: bool,
    /// The log on standard error: text for people, or json (one object per line) for log collectors
    #[arg(long, env = "LEAP_LOG_FORMAT", value_enum, value_name = "FORMAT")]
    pub log_format: Option<LogFormat>,
    /// Serve Prometheus metrics at /metrics to a scraper sending this token (Authorization: Bearer); without it, no /metrics
    #[arg(
        long,
        env = "LEAP_METRICS_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub metrics_token: Option<String>,
    /// HTTP connections open at once, 1 to 100000; at the bound those idle for half a second close, and further clients wait to be accepted [default: 128]
    #[arg(long, env = "LEAP_MAX_CONNECTIONS", value_name = "N")]
    pub max_connections: Option<i64>,
    /// Close an HTTP connection that sends no request for this many seconds, 1 to 3600 [default: 20]
    #[arg(long, env = "LEAP_KEEP_ALIVE", value_name = "SECONDS")]
    pub keep_alive: Option<i64>,
    #[command(flatten)]
    pub mail: MailArgs,
    #[command(flatten)]
    pub oidc: OidcArgs,
}

/// A switch on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnOff {
    On,
    Off,
}

impl OnOff {
    pub fn on(self) -> bool {
        self == Self::On
    }
}

/// Single sign-on with the organisation's OpenID Connect provider.
#[derive(clap::Args, Debug, Default)]
pub struct OidcArgs {
    /// Sign people in with this OpenID Connect provider (its issuer URL, e.g. https://login.example.org/realms/staff); needs --oidc-client-id and --oidc-client-secret
    #[arg(long, env = "LEAP_OIDC_ISSUER", value_name = "URL")]
    pub oidc_issuer: Option<String>,
    /// The client id the provider gave leap
    #[arg(long, env = "LEAP_OIDC_CLIENT_ID", value_name = "ID")]
    pub oidc_client_id: Option<String>,
    /// The client secret the provider gave leap
    #[arg(
        long,
        env = "LEAP_OIDC_CLIENT_SECRET",
        value_name = "SECRET",
        hide_env_values = true
    )]
    pub oidc_client_secret: Option<String>,
    /// The provider's name on the sign-in button ("Sign in with NAME") [default: single sign-on]
    #[arg(long, env = "LEAP_OIDC_NAME", value_name = "NAME")]
    pub oidc_name: Option<String>,
    /// Take the provider's e-mail addresses as verified: only for a provider whose addresses are all your organisation's own and that sends no email_verified claim (Microsoft Entra ID)
    #[arg(long, env = "LEAP_OIDC_TRUST_EMAIL")]
    pub oidc_trust_email: bool,
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create an account (the password comes from LEAP_PASSWORD or a prompt)
    Add {
        username: String,
        /// Make the account an administrator
        #[arg(long)]
        admin: bool,
        /// Give this account the command line's profile (see the README)
        #[arg(long)]
        link_local: bool,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// List the accounts
    List(JsonArg),
    /// Set an account's password (from LEAP_PASSWORD or a prompt), sign it out everywhere and revoke its API tokens
    SetPassword {
        username: String,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// Disable an account and sign it out everywhere
    Disable {
        username: String,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// Enable a disabled account
    Enable {
        username: String,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// Make an account an administrator, or with --remove no longer one (the last administrator stays)
    Admin {
        username: String,
        /// Remove it as administrator instead
        #[arg(long)]
        remove: bool,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// How people sign in: show it, or change it (turning local passwords back on is the way in when single sign-on fails)
    SignIn {
        /// Usernames and passwords work: on or off (off only from the web, signed in with single sign-on)
        #[arg(long, value_name = "ON|OFF")]
        local_passwords: Option<OnOff>,
        /// Someone the identity provider vouches for gets an account on first sign-in: on or off
        #[arg(long, value_name = "ON|OFF")]
        sso_registration: Option<OnOff>,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// The administrators' audit log, newest first
    Audit {
        /// How many lines
        #[arg(long, default_value_t = 50)]
        limit: i64,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// Create a personal API token for an account and print it (once)
    Token {
        username: String,
        /// A name to recognise the token by
        #[arg(long, default_value = "command line")]
        name: String,
    },
    /// Delete an account and every piece of its data (asks first; --yes does not)
    Delete {
        username: String,
        /// Do not ask for confirmation
        #[arg(long)]
        yes: bool,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum OrgCommand {
    /// Teams, nested as the organisation is
    #[command(subcommand)]
    Team(TeamCommand),
    /// The people of the organisation, with their team and manager
    List(JsonArg),
    /// Add a person, or change one (found by e-mail): name, team and manager
    Set {
        /// Their e-mail; their account is the one with this username
        email: String,
        /// Their name
        #[arg(long)]
        name: String,
        /// Their team (empty: none)
        #[arg(long)]
        team: Option<String>,
        /// Their manager's e-mail (empty: none)
        #[arg(long)]
        manager: Option<String>,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// Remove a person from the organisation (their account and data stay)
    Remove {
        email: String,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// Add or change people from a CSV file (columns email, name, team, manager)
    Import {
        file: PathBuf,
        /// Check the file and report every problem, changing nothing
        #[arg(long)]
        dry_run: bool,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// Write the people as the CSV file `leap org import` reads
    Export {
        /// The file to write (standard output without it)
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// What a person's manager (manager) or every manager above them (line) sees of a part, unless they choose otherwise
    Default {
        /// plan, journal, assessments or feedback
        part: String,
        /// nobody, manager, line, or unset
        reach: String,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// The organisation's defaults
    Defaults(JsonArg),
    /// The smallest group the team view shows a figure about (3 or more); without N, the one set now
    MinGroup {
        /// A whole number from 3 to 50
        n: Option<String>,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum TeamCommand {
    /// Add a team
    Add {
        name: String,
        /// The team it is part of
        #[arg(long)]
        parent: Option<String>,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// Rename a team or move it under another (or to the top with --top)
    Change {
        name: String,
        /// Its new name
        #[arg(long)]
        rename: Option<String>,
        /// The team it becomes part of
        #[arg(long, conflicts_with = "top")]
        parent: Option<String>,
        /// Make it a team of its own, part of none
        #[arg(long)]
        top: bool,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// Remove a team that has no people and no sub-teams
    Remove {
        name: String,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// List the teams
    List(JsonArg),
}

#[derive(Args, Debug)]
pub struct JsonArg {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// The role you hold now (a role id of the framework: `leap framework show` lists them)
    #[arg(long)]
    pub current: String,
    /// The role you want (a role id of the framework)
    #[arg(long)]
    pub target: String,
    /// Your name, as reports show it
    #[arg(long)]
    pub name: Option<String>,
    /// Use this framework file instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub framework: Option<PathBuf>,
    /// Print the result as JSON (the shapes are in the README)
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum FrameworkCommand {
    /// Check a framework file and report every problem with its line and column
    Validate {
        file: PathBuf,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// Print the built-in framework file, to copy and adapt
    Export,
    /// Show the framework in use: tracks, roles, competencies and transitions
    Show(JsonArg),
    /// Switch your profile to a framework file (earlier assessments stay readable)
    Use {
        file: PathBuf,
        /// Your current role in the new framework, if its id differs
        #[arg(long)]
        current: Option<String>,
        /// Your target role in the new framework, if its id differs
        #[arg(long)]
        target: Option<String>,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Debug)]
pub struct FitArgs {
    /// Read the answers from a TOML file ([answers] with statement-id = 1..5) instead of asking
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Print the result as JSON (the shapes are in the README)
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct AssessArgs {
    #[command(subcommand)]
    pub command: Option<AssessCommand>,
    /// Read the levels from a TOML file ([levels] with competency-id = level) instead of asking
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Print the result as JSON (the shapes are in the README)
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum AssessCommand {
    /// Every snapshot so far
    History(JsonArg),
    /// Your manager's latest rating beside your own levels (on a server where your manager rated you)
    Compare(JsonArg),
}

#[derive(Args, Debug)]
pub struct GapArgs {
    /// Another role to measure against (your target is unchanged)
    #[arg(long)]
    pub target: Option<String>,
    /// Print the result as JSON (the shapes are in the README)
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct PlanArgs {
    #[command(subcommand)]
    pub command: Option<PlanCommand>,
    /// Print JSON instead of a table
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum PlanCommand {
    /// Build a plan that closes your gaps, largest first (finished items are kept)
    Generate {
        /// Months the plan spans (1 to 36)
        #[arg(long, default_value_t = 12, allow_negative_numbers = true)]
        horizon_months: i64,
        /// Pieces of work in flight at once, 1 to 6 (default: the last plan's, else 2); a mentor and your network run alongside
        #[arg(long, allow_negative_numbers = true)]
        at_once: Option<i64>,
        /// Build a management plan although your fit check points to the technical track
        #[arg(long)]
        despite_fit: bool,
        /// The month your organisation's financial year starts (april, apr or 4; default: the last plan's; "" to forget it): budget work goes in the budget round, the four months before it
        #[arg(long, value_name = "MONTH")]
        year_starts: Option<String>,
    },
    /// Mark an item done
    Done {
        id: String,
        /// What you did and what came of it
        #[arg(long)]
        note: Option<String>,
    },
    /// Drop an item you will not do
    Drop {
        id: String,
        /// Why
        #[arg(long)]
        note: Option<String>,
    },
    /// Add an item of your own
    Add {
        text: String,
        /// The competencies it develops (repeat the option)
        #[arg(long = "competency", value_name = "ID", required = true)]
        competencies: Vec<String>,
        /// experience, relationship or education
        #[arg(long, default_value = "experience")]
        kind: String,
        /// Due date (YYYY-MM-DD) [default: in 90 days]
        #[arg(long)]
        due: Option<String>,
    },
}

#[derive(Args, Debug)]
pub struct LogArgs {
    /// What you did
    pub text: String,
    /// A competency it shows (repeat the option); without it, leap suggests tags
    #[arg(long = "competency", value_name = "ID")]
    pub competencies: Vec<String>,
    /// experience, relationship, education, feedback or result [default: inferred from the text]
    #[arg(long)]
    pub kind: Option<String>,
    /// When it happened (YYYY-MM-DD) [default: today]
    #[arg(long)]
    pub date: Option<String>,
    /// Does it name a gap (criticism, advice to change)? Then it is kept but not counted as evidence [default: read from the text of feedback]
    #[arg(long, value_name = "yes|no")]
    pub names_gap: Option<String>,
    /// Print the result as JSON (the shapes are in the README)
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct JournalArgs {
    #[command(subcommand)]
    pub command: Option<JournalCommand>,
    /// Only entries tagged to this competency
    #[arg(long)]
    pub competency: Option<String>,
    /// Print the result as JSON (the shapes are in the README)
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum JournalCommand {
    /// Change an entry: its tags (leap learns from them), text, kind or date; what you leave out stays
    Edit(JournalEditArgs),
    /// Delete an entry (asks first; --yes does not)
    Delete {
        /// The entry's number, as `leap journal` lists it
        id: i64,
        /// Do not ask for confirmation
        #[arg(long)]
        yes: bool,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Debug)]
pub struct JournalEditArgs {
    /// The entry's number, as `leap journal` lists it
    pub id: i64,
    /// The competencies it shows, replacing its tags (repeat the option)
    #[arg(long = "competency", value_name = "ID", conflicts_with = "suggest")]
    pub competencies: Vec<String>,
    /// Let leap suggest its tags again from the text
    #[arg(long)]
    pub suggest: bool,
    /// New text
    #[arg(long)]
    pub text: Option<String>,
    /// experience, relationship, education, feedback or result
    #[arg(long)]
    pub kind: Option<String>,
    /// When it happened (YYYY-MM-DD)
    #[arg(long)]
    pub date: Option<String>,
    /// Does it name a gap (criticism, advice to change)? Then it is not counted as evidence [default: as it was, or read again when the kind changes]
    #[arg(long, value_name = "yes|no")]
    pub names_gap: Option<String>,
    /// Print the result as JSON (the shapes are in the README)
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum OppCommand {
    /// Add an opportunity.
    Add(OppAddArgs),
    /// Every opportunity, and what keeps coming up in debriefs.
    List(JsonArg),
    /// Move an opportunity to a stage (and set its next step).
    Move {
        id: i64,
        /// interested, applied, screening, interviewing, offer, accepted,
        /// rejected or withdrawn.
        stage: String,
        /// The day it moved (YYYY-MM-DD); default today.
        #[arg(long)]
        on: Option<String>,
        #[command(flatten)]
        next: NextStepArgs,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// Record an interview debrief.
    Debrief(DebriefArgs),
    /// One opportunity: stages, next step, debriefs and advice for its kind
    /// of company.
    Show {
        id: i64,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Debug)]
pub struct NextStepArgs {
    /// What happens next.
    #[arg(long, value_name = "TEXT")]
    pub next_step: Option<String>,
    /// When (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub next_step_on: Option<String>,
}

#[derive(Args, Debug)]
pub struct OppAddArgs {
    /// The organisation offering the role
    #[arg(long)]
    pub organisation: String,
    /// The role title as advertised.
    #[arg(long)]
    pub title: String,
    /// The framework role it corresponds to (a role id).
    #[arg(long)]
    pub role: Option<String>,
    /// small-growing, mid-size (default) or large-enterprise.
    #[arg(long)]
    pub company_profile: Option<String>,
    /// At your current employer.
    #[arg(long)]
    pub internal: bool,
    /// Where you heard of it: a referral, a job board, a recruiter.
    #[arg(long)]
    pub source: Option<String>,
    /// Default interested.
    #[arg(long)]
    pub stage: Option<String>,
    /// The day it reached that stage (YYYY-MM-DD), for an opening recorded
    /// after the fact; default today.
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    #[command(flatten)]
    pub next: NextStepArgs,
    /// Print the result as JSON (the shapes are in the README)
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct DebriefArgs {
    /// The opportunity.
    pub id: i64,
    /// The day of the interview (YYYY-MM-DD); default today.
    #[arg(long)]
    pub date: Option<String>,
    /// The questions you were asked
    #[arg(long, value_name = "TEXT")]
    pub questions: Option<String>,
    /// What went well
    #[arg(long, value_name = "TEXT")]
    pub went_well: Option<String>,
    /// What went badly
    #[arg(long, value_name = "TEXT")]
    pub went_badly: Option<String>,
    /// The reasons the employer gave.
    #[arg(long, value_name = "TEXT")]
    pub reasons: Option<String>,
    /// After a rejection: the experience the chosen candidate had.
    #[arg(long, value_name = "TEXT")]
    pub chosen_experience: Option<String>,
    /// Competencies the reasons cite (repeat); suggested from the text when
    /// left out.
    #[arg(long = "competency", value_name = "ID")]
    pub competencies: Vec<String>,
    /// Your own answer, yes or no: did you show too much technical skill and
    /// not enough managing of people and resources?
    #[arg(long, value_name = "yes|no")]
    pub too_technical: Option<String>,
    /// Print the result as JSON (the shapes are in the README)
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum ContactCommand {
    /// Add a contact.
    Add(ContactAddArgs),
    /// Every contact, follow-ups due first, with this week's networking.
    List(JsonArg),
    /// Record an interaction with a contact.
    Touch {
        id: i64,
        /// YYYY-MM-DD; default today.
        #[arg(long)]
        date: Option<String>,
        /// meeting, call, message (default), event, introduction or other.
        #[arg(long)]
        kind: Option<String>,
        /// What you talked about, and what to follow up
        #[arg(long)]
        note: Option<String>,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
    /// One contact with every interaction.
    Show {
        id: i64,
        /// Print the result as JSON (the shapes are in the README)
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Debug)]
pub struct ContactAddArgs {
    pub name: String,
    /// Their job title ("Head of finance")
    #[arg(long)]
    pub job_title: Option<String>,
    /// Where they work
    #[arg(long)]
    pub organisation: Option<String>,
    /// co-manager, executive, cross-department, mentor, recruiter,
    /// peer-outside or other (default).
    #[arg(long)]
    pub relationship: Option<String>,
    /// How to reach them.
    #[arg(long)]
    pub reach: Option<String>,
    /// Anything worth remembering about them
    #[arg(long)]
    pub notes: Option<String>,
    /// Follow up after this many days without contact (default 30).
    #[arg(long, value_name = "DAYS")]
    pub cadence_days: Option<String>,
    /// Print the result as JSON (the shapes are in the README)
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct TeamArgs {
    #[command(subcommand)]
    pub command: Option<ReportsCommand>,
    /// Print the result as JSON (the shapes are in the README)
    #[arg(long, global = true)]
    pub json: bool,
}

/// What a manager does for the people who report to them.
#[derive(Subcommand, Debug)]
pub enum ReportsCommand {
    /// Rate a direct report on the level descriptions of their framework (they see it beside their own)
    Rate {
        /// Their e-mail (their account's username)
        email: String,
        /// A competency and its level: ID=LEVEL (repeat)
        #[arg(long = "level", value_name = "ID=LEVEL", required = true)]
        levels: Vec<String>,
    },
}

#[derive(Args, Debug)]
pub struct OneToOneArgs {
    #[command(subcommand)]
    pub command: Option<OneToOneCommand>,
    /// Print the result as JSON (the shapes are in the README)
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum OneToOneCommand {
    /// Start a one-to-one with a direct report
    Start {
        /// Their e-mail (their account's username)
        email: String,
        /// The day it is held (YYYY-MM-DD; today without it)
        #[arg(long)]
        on: Option<String>,
    },
    /// One one-to-one: its agenda, items and notes
    Show {
        /// The one-to-one's id (`leap one-to-ones` lists them)
        id: i64,
    },
    /// Add something to talk about, or with --note a note of what was said or agreed
    Add {
        /// The one-to-one's id (`leap one-to-ones` lists them)
        id: i64,
        /// What to talk about, or what was said or agreed
        text: String,
        /// A note of what was said or agreed (else something to talk about)
        #[arg(long)]
        note: bool,
    },
}

#[derive(Args, Debug)]
pub struct BenchArgs {
    #[command(subcommand)]
    pub command: Option<BenchCommand>,
    /// Write the bench as CSV, a line per candidate and role (to standard output, or the file given with --out)
    #[arg(long)]
    pub csv: bool,
    /// The file to write the CSV to
    #[arg(long, requires = "csv")]
    pub out: Option<PathBuf>,
    /// Only this team and the teams inside it
    #[arg(long)]
    pub team: Option<String>,
    /// Print the result as JSON (the shapes are in the README)
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum BenchCommand {
    /// The management roles you may ask to be considered for, and those you have
    Roles,
    /// Ask to be considered for a management role (administrators and the managers above you then see your readiness for it)
    Consider {
        /// The role's id (`leap bench roles` lists them)
        role: String,
    },
    /// Withdraw from a role's bench
    Withdraw {
        /// The role's id
        role: String,
    },
}

#[derive(Args, Debug)]
pub struct CheckinArgs {
    #[command(subcommand)]
    pub command: Option<CheckinCommand>,
    /// A competency whose level changed: ID=LEVEL (repeat).
    #[arg(long = "rate", value_name = "ID=LEVEL")]
    pub ratings: Vec<String>,
    /// What went well since the last check-in (read as evidence)
    #[arg(long, value_name = "TEXT")]
    pub went_well: Option<String>,
    /// What went badly (read for the competencies it is about)
    #[arg(long, value_name = "TEXT")]
    pub went_badly: Option<String>,
    /// What you make of your plan now.
    #[arg(long, value_name = "TEXT")]
    pub plan_review: Option<String>,
    /// Print the result as JSON (the shapes are in the README)
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum CheckinCommand {
    /// Every check-in and readiness over time.
    History,
    /// How often check-ins fall due, in days (7 to 182; default 30).
    Every { days: String },
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Your case for the target role: readiness, each competency with its evidence, leadership, development
    Packet {
        /// Another role to make the case for (your target is unchanged)
        #[arg(long)]
        target: Option<String>,
        /// md, html (print-ready) or pdf
        #[arg(long, default_value = "md")]
        format: String,
        /// Write here instead of to standard output (a PDF needs it on a terminal)
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub command: Option<ExportCommand>,
    /// Write the document here instead of to standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file `leap export` wrote.
    pub file: PathBuf,
    /// On a server: the account (without a profile yet) to import into.
    #[arg(long, value_name = "USERNAME")]
    pub account: Option<String>,
    /// Print the result as JSON (the shapes are in the README)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The agenda as an iCalendar file, for a calendar application.
    Ics {
        /// Write here instead of to standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    /// Every command, by its full name (`leap plan generate`).
    fn commands(c: &clap::Command, prefix: &str, out: &mut Vec<(String, clap::Command)>) {
        let name = format!("{prefix} {}", c.get_name()).trim().to_owned();
        out.push((name.clone(), c.clone()));
        for s in c.get_subcommands() {
            commands(s, &name, out);
        }
    }

    /// The definition is consistent (clap's own checks), and every option
    /// says what it does, `--json` included.
    #[test]
    fn every_option_is_described() {
        let cli = Cli::command();
        cli.clone().debug_assert();
        let mut all = Vec::new();
        commands(&cli, "", &mut all);
        let mut bare = Vec::new();
        for (name, c) in &all {
            for a in c.get_arguments() {
                if a.get_long().is_some() && a.get_help().is_none() && a.get_id() != "help" {
                    bare.push(format!("{name} --{}", a.get_id()));
                }
            }
        }
        assert!(bare.is_empty(), "options without a description: {bare:?}");
    }

    /// Every command that prints a result can print it as JSON, but those
    /// whose output is the thing itself (a file's text, a document, a
    /// script, the server's log).
    #[test]
    fn every_result_has_json() {
        const THE_OUTPUT_ITSELF: [&str; 9] = [
            "leap framework export",
            "leap org export",
            "leap export",
            "leap export ics",
            "leap report packet",
            "leap serve",
            "leap user token",
            "leap completions",
            "leap man",
        ];
        let mut cli = Cli::command();
        // Global options reach the subcommands when the command is built.
        cli.build();
        let mut all = Vec::new();
        commands(&cli, "", &mut all);
        let lacking: Vec<&str> = all
            .iter()
            .filter(|(name, c)| {
                c.get_subcommands().next().is_none()
                    && !name.split(' ').any(|w| w == "help")
                    && !THE_OUTPUT_ITSELF.contains(&name.as_str())
                    && !c.get_arguments().any(|a| a.get_id() == "json")
            })
            .map(|(name, _)| name.as_str())
            .collect();
        assert!(lacking.is_empty(), "commands without --json: {lacking:?}");
    }
}
