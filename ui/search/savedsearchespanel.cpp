#include "ui/search/savedsearchespanel.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "src/models/resultsmodel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

QString timeText(const QDateTime &utc)
{
    return utc.isValid() ? QLocale().toString(utc.toLocalTime(), u"yyyy-MM-dd HH:mm"_s) : QString();
}

QTreeWidget *makeList(const QStringList &headers, const QString &objectName, QWidget *parent)
{
    auto *list = new QTreeWidget(parent);
    list->setObjectName(objectName);
    list->setHeaderLabels(headers);
    list->setRootIsDecorated(false);
    list->setUniformRowHeights(true);
    list->setAlternatingRowColors(true);
    list->setSelectionMode(QAbstractItemView::SingleSelection);
    list->header()->setStretchLastSection(true);
    return list;
}

} // namespace

SavedSearchesPanel::SavedSearchesPanel(QWidget *parent)
    : QWidget(parent)
    , m_saved(makeList(
          { tr("Name"), tr("Catalog"), tr("Last run"), tr("Results"), tr("Search") }, u"savedSearchList"_s, this))
    , m_history(makeList({ tr("When"), tr("Catalog"), tr("Returned"), tr("Search") }, u"historyList"_s, this))
    , m_savedHint(new QLabel(this))
    , m_runSaved(new QPushButton(tr("Run"), this))
    , m_save(new QPushButton(tr("Save current search..."), this))
    , m_rename(new QPushButton(tr("Rename..."), this))
    , m_delete(new QPushButton(tr("Delete"), this))
    , m_runHistory(new QPushButton(tr("Run again"), this))
    , m_removeHistory(new QPushButton(tr("Remove"), this))
    , m_clearHistory(new QPushButton(tr("Clear history"), this))
{
    m_runSaved->setObjectName(u"runSavedButton"_s);
    m_runSaved->setToolTip(tr("Run the saved search again; results new since its last run are marked"));
    m_save->setObjectName(u"saveSearchButton"_s);
    m_rename->setObjectName(u"renameSavedButton"_s);
    m_delete->setObjectName(u"deleteSavedButton"_s);
    m_runHistory->setObjectName(u"runHistoryButton"_s);
    m_removeHistory->setObjectName(u"removeHistoryButton"_s);
    m_clearHistory->setObjectName(u"clearHistoryButton"_s);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    auto *savedBox = new QGroupBox(tr("Saved searches"), splitter);
    auto *savedLayout = new QVBoxLayout(savedBox);
    savedLayout->addWidget(m_saved, 1);
    m_savedHint->setWordWrap(true);
    m_savedHint->setStyleSheet(u"color: palette(mid);"_s);
    m_savedHint->setText(tr("Run a search, then save it: running it again later marks the results that are new, in "
                            "the table and on the map. stacscope-cli search --saved NAME runs these too."));
    savedLayout->addWidget(m_savedHint);
    auto *savedButtons = new QHBoxLayout;
    savedButtons->addWidget(m_runSaved);
    savedButtons->addWidget(m_save);
    savedButtons->addStretch(1);
    savedButtons->addWidget(m_rename);
    savedButtons->addWidget(m_delete);
    savedLayout->addLayout(savedButtons);

    auto *historyBox = new QGroupBox(tr("History"), splitter);
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->addWidget(m_history, 1);
    auto *historyButtons = new QHBoxLayout;
    historyButtons->addWidget(m_runHistory);
    historyButtons->addStretch(1);
    historyButtons->addWidget(m_removeHistory);
    historyButtons->addWidget(m_clearHistory);
    historyLayout->addLayout(historyButtons);
    layout->addWidget(splitter, 1);

    connect(m_saved, &QTreeWidget::itemSelectionChanged, this, &SavedSearchesPanel::updateButtons);
    connect(m_history, &QTreeWidget::itemSelectionChanged, this, &SavedSearchesPanel::updateButtons);
    connect(m_runSaved, &QPushButton::clicked, this, [this] { Q_EMIT runSavedRequested(currentSavedId()); });
    connect(m_saved, &QTreeWidget::itemActivated, this, [this] { Q_EMIT runSavedRequested(currentSavedId()); });
    connect(m_save, &QPushButton::clicked, this, &SavedSearchesPanel::saveRequested);
    connect(m_rename, &QPushButton::clicked, this, [this] { Q_EMIT renameRequested(currentSavedId()); });
    connect(m_delete, &QPushButton::clicked, this, [this] { Q_EMIT deleteRequested(currentSavedId()); });
    connect(m_runHistory, &QPushButton::clicked, this, [this] { Q_EMIT runHistoryRequested(currentHistoryId()); });
    connect(m_history, &QTreeWidget::itemActivated, this, [this] { Q_EMIT runHistoryRequested(currentHistoryId()); });
    connect(
        m_removeHistory, &QPushButton::clicked, this, [this] { Q_EMIT removeHistoryRequested(currentHistoryId()); });
    connect(m_clearHistory, &QPushButton::clicked, this, &SavedSearchesPanel::clearHistoryRequested);
    updateButtons();
}

