// MainWindow: results exported to a file (the Export button's menu, File, the results' context
// menu) by an ItemExportJob on a worker thread; progress in the status bar, the end in the
// message bar.
#include <algorithm>
#include <numeric>

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QPointer>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>

#include "src/stac/itemexportjob.h"
#include "ui/common/messagebar.h"
#include "ui/mainwindow.h"
#include "ui/search/multisearchcontroller.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString formatLabel(ExportFormat format)
{
    switch (format) {
    case ExportFormat::FeatureCollection:
        return MainWindow::tr("GeoJSON FeatureCollection");
    case ExportFormat::ItemCollection:
        return MainWindow::tr("STAC ItemCollection");
    case ExportFormat::NdJson:
        return MainWindow::tr("Newline-delimited GeoJSON");
    case ExportFormat::Csv:
        return MainWindow::tr("CSV");
    case ExportFormat::GeoPackage:
        return MainWindow::tr("GeoPackage");
    }
    return {};
}

QString resultsText(int count)
{
    return count == 1 ? MainWindow::tr("1 result") : MainWindow::tr("%1 results").arg(QLocale().toString(count));
}

const QString kDirectoryKey = u"results/exportDirectory"_s;
const QString kFormatKey = u"results/exportFormat"_s;

} // namespace

void MainWindow::buildExportActions()
{
    m_exportSelectionAction = new QAction(tr("E&xport selected results..."), this);
    m_exportSelectionAction->setObjectName(u"exportSelectionAction"_s);
    m_exportSelectionAction->setToolTip(tr("Save the selected results (all of them when none is selected) to a file"));
    connect(
        m_exportSelectionAction, &QAction::triggered, this, [this] { exportResultsDialog(ExportScope::Selection); });
    m_exportAllAction = new QAction(tr("Export &all results..."), this);
    m_exportAllAction->setObjectName(u"exportAllAction"_s);
    m_exportAllAction->setToolTip(tr("Save every result of the search to a file"));
    connect(m_exportAllAction, &QAction::triggered, this, [this] { exportResultsDialog(ExportScope::All); });
}

std::vector<int> MainWindow::exportRows(ExportScope scope) const
{
    std::vector<int> rows;
    if (scope == ExportScope::Selection) {
        for (int row : selectedRows()) {
            rows.push_back(row);
        }
    }
    if (rows.empty()) {
        rows.resize(size_t(m_results.size()));
        std::iota(rows.begin(), rows.end(), 0);
    }
    std::sort(rows.begin(), rows.end()); // the order they came in
    return rows;
}

void MainWindow::exportResultsDialog(ExportScope scope)
{
    if (m_results.isEmpty()) {
        m_messages->showMessage(MessageBar::Level::Info, tr("There are no results to export yet."));
        return;
    }
    if (auto *open = findChild<QFileDialog *>(u"exportResultsDialog"_s)) {
        open->close(); // one at a time, for what is selected now
    }
    const int count = int(exportRows(scope).size());
    auto *dialog = new QFileDialog(this, tr("Export %1").arg(resultsText(count)));
    dialog->setObjectName(u"exportResultsDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    QStringList filters;
    for (ExportFormat format : ItemExport::kFormats) {
        filters.append(u"%1 (*.%2)"_s.arg(formatLabel(format), ItemExport::suffix(format)));
    }
    dialog->setNameFilters(filters);
    const QSettings settings;
    const qsizetype last
        = std::clamp(qsizetype(settings.value(kFormatKey, 0).toInt()), qsizetype(0), filters.size() - 1);
    const QString suffix = ItemExport::suffix(ItemExport::kFormats[last]);
    dialog->selectNameFilter(filters[last]);
    dialog->setDefaultSuffix(suffix);
    dialog->setDirectory(settings.value(kDirectoryKey, QDir::homePath()).toString());
    dialog->selectFile(u"results."_s + suffix);
    // Another filter: its extension for the name typed so far, and for a name typed without one.
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog, filters](const QString &filter) {
        const qsizetype index = filters.indexOf(filter);
        if (index < 0) {
            return;
        }
        const QString suffix = ItemExport::suffix(ItemExport::kFormats[index]);
        dialog->setDefaultSuffix(suffix);
        const QStringList chosen = dialog->selectedFiles();
        if (!chosen.isEmpty() && ItemExport::formatFromPath(chosen.first())) {
            dialog->selectFile(QFileInfo(chosen.first()).completeBaseName() + u'.' + suffix);
        }
    });
    connect(dialog, &QFileDialog::fileSelected, this, [this, scope, dialog, filters](const QString &path) {
        const qsizetype index = filters.indexOf(dialog->selectedNameFilter());
        std::optional<ExportFormat> format = ItemExport::formatFromPath(path);
        if (!format && index >= 0) {
            format = ItemExport::kFormats[index];
        }
        QSettings settings;
        settings.setValue(kDirectoryKey, QFileInfo(path).absolutePath());
        if (index >= 0) {
            settings.setValue(kFormatKey, int(index));
        }
        exportResults(path, scope, format);
    });
    dialog->open();
}

ItemExportJob *MainWindow::exportResults(const QString &path, ExportScope scope, std::optional<ExportFormat> format)
{
    if (!format) {
        format = ItemExport::formatFromPath(path);
    }
    if (!format) {
        m_messages->showMessage(MessageBar::Level::Error,
            tr("Cannot export to %1: name the file .geojson, .json, .ndjson, .csv or .gpkg.")
                .arg(QDir::toNativeSeparators(path)));
        return nullptr;
    }
    if (m_results.isEmpty()) {
        m_messages->showMessage(MessageBar::Level::Info, tr("There are no results to export yet."));
        return nullptr;
    }
    const std::vector<int> rows = exportRows(scope);
    ExportOptions options;
    if (rows.size() == size_t(m_results.size())) {
        options.matched = m_matched;
    }
    // Results of several catalogs have no one root (each item's properties name its catalog).
    const bool severalCatalogs = m_multiSearch && m_multiSearch->sourceOfRow(0);
    if (m_session && !severalCatalogs && m_session->source().id() != CatalogSource::demo().id()) {
        options.source = QUrl::fromUserInput(m_session->source().location, QDir::currentPath(), QUrl::AssumeLocalFile);
    }
    auto *job = new ItemExportJob(m_results, rows, path, *format, options, this);
    const QString what = resultsText(int(rows.size()));
    const QString where = QDir::toNativeSeparators(path);
    m_messages->showMessage(MessageBar::Level::Info, tr("Exporting %1 to %2...").arg(what, where));
    const QPointer<ItemExportJob> guard(job);
    m_messages->setAction(tr("Cancel"), [guard] {
        if (guard) {
            guard->cancel();
        }
    });
    connect(job, &ItemExportJob::progress, this, [this](qint64 done, qint64 total) {
        statusBar()->showMessage(tr("Exporting... %1%").arg(total > 0 ? done * 100 / total : 0));
    });
    connect(job, &ItemExportJob::finished, this, [this, job, what, where] {
        job->deleteLater();
        statusBar()->clearMessage();
        if (job->isOk()) {
            m_messages->showMessage(
                MessageBar::Level::Info, tr("Exported %1 to %2 (%3).").arg(what, where, formatLabel(job->format())));
        } else if (job->isCanceled()) {
            m_messages->showMessage(
                MessageBar::Level::Info, tr("The export to %1 was canceled; no file was written.").arg(where));
        } else {
            m_messages->showMessage(
                MessageBar::Level::Error, tr("Could not export the results: %1").arg(job->errorString()));
        }
    });
    return job;
}

} // namespace StacScope
