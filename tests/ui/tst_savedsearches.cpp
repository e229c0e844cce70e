// Saved searches and history in the window, against the STAC emulator on 127.0.0.1 (offscreen):
// a search goes into the history, is saved under a name from the panel's dialog, the emulator then
// serves other items, and running the saved search again marks exactly the new ones: NewRole and a
// "New" badge painted in the table's id cells, an outline on the map (pixels of its colour), and
// the form filled back. A plain search afterwards clears the marks.
#include <memory>

#include <QDockWidget>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonObject>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

#include "demowindow.h"
#include "src/models/resultsmodel.h"
#include "src/net/networkclient.h"
#include "src/store/database.h"
#include "src/store/savedsearchstore.h"
#include "tests/support/stacemulator.h"
#include "ui/common/messagebar.h"
#include "ui/mainwindow.h"
#include "ui/map/footprintlayer.h"
#include "ui/map/mapwidget.h"
#include "ui/search/newresultdelegate.h"
#include "ui/search/savedsearchescontroller.h"
#include "ui/search/savedsearchespanel.h"
#include "ui/search/searchpanel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QJsonObject item(const QString &id, double lon)
{
    // 4 degrees wide: several pixels even when the whole world is in view.
    const QJsonArray ring { QJsonArray { lon, 10 }, QJsonArray { lon + 4, 10 }, QJsonArray { lon + 4, 14 },
        QJsonArray { lon, 14 }, QJsonArray { lon, 10 } };
    return QJsonObject {
        { u"type"_s, u"Feature"_s },
        { u"stac_version"_s, u"1.0.0"_s },
        { u"id"_s, id },
        { u"collection"_s, u"sat"_s },
        { u"geometry"_s,
            QJsonObject { { u"type"_s, u"Polygon"_s }, { u"coordinates"_s, QJsonArray { QJsonValue(ring) } } } },
        { u"bbox"_s, QJsonArray { lon, 10, lon + 4, 14 } },
        { u"properties"_s, QJsonObject { { u"datetime"_s, u"2024-01-02T10:00:00Z"_s } } },
        { u"links"_s, QJsonArray {} },
        { u"assets"_s, QJsonObject {} },
    };
}

QJsonObject collection(const QString &id)
{
    return QJsonObject { { u"type"_s, u"Collection"_s }, { u"stac_version"_s, u"1.0.0"_s }, { u"id"_s, id },
        { u"description"_s, id }, { u"license"_s, u"proprietary"_s },
        { u"extent"_s,
            QJsonObject {
                { u"spatial"_s,
                    QJsonObject { { u"bbox"_s, QJsonArray { QJsonValue(QJsonArray { -180, -90, 180, 90 }) } } } },
                { u"temporal"_s,
                    QJsonObject {
                        { u"interval"_s, QJsonArray { QJsonValue(QJsonArray { QJsonValue(), QJsonValue() }) } } } } } },
        { u"links"_s, QJsonArray {} } };
}

// Pixels close to `color` in `image` (antialiased edges blend it with what is below).
int pixelsNear(const QImage &image, const QColor &color, const QRect &area = {})
{
    const QRect r = area.isNull() ? image.rect() : area.intersected(image.rect());
    int n = 0;
    for (int y = r.top(); y <= r.bottom(); ++y) {
        for (int x = r.left(); x <= r.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) < 40 && std::abs(c.green() - color.green()) < 40
                && std::abs(c.blue() - color.blue()) < 40) {
                ++n;
            }
        }
    }
    return n;
}

} // namespace

