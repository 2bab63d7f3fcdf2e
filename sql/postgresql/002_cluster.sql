-- OrleansRealtime cluster schema for PostgreSQL: membership table and grain directory. Idempotent: running
-- it again changes nothing. The PostgreSQL providers embed this file and run it (after 001_runtime.sql) on
-- first use, under the same advisory lock. Tables are created in the first schema of the search_path.

-- Etags of membership rows and table versions: every write takes a new one, so an etag is never reused,
-- not even after a cluster's rows were deleted and its table initialized again.
CREATE SEQUENCE IF NOT EXISTS membership_etags;

-- The table version of each cluster: the compare-and-swap point of every membership change. A change
-- updates this row (WHERE etag = <the etag read> AND version < <the proposed version>) and the silo's row in
-- one transaction; of writers that read the same version exactly one succeeds. Heartbeats do not touch it.
CREATE TABLE IF NOT EXISTS membership_version (
    cluster_id text        NOT NULL PRIMARY KEY,
    version    integer     NOT NULL,
    etag       bigint      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per silo process. silo_address is 'address:port@generation' (a restarted process is a new
-- generation, so a new row). status: 2 joining, 3 active, 4 shutting down, 6 dead (Orleans' numbers); a dead
-- row never changes status again. gateway_port 0: no gateway. suspect_times: 'silo,time|silo,time' or NULL.
-- i_am_alive_time is the heartbeat, written by the silo's clock. etag changes on every write of the row,
-- heartbeats included.
CREATE TABLE IF NOT EXISTS membership (
    cluster_id      text        NOT NULL REFERENCES membership_version (cluster_id) ON DELETE CASCADE,
    silo_address    text        NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    gateway_port    integer     NOT NULL,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    etag            bigint      NOT NULL,
    PRIMARY KEY (cluster_id, silo_address)
);

-- Grain directory: which activation of a grain is the one. The first INSERT ... ON CONFLICT DO NOTHING for a
-- (cluster_id, grain_id) wins; everyone else reads the winner. Rows of a dead silo are deleted by
-- silo_address (indexed) once it is declared dead.
CREATE TABLE IF NOT EXISTS grain_directory (
    cluster_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    silo_address  text        NOT NULL,
    activation_id uuid        NOT NULL,
    registered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (cluster_id, grain_id)
);

CREATE INDEX IF NOT EXISTS ix_grain_directory_silo ON grain_directory (cluster_id, silo_address);
