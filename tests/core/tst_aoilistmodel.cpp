// AoiListModel: several named AOIs, visibility, one active, derived area and warnings.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "src/models/aoilistmodel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

class TestAoiListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addRenameHideRemove()
    {
        AoiListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy active(&model, &AoiListModel::activeChanged);
        const int a = model.add(Aoi::Kind::Rectangle, Geometry::fromBox({ 0, 0, 1, 1 }));
        const int b = model.add(Aoi::Kind::Point, Geometry::point(5, 6), u"Harbour"_s);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.activeRow(), b);
        QCOMPARE(active.count(), 2);
        QCOMPARE(model.data(model.index(a)).toString(), u"Rectangle 1"_s);
        QCOMPARE(model.data(model.index(b)).toString(), u"Harbour"_s);
        QCOMPARE(model.at(a).vertexCount, 4);
        QVERIFY(model.at(a).areaKm2 > 12000 && model.at(a).areaKm2 < 12500);
        QCOMPARE(model.at(b).vertexCount, 1);

        QVERIFY(model.setData(model.index(a), u"Lake"_s, Qt::EditRole));
        QCOMPARE(model.at(a).name, u"Lake"_s);
        QVERIFY(!model.setData(model.index(a), u"  "_s, Qt::EditRole)); // names are never empty
        QVERIFY(model.setData(model.index(a), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!model.at(a).visible);

        model.setActiveRow(a);
        QCOMPARE(model.active()->name, u"Lake"_s);
        model.remove(b);
        QCOMPARE(model.activeRow(), a);
        model.remove(a);
        QCOMPARE(model.activeRow(), -1);
        QCOMPARE(model.active(), nullptr);
    }

    void removingAnEarlierRowKeepsTheActiveOne()
    {
        AoiListModel model;
        model.add(Aoi::Kind::Polygon, Geometry::fromBox({ 0, 0, 1, 1 }));
        model.add(Aoi::Kind::Polygon, Geometry::fromBox({ 2, 2, 3, 3 }), u"second"_s);
        model.remove(0);
        QCOMPARE(model.activeRow(), 0);
        QCOMPARE(model.active()->name, u"second"_s);
    }

    void warnings()
    {
        AoiListModel model;
        const auto bowTie = Geometry::fromWkt(u"POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))"_s);
        const int row = model.add(Aoi::Kind::Polygon, *bowTie);
        QVERIFY(model.at(row).selfIntersecting);
        QVERIFY(AoiListModel::summary(model.at(row)).contains(u"crosses itself"_s));
        const int crossing = model.add(Aoi::Kind::Rectangle, Geometry::fromBox({ 170, -10, -170, 10 }));
        QVERIFY(model.at(crossing).bounds.crossesAntimeridian());
        QVERIFY(AoiListModel::summary(model.at(crossing)).contains(u"180"_s));
        // Editing the geometry re-derives everything.
        model.setGeometry(row, Geometry::fromBox({ 0, 0, 2, 2 }));
        QVERIFY(!model.at(row).selfIntersecting);
        QCOMPARE(model.at(row).vertexCount, 4);
    }
};

QTEST_GUILESS_MAIN(TestAoiListModel)
#include "tst_aoilistmodel.moc"
