// SavedSearchStore: saved searches and the search history in the SQLite store. The schema step
// (migration 7) upgrades a version 6 file and keeps its rows; saved searches read back after a
// reopen; names are unique (replace on request), renamed and deleted with what they had seen; the
// history keeps the newest N; a run hands back exactly the results its previous run did not
// return. Expected values are written out by hand.
#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "src/store/database.h"
#include "src/store/migrations.h"
#include "src/store/savedsearchstore.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

const QString kApi = u"api:https://stac.example.com/v1"_s;
const QString kDemo = u"static::/demo/catalog.json"_s;

QVariant scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next()) {
        return {};
    }
    return q.value(0);
}

SearchRequest request(const QStringList &collections, int maxItems = 500)
{
    SearchRequest r;
    r.catalogs = { kApi };
    r.parameters.collections = collections;
    r.parameters.bbox = GeoBox { 5, 45, 10, 48 };
    r.parameters.sortBy = { SortField { u"datetime"_s, true } };
    r.parameters.limit = 100;
    r.maxItems = maxItems;
    return r;
}

SeenItem item(const QString &catalog, const QString &collection, const QString &id)
{
    return SeenItem { catalog, collection, id };
}

} // namespace

class TestSavedSearchStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void migrationUpgradesAVersion6File()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"store.sqlite"_s);
        {
            Database old(path, schemaMigrations().mid(0, 6));
            QVERIFY2(old.open(), qPrintable(old.lastError()));
            QCOMPARE(old.schemaVersion(), 6);
            QSqlQuery q(old.connection());
            QVERIFY(q.exec(u"INSERT INTO aois (position, name, kind, geometry) VALUES (0, 'Kept', 'point', "
                           "'{\"type\":\"Point\",\"coordinates\":[1,2]}')"_s));
        }
        Database db(path);
        QVERIFY2(db.open(), qPrintable(db.lastError()));
        QVERIFY(db.schemaVersion() >= 7);
        QCOMPARE(scalar(db, u"SELECT name FROM aois"_s).toString(), u"Kept"_s);
        for (const QString &table : { u"saved_searches"_s, u"saved_search_seen"_s, u"search_history"_s }) {
            QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'"_s.arg(table))
                         .toInt(),
                1);
        }
        SavedSearchStore store(db);
        QVERIFY(store.savedSearches().isEmpty());
        QVERIFY(store.history().isEmpty());
        QVERIFY2(store.lastError().isEmpty(), qPrintable(store.lastError()));
    }

    void saveAndReadBackAfterReopen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"store.sqlite"_s);
        qint64 id = 0;
        {
            Database db(path);
            QVERIFY(db.open());
            SavedSearchStore store(db);
            const std::optional<qint64> saved = store.save(u"  Alps weekly "_s, request({ u"sentinel-2-l2a"_s }),
                { item(kApi, u"sentinel-2-l2a"_s, u"S2_A"_s), item(kApi, u"sentinel-2-l2a"_s, u"S2_B"_s) });
            QVERIFY2(saved, qPrintable(store.lastError()));
            id = *saved;
            QVERIFY(store.save(u"Burgundy"_s, request({}, 0), {}));
        }
        Database db(path);
        QVERIFY(db.open());
        SavedSearchStore store(db);
        const QList<SavedSearch> all = store.savedSearches();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].name, u"Alps weekly"_s); // trimmed; by name
        QCOMPARE(all[0].id, id);
        QCOMPARE(all[0].request.catalogs, QStringList { kApi });
        QCOMPARE(all[0].request.parameters.collections, QStringList { u"sentinel-2-l2a"_s });
        QCOMPARE(all[0].request.parameters.bbox, std::optional<GeoBox>(GeoBox { 5, 45, 10, 48 }));
        QCOMPARE(all[0].request.parameters.sortBy.size(), 1);
        QVERIFY(all[0].request.parameters.sortBy[0].descending);
        QCOMPARE(all[0].request.maxItems, 500);
        QCOMPARE(all[0].seenCount, 2);
        QVERIFY(all[0].created.isValid());
        QCOMPARE(all[0].lastRun, all[0].created);
        QVERIFY(qAbs(all[0].created.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        QCOMPARE(all[1].name, u"Burgundy"_s);
        QCOMPARE(all[1].request.maxItems, 0);
        QCOMPARE(all[1].seenCount, 0);
        QCOMPARE(store.seenItems(id),
            (SeenItems { item(kApi, u"sentinel-2-l2a"_s, u"S2_A"_s), item(kApi, u"sentinel-2-l2a"_s, u"S2_B"_s) }));
        QVERIFY(store.find(u"Burgundy"_s));
        QVERIFY(!store.find(u"burgundy"_s));
    }

    void namesAreUniqueUnlessReplaced()
    {
        Database db(u":memory:"_s);
        QVERIFY(db.open());
        SavedSearchStore store(db);
        const std::optional<qint64> first
            = store.save(u"Weekly"_s, request({ u"a"_s }), { item(kApi, u"a"_s, u"1"_s), item(kApi, u"a"_s, u"2"_s) });
        QVERIFY(first);
        QVERIFY(!store.save(u"Weekly"_s, request({ u"b"_s }), {}));
        QVERIFY(store.isNameTaken());
        QCOMPARE(store.lastError(), u"A saved search is already called \"Weekly\""_s);
        QVERIFY(!store.save(u"   "_s, request({}), {}));
        QVERIFY(!store.isNameTaken());
        const std::optional<qint64> replaced
            = store.save(u"Weekly"_s, request({ u"b"_s }, 20), { item(kApi, u"b"_s, u"9"_s) }, true);
        QVERIFY2(replaced, qPrintable(store.lastError()));
        QCOMPARE(*replaced, *first);
        const QList<SavedSearch> all = store.savedSearches();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0].request.parameters.collections, QStringList { u"b"_s });
        QCOMPARE(all[0].request.maxItems, 20);
        QCOMPARE(store.seenItems(*first), SeenItems { item(kApi, u"b"_s, u"9"_s) });
    }

    void renameAndDelete()
    {
        Database db(u":memory:"_s);
        QVERIFY(db.open());
        SavedSearchStore store(db);
        const qint64 a = *store.save(u"A"_s, request({}), { item(kApi, u"c"_s, u"1"_s), item(kDemo, u"c"_s, u"1"_s) });
        const qint64 b = *store.save(u"B"_s, request({}), { item(kApi, u"c"_s, u"7"_s) });
        QVERIFY2(store.rename(a, u"Zeta"_s), qPrintable(store.lastError()));
        QVERIFY(!store.rename(b, u"Zeta"_s));
        QVERIFY(store.isNameTaken());
        QVERIFY(!store.rename(b, u""_s));
        QVERIFY(!store.rename(9999, u"Nobody"_s));
        QCOMPARE(store.lastError(), u"The saved search is no longer there"_s);
        QList<SavedSearch> all = store.savedSearches();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].name, u"B"_s);
        QCOMPARE(all[1].name, u"Zeta"_s);
        QCOMPARE(all[1].seenCount, 2);

        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM saved_search_seen"_s).toInt(), 3);
        QVERIFY2(store.remove(a), qPrintable(store.lastError()));
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM saved_search_seen"_s).toInt(), 1); // its two went with it
        QVERIFY(!store.remove(a));
        all = store.savedSearches();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0].id, b);
    }

    void runsHandBackWhatThePreviousRunDidNotReturn()
    {
        Database db(u":memory:"_s);
        QVERIFY(db.open());
        SavedSearchStore store(db);
        const qint64 id = *store.save(u"W"_s, request({}),
            { item(kApi, u"s2"_s, u"A"_s), item(kApi, u"s2"_s, u"B"_s), item(kApi, u"s2"_s, u"C"_s) });
        // B and C again; D is new; A of another collection and C of another catalog are other items.
        std::optional<SeenItems> fresh = store.recordRun(id,
            { item(kApi, u"s2"_s, u"B"_s), item(kApi, u"s2"_s, u"C"_s), item(kApi, u"s2"_s, u"D"_s),
                item(kApi, u"landsat"_s, u"A"_s), item(kDemo, u"s2"_s, u"C"_s) });
        QVERIFY2(fresh, qPrintable(store.lastError()));
        QCOMPARE(*fresh,
            (SeenItems {
                item(kApi, u"s2"_s, u"D"_s), item(kApi, u"landsat"_s, u"A"_s), item(kDemo, u"s2"_s, u"C"_s) }));
        // Nothing new.
        fresh = store.recordRun(id, { item(kApi, u"s2"_s, u"B"_s), item(kApi, u"s2"_s, u"D"_s) });
        QVERIFY(fresh);
        QVERIFY(fresh->isEmpty());
        // A was not returned by the previous run (only B and D were): new again.
        fresh = store.recordRun(id, { item(kApi, u"s2"_s, u"A"_s), item(kApi, u"s2"_s, u"B"_s) });
        QVERIFY(fresh);
        QCOMPARE(*fresh, SeenItems { item(kApi, u"s2"_s, u"A"_s) });
        QCOMPARE(store.seenItems(id), (SeenItems { item(kApi, u"s2"_s, u"A"_s), item(kApi, u"s2"_s, u"B"_s) }));
        QCOMPARE(store.savedSearches().at(0).seenCount, 2);
        // An empty run forgets everything; a search that is gone is an error and changes nothing.
        fresh = store.recordRun(id, {});
        QVERIFY(fresh && fresh->isEmpty());
        QCOMPARE(store.seenItems(id).size(), 0);
        QVERIFY(!store.recordRun(id + 100, { item(kApi, u"s2"_s, u"Z"_s) }));
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM saved_search_seen"_s).toInt(), 0);
    }

    void itemsWithoutACollection()
    {
        // STAC items may have no collection: remembered with an empty one, and not new next time.
        Database db(u":memory:"_s);
        QVERIFY(db.open());
        SavedSearchStore store(db);
        const std::optional<qint64> id = store.save(u"Loose"_s, request({}), { item(kDemo, QString(), u"x1"_s) });
        QVERIFY2(id, qPrintable(store.lastError()));
        const std::optional<SeenItems> fresh
            = store.recordRun(*id, { item(kDemo, QString(), u"x1"_s), item(kDemo, QString(), u"x2"_s) });
        QVERIFY2(fresh, qPrintable(store.lastError()));
        QCOMPARE(*fresh, SeenItems { item(kDemo, QString(), u"x2"_s) });
    }

    void historyKeepsTheNewest()
    {
        Database db(u":memory:"_s);
        QVERIFY(db.open());
        SavedSearchStore store(db);
        QCOMPARE(store.historyLimit(), 200);
        store.setHistoryLimit(3);
        const QDateTime t0(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC);
        for (int i = 0; i < 5; ++i) {
            HistoryEntry e;
            e.time = t0.addSecs(60 * i);
            e.request = request({ u"c%1"_s.arg(i) }, 100 + i);
            e.returned = 10 * i;
            if (i % 2 == 0) {
                e.matched = 1000 + i;
            }
            e.savedName = i == 4 ? u"Weekly"_s : QString();
            QVERIFY2(store.addHistory(e), qPrintable(store.lastError()));
            QVERIFY(e.id > 0);
        }
        const QList<HistoryEntry> h = store.history();
        QCOMPARE(h.size(), 3);
        // Newest first: runs 4, 3, 2.
        QCOMPARE(h[0].request.parameters.collections, QStringList { u"c4"_s });
        QCOMPARE(h[0].returned, 40);
        QCOMPARE(h[0].matched, std::optional<qint64>(1004));
        QCOMPARE(h[0].savedName, u"Weekly"_s);
        QCOMPARE(h[0].time, QDateTime(QDate(2026, 1, 5), QTime(9, 4), Qt::UTC));
        QCOMPARE(h[0].request.maxItems, 104);
        QCOMPARE(h[1].request.parameters.collections, QStringList { u"c3"_s });
        QVERIFY(!h[1].matched);
        QCOMPARE(h[1].savedName, QString());
        QCOMPARE(h[2].request.parameters.collections, QStringList { u"c2"_s });
        QCOMPARE(h[2].returned, 20);

        QVERIFY(store.removeHistory(h[1].id));
        QCOMPARE(store.history().size(), 2);
        QVERIFY(store.clearHistory());
        QVERIFY(store.history().isEmpty());
    }

    void unreadableRowsAreLeftOutAndSaid()
    {
        Database db(u":memory:"_s);
        QVERIFY(db.open());
        SavedSearchStore store(db);
        QVERIFY(store.save(u"Good"_s, request({}), {}));
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(u"INSERT INTO saved_searches (name, parameters) VALUES ('Broken', '{\"limit\": -4}')"_s));
        const QList<SavedSearch> all = store.savedSearches();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0].name, u"Good"_s);
        QCOMPARE(store.lastError(), u"Some saved searches could not be read and were left out: Broken"_s);
    }

    void closedDatabaseSaysSo()
    {
        Database db(u"/proc/no-such-dir/store.sqlite"_s);
        QVERIFY(!db.open());
        SavedSearchStore store(db);
        QVERIFY(!store.save(u"X"_s, request({}), {}));
        QVERIFY(store.lastError().startsWith(u"The saved searches are not available"_s));
    }
};

QTEST_GUILESS_MAIN(TestSavedSearchStore)
#include "tst_savedsearchstore.moc"
