#pragma once

#include <functional>
#include <memory>

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QUndoStack>

#include "src/providers/accountmanager.h"
#include "src/providers/catalogsession.h"
#include "src/providers/catalogsource.h"
#include "ui/search/addcatalogdialog.h"

class QWidget;

namespace StacScope {

class CatalogManagerDialog;
class CatalogProbe;
class MessageBar;
class NetworkClient;
class ProviderRegistry;
class SearchPanel;
struct NetworkError;

// The catalogs, in one place: the built-in ones (which can be hidden), the accounts' archives
// (kept in sync) and the user's (in settings), the one that is open (its session, opened by its
// provider), the picker in the search panel, and the non-modal dialogs that add, edit and manage
// them. The window connects the open session's results when sessionOpened() tells it.
class CatalogsController : public QObject
{
    Q_OBJECT
public:
    // A credential problem with an account's catalog, said in words (the window's account bar);
    // false when it is not about an account.
    using AccountProblem = std::function<bool(const QString &accountId, const QString &what, const NetworkError &)>;

    // What removeCatalog() took away, enough for restoreCatalog() to put it back where it was.
    struct RemovedCatalog
    {
        CatalogSource source;
        int index = -1; // in catalogs()
        bool wasOpen = false;
        bool isValid() const { return index >= 0; }
    };

    CatalogsController(QWidget *window, NetworkClient *network, SearchPanel *search, MessageBar *messages);
    ~CatalogsController() override;

    // The accounts' archives join the list, and their registry opens catalogs.
    void setAccountManager(AccountManager *accounts);
    void setAccountProblemHandler(AccountProblem handler) { m_accountProblem = std::move(handler); }

    // The catalogs in the picker, in its order (hidden built-ins are not among them).
    const QList<CatalogSource> &catalogs() const { return m_catalogs; }
    // Every catalog the manager lists: the built-ins (hidden ones too), the accounts', the user's.
    QList<CatalogSource> managedCatalogs() const;
    static QList<CatalogSource> builtInCatalogs();
    int indexOf(const QString &id) const;
    CatalogSession *session() const { return m_session; }
    // A catalog's request headers (typed in "Add STAC API") are bound to its origin for this
    // session only.
    void addCatalog(const CatalogSource &source, bool select = true);
    void selectCatalog(int index);
    // The catalog used last time (settings), or the first.
    int lastUsedIndex() const;
    void syncAccountCatalogs();

    // The manager's operations; each is saved at once. A built-in can be hidden, not removed; an
    // account's catalog belongs to its account. `error` says why not when they return false/invalid.
    bool isHidden(const QString &id) const { return m_hidden.contains(id); }
    bool setHidden(const QString &id, bool hidden, QString *error = nullptr);
    [[nodiscard]] RemovedCatalog removeCatalog(const QString &id, QString *error = nullptr);
    bool restoreCatalog(const RemovedCatalog &removed);
    // Removing a catalog becomes a step of this history (the window's Edit > Undo), so it is
    // undone like an area of interest. Not owned; may be null (the manager's own Undo then).
    void setUndoStack(QUndoStack *stack) { m_undoStack = stack; }
    QUndoStack *undoStack() const { return m_undoStack; }
    // The user's catalog `id` becomes `source` (a new name, location or headers), in its place.
    bool replaceCatalog(const QString &id, const CatalogSource &source, QString *error = nullptr);
    static bool isUserCatalog(const CatalogSource &source) { return !source.builtIn && source.accountId.isEmpty(); }
    // Opens catalog `id` on the side and reports through catalogTested().
    void testCatalog(const QString &id);
    // Opens the current catalog again (after its collections failed to load).
    void retryCollections();

    // The user's catalogs, the hidden built-ins and the last one used.
    void restoreSettings();
    void saveSettings() const;

    void addStacApiDialog() { addCatalogDialog(CatalogSource::Kind::StacApi); }
    void openStaticCatalogDialog() { addCatalogDialog(CatalogSource::Kind::StaticCatalog); }
    void addCatalogDialog(CatalogSource::Kind kind);
    void editCatalogDialog(const QString &id);
    void manageCatalogsDialog();
    AddCatalogDialog *addDialog() const { return m_addDialog; }
    CatalogManagerDialog *managerDialog() const;

    // The registry that opens catalogs (the account manager's, or one of its own).
    const ProviderRegistry *providers();
    NetworkClient *network() const { return m_network; }

Q_SIGNALS:
    // A catalog was chosen and its session opened: connect its results. Nullptr when none could be.
    void sessionOpened(StacScope::CatalogSession *session);
    // The list changed: added, edited, removed, restored, hidden or shown.
    void catalogsChanged();
    // A test (or the open catalog) loaded `collections` collections, or failed with `error`.
    void catalogTested(const QString &id, int collections, const StacScope::NetworkError &error);

private:
    QStringList catalogNames() const;
    // Visible built-ins, then the accounts', then the user's.
    void rebuildList();
    void openSession(int index);
    void bindHeaders(const CatalogSource &source);
    // The picker after a change; the open catalog stays open, or its neighbour opens when it left.
    void listChanged(int fallbackIndex);
    void showDialog(AddCatalogDialog *dialog);
    void check(AddCatalogDialog *dialog, const CatalogSource &source);
    void commit(AddCatalogDialog *dialog, const CatalogSource &source);

    QWidget *m_window;
    NetworkClient *m_network;
    SearchPanel *m_search;
    MessageBar *m_messages;
    QPointer<AccountManager> m_accounts;
    std::unique_ptr<ProviderRegistry> m_ownProviders;
    AccountProblem m_accountProblem;
    QList<CatalogSource> m_catalogs;
    QSet<QString> m_hidden; // built-ins' ids
    QPointer<CatalogSession> m_session;
    QPointer<AddCatalogDialog> m_addDialog;
    QPointer<CatalogManagerDialog> m_manager;
    QPointer<QUndoStack> m_undoStack;
    QPointer<CatalogProbe> m_check; // the add/edit dialog's
    QHash<QString, QPointer<CatalogProbe>> m_tests;
};

} // namespace StacScope
