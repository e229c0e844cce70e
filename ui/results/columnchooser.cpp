#include "ui/results/columnchooser.h"

#include <utility>

#include <QHeaderView>
#include <QMenu>
#include <QSettings>
#include <QTableView>

#include "src/models/resultsmodel.h"
#include "src/stac/itemstore.h"

using namespace Qt::StringLiterals;

namespace StacScope {

ColumnChooser::ColumnChooser(QTableView *table, ResultsModel *model, const ItemStore *store, QObject *parent)
    : QObject(parent)
    , m_table(table)
    , m_model(model)
    , m_store(store)
{
    m_textRowHeight = table->verticalHeader()->defaultSectionSize();
    QHeaderView *header = table->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, &ColumnChooser::showMenu);
    connect(model, &QAbstractItemModel::modelReset, this, &ColumnChooser::restoreForCollections);
    connect(model, &QAbstractItemModel::rowsInserted, this, &ColumnChooser::restoreForCollections);
}

QString ColumnChooser::settingsKey(const QString &collection)
{
    // Collection ids may hold '/', which QSettings reads as a group.
    return u"results/columns/"_s + QString::fromLatin1(collection.toUtf8().toPercentEncoding());
}

QMenu *ColumnChooser::createMenu(QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setObjectName(u"columnChooserMenu"_s);
    QStringList names = m_model->sampledPropertyNames();
    for (const QString &chosen : m_model->propertyColumns()) {
        if (!names.contains(chosen)) {
            names.append(chosen);
        }
    }
    names.removeAll(ResultsModel::thumbnailColumn());
    QAction *thumbnails = menu->addAction(tr("Preview (thumbnails)"));
    thumbnails->setObjectName(u"thumbnailColumnAction"_s);
    thumbnails->setCheckable(true);
    thumbnails->setChecked(m_model->propertyColumns().contains(ResultsModel::thumbnailColumn()));
    thumbnails->setData(ResultsModel::thumbnailColumn());
    connect(thumbnails, &QAction::toggled, this,
        [this](bool on) { setPropertyShown(ResultsModel::thumbnailColumn(), on); });
    if (names.isEmpty()) {
        menu->addAction(tr("No item properties in the results"))->setEnabled(false);
        return menu;
    }
    menu->addSection(tr("Item properties as columns"));
    for (const QString &name : std::as_const(names)) {
        QAction *action = menu->addAction(name);
        action->setCheckable(true);
        action->setChecked(m_model->propertyColumns().contains(name));
        action->setData(name);
        connect(action, &QAction::toggled, this, [this, name](bool on) { setPropertyShown(name, on); });
    }
    return menu;
}

void ColumnChooser::showMenu(const QPoint &position)
{
    QMenu *menu = createMenu(m_table);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    // popup(), not exec(): no nested event loop on the GUI thread.
    menu->popup(m_table->horizontalHeader()->viewport()->mapToGlobal(position));
}

void ColumnChooser::setPropertyShown(const QString &property, bool shown)
{
    QStringList columns = m_model->propertyColumns();
    if (shown == columns.contains(property)) {
        return;
    }
    if (shown) {
        columns.append(property);
    } else {
        columns.removeAll(property);
    }
    m_model->setPropertyColumns(columns);
    fitRows();
    if (shown) {
        const int column = m_model->columnOfPropertyColumn(property);
        m_table->horizontalHeader()->resizeSection(column, 120);
        m_table->scrollTo(m_table->model()->index(0, column));
    }
    QSettings settings;
    for (const QString &collection : m_store->collections()) {
        if (columns.isEmpty()) {
            settings.remove(settingsKey(collection));
        } else {
            settings.setValue(settingsKey(collection), columns);
        }
    }
}

void ColumnChooser::restoreForCollections()
{
    const QStringList collections = m_store->collections();
    if (collections == m_appliedFor || (collections.isEmpty() && m_store->isEmpty())) {
        return; // nothing new, or a new search whose first page is not here yet
    }
    m_appliedFor = collections;
    QSettings settings;
    QStringList columns;
    for (const QString &collection : collections) {
        for (const QString &name : settings.value(settingsKey(collection)).toStringList()) {
            if (!columns.contains(name)) {
                columns.append(name);
            }
        }
    }
    m_model->setPropertyColumns(columns);
    for (const QString &name : std::as_const(columns)) {
        m_table->horizontalHeader()->resizeSection(m_model->columnOfPropertyColumn(name), 120);
    }
    fitRows();
}

void ColumnChooser::fitRows()
{
    // Thumbnails need taller rows; text alone the usual height.
    const int column = m_model->columnOfPropertyColumn(ResultsModel::thumbnailColumn());
    m_table->verticalHeader()->setDefaultSectionSize(column >= 0 ? kThumbnailRowHeight : m_textRowHeight);
    m_table->setIconSize(column >= 0 ? QSize(kThumbnailRowHeight - 4, kThumbnailRowHeight - 4) : QSize());
    if (column >= 0) {
        m_table->horizontalHeader()->resizeSection(column, kThumbnailRowHeight + 8);
    }
}

} // namespace StacScope
