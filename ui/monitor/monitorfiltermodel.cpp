#include "ui/monitor/monitorfiltermodel.h"

#include "ui/monitor/monitormodel.h"

namespace StacScope {

MonitorFilterModel::MonitorFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(MonitorModel::SortRole);
    // A status that changes moves the row in or out of "Active" / "Needs action" at once.
    setDynamicSortFilter(true);
}

void MonitorFilterModel::setProvider(const QString &providerId)
{
    if (providerId == m_provider) {
        return;
    }
    m_provider = providerId;
    invalidateRowsFilter();
}

void MonitorFilterModel::setStatusGroup(StatusGroup group)
{
    if (group == m_group) {
        return;
    }
    m_group = group;
    invalidateRowsFilter();
}

bool MonitorFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_provider.isEmpty() && index.data(MonitorModel::ProviderRole).toString() != m_provider) {
        return false;
    }
    switch (m_group) {
    case StatusGroup::All:
        return true;
    case StatusGroup::Active:
        return !index.data(MonitorModel::IsFinalRole).toBool();
    case StatusGroup::NeedsAction:
        return index.data(MonitorModel::NeedsActionRole).toBool();
    case StatusGroup::Finished:
        return index.data(MonitorModel::IsFinalRole).toBool();
    }
    return true;
}

} // namespace StacScope
