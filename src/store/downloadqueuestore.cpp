#include "src/store/downloadqueuestore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "src/store/database.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// Column list shared by the insert, the update and the select, so they cannot drift apart.
constexpr QStringView kColumns[] = {
    u"url",
    u"target_path",
    u"header_names",
    u"expected_size",
    u"checksum",
    u"existing_policy",
    u"name_from_server",
    u"source_id",
    u"collection",
    u"item_id",
    u"asset_key",
    u"title",
    u"state",
    u"received",
    u"total",
    u"etag",
    u"last_modified",
    u"error",
    u"attempts",
    u"added",
    u"finished",
    u"link_from_provider",
    u"unpack",
    u"unpack_detail",
};

QVariant dateValue(const QDateTime &date)
{
    // ISO 8601 in UTC with milliseconds: sortable as text and readable with any SQLite tool.
    return date.isValid() ? QVariant(date.toUTC().toString(Qt::ISODateWithMs)) : QVariant();
}

QDateTime dateFromValue(const QVariant &value)
{
    if (value.isNull()) {
        return {};
    }
    const QDateTime date = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return date.isValid() ? date.toUTC() : QDateTime();
}

QString headerNamesJson(const QList<QByteArray> &knownNames)
{
    QJsonArray names;
    QList<QByteArray> seen;
    auto add = [&](const QByteArray &name) {
        const QByteArray lower = name.toLower();
        if (!seen.contains(lower)) {
            seen.append(lower);
            names.append(QString::fromLatin1(name));
        }
    };
    for (const QByteArray &name : knownNames) {
        add(name);
    }
    return QString::fromUtf8(QJsonDocument(names).toJson(QJsonDocument::Compact));
}

QList<QByteArray> headerNamesFromJson(const QString &json)
{
    QList<QByteArray> names;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &v : array) {
        if (v.isString()) {
            names.append(v.toString().toLatin1());
        }
    }
    return names;
}

// QtSql binds a null QString as SQL NULL; the text columns are NOT NULL with '' for "none".
QString text(const QString &value)
{
    return value.isNull() ? u""_s : value;
}

void bindTask(QSqlQuery &query, const DownloadTask &task)
{
    // The URL is kept whole, query included: a pre-signed URL's signature is its query. It is a
    // time-limited capability, acceptable on the user's own disk, unlike credentials (never here).
    // A provider's link (linkFromProvider) keeps its endpoint here; the signed link is never stored.
    query.bindValue(u":url"_s, text(QString::fromLatin1(task.url.toEncoded())));
    query.bindValue(u":target_path"_s, text(task.targetPath));
    query.bindValue(u":header_names"_s, headerNamesJson(task.headerNames));
    query.bindValue(u":expected_size"_s, task.expectedSize);
    query.bindValue(u":checksum"_s, text(QString::fromLatin1(task.checksum)));
    query.bindValue(u":existing_policy"_s, DownloadQueueStore::policyKey(task.existingPolicy));
    query.bindValue(u":name_from_server"_s, task.nameFromServer ? 1 : 0);
    query.bindValue(u":source_id"_s, text(task.sourceId));
    query.bindValue(u":collection"_s, text(task.collection));
    query.bindValue(u":item_id"_s, text(task.itemId));
    query.bindValue(u":asset_key"_s, text(task.assetKey));
    query.bindValue(u":title"_s, text(task.title));
    query.bindValue(u":state"_s, DownloadQueueStore::stateKey(task.state));
    query.bindValue(u":received"_s, task.received);
    query.bindValue(u":total"_s, task.total);
    // Validators are opaque bytes sent back verbatim in If-Range: kept as blobs.
    query.bindValue(u":etag"_s, task.etag.isNull() ? QVariant() : QVariant(task.etag));
    query.bindValue(u":last_modified"_s, task.lastModified.isNull() ? QVariant() : QVariant(task.lastModified));
    query.bindValue(u":error"_s, text(task.error));
    query.bindValue(u":attempts"_s, task.attempts);
    query.bindValue(u":added"_s, dateValue(task.added));
    query.bindValue(u":finished"_s, dateValue(task.finished));
    query.bindValue(u":link_from_provider"_s, task.linkFromProvider ? 1 : 0);
    query.bindValue(u":unpack"_s, DownloadQueueStore::unpackKey(task.unpack));
    query.bindValue(u":unpack_detail"_s, text(task.unpackDetail));
}

} // namespace

struct DownloadQueueStore::Statements
{
    explicit Statements(const QSqlDatabase &db)
        : insert(db)
        , update(db)
        , select(db)
        , remove(db)
        , shift(db)
        , setPosition(db)
        , headerNames(db)
    {}
    QSqlQuery insert;
    QSqlQuery update;
    QSqlQuery select;
    QSqlQuery remove;
    QSqlQuery shift;
    QSqlQuery setPosition;
    QSqlQuery headerNames;
};

DownloadQueueStore::DownloadQueueStore(Database &database)
    : m_database(database)
{}

DownloadQueueStore::~DownloadQueueStore() = default;

