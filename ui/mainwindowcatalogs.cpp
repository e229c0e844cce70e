// The main window's catalog side: CatalogsController chooses catalogs; the window shows their results.

#include "src/models/resultsmodel.h"
#include "src/net/networkerror.h"
#include "src/providers/catalogsession.h"
#include "ui/common/messagebar.h"
#include "ui/details/itemdetailswidget.h"
#include "ui/mainwindow.h"
#include "ui/map/footprintlayer.h"
#include "ui/map/quicklookloader.h"
#include "ui/search/catalogscontroller.h"
#include "ui/search/filtercontroller.h"
#include "ui/search/multisearchcontroller.h"
#include "ui/search/savedsearchescontroller.h"
#include "ui/search/searchpanel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

const QList<CatalogSource> &MainWindow::catalogs() const
{
    return m_catalogsController->catalogs();
}

void MainWindow::addCatalog(const CatalogSource &source, bool select)
{
    m_catalogsController->addCatalog(source, select);
}

void MainWindow::selectCatalog(int index)
{
    m_catalogsController->selectCatalog(index);
}

void MainWindow::onSessionOpened(CatalogSession *session)
{
    m_session = session;
    m_filterController->setSession(session);
    if (!session) {
        return;
    }
    connect(session, &CatalogSession::itemsAdded, this, &MainWindow::onItemsAdded);
    connect(session, &CatalogSession::matchedKnown, this, [this](qint64 matched) {
        m_matched = matched;
        updateStatus();
    });
    connect(session, &CatalogSession::searchFinished, this, &MainWindow::onSearchFinished);
    session->open();
    // Another catalog's footprints must not stay on the map as if they were this one's. A static
    // catalog is read whole anyway, so show it at once; an API waits for the user's filters.
    if (session->searchesLocally()) {
        runSearch();
    } else {
        clearResults();
    }
}

std::optional<CatalogSource> MainWindow::catalogOfRow(int row) const
{
    if (std::optional<CatalogSource> source = m_multiSearch ? m_multiSearch->sourceOfRow(row) : std::nullopt) {
        return source;
    }
    return m_session ? std::optional<CatalogSource>(m_session->source()) : std::nullopt;
}

void MainWindow::setSavedSearchStore(SavedSearchStore *store)
{
    if (store && !m_savedSearches) {
        m_savedSearches = new SavedSearchesController(this, store);
    }
}

void MainWindow::clearResults()
{
    m_multiSearch->forget();
    m_results.clear();
    m_matched.reset();
    m_details->clear();
    m_model->syncReset();
    m_footprints->syncReset();
    m_quicklookLoader->setRows({});
    updateStatus();
}

} // namespace StacScope
