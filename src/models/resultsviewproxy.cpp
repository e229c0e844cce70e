#include "src/models/resultsviewproxy.h"

#include <numeric>

#include <QJsonDocument>
#include <QJsonObject>
#include <QtConcurrent/QtConcurrentRun>

#include "src/models/resultsmodel.h"
#include "src/stac/itemsnapshot.h"
#include "src/stac/itemstore.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

struct Job
{
    std::shared_ptr<const ResultColumns> columns;
    QuickFilter filter;
    int column = -1;
    bool descending = false;
    QString property; // the column's property when it is a property column
    std::shared_ptr<ItemSnapshot> json; // the items' JSON, for a property column
};

ResultsViewProxy::Result runJob(const Job &job)
{
    ResultsViewProxy::Result result;
    result.sourceRows = job.columns->size();
    result.rows = job.columns->filter(job.filter, 0, result.sourceRows);
    if (job.column < 0) {
        return result;
    }
    if (job.property.isEmpty()) {
        job.columns->sort(result.rows, job.column, job.descending);
        return result;
    }
    std::vector<QVariant> values(size_t(result.sourceRows));
    for (int row : result.rows) {
        const QJsonObject properties
            = QJsonDocument::fromJson(job.json->rawJson(row)).object().value(u"properties"_s).toObject();
        values[size_t(row)] = ResultsModel::propertySortValue(properties.value(job.property));
    }
    job.columns->sort(result.rows, job.column, job.descending, &values);
    return result;
}

} // namespace

ResultsViewProxy::ResultsViewProxy(const ItemStore *store, ResultsModel *source, QObject *parent)
    : QAbstractProxyModel(parent)
    , m_store(store)
    , m_results(source)
    , m_columns(std::make_shared<ResultColumns>())
    , m_watcher(new QFutureWatcher<Result>(this))
{
    m_resort.setSingleShot(true);
    m_resort.setInterval(150);
    connect(&m_resort, &QTimer::timeout, this, &ResultsViewProxy::requestRun);
    connect(m_watcher, &QFutureWatcher<Result>::finished, this, &ResultsViewProxy::onRunFinished);
    QAbstractProxyModel::setSourceModel(source);
    connect(source, &QAbstractItemModel::modelReset, this, &ResultsViewProxy::onSourceReset);
    connect(source, &QAbstractItemModel::rowsInserted, this, &ResultsViewProxy::onRowsInserted);
    connect(source, &QAbstractItemModel::columnsAboutToBeInserted, this,
        [this](const QModelIndex &, int first, int last) { beginInsertColumns({}, first, last); });
    connect(source, &QAbstractItemModel::columnsInserted, this, [this] { endInsertColumns(); });
    connect(source, &QAbstractItemModel::columnsAboutToBeRemoved, this,
        [this](const QModelIndex &, int first, int last) { beginRemoveColumns({}, first, last); });
    connect(source, &QAbstractItemModel::columnsRemoved, this, [this](const QModelIndex &, int first, int) {
        endRemoveColumns();
        if (m_sortColumn >= first) {
            sort(-1, Qt::AscendingOrder); // the sorted column went away
        }
    });
    connect(source, &QAbstractItemModel::headerDataChanged, this, &QAbstractItemModel::headerDataChanged);
    connect(source, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) {
            if (topLeft.row() == bottomRight.row()) {
                // One row (a thumbnail arrived): that row, if shown.
                const QModelIndex left = mapFromSource(topLeft);
                if (left.isValid()) {
                    Q_EMIT dataChanged(left, left.siblingAtColumn(bottomRight.column()), roles);
                }
            } else if (!m_rows.empty()) {
                Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), roles);
            }
        });
    onSourceReset();
}

ResultsViewProxy::~ResultsViewProxy()
{
    // The worker owns what it reads (shared pointers): let it finish on its own.
    m_watcher->disconnect(this);
}

ResultColumns &ResultsViewProxy::mutableColumns()
{
    if (m_columns.use_count() > 1) {
        m_columns = std::make_shared<ResultColumns>(*m_columns); // a worker still reads the old one
    }
    return *m_columns;
}

void ResultsViewProxy::onSourceReset()
{
    beginResetModel();
    m_columns = std::make_shared<ResultColumns>();
    m_columns->append(*m_store, 0, m_results->rowCount(), m_catalogOf);
    m_rows = m_columns->filter(m_filter, 0, m_columns->size());
    m_proxyOf.assign(size_t(m_columns->size()), -1);
    for (size_t i = 0; i < m_rows.size(); ++i) {
        m_proxyOf[size_t(m_rows[i])] = int(i);
    }
    endResetModel();
    Q_EMIT rowsShownChanged();
    if (m_sortColumn >= 0 && m_rows.size() > 1) {
        requestRun();
    }
}

void ResultsViewProxy::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid() || first != m_columns->size()) {
        onSourceReset(); // not an append: start over
        return;
    }
    mutableColumns().append(*m_store, first, last + 1, m_catalogOf);
    m_proxyOf.resize(size_t(m_columns->size()), -1);
    const std::vector<int> shown = m_columns->filter(m_filter, first, last + 1);
    if (!shown.empty()) {
        const int at = int(m_rows.size());
        beginInsertRows({}, at, at + int(shown.size()) - 1);
        for (int row : shown) {
            m_proxyOf[size_t(row)] = int(m_rows.size());
            m_rows.push_back(row);
        }
        endInsertRows();
    }
    Q_EMIT rowsShownChanged();
    if (!shown.empty() && m_sortColumn >= 0) {
        if (m_columns->size() <= m_synchronousLimit && !m_running) {
            requestRun(); // small: in order at once
        } else {
            m_resort.start(); // in order again once the pages pause
        }
    }
}

