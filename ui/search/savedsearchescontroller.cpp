#include "ui/search/savedsearchescontroller.h"

#include <QDockWidget>
#include <QInputDialog>
#include <QLocale>
#include <QMessageBox>
#include <QTableView>

#include "src/models/resultsmodel.h"
#include "src/net/networkerror.h"
#include "src/providers/catalogsession.h"
#include "ui/common/docklayout.h"
#include "ui/common/messagebar.h"
#include "ui/mainwindow.h"
#include "ui/map/footprintlayer.h"
#include "ui/map/mapwidget.h"
#include "ui/search/catalogscontroller.h"
#include "ui/search/newresultdelegate.h"
#include "ui/search/savedsearchespanel.h"
#include "ui/search/searchpanel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

SavedSearchesController::SavedSearchesController(MainWindow *window, SavedSearchStore *store)
    : QObject(window)
    , m_window(window)
    , m_store(store)
    , m_panel(new SavedSearchesPanel(window))
    , m_dock(new QDockWidget(tr("Saved searches and history"), window))
{
    m_panel->setCatalogNamer([this](const QString &id) { return catalogName(id); });
    m_dock->setObjectName(u"savedSearchesDock"_s);
    m_dock->setWidget(m_panel);
    setUpDock(m_dock);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    if (auto *results = window->findChild<QDockWidget *>(u"resultsDock"_s)) {
        window->tabifyDockWidget(results, m_dock);
        results->raise();
    }
    // The badge on new results' ids.
    window->resultsView()->setItemDelegateForColumn(ResultsModel::Id, new NewResultDelegate(window->resultsView()));

    connect(window, &MainWindow::searchStarted, this, &SavedSearchesController::onSearchStarted);
    connect(window->catalogsController(), &CatalogsController::sessionOpened, this,
        &SavedSearchesController::onSessionOpened);
    onSessionOpened(window->session());
    connect(m_dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible) {
            refresh();
        }
    });
    connect(m_panel, &SavedSearchesPanel::runSavedRequested, this, &SavedSearchesController::runSaved);
    connect(m_panel, &SavedSearchesPanel::saveRequested, this, &SavedSearchesController::saveDialog);
    connect(m_panel, &SavedSearchesPanel::renameRequested, this, &SavedSearchesController::renameDialog);
    connect(m_panel, &SavedSearchesPanel::deleteRequested, this, &SavedSearchesController::deleteDialog);
    connect(m_panel, &SavedSearchesPanel::runHistoryRequested, this, &SavedSearchesController::runHistory);
    connect(m_panel, &SavedSearchesPanel::removeHistoryRequested, this, [this](qint64 id) {
        if (!m_store->removeHistory(id)) {
            warn(m_store->lastError());
        }
        refresh();
    });
    connect(m_panel, &SavedSearchesPanel::clearHistoryRequested, this, [this] {
        if (!m_store->clearHistory()) {
            warn(m_store->lastError());
        }
        refresh();
    });
    refresh();
}

SavedSearchesController::~SavedSearchesController() = default;

void SavedSearchesController::warn(const QString &text)
{
    if (!text.isEmpty()) {
        m_window->messageBar()->showMessage(MessageBar::Level::Warning, text);
    }
}

QString SavedSearchesController::catalogName(const QString &id) const
{
    for (const CatalogSource &source : m_window->catalogs()) {
        if (source.id() == id) {
            return source.name;
        }
    }
    return id.mid(id.indexOf(u':') + 1); // the location: a URL or a path
}

void SavedSearchesController::refresh()
{
    m_panel->setSavedSearches(m_store->savedSearches());
    const QString savedError = m_store->lastError();
    m_panel->setHistory(m_store->history());
    warn(savedError.isEmpty() ? m_store->lastError() : savedError);
    m_panel->setCanSave(m_last.has_value());
}

void SavedSearchesController::onSessionOpened(CatalogSession *session)
{
    if (!session) {
        return;
    }
    // After the window's own connection: the table and the map have the results when this runs.
    connect(
        session, &CatalogSession::searchFinished, this, [this](const NetworkError &error) { onSearchFinished(error); });
}

