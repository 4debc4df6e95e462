//! A server's sessions kept in memory on PostgreSQL, forgotten as soon as
//! the database says they changed.
//!
//! Every signed-in request reads its session with its account and profile
//! (one statement). On PostgreSQL that statement is a round trip to the
//! database server, the largest part of a kept page's cost, so a server
//! keeps what it read. Triggers (migration 0018) notify every server on
//! [`CHANNEL`] of each session, account and profile that changes, and of
//! any change to the reporting lines; a listening connection forgets
//! those. This server's own writes forget what they touched as they commit
//! ([`crate::sql::WriteTx`]), so a person reads their own write at once;
//! other servers see it when the notice arrives, milliseconds later.
//!
//! While the listener is not connected nothing is kept or served: a server
//! that could miss a notice reads every session from the database. A
//! connection can also die without a word (a network cut), so each server
//! sends a notice to all every [`BEAT`]; a listener that hears nothing for
//! [`SILENCE`] stops serving and connects again. A read that raced a change
//! is not kept: each forgetting advances a generation, and a read is kept
//! only if none happened since it began.

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use sqlx::postgres::PgListener;
use sqlx::AnyPool;

use crate::{AccountId, LoadedSession, PersonId};

/// The channel the triggers of migration 0018 notify.
pub(crate) const CHANNEL: &str = "leap_sessions";

/// Sessions kept at most: the people active at once on a large server.
const KEPT: NonZeroUsize = match NonZeroUsize::new(4096) {
    Some(n) => n,
    None => NonZeroUsize::MIN,
};

/// How long the listener waits before connecting again.
const RETRY: Duration = Duration::from_millis(500);

/// How often a server tells every server's listener it is still heard.
const BEAT: Duration = Duration::from_secs(1);

/// How long a listener hears nothing before it stops trusting its
/// connection.
const SILENCE: Duration = Duration::from_secs(3);

/// What one session read finds: a kept session, or a read to make, with
/// the ticket that lets its result be kept (none while not listening).
pub(crate) enum Lookup {
    Kept(Box<LoadedSession>),
    Read(Option<Ticket>),
}

/// The generation a read began in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ticket(u64);

struct State {
    /// Whether the listener is connected and listening.
    listening: bool,
    /// Advanced by every forgetting.
    generation: u64,
    sessions: lru::LruCache<String, LoadedSession>,
}

/// The kept sessions, shared by the store, its write transactions and the
/// listener.
pub(crate) struct KeptSessions {
    state: Mutex<State>,
}

impl KeptSessions {
    fn new() -> Self {
        Self {
            state: Mutex::new(State {
                listening: false,
                generation: 0,
                sessions: lru::LruCache::new(KEPT),
            }),
        }
    }

    // The state stays consistent under any panic (each change is one
    // step), so a poisoned lock is used as it is: forgetting must never be
    // skipped.
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The session `id` unexpired at `now` if it is kept.
    pub(crate) fn lookup(&self, id: &str, now: i64) -> Lookup {
        let mut state = self.state();
        if !state.listening {
            return Lookup::Read(None);
        }
        match state.sessions.get(id) {
            Some(kept) if kept.record.expires_at > now => Lookup::Kept(Box::new(kept.clone())),
            Some(_) => {
                state.sessions.pop(id);
                Lookup::Read(Some(Ticket(state.generation)))
            }
            None => Lookup::Read(Some(Ticket(state.generation))),
        }
    }

    /// Keeps what a read found, unless anything was forgotten since it
    /// began.
    pub(crate) fn keep(&self, ticket: Ticket, id: &str, loaded: &LoadedSession) {
        let mut state = self.state();
        if state.listening && state.generation == ticket.0 {
            state.sessions.put(id.to_owned(), loaded.clone());
        }
    }

    fn forget_where(&self, gone: impl Fn(&str, &LoadedSession) -> bool) {
        let mut state = self.state();
        state.generation += 1;
        let ids: Vec<String> = state
            .sessions
            .iter()
            .filter(|(id, kept)| gone(id, kept))
            .map(|(id, _)| id.clone())
            .collect();
        for id in ids {
            state.sessions.pop(&id);
        }
    }

    pub(crate) fn forget_session(&self, id: &str) {
        let mut state = self.state();
        state.generation += 1;
        state.sessions.pop(id);
    }

    pub(crate) fn forget_account(&self, account: AccountId) {
        self.forget_where(|_, kept| {
            kept.account
                .as_ref()
                .is_some_and(|a| a.account.id == account)
        });
    }

    pub(crate) fn forget_person(&self, person: PersonId) {
        self.forget_where(|_, kept| {
            kept.account
                .as_ref()
                .is_some_and(|a| a.account.person == Some(person))
        });
    }

    pub(crate) fn forget_all(&self) {
        let mut state = self.state();
        state.generation += 1;
        state.sessions.clear();
    }