void ResultsViewProxy::setQuickFilter(const QuickFilter &filter)
{
    if (filter == m_filter) {
        return;
    }
    m_filter = filter;
    requestRun();
}

void ResultsViewProxy::sort(int column, Qt::SortOrder order)
{
    if (column == m_sortColumn && order == m_sortOrder && !isBusy()) {
        return;
    }
    m_sortColumn = column < 0 || column >= columnCount() ? -1 : column;
    m_sortOrder = order;
    requestRun();
}

bool ResultsViewProxy::isBusy() const
{
    return m_running || m_runPending || m_resort.isActive();
}

void ResultsViewProxy::requestRun()
{
    m_resort.stop();
    if (m_running) {
        m_runPending = true; // its result is stale: run again when it is back
        return;
    }
    startRun();
}

void ResultsViewProxy::startRun()
{
    m_runPending = false;
    Job job;
    job.columns = m_columns;
    job.filter = m_filter;
    job.column = m_sortColumn;
    job.descending = m_sortOrder == Qt::DescendingOrder;
    job.property = m_results->propertyOfColumn(m_sortColumn);
    if (!job.property.isEmpty()) {
        std::vector<int> all(size_t(m_columns->size()));
        std::iota(all.begin(), all.end(), 0);
        job.json = std::make_shared<ItemSnapshot>(*m_store, all);
    }
    if (m_columns->size() <= m_synchronousLimit) {
        // A few thousand rows: faster here than a trip to a worker, and the table is in order at once.
        applyResult(runJob(job));
        return;
    }
    m_running = true; // until its result is handled (the future may finish before that)
    m_watcher->setFuture(QtConcurrent::run([job] { return runJob(job); }));
}

void ResultsViewProxy::onRunFinished()
{
    m_running = false;
    if (m_runPending) {
        startRun();
        return;
    }
    applyResult(m_watcher->result());
}

void ResultsViewProxy::applyResult(Result result)
{
    // Rows that arrived while the worker ran: after the others, as appended rows are.
    if (result.sourceRows < m_columns->size()) {
        const std::vector<int> more = m_columns->filter(m_filter, result.sourceRows, m_columns->size());
        result.rows.insert(result.rows.end(), more.begin(), more.end());
        if (m_sortColumn >= 0) {
            m_resort.start();
        }
    }
    setRows(std::move(result.rows));
    Q_EMIT applied();
}

void ResultsViewProxy::setRows(std::vector<int> rows)
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<int> storeRows;
    storeRows.reserve(size_t(before.size()));
    for (const QModelIndex &index : before) {
        storeRows.push_back(index.row() < int(m_rows.size()) ? m_rows[size_t(index.row())] : -1);
    }
    m_rows = std::move(rows);
    std::fill(m_proxyOf.begin(), m_proxyOf.end(), -1);
    for (size_t i = 0; i < m_rows.size(); ++i) {
        m_proxyOf[size_t(m_rows[i])] = int(i);
    }
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        const int row = storeRows[size_t(i)];
        const int at = row >= 0 && size_t(row) < m_proxyOf.size() ? m_proxyOf[size_t(row)] : -1;
        after.append(at >= 0 ? createIndex(at, before[i].column()) : QModelIndex());
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    Q_EMIT rowsShownChanged();
}

std::vector<std::uint8_t> ResultsViewProxy::hiddenMask() const
{
    std::vector<std::uint8_t> mask;
    if (m_rows.size() == m_proxyOf.size()) {
        return mask;
    }
    mask.resize(m_proxyOf.size());
    for (size_t i = 0; i < m_proxyOf.size(); ++i) {
        mask[i] = m_proxyOf[i] < 0 ? 1 : 0;
    }
    return mask;
}

QModelIndex ResultsViewProxy::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || proxyIndex.model() != this || size_t(proxyIndex.row()) >= m_rows.size()) {
        return {};
    }
    return m_results->index(m_rows[size_t(proxyIndex.row())], proxyIndex.column());
}

QModelIndex ResultsViewProxy::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.model() != m_results) {
        return {};
    }
    const int row = sourceIndex.row();
    if (size_t(row) >= m_proxyOf.size() || m_proxyOf[size_t(row)] < 0) {
        return {};
    }
    return createIndex(m_proxyOf[size_t(row)], sourceIndex.column());
}

QModelIndex ResultsViewProxy::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || size_t(row) >= m_rows.size() || column < 0 || column >= columnCount()) {
        return {};
    }
    return createIndex(row, column);
}

QModelIndex ResultsViewProxy::parent(const QModelIndex &) const
{
    return {};
}

int ResultsViewProxy::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ResultsViewProxy::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_results->columnCount();
}

bool ResultsViewProxy::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_rows.empty();
}

QVariant ResultsViewProxy::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        return section >= 0 && size_t(section) < m_rows.size()
            ? m_results->headerData(m_rows[size_t(section)], orientation, role)
            : QVariant();
    }
    return m_results->headerData(section, orientation, role);
}

QModelIndex ResultsViewProxy::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

} // namespace StacScope