void SavedSearchesController::onSearchStarted(const SearchParameters &parameters, int maxItems)
{
    const CatalogSession *session = m_window->session();
    Running running;
    running.request.catalogs = { session ? session->source().id() : QString() };
    running.request.parameters = parameters;
    running.request.maxItems = maxItems;
    if (m_launch) {
        running.savedId = m_launch->savedId;
        running.savedName = m_launch->savedName;
    }
    m_running = running;
    m_last.reset();
    m_panel->setCanSave(false);
}

void SavedSearchesController::onSearchFinished(const NetworkError &error)
{
    if (!m_running) {
        return;
    }
    const Running running = *m_running;
    m_running.reset();
    if (error.isError()) {
        return; // failed or canceled: neither history nor what a saved search has seen
    }
    HistoryEntry entry;
    entry.request = running.request;
    entry.returned = m_window->results().size();
    entry.matched = m_window->matchedCount();
    entry.savedName = running.savedName;
    if (!m_store->addHistory(entry)) {
        warn(m_store->lastError());
    }
    m_last = running.request;
    if (running.savedId != 0) {
        const QString catalog = running.request.catalogs.value(0);
        const std::optional<SeenItems> fresh = m_store->recordRun(running.savedId, currentItems(catalog));
        if (!fresh) {
            warn(m_store->lastError());
        } else {
            markNew(*fresh, catalog);
            const int n = int(fresh->size());
            m_window->messageBar()->showMessage(MessageBar::Level::Info,
                n == 0       ? tr("\"%1\": no new results since its last run.").arg(running.savedName)
                    : n == 1 ? tr("\"%1\": 1 new result since its last run, marked New.").arg(running.savedName)
                             : tr("\"%1\": %2 new results since its last run, marked New.")
                                   .arg(running.savedName, QLocale().toString(n)));
            Q_EMIT newResultsMarked(running.savedName, n);
        }
    }
    refresh();
}

SeenItems SavedSearchesController::currentItems(const QString &catalog) const
{
    SeenItems items;
    const ItemStore &results = m_window->results();
    items.reserve(results.size());
    for (int row = 0; row < results.size(); ++row) {
        const ItemRecord &r = results.at(row);
        items.insert({ catalog, r.collection, r.id });
    }
    return items;
}

void SavedSearchesController::markNew(const SeenItems &fresh, const QString &catalog)
{
    QSet<int> rows;
    const ItemStore &results = m_window->results();
    for (int row = 0; row < results.size() && rows.size() < fresh.size(); ++row) {
        const ItemRecord &r = results.at(row);
        if (fresh.contains({ catalog, r.collection, r.id })) {
            rows.insert(row);
        }
    }
    m_window->resultsModel()->setNewRows(rows);
    m_window->footprintLayer()->setOutlinedRows(rows);
}

bool SavedSearchesController::run(const SearchRequest &request, qint64 savedId, const QString &savedName)
{
    int index = -1;
    for (const QString &id : request.catalogs) {
        index = m_window->catalogsController()->indexOf(id);
        if (index >= 0) {
            break;
        }
    }
    if (index < 0) {
        m_window->messageBar()->showMessage(MessageBar::Level::Warning,
            tr("This search ran on a catalog that is no longer in the list: %1. Add it again to run the search.")
                .arg(request.catalogs.join(u", "_s)));
        return false;
    }
    m_window->selectCatalog(index);
    // The form shows the search (what it can show of it); the search runs as it was saved.
    m_window->searchPanel()->applyParameters(request.parameters, request.maxItems);
    const SearchParameters &p = request.parameters;
    if (p.bbox) {
        m_window->map()->zoomToBox(*p.bbox);
    } else if (p.intersects) {
        m_window->map()->zoomToBox(p.intersects->bounds());
    }
    m_launch = Running { request, savedId, savedName };
    m_window->runSearchWith(p, request.maxItems);
    m_launch.reset();
    return true;
}

