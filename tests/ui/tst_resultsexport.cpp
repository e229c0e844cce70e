// Exporting results from the window on the embedded demo catalog (offscreen): the file dialog
// (found as the window's child and answered, as a person would), the format from the extension or
// the chosen filter, the file written off the GUI thread and read back by GDAL, the message bar.
#include <gdal.h>
#include <ogr_api.h>

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "src/models/resultsmodel.h"
#include "src/net/networkclient.h"
#include "src/stac/itemstore.h"
#include "tests/ui/demowindow.h"
#include "ui/common/messagebar.h"
#include "ui/mainwindow.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

class TestResultsExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        Testing::prepareDemoWindowTests();
        GDALAllRegister();
    }

    void init()
    {
        m_window = Testing::openDemoWindow(&m_network);
        QVERIFY(m_window);
        QVERIFY(m_window->results().size() >= 10);
    }

    void cleanup()
    {
        m_window.reset();
        QSettings().clear();
    }

    // Everywhere a person looks for it: the Export button's menu, File, the results' menu.
    void actionsInPlace()
    {
        auto *button = m_window->findChild<QPushButton *>(u"exportResultsButton"_s);
        QVERIFY(button);
        QVERIFY(button->menu());
        QCOMPARE(button->menu()->actions(),
            (QList<QAction *> { m_window->exportSelectionAction(), m_window->exportAllAction() }));
        QMenu *file = m_window->menuBar()->actions().first()->menu();
        QVERIFY(file->actions().contains(m_window->exportSelectionAction()));
        QVERIFY(file->actions().contains(m_window->exportAllAction()));
    }

    // All results, the CSV filter chosen and a name typed without extension: a .csv file.
    void allByFilter()
    {
        QTemporaryDir dir;
        m_window->selectRows({ 1 }); // "all" ignores the selection
        m_window->exportAllAction()->trigger();
        auto *dialog = m_window->findChild<QFileDialog *>(u"exportResultsDialog"_s);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
        QCOMPARE(dialog->nameFilters(),
            (QStringList { u"GeoJSON FeatureCollection (*.geojson)"_s, u"STAC ItemCollection (*.json)"_s,
                u"Newline-delimited GeoJSON (*.ndjson)"_s, u"CSV (*.csv)"_s, u"GeoPackage (*.gpkg)"_s }));
        dialog->selectNameFilter(u"CSV (*.csv)"_s);
        Q_EMIT dialog->filterSelected(u"CSV (*.csv)"_s); // as the combo box does when a person picks it
        dialog->selectFile(dir.filePath(u"all"_s));
        static_cast<QDialog *>(dialog)->accept(); // as the Save button does

        const QString path = dir.filePath(u"all.csv"_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->messageBar()->text().startsWith(u"Exported"_s), 20000);
        QCOMPARE(m_window->messageBar()->level(), MessageBar::Level::Info);
        const int count = m_window->results().size();
        QCOMPARE(m_window->messageBar()->text(),
            u"Exported %1 results to %2 (CSV)."_s.arg(QLocale().toString(count), QDir::toNativeSeparators(path)));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray header = file.readLine();
        QVERIFY(header.startsWith("id,collection,datetime,WKT,"));
        QCOMPARE(featureCount(path), count);
        QVERIFY(!m_window->findChild<QFileDialog *>(u"exportResultsDialog"_s));
    }

    // The selected results; a .gpkg name wins over the filter that was chosen.
    void selectionByExtension()
    {
        QTemporaryDir dir;
        QTableView *table = m_window->resultsView();
        QItemSelection selection;
        QSet<QString> ids;
        for (int r : { 2, 7, 9 }) {
            selection.select(table->model()->index(r, 0), table->model()->index(r, 0));
            ids.insert(m_window->results().at(table->model()->index(r, 0).data(ResultsModel::RowRole).toInt()).id);
        }
        table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_window->exportSelectionAction()->trigger();
        auto *dialog = m_window->findChild<QFileDialog *>(u"exportResultsDialog"_s);
        QVERIFY(dialog);
        QCOMPARE(dialog->windowTitle(), u"Export 3 results"_s);
        dialog->selectNameFilter(u"GeoJSON FeatureCollection (*.geojson)"_s);
        const QString path = dir.filePath(u"picked.gpkg"_s);
        dialog->selectFile(path);
        static_cast<QDialog *>(dialog)->accept(); // as the Save button does

        QTRY_VERIFY_WITH_TIMEOUT(m_window->messageBar()->text().startsWith(u"Exported"_s), 20000);
        QCOMPARE(m_window->messageBar()->text(),
            u"Exported 3 results to %1 (GeoPackage)."_s.arg(QDir::toNativeSeparators(path)));
        GDALDatasetH dataset = GDALOpenEx(
            QFile::encodeName(path).constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
        QVERIFY(dataset);
        OGRLayerH layer = GDALDatasetGetLayerByName(dataset, "items");
        QVERIFY(layer);
        QCOMPARE(OGR_L_GetFeatureCount(layer, TRUE), 3);
        QSet<QString> written;
        OGR_L_ResetReading(layer);
        while (OGRFeatureH feature = OGR_L_GetNextFeature(layer)) {
            written.insert(QString::fromUtf8(OGR_F_GetFieldAsString(feature, OGR_F_GetFieldIndex(feature, "id"))));
            QVERIFY(OGR_F_GetGeometryRef(feature));
            OGR_F_Destroy(feature);
        }
        GDALClose(dataset);
        QCOMPARE(written, ids);
    }

    // A name no format claims, given directly: said in the message bar, nothing written.
    void unknownExtension()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"results.txt"_s);
        QVERIFY(!m_window->exportResults(path, MainWindow::ExportScope::All));
        QCOMPARE(m_window->messageBar()->level(), MessageBar::Level::Error);
        QVERIFY(m_window->messageBar()->text().contains(u".gpkg"_s));
        QVERIFY(!QFile::exists(path));
    }

private:
    // Features GDAL reads in the file's first layer, -1 when it cannot open it.
    static int featureCount(const QString &path)
    {
        GDALDatasetH dataset = GDALOpenEx(
            QFile::encodeName(path).constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
        if (!dataset) {
            return -1;
        }
        const int count = int(OGR_L_GetFeatureCount(GDALDatasetGetLayer(dataset, 0), TRUE));
        GDALClose(dataset);
        return count;
    }

    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestResultsExport)
#include "tst_resultsexport.moc"
