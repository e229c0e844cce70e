#include "ui/search/catalogscontroller.h"

#include <algorithm>

#include <QSettings>
#include <QUrl>

#include "src/net/networkerror.h"
#include "src/providers/catalogprobe.h"
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
    , m_catalogs(builtInCatalogs())
{
    connect(search, &SearchPanel::catalogChosen, this, &CatalogsController::selectCatalog);
    connect(search, &SearchPanel::cancelRequested, this, [this] {
        if (m_session) {
            m_session->cancel();
        }
    });
    connect(search, &SearchPanel::addApiRequested, this, &CatalogsController::addStacApiDialog);
    connect(search, &SearchPanel::openStaticRequested, this, &CatalogsController::openStaticCatalogDialog);
    connect(search, &SearchPanel::manageCatalogsRequested, this, &CatalogsController::manageCatalogsDialog);
    connect(search, &SearchPanel::collectionsRetryRequested, this, &CatalogsController::retryCollections);
}

CatalogsController::~CatalogsController() = default;

QList<CatalogSource> CatalogsController::builtInCatalogs()
{
    return { CatalogSource::demo(), CatalogSource::earthSearch() };
}

QList<CatalogSource> CatalogsController::managedCatalogs() const
{
    QList<CatalogSource> all = builtInCatalogs();
    for (const CatalogSource &s : m_catalogs) {
        if (!s.builtIn) {
            all.append(s);
        }
    }
    return all;
}

int CatalogsController::indexOf(const QString &id) const
{
    for (int i = 0; i < m_catalogs.size(); ++i) {
        if (m_catalogs.at(i).id() == id) {
            return i;
        }
    }
    return -1;
}

void CatalogsController::setAccountManager(AccountManager *accounts)
{
    m_accounts = accounts;
    connect(accounts, &AccountManager::catalogsChanged, this, &CatalogsController::syncAccountCatalogs);
    syncAccountCatalogs();
}

void CatalogsController::bindHeaders(const CatalogSource &source)
{
    if (m_accounts && source.kind == CatalogSource::Kind::StacApi && source.accountId.isEmpty()) {
        // Session only: the headers go to the router for this origin, never to settings.
        // The whole origin, as before: assets served beside the API get them, other hosts never.
        const QUrl origin = QUrl(source.location).adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
        m_accounts->bindSessionHeaders(u"catalog:"_s + source.location, origin, source.headers);
    }
}