bool DownloadQueueStore::fail(const QString &what, const QString &detail)
{
    m_error = detail.isEmpty() ? what : tr("%1: %2").arg(what, detail);
    return false;
}

bool DownloadQueueStore::prepare()
{
    if (!m_database.isOpen()) {
        return fail(tr("The download queue is not available"), m_database.lastError());
    }
    if (m_statements) {
        return true;
    }
    auto s = std::make_unique<Statements>(m_database.connection());

    QStringList names;
    QStringList placeholders;
    QStringList assignments;
    for (const QStringView column : kColumns) {
        names.append(column.toString());
        placeholders.append(u':' + column.toString());
        assignments.append(column.toString() + u" = :"_s + column.toString());
    }
    const QString columns = names.join(u", "_s);
    const bool ok = s->insert.prepare(u"INSERT INTO download_queue (position, "_s + columns
                        + u") VALUES ((SELECT COALESCE(MAX(position), 0) + 1 FROM download_queue), "_s
                        + placeholders.join(u", "_s) + u')')
        && s->update.prepare(u"UPDATE download_queue SET "_s + assignments.join(u", "_s) + u" WHERE id = :id"_s)
        && s->select.prepare(u"SELECT id, "_s + columns + u" FROM download_queue ORDER BY position, id"_s)
        && s->remove.prepare(u"DELETE FROM download_queue WHERE id = ?"_s)
        && s->shift.prepare(u"UPDATE download_queue SET position = position + ?"_s)
        && s->setPosition.prepare(u"UPDATE download_queue SET position = ? WHERE id = ?"_s)
        && s->headerNames.prepare(u"SELECT header_names FROM download_queue WHERE id = ?"_s);
    if (!ok) {
        // Whichever failed carries the error; the others are inactive with an empty one.
        for (const QSqlQuery *q :
            { &s->insert, &s->update, &s->select, &s->remove, &s->shift, &s->setPosition, &s->headerNames }) {
            if (q->lastError().isValid()) {
                return fail(tr("Could not prepare the download queue"), q->lastError().text());
            }
        }
        return fail(tr("Could not prepare the download queue"), QString());
    }
    s->select.setForwardOnly(true);
    m_statements = std::move(s);
    return true;
}

QList<DownloadTask> DownloadQueueStore::loadTasks()
{
    QList<DownloadTask> tasks;
    if (!prepare()) {
        return tasks;
    }
    QSqlQuery &q = m_statements->select;
    if (!q.exec()) {
        fail(tr("Could not read the download queue"), q.lastError().text());
        return tasks;
    }
    m_error.clear();
    while (q.next()) {
        DownloadTask t;
        int c = 0;
        t.id = q.value(c++).toLongLong();
        t.url = QUrl::fromEncoded(q.value(c++).toString().toLatin1());
        t.targetPath = q.value(c++).toString();
        // Credentials are never stored; the names say what the task needs.
        t.headerNames = headerNamesFromJson(q.value(c++).toString());
        t.expectedSize = q.value(c++).toLongLong();
        t.checksum = q.value(c++).toString().toLatin1();
        t.existingPolicy = policyFromKey(q.value(c++).toString()).value_or(ExistingFilePolicy::Fail);
        t.nameFromServer = q.value(c++).toInt() != 0;
        t.sourceId = q.value(c++).toString();
        t.collection = q.value(c++).toString();
        t.itemId = q.value(c++).toString();
        t.assetKey = q.value(c++).toString();
        t.title = q.value(c++).toString();
        // An unknown name (written by a newer build) is retried from the start of the queue.
        t.state = stateFromKey(q.value(c++).toString()).value_or(DownloadState::Queued);
        t.received = q.value(c++).toLongLong();
        t.total = q.value(c++).toLongLong();
        t.etag = q.value(c++).toByteArray();
        t.lastModified = q.value(c++).toByteArray();
        t.error = q.value(c++).toString();
        t.attempts = q.value(c++).toInt();
        t.added = dateFromValue(q.value(c++));
        t.finished = dateFromValue(q.value(c++));
        t.linkFromProvider = q.value(c++).toInt() != 0;
        t.unpack = unpackFromKey(q.value(c++).toString());
        t.unpackDetail = q.value(c++).toString();
        tasks.append(std::move(t));
    }
    q.finish(); // release the read snapshot so WAL checkpoints can proceed
    return tasks;
}

qint64 DownloadQueueStore::saveTask(const DownloadTask &task)
{
    if (!prepare()) {
        return 0;
    }
    if (task.id == 0) {
        QSqlQuery &q = m_statements->insert;
        bindTask(q, task);
        if (!q.exec()) {
            fail(tr("Could not add a download to the queue"), q.lastError().text());
            return 0;
        }
        const qint64 id = q.lastInsertId().toLongLong();
        q.finish();
        m_error.clear();
        return id;
    }
    QSqlQuery &q = m_statements->update;
    bindTask(q, task);
    q.bindValue(u":id"_s, task.id);
    if (!q.exec()) {
        fail(tr("Could not save a download"), q.lastError().text());
        return 0;
    }
    const int rows = q.numRowsAffected();
    q.finish();
    if (rows != 1) {
        fail(tr("Could not save a download"), tr("no download with id %1 in the queue").arg(task.id));
        return 0;
    }
    m_error.clear();
    return task.id;
}

