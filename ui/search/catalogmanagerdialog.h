#pragma once

#include <QDialog>
#include <QHash>

#include "ui/search/catalogscontroller.h"

class QLabel;
class QPushButton;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace StacScope {

// Catalogs > Manage catalogs: every catalog with its kind, location and state. Add (a STAC API or
// a static catalog), Edit and Remove the user's; Hide and Show the built-ins; Test any. Removing
// does not ask: the status line says what was removed and offers Undo (also Ctrl+Z). The work is
// the controller's; this only shows it.
class CatalogManagerDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        KindColumn,
        LocationColumn,
        StatusColumn
    };

    explicit CatalogManagerDialog(CatalogsController *catalogs, QWidget *parent = nullptr);

    // Selects the row of catalog `id`; false when it is not listed.
    bool selectCatalog(const QString &id);
    QString currentId() const;
    QString statusText(const QString &id) const;

    void editCurrent();
    void testCurrent();
    void removeCurrent();
    void toggleHiddenCurrent();
    void undoRemove();

    QTreeWidget *catalogList() const { return m_list; }
    QToolButton *addButton() const { return m_add; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *testButton() const { return m_test; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *hideButton() const { return m_hide; }
    QLabel *noticeLabel() const { return m_notice; }
    QPushButton *undoButton() const { return m_undo; }

private:
    void rebuild();
    void updateButtons();
    void onTested(const QString &id, int collections, const NetworkError &error);
    void showNotice(const QString &text, bool canUndo, bool error = false);
    QTreeWidgetItem *itemFor(const QString &id) const;
    CatalogSource currentSource() const;

    CatalogsController *m_catalogs;
    QTreeWidget *m_list;
    QToolButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_test;
    QPushButton *m_remove;
    QPushButton *m_hide;
    QWidget *m_noticeBar;
    QLabel *m_notice;
    QPushButton *m_undo;
    QHash<QString, QString> m_status; // the last test's words, by id
    QHash<QString, bool> m_statusError;
    CatalogsController::RemovedCatalog m_removed;
    int m_removedStep = -1; // the undo history's index right after the removal
};

} // namespace StacScope