class TestSavedSearches : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        Testing::prepareDemoWindowTests();
        QVERIFY(m_emulator.addCollection(collection(u"sat"_s)));
        QVERIFY(m_emulator.addCollection(collection(u"other"_s)));
        QVERIFY(m_emulator.listen());
        QVERIFY2(m_db.open(), qPrintable(m_db.lastError()));
    }

    void rerunMarksNewResults()
    {
        for (const QJsonObject &i : { item(u"a1"_s, -100), item(u"a2"_s, -60), item(u"a3"_s, -20) }) {
            QVERIFY(m_emulator.addItem(i));
        }
        QNetworkAccessManager nam;
        NetworkClient network(&nam);
        MainWindow window(&network, nullptr);
        window.setSavedSearchStore(&m_store);
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.footprintLayer()->setSynchronous(true);
        SavedSearchesController *saved = window.savedSearches();
        QVERIFY(saved);
        SavedSearchesPanel *panel = saved->panel();
        QCOMPARE(saved->dock()->objectName(), u"savedSearchesDock"_s);

        CatalogSource source;
        source.kind = CatalogSource::Kind::StacApi;
        source.name = u"Emulator"_s;
        source.location = m_emulator.url().toString();
        window.addCatalog(source, true);
        SearchPanel *form = window.searchPanel();
        QTRY_COMPARE(form->collectionList()->count(), 2);
        for (int i = 0; i < form->collectionList()->count(); ++i) {
            QListWidgetItem *row = form->collectionList()->item(i);
            row->setCheckState(row->data(Qt::UserRole).toString() == u"sat"_s ? Qt::Checked : Qt::Unchecked);
        }
        form->setArea(SearchPanel::Area::World);
        form->setMaxItems(700);

        // A first search: into the history; nothing is new in a search that is not a saved one.
        QSignalSpy finished(&window, &MainWindow::searchFinished);
        QTest::mouseClick(form->searchButton(), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QCOMPARE(window.results().size(), 3);
        QCOMPARE(panel->historyList()->topLevelItemCount(), 1);
        QCOMPARE(panel->historyList()->topLevelItem(0)->text(1), u"Emulator"_s);
        QCOMPARE(panel->historyList()->topLevelItem(0)->text(2), u"3"_s);
        QVERIFY(window.resultsModel()->newRows().isEmpty());

        // Saved from the panel: the name dialog, then the list.
        QVERIFY(panel->saveButton()->isEnabled());
        QTest::mouseClick(panel->saveButton(), Qt::LeftButton);
        QTRY_VERIFY(saved->nameDialog() && saved->nameDialog()->isVisible());
        saved->nameDialog()->setTextValue(u"Weekly"_s);
        saved->nameDialog()->accept();
        QTRY_COMPARE(panel->savedList()->topLevelItemCount(), 1);
        QCOMPARE(panel->savedList()->topLevelItem(0)->text(0), u"Weekly"_s);
        QCOMPARE(panel->savedList()->topLevelItem(0)->text(3), u"3"_s);
        const std::optional<SavedSearch> stored = m_store.find(u"Weekly"_s);
        QVERIFY(stored);
        QCOMPARE(stored->request.catalogs, QStringList { u"api:"_s + m_emulator.url().toString() });
        QCOMPARE(stored->request.parameters.collections, QStringList { u"sat"_s });
        QCOMPARE(stored->request.maxItems, 700);

        // A week later: a1 gone, b1 and b2 new. The form meanwhile shows something else.
        m_emulator.clear();
        QVERIFY(m_emulator.addCollection(collection(u"sat"_s)));
        for (const QJsonObject &i : { item(u"a2"_s, -60), item(u"a3"_s, -20), item(u"b1"_s, 20), item(u"b2"_s, 60) }) {
            QVERIFY(m_emulator.addItem(i));
        }
        form->collectionList()->item(0)->setCheckState(Qt::Unchecked);
        form->collectionList()->item(1)->setCheckState(Qt::Unchecked);
        form->setMaxItems(10);

        QSignalSpy marked(saved, &SavedSearchesController::newResultsMarked);
        panel->selectSaved(stored->id);
        QVERIFY(panel->runSavedButton()->isEnabled());
        QTest::mouseClick(panel->runSavedButton(), Qt::LeftButton);
        QVERIFY(marked.wait(20000));
        QCOMPARE(marked.first().at(0).toString(), u"Weekly"_s);
        QCOMPARE(marked.first().at(1).toInt(), 2);
        QCOMPARE(window.results().size(), 4);
        QCOMPARE(window.messageBar()->text(), u"\"Weekly\": 2 new results since its last run, marked New."_s);
        // The form shows the saved search again.
        QCOMPARE(form->checkedCollections(), QStringList { u"sat"_s });
        QCOMPARE(form->maxItems(), 700);

        // NewRole on exactly b1 and b2, through the table's own (sorting) model.
        QSet<int> expectedRows;
        QAbstractItemModel *tableModel = window.resultsView()->model();
        QStringList newIds;
        for (int r = 0; r < tableModel->rowCount(); ++r) {
            const QModelIndex id = tableModel->index(r, ResultsModel::Id);
            if (id.data(ResultsModel::NewRole).toBool()) {
                newIds.append(id.data().toString());
                expectedRows.insert(id.data(ResultsModel::RowRole).toInt());
                QVERIFY(id.data(Qt::ToolTipRole).toString().contains(u"New since the saved search last ran"_s));
            }
        }
        newIds.sort();
        QCOMPARE(newIds, (QStringList { u"b1"_s, u"b2"_s }));
        QCOMPARE(window.footprintLayer()->outlinedRows(), expectedRows);

        // The badge is painted in b1's id cell, not in a2's.
        QTableView *table = window.resultsView();
        QVERIFY(qobject_cast<NewResultDelegate *>(table->itemDelegateForColumn(ResultsModel::Id)));
        QRect b1Cell;
        QRect a2Cell;
        for (int r = 0; r < tableModel->rowCount(); ++r) {
            const QModelIndex id = tableModel->index(r, ResultsModel::Id);
            if (id.data().toString() == u"b1"_s) {
                b1Cell = table->visualRect(id);
            } else if (id.data().toString() == u"a2"_s) {
                a2Cell = table->visualRect(id);
            }
        }
        QVERIFY(!b1Cell.isEmpty() && !a2Cell.isEmpty());
        const QImage cells = table->viewport()->grab().toImage();
        const qreal dpr = cells.devicePixelRatio();
        auto scaled = [dpr](const QRect &r) {
            return QRect(int(r.x() * dpr), int(r.y() * dpr), int(r.width() * dpr), int(r.height() * dpr));
        };
        QVERIFY(pixelsNear(cells, NewResultDelegate::kBadgeColor, scaled(b1Cell)) > 20);
        QCOMPARE(pixelsNear(cells, NewResultDelegate::kBadgeColor, scaled(a2Cell)), 0);

        // The map outlines the new footprints in their colour.
        window.map()->zoomToWorld();
        const QImage outlined = window.map()->grab().toImage();
        QVERIFY(pixelsNear(outlined, FootprintLayer::kOutlineColor) > 20);

        // The re-run is in the history under its name; the store remembers the four.
        QCOMPARE(panel->historyList()->topLevelItemCount(), 2);
        QVERIFY(panel->historyList()->topLevelItem(0)->text(3).startsWith(u"\"Weekly\": sat"_s));
        QCOMPARE(m_store.seenItems(stored->id).size(), 4);

        // A search of its own clears the marks.
        QTest::mouseClick(form->searchButton(), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QVERIFY(window.resultsModel()->newRows().isEmpty());
        QVERIFY(window.footprintLayer()->outlinedRows().isEmpty());
        QCOMPARE(pixelsNear(window.map()->grab().toImage(), FootprintLayer::kOutlineColor), 0);
        QCOMPARE(panel->historyList()->topLevelItemCount(), 3);

        // Renamed and deleted through the store's rules.
        QVERIFY(saved->rename(stored->id, u"Weekly Alps"_s));
        QCOMPARE(panel->savedList()->topLevelItem(0)->text(0), u"Weekly Alps"_s);
        QVERIFY(saved->remove(stored->id));
        QCOMPARE(panel->savedList()->topLevelItemCount(), 0);
    }

    void historyEntryRunsAgain()
    {
        m_emulator.clear();
        QVERIFY(m_emulator.addCollection(collection(u"sat"_s)));
        QVERIFY(m_emulator.addItem(item(u"h1"_s, 0)));
        QNetworkAccessManager nam;
        NetworkClient network(&nam);
        MainWindow window(&network, nullptr);
        window.setSavedSearchStore(&m_store);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        SavedSearchesPanel *panel = window.savedSearches()->panel();
        // The history of the last test is there (one store); its newest entry had collections [sat].
        QVERIFY(panel->historyList()->topLevelItemCount() >= 3);
        CatalogSource source;
        source.kind = CatalogSource::Kind::StacApi;
        source.name = u"Emulator"_s;
        source.location = m_emulator.url().toString();
        window.addCatalog(source, true);
        panel->historyList()->setCurrentItem(panel->historyList()->topLevelItem(0));
        QSignalSpy finished(&window, &MainWindow::searchFinished);
        QTest::mouseClick(panel->runHistoryButton(), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QCOMPARE(window.results().size(), 1);
        QCOMPARE(window.results().at(0).id, u"h1"_s);
        QVERIFY(window.resultsModel()->newRows().isEmpty()); // a history entry marks nothing
        QCOMPARE(window.searchPanel()->checkedCollections(), QStringList { u"sat"_s });
    }

private:
    StacEmulator m_emulator;
    Database m_db { u":memory:"_s };
    SavedSearchStore m_store { m_db };
};

QTEST_MAIN(TestSavedSearches)
#include "tst_savedsearches.moc"
