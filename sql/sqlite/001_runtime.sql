-- OrleansRealtime runtime schema for SQLite (single node). Idempotent: running it again changes nothing.
-- The SQLite providers embed this file and run it on first use; WAL mode is set by the providers, not here.

-- Grain state: one row per (state name, grain id). version is the etag (1, 2, 3...); a clear keeps the row
-- with a NULL payload (a tombstone) so a writer holding an older etag still conflicts.
CREATE TABLE IF NOT EXISTS grain_state (
    state_name TEXT    NOT NULL,
    grain_id   TEXT    NOT NULL,
    grain_type TEXT    NOT NULL,
    payload    BLOB    NULL,
    version    INTEGER NOT NULL,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (state_name, grain_id)
);

-- Reminders: one row per (grain id, reminder name). grain_hash is the unsigned 32-bit StableHash of the
-- grain id (0..4294967295), read by range. Ticks fall at start_at + n * period_ms. start_at is ISO 8601 UTC.
-- version is the row's etag, drawn from reminder_etags (a one-row counter) on every upsert: never reused,
-- so the etag of a removed reminder cannot match (and remove) a reminder registered later under the same name.
CREATE TABLE IF NOT EXISTS reminder_etags (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    last_version INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS reminders (
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    grain_hash    INTEGER NOT NULL CHECK (grain_hash BETWEEN 0 AND 4294967295),
    start_at      TEXT    NOT NULL,
    period_ms     INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS ix_reminders_grain_hash ON reminders (grain_hash);
