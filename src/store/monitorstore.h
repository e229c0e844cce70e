#pragma once

#include <functional>
#include <memory>

#include <QCoreApplication>
#include <QList>
#include <QString>

#include "src/tasking/monitoredrequest.h"

namespace StacScope {

class Database;

// The request monitor's rows in SQLite (tables monitored_requests and monitored_request_history,
// migration 3): one row per (account, kind, remote id), its status history in its own table, the
// provider's last answer as JSON text. No credentials are ever part of a request. Statements are
// prepared once; a poll round's writes go into one transaction().
//
// Uses the Database's connection (same thread); must be destroyed before the Database.
class MonitorStore
{
    Q_DECLARE_TR_FUNCTIONS(StacScope::MonitorStore)

public:
    // `database` must be open before the first call.
    explicit MonitorStore(Database &database);
    ~MonitorStore();
    MonitorStore(const MonitorStore &) = delete;
    MonitorStore &operator=(const MonitorStore &) = delete;

    // Every stored request with its history, in the order they were added.
    QList<MonitoredRequest> loadAll();
    // Inserts the request, or updates the row of its key (whatever `request.id` says), and sets
    // `request.id`. The history is not written here (appendHistory, replaceHistory).
    [[nodiscard]] bool upsert(MonitoredRequest &request);
    // Only the polling columns of a stored request (last and next poll, failures, last error):
    // what changes on every poll, without rewriting its JSON.
    [[nodiscard]] bool saveSchedule(const MonitoredRequest &request);
    [[nodiscard]] bool appendHistory(qint64 requestId, const StatusEvent &event);
    // The provider's whole history instead of the stored one (Capella sends it each time).
    [[nodiscard]] bool replaceHistory(qint64 requestId, const QList<StatusEvent> &history);
    // The request and its history; false when it was not stored.
    [[nodiscard]] bool remove(const MonitorKey &key);
    // Runs `work` inside one transaction: committed when it returns true, rolled back otherwise.
    [[nodiscard]] bool transaction(const std::function<bool()> &work);

    QString lastError() const { return m_error; }

private:
    struct Statements;
    bool prepare();
    bool fail(const QString &what, const QString &detail);
    bool insertHistory(qint64 requestId, const StatusEvent &event);

    Database &m_database;
    std::unique_ptr<Statements> m_statements;
    QString m_error;
    int m_depth = 0; // nested transaction() calls join the outer one
};

} // namespace StacScope
