#include "src/store/monitorstore.h"

#include <algorithm>

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "src/store/database.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// Columns written by the upsert and read back by loadAll(), in this order (after id).
constexpr QStringView kColumns[] = {
    u"account_id",
    u"kind",
    u"remote_id",
    u"provider",
    u"name",
    u"description",
    u"status",
    u"is_final",
    u"needs_action",
    u"window_start",
    u"window_end",
    u"submitted",
    u"cost",
    u"added",
    u"last_polled",
    u"next_poll",
    u"failures",
    u"last_error",
    u"auto_download",
    u"download_folder",
    u"queued_deliveries",
    u"deliveries_done",
    u"raw_json",
    u"parent_id",
    u"dismissed_children",
};

QVariant dateValue(const QDateTime &date)
{
    // ISO 8601 in UTC with milliseconds, as the download queue stores its dates.
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

// QtSql binds a null QString as SQL NULL; the text columns are NOT NULL with '' for "none".
QString text(const QString &value)
{
    return value.isNull() ? u""_s : value;
}

QString idsJson(const QSet<QString> &ids)
{
    QStringList sorted(ids.begin(), ids.end());
    std::sort(sorted.begin(), sorted.end());
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(sorted)).toJson(QJsonDocument::Compact));
}

QSet<QString> idsFromJson(const QString &json)
{
    QSet<QString> ids;
    for (const QJsonValue &v : QJsonDocument::fromJson(json.toUtf8()).array()) {
        if (v.isString()) {
            ids.insert(v.toString());
        }
    }
    return ids;
}

void bindRequest(QSqlQuery &q, const MonitoredRequest &r)
{
    q.bindValue(u":account_id"_s, text(r.accountId));
    q.bindValue(u":kind"_s, MonitoredRequest::kindKey(r.kind));
    q.bindValue(u":remote_id"_s, text(r.remoteId));
    q.bindValue(u":provider"_s, text(r.providerId.isEmpty() ? MonitoredRequest::providerOf(r.kind) : r.providerId));
    q.bindValue(u":name"_s, text(r.name));
    q.bindValue(u":description"_s, text(r.description));
    q.bindValue(u":status"_s, text(r.status));
    q.bindValue(u":is_final"_s, r.isFinal ? 1 : 0);
    q.bindValue(u":needs_action"_s, r.needsAction ? 1 : 0);
    q.bindValue(u":window_start"_s, dateValue(r.windowStart));
    q.bindValue(u":window_end"_s, dateValue(r.windowEnd));
    q.bindValue(u":submitted"_s, dateValue(r.submitted));
    q.bindValue(u":cost"_s, text(r.cost));
    q.bindValue(u":added"_s, dateValue(r.added));
    q.bindValue(u":last_polled"_s, dateValue(r.lastPolled));
    q.bindValue(u":next_poll"_s, dateValue(r.nextPoll));
    q.bindValue(u":failures"_s, r.failures);
    q.bindValue(u":last_error"_s, text(r.lastError));
    q.bindValue(u":auto_download"_s, r.autoDownload ? 1 : 0);
    q.bindValue(u":download_folder"_s, text(r.downloadFolder));
    q.bindValue(u":queued_deliveries"_s, idsJson(r.queuedDeliveries));
    q.bindValue(u":deliveries_done"_s, r.deliveriesDone ? 1 : 0);
    q.bindValue(u":raw_json"_s,
        r.raw.isEmpty() ? u"{}"_s : QString::fromUtf8(QJsonDocument(r.raw).toJson(QJsonDocument::Compact)));
    q.bindValue(u":parent_id"_s, text(r.parentId));
    q.bindValue(u":dismissed_children"_s, idsJson(r.dismissedChildren));
}

} // namespace

struct MonitorStore::Statements
{
    explicit Statements(const QSqlDatabase &db)
        : upsert(db)
        , findId(db)
        , schedule(db)
        , selectRequests(db)
        , selectHistory(db)
        , insertHistory(db)
        , clearHistory(db)
        , remove(db)
    {}
    QSqlQuery upsert;
    QSqlQuery findId;
    QSqlQuery schedule;
    QSqlQuery selectRequests;
    QSqlQuery selectHistory;
    QSqlQuery insertHistory;
    QSqlQuery clearHistory;
    QSqlQuery remove;
};

MonitorStore::MonitorStore(Database &database)
    : m_database(database)
{}

MonitorStore::~MonitorStore() = default;

bool MonitorStore::fail(const QString &what, const QString &detail)
{
    m_error = detail.isEmpty() ? what : tr("%1: %2").arg(what, detail);
    return false;
}

