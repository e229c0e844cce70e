// AoiStore: the areas of interest in the SQLite store, read back from the file after a reopen
// (names, kinds, geometries, visibility, order, the active one); a save replaces the list whole;
// a row whose geometry no longer reads is left out and said.
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "src/store/aoistore.h"
#include "src/store/database.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

Aoi aoi(const QString &name, Aoi::Kind kind, const Geometry &geometry, bool visible = true)
{
    Aoi a;
    a.name = name;
    a.kind = kind;
    a.geometry = geometry;
    a.visible = visible;
    return a;
}

} // namespace

class TestAoiStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripThroughTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"store.sqlite"_s);
        const Geometry box = Geometry::fromBox(GeoBox { 10, 40, 12, 42 });
        const Geometry point = *Geometry::fromGeoJson(
            QJsonObject { { u"type"_s, u"Point"_s }, { u"coordinates"_s, QJsonArray { 2.35, 48.85 } } });
        {
            Database db(path);
            QVERIFY2(db.open(), qPrintable(db.lastError()));
            AoiStore store(db);
            QVERIFY(store.load().aois.isEmpty());
            QVERIFY2(
                store.save({ aoi(u"Alps"_s, Aoi::Kind::Rectangle, box), aoi(u"Paris"_s, Aoi::Kind::Point, point, false),
                               aoi(u"Farm 7"_s, Aoi::Kind::Imported, box) },
                    1),
                qPrintable(store.lastError()));
        }
        Database db(path);
        QVERIFY2(db.open(), qPrintable(db.lastError()));
        AoiStore store(db);
        AoiStore::Saved saved = store.load();
        QVERIFY2(store.lastError().isEmpty(), qPrintable(store.lastError()));
        QCOMPARE(saved.aois.size(), 3);
        QCOMPARE(saved.active, 1);
        QCOMPARE(saved.aois[0].name, u"Alps"_s);
        QCOMPARE(saved.aois[0].kind, Aoi::Kind::Rectangle);
        QCOMPARE(saved.aois[0].geometry, box);
        QCOMPARE(saved.aois[1].name, u"Paris"_s);
        QCOMPARE(saved.aois[1].kind, Aoi::Kind::Point);
        QCOMPARE(saved.aois[1].geometry, point);
        QVERIFY(!saved.aois[1].visible);
        QCOMPARE(saved.aois[2].kind, Aoi::Kind::Imported);

        // A save replaces the list: one left, none active.
        QVERIFY(store.save({ saved.aois[2] }, -1));
        saved = store.load();
        QCOMPARE(saved.aois.size(), 1);
        QCOMPARE(saved.aois[0].name, u"Farm 7"_s);
        QCOMPARE(saved.active, -1);
    }

    void unreadableRowLeftOutAndSaid()
    {
        QTemporaryDir dir;
        Database db(dir.filePath(u"store.sqlite"_s));
        QVERIFY2(db.open(), qPrintable(db.lastError()));
        AoiStore store(db);
        QVERIFY(store.save({ aoi(u"Good"_s, Aoi::Kind::Polygon, Geometry::fromBox(GeoBox { 0, 0, 1, 1 })) }, 0));
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(
            u"INSERT INTO aois (position, name, kind, geometry) VALUES (1, 'Broken', 'polygon', '{ not json')"_s));
        const AoiStore::Saved saved = store.load();
        QCOMPARE(saved.aois.size(), 1);
        QCOMPARE(saved.aois[0].name, u"Good"_s);
        QCOMPARE(saved.active, 0);
        QVERIFY2(store.lastError().contains(u"Broken"_s), qPrintable(store.lastError()));
    }
};

QTEST_GUILESS_MAIN(TestAoiStore)
#include "tst_aoistore.moc"
