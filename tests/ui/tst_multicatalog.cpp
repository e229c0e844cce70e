// Several catalogs searched at once in the window: two STAC emulators and an API on a dead port
// ticked beside the picker, their results in the one table with a Catalog column, the strip's
// figures per catalog and the dead one's error, the collections of all of them in one list, and
// back to one catalog. Expected values come from the items written out below.
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "src/models/resultsmodel.h"
#include "src/net/networkclient.h"
#include "src/stac/itemstore.h"
#include "tests/support/stacemulator.h"
#include "tests/ui/demowindow.h"
#include "ui/common/messagebar.h"
#include "ui/mainwindow.h"
#include "ui/search/catalogchoicebutton.h"
#include "ui/search/catalogstatusstrip.h"
#include "ui/search/multisearchcontroller.h"
#include "ui/search/requestdialog.h"
#include "ui/search/searchpanel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QJsonObject item(const QString &id, const QString &collection, double lon, double lat)
{
    const double h = 0.1;
    const QJsonArray ring { QJsonArray { lon - h, lat - h }, QJsonArray { lon + h, lat - h },
        QJsonArray { lon + h, lat + h }, QJsonArray { lon - h, lat + h }, QJsonArray { lon - h, lat - h } };
    return { { u"type"_s, u"Feature"_s }, { u"stac_version"_s, u"1.0.0"_s }, { u"id"_s, id },
        { u"collection"_s, collection },
        { u"geometry"_s,
            QJsonObject { { u"type"_s, u"Polygon"_s }, { u"coordinates"_s, QJsonArray { QJsonValue(ring) } } } },
        { u"bbox"_s, QJsonArray { lon - h, lat - h, lon + h, lat + h } },
        { u"properties"_s, QJsonObject { { u"datetime"_s, u"2026-05-01T10:00:00Z"_s } } },
        { u"links"_s, QJsonArray {} }, { u"assets"_s, QJsonObject {} } };
}

QJsonObject collection(const QString &id)
{
    return { { u"type"_s, u"Collection"_s }, { u"stac_version"_s, u"1.0.0"_s }, { u"id"_s, id },
        { u"description"_s, id }, { u"license"_s, u"proprietary"_s },
        { u"extent"_s,
            QJsonObject {
                { u"spatial"_s,
                    QJsonObject { { u"bbox"_s, QJsonArray { QJsonValue(QJsonArray { -180, -90, 180, 90 }) } } } },
                { u"temporal"_s,
                    QJsonObject { { u"interval"_s,
                        QJsonArray { QJsonValue(QJsonArray { u"2026-01-01T00:00:00Z"_s, QJsonValue() }) } } } } } },
        { u"links"_s, QJsonArray {} } };
}

CatalogSource api(const QString &name, const QUrl &url)
{
    CatalogSource s;
    s.kind = CatalogSource::Kind::StacApi;
    s.name = name;
    s.location = url.toString();
    return s;
}

} // namespace

class TestMultiCatalog : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
    StacEmulator m_alpha;
    StacEmulator m_bravo;
    QUrl m_deadUrl;
    std::unique_ptr<MainWindow> m_window;

    QAction *choiceAction(const QString &name) const
    {
        for (QAction *a : m_window->searchPanel()->catalogChoice()->menu()->actions()) {
            if (a->text() == name) {
                return a;
            }
        }
        return nullptr;
    }

    bool search()
    {
        QSignalSpy done(m_window.get(), &MainWindow::searchFinished);
        m_window->searchPanel()->searchButton()->click();
        return done.wait(20000);
    }

    // Store row -> (id, catalog column) for every table row.
    QMap<QString, QString> catalogById() const
    {
        QMap<QString, QString> out;
        const QAbstractItemModel *model = m_window->resultsView()->model();
        for (int r = 0; r < model->rowCount(); ++r) {
            out.insert(model->index(r, ResultsModel::Id).data().toString(),
                model->index(r, ResultsModel::Catalog).data().toString());
        }
        return out;
    }

    QStringList collectionNames() const
    {
        QStringList names;
        const QListWidget *list = m_window->searchPanel()->collectionList();
        for (int i = 0; i < list->count(); ++i) {
            names.append(list->item(i)->text());
        }
        return names;
    }

