#include "src/store/migrations.h"

using namespace Qt::StringLiterals;

namespace StacScope {

QList<Migration> schemaMigrations()
{
    return {
        // 1: the download queue. AUTOINCREMENT so an id is never reused after a removal (a job may
        // still hold it); `position` orders the queue; states and policies are stable text names.
        // Header values are never stored (they may be secrets), only their names.
        { u"download queue"_s,
            {
                uR"(CREATE TABLE download_queue (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    position INTEGER NOT NULL,
                    url TEXT NOT NULL,
                    target_path TEXT NOT NULL,
                    header_names TEXT NOT NULL DEFAULT '[]',
                    expected_size INTEGER NOT NULL DEFAULT -1,
                    checksum TEXT NOT NULL DEFAULT '',
                    existing_policy TEXT NOT NULL DEFAULT 'fail',
                    name_from_server INTEGER NOT NULL DEFAULT 0,
                    source_id TEXT NOT NULL DEFAULT '',
                    collection TEXT NOT NULL DEFAULT '',
                    item_id TEXT NOT NULL DEFAULT '',
                    asset_key TEXT NOT NULL DEFAULT '',
                    title TEXT NOT NULL DEFAULT '',
                    state TEXT NOT NULL DEFAULT 'queued',
                    received INTEGER NOT NULL DEFAULT 0,
                    total INTEGER NOT NULL DEFAULT -1,
                    etag BLOB,
                    last_modified BLOB,
                    error TEXT NOT NULL DEFAULT '',
                    attempts INTEGER NOT NULL DEFAULT 0,
                    added TEXT,
                    finished TEXT
                ))"_s,
                u"CREATE INDEX download_queue_position ON download_queue (position, id)"_s,
            } },
        // 2: tasks whose URL is a provider's link endpoint (the signed link itself is never stored).
        { u"provider links"_s,
            {
                u"ALTER TABLE download_queue ADD COLUMN link_from_provider INTEGER NOT NULL DEFAULT 0"_s,
            } },
        // 3: the request monitor: providers' tasks, tasking and repeat requests and orders, one row
        // per (account, kind, remote id); kinds are stable text names ("capella-tasking"). The
        // history is its own table, oldest first by id. Delivery ids already handed over are a JSON
        // list, so an automatic download is never queued twice.
        { u"request monitor"_s,
            {
                uR"(CREATE TABLE monitored_requests (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    account_id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    remote_id TEXT NOT NULL,
                    provider TEXT NOT NULL,
                    name TEXT NOT NULL DEFAULT '',
                    description TEXT NOT NULL DEFAULT '',
                    status TEXT NOT NULL DEFAULT '',
                    is_final INTEGER NOT NULL DEFAULT 0,
                    needs_action INTEGER NOT NULL DEFAULT 0,
                    window_start TEXT,
                    window_end TEXT,
                    submitted TEXT,
                    cost TEXT NOT NULL DEFAULT '',
                    added TEXT,
                    last_polled TEXT,
                    next_poll TEXT,
                    failures INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT NOT NULL DEFAULT '',
                    auto_download INTEGER NOT NULL DEFAULT 0,
                    download_folder TEXT NOT NULL DEFAULT '',
                    queued_deliveries TEXT NOT NULL DEFAULT '[]',
                    deliveries_done INTEGER NOT NULL DEFAULT 0,
                    raw_json TEXT NOT NULL DEFAULT '{}',
                    UNIQUE (account_id, kind, remote_id)
                ))"_s,
                uR"(CREATE TABLE monitored_request_history (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    request_id INTEGER NOT NULL REFERENCES monitored_requests (id) ON DELETE CASCADE,
                    status TEXT NOT NULL,
                    time TEXT,
                    message TEXT NOT NULL DEFAULT ''
                ))"_s,
                u"CREATE INDEX monitored_request_history_request ON monitored_request_history (request_id, id)"_s,
            } },
        // 4: a request the provider derived from another one (a Capella repeat request's tasking
        // requests) names its parent's remote id ('' for a request of its own); a parent keeps the
        // ids of derived requests the user stopped following (a JSON list), so they stay away.
        { u"derived requests"_s,
            {
                u"ALTER TABLE monitored_requests ADD COLUMN parent_id TEXT NOT NULL DEFAULT ''"_s,
                u"ALTER TABLE monitored_requests ADD COLUMN dismissed_children TEXT NOT NULL DEFAULT '[]'"_s,
            } },
        // 5: unpacking a downloaded ZIP: '' (no), 'pending', 'done', 'failed', with the folder it
        // went to or why it did not.
        { u"unpack downloads"_s,
            {
                u"ALTER TABLE download_queue ADD COLUMN unpack TEXT NOT NULL DEFAULT ''"_s,
                u"ALTER TABLE download_queue ADD COLUMN unpack_detail TEXT NOT NULL DEFAULT ''"_s,
            } },
        // 6: the areas of interest, in list order; kinds are stable text names ("rectangle"),
        // geometries GeoJSON; one row at most is active.
        { u"areas of interest"_s,
            {
                uR"(CREATE TABLE aois (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    geometry TEXT NOT NULL,
                    visible INTEGER NOT NULL DEFAULT 1,
                    active INTEGER NOT NULL DEFAULT 0
                ))"_s,
            } },
        // 7: saved searches (catalogs as a JSON list of CatalogSource ids, the parameters as
        // SearchParametersJson), the results each one's last run returned (so the next run can tell
        // what is new), and the search history, newest kept.
        { u"saved searches and history"_s,
            {
                uR"(CREATE TABLE saved_searches (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE,
                    catalogs TEXT NOT NULL DEFAULT '[]',
                    parameters TEXT NOT NULL DEFAULT '{}',
                    max_items INTEGER NOT NULL DEFAULT 0,
                    created TEXT,
                    last_run TEXT
                ))"_s,
                uR"(CREATE TABLE saved_search_seen (
                    search_id INTEGER NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
                    catalog TEXT NOT NULL,
                    collection TEXT NOT NULL,
                    item_id TEXT NOT NULL,
                    PRIMARY KEY (search_id, catalog, collection, item_id)
                ) WITHOUT ROWID)"_s,
                uR"(CREATE TABLE search_history (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    time TEXT NOT NULL,
                    catalogs TEXT NOT NULL DEFAULT '[]',
                    parameters TEXT NOT NULL DEFAULT '{}',
                    max_items INTEGER NOT NULL DEFAULT 0,
                    returned INTEGER NOT NULL DEFAULT 0,
                    matched INTEGER,
                    saved_name TEXT NOT NULL DEFAULT ''
                ))"_s,
            } },
    };
}

} // namespace StacScope