    /// Forgets what a notice names; a notice not understood forgets all.
    fn notice(&self, payload: &str) {
        let (kind, what) = payload.split_once(':').unwrap_or((payload, ""));
        match (kind, what.parse::<i64>()) {
            ("beat", _) => {}
            ("s", _) if !what.is_empty() => self.forget_session(what),
            ("a", Ok(id)) => self.forget_account(AccountId(id)),
            ("p", Ok(id)) => self.forget_person(PersonId(id)),
            _ => self.forget_all(),
        }
    }

    fn set_listening(&self, listening: bool) {
        let mut state = self.state();
        state.listening = listening;
        state.generation += 1;
        state.sessions.clear();
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.state().sessions.len()
    }
}

/// The kept sessions, the task listening for changes to them and the one
/// sending beats; dropping it (or [`SessionCache::stop`]) ends both.
pub(crate) struct SessionCache {
    kept: Arc<KeptSessions>,
    tasks: [tokio::task::AbortHandle; 2],
}

impl SessionCache {
    /// Starts listening at `url`, and beating over `pool`; none outside an
    /// async runtime.
    pub(crate) fn start(url: &str, pool: &AnyPool) -> Option<Self> {
        let runtime = tokio::runtime::Handle::try_current().ok()?;
        let kept = Arc::new(KeptSessions::new());
        let listener = runtime.spawn(listen(url.to_owned(), kept.clone()));
        let beats = runtime.spawn(beat(pool.clone()));
        Some(Self {
            kept,
            tasks: [listener.abort_handle(), beats.abort_handle()],
        })
    }

    pub(crate) fn kept(&self) -> &Arc<KeptSessions> {
        &self.kept
    }

    pub(crate) fn stop(&self) {
        for task in &self.tasks {
            task.abort();
        }
        self.kept.set_listening(false);
    }
}