bool MonitorStore::prepare()
{
    if (!m_database.isOpen()) {
        return fail(tr("The monitored requests are not available"), m_database.lastError());
    }
    if (m_statements) {
        return true;
    }
    auto s = std::make_unique<Statements>(m_database.connection());
    QStringList names;
    QStringList placeholders;
    QStringList updates;
    for (const QStringView column : kColumns) {
        names.append(column.toString());
        placeholders.append(u':' + column.toString());
        if (column != u"account_id" && column != u"kind" && column != u"remote_id" && column != u"added") {
            updates.append(column.toString() + u" = excluded."_s + column.toString());
        }
    }
    const QString columns = names.join(u", "_s);
    // The key is the row's identity: a second upsert of the same request updates it in place.
    const bool ok = s->upsert.prepare(u"INSERT INTO monitored_requests ("_s + columns + u") VALUES ("_s
                        + placeholders.join(u", "_s) + u") ON CONFLICT (account_id, kind, remote_id) DO UPDATE SET "_s
                        + updates.join(u", "_s))
        && s->findId.prepare(u"SELECT id FROM monitored_requests WHERE account_id = ? AND kind = ? AND remote_id = ?"_s)
        && s->schedule.prepare(u"UPDATE monitored_requests SET last_polled = ?, next_poll = ?, failures = ?, "
                               "last_error = ? WHERE id = ?"_s)
        && s->selectRequests.prepare(u"SELECT id, "_s + columns + u" FROM monitored_requests ORDER BY id"_s)
        && s->selectHistory.prepare(
            u"SELECT request_id, status, time, message FROM monitored_request_history ORDER BY request_id, id"_s)
        && s->insertHistory.prepare(
            u"INSERT INTO monitored_request_history (request_id, status, time, message) VALUES (?, ?, ?, ?)"_s)
        && s->clearHistory.prepare(u"DELETE FROM monitored_request_history WHERE request_id = ?"_s)
        && s->remove.prepare(u"DELETE FROM monitored_requests WHERE account_id = ? AND kind = ? AND remote_id = ?"_s);
    if (!ok) {
        for (const QSqlQuery *q : { &s->upsert, &s->findId, &s->schedule, &s->selectRequests, &s->selectHistory,
                 &s->insertHistory, &s->clearHistory, &s->remove }) {
            if (q->lastError().isValid()) {
                return fail(tr("Could not prepare the monitored requests"), q->lastError().text());
            }
        }
        return fail(tr("Could not prepare the monitored requests"), QString());
    }
    s->selectRequests.setForwardOnly(true);
    s->selectHistory.setForwardOnly(true);
    m_statements = std::move(s);
    return true;
}

QList<MonitoredRequest> MonitorStore::loadAll()
{
    QList<MonitoredRequest> requests;
    if (!prepare()) {
        return requests;
    }
    QSqlQuery &q = m_statements->selectRequests;
    if (!q.exec()) {
        fail(tr("Could not read the monitored requests"), q.lastError().text());
        return requests;
    }
    QHash<qint64, qsizetype> byId;
    while (q.next()) {
        MonitoredRequest r;
        int c = 0;
        r.id = q.value(c++).toLongLong();
        r.accountId = q.value(c++).toString();
        const auto kind = MonitoredRequest::kindFromKey(q.value(c++).toString());
        r.remoteId = q.value(c++).toString();
        if (!kind) {
            continue; // written by a newer build that knows more kinds: left alone
        }
        r.kind = *kind;
        r.providerId = q.value(c++).toString();
        r.name = q.value(c++).toString();
        r.description = q.value(c++).toString();
        r.status = q.value(c++).toString();
        r.isFinal = q.value(c++).toInt() != 0;
        r.needsAction = q.value(c++).toInt() != 0;
        r.windowStart = dateFromValue(q.value(c++));
        r.windowEnd = dateFromValue(q.value(c++));
        r.submitted = dateFromValue(q.value(c++));
        r.cost = q.value(c++).toString();
        r.added = dateFromValue(q.value(c++));
        r.lastPolled = dateFromValue(q.value(c++));
        r.nextPoll = dateFromValue(q.value(c++));
        r.failures = q.value(c++).toInt();
        r.lastError = q.value(c++).toString();
        r.autoDownload = q.value(c++).toInt() != 0;
        r.downloadFolder = q.value(c++).toString();
        r.queuedDeliveries = idsFromJson(q.value(c++).toString());
        r.deliveriesDone = q.value(c++).toInt() != 0;
        r.raw = QJsonDocument::fromJson(q.value(c++).toString().toUtf8()).object();
        r.parentId = q.value(c++).toString();
        r.dismissedChildren = idsFromJson(q.value(c++).toString());
        byId.insert(r.id, requests.size());
        requests.append(std::move(r));
    }
    q.finish(); // release the read snapshot so WAL checkpoints can proceed

    QSqlQuery &h = m_statements->selectHistory;
    if (!h.exec()) {
        fail(tr("Could not read the status histories"), h.lastError().text());
        return requests;
    }
    while (h.next()) {
        const auto at = byId.constFind(h.value(0).toLongLong());
        if (at == byId.cend()) {
            continue;
        }
        requests[*at].history.append({ h.value(1).toString(), dateFromValue(h.value(2)), h.value(3).toString() });
    }
    h.finish();
    m_error.clear();
    return requests;
}