QString SavedSearchesPanel::catalogNames(const QStringList &ids) const
{
    QStringList names;
    for (const QString &id : ids) {
        names.append(m_namer ? m_namer(id) : id);
    }
    return names.join(u", "_s);
}

QString SavedSearchesPanel::summary(const SearchRequest &request)
{
    const SearchParameters &p = request.parameters;
    QStringList parts;
    parts.append(p.collections.isEmpty() ? tr("all collections") : p.collections.join(u", "_s));
    if (!p.ids.isEmpty()) {
        parts.append(p.ids.size() == 1 ? tr("1 id") : tr("%1 ids").arg(p.ids.size()));
    }
    if (p.datetime && !p.datetime->isOpen()) {
        auto day = [](qint64 ms) { return ResultsModel::formatDatetime(ms).left(10); };
        if (p.datetime->start && p.datetime->end) {
            parts.append(tr("%1 to %2").arg(day(*p.datetime->start), day(*p.datetime->end)));
        } else if (p.datetime->start) {
            parts.append(tr("from %1").arg(day(*p.datetime->start)));
        } else {
            parts.append(tr("until %1").arg(day(*p.datetime->end)));
        }
    }
    if (p.bbox) {
        parts.append(tr("bbox %1").arg(p.bbox->toQueryString()));
    } else if (p.intersects) {
        parts.append(tr("an area"));
    }
    if (!p.filter.isEmpty() || !p.query.isEmpty()) {
        parts.append(tr("filtered"));
    }
    if (!p.sortBy.isEmpty()) {
        QStringList fields;
        for (const SortField &f : p.sortBy) {
            fields.append((f.descending ? u"-"_s : u"+"_s) + f.field);
        }
        parts.append(fields.join(u','));
    }
    if (request.maxItems > 0) {
        parts.append(tr("max %1").arg(QLocale().toString(request.maxItems)));
    }
    return parts.join(u" · "_s);
}

void SavedSearchesPanel::setSavedSearches(const QList<SavedSearch> &searches)
{
    const qint64 current = currentSavedId();
    m_saved->clear();
    for (const SavedSearch &s : searches) {
        auto *item = new QTreeWidgetItem(m_saved,
            { s.name, catalogNames(s.request.catalogs), timeText(s.lastRun), QLocale().toString(s.seenCount),
                summary(s.request) });
        item->setData(0, kIdRole, s.id);
        item->setToolTip(4, summary(s.request));
        if (s.id == current) {
            m_saved->setCurrentItem(item);
        }
    }
    m_saved->resizeColumnToContents(0);
    m_savedHint->setVisible(searches.isEmpty());
    updateButtons();
}

void SavedSearchesPanel::setHistory(const QList<HistoryEntry> &history)
{
    const qint64 current = currentHistoryId();
    m_history->clear();
    for (const HistoryEntry &e : history) {
        QString returned = QLocale().toString(e.returned);
        if (e.matched && *e.matched != e.returned) {
            returned = tr("%1 of %2").arg(returned, QLocale().toString(*e.matched));
        }
        QString what = summary(e.request);
        if (!e.savedName.isEmpty()) {
            what = tr("\"%1\": %2").arg(e.savedName, what);
        }
        auto *item
            = new QTreeWidgetItem(m_history, { timeText(e.time), catalogNames(e.request.catalogs), returned, what });
        item->setData(0, kIdRole, e.id);
        item->setToolTip(3, what);
        if (e.id == current) {
            m_history->setCurrentItem(item);
        }
    }
    m_history->resizeColumnToContents(0);
    updateButtons();
}

void SavedSearchesPanel::setCanSave(bool can)
{
    m_canSave = can;
    updateButtons();
}

qint64 SavedSearchesPanel::currentSavedId() const
{
    const QList<QTreeWidgetItem *> selected = m_saved->selectedItems();
    return selected.isEmpty() ? 0 : selected.first()->data(0, kIdRole).toLongLong();
}

qint64 SavedSearchesPanel::currentHistoryId() const
{
    const QList<QTreeWidgetItem *> selected = m_history->selectedItems();
    return selected.isEmpty() ? 0 : selected.first()->data(0, kIdRole).toLongLong();
}

void SavedSearchesPanel::selectSaved(qint64 id)
{
    for (int i = 0; i < m_saved->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_saved->topLevelItem(i);
        if (item->data(0, kIdRole).toLongLong() == id) {
            m_saved->setCurrentItem(item);
            item->setSelected(true);
        }
    }
}

void SavedSearchesPanel::updateButtons()
{
    const bool saved = currentSavedId() != 0;
    m_runSaved->setEnabled(saved);
    m_rename->setEnabled(saved);
    m_delete->setEnabled(saved);
    m_save->setEnabled(m_canSave);
    const bool history = currentHistoryId() != 0;
    m_runHistory->setEnabled(history);
    m_removeHistory->setEnabled(history);
    m_clearHistory->setEnabled(m_history->topLevelItemCount() > 0);
}

} // namespace StacScope
