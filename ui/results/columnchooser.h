#pragma once

#include <QObject>
#include <QStringList>

class QMenu;
class QTableView;

namespace StacScope {

class ItemStore;
class ResultsModel;

// The results table's column chooser: right-click the header for the item properties seen in the
// results, each with a check box; a checked property becomes a column (ResultsModel's property
// columns). The choice is remembered per collection (QSettings "results/columns/<collection>")
// and comes back when results of that collection are shown again. "Preview" adds the thumbnails
// column (taller rows while it shows).
class ColumnChooser : public QObject
{
    Q_OBJECT
public:
    ColumnChooser(QTableView *table, ResultsModel *model, const ItemStore *store, QObject *parent = nullptr);

    // The menu the header's right-click opens (object name "columnChooserMenu"): one checkable
    // action a property, its data the property name. The caller owns it.
    QMenu *createMenu(QWidget *parent);
    // Shows or hides a property column, and remembers it for the results' collections.
    void setPropertyShown(const QString &property, bool shown);
    // The store's collections changed (a new search, more pages): their saved columns.
    void restoreForCollections();

    static QString settingsKey(const QString &collection);
    static constexpr int kThumbnailRowHeight = 52;

private:
    void showMenu(const QPoint &position);
    void fitRows();

    QTableView *m_table;
    ResultsModel *m_model;
    const ItemStore *m_store;
    int m_textRowHeight = 0;
    QStringList m_appliedFor; // the collections whose saved columns are shown
};

} // namespace StacScope
