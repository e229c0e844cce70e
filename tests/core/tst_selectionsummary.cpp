// What several selected results have in common (the details pane's multi-selection summary),
// from a FeatureCollection written here with known values.
#include <QDateTime>
#include <QTest>

#include "src/stac/itemparser.h"
#include "src/stac/itemstore.h"
#include "src/stac/selectionsummary.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QByteArray item(const char *id, const char *collection, const char *datetime, const char *cloud, const char *platform,
    const char *bbox, const char *assets)
{
    QByteArray props = QByteArray("\"datetime\":\"") + datetime + "\"";
    if (cloud) {
        props += QByteArray(",\"eo:cloud_cover\":") + cloud;
    }
    if (platform) {
        props += QByteArray(",\"platform\":\"") + platform + "\"";
    }
    QByteArray json = QByteArray("{\"type\":\"Feature\",\"stac_version\":\"1.0.0\",\"id\":\"") + id + "\",";
    if (collection) {
        json += QByteArray("\"collection\":\"") + collection + "\",";
    }
    return json + "\"bbox\":" + bbox + ",\"geometry\":null,\"properties\":{" + props + "},\"links\":[],\"assets\":{"
        + assets + "}}";
}

} // namespace

class TestSelectionSummary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QByteArray page = "{\"type\":\"FeatureCollection\",\"features\":["
            + item("a", "sentinel-2", "2024-05-02T10:00:00Z", "12.5", "sentinel-2a", "[10,40,11,41]",
                "\"visual\":{\"href\":\"a.tif\",\"file:size\":1000},\"thumbnail\":{\"href\":\"a.jpg\"}")
            + ","
            + item("b", "sentinel-2", "2024-05-09T10:30:00Z", "40", "sentinel-2b", "[12,39,13,42]",
                "\"visual\":{\"href\":\"b.tif\",\"file:size\":3000}")
            + ","
            + item("c", "landsat", "2024-04-28T09:00:00Z", nullptr, "landsat-9", "[9,41,10.5,43]",
                "\"visual\":{\"href\":\"c.tif\"},\"mtl\":{\"href\":\"c.txt\",\"file:size\":20}")
            + "," + item("d", nullptr, "2024-06-01T00:00:00Z", "0", nullptr, "[0,0,1,1]", "") + "]}";
        ItemPage parsed = ItemParser().parsePage(page);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QCOMPARE(m_store.append(std::move(parsed), page), 4);
    }

    void threeOfFour()
    {
        const SelectionSummary s = SelectionSummary::of(m_store, { 0, 1, 2 });
        QCOMPARE(s.count, 3);
        QCOMPARE(s.collections.size(), 2);
        QCOMPARE(s.collections[0], (QPair<QString, int>(u"sentinel-2"_s, 2)));
        QCOMPARE(s.collections[1], (QPair<QString, int>(u"landsat"_s, 1)));
        QCOMPARE(s.platforms.size(), 3);
        QCOMPARE(s.platforms[0].first, u"landsat-9"_s); // one each: by name
        QCOMPARE(s.timed, 3);
        QCOMPARE(s.firstTime, QDateTime(QDate(2024, 4, 28), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch());
        QCOMPARE(s.lastTime, QDateTime(QDate(2024, 5, 9), QTime(10, 30), Qt::UTC).toMSecsSinceEpoch());
        QCOMPARE(s.clouded, 2); // c has no cloud cover
        QCOMPARE(s.cloudMin, 12.5f);
        QCOMPARE(s.cloudMax, 40.0f);
        QCOMPARE(s.cloudMean, 26.25);
        QVERIFY(s.extent);
        QCOMPARE(s.extent->west, 9.0);
        QCOMPARE(s.extent->south, 39.0);
        QCOMPARE(s.extent->east, 13.0);
        QCOMPARE(s.extent->north, 43.0);
        QCOMPARE(s.assetsScanned, 3);
        QCOMPARE(s.assets.size(), 3);
        QCOMPARE(s.assets[0].key, u"visual"_s);
        QCOMPARE(s.assets[0].items, 3);
        QCOMPARE(s.assets[0].bytes, qint64(4000)); // c's visual has no size
        QCOMPARE(s.assets[0].sized, 2);
        QCOMPARE(s.assets[1].key, u"mtl"_s); // one item each: by key
        QCOMPARE(s.assets[1].bytes, qint64(20));
        QCOMPARE(s.assets[2].key, u"thumbnail"_s);
        QCOMPARE(s.assets[2].items, 1);
        QCOMPARE(s.assets[2].sized, 0);
    }

    void noCollectionAndBadRows()
    {
        const SelectionSummary s = SelectionSummary::of(m_store, { 3, 0, -1, 99 });
        QCOMPARE(s.count, 2);
        QCOMPARE(s.collections.size(), 2);
        QCOMPARE(s.collections[0], (QPair<QString, int>(QString(), 1))); // "" sorts first at a tie
        QCOMPARE(s.collections[1], (QPair<QString, int>(u"sentinel-2"_s, 1)));
        QCOMPARE(s.platforms.size(), 1);
        QCOMPARE(s.clouded, 2);
        QCOMPARE(s.cloudMin, 0.0f);
        QCOMPARE(s.cloudMean, 6.25);
    }

private:
    ItemStore m_store;
};

QTEST_MAIN(TestSelectionSummary)
#include "tst_selectionsummary.moc"
