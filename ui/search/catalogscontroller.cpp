#include "ui/search/catalogscontroller.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QSettings>
#include <QUrl>

#include "src/net/networkerror.h"
#include "src/providers/providerregistry.h"
#include "ui/common/messagebar.h"
#include "ui/search/searchpanel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

CatalogsController::CatalogsController(
    QWidget *window, NetworkClient *network, SearchPanel *search, MessageBar *messages)
    : QObject(window)
    , m_window(window)
    , m_network(network)
    , m_search(search)
    , m_messages(messages)
    , m_catalogs({ CatalogSource::demo(), CatalogSource::earthSearch() })
{
    connect(search, &SearchPanel::catalogChosen, this, &CatalogsController::selectCatalog);
    connect(search, &SearchPanel::cancelRequested, this, [this] {
        if (m_session) {
            m_session->cancel();
        }
    });
    connect(search, &SearchPanel::addApiRequested, this, &CatalogsController::addStacApiDialog);
    connect(search, &SearchPanel::openStaticRequested, this, &CatalogsController::openStaticCatalogDialog);
}

CatalogsController::~CatalogsController() = default;

void CatalogsController::setAccountManager(AccountManager *accounts)
{
    m_accounts = accounts;
    connect(accounts, &AccountManager::catalogsChanged, this, &CatalogsController::syncAccountCatalogs);
    syncAccountCatalogs();
}

void CatalogsController::addCatalog(const CatalogSource &source, bool select)
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

void CatalogsController::selectCatalog(int index)
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
        Q_EMIT sessionOpened(nullptr);
        return;
    }
    m_search->setCollectionsLoading(true);
    m_search->setBusy(false);
    connect(m_session, &CatalogSession::collectionsChanged, this,
        [this] { m_search->setCollections(m_session->collections()); });
    connect(m_session, &CatalogSession::failed, this, [this](const NetworkError &error) {
        m_search->setCollections({});
        const CatalogSource &source = m_session->source();
        if (error.isCredentialProblem() && m_accountProblem
            && m_accountProblem(source.accountId, tr("Could not open %1").arg(source.name), error)) {
            return;
        }
        m_messages->showMessage(MessageBar::Level::Error,
            tr("Could not open %1: %2").arg(source.name, error.toString()), error.url.toString());
    });
    m_messages->hide();
    Q_EMIT sessionOpened(m_session);
}

int CatalogsController::lastUsedIndex() const
{
    const QString last = QSettings().value(u"catalogs/last"_s).toString();
    for (int i = 0; i < m_catalogs.size(); ++i) {
        if (m_catalogs.at(i).id() == last) {
            return i;
        }
    }
    return 0;
}

void CatalogsController::syncAccountCatalogs()
{
    const QString currentId = m_session ? m_session->source().id() : QString();
    QList<CatalogSource> builtIn;
    QList<CatalogSource> user;
    for (const CatalogSource &s : std::as_const(m_catalogs)) {
        if (s.builtIn) {
            builtIn.append(s);
        } else if (s.accountId.isEmpty()) {
            user.append(s);
        }
    }
    m_catalogs = builtIn + (m_accounts ? m_accounts->catalogs() : QList<CatalogSource>()) + user;
    if (!m_session) {
        return; // start() chooses
    }
    int index = -1;
    for (int i = 0; i < m_catalogs.size(); ++i) {
        if (m_catalogs.at(i).id() == currentId) {
            index = i;
        }
    }
    if (index >= 0) {
        m_search->setCatalogs(catalogNames(), index);
        return;
    }
    // The account that opened the current catalog is gone or changed: back to the demo catalog.
    const QString gone = m_session->source().name;
    selectCatalog(std::max(0, int(m_catalogs.indexOf(CatalogSource::demo()))));
    m_messages->showMessage(
        MessageBar::Level::Info, tr("%1 is no longer available: its account was removed or changed.").arg(gone));
}

void CatalogsController::restoreSettings()
{
    const QVariantList saved = QSettings().value(u"catalogs/user"_s).toList();
    for (const QVariant &v : saved) {
        const CatalogSource s = CatalogSource::fromSettings(v.toMap());
        if (s.isValid() && !m_catalogs.contains(s)) {
            m_catalogs.append(s);
        }
    }
}

void CatalogsController::saveSettings() const
{
    QSettings settings;
    QVariantList user;
    for (const CatalogSource &s : m_catalogs) {
        // An account's catalogs come from the account.
        if (!s.builtIn && s.accountId.isEmpty()) {
            user.append(s.toSettings());
        }
    }
    settings.setValue(u"catalogs/user"_s, user);
    if (m_session) {
        settings.setValue(u"catalogs/last"_s, m_session->source().id());
    }
}

const ProviderRegistry *CatalogsController::providers()
{
    if (m_accounts) {
        return m_accounts->registry();
    }
    if (!m_ownProviders) {
        m_ownProviders = ProviderRegistry::createDefault();
    }
    return m_ownProviders.get();
}

QStringList CatalogsController::catalogNames() const
{
    QStringList names;
    for (const CatalogSource &s : m_catalogs) {
        names.append(s.name);
    }
    return names;
}

void CatalogsController::addStacApiDialog()
{
    if (m_addDialog) {
        m_addDialog->raise();
        m_addDialog->activateWindow();
        return;
    }
    // Non-modal: no nested event loop; the catalog is added when the dialog is accepted.
    m_addDialog = new AddCatalogDialog(m_window);
    m_addDialog->setAttribute(Qt::WA_DeleteOnClose);
    AddCatalogDialog *dialog = m_addDialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        QString error;
        const CatalogSource source = dialog->source(&error);
        if (source.isValid()) {
            addCatalog(source);
        }
    });
    dialog->open();
}

void CatalogsController::openStaticCatalogDialog()
{
    if (m_staticDialog) {
        m_staticDialog->raise();
        return;
    }
    // A folder is the common case; a file or a URL can be typed instead.
    m_staticDialog = new QInputDialog(m_window);
    m_staticDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_staticDialog->setWindowTitle(tr("Open static catalog"));
    m_staticDialog->setLabelText(
        tr("Folder, catalog.json / collection.json file, or its URL.\nLeave empty to browse for a folder."));
    m_staticDialog->resize(560, m_staticDialog->sizeHint().height());
    connect(m_staticDialog, &QInputDialog::textValueSelected, this, [this](const QString &text) {
        const QString location = text.trimmed();
        if (!location.isEmpty()) {
            addStaticLocation(location);
            return;
        }
        auto *browse = new QFileDialog(m_window, tr("Static catalog folder"));
        browse->setAttribute(Qt::WA_DeleteOnClose);
        browse->setFileMode(QFileDialog::Directory);
        browse->setOption(QFileDialog::ShowDirsOnly);
        connect(browse, &QFileDialog::fileSelected, this, &CatalogsController::addStaticLocation);
        browse->open();
    });
    m_staticDialog->open();
}

void CatalogsController::addStaticLocation(QString location)
{
    if (location.isEmpty()) {
        return;
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
