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
    };
}

} // namespace StacScope