void CatalogsController::addCatalog(const CatalogSource &source, bool select)
{
    bindHeaders(source);
    int index = int(m_catalogs.indexOf(source));
    if (index < 0) {
        m_catalogs.append(source);
        index = int(m_catalogs.size()) - 1;
    } else {
        m_catalogs[index] = source; // new headers for the session
    }
    saveSettings();
    Q_EMIT catalogsChanged();
    if (select) {
        selectCatalog(index);
    } else {
        listChanged(0);
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
    openSession(index);
}

void CatalogsController::retryCollections()
{
    const int index = m_session ? indexOf(m_session->source().id()) : -1;
    if (index >= 0) {
        openSession(index);
    }
}

void CatalogsController::openSession(int index)
{
    if (m_session) {
        m_session->disconnect(this);
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
    connect(m_session, &CatalogSession::collectionsChanged, this, [this] {
        m_search->setCollections(m_session->collections());
        Q_EMIT catalogTested(m_session->source().id(), int(m_session->collections().size()), {});
    });
    connect(m_session, &CatalogSession::failed, this, [this](const NetworkError &error) {
        const CatalogSource &source = m_session->source();
        // Said where the collections would be, with Retry: not "This catalog lists no collections".
        m_search->setCollectionsError(error.toString());
        Q_EMIT catalogTested(source.id(), 0, error);
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
    return std::max(0, indexOf(QSettings().value(u"catalogs/last"_s).toString()));
}

void CatalogsController::rebuildList()
{
    QList<CatalogSource> visible;
    for (const CatalogSource &s : builtInCatalogs()) {
        if (!m_hidden.contains(s.id())) {
            visible.append(s);
        }
    }
    QList<CatalogSource> user;
    for (const CatalogSource &s : std::as_const(m_catalogs)) {
        if (isUserCatalog(s)) {
            user.append(s);
        }
    }
    m_catalogs = visible + (m_accounts ? m_accounts->catalogs() : QList<CatalogSource>()) + user;
    if (m_catalogs.isEmpty()) {
        // Built-ins hidden and the last account's catalog gone: a search needs a catalog.
        m_hidden.remove(CatalogSource::demo().id());
        m_catalogs.append(CatalogSource::demo());
    }
}

void CatalogsController::syncAccountCatalogs()
{
    const QString currentId = m_session ? m_session->source().id() : QString();
    rebuildList();
    Q_EMIT catalogsChanged();
    if (!m_session) {
        return; // start() chooses
    }
    const int index = indexOf(currentId);
    if (index >= 0) {
        m_search->setCatalogs(catalogNames(), index);
        return;
    }
    // The account that opened the current catalog is gone or changed: back to the first catalog.
    const QString gone = m_session->source().name;
    selectCatalog(std::max(0, int(m_catalogs.indexOf(CatalogSource::demo()))));
    m_messages->showMessage(
        MessageBar::Level::Info, tr("%1 is no longer available: its account was removed or changed.").arg(gone));
}

void CatalogsController::listChanged(int fallbackIndex)
{
    const int current = m_session ? indexOf(m_session->source().id()) : -1;
    if (current >= 0 || !m_session) {
        m_search->setCatalogs(catalogNames(), current);
        return;
    }
    // The open catalog left the list: its neighbour opens.
    selectCatalog(std::clamp(fallbackIndex, 0, int(m_catalogs.size()) - 1));
}

bool CatalogsController::setHidden(const QString &id, bool hidden, QString *error)
{
    QList<CatalogSource> builtIns = builtInCatalogs();
    const auto it
        = std::find_if(builtIns.cbegin(), builtIns.cend(), [&id](const CatalogSource &s) { return s.id() == id; });
    if (it == builtIns.cend()) {
        if (error) {
            *error = tr("Only built-in catalogs can be hidden.");
        }
        return false;
    }
    if (hidden == m_hidden.contains(id)) {
        return true;
    }
    if (hidden && m_catalogs.size() <= 1) {
        if (error) {
            *error = tr("Keep at least one catalog in the list.");
        }
        return false;
    }
    const int index = indexOf(id);
    if (hidden) {
        m_hidden.insert(id);
    } else {
        m_hidden.remove(id);
    }
    rebuildList(); // the built-ins in their order, before the others
    saveSettings();
    Q_EMIT catalogsChanged();
    listChanged(index);
    return true;
}

CatalogsController::RemovedCatalog CatalogsController::removeCatalog(const QString &id, QString *error)
{
    const int index = indexOf(id);
    const auto fail = [error](const QString &why) {
        if (error) {
            *error = why;
        }
        return RemovedCatalog {};
    };
    if (index < 0) {
        return fail(tr("This catalog is not in the list."));
    }
    const CatalogSource source = m_catalogs.at(index);
    if (source.builtIn) {
        return fail(tr("Built-in catalogs can be hidden, not removed."));
    }
    if (!source.accountId.isEmpty()) {
        return fail(tr("This catalog belongs to an account: remove the account in Settings > Accounts."));
    }
    if (m_catalogs.size() <= 1) {
        return fail(tr("Keep at least one catalog in the list."));
    }
    RemovedCatalog removed { source, index, m_session && m_session->source() == source };
    m_catalogs.removeAt(index);
    saveSettings();
    Q_EMIT catalogsChanged();
    listChanged(index);
    return removed;
}

bool CatalogsController::restoreCatalog(const RemovedCatalog &removed)
{
    if (!removed.isValid() || indexOf(removed.source.id()) >= 0) {
        return false;
    }
    bindHeaders(removed.source);
    const int index = std::min(removed.index, int(m_catalogs.size()));
    m_catalogs.insert(index, removed.source);
    saveSettings();
    Q_EMIT catalogsChanged();
    if (removed.wasOpen) {
        selectCatalog(index);
    } else {
        listChanged(index);
    }
    return true;
}

bool CatalogsController::replaceCatalog(const QString &id, const CatalogSource &source, QString *error)
{
    const int index = indexOf(id);
    if (index < 0 || !isUserCatalog(m_catalogs.at(index))) {
        if (error) {
            *error = tr("Only catalogs you added can be edited.");
        }
        return false;
    }
    const int other = indexOf(source.id());
    if (other >= 0 && other != index) {
        if (error) {
            *error = tr("%1 is already in the list as \"%2\".").arg(source.location, m_catalogs.at(other).name);
        }
        return false;
    }
    const bool wasOpen = m_session && m_session->source().id() == id;
    bindHeaders(source);
    m_catalogs[index] = source;
    saveSettings();
    Q_EMIT catalogsChanged();
    if (wasOpen) {
        // Another location (or headers): opened again, as chosen.
        m_search->setCatalogs(catalogNames(), index);
        openSession(index);
    } else {
        listChanged(index);
    }
    return true;
}

void CatalogsController::testCatalog(const QString &id)
{
    const QList<CatalogSource> all = managedCatalogs();
    const auto it = std::find_if(all.cbegin(), all.cend(), [&id](const CatalogSource &s) { return s.id() == id; });
    if (it == all.cend()) {
        return;
    }
    if (CatalogProbe *running = m_tests.value(id)) {
        running->cancel();
        running->deleteLater();
    }
    auto *probe = new CatalogProbe(providers(), m_network, *it, this);
    m_tests.insert(id, probe);
    connect(probe, &CatalogProbe::finished, this, [this, probe, id](int collections, const NetworkError &error) {
        probe->deleteLater();
        m_tests.remove(id);
        Q_EMIT catalogTested(id, collections, error);
    });
    probe->start();
}

void CatalogsController::restoreSettings()
{
    QSettings settings;
    const QStringList hidden = settings.value(u"catalogs/hidden"_s).toStringList();
    m_hidden = QSet<QString>(hidden.cbegin(), hidden.cend());
    m_catalogs.removeIf([this](const CatalogSource &s) { return s.builtIn && m_hidden.contains(s.id()); });
    const QVariantList saved = settings.value(u"catalogs/user"_s).toList();
    for (const QVariant &v : saved) {
        const CatalogSource s = CatalogSource::fromSettings(v.toMap());
        if (s.isValid() && !m_catalogs.contains(s)) {
            m_catalogs.append(s);
        }
    }
    if (m_catalogs.isEmpty()) {
        // Everything hidden and nothing added (a hand-edited file): the demo stays.
        m_hidden.remove(CatalogSource::demo().id());
        m_catalogs.append(CatalogSource::demo());
    }
}

void CatalogsController::saveSettings() const
{
    QSettings settings;
    QVariantList user;
    for (const CatalogSource &s : m_catalogs) {
        // An account's catalogs come from the account.
        if (isUserCatalog(s)) {
            user.append(s.toSettings());
        }
    }
    settings.setValue(u"catalogs/user"_s, user);
    QStringList hidden(m_hidden.cbegin(), m_hidden.cend());
    hidden.sort();
    settings.setValue(u"catalogs/hidden"_s, hidden);
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

} // namespace StacScope
