#include "src/store/savedsearchstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "src/stac/searchparametersjson.h"
#include "src/store/database.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QVariant dateValue(const QDateTime &date)
{
    return date.isValid() ? QVariant(date.toUTC().toString(Qt::ISODateWithMs)) : QVariant();
}

QDateTime dateFromValue(const QVariant &value)
{
    if (value.isNull()) {
        return {};
    }
    QDateTime date = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return date.isValid() ? date.toUTC() : date;
}

QString compact(const QJsonDocument &doc)
{
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

QString catalogsText(const QStringList &catalogs)
{
    return compact(QJsonDocument(QJsonArray::fromStringList(catalogs)));
}

QString parametersText(const SearchParameters &parameters)
{
    return compact(QJsonDocument(SearchParametersJson::toJson(parameters)));
}

// Statements run inside a transaction that is rolled back unless commit() is reached.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase db)
        : m_db(std::move(db))
        , m_open(m_db.transaction())
    {}
    ~Transaction()
    {
        if (m_open) {
            m_db.rollback();
        }
    }
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    bool isOpen() const { return m_open; }
    bool commit()
    {
        if (!m_open || !m_db.commit()) {
            return false;
        }
        m_open = false;
        return true;
    }
    QString errorText() const { return m_db.lastError().text(); }

private:
    QSqlDatabase m_db;
    bool m_open;
};

} // namespace

SavedSearchStore::SavedSearchStore(Database &database)
    : m_database(database)
{}

bool SavedSearchStore::ready()
{
    m_error.clear();
    m_nameTaken = false;
    if (!m_database.isOpen()) {
        m_error = tr("The saved searches are not available: %1").arg(m_database.lastError());
        return false;
    }
    return true;
}

bool SavedSearchStore::fail(const QString &what, const QString &detail)
{
    m_error = detail.trimmed().isEmpty() ? what : what + u": "_s + detail.trimmed();
    return false;
}

std::optional<SearchRequest> SavedSearchStore::readRequest(
    const QString &catalogs, const QString &parameters, int maxItems)
{
    SearchRequest request;
    for (const QJsonValue &v : QJsonDocument::fromJson(catalogs.toUtf8()).array()) {
        request.catalogs.append(v.toString());
    }
    QString problem;
    const std::optional<SearchParameters> params
        = SearchParametersJson::fromJson(QJsonDocument::fromJson(parameters.toUtf8()).object(), &problem);
    if (!params) {
        m_error = problem;
        return std::nullopt;
    }
    request.parameters = *params;
    request.maxItems = maxItems;
    return request;
}

QList<SavedSearch> SavedSearchStore::savedSearches()
{
    QList<SavedSearch> out;
    if (!ready()) {
        return out;
    }
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT s.id, s.name, s.catalogs, s.parameters, s.max_items, s.created, s.last_run, "
                "(SELECT COUNT(*) FROM saved_search_seen WHERE search_id = s.id) "
                "FROM saved_searches s ORDER BY s.name, s.id"_s)) {
        fail(tr("Could not read the saved searches"), q.lastError().text());
        return out;
    }
    QStringList unreadable;
    while (q.next()) {
        SavedSearch s;
        s.id = q.value(0).toLongLong();
        s.name = q.value(1).toString();
        const std::optional<SearchRequest> request
            = readRequest(q.value(2).toString(), q.value(3).toString(), q.value(4).toInt());
        if (!request) {
            unreadable.append(s.name);
            continue;
        }
        s.request = *request;
        s.created = dateFromValue(q.value(5));
        s.lastRun = dateFromValue(q.value(6));
        s.seenCount = q.value(7).toInt();
        out.append(s);
    }
    m_error = unreadable.isEmpty()
        ? QString()
        : tr("Some saved searches could not be read and were left out: %1").arg(unreadable.join(u", "_s));
    return out;
}

std::optional<SavedSearch> SavedSearchStore::find(const QString &name)
{
    const QList<SavedSearch> all = savedSearches();
    for (const SavedSearch &s : all) {
        if (s.name == name) {
            return s;
        }
    }
    return std::nullopt;
}

