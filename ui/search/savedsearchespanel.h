#pragma once

#include <functional>

#include <QWidget>

#include "src/store/savedsearchstore.h"

class QLabel;
class QPushButton;
class QTreeWidget;

namespace StacScope {

// The "Saved searches & history" dock's contents: the saved searches (name, catalog, last run,
// results remembered) with Run, Save current search..., Rename... and Delete, and the history of
// searches (newest first) with Run again, Remove and Clear. It shows lists and says what the user
// chose; SavedSearchesController does the work.
class SavedSearchesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SavedSearchesPanel(QWidget *parent = nullptr);

    // A catalog's name for its id (CatalogSource::id()); the id itself when unset or unknown.
    void setCatalogNamer(std::function<QString(const QString &)> namer) { m_namer = std::move(namer); }
    void setSavedSearches(const QList<SavedSearch> &searches);
    void setHistory(const QList<HistoryEntry> &history);
    // Whether there is a finished search to save.
    void setCanSave(bool can);

    qint64 currentSavedId() const;
    qint64 currentHistoryId() const;
    void selectSaved(qint64 id);

    QTreeWidget *savedList() const { return m_saved; }
    QTreeWidget *historyList() const { return m_history; }
    QPushButton *runSavedButton() const { return m_runSaved; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *renameButton() const { return m_rename; }
    QPushButton *deleteButton() const { return m_delete; }
    QPushButton *runHistoryButton() const { return m_runHistory; }
    QPushButton *removeHistoryButton() const { return m_removeHistory; }
    QPushButton *clearHistoryButton() const { return m_clearHistory; }

    // "sentinel-2-l2a · from 2024-01-01 · bbox · filter · -datetime · max 5,000"
    static QString summary(const SearchRequest &request);

Q_SIGNALS:
    void runSavedRequested(qint64 id);
    void saveRequested();
    void renameRequested(qint64 id);
    void deleteRequested(qint64 id);
    void runHistoryRequested(qint64 id);
    void removeHistoryRequested(qint64 id);
    void clearHistoryRequested();

private:
    QString catalogNames(const QStringList &ids) const;
    void updateButtons();

    std::function<QString(const QString &)> m_namer;
    QTreeWidget *m_saved;
    QTreeWidget *m_history;
    QLabel *m_savedHint;
    QPushButton *m_runSaved;
    QPushButton *m_save;
    QPushButton *m_rename;
    QPushButton *m_delete;
    QPushButton *m_runHistory;
    QPushButton *m_removeHistory;
    QPushButton *m_clearHistory;
    bool m_canSave = false;
};

} // namespace StacScope
