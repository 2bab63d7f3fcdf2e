-- OrleansRealtime runtime schema for PostgreSQL. Idempotent: running it again changes nothing.
-- The PostgreSQL providers embed this file and run it on first use (under an advisory lock, so silos
-- starting together do not race). Tables are created in the first schema of the search_path.

-- Grain state: one row per (state name, grain id). version is the etag (1, 2, 3...); a clear keeps the row
-- with a NULL payload (a tombstone) so a writer holding an older etag still conflicts.
CREATE TABLE IF NOT EXISTS grain_state (
    state_name text        NOT NULL,
    grain_id   text        NOT NULL,
    grain_type text        NOT NULL,
    payload    bytea       NULL,
    version    bigint      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (state_name, grain_id)
);

-- Reminders: one row per (grain id, reminder name). grain_hash is the unsigned 32-bit StableHash of the
-- grain id (0..4294967295, hence bigint), read by range. Ticks fall at start_at + n * period_ms.
-- version is the row's etag, drawn from reminder_etags on every upsert: never reused, so the etag of a
-- removed reminder cannot match (and remove) a reminder registered later under the same name.
CREATE SEQUENCE IF NOT EXISTS reminder_etags;

CREATE TABLE IF NOT EXISTS reminders (
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    grain_hash    bigint      NOT NULL CHECK (grain_hash BETWEEN 0 AND 4294967295),
    start_at      timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    version       bigint      NOT NULL,
    PRIMARY KEY (grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS ix_reminders_grain_hash ON reminders (grain_hash);
