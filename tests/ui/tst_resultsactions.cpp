// What a right-click and a multi-selection offer on the embedded demo catalog (offscreen): the
// results table's context menu (zoom to, quicklook, copy id / JSON, the item's page), the asset
// menu of the details pane (copy URL, download this file), and the summary of several items.
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

#include "resources/demoresources.h"
#include "src/download/downloadmanager.h"
#include "src/models/resultsmodel.h"
#include "src/net/networkclient.h"
#include "src/stac/itemstore.h"
#include "tests/ui/demowindow.h"
#include "ui/details/itemdetailswidget.h"
#include "ui/details/jsonview.h"
#include "ui/downloads/downloaddialog.h"
#include "ui/downloads/downloadscontroller.h"
#include "ui/mainwindow.h"
#include "ui/map/mapwidget.h"
#include "ui/search/requestdialog.h"
#include "ui/search/searchpanel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

class TestResultsActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Testing::prepareDemoWindowTests(); }

    void init()
    {
        m_window = Testing::openDemoWindow(&m_network, &m_downloads);
        QVERIFY(m_window);
        QVERIFY(m_window->results().size() >= 3);
    }

    void cleanup()
    {
        m_window.reset();
        QSettings().clear();
    }

    // The menu lists zoom and look first, then download, then copy and the item's page, then export.
    void tableMenuInGroups()
    {
        m_window->selectRows({ 0 });
        QTableView *table = m_window->resultsView();
        const QRect cell = table->visualRect(table->model()->index(0, 0));
        Q_EMIT table->customContextMenuRequested(cell.center());
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QVERIFY(menu);
        QStringList names;
        for (QAction *a : menu->actions()) {
            names.append(a->isSeparator() ? u"|"_s : a->objectName());
        }
        QCOMPARE(names.mid(0, 3), (QStringList { u"zoomToResultAction"_s, u"showQuicklookAction"_s, u"|"_s }));
        QCOMPARE(menu->actions().at(3), m_window->downloadAction());
        QCOMPARE(names.at(4), u"|"_s);
        QCOMPARE(names.mid(names.size() - 6),
            (QStringList { u"copyIdAction"_s, u"copyJsonAction"_s, u"copyAssetUrlsAction"_s, u"openItemUrlAction"_s,
                u"|"_s, u"exportSelectionAction"_s }));
        menu->close();
    }

    void copyIdAndJson()
    {
        const ItemStore &results = m_window->results();
        m_window->selectRows({ 1 });
        action(u"copyIdAction"_s)->trigger();
        QCOMPARE(QApplication::clipboard()->text(), results.at(1).id);
        action(u"copyJsonAction"_s)->trigger();
        const QJsonObject one = QJsonDocument::fromJson(QApplication::clipboard()->text().toUtf8()).object();
        QCOMPARE(one.value(u"id"_s).toString(), results.at(1).id);
        QCOMPARE(one.value(u"type"_s).toString(), u"Feature"_s);

        m_window->selectRows({ 2, 0 });
        QCOMPARE(action(u"copyIdAction"_s)->text(), u"Copy 2 &ids"_s);
        action(u"copyIdAction"_s)->trigger();
        const QStringList ids = QApplication::clipboard()->text().split(u'\n');
        QCOMPARE(ids.size(), 2);
        QVERIFY(ids.contains(results.at(0).id) && ids.contains(results.at(2).id));
        action(u"copyJsonAction"_s)->trigger();
        const QJsonObject many = QJsonDocument::fromJson(QApplication::clipboard()->text().toUtf8()).object();
        QCOMPARE(many.value(u"type"_s).toString(), u"FeatureCollection"_s);
        const QJsonArray features = many.value(u"features"_s).toArray();
        QCOMPARE(features.size(), 2);
        QCOMPARE(features[0][u"id"_s].toString(), results.at(0).id); // in result order
        QCOMPARE(features[1][u"id"_s].toString(), results.at(2).id);

        // Every asset's address, one per line, in result order (thumbnails resolved to the catalog).
        action(u"copyAssetUrlsAction"_s)->trigger();
        const QStringList urls = QApplication::clipboard()->text().split(u'\n');
        int expected = 0;
        for (int row : { 0, 2 }) {
            const QJsonObject assets = QJsonDocument::fromJson(results.rawJson(row)).object()[u"assets"_s].toObject();
            expected += int(assets.size());
            const QString visual = assets.contains(u"visual"_s) ? assets[u"visual"_s][u"href"_s].toString()
                                                                : assets[u"metadata"_s][u"href"_s].toString();
            QVERIFY2(urls.contains(visual), qPrintable(visual));
        }
        QCOMPARE(urls.size(), expected);
        QVERIFY(urls.first().contains(results.at(0).id));
        QVERIFY(urls.last().contains(results.at(2).id));

        // The embedded catalog's items have no web page of their own.
        QVERIFY(!action(u"openItemUrlAction"_s)->isEnabled());
        m_window->selectRows({});
        QVERIFY(!action(u"copyIdAction"_s)->isEnabled());
    }

    void zoomToAndQuicklook()
    {
        const ItemStore &results = m_window->results();
        m_window->map()->zoomToWorld();
        m_window->selectRows({ 0 });
        QAction *quicklooks = nullptr;
        for (QAction *a : m_window->findChildren<QAction *>()) {
            if (a->text() == u"Show &quicklooks"_s) {
                quicklooks = a;
            }
        }
        QVERIFY(quicklooks);
        quicklooks->setChecked(false);
        action(u"showQuicklookAction"_s)->trigger();
        QVERIFY(quicklooks->isChecked());
        const GeoBox view = m_window->map()->viewport().visibleBox();
        const GeoBox item = results.at(0).bbox;
        QVERIFY(
            view.west <= item.west && view.east >= item.east && view.south <= item.south && view.north >= item.north);
        QVERIFY(view.width() < 10 * std::max(item.width(), 0.01) + 1); // zoomed in, not the world
    }

    void severalItemsSummarised()
    {
        m_window->selectRows({ 0, 1, 2 });
        ItemDetailsWidget *details = m_window->details();
        QCOMPARE(details->title(), u"3 items selected"_s);
        QTreeWidget *properties = details->propertiesView();
        QCOMPARE(properties->topLevelItem(0)->text(0), u"Items"_s);
        QCOMPARE(properties->topLevelItem(0)->text(1), u"3"_s);
        QCOMPARE(properties->topLevelItem(1)->text(0), u"Collections"_s);
        QVERIFY(properties->topLevelItem(1)->text(1).contains(m_window->results().at(0).collection));
        QTabWidget *tabs = details->tabs();
        const int json = tabs->indexOf(details->jsonView());
        QCOMPARE(tabs->tabText(json), u"JSON"_s);
        QVERIFY(!tabs->isTabEnabled(json)); // no JSON of three items at once
        QVERIFY(!details->previousButton()->isVisible()); // no stepping through a multi-selection
        // Every demo item has a thumbnail asset: "3 of 3".
        QTreeWidget *assets = details->assetsView();
        bool thumbnails = false;
        for (int i = 0; i < assets->topLevelItemCount(); ++i) {
            thumbnails = thumbnails
                || (assets->topLevelItem(i)->text(0) == u"thumbnail"_s
                    && assets->topLevelItem(i)->text(1) == u"3 of 3"_s);
        }
        QVERIFY(thumbnails);

        m_window->selectRows({ 1 });
        QCOMPARE(details->title(), m_window->results().at(1).id);
        QVERIFY(tabs->isTabEnabled(json));
        QCOMPARE(details->assetsView()->headerItem()->text(1), u"Title"_s);
    }

    void assetMenuCopiesAndDownloadsOneFile()
    {
        m_window->selectRows({ 0 });
        ItemDetailsWidget *details = m_window->details();
        QTreeWidget *assets = details->assetsView();
        int visual = -1;
        for (int i = 0; i < assets->topLevelItemCount(); ++i) {
            if (assets->topLevelItem(i)->text(0) == u"visual"_s || assets->topLevelItem(i)->text(0) == u"HH"_s) {
                visual = i;
            }
        }
        QVERIFY(visual >= 0);
        const QString key = details->assetKey(visual);
        // The href as the item wrote it (the embedded catalog's data assets are absolute).
        const QJsonObject item = QJsonDocument::fromJson(m_window->results().rawJson(0)).object();
        const QString href = item[u"assets"_s][key][u"href"_s].toString();
        QVERIFY(href.startsWith(u"https://"_s));
        QCOMPARE(details->assetHref(visual), href);

        const QRect rect = assets->visualItemRect(assets->topLevelItem(visual));
        Q_EMIT assets->customContextMenuRequested(rect.center());
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QVERIFY(menu);
        QCOMPARE(menu->objectName(), u"assetMenu"_s);
        const QList<QAction *> actions = menu->actions();
        QCOMPARE(actions.size(), 3);
        actions[0]->trigger(); // Copy URL
        QCOMPARE(QApplication::clipboard()->text(), href);
        QVERIFY(actions[2]->isEnabled());
        actions[2]->trigger(); // Download this file...
        menu->close();
        DownloadDialog *dialog = m_window->downloads()->dialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->includeEdit()->text(), key);
        QVERIFY(dialog->excludeEdit()->text().isEmpty());
        // One file chosen does not become the next download's filter.
        QSettings().setValue(u"downloads/include"_s, u"metadata"_s);
        dialog->reject();
        QCOMPARE(QSettings().value(u"downloads/include"_s).toString(), u"metadata"_s);
    }

    // "Request..." writes the search in the form out; the demo catalog, being read whole, has a
    // stacscope-cli line and says why there is no curl or Python.
    void requestShownForTheSearch()
    {
        auto *button = m_window->findChild<QPushButton *>(u"showRequestButton"_s);
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        auto *dialog = m_window->findChild<RequestDialog *>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        const QString cli = dialog->text(u"stacscope-cli"_s);
        QVERIFY2(cli.startsWith(u"stacscope-cli search --catalog demo "_s), qPrintable(cli));
        QVERIFY(cli.contains(u"--max-items %1"_s.arg(m_window->searchPanel()->maxItems())));
        QVERIFY(dialog->text(u"curl"_s).isEmpty());
        QVERIFY(dialog->notesLabel()->text().contains(u"no search endpoint"_s));
        dialog->findChild<QPushButton *>(u"stacscope-cliCopy"_s)->click();
        QCOMPARE(QApplication::clipboard()->text(), cli);
        dialog->close();
    }

    // Previous / next step through the table's order without losing it; the links are listed,
    // each asset has its own Download button, and the JSON can be searched.
    void detailsStepLinksAssetsAndFind()
    {
        QTableView *table = m_window->resultsView();
        table->sortByColumn(ResultsModel::Id, Qt::DescendingOrder); // not the store's order
        const auto rowAt
            = [table](int position) { return table->model()->index(position, 0).data(ResultsModel::RowRole).toInt(); };
        m_window->selectRows({ rowAt(1) });
        ItemDetailsWidget *details = m_window->details();
        QVERIFY(details->previousButton()->isVisible());
        QVERIFY(details->previousButton()->isEnabled());
        QTest::mouseClick(details->nextButton(), Qt::LeftButton);
        QCOMPARE(m_window->selectedRows(), QList<int> { rowAt(2) });
        QCOMPARE(details->title(), m_window->results().at(rowAt(2)).id);
        QTest::mouseClick(details->previousButton(), Qt::LeftButton);
        QTest::mouseClick(details->previousButton(), Qt::LeftButton);
        QCOMPARE(m_window->selectedRows(), QList<int> { rowAt(0) });
        QVERIFY(!details->previousButton()->isEnabled()); // the first one
        QCOMPARE(details->positionText(), u"1 of %1"_s.arg(QLocale().toString(m_window->results().size())));
        // A new order of the table moves the shown item to its new place in it.
        table->sortByColumn(ResultsModel::Id, Qt::AscendingOrder);
        QCOMPARE(details->positionText(),
            u"%1 of %2"_s.arg(
                QLocale().toString(m_window->results().size()), QLocale().toString(m_window->results().size())));
        table->sortByColumn(ResultsModel::Id, Qt::DescendingOrder);
        QCOMPARE(table->model()->rowCount(), m_window->results().size()); // the list is all there

        // The embedded catalog's items link to their collection and root, relative to the item.
        QTreeWidgetItem *links = details->linksItem();
        QVERIFY(links);
        QCOMPARE(links->text(0), u"Links"_s);
        QVERIFY(links->isExpanded());
        QStringList rels;
        for (int i = 0; i < links->childCount(); ++i) {
            rels.append(links->child(i)->text(0));
        }
        QVERIFY2(rels.contains(u"collection"_s) && rels.contains(u"root"_s), qPrintable(rels.join(u',')));
        QCOMPARE(links->text(1), QString::number(links->childCount()));

        // A Download button per asset opens the dialog on that one file.
        auto *download = details->assetsView()->findChild<QToolButton *>(u"downloadAsset:metadata"_s);
        QVERIFY(download);
        QTest::mouseClick(download, Qt::LeftButton);
        QVERIFY(m_window->downloads()->dialog());
        QCOMPARE(m_window->downloads()->dialog()->includeEdit()->text(), u"metadata"_s);
        m_window->downloads()->dialog()->reject();

        // Find in the JSON: counted, moved through, wrapping.
        JsonView *json = details->jsonView();
        QTest::keyClicks(json->findEdit(), u"href"_s);
        const int hrefs = int(json->text().count(u"\"href\""_s));
        QVERIFY(hrefs >= 4);
        QCOMPARE(json->matchLabel()->text(), u"1 of %1"_s.arg(hrefs));
        QVERIFY(json->findNext());
        QCOMPARE(json->matchLabel()->text(), u"2 of %1"_s.arg(hrefs));
        QVERIFY(json->findNext(true));
        QVERIFY(json->findNext(true)); // wraps to the last
        QCOMPARE(json->matchLabel()->text(), u"%1 of %1"_s.arg(hrefs));
        json->findEdit()->setText(u"no such text"_s);
        QCOMPARE(json->matchLabel()->text(), u"No match"_s);
    }

private:
    QAction *action(const QString &name) const
    {
        auto *a = m_window->findChild<QAction *>(name);
        if (!a) {
            qFatal("no action %s", qPrintable(name));
        }
        return a;
    }

    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
    DownloadManager m_downloads { &m_nam };
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestResultsActions)
#include "tst_resultsactions.moc"
