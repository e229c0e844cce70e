// TargetListModel: tasking targets added, updated, removed and selected by id, under the model tester.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include "src/models/targetlistmodel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {
Target target(const QString &name, const Geometry &geometry)
{
    Target t;
    t.name = name;
    t.geometry = geometry;
    return t;
}
} // namespace

class TestTargetListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addUpdateSelectRemove()
    {
        TargetListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy added(&model, &TargetListModel::targetAdded);
        QSignalSpy updated(&model, &TargetListModel::targetUpdated);
        QSignalSpy removed(&model, &TargetListModel::targetRemoved);
        QSignalSpy selection(&model, &TargetListModel::selectionChanged);
        QSignalSpy changed(&model, &TargetListModel::targetsChanged);

        const QString port = model.add(target(u"Port"_s, Geometry::point(4.4, 51.9)));
        Target field = target(u"Field"_s, Geometry::fromBox({ 5, 52, 5.1, 52.1 }));
        field.provider = u"Acme"_s;
        field.status = u"Draft"_s;
        const QString fieldId = model.add(field);
        QVERIFY(!QUuid::fromString(port).isNull());
        QVERIFY(!QUuid::fromString(fieldId).isNull());
        QVERIFY(port != fieldId);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(added.count(), 2);
        QCOMPARE(added.at(1).first().toString(), fieldId);
        QCOMPARE(changed.count(), 2);

        const QModelIndex second = model.index(1);
        QCOMPARE(model.data(second).toString(), u"Field"_s);
        QCOMPARE(model.data(second, TargetListModel::IdRole).toString(), fieldId);
        QCOMPARE(model.data(second, TargetListModel::ProviderRole).toString(), u"Acme"_s);
        QCOMPARE(model.data(second, TargetListModel::StatusRole).toString(), u"Draft"_s);
        QCOMPARE(model.data(second, TargetListModel::GeometryTypeRole).toString(), u"Polygon"_s);
        QCOMPARE(model.data(model.index(0), TargetListModel::GeometryTypeRole).toString(), u"Point"_s);
        QVERIFY(model.data(second, Qt::ToolTipRole).toString().contains(u"Acme"_s));

        // Unsupported geometries and duplicate ids are refused.
        QVERIFY(model.add(target(u"Empty"_s, Geometry())).isEmpty());
        Target duplicate = target(u"Again"_s, Geometry::point(0, 0));
        duplicate.id = port;
        QVERIFY(model.add(duplicate).isEmpty());
        QCOMPARE(model.rowCount(), 2);

        QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
        field.id = fieldId;
        field.status = u"Submitted"_s;
        QVERIFY(model.update(field));
        QCOMPARE(updated.count(), 1);
        QCOMPARE(dataChanged.count(), 1);
        QCOMPARE(model.find(fieldId)->status, u"Submitted"_s);
        QVERIFY(model.update(field)); // unchanged: no signals
        QCOMPARE(updated.count(), 1);
        Target unknown = field;
        unknown.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QVERIFY(!model.update(unknown));

        QVERIFY(model.select(fieldId));
        QCOMPARE(model.selectedId(), fieldId);
        QCOMPARE(selection.count(), 1);
        QVERIFY(model.data(second, TargetListModel::SelectedRole).toBool());
        QVERIFY(!model.data(model.index(0), TargetListModel::SelectedRole).toBool());
        QVERIFY(model.select(fieldId));
        QCOMPARE(selection.count(), 1);
        QVERIFY(!model.select(u"nope"_s));
        QCOMPARE(model.selectedId(), fieldId);

        // Removing the selected target clears the selection first.
        QVERIFY(model.remove(fieldId));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.selectedId(), QString());
        QCOMPARE(selection.count(), 2);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.indexOf(port), 0);
        QCOMPARE(model.indexOf(fieldId), -1);
        QVERIFY(!model.remove(fieldId));

        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void keepsGivenIds()
    {
        TargetListModel model;
        Target t = target(u"Given"_s, Geometry::point(1, 2));
        t.id = u"0b1c5f4e-8d8e-4c53-9d1a-1f3c2b4a5e6f"_s;
        QCOMPARE(model.add(t), t.id);
        QCOMPARE(model.at(0), t);
    }
};

QTEST_MAIN(TestTargetListModel)
#include "tst_targetlistmodel.moc"