bool SavedSearchesController::runSaved(qint64 id)
{
    for (const SavedSearch &s : m_store->savedSearches()) {
        if (s.id == id) {
            return run(s.request, s.id, s.name);
        }
    }
    warn(m_store->lastError().isEmpty() ? tr("That saved search is no longer there.") : m_store->lastError());
    refresh();
    return false;
}

bool SavedSearchesController::runHistory(qint64 id)
{
    for (const HistoryEntry &e : m_store->history()) {
        if (e.id == id) {
            return run(e.request, 0, {});
        }
    }
    refresh();
    return false;
}

bool SavedSearchesController::saveLastSearch(const QString &name, bool replace)
{
    if (!m_last) {
        warn(tr("Run a search first: what is saved is the last search and the results it returned."));
        return false;
    }
    const std::optional<qint64> id = m_store->save(name, *m_last, currentItems(m_last->catalogs.value(0)), replace);
    if (!id) {
        warn(m_store->lastError());
        return false;
    }
    refresh();
    m_panel->selectSaved(*id);
    m_window->messageBar()->showMessage(MessageBar::Level::Info,
        tr("Saved as \"%1\". Run it again from Saved searches and history to see what is new.").arg(name.trimmed()));
    return true;
}

bool SavedSearchesController::rename(qint64 id, const QString &name)
{
    const bool ok = m_store->rename(id, name);
    if (!ok) {
        warn(m_store->lastError());
    }
    refresh();
    return ok;
}

bool SavedSearchesController::remove(qint64 id)
{
    const bool ok = m_store->remove(id);
    if (!ok) {
        warn(m_store->lastError());
    }
    refresh();
    return ok;
}

void SavedSearchesController::askName(
    const QString &title, const QString &initial, std::function<void(const QString &)> done)
{
    if (m_nameDialog) {
        m_nameDialog->close();
    }
    auto *dialog = new QInputDialog(m_window);
    dialog->setObjectName(u"savedSearchNameDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    dialog->setLabelText(tr("Name:"));
    dialog->setTextValue(initial);
    connect(dialog, &QInputDialog::textValueSelected, this, std::move(done));
    m_nameDialog = dialog;
    dialog->open();
}

void SavedSearchesController::saveDialog()
{
    if (!m_last) {
        saveLastSearch({}); // says why not
        return;
    }
    askName(tr("Save search"), {}, [this](const QString &name) {
        if (saveLastSearch(name) || !m_store->isNameTaken()) {
            return;
        }
        // The name is taken: replace that saved search, or keep it.
        auto *box = new QMessageBox(QMessageBox::Question, tr("Replace saved search"),
            tr("A saved search is already called \"%1\". Replace it with this search?").arg(name.trimmed()),
            QMessageBox::Yes | QMessageBox::Cancel, m_window);
        box->setObjectName(u"replaceSavedSearchQuestion"_s);
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::finished, this, [this, box, name](int) {
            if (box->clickedButton() == box->button(QMessageBox::Yes)) {
                saveLastSearch(name, true);
            }
        });
        m_question = box;
        box->open();
    });
}

void SavedSearchesController::renameDialog(qint64 id)
{
    QString current;
    for (const SavedSearch &s : m_store->savedSearches()) {
        if (s.id == id) {
            current = s.name;
        }
    }
    if (current.isEmpty()) {
        return;
    }
    askName(tr("Rename saved search"), current, [this, id](const QString &name) { rename(id, name); });
}

void SavedSearchesController::deleteDialog(qint64 id)
{
    QString name;
    for (const SavedSearch &s : m_store->savedSearches()) {
        if (s.id == id) {
            name = s.name;
        }
    }
    if (name.isEmpty()) {
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete saved search"),
        tr("Delete the saved search \"%1\"? stacscope-cli will not find it either.").arg(name),
        QMessageBox::Yes | QMessageBox::Cancel, m_window);
    box->setObjectName(u"deleteSavedSearchQuestion"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, id](int) {
        if (box->clickedButton() == box->button(QMessageBox::Yes)) {
            remove(id);
        }
    });
    m_question = box;
    box->open();
}

} // namespace StacScope
