-- A server keeps the sessions it has read (each with its account and
-- profile) in memory. Any change to what that read returns tells every
-- server which to forget, on the channel `leap_sessions`: 's:' and a
-- session id, 'a:' and an account id, 'p:' and a person id, or '*' for all.
CREATE FUNCTION leap_session_notice() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_LEVEL = 'STATEMENT' THEN
        PERFORM pg_notify('leap_sessions', '*');
    ELSE
        PERFORM pg_notify('leap_sessions', TG_ARGV[0] || OLD.id::text);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER sessions_notice AFTER UPDATE OR DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION leap_session_notice('s:');
CREATE TRIGGER accounts_notice AFTER UPDATE OR DELETE ON accounts
    FOR EACH ROW EXECUTE FUNCTION leap_session_notice('a:');
CREATE TRIGGER people_notice AFTER UPDATE OR DELETE ON people
    FOR EACH ROW EXECUTE FUNCTION leap_session_notice('p:');
-- Whether an account manages anyone comes from the reporting lines.
CREATE TRIGGER members_notice AFTER INSERT OR UPDATE OR DELETE ON members
    FOR EACH STATEMENT EXECUTE FUNCTION leap_session_notice('*');
CREATE TRIGGER sessions_truncate_notice AFTER TRUNCATE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION leap_session_notice('*');
CREATE TRIGGER accounts_truncate_notice AFTER TRUNCATE ON accounts
    FOR EACH STATEMENT EXECUTE FUNCTION leap_session_notice('*');
CREATE TRIGGER people_truncate_notice AFTER TRUNCATE ON people
    FOR EACH STATEMENT EXECUTE FUNCTION leap_session_notice('*');
CREATE TRIGGER members_truncate_notice AFTER TRUNCATE ON members
    FOR EACH STATEMENT EXECUTE FUNCTION leap_session_notice('*');