bool DownloadQueueStore::removeTask(qint64 id)
{
    if (!prepare()) {
        return false;
    }
    QSqlQuery &q = m_statements->remove;
    q.bindValue(0, id);
    if (!q.exec()) {
        return fail(tr("Could not remove a download"), q.lastError().text());
    }
    const int rows = q.numRowsAffected();
    q.finish();
    if (rows != 1) {
        return fail(tr("Could not remove a download"), tr("no download with id %1 in the queue").arg(id));
    }
    m_error.clear();
    return true;
}

bool DownloadQueueStore::saveOrder(const QList<qint64> &ids)
{
    if (!prepare()) {
        return false;
    }
    QSqlDatabase db = m_database.connection();
    if (!db.transaction()) {
        return fail(tr("Could not save the download order"), db.lastError().text());
    }
    // Move everything behind the new order first, so unlisted tasks keep their relative order
    // after the listed ones.
    QSqlQuery &shift = m_statements->shift;
    shift.bindValue(0, qint64(ids.size()));
    bool ok = shift.exec();
    QString error = shift.lastError().text();
    shift.finish();
    QSqlQuery &set = m_statements->setPosition;
    for (qsizetype i = 0; ok && i < ids.size(); ++i) {
        set.bindValue(0, qint64(i + 1));
        set.bindValue(1, ids.at(i));
        ok = set.exec();
        if (!ok) {
            error = set.lastError().text();
        }
    }
    set.finish();
    if (!ok || !db.commit()) {
        if (ok) {
            error = db.lastError().text();
        }
        db.rollback();
        return fail(tr("Could not save the download order"), error);
    }
    m_error.clear();
    return true;
}

QList<QByteArray> DownloadQueueStore::headerNames(qint64 id)
{
    if (!prepare()) {
        return {};
    }
    QSqlQuery &q = m_statements->headerNames;
    q.bindValue(0, id);
    if (!q.exec()) {
        fail(tr("Could not read the download queue"), q.lastError().text());
        return {};
    }
    QList<QByteArray> names;
    if (q.next()) {
        names = headerNamesFromJson(q.value(0).toString());
    }
    q.finish();
    return names;
}

QString DownloadQueueStore::stateKey(DownloadState state)
{
    switch (state) {
    case DownloadState::Queued:
        return u"queued"_s;
    case DownloadState::Connecting:
        return u"connecting"_s;
    case DownloadState::Downloading:
        return u"downloading"_s;
    case DownloadState::Verifying:
        return u"verifying"_s;
    case DownloadState::Completed:
        return u"completed"_s;
    case DownloadState::Paused:
        return u"paused"_s;
    case DownloadState::Failed:
        return u"failed"_s;
    case DownloadState::Canceled:
        return u"canceled"_s;
    }
    return u"queued"_s;
}

std::optional<DownloadState> DownloadQueueStore::stateFromKey(QStringView key)
{
    for (const DownloadState s :
        { DownloadState::Queued, DownloadState::Connecting, DownloadState::Downloading, DownloadState::Verifying,
            DownloadState::Completed, DownloadState::Paused, DownloadState::Failed, DownloadState::Canceled }) {
        if (key == stateKey(s)) {
            return s;
        }
    }
    return std::nullopt;
}

QString DownloadQueueStore::policyKey(ExistingFilePolicy policy)
{
    switch (policy) {
    case ExistingFilePolicy::Fail:
        return u"fail"_s;
    case ExistingFilePolicy::Overwrite:
        return u"overwrite"_s;
    case ExistingFilePolicy::KeepBoth:
        return u"keep-both"_s;
    case ExistingFilePolicy::KeepExisting:
        return u"keep-existing"_s;
    }
    return u"fail"_s;
}

std::optional<ExistingFilePolicy> DownloadQueueStore::policyFromKey(QStringView key)
{
    for (const ExistingFilePolicy p : { ExistingFilePolicy::Fail, ExistingFilePolicy::Overwrite,
             ExistingFilePolicy::KeepBoth, ExistingFilePolicy::KeepExisting }) {
        if (key == policyKey(p)) {
            return p;
        }
    }
    return std::nullopt;
}

QString DownloadQueueStore::unpackKey(UnpackState state)
{
    switch (state) {
    case UnpackState::None:
        return u""_s;
    case UnpackState::Pending:
        return u"pending"_s;
    case UnpackState::Done:
        return u"done"_s;
    case UnpackState::Failed:
        return u"failed"_s;
    }
    return u""_s;
}

UnpackState DownloadQueueStore::unpackFromKey(QStringView key)
{
    for (const UnpackState s : { UnpackState::Pending, UnpackState::Done, UnpackState::Failed }) {
        if (key == unpackKey(s)) {
            return s;
        }
    }
    return UnpackState::None;
}

} // namespace StacScope