bool MonitorStore::upsert(MonitoredRequest &request)
{
    if (!prepare()) {
        return false;
    }
    if (!request.key().isValid()) {
        return fail(tr("Could not save a monitored request"), tr("it has no account or no id"));
    }
    QSqlQuery &q = m_statements->upsert;
    bindRequest(q, request);
    if (!q.exec()) {
        return fail(tr("Could not save the monitored request %1").arg(request.remoteId), q.lastError().text());
    }
    q.finish();
    // The row id: lastInsertId() is not the row's after an ON CONFLICT update, so ask by key.
    QSqlQuery &f = m_statements->findId;
    f.bindValue(0, request.accountId);
    f.bindValue(1, MonitoredRequest::kindKey(request.kind));
    f.bindValue(2, request.remoteId);
    if (!f.exec() || !f.next()) {
        const QString detail = f.lastError().text();
        f.finish();
        return fail(tr("Could not save the monitored request %1").arg(request.remoteId), detail);
    }
    request.id = f.value(0).toLongLong();
    f.finish();
    m_error.clear();
    return true;
}

bool MonitorStore::saveSchedule(const MonitoredRequest &request)
{
    if (!prepare()) {
        return false;
    }
    QSqlQuery &q = m_statements->schedule;
    q.bindValue(0, dateValue(request.lastPolled));
    q.bindValue(1, dateValue(request.nextPoll));
    q.bindValue(2, request.failures);
    q.bindValue(3, text(request.lastError));
    q.bindValue(4, request.id);
    if (!q.exec()) {
        return fail(tr("Could not save the monitored request %1").arg(request.remoteId), q.lastError().text());
    }
    const int rows = q.numRowsAffected();
    q.finish();
    if (rows != 1) {
        return fail(tr("Could not save the monitored request %1").arg(request.remoteId), tr("it is not stored"));
    }
    m_error.clear();
    return true;
}

bool MonitorStore::insertHistory(qint64 requestId, const StatusEvent &event)
{
    QSqlQuery &q = m_statements->insertHistory;
    q.bindValue(0, requestId);
    q.bindValue(1, text(event.status));
    q.bindValue(2, dateValue(event.time));
    q.bindValue(3, text(event.message));
    if (!q.exec()) {
        return fail(tr("Could not save a status change"), q.lastError().text());
    }
    q.finish();
    return true;
}

bool MonitorStore::appendHistory(qint64 requestId, const StatusEvent &event)
{
    if (!prepare()) {
        return false;
    }
    if (!insertHistory(requestId, event)) {
        return false;
    }
    m_error.clear();
    return true;
}

bool MonitorStore::replaceHistory(qint64 requestId, const QList<StatusEvent> &history)
{
    if (!prepare()) {
        return false;
    }
    return transaction([&] {
        QSqlQuery &clear = m_statements->clearHistory;
        clear.bindValue(0, requestId);
        if (!clear.exec()) {
            return fail(tr("Could not save a status history"), clear.lastError().text());
        }
        clear.finish();
        for (const StatusEvent &event : history) {
            if (!insertHistory(requestId, event)) {
                return false;
            }
        }
        return true;
    });
}

bool MonitorStore::remove(const MonitorKey &key)
{
    if (!prepare()) {
        return false;
    }
    QSqlQuery &q = m_statements->remove;
    q.bindValue(0, key.accountId);
    q.bindValue(1, MonitoredRequest::kindKey(key.kind));
    q.bindValue(2, key.remoteId);
    // The history goes with it (ON DELETE CASCADE; the Database turns foreign keys on).
    if (!q.exec()) {
        return fail(tr("Could not remove the monitored request %1").arg(key.remoteId), q.lastError().text());
    }
    const int rows = q.numRowsAffected();
    q.finish();
    if (rows != 1) {
        return fail(tr("Could not remove the monitored request %1").arg(key.remoteId), tr("it is not stored"));
    }
    m_error.clear();
    return true;
}

bool MonitorStore::transaction(const std::function<bool()> &work)
{
    if (!prepare()) {
        return false;
    }
    if (m_depth > 0) {
        ++m_depth;
        const bool ok = work();
        --m_depth;
        return ok;
    }
    QSqlDatabase db = m_database.connection();
    if (!db.transaction()) {
        return fail(tr("Could not save the monitored requests"), db.lastError().text());
    }
    ++m_depth;
    const bool ok = work();
    --m_depth;
    if (!ok) {
        const QString error = m_error;
        db.rollback();
        m_error = error;
        return false;
    }
    if (!db.commit()) {
        const QString detail = db.lastError().text();
        db.rollback();
        return fail(tr("Could not save the monitored requests"), detail);
    }
    m_error.clear();
    return true;
}

} // namespace StacScope
