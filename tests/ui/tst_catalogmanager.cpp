// The catalog manager, the add/edit check, the search panel's error + Retry and the collections'
// tooltips, against the STAC emulator on 127.0.0.1 (offscreen).
#include <memory>

#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>

#include "src/net/networkclient.h"
#include "src/providers/catalogsession.h"
#include "tests/support/ports.h"
#include "tests/support/stacemulator.h"
#include "ui/common/messagebar.h"
#include "ui/search/addcatalogdialog.h"
#include "ui/search/catalogmanagerdialog.h"
#include "ui/search/catalogscontroller.h"
#include "ui/search/collectiontooltip.h"
#include "ui/search/searchpanel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

// A collection as servers write them: a long Markdown description, extents, licence, providers.
QJsonObject collectionJson(const QString &id, const QString &title)
{
    const QByteArray json = "{\"type\":\"Collection\",\"stac_version\":\"1.0.0\",\"id\":\"" + id.toUtf8()
        + "\",\"title\":\"" + title.toUtf8()
        + "\",\"description\":\"Sentinel-2 Level-2A surface reflectance from the "
          "[Copernicus](https://sentinel.esa.int) programme, <b>processed</b> by Sen2Cor.\\n\\n"
          "Second paragraph about band naming that the tooltip leaves out.\","
          "\"license\":\"CC-BY-SA-3.0-IGO\","
          "\"providers\":[{\"name\":\"ESA\",\"roles\":[\"producer\",\"licensor\"]},"
          "{\"name\":\"Element 84\",\"roles\":[\"host\"],\"url\":\"https://element84.com\"}],"
          "\"extent\":{\"spatial\":{\"bbox\":[[5,45,15,55]]},"
          "\"temporal\":{\"interval\":[[\"2015-06-27T10:25:31Z\",null]]}},\"links\":[]}";
    return QJsonDocument::fromJson(json).object();
}

QAction *menuAction(QToolButton *button, const QString &text)
{
    for (QAction *a : button->menu()->actions()) {
        if (a->text() == text) {
            return a;
        }
    }
    return nullptr;
}

CatalogSource apiSource(const QString &name, const QUrl &url)
{
    CatalogSource s;
    s.kind = CatalogSource::Kind::StacApi;
    s.name = name;
    s.location = url.toString();
    return s;
}

QStringList names(const QList<CatalogSource> &catalogs)
{
    QStringList out;
    for (const CatalogSource &s : catalogs) {
        out.append(s.name);
    }
    return out;
}

} // namespace

class TestCatalogManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_network.setBaseRetryDelay(5);
        QVERIFY(m_emulator.addCollection(collectionJson(u"sentinel-2-l2a"_s, u"Sentinel-2 L2A"_s)));
        QVERIFY(m_emulator.addCollection(collectionJson(u"landsat-c2-l2"_s, u"Landsat Collection 2"_s)));
        QVERIFY(m_emulator.listen());
        QVERIFY(m_second.addCollection(collectionJson(u"only-one"_s, u"Only one"_s)));
        QVERIFY(m_second.listen());
    }

    void init()
    {
        clearSettings();
        m_emulator.clearInjectedFailures();
        makeWindow();
    }

    void cleanup()
    {
        m_window.reset();
        clearSettings();
    }

    void addingAUrlChecksItFirst()
    {
        CatalogManagerDialog *manager = openManager();
        QAction *api = menuAction(manager->addButton(), u"STAC API..."_s);
        QVERIFY(api);
        api->trigger();
        QPointer<AddCatalogDialog> dialog = m_catalogs->addDialog();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        dialog->urlEdit()->setText(m_emulator.url().toString());
        dialog->nameEdit()->setText(u"Emulator"_s);
        const qsizetype before = m_catalogs->catalogs().size();
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        // Checking: nothing is added yet and the form waits, without a nested loop.
        QVERIFY(dialog->statusLabel()->text().startsWith(u"Checking"_s));
        QCOMPARE(m_catalogs->catalogs().size(), before);
        QTRY_VERIFY(!dialog || !dialog->isVisible());
        QCOMPARE(m_catalogs->catalogs().size(), before + 1);
        QCOMPARE(m_catalogs->catalogs().last().name, u"Emulator"_s);
        QCOMPARE(m_catalogs->catalogs().last().location, m_emulator.url().toString());
        QCOMPARE(m_catalogs->session()->source().name, u"Emulator"_s);
        QVERIFY(manager->selectCatalog(m_catalogs->catalogs().last().id()));
        // The open catalog's collections say how it went.
        QTRY_COMPARE(manager->statusText(m_catalogs->catalogs().last().id()), u"OK: 2 collections"_s);
    }

    void theSearchPanelsMenuOpensTheManager()
    {
        auto *add = m_search->findChild<QToolButton *>(u"addCatalogButton"_s);
        QVERIFY(add && add->menu());
        QAction *manage = menuAction(add, u"Manage catalogs..."_s);
        QVERIFY(manage);
        manage->trigger();
        CatalogManagerDialog *manager = m_catalogs->managerDialog();
        QVERIFY(manager);
        QTRY_VERIFY(manager->isVisible());
        QCOMPARE(manager->catalogList()->topLevelItemCount(), 2);
        QCOMPARE(manager->catalogList()->topLevelItem(0)->text(CatalogManagerDialog::NameColumn),
            CatalogSource::demo().name);
        QCOMPARE(
            manager->catalogList()->topLevelItem(1)->text(CatalogManagerDialog::KindColumn), u"STAC API, built-in"_s);
    }

    void aFailedCheckOffersRetryAndKeepAnyway()
    {
        m_catalogs->addStacApiDialog();
        AddCatalogDialog *dialog = m_catalogs->addDialog();
        QVERIFY(dialog);
        m_emulator.injectFailure(404, "no such API", 1);
        dialog->urlEdit()->setText(m_emulator.url().toString());
        const qsizetype before = m_catalogs->catalogs().size();
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog->retryButton()->isVisible());
        QVERIFY2(
            dialog->statusLabel()->text().startsWith(u"Couldn't load: "_s), qPrintable(dialog->statusLabel()->text()));
        QVERIFY(dialog->statusLabel()->text().contains(u"404"_s));
        QVERIFY(dialog->keepButton()->isVisible());
        QVERIFY(dialog->isVisible());
        QCOMPARE(m_catalogs->catalogs().size(), before);
        // Retry: the server answers this time.
        QPointer<AddCatalogDialog> guard = dialog;
        QTest::mouseClick(dialog->retryButton(), Qt::LeftButton);
        QTRY_VERIFY(!guard || !guard->isVisible());
        QCOMPARE(m_catalogs->catalogs().size(), before + 1);
        QCOMPARE(m_catalogs->catalogs().last().location, m_emulator.url().toString());

        // Keep anyway: a closed port is kept as typed.
        m_catalogs->addStacApiDialog();
        dialog = m_catalogs->addDialog();
        guard = dialog;
        dialog->urlEdit()->setText(TestPorts::closedLocalOrigin() + u"/stac"_s);
        dialog->nameEdit()->setText(u"Closed port"_s);
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog->keepButton()->isVisible());
        QVERIFY(dialog->statusLabel()->text().startsWith(u"Couldn't load: "_s));
        QCOMPARE(m_catalogs->catalogs().size(), before + 1);
        QTest::mouseClick(dialog->keepButton(), Qt::LeftButton);
        QTRY_VERIFY(!guard || !guard->isVisible());
        QCOMPARE(m_catalogs->catalogs().size(), before + 2);
        QCOMPARE(m_catalogs->catalogs().last().name, u"Closed port"_s);
    }

    void openStaticCatalogOffersFolderAndFile()
    {
        m_catalogs->openStaticCatalogDialog();
        AddCatalogDialog *dialog = m_catalogs->addDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->kind(), CatalogSource::Kind::StaticCatalog);
        QVERIFY(dialog->folderButton() && dialog->fileButton());
        QVERIFY(!dialog->headersEdit());
        // A folder that is not there is said so, not added.
        dialog->urlEdit()->setText(STACSCOPE_TEST_FIXTURES "/static-catalog/no-such-folder"_L1);
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog->keepButton()->isVisible());
        QVERIFY(dialog->statusLabel()->text().startsWith(u"Couldn't load: "_s));
        // Another location makes OK the way again.
        const QString folder = STACSCOPE_TEST_FIXTURES "/static-catalog/sentinel-2-demo"_L1;
        dialog->urlEdit()->setText(folder);
        QVERIFY(!dialog->keepButton()->isVisibleTo(dialog));
        QVERIFY(dialog->okButton()->isVisibleTo(dialog));
        QPointer<AddCatalogDialog> guard = dialog;
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QTRY_VERIFY(!guard || !guard->isVisible());
        const CatalogSource added = m_catalogs->catalogs().last();
        QCOMPARE(added.kind, CatalogSource::Kind::StaticCatalog);
        QCOMPARE(added.name, u"sentinel-2-demo"_s);
        QCOMPARE(added.location, folder);
    }

    void testConnectionSaysOkOrWhy()
    {
        m_catalogs->addCatalog(apiSource(u"Emulator"_s, m_emulator.url()), false);
        const QString id = m_catalogs->catalogs().last().id();
        CatalogManagerDialog *manager = openManager();
        QVERIFY(manager->selectCatalog(id));
        QCOMPARE(manager->statusText(id), u"Not checked"_s);
        QTest::mouseClick(manager->testButton(), Qt::LeftButton);
        QCOMPARE(manager->statusText(id), u"Testing..."_s);
        QTRY_COMPARE(manager->statusText(id), u"OK: 2 collections"_s);

        m_emulator.injectFailure(404, "gone", 1);
        QTest::mouseClick(manager->testButton(), Qt::LeftButton);
        QTRY_VERIFY(manager->statusText(id).startsWith(u"Couldn't load: "_s));
        QVERIFY(manager->statusText(id).contains(u"404"_s));
        // The catalog stays: a test changes nothing.
        QCOMPARE(m_catalogs->indexOf(id), int(m_catalogs->catalogs().size()) - 1);
    }

    void editChangesNameAndUrlInPlace()
    {
        m_catalogs->addCatalog(apiSource(u"First"_s, m_emulator.url()), false);
        m_catalogs->addCatalog(apiSource(u"Second"_s, QUrl(TestPorts::closedLocalOrigin() + u"/a"_s)), false);
        const QString id = m_catalogs->catalogs().at(2).id();
        CatalogManagerDialog *manager = openManager();
        QVERIFY(manager->selectCatalog(id));
        QVERIFY(manager->editButton()->isEnabled());
        QTest::mouseClick(manager->editButton(), Qt::LeftButton);
        AddCatalogDialog *dialog = m_catalogs->addDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->originalId(), id);
        QCOMPARE(dialog->nameEdit()->text(), u"First"_s);
        QCOMPARE(dialog->urlEdit()->text(), m_emulator.url().toString());
        dialog->nameEdit()->setText(u"Renamed"_s);
        dialog->urlEdit()->setText(m_second.url().toString());
        QPointer<AddCatalogDialog> guard = dialog;
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QTRY_VERIFY(!guard || !guard->isVisible());
        QCOMPARE(names(m_catalogs->catalogs()),
            QStringList({ CatalogSource::demo().name, CatalogSource::earthSearch().name, u"Renamed"_s, u"Second"_s }));
        QCOMPARE(m_catalogs->catalogs().at(2).location, m_second.url().toString());
        QCOMPARE(m_search->catalogCombo()->itemText(2), u"Renamed"_s);
        QCOMPARE(manager->catalogList()->topLevelItem(2)->text(CatalogManagerDialog::NameColumn), u"Renamed"_s);
        // Saved at once.
        const QVariantList saved = QSettings().value(u"catalogs/user"_s).toList();
        QCOMPARE(saved.size(), 2);
        QCOMPARE(saved.first().toMap().value(u"name"_s).toString(), u"Renamed"_s);
        QCOMPARE(saved.first().toMap().value(u"location"_s).toString(), m_second.url().toString());
    }

    void removeDoesNotAskAndUndoPutsItBack()
    {
        for (const QString &name : { u"A"_s, u"B"_s, u"C"_s }) {
            m_catalogs->addCatalog(apiSource(name, QUrl(TestPorts::closedLocalOrigin() + u"/"_s + name)), false);
        }
        const QString id = m_catalogs->catalogs().at(3).id(); // B
        m_catalogs->selectCatalog(3); // and it is the open one
        CatalogManagerDialog *manager = openManager();
        QVERIFY(manager->selectCatalog(id));
        QVERIFY(manager->removeButton()->isEnabled());
        QTest::mouseClick(manager->removeButton(), Qt::LeftButton);
        QVERIFY(!QApplication::activeModalWidget()); // no question asked
        QCOMPARE(names(m_catalogs->catalogs()).mid(2), QStringList({ u"A"_s, u"C"_s }));
        QVERIFY(m_catalogs->session()->source().id() != id);
        QCOMPARE(m_search->catalogCombo()->count(), 4);
        QCOMPARE(QSettings().value(u"catalogs/user"_s).toList().size(), 2);
        QVERIFY(manager->noticeLabel()->isVisible());
        QCOMPARE(manager->noticeLabel()->text(), u"Removed \"B\"."_s);
        QVERIFY(manager->undoButton()->isVisible());

        QTest::mouseClick(manager->undoButton(), Qt::LeftButton);
        QCOMPARE(names(m_catalogs->catalogs()).mid(2), QStringList({ u"A"_s, u"B"_s, u"C"_s }));
        QCOMPARE(m_catalogs->session()->source().id(), id); // open again, as it was
        QCOMPARE(m_search->catalogCombo()->currentText(), u"B"_s);
        QCOMPARE(manager->currentId(), id);
        QVERIFY(!manager->noticeLabel()->isVisible());
        const QVariantList saved = QSettings().value(u"catalogs/user"_s).toList();
        QCOMPARE(saved.size(), 3);
        QCOMPARE(saved.at(1).toMap().value(u"name"_s).toString(), u"B"_s);
    }

    void ctrlZUndoesTheRemoval()
    {
        m_catalogs->addCatalog(apiSource(u"A"_s, QUrl(TestPorts::closedLocalOrigin() + u"/a"_s)), false);
        m_catalogs->addCatalog(apiSource(u"B"_s, QUrl(TestPorts::closedLocalOrigin() + u"/b"_s)), false);
        CatalogManagerDialog *manager = openManager();
        manager->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(manager));
        QVERIFY(manager->selectCatalog(m_catalogs->catalogs().at(2).id()));
        manager->catalogList()->setFocus();
        QTest::keyClick(manager->catalogList(), Qt::Key_Delete);
        QCOMPARE(names(m_catalogs->catalogs()).mid(2), QStringList { u"B"_s });
        QTest::keyClick(manager->catalogList(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(names(m_catalogs->catalogs()).mid(2), QStringList({ u"A"_s, u"B"_s }));
    }

    // With the window's history: the removal is one of its steps, undone and redone from
    // Edit > Undo like an area of interest; the manager's Undo is that same step.
    void removalIsAStepOfTheWindowsHistory()
    {
        QUndoStack history;
        m_catalogs->setUndoStack(&history);
        m_catalogs->addCatalog(apiSource(u"A"_s, QUrl(TestPorts::closedLocalOrigin() + u"/a"_s)), false);
        m_catalogs->addCatalog(apiSource(u"B"_s, QUrl(TestPorts::closedLocalOrigin() + u"/b"_s)), false);
        CatalogManagerDialog *manager = openManager();
        QVERIFY(manager->selectCatalog(m_catalogs->catalogs().at(3).id()));
        QTest::mouseClick(manager->removeButton(), Qt::LeftButton);
        QCOMPARE(names(m_catalogs->catalogs()).mid(2), QStringList { u"A"_s });
        QCOMPARE(history.count(), 1);
        QCOMPARE(history.undoText(), u"Remove catalog \u201cB\u201d"_s);
        history.undo();
        QCOMPARE(names(m_catalogs->catalogs()).mid(2), QStringList({ u"A"_s, u"B"_s }));
        history.redo();
        QCOMPARE(names(m_catalogs->catalogs()).mid(2), QStringList { u"A"_s });
        QCOMPARE(QSettings().value(u"catalogs/user"_s).toList().size(), 1);
        history.undo();
        QCOMPARE(names(m_catalogs->catalogs()).mid(2), QStringList({ u"A"_s, u"B"_s }));

        // The manager's Undo acts only while its removal is the last step.
        QVERIFY(manager->selectCatalog(m_catalogs->catalogs().at(2).id()));
        QTest::mouseClick(manager->removeButton(), Qt::LeftButton);
        QCOMPARE(names(m_catalogs->catalogs()).mid(2), QStringList { u"B"_s });
        QTest::mouseClick(manager->undoButton(), Qt::LeftButton);
        QCOMPARE(names(m_catalogs->catalogs()).mid(2), QStringList({ u"A"_s, u"B"_s }));
        QCOMPARE(history.index(), 0);
        m_catalogs->setUndoStack(nullptr);
    }

    void removeAndRestoreThroughTheController()
    {
        m_catalogs->addCatalog(apiSource(u"A"_s, QUrl(TestPorts::closedLocalOrigin() + u"/a"_s)), false);
        m_catalogs->addCatalog(apiSource(u"B"_s, QUrl(TestPorts::closedLocalOrigin() + u"/b"_s)), false);
        const CatalogsController::RemovedCatalog removed = m_catalogs->removeCatalog(m_catalogs->catalogs().at(2).id());
        QVERIFY(removed.isValid());
        QCOMPARE(removed.index, 2);
        QCOMPARE(removed.source.name, u"A"_s);
        QVERIFY(m_catalogs->restoreCatalog(removed));
        QCOMPARE(names(m_catalogs->catalogs()).mid(2), QStringList({ u"A"_s, u"B"_s }));
        QVERIFY(!m_catalogs->restoreCatalog(removed)); // it is there already
        // Built-ins cannot be removed, with a reason.
        QString error;
        QVERIFY(!m_catalogs->removeCatalog(CatalogSource::demo().id(), &error).isValid());
        QCOMPARE(error, u"Built-in catalogs can be hidden, not removed."_s);
    }

    void builtInsAreHiddenAndShownNotRemoved()
    {
        // No catalog is open here: opening Earth Search would leave the machine.
        const QString demo = CatalogSource::demo().id();
        CatalogManagerDialog *manager = openManager();
        QVERIFY(manager->selectCatalog(demo));
        QVERIFY(!manager->removeButton()->isEnabled());
        QVERIFY(!manager->editButton()->isEnabled());
        QVERIFY(manager->hideButton()->isEnabled());
        QCOMPARE(manager->hideButton()->text(), u"Hide"_s);
        QTest::mouseClick(manager->hideButton(), Qt::LeftButton);
        QCOMPARE(names(m_catalogs->catalogs()), QStringList { CatalogSource::earthSearch().name });
        QCOMPARE(m_search->catalogCombo()->count(), 1);
        QCOMPARE(m_search->catalogCombo()->itemText(0), CatalogSource::earthSearch().name);
        // Still in the manager, said hidden, and Show brings it back first.
        QCOMPARE(manager->statusText(demo), u"Hidden"_s);
        QCOMPARE(manager->currentId(), demo);
        QCOMPARE(manager->hideButton()->text(), u"Show"_s);
        QCOMPARE(QSettings().value(u"catalogs/hidden"_s).toStringList(), QStringList { demo });
        // The last one cannot go: a search needs a catalog.
        QVERIFY(manager->selectCatalog(CatalogSource::earthSearch().id()));
        QTest::mouseClick(manager->hideButton(), Qt::LeftButton);
        QCOMPARE(m_catalogs->catalogs().size(), 1);
        QCOMPARE(manager->noticeLabel()->text(), u"Keep at least one catalog in the list."_s);
        QVERIFY(manager->selectCatalog(demo));
        QTest::mouseClick(manager->hideButton(), Qt::LeftButton);
        QCOMPARE(names(m_catalogs->catalogs()),
            QStringList({ CatalogSource::demo().name, CatalogSource::earthSearch().name }));
        QCOMPARE(m_search->catalogCombo()->count(), 2);
        QVERIFY(QSettings().value(u"catalogs/hidden"_s).toStringList().isEmpty());
    }

    void hiddenBuiltInsAndEditsSurviveARestart()
    {
        m_catalogs->addCatalog(apiSource(u"Mine"_s, QUrl(TestPorts::closedLocalOrigin() + u"/mine"_s)), false);
        m_catalogs->addCatalog(apiSource(u"Other"_s, QUrl(TestPorts::closedLocalOrigin() + u"/other"_s)), false);
        QVERIFY(m_catalogs->setHidden(CatalogSource::earthSearch().id(), true));
        const QString mine = m_catalogs->catalogs().at(1).id();
        QVERIFY(m_catalogs->replaceCatalog(
            mine, apiSource(u"Mine, renamed"_s, QUrl(TestPorts::closedLocalOrigin() + u"/v2"_s))));
        QVERIFY(m_catalogs->removeCatalog(m_catalogs->catalogs().at(2).id()).isValid());

        makeWindow(); // a new controller reads what the last one saved
        m_catalogs->restoreSettings();
        QCOMPARE(names(m_catalogs->catalogs()), QStringList({ CatalogSource::demo().name, u"Mine, renamed"_s }));
        QCOMPARE(m_catalogs->catalogs().at(1).location, TestPorts::closedLocalOrigin() + u"/v2"_s);
        QVERIFY(m_catalogs->isHidden(CatalogSource::earthSearch().id()));
        QCOMPARE(names(m_catalogs->managedCatalogs()),
            QStringList({ CatalogSource::demo().name, CatalogSource::earthSearch().name, u"Mine, renamed"_s }));
    }

    void unreachableCatalogSaysSoWithRetry()
    {
        m_emulator.injectFailure(404, "not today", 1);
        m_catalogs->addCatalog(apiSource(u"Emulator"_s, m_emulator.url()), true);
        QTRY_VERIFY(m_search->collectionsRetryButton()->isVisibleTo(m_search));
        const QString hint = m_search->collectionsHint()->text();
        QVERIFY2(hint.startsWith(u"Couldn't load this catalog: "_s), qPrintable(hint));
        QVERIFY(hint.contains(u"404"_s));
        QVERIFY(!hint.contains(u"lists no collections"_s));
        QCOMPARE(m_search->collectionList()->count(), 0);
        QTest::mouseClick(m_search->collectionsRetryButton(), Qt::LeftButton);
        QTRY_COMPARE(m_search->collectionList()->count(), 2);
        QVERIFY(!m_search->collectionsRetryButton()->isVisibleTo(m_search));
        QCOMPARE(m_search->collectionsHint()->text(), u"None checked searches them all."_s);
    }

    void collectionTooltipsSayWhatTheCollectionIs()
    {
        m_catalogs->addCatalog(apiSource(u"Emulator"_s, m_emulator.url()), true);
        QTRY_COMPARE(m_search->collectionList()->count(), 2);
        QListWidgetItem *item = m_search->collectionList()->item(1); // alphabetical: Landsat, Sentinel
        QCOMPARE(item->text(), u"Sentinel-2 L2A"_s);
        const QString tip = item->toolTip();
        QVERIFY2(tip.contains(u"<b>Sentinel-2 L2A</b><br>sentinel-2-l2a"_s), qPrintable(tip));
        // The first paragraph, its Markdown link read as its label, its markup escaped.
        QVERIFY(tip.contains(
            u"Sentinel-2 Level-2A surface reflectance from the Copernicus programme, &lt;b&gt;processed&lt;/b&gt; by Sen2Cor…"_s));
        QVERIFY(!tip.contains(u"Second paragraph"_s));
        QVERIFY(tip.contains(u"2015-06-27 to present"_s));
        QVERIFY(tip.contains(u"W 5.00°, S 45.00°, E 15.00°, N 55.00°"_s));
        QVERIFY(tip.contains(u"CC-BY-SA-3.0-IGO"_s));
        QVERIFY(tip.contains(u"ESA (producer, licensor); Element 84 (host)"_s));
    }

    void longDescriptionsAreCutAtAWord()
    {
        const QString words = u"word "_s.repeated(200);
        const QString cut = CollectionToolTip::shortDescription(words, 52);
        QCOMPARE(cut, u"word word word word word word word word word word…"_s);
        QCOMPARE(CollectionToolTip::shortDescription(u"Short."_s), u"Short."_s);
        QCOMPARE(CollectionToolTip::spatialText({ GeoBox { -180, -90, 180, 90 } }), u"Whole world"_s);
        DateRange closed;
        closed.start = QDateTime(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        closed.end = QDateTime(QDate(2021, 12, 31), QTime(23, 0), Qt::UTC).toMSecsSinceEpoch();
        QCOMPARE(CollectionToolTip::temporalText(closed), u"2020-01-01 to 2021-12-31"_s);
        QCOMPARE(CollectionToolTip::temporalText({}), QString());
    }

    void screenshot()
    {
        // For a person's eyes: STACSCOPE_SCREENSHOT=/path.png saves the manager as it looks.
        const QString path = qEnvironmentVariable("STACSCOPE_SCREENSHOT");
        if (path.isEmpty()) {
            QSKIP("STACSCOPE_SCREENSHOT not set");
        }
        m_catalogs->addCatalog(apiSource(u"Emulator"_s, m_emulator.url()), false);
        m_catalogs->addCatalog(apiSource(u"Closed port"_s, QUrl(TestPorts::closedLocalOrigin() + u"/stac"_s)), false);
        QVERIFY(m_catalogs->setHidden(CatalogSource::earthSearch().id(), true));
        CatalogManagerDialog *manager = openManager();
        for (const QString &id : { m_catalogs->catalogs().at(1).id(), m_catalogs->catalogs().at(2).id() }) {
            QVERIFY(manager->selectCatalog(id));
            manager->testCurrent();
            QTRY_VERIFY(!manager->statusText(id).startsWith(u"Testing"_s));
        }
        m_catalogs->addCatalog(apiSource(u"Old mirror"_s, QUrl(TestPorts::closedLocalOrigin() + u"/old"_s)), false);
        QVERIFY(manager->selectCatalog(m_catalogs->catalogs().last().id()));
        manager->removeCurrent();
        QVERIFY(manager->selectCatalog(m_catalogs->catalogs().at(1).id()));
        QVERIFY(manager->grab().save(path));
        // The form after a failed check.
        m_catalogs->addStacApiDialog();
        AddCatalogDialog *dialog = m_catalogs->addDialog();
        dialog->urlEdit()->setText(TestPorts::closedLocalOrigin() + u"/stac"_s);
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog->keepButton()->isVisible());
        QVERIFY(dialog->grab().save(QString(path).replace(u".png"_s, u"-add.png"_s)));
        // The search panel on a catalog that cannot be reached.
        m_catalogs->selectCatalog(2);
        QTRY_VERIFY(m_search->collectionsRetryButton()->isVisibleTo(m_search));
        QVERIFY(m_search->grab().save(QString(path).replace(u".png"_s, u"-panel.png"_s)));
    }

private:
    void clearSettings()
    {
        QSettings settings;
        for (const QString &key : { u"catalogs/user"_s, u"catalogs/hidden"_s, u"catalogs/last"_s }) {
            settings.remove(key);
        }
    }

    void makeWindow()
    {
        m_window.reset();
        m_window = std::make_unique<QWidget>();
        m_search = new SearchPanel(m_window.get());
        auto *bar = new MessageBar(m_window.get());
        m_catalogs = new CatalogsController(m_window.get(), &m_network, m_search, bar);
        // As the main window does: it opens what the controller chose.
        connect(m_catalogs, &CatalogsController::sessionOpened, this, [](CatalogSession *session) {
            if (session) {
                session->open();
            }
        });
        m_window->resize(400, 700);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    CatalogManagerDialog *openManager()
    {
        m_catalogs->manageCatalogsDialog();
        CatalogManagerDialog *manager = m_catalogs->managerDialog();
        if (manager && !QTest::qWaitForWindowExposed(manager)) {
            return nullptr;
        }
        return manager;
    }

    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
    StacEmulator m_emulator;
    StacEmulator m_second;
    std::unique_ptr<QWidget> m_window;
    SearchPanel *m_search = nullptr;
    CatalogsController *m_catalogs = nullptr;
};

QTEST_MAIN(TestCatalogManager)
#include "tst_catalogmanager.moc"
