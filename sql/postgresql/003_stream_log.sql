-- OrleansRealtime stream log for PostgreSQL: the durable items of streams, so that a stream whose silo died
-- re-activates elsewhere with the same epoch and sequence and can still replay what it acknowledged.
-- Idempotent: running it again changes nothing. The PostgreSQL providers embed this file and run it (after
-- 001 and 002) on first use, under the same advisory lock. Tables are created in the first schema of the
-- search_path.

-- One row per stream: where its log stands. epoch is the newest epoch appended to (entries of older epochs
-- are dead and go at the next trim). last_seq is the highest sequence the writer claimed in that epoch: at
-- least every entry's, more when it reserved numbers for items it does not log, and never lowered. Entries
-- of the epoch at or below trimmed_through may have been trimmed; every one above it is held. An append
-- updates this row first, so appends to one stream queue on its row lock; one to an older epoch is refused.
CREATE TABLE IF NOT EXISTS stream_log_head (
    provider         text   NOT NULL,
    stream_namespace text   NOT NULL,
    stream_key       text   NOT NULL,
    epoch            bigint NOT NULL,
    last_seq         bigint NOT NULL,
    trimmed_through  bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (provider, stream_namespace, stream_key)
);

-- The entries: one per logged item, its payload as the producer serialized it. created_at is the stream's
-- clock when it accepted the item (trimming by age uses it). publication_id is the item's own id, when it has
-- one: a stream that re-activates reads the newest ones back, so that a retry of an item its previous
-- activation appended but did not acknowledge is recognized rather than appended twice. The primary key is
-- the item's position, so a retried append of the same item is a no-op and a different item at a taken
-- position is detected.
CREATE TABLE IF NOT EXISTS stream_log (
    provider         text        NOT NULL,
    stream_namespace text        NOT NULL,
    stream_key       text        NOT NULL,
    epoch            bigint      NOT NULL,
    seq              bigint      NOT NULL,
    payload          bytea       NOT NULL,
    created_at       timestamptz NOT NULL,
    publication_id   text,
    PRIMARY KEY (provider, stream_namespace, stream_key, epoch, seq)
);

-- A log created before publication_id existed gains it here. The catalog is asked first because ALTER TABLE
-- takes the table's exclusive lock even when the column is already there, and every process runs this file.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_schema = current_schema() AND table_name = 'stream_log' AND column_name = 'publication_id') THEN
        ALTER TABLE stream_log ADD COLUMN publication_id text;
    END IF;
END
$$;