std::optional<qint64> SavedSearchStore::save(
    const QString &name, const SearchRequest &request, const SeenItems &seen, bool replace)
{
    if (!ready()) {
        return std::nullopt;
    }
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        fail(tr("A saved search needs a name"), {});
        return std::nullopt;
    }
    Transaction transaction(m_database.connection());
    if (!transaction.isOpen()) {
        fail(tr("Could not save the search"), transaction.errorText());
        return std::nullopt;
    }
    QSqlQuery q(m_database.connection());
    q.prepare(u"SELECT id FROM saved_searches WHERE name = ?"_s);
    q.addBindValue(trimmed);
    if (!q.exec()) {
        fail(tr("Could not save the search"), q.lastError().text());
        return std::nullopt;
    }
    std::optional<qint64> id;
    if (q.next()) {
        id = q.value(0).toLongLong();
    }
    q.finish();
    if (id && !replace) {
        m_nameTaken = true;
        fail(tr("A saved search is already called \"%1\"").arg(trimmed), {});
        return std::nullopt;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (id) {
        q.prepare(u"UPDATE saved_searches SET catalogs = ?, parameters = ?, max_items = ?, created = ?, "
                  "last_run = ? WHERE id = ?"_s);
        q.addBindValue(catalogsText(request.catalogs));
        q.addBindValue(parametersText(request.parameters));
        q.addBindValue(request.maxItems);
        q.addBindValue(dateValue(now));
        q.addBindValue(dateValue(now));
        q.addBindValue(*id);
    } else {
        q.prepare(u"INSERT INTO saved_searches (name, catalogs, parameters, max_items, created, last_run) "
                  "VALUES (?, ?, ?, ?, ?, ?)"_s);
        q.addBindValue(trimmed);
        q.addBindValue(catalogsText(request.catalogs));
        q.addBindValue(parametersText(request.parameters));
        q.addBindValue(request.maxItems);
        q.addBindValue(dateValue(now));
        q.addBindValue(dateValue(now));
    }
    if (!q.exec()) {
        fail(tr("Could not save the search"), q.lastError().text());
        return std::nullopt;
    }
    if (!id) {
        id = q.lastInsertId().toLongLong();
    }
    if (!writeSeen(*id, seen)) {
        return std::nullopt;
    }
    if (!transaction.commit()) {
        fail(tr("Could not save the search"), transaction.errorText());
        return std::nullopt;
    }
    return id;
}

bool SavedSearchStore::writeSeen(qint64 id, const SeenItems &seen)
{
    QSqlQuery q(m_database.connection());
    q.prepare(u"DELETE FROM saved_search_seen WHERE search_id = ?"_s);
    q.addBindValue(id);
    if (!q.exec()) {
        return fail(tr("Could not remember the results"), q.lastError().text());
    }
    if (seen.isEmpty()) {
        return true;
    }
    // One batch: a search of tens of thousands of results is remembered in one statement run.
    QVariantList ids, catalogs, collections, items;
    for (const SeenItem &item : seen) {
        ids.append(id);
        catalogs.append(item.catalog);
        collections.append(item.collection);
        items.append(item.id);
    }
    // A null QString binds as NULL: an item without a collection is stored with ''.
    q.prepare(u"INSERT OR IGNORE INTO saved_search_seen (search_id, catalog, collection, item_id) "
              "VALUES (?, COALESCE(?, ''), COALESCE(?, ''), COALESCE(?, ''))"_s);
    q.addBindValue(ids);
    q.addBindValue(catalogs);
    q.addBindValue(collections);
    q.addBindValue(items);
    if (!q.execBatch()) {
        return fail(tr("Could not remember the results"), q.lastError().text());
    }
    return true;
}

bool SavedSearchStore::rename(qint64 id, const QString &name)
{
    if (!ready()) {
        return false;
    }
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        return fail(tr("A saved search needs a name"), {});
    }
    QSqlQuery q(m_database.connection());
    q.prepare(u"SELECT id FROM saved_searches WHERE name = ? AND id <> ?"_s);
    q.addBindValue(trimmed);
    q.addBindValue(id);
    if (!q.exec()) {
        return fail(tr("Could not rename the saved search"), q.lastError().text());
    }
    if (q.next()) {
        m_nameTaken = true;
        return fail(tr("A saved search is already called \"%1\"").arg(trimmed), {});
    }
    q.finish();
    q.prepare(u"UPDATE saved_searches SET name = ? WHERE id = ?"_s);
    q.addBindValue(trimmed);
    q.addBindValue(id);
    if (!q.exec()) {
        return fail(tr("Could not rename the saved search"), q.lastError().text());
    }
    if (q.numRowsAffected() != 1) {
        return fail(tr("The saved search is no longer there"), {});
    }
    return true;
}

bool SavedSearchStore::remove(qint64 id)
{
    if (!ready()) {
        return false;
    }
    QSqlQuery q(m_database.connection());
    q.prepare(u"DELETE FROM saved_searches WHERE id = ?"_s); // the seen items go with it (ON DELETE CASCADE)
    q.addBindValue(id);
    if (!q.exec()) {
        return fail(tr("Could not delete the saved search"), q.lastError().text());
    }
    if (q.numRowsAffected() != 1) {
        return fail(tr("The saved search is no longer there"), {});
    }
    return true;
}

SeenItems SavedSearchStore::seenItems(qint64 id)
{
    SeenItems seen;
    if (!ready()) {
        return seen;
    }
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    q.prepare(u"SELECT catalog, collection, item_id FROM saved_search_seen WHERE search_id = ?"_s);
    q.addBindValue(id);
    if (!q.exec()) {
        fail(tr("Could not read the results last seen"), q.lastError().text());
        return seen;
    }
    while (q.next()) {
        seen.insert({ q.value(0).toString(), q.value(1).toString(), q.value(2).toString() });
    }
    return seen;
}

