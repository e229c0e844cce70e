#pragma once

#include <optional>

#include <QInputDialog>
#include <QMessageBox>
#include <QObject>
#include <QPointer>

#include "src/store/savedsearchstore.h"

class QDockWidget;

namespace StacScope {

class CatalogSession;
class MainWindow;
class SavedSearchesPanel;
struct NetworkError;

// Saved searches and the search history in the window: every search that finishes goes into the
// history; the last one can be saved under a name (with the results it returned); a saved search
// or a history entry runs again with its own catalog and parameters (the form shows them), and a
// saved search's re-run marks the results its previous run did not return: NewRole in the table
// (a "New" badge) and an outline on the map. The store is the one stacscope-cli uses.
class SavedSearchesController : public QObject
{
    Q_OBJECT
public:
    // `store` is not owned and must outlive this. Adds the "Saved searches & history" dock.
    SavedSearchesController(MainWindow *window, SavedSearchStore *store);
    ~SavedSearchesController() override;

    SavedSearchesPanel *panel() const { return m_panel; }
    QDockWidget *dock() const { return m_dock; }
    // The name asked for by Save or Rename while it is open.
    QInputDialog *nameDialog() const { return m_nameDialog; }
    QMessageBox *question() const { return m_question; }

    // The last finished search saved as `name`, with its results as seen. False when there is none
    // or the store refuses (a taken name without `replace`): said in the message bar.
    bool saveLastSearch(const QString &name, bool replace = false);
    bool hasLastSearch() const { return m_last.has_value(); }
    // Runs saved search `id` / history entry `id` again; false (said) when its catalog is gone.
    bool runSaved(qint64 id);
    bool runHistory(qint64 id);
    bool rename(qint64 id, const QString &name);
    bool remove(qint64 id);
    // The lists again from the store (the CLI may have changed it).
    void refresh();

    // Non-modal: a name for the last search; Rename; Delete (confirmed).
    void saveDialog();
    void renameDialog(qint64 id);
    void deleteDialog(qint64 id);

Q_SIGNALS:
    // A saved search's re-run finished and its new results are marked.
    void newResultsMarked(const QString &name, int count);

private:
    struct Running
    {
        SearchRequest request;
        qint64 savedId = 0;
        QString savedName;
    };

    void onSessionOpened(CatalogSession *session);
    void onSearchStarted(const SearchParameters &parameters, int maxItems);
    void onSearchFinished(const NetworkError &error);
    bool run(const SearchRequest &request, qint64 savedId, const QString &savedName);
    void markNew(const SeenItems &fresh, const QString &catalog);
    SeenItems currentItems(const QString &catalog) const;
    QString catalogName(const QString &id) const;
    void askName(const QString &title, const QString &initial, std::function<void(const QString &)> done);
    void warn(const QString &text);

    MainWindow *m_window;
    SavedSearchStore *m_store;
    SavedSearchesPanel *m_panel;
    QDockWidget *m_dock;
    std::optional<Running> m_running; // the search under way
    std::optional<SearchRequest> m_last; // the last one that finished
    std::optional<Running> m_launch; // set while run() starts a search of its own
    QPointer<QInputDialog> m_nameDialog;
    QPointer<QMessageBox> m_question;
};

} // namespace StacScope
