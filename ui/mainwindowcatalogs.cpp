// The main window's catalog side: adding and choosing catalogs, and what happens to the results.
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QSettings>
#include <QUrl>

#include "src/models/resultsmodel.h"
#include "src/net/networkerror.h"
#include "src/providers/accountmanager.h"
#include "src/providers/catalogsession.h"
#include "src/providers/providerregistry.h"
#include "ui/common/messagebar.h"
#include "ui/details/itemdetailswidget.h"
#include "ui/mainwindow.h"
#include "ui/map/footprintlayer.h"
#include "ui/map/quicklookloader.h"
#include "ui/search/addcatalogdialog.h"
#include "ui/search/searchpanel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

void MainWindow::addCatalog(const CatalogSource &source, bool select)
{
    if (m_accounts && source.kind == CatalogSource::Kind::StacApi && source.accountId.isEmpty()) {
        // Session only: the headers go to the router for this origin, never to settings.
        // The whole origin, as before: assets served beside the API get them, other hosts never.
        const QUrl origin = QUrl(source.location).adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
        m_accounts->bindSessionHeaders(u"catalog:"_s + source.location, origin, source.headers);
    }
    int index = int(m_catalogs.indexOf(source));
    if (index < 0) {
        m_catalogs.append(source);
        index = int(m_catalogs.size()) - 1;
    } else {
        m_catalogs[index] = source; // new headers for the session
    }
    if (select) {
        selectCatalog(index);
    }
}

void MainWindow::selectCatalog(int index)
{
    if (index < 0 || index >= m_catalogs.size()) {
        return;
    }
    m_search->setCatalogs(catalogNames(), index);
    if (m_session && m_session->source() == m_catalogs.at(index)) {
        return;
    }
    if (m_session) {
        m_session->cancel();
        m_session->deleteLater();
    }
    // Each catalog is opened by its provider (a STAC API, a static catalog, an account's archive).
    m_session = providers()->openCatalog(m_network, m_catalogs.at(index), this);
    if (!m_session) {
        m_messages->showMessage(MessageBar::Level::Error,
            tr("%1 cannot be searched by this version of StacScope.").arg(m_catalogs.at(index).name));
        return;
    }
    m_search->setCollectionsLoading(true);
    m_search->setBusy(false);
    connect(m_session, &CatalogSession::collectionsChanged, this,
        [this] { m_search->setCollections(m_session->collections()); });
    connect(m_session, &CatalogSession::failed, this, [this](const NetworkError &error) {
        m_search->setCollections({});
        const CatalogSource &source = m_session->source();
        if (error.isCredentialProblem()
            && showAccountProblem(source.accountId, tr("Could not open %1").arg(source.name), error)) {
            return;
        }
        m_messages->showMessage(MessageBar::Level::Error,
            tr("Could not open %1: %2").arg(source.name, error.toString()), error.url.toString());
    });
    connect(m_session, &CatalogSession::itemsAdded, this, &MainWindow::onItemsAdded);
    connect(m_session, &CatalogSession::matchedKnown, this, [this](qint64 matched) {
        m_matched = matched;
        updateStatus();
    });
    connect(m_session, &CatalogSession::searchFinished, this, &MainWindow::onSearchFinished);
    m_messages->hide();
    m_session->open();
    // Another catalog's footprints must not stay on the map as if they were this one's. A static
    // catalog is read whole anyway, so show it at once; an API waits for the user's filters.
    if (m_session->searchesLocally()) {
        runSearch();
    } else {
        clearResults();
    }
}

const ProviderRegistry *MainWindow::providers()
{
    if (m_accounts) {
        return m_accounts->registry();
    }
    if (!m_ownProviders) {
        m_ownProviders = ProviderRegistry::createDefault();
    }
    return m_ownProviders.get();
}

QStringList MainWindow::catalogNames() const
{
    QStringList names;
    for (const CatalogSource &s : m_catalogs) {
        names.append(s.name);
    }
    return names;
}

void MainWindow::clearResults()
{
    m_results.clear();
    m_matched.reset();
    m_details->clear();
    m_model->syncReset();
    m_footprints->syncReset();
    m_quicklookLoader->setRows({});
    updateStatus();
}

void MainWindow::addStacApiDialog()
{
    AddCatalogDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    QString error;
    const CatalogSource source = dialog.source(&error);
    if (source.isValid()) {
        addCatalog(source);
    }
}

void MainWindow::openStaticCatalogDialog()
{
    // A folder is the common case; a file or a URL can be typed instead.
    QInputDialog dialog(this);
    dialog.setWindowTitle(tr("Open static catalog"));
    dialog.setLabelText(
        tr("Folder, catalog.json / collection.json file, or its URL.\nLeave empty to browse for a folder."));
    dialog.resize(560, dialog.sizeHint().height());
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    QString location = dialog.textValue().trimmed();
    if (location.isEmpty()) {
        location = QFileDialog::getExistingDirectory(this, tr("Static catalog folder"));
        if (location.isEmpty()) {
            return;
        }
    }
    CatalogSource source;
    source.kind = CatalogSource::Kind::StaticCatalog;
    source.location = location;
    const QFileInfo info(location);
    source.name = info.isDir() ? info.fileName() : location.section(u'/', -2);
    if (source.name.isEmpty()) {
        source.name = location;
    }
    addCatalog(source);
}

} // namespace StacScope