impl Drop for SessionCache {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Serves nothing from the moment the listener ends, however it ends (an
/// abort, or the runtime shutting down).
struct Deaf(Arc<KeptSessions>);

impl Drop for Deaf {
    fn drop(&mut self) {
        self.0.set_listening(false);
    }
}

async fn listen(url: String, kept: Arc<KeptSessions>) {
    let _deaf = Deaf(kept.clone());
    loop {
        if let Ok(Ok(mut listener)) = tokio::time::timeout(SILENCE, connect(&url)).await {
            kept.set_listening(true);
            // `Ok(None)`: the connection was lost, and notices with it. A
            // listener cut off while waiting is dropped, never used again.
            while let Ok(Ok(Some(notice))) =
                tokio::time::timeout(SILENCE, listener.try_recv()).await
            {
                kept.notice(notice.payload());
            }
            kept.set_listening(false);
        }
        tokio::time::sleep(RETRY).await;
    }
}

async fn connect(url: &str) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect(url).await?;
    // A lost connection ends this listener; `listen` makes the next.
    listener.eager_reconnect(false);
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

/// Tells every listener, this server's too, that its connection still
/// carries notices.
async fn beat(pool: AnyPool) {
    loop {
        tokio::time::sleep(BEAT).await;
        // A beat that fails is a beat not heard: that is its message.
        let _ = sqlx::query("SELECT pg_notify($1, 'beat')")
            .bind(CHANNEL)
            .execute(&pool)
            .await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Account, AccountProfile, SessionRecord};

    fn session(account: i64, person: i64, expires_at: i64) -> LoadedSession {
        LoadedSession {
            record: SessionRecord {
                data: "{}".to_owned(),
                expires_at,
            },
            account: Some(AccountProfile {
                account: Account {
                    id: AccountId(account),
                    username: format!("user{account}@example.org"),
                    password_hash: String::new(),
                    is_admin: false,
                    disabled: false,
                    person: Some(PersonId(person)),
                },
                profile: None,
                manages: false,
            }),
        }
    }

    fn listening() -> KeptSessions {
        let kept = KeptSessions::new();
        kept.set_listening(true);
        kept
    }

    fn ticket(kept: &KeptSessions, id: &str) -> Ticket {
        match kept.lookup(id, 0) {
            Lookup::Read(Some(t)) => t,
            Lookup::Read(None) => panic!("no ticket for {id}"),
            Lookup::Kept(_) => panic!("{id} is kept already"),
        }
    }

    fn is_kept(kept: &KeptSessions, id: &str, now: i64) -> bool {
        matches!(kept.lookup(id, now), Lookup::Kept(_))
    }

    #[test]
    fn a_read_is_kept_and_served_until_it_expires() {
        let kept = listening();
        let t = ticket(&kept, "s1");
        kept.keep(t, "s1", &session(1, 10, 100));
        match kept.lookup("s1", 99) {
            Lookup::Kept(s) => assert_eq!(*s, session(1, 10, 100)),
            Lookup::Read(_) => panic!("not kept"),
        }
        assert!(!is_kept(&kept, "s1", 100), "served past its expiry");
        assert_eq!(kept.len(), 0, "an expired session stays kept");
    }

    #[test]
    fn a_read_that_raced_a_change_is_not_kept() {
        let kept = listening();
        let t = ticket(&kept, "s1");
        // A change to anything at all while the read was under way.
        kept.forget_account(AccountId(99));
        kept.keep(t, "s1", &session(1, 10, 100));
        assert!(!is_kept(&kept, "s1", 0));
    }

    #[test]
    fn nothing_is_kept_or_served_while_not_listening() {
        let kept = listening();
        let t = ticket(&kept, "s1");
        kept.keep(t, "s1", &session(1, 10, 100));
        kept.set_listening(false);
        assert!(matches!(kept.lookup("s1", 0), Lookup::Read(None)));
        kept.keep(t, "s1", &session(1, 10, 100));
        kept.set_listening(true);
        assert!(!is_kept(&kept, "s1", 0), "kept from before a gap");
        // A read begun before listening again is not kept either.
        kept.keep(t, "s1", &session(1, 10, 100));
        assert!(!is_kept(&kept, "s1", 0));
    }

    #[test]
    fn each_notice_forgets_what_it_names_and_only_that() {
        let kept = listening();
        let fill = |kept: &KeptSessions| {
            for (id, account, person) in [("s1", 1, 10), ("s2", 1, 10), ("s3", 2, 20)] {
                if let Lookup::Read(Some(t)) = kept.lookup(id, 0) {
                    kept.keep(t, id, &session(account, person, 100));
                }
            }
        };
        let left = |kept: &KeptSessions| -> Vec<&str> {
            ["s1", "s2", "s3"]
                .into_iter()
                .filter(|id| is_kept(kept, id, 0))
                .collect()
        };
        fill(&kept);
        kept.notice("s:s2");
        assert_eq!(left(&kept), ["s1", "s3"]);
        kept.notice("a:1");
        assert_eq!(left(&kept), ["s3"]);
        fill(&kept);
        kept.notice("p:20");
        assert_eq!(left(&kept), ["s1", "s2"]);
        fill(&kept);
        kept.notice("*");
        assert!(left(&kept).is_empty());
        fill(&kept);
        kept.notice("beat");
        assert_eq!(left(&kept), ["s1", "s2", "s3"], "a beat forgets nothing");
        kept.notice("a:not a number");
        assert!(
            left(&kept).is_empty(),
            "a notice not understood forgets all"
        );
    }

    /// On PostgreSQL: a server keeps what it read, forgets what a command
    /// (another program, with no kept sessions) changes, and after losing
    /// its listening connection serves nothing kept until it listens again.
    #[tokio::test]
    async fn a_server_keeps_sessions_forgets_on_notice_and_listens_again() {
        use crate::{AccountStore, PoolSize, SqlStore};
        if !crate::testing::on_postgres() {
            // An SQLite file has one server, and keeps no sessions.
            return;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let (server, _, location) = crate::testing::store_with_profile(&dir.path().join("leap.db"))
            .await
            .expect("store");
        let account = crate::testing::signed_in(&server, "s1", 2_000)
            .await
            .expect("signed in");
        let kept = server.kept_sessions().expect("a server keeps sessions");
        let command = SqlStore::open_with(location, PoolSize::One)
            .await
            .expect("a command's store");
        assert!(
            command.kept_sessions().is_none(),
            "a command keeps sessions"
        );

        async fn wait(what: &str, done: impl Fn() -> bool) {
            for _ in 0..500 {
                if done() {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            panic!("never {what}");
        }
        let listening = || matches!(kept.lookup("s1", 1_000), Lookup::Read(Some(_)));
        let read_and_kept = || async {
            server.session_load("s1", 1_000).await.expect("read");
            kept.len() == 1
        };

        wait("listening", listening).await;
        assert!(read_and_kept().await);
        assert!(matches!(kept.lookup("s1", 1_000), Lookup::Kept(_)));

        // A command changes the session behind the server's back.
        let changed = crate::SessionRecord {
            data: "{\"n\":1}".into(),
            expires_at: 2_000,
        };
        command
            .session_save("s1", Some(account), &changed)
            .await
            .expect("save");
        wait("the change forgotten", || kept.len() == 0).await;
        let read = server.session_load("s1", 1_000).await.expect("read");
        assert_eq!(read.map(|s| s.record), Some(changed));

        // The listening connection is cut.
        assert_eq!(kept.len(), 1);
        sqlx::query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND query LIKE 'LISTEN%'",
        )
        .execute(command.pool())
        .await
        .expect("cut the listener");
        wait("the kept sessions dropped", || kept.len() == 0).await;
        wait("listening again", listening).await;
        assert!(read_and_kept().await, "not kept once listening again");
        server.close().await.expect("close");
        assert!(
            matches!(kept.lookup("s1", 1_000), Lookup::Read(None)),
            "a closed store keeps serving"
        );
    }
}
