// FootprintLegend: lists the footprint layer's collections with their colours at the bottom-left
// of the map, follows the layer's visibility and hides while there are no footprints.
#include <QSet>
#include <QTest>
#include <QWidget>

#include "src/stac/itemstore.h"
#include "ui/map/footprintlayer.h"
#include "ui/map/footprintlegend.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

// A 5-degree square footprint at `lon`.
QByteArray feature(const char *id, const char *collection, int lon)
{
    const QByteArray w = QByteArray::number(lon);
    const QByteArray e = QByteArray::number(lon + 5);
    return "{\"type\":\"Feature\",\"id\":\"" + QByteArray(id) + "\",\"collection\":\"" + QByteArray(collection)
        + "\",\"bbox\":[" + w + ",0," + e + ",5],\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[" + w + ",0],["
        + e + ",0],[" + e + ",5],[" + w + ",5],[" + w
        + ",0]]]},\"properties\":{\"datetime\":\"2024-01-01T00:00:00Z\"}}";
}

void appendPage(ItemStore &store, const QList<QByteArray> &features)
{
    const QByteArray json = "{\"type\":\"FeatureCollection\",\"features\":[" + features.join(',') + "]}";
    ItemPage page = ItemParser().parsePage(json);
    QVERIFY2(page.ok(), qPrintable(page.error));
    store.append(std::move(page), json);
}

} // namespace

class TestFootprintLegend : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hiddenWithoutFootprints()
    {
        ItemStore store;
        FootprintLayer layer(&store);
        QWidget map;
        map.resize(600, 400);
        FootprintLegend legend(&layer, &map);
        map.show();
        QVERIFY(legend.entries().isEmpty());
        QVERIFY(!legend.isVisible());
    }

    void listsCollectionsAtBottomLeft()
    {
        ItemStore store;
        FootprintLayer layer(&store);
        QWidget map;
        map.resize(600, 400);
        FootprintLegend legend(&layer, &map);
        connect(&layer, &MapLayer::changed, &legend, &FootprintLegend::refresh);
        map.show();

        appendPage(store, { feature("a", "optical", 0), feature("b", "sar", 20), feature("c", "optical", 40) });
        layer.syncAppended();
        QVERIFY(legend.isVisible());
        QCOMPARE(legend.entries().size(), 2);
        QCOMPARE(legend.entries().at(0).name, u"optical"_s);
        QCOMPARE(legend.entries().at(0).color, layer.colorFor(u"optical"_s));
        QCOMPARE(legend.entries().at(1).name, u"sar"_s);
        QCOMPARE(legend.entries().at(1).color, layer.colorFor(u"sar"_s));
        QVERIFY(legend.entries().at(0).color != legend.entries().at(1).color);

        // Bottom-left corner, just above the scale bar (never over it), inside the map.
        QVERIFY(legend.geometry().left() < 20);
        QVERIFY(legend.geometry().bottom() > map.height() - 70);
        QVERIFY(legend.geometry().bottom() < map.height() - 40);
        QVERIFY(map.rect().contains(legend.geometry()));
        QVERIFY(legend.height() > 2 * legend.fontMetrics().height());

        // It follows the map's size.
        map.resize(700, 500);
        QVERIFY(legend.geometry().bottom() > map.height() - 70);
        QVERIFY(legend.geometry().bottom() < map.height() - 40);

        // Rendering does not crash and draws something.
        const QImage image = legend.grab().toImage();
        QVERIFY(!image.isNull());
    }

    // Two launches meet the same collections in opposite orders: each keeps its colour, the three
    // colours differ; the legend lists them by name, items without a collection last, named.
    void coloursStableAcrossLaunches()
    {
        ItemStore first;
        ItemStore second;
        appendPage(
            first, { feature("a", "demo-optical", 0), feature("b", "demo-sar", 20), feature("c", "demo-archive", 40) });
        appendPage(second,
            { feature("c", "demo-archive", 40), feature("b", "demo-sar", 20), feature("a", "demo-optical", 0),
                feature("d", "", 60) });
        FootprintLayer one(&first);
        FootprintLayer two(&second);
        one.syncAppended();
        two.syncAppended();
        QSet<QRgb> colours;
        for (const QString &name : { u"demo-optical"_s, u"demo-sar"_s, u"demo-archive"_s }) {
            QCOMPARE(one.colorFor(name), two.colorFor(name));
            colours.insert(one.colorFor(name).rgb());
        }
        QCOMPARE(colours.size(), 3);
        // The demo's three are told apart at a glance: no two warm colours side by side.
        QCOMPARE(one.colorFor(u"demo-archive"_s), QColor(0x2c, 0xa0, 0x2c)); // green
        QCOMPARE(one.colorFor(u"demo-sar"_s), QColor(0x1f, 0x77, 0xb4)); // blue
        QCOMPARE(one.colorFor(u"demo-optical"_s), QColor(0xe6, 0x76, 0x2a)); // orange
        QVERIFY(!colours.contains(two.colorFor(QString()).rgb())); // its own colour too

        QWidget map;
        map.resize(600, 400);
        FootprintLegend legend(&two, &map);
        map.show();
        legend.refresh();
        QStringList names;
        for (const auto &entry : legend.entries()) {
            names.append(entry.name);
        }
        QCOMPARE(names, QStringList({ u"demo-archive"_s, u"demo-optical"_s, u"demo-sar"_s, u"no collection"_s }));
        QCOMPARE(legend.entries().last().color, two.colorFor(QString()));
    }

    void followsVisibilityAndReset()
    {
        ItemStore store;
        appendPage(store, { feature("a", "optical", 0) });
        FootprintLayer layer(&store);
        QWidget map;
        map.resize(600, 400);
        FootprintLegend legend(&layer, &map);
        connect(&layer, &MapLayer::changed, &legend, &FootprintLegend::refresh);
        map.show();
        QVERIFY(legend.isVisible());

        layer.setVisible(false);
        QVERIFY(!legend.isVisible());
        layer.setVisible(true);
        QVERIFY(legend.isVisible());

        store.clear();
        layer.syncReset();
        QVERIFY(!legend.isVisible());
    }
};

QTEST_MAIN(TestFootprintLegend)
#include "tst_footprintlegend.moc"
