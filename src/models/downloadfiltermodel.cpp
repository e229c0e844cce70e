#include "src/models/downloadfiltermodel.h"

#include "src/download/downloadtask.h"
#include "src/models/downloadlistmodel.h"

namespace StacScope {

DownloadFilterModel::DownloadFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(DownloadListModel::SortRole);
    // Progress changes many times a second; re-filter on state changes only.
    setDynamicSortFilter(true);
}

void DownloadFilterModel::setFilter(Filter filter)
{
    if (m_filter == filter) {
        return;
    }
    m_filter = filter;
    invalidateFilter();
}

bool DownloadFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_filter == Filter::All) {
        return true;
    }
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto state = DownloadState(index.data(DownloadListModel::StateRole).toInt());
    switch (m_filter) {
    case Filter::All:
        return true;
    case Filter::Active:
        return state == DownloadState::Queued || state == DownloadState::Connecting
            || state == DownloadState::Downloading || state == DownloadState::Verifying;
    case Filter::Paused:
        return state == DownloadState::Paused;
    case Filter::Completed:
        return state == DownloadState::Completed;
    case Filter::Failed:
        return state == DownloadState::Failed || state == DownloadState::Canceled;
    }
    return true;
}

} // namespace StacScope
