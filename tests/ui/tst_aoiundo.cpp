// Undo and redo of every AOI action, driven as a user would: a rectangle dragged on the map, a
// vertex dragged with the edit tool, a rename typed in the list, the Delete button (and the
// message's Undo), a file imported in one step.
#include <QAbstractItemDelegate>
#include <QFile>
#include <QLineEdit>
#include <QListView>
#include <QMainWindow>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

#include "ui/aoi/aoicontroller.h"
#include "ui/aoi/aoipanel.h"
#include "ui/common/messagebar.h"
#include "ui/map/mapwidget.h"
#include "ui/search/searchpanel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

class TestAoiUndo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_window = std::make_unique<QMainWindow>();
        m_map = new MapWidget(m_window.get());
        m_window->setCentralWidget(m_map);
        m_search = new SearchPanel(m_window.get());
        m_messages = new MessageBar(m_window.get());
        m_undo = new QUndoStack(m_window.get());
        m_aois = new AoiController(m_window.get(), m_map, m_search, m_messages, m_undo);
        m_window->resize(1200, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_map->setZoom(5);
        m_map->setCenterLonLat(10, 45);
    }

    void cleanup() { m_window.reset(); }

    void drawnRectangleUndoneAndRedone()
    {
        QTest::mouseClick(m_aois->panel()->toolButton(AoiPanel::Tool::Rectangle), Qt::LeftButton);
        const QPoint from = m_map->viewport().lonLatToScreen(8, 47).toPoint();
        const QPoint to = m_map->viewport().lonLatToScreen(12, 43).toPoint();
        QTest::mousePress(m_map, Qt::LeftButton, Qt::NoModifier, from);
        QTest::mouseMove(m_map, (from + to) / 2);
        QTest::mouseMove(m_map, to);
        QTest::mouseRelease(m_map, Qt::LeftButton, Qt::NoModifier, to);
        AoiListModel *model = m_aois->model();
        QCOMPARE(model->rowCount(), 1);
        const QString name = model->at(0).name;
        const GeoBox drawn = model->at(0).bounds;
        QVERIFY(std::abs(drawn.west - 8) < 0.2 && std::abs(drawn.north - 47) < 0.2);
        QCOMPARE(m_undo->undoText(), u"Add \u201c%1\u201d"_s.arg(name));

        m_undo->undo();
        QCOMPARE(model->rowCount(), 0);
        QCOMPARE(model->activeRow(), -1);
        QVERIFY(!m_search->activeAoi());
        m_undo->redo();
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->at(0).name, name); // the same area, not "Rectangle 2"
        QCOMPARE(model->activeRow(), 0);
        QCOMPARE(model->at(0).bounds.west, drawn.west);
        QCOMPARE(model->at(0).bounds.north, drawn.north);
    }

    void deleteUndoneFromTheMessage()
    {
        AoiListModel *model = m_aois->model();
        m_aois->add(Aoi::Kind::Rectangle, Geometry::fromBox({ 0, 0, 1, 1 }), u"West"_s);
        m_aois->add(Aoi::Kind::Rectangle, Geometry::fromBox({ 5, 5, 6, 6 }), u"Middle"_s);
        m_aois->add(Aoi::Kind::Rectangle, Geometry::fromBox({ 9, 9, 10, 10 }), u"East"_s);
        model->setVisible(1, false);
        model->setActiveRow(1);

        // Delete asks nothing: it deletes and says how to get the area back.
        auto *del = m_aois->panel()->findChild<QToolButton *>(u"aoiDelete"_s);
        QVERIFY(del);
        QTest::mouseClick(del, Qt::LeftButton);
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->at(0).name, u"West"_s);
        QCOMPARE(model->at(1).name, u"East"_s);
        QVERIFY(model->activeRow() < 0 || model->active()->name != u"Middle"_s);
        QVERIFY(m_messages->isVisible());
        QCOMPARE(m_messages->text(), u"Deleted \u201cMiddle\u201d."_s);
        QCOMPARE(m_messages->actionButton()->text(), u"Undo"_s);

        QTest::mouseClick(m_messages->actionButton(), Qt::LeftButton);
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->at(1).name, u"Middle"_s); // back in its place
        QVERIFY(!model->at(1).visible); // as it was: hidden
        QCOMPARE(model->at(1).bounds.west, 5.0);
        QCOMPARE(model->activeRow(), 1); // and active again
        QCOMPARE(m_search->activeAoi()->name, u"Middle"_s);

        // Redo deletes it again; the message's Undo no longer acts once the history moved on.
        m_undo->redo();
        QCOMPARE(model->rowCount(), 2);
        m_aois->remove(0);
        QCOMPARE(model->rowCount(), 1);
        m_undo->undo();
        m_undo->undo();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->at(0).name, u"West"_s);
        QCOMPARE(model->at(1).name, u"Middle"_s);
        QCOMPARE(model->at(2).name, u"East"_s);
    }

    void renameTypedInTheList()
    {
        AoiListModel *model = m_aois->model();
        m_aois->add(Aoi::Kind::Polygon, Geometry::fromBox({ 0, 0, 1, 1 }), u"Field"_s);
        QListView *list = m_aois->panel()->listView();
        list->setFocus();
        list->edit(model->index(0));
        auto *editor = list->findChild<QLineEdit *>();
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, u"Harbour"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(model->at(0).name, u"Harbour"_s); // the delegate commits on the next turn
        QCOMPARE(m_undo->undoText(), u"Rename \u201cField\u201d to \u201cHarbour\u201d"_s);
        const int steps = m_undo->count();

        m_undo->undo();
        QCOMPARE(model->at(0).name, u"Field"_s);
        m_undo->redo();
        QCOMPARE(model->at(0).name, u"Harbour"_s);
        QCOMPARE(m_undo->count(), steps); // the redo did not push anything

        // The same name again is no step at all.
        QVERIFY(model->setData(model->index(0), u"Harbour"_s));
        QCOMPARE(m_undo->count(), steps);
    }

    void vertexDragUndone()
    {
        AoiListModel *model = m_aois->model();
        m_aois->add(Aoi::Kind::Rectangle, Geometry::fromBox({ 8, 43, 12, 47 }), u"Box"_s);
        const auto ringOf = [model] {
            const auto r = model->at(0).geometry.ring(0);
            return std::vector<double>(r.begin(), r.end());
        };
        const std::vector<double> original = ringOf();
        QTest::mouseClick(m_aois->panel()->toolButton(AoiPanel::Tool::Edit), Qt::LeftButton);
        const QPoint corner = m_map->viewport().lonLatToScreen(12, 47).toPoint();
        const QPoint target = corner + QPoint(40, -30);
        QTest::mousePress(m_map, Qt::LeftButton, Qt::NoModifier, corner);
        QTest::mouseMove(m_map, corner + QPoint(10, -10));
        QTest::mouseMove(m_map, corner + QPoint(30, -20));
        QTest::mouseRelease(m_map, Qt::LeftButton, Qt::NoModifier, target);
        const std::vector<double> edited = ringOf();
        QVERIFY(edited != original);
        QVERIFY(model->at(0).bounds.east > 12.1);
        QCOMPARE(m_undo->undoText(), u"Edit \u201cBox\u201d"_s);

        // One drag, one step, however many moves it had.
        m_undo->undo();
        QVERIFY(ringOf() == original);
        QCOMPARE(model->at(0).bounds.east, 12.0);
        QCOMPARE(m_undo->undoText(), u"Add \u201cBox\u201d"_s);
        m_undo->redo();
        QVERIFY(ringOf() == edited);
    }

    void importIsOneStep()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"fields.geojson"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"type\":\"FeatureCollection\",\"features\":["
                   "{\"type\":\"Feature\",\"properties\":{\"name\":\"North field\"},\"geometry\":{\"type\":"
                   "\"Polygon\",\"coordinates\":[[[1,50],[2,50],[2,51],[1,51],[1,50]]]}},"
                   "{\"type\":\"Feature\",\"properties\":{\"name\":\"South field\"},\"geometry\":{\"type\":"
                   "\"Polygon\",\"coordinates\":[[[1,40],[2,40],[2,41],[1,41],[1,40]]]}}]}");
        file.close();
        AoiListModel *model = m_aois->model();
        m_aois->add(Aoi::Kind::Point, Geometry::point(3, 3), u"Well"_s);
        m_aois->importFiles({ path });
        QTRY_COMPARE(model->rowCount(), 3);
        QCOMPARE(m_undo->undoText(), u"Import fields.geojson"_s);
        m_undo->undo();
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->at(0).name, u"Well"_s);
        QCOMPARE(model->activeRow(), 0); // the area active before the import
        m_undo->redo();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->at(1).name, u"North field"_s);
        QCOMPARE(model->at(2).name, u"South field"_s);
    }

private:
    std::unique_ptr<QMainWindow> m_window;
    MapWidget *m_map = nullptr;
    SearchPanel *m_search = nullptr;
    MessageBar *m_messages = nullptr;
    QUndoStack *m_undo = nullptr;
    AoiController *m_aois = nullptr;
};

QTEST_MAIN(TestAoiUndo)
#include "tst_aoiundo.moc"
