#pragma once

#include <memory>
#include <optional>

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include "src/download/downloadpersistence.h"

namespace StacScope {

class Database;

// The download queue in SQLite (table download_queue, migration 1). Every DownloadTask field is
// kept except header values: those may be API keys or tokens, so only the header names are
// written (headerNames()) and loaded tasks come back with no headers; the UI asks the user to
// supply those credentials again. Statements are prepared once, so saving a task's progress a few
// times a second is cheap (WAL, synchronous=NORMAL: no fsync per commit).
//
// Uses the Database's connection (same thread); must be destroyed before the Database.
class DownloadQueueStore final : public DownloadPersistence
{
    Q_DECLARE_TR_FUNCTIONS(StacScope::DownloadQueueStore)

public:
    // `database` must be open before the first call.
    explicit DownloadQueueStore(Database &database);
    ~DownloadQueueStore() override;
    DownloadQueueStore(const DownloadQueueStore &) = delete;
    DownloadQueueStore &operator=(const DownloadQueueStore &) = delete;

    QList<DownloadTask> loadTasks() override;
    qint64 saveTask(const DownloadTask &task) override;
    // False when the id is unknown or the delete failed.
    bool removeTask(qint64 id) override;
    // Tasks not in `ids` keep their relative order after the listed ones.
    bool saveOrder(const QList<qint64> &ids) override;

    // The names of the headers the task was saved with (values are never stored).
    QList<QByteArray> headerNames(qint64 id);
    QString lastError() const { return m_error; }

    // Stable names as stored ("queued", "downloading", ...; "fail", "overwrite", "keep-both").
    static QString stateKey(DownloadState state);
    static std::optional<DownloadState> stateFromKey(QStringView key);
    static QString policyKey(ExistingFilePolicy policy);
    static std::optional<ExistingFilePolicy> policyFromKey(QStringView key);
    static QString unpackKey(UnpackState state);
    static UnpackState unpackFromKey(QStringView key); // None for '' and for a name it does not know

private:
    struct Statements;
    bool prepare();
    bool fail(const QString &what, const QString &detail);

    Database &m_database;
    std::unique_ptr<Statements> m_statements;
    QString m_error;
};

} // namespace StacScope