private Q_SLOTS:
    void initTestCase()
    {
        Testing::prepareDemoWindowTests();
        QVERIFY(m_alpha.addCollection(collection(u"optical"_s)));
        for (const QJsonObject &i : { item(u"a1"_s, u"optical"_s, 10, 45), item(u"a2"_s, u"optical"_s, 11, 45),
                 item(u"a3"_s, u"optical"_s, 12, 45) }) {
            QVERIFY(m_alpha.addItem(i));
        }
        QVERIFY(m_bravo.addCollection(collection(u"optical"_s)));
        QVERIFY(m_bravo.addCollection(collection(u"sar"_s)));
        QVERIFY(m_bravo.addItem(item(u"b1"_s, u"optical"_s, 20, 10)));
        QVERIFY(m_bravo.addItem(item(u"b2"_s, u"sar"_s, 21, 10)));
        QVERIFY(m_alpha.listen());
        QVERIFY(m_bravo.listen());
        QTcpServer probe; // a port that was free a moment ago: nobody answers there
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        m_deadUrl = QUrl(u"http://127.0.0.1:%1/"_s.arg(probe.serverPort()));
        probe.close();

        m_window = Testing::openDemoWindow(&m_network);
        QVERIFY(m_window);
        m_window->addCatalog(api(u"Bravo"_s, m_bravo.url()), false);
        m_window->addCatalog(api(u"Dead"_s, m_deadUrl), false);
        m_window->addCatalog(api(u"Alpha"_s, m_alpha.url())); // opened: the picker's catalog
        QTRY_COMPARE(collectionNames(), QStringList { u"optical"_s });
    }

    void cleanupTestCase() { m_window.reset(); }

    void threeCatalogsOneFailing()
    {
        CatalogChoiceButton *choice = m_window->searchPanel()->catalogChoice();
        QCOMPARE(choice->text(), u"+"_s);
        QAction *alpha = choiceAction(u"Alpha"_s);
        QVERIFY(alpha);
        QVERIFY(alpha->isChecked());
        QVERIFY(!alpha->isEnabled()); // the picker's catalog is always in
        QVERIFY(choiceAction(u"Bravo"_s) && !choiceAction(u"Bravo"_s)->isChecked());
        choiceAction(u"Bravo"_s)->trigger();
        choiceAction(u"Dead"_s)->trigger();
        QCOMPARE(choice->text(), u"3 catalogs"_s);
        QVERIFY(m_window->multiSearch()->isMulti());
        // The collections of all of them: one only Bravo lists says so.
        QTRY_COMPARE(collectionNames(), QStringList({ u"optical"_s, u"sar (Bravo)"_s }));

        QVERIFY(search());
        QTableView *table = m_window->resultsView();
        QCOMPARE(table->model()->rowCount(), 5);
        QVERIFY(!table->isColumnHidden(ResultsModel::Catalog));
        QCOMPARE(table->model()->headerData(ResultsModel::Catalog, Qt::Horizontal).toString(), u"Catalog"_s);
        const QMap<QString, QString> expected { { u"a1"_s, u"Alpha"_s }, { u"a2"_s, u"Alpha"_s },
            { u"a3"_s, u"Alpha"_s }, { u"b1"_s, u"Bravo"_s }, { u"b2"_s, u"Bravo"_s } };
        QCOMPARE(catalogById(), expected);

        CatalogStatusStrip *strip = m_window->findChild<CatalogStatusStrip *>(u"catalogStatusStrip"_s);
        QVERIFY(strip);
        QVERIFY(strip->isVisible());
        QCOMPARE(strip->count(), 3);
        // "<name>: <returned> of <matched> matched, <seconds> s": the emulators say what matched.
        QVERIFY2(strip->label(0)->text().startsWith(u"Alpha: 3 of 3 matched, "_s), qPrintable(strip->label(0)->text()));
        QVERIFY(strip->label(0)->text().endsWith(u" s"_s));
        QVERIFY2(strip->label(1)->text().startsWith(u"Bravo: 2 of 2 matched, "_s), qPrintable(strip->label(1)->text()));
        QVERIFY2(strip->label(2)->text().startsWith(u"Dead: failed ("_s), qPrintable(strip->label(2)->text()));
        QVERIFY(strip->label(2)->toolTip().startsWith(u"Dead: failed ("_s));
        QVERIFY(strip->label(2)->styleSheet().contains(u"#b3261e"_s));
        QCOMPARE(m_window->messageBar()->text(), u"1 of 3 catalogs failed; the others' results are shown."_s);

        // The footprints of both catalogs are on the map; a row knows its catalog (downloads and
        // links are resolved and authorised against it); exports carry it.
        QCOMPARE(m_window->results().size(), 5);
        for (int row = 0; row < m_window->results().size(); ++row) {
            const std::optional<CatalogSource> source = m_window->catalogOfRow(row);
            QVERIFY(source);
            const bool fromBravo = m_window->results().at(row).id.startsWith(u'b');
            QCOMPARE(source->location, (fromBravo ? m_bravo.url() : m_alpha.url()).toString());
            const QJsonObject json = QJsonDocument::fromJson(m_window->results().rawJson(row)).object();
            QCOMPARE(json[u"properties"_s][u"stacscope:catalog"_s].toString(), fromBravo ? u"Bravo"_s : u"Alpha"_s);
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(u"all.geojson"_s);
        QVERIFY(m_window->exportResults(path, MainWindow::ExportScope::All));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->messageBar()->text().startsWith(u"Exported"_s), 20000);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QMap<QString, QString> exported;
        for (const QJsonValue &f : QJsonDocument::fromJson(file.readAll()).object()[u"features"_s].toArray()) {
            exported.insert(f[u"id"_s].toString(), f[u"properties"_s][u"stacscope:catalog"_s].toString());
        }
        QCOMPARE(exported, expected);
    }

    // "Request..." with three catalogs ticked: one stacscope-cli line naming the three in the
    // picker's order (the open one first), and curl and Python for each STAC API under its name.
    void requestForEveryTickedCatalog()
    {
        QVERIFY(m_window->multiSearch()->isMulti());
        m_window->findChild<QPushButton *>(u"showRequestButton"_s)->click();
        auto *dialog = m_window->findChild<RequestDialog *>();
        QVERIFY(dialog);
        const QString cli = dialog->text(u"stacscope-cli"_s);
        const QString expectedStart = u"stacscope-cli search --api %1 --api %2 --api %3 "_s.arg(
            m_alpha.url().toString(), m_bravo.url().toString(), m_deadUrl.toString());
        QVERIFY2(cli.startsWith(expectedStart), qPrintable(cli));
        QCOMPARE(cli.count(u"stacscope-cli"_s), 1);
        const QString curl = dialog->text(u"curl"_s);
        const auto search = [](const QUrl &api) { return api.resolved(QUrl(u"/search"_s)).toString(); };
        const qsizetype alpha = curl.indexOf(u"# Alpha\ncurl -sS -X POST %1 "_s.arg(search(m_alpha.url())));
        const qsizetype bravo = curl.indexOf(u"# Bravo\ncurl -sS -X POST %1 "_s.arg(search(m_bravo.url())));
        QVERIFY2(alpha == 0 && bravo > alpha, qPrintable(curl));
        QVERIFY(curl.contains(u"# Dead\n"_s));
        QVERIFY(dialog->text(u"Python"_s).startsWith(u"# Alpha\nfrom pystac_client import Client"_s));
        dialog->close();
    }

    // The ticks outlive the window: another one, on the same settings, has the same catalogs
    // ticked beside its picker's.
    void ticksRemembered()
    {
        const QStringList ticked = m_window->searchPanel()->catalogChoice()->extraIds();
        QCOMPARE(ticked, QStringList({ u"api:"_s + m_bravo.url().toString(), u"api:"_s + m_deadUrl.toString() }));
        auto second = Testing::openDemoWindow(&m_network);
        QVERIFY(second);
        QCOMPARE(second->searchPanel()->catalogChoice()->extraIds(), ticked);
        QVERIFY(second->multiSearch()->isMulti());
    }

    // Only "sar": Alpha lists no such collection and is left out; Bravo returns its one SAR item.
    void collectionsPerCatalog()
    {
        QListWidget *list = m_window->searchPanel()->collectionList();
        for (int i = 0; i < list->count(); ++i) {
            list->item(i)->setCheckState(list->item(i)->text().startsWith(u"sar"_s) ? Qt::Checked : Qt::Unchecked);
        }
        QCOMPARE(m_window->searchPanel()->checkedCollections(), QStringList { u"sar"_s });
        QVERIFY(search());
        QCOMPARE(catalogById(), (QMap<QString, QString> { { u"b2"_s, u"Bravo"_s } }));
        CatalogStatusStrip *strip = m_window->findChild<CatalogStatusStrip *>(u"catalogStatusStrip"_s);
        QCOMPARE(strip->count(), 2); // Bravo, and Dead (whose collections are not known)
        QVERIFY(strip->label(0)->text().startsWith(u"Bravo: 1 of 1 matched, "_s));
        QVERIFY(strip->label(1)->text().startsWith(u"Dead: failed ("_s));
        QCOMPARE(m_window->messageBar()->text(),
            u"1 of 2 catalogs failed; the others' results are shown. Not searched (none of the chosen "
            "collections): Alpha."_s);
        for (int i = 0; i < list->count(); ++i) {
            list->item(i)->setCheckState(Qt::Unchecked);
        }
    }

    // Every catalog failing: said as an error; nothing in the table.
    void allFailing()
    {
        CatalogChoiceButton *choice = m_window->searchPanel()->catalogChoice();
        choice->setChecked(u"api:"_s + m_bravo.url().toString(), false);
        m_alpha.injectFailure(400, "broken", 10); // not retried, unlike a 5xx
        QVERIFY(search());
        m_alpha.clearInjectedFailures();
        QCOMPARE(m_window->resultsView()->model()->rowCount(), 0);
        QCOMPARE(m_window->messageBar()->text(), u"The search failed in every catalog."_s);
        QCOMPARE(m_window->messageBar()->level(), MessageBar::Level::Error);
    }

    // Back to one catalog: the search as before, no Catalog column, no strip.
    void backToOne()
    {
        CatalogChoiceButton *choice = m_window->searchPanel()->catalogChoice();
        choice->menu()->findChild<QAction *>(u"onlyChosenCatalogAction"_s)->trigger();
        QCOMPARE(choice->text(), u"+"_s);
        QVERIFY(!m_window->multiSearch()->isMulti());
        QTRY_COMPARE(collectionNames(), QStringList { u"optical"_s });
        QVERIFY(search());
        QCOMPARE(m_window->resultsView()->model()->rowCount(), 3);
        QVERIFY(m_window->resultsView()->isColumnHidden(ResultsModel::Catalog));
        QVERIFY(!m_window->findChild<CatalogStatusStrip *>(u"catalogStatusStrip"_s)->isVisible());
        QVERIFY(!m_window->results().rawJson(0).contains("stacscope:catalog"));
        QCOMPARE(m_window->catalogOfRow(0)->name, u"Alpha"_s);
    }
};

QTEST_MAIN(TestMultiCatalog)
#include "tst_multicatalog.moc"