std::optional<SeenItems> SavedSearchStore::recordRun(qint64 id, const SeenItems &current)
{
    if (!ready()) {
        return std::nullopt;
    }
    Transaction transaction(m_database.connection());
    if (!transaction.isOpen()) {
        fail(tr("Could not remember the results"), transaction.errorText());
        return std::nullopt;
    }
    QSqlQuery q(m_database.connection());
    q.prepare(u"UPDATE saved_searches SET last_run = ? WHERE id = ?"_s);
    q.addBindValue(dateValue(QDateTime::currentDateTimeUtc()));
    q.addBindValue(id);
    if (!q.exec()) {
        fail(tr("Could not remember the results"), q.lastError().text());
        return std::nullopt;
    }
    if (q.numRowsAffected() != 1) {
        fail(tr("The saved search is no longer there"), {});
        return std::nullopt;
    }
    const SeenItems previous = seenItems(id);
    if (!m_error.isEmpty()) {
        return std::nullopt;
    }
    SeenItems fresh;
    for (const SeenItem &item : current) {
        if (!previous.contains(item)) {
            fresh.insert(item);
        }
    }
    if (!writeSeen(id, current)) {
        return std::nullopt;
    }
    if (!transaction.commit()) {
        fail(tr("Could not remember the results"), transaction.errorText());
        return std::nullopt;
    }
    return fresh;
}

QList<HistoryEntry> SavedSearchStore::history()
{
    QList<HistoryEntry> out;
    if (!ready()) {
        return out;
    }
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT id, time, catalogs, parameters, max_items, returned, matched, saved_name "
                "FROM search_history ORDER BY id DESC"_s)) {
        fail(tr("Could not read the search history"), q.lastError().text());
        return out;
    }
    int unreadable = 0;
    while (q.next()) {
        HistoryEntry e;
        e.id = q.value(0).toLongLong();
        e.time = dateFromValue(q.value(1));
        const std::optional<SearchRequest> request
            = readRequest(q.value(2).toString(), q.value(3).toString(), q.value(4).toInt());
        if (!request) {
            ++unreadable;
            continue;
        }
        e.request = *request;
        e.returned = q.value(5).toInt();
        if (!q.value(6).isNull()) {
            e.matched = q.value(6).toLongLong();
        }
        e.savedName = q.value(7).toString();
        out.append(e);
    }
    m_error = unreadable == 0 ? QString()
        : unreadable == 1
        ? tr("One search in the history could not be read and was left out.")
        : tr("%1 searches in the history could not be read and were left out.").arg(QString::number(unreadable));
    return out;
}

bool SavedSearchStore::addHistory(HistoryEntry &entry)
{
    if (!ready()) {
        return false;
    }
    if (!entry.time.isValid()) {
        entry.time = QDateTime::currentDateTimeUtc();
    }
    Transaction transaction(m_database.connection());
    if (!transaction.isOpen()) {
        return fail(tr("Could not add the search to the history"), transaction.errorText());
    }
    QSqlQuery q(m_database.connection());
    q.prepare(u"INSERT INTO search_history (time, catalogs, parameters, max_items, returned, matched, saved_name) "
              "VALUES (?, ?, ?, ?, ?, ?, COALESCE(?, ''))"_s);
    q.addBindValue(dateValue(entry.time));
    q.addBindValue(catalogsText(entry.request.catalogs));
    q.addBindValue(parametersText(entry.request.parameters));
    q.addBindValue(entry.request.maxItems);
    q.addBindValue(entry.returned);
    q.addBindValue(entry.matched ? QVariant(*entry.matched) : QVariant());
    q.addBindValue(entry.savedName);
    if (!q.exec()) {
        return fail(tr("Could not add the search to the history"), q.lastError().text());
    }
    entry.id = q.lastInsertId().toLongLong();
    // Ids only grow (AUTOINCREMENT): the newest `limit` are the largest ids.
    q.prepare(u"DELETE FROM search_history WHERE id NOT IN "
              "(SELECT id FROM search_history ORDER BY id DESC LIMIT ?)"_s);
    q.addBindValue(m_historyLimit);
    if (!q.exec()) {
        return fail(tr("Could not trim the search history"), q.lastError().text());
    }
    if (!transaction.commit()) {
        return fail(tr("Could not add the search to the history"), transaction.errorText());
    }
    return true;
}

bool SavedSearchStore::removeHistory(qint64 id)
{
    if (!ready()) {
        return false;
    }
    QSqlQuery q(m_database.connection());
    q.prepare(u"DELETE FROM search_history WHERE id = ?"_s);
    q.addBindValue(id);
    if (!q.exec()) {
        return fail(tr("Could not remove the search from the history"), q.lastError().text());
    }
    return true;
}

bool SavedSearchStore::clearHistory()
{
    if (!ready()) {
        return false;
    }
    QSqlQuery q(m_database.connection());
    if (!q.exec(u"DELETE FROM search_history"_s)) {
        return fail(tr("Could not clear the search history"), q.lastError().text());
    }
    return true;
}

} // namespace StacScope
