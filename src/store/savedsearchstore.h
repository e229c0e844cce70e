#pragma once

#include <algorithm>
#include <optional>

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include "src/stac/searchparameters.h"

namespace StacScope {

class Database;

// One result as a saved search remembers it: the catalog it came from (CatalogSource::id()), its
// collection and its id (STAC ids are unique within a collection, not across collections).
struct SeenItem
{
    QString catalog;
    QString collection;
    QString id;

    friend bool operator==(const SeenItem &, const SeenItem &) = default;
    friend size_t qHash(const SeenItem &item, size_t seed = 0)
    {
        return qHashMulti(seed, item.catalog, item.collection, item.id);
    }
};
using SeenItems = QSet<SeenItem>;

// A search as it was asked for: the catalogs (CatalogSource::id()), the parameters and the cap.
struct SearchRequest
{
    QStringList catalogs;
    SearchParameters parameters;
    int maxItems = 0; // 0: no cap
};

struct SavedSearch
{
    qint64 id = 0;
    QString name;
    SearchRequest request;
    QDateTime created; // UTC
    QDateTime lastRun; // UTC; the time the seen items were recorded
    int seenCount = 0; // results remembered from the last run
};

struct HistoryEntry
{
    qint64 id = 0;
    QDateTime time; // UTC, when the search finished
    SearchRequest request;
    int returned = 0;
    std::optional<qint64> matched; // when the catalog said
    QString savedName; // the saved search it re-ran, or empty
};

// Saved searches and the search history in the SQLite store (tables saved_searches,
// saved_search_seen and search_history, migration 7), shared by the app and stacscope-cli. A saved
// search remembers the results of its last run, so the next run can tell which are new. The
// history keeps the newest historyLimit() searches.
//
// Uses the Database's connection (same thread); must be destroyed before the Database.
class SavedSearchStore
{
    Q_DECLARE_TR_FUNCTIONS(StacScope::SavedSearchStore)

public:
    static constexpr int kDefaultHistoryLimit = 200;

    // `database` must be open before the first call.
    explicit SavedSearchStore(Database &database);

    // Saved searches by name (case-sensitive order of the user's locale is the UI's business).
    QList<SavedSearch> savedSearches();
    std::optional<SavedSearch> find(const QString &name);
    // Saves `request` as `name` with the results it returned (`seen`), as its last run now. When
    // the name is taken: replaces that saved search (same id) if `replace`, else fails
    // (isNameTaken() then). Returns the id, or nullopt with lastError().
    std::optional<qint64> save(
        const QString &name, const SearchRequest &request, const SeenItems &seen, bool replace = false);
    [[nodiscard]] bool rename(qint64 id, const QString &name);
    [[nodiscard]] bool remove(qint64 id);
    // The results its last run returned.
    SeenItems seenItems(qint64 id);
    // A run of saved search `id` returned `current`: the results among them that its previous run
    // did not return are handed back, and `current` becomes what it has seen (and now its last
    // run). Nullopt with lastError() when it is not stored or the write fails (nothing changes).
    std::optional<SeenItems> recordRun(qint64 id, const SeenItems &current);

    // Newest first.
    QList<HistoryEntry> history();
    // Adds a finished search (its id is set), then drops the oldest beyond historyLimit().
    [[nodiscard]] bool addHistory(HistoryEntry &entry);
    [[nodiscard]] bool removeHistory(qint64 id);
    [[nodiscard]] bool clearHistory();
    int historyLimit() const { return m_historyLimit; }
    void setHistoryLimit(int limit) { m_historyLimit = std::max(1, limit); }

    QString lastError() const { return m_error; }
    // The last save() failed because the name is taken.
    bool isNameTaken() const { return m_nameTaken; }

private:
    bool ready();
    bool fail(const QString &what, const QString &detail);
    bool writeSeen(qint64 id, const SeenItems &seen);
    std::optional<SearchRequest> readRequest(const QString &catalogs, const QString &parameters, int maxItems);

    Database &m_database;
    QString m_error;
    bool m_nameTaken = false;
    int m_historyLimit = kDefaultHistoryLimit;
};

} // namespace StacScope
