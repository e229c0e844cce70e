#pragma once

#include <functional>
#include <memory>

#include <QInputDialog>
#include <QList>
#include <QObject>
#include <QPointer>

#include "src/providers/accountmanager.h"
#include "src/providers/catalogsession.h"
#include "src/providers/catalogsource.h"
#include "ui/search/addcatalogdialog.h"

class QWidget;

namespace StacScope {

class MessageBar;
class NetworkClient;
class ProviderRegistry;
class SearchPanel;
struct NetworkError;

// The catalogs, in one place: the built-in ones, the accounts' archives (kept in sync) and the
// user's (in settings), the one that is open (its session, opened by its provider), the picker
// in the search panel, and "Add STAC API..." / "Open static catalog..." (non-modal dialogs). The
// window connects the open session's results when sessionOpened() tells it.
class CatalogsController : public QObject
{
    Q_OBJECT
public:
    // A credential problem with an account's catalog, said in words (the window's account bar);
    // false when it is not about an account.
    using AccountProblem = std::function<bool(const QString &accountId, const QString &what, const NetworkError &)>;

    CatalogsController(QWidget *window, NetworkClient *network, SearchPanel *search, MessageBar *messages);
    ~CatalogsController() override;

    // The accounts' archives join the list, and their registry opens catalogs.
    void setAccountManager(AccountManager *accounts);
    void setAccountProblemHandler(AccountProblem handler) { m_accountProblem = std::move(handler); }

    const QList<CatalogSource> &catalogs() const { return m_catalogs; }
    CatalogSession *session() const { return m_session; }
    // A catalog's request headers (typed in "Add STAC API") are bound to its origin for this
    // session only.
    void addCatalog(const CatalogSource &source, bool select = true);
    void selectCatalog(int index);
    // The catalog used last time (settings), or the first.
    int lastUsedIndex() const;
    void syncAccountCatalogs();

    // The user's catalogs and the last one used.
    void restoreSettings();
    void saveSettings() const;

    void addStacApiDialog();
    void openStaticCatalogDialog();
    AddCatalogDialog *addDialog() const { return m_addDialog; }
    QInputDialog *staticDialog() const { return m_staticDialog; }

    // The registry that opens catalogs (the account manager's, or one of its own).
    const ProviderRegistry *providers();
    NetworkClient *network() const { return m_network; }

Q_SIGNALS:
    // A catalog was chosen and its session opened: connect its results. Nullptr when none could be.
    void sessionOpened(StacScope::CatalogSession *session);

private:
    QStringList catalogNames() const;
    void addStaticLocation(QString location);

    QWidget *m_window;
    NetworkClient *m_network;
    SearchPanel *m_search;
    MessageBar *m_messages;
    QPointer<AccountManager> m_accounts;
    std::unique_ptr<ProviderRegistry> m_ownProviders;
    AccountProblem m_accountProblem;
    QList<CatalogSource> m_catalogs;
    QPointer<CatalogSession> m_session;
    QPointer<AddCatalogDialog> m_addDialog;
    QPointer<QInputDialog> m_staticDialog;
};

} // namespace StacScope
