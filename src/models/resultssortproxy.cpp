#include "src/models/resultssortproxy.h"

#include "src/models/resultsgroupmodel.h"
#include "src/models/resultsmodel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

bool missing(const QVariant &v)
{
    return !v.isValid() || v.isNull() || (v.typeId() == QMetaType::QString && v.toString().isEmpty());
}

// Column -> the property a STAC API sorts it by (the sort extension's field names).
const std::pair<int, QStringView> kProperties[] = {
    { ResultsModel::Id, u"id" },
    { ResultsModel::Collection, u"collection" },
    { ResultsModel::Datetime, u"datetime" },
    { ResultsModel::CloudCover, u"eo:cloud_cover" },
    { ResultsModel::Gsd, u"gsd" },
    { ResultsModel::OffNadir, u"view:off_nadir" },
    { ResultsModel::Platform, u"platform" },
    { ResultsModel::Mode, u"sar:instrument_mode" },
    { ResultsModel::ProductType, u"sar:product_type" },
    { ResultsModel::Polarizations, u"sar:polarizations" },
    { ResultsModel::LookAngle, u"view:incidence_angle" },
    { ResultsModel::OrbitState, u"sat:orbit_state" },
};

} // namespace

ResultsSortProxy::ResultsSortProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ResultsModel::SortRole);
}

QString ResultsSortProxy::propertyOfColumn(int column)
{
    for (const auto &[c, property] : kProperties) {
        if (c == column) {
            return property.toString();
        }
    }
    return {};
}

int ResultsSortProxy::columnOfProperty(const QString &property)
{
    for (const auto &[c, p] : kProperties) {
        if (p == property) {
            return c;
        }
    }
    return -1;
}

void ResultsSortProxy::setShownFunction(std::function<bool(int)> shown)
{
    m_shown = std::move(shown);
    setRecursiveFilteringEnabled(bool(m_shown));
    invalidateFilter();
}

void ResultsSortProxy::refilter()
{
    invalidateFilter();
}

bool ResultsSortProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_shown) {
        return true;
    }
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (sourceModel()->hasChildren(index)) {
        return false; // a group: kept (recursive filtering) when one of its items is
    }
    const QVariant row = index.data(ResultsModel::RowRole);
    return row.isValid() && m_shown(row.toInt());
}

QVariant ResultsSortProxy::data(const QModelIndex &index, int role) const
{
    if (m_shown && role == Qt::DisplayRole && index.column() == 0 && !index.parent().isValid()) {
        const QVariant size = QSortFilterProxyModel::data(index, ResultsGroupModel::GroupSizeRole);
        const int kept = rowCount(index);
        if (size.isValid() && kept < size.toLongLong()) {
            const QVariant value = QSortFilterProxyModel::data(index, ResultsGroupModel::GroupValueRole);
            const QString name = value.toString().isEmpty() ? ResultsGroupModel::tr("(none)") : value.toString();
            return ResultsGroupModel::tr("%1 · %2 of %3 items").arg(name).arg(kept).arg(size.toLongLong());
        }
    }
    return QSortFilterProxyModel::data(index, role);
}

bool ResultsSortProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    const bool aMissing = missing(a);
    const bool bMissing = missing(b);
    // Qt reverses lessThan for a descending sort: "missing is greater" ascending and "missing is
    // smaller" descending both put it last.
    const bool ascending = sortOrder() == Qt::AscendingOrder;
    if (aMissing != bMissing) {
        return ascending ? bMissing : aMissing;
    }
    if (!aMissing) {
        const QPartialOrdering order = QVariant::compare(a, b);
        if (order == QPartialOrdering::Less) {
            return true;
        }
        if (order == QPartialOrdering::Greater) {
            return false;
        }
    }
    // Equal (or both missing): the server's order, whichever way the column is sorted.
    const bool before = left.row() < right.row();
    return ascending ? before : !before;
}

} // namespace StacScope
