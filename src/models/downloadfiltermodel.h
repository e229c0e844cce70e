#pragma once

#include <QSortFilterProxyModel>

namespace StacScope {

// The panel's "show" filter over DownloadListModel: all, in progress, paused, done, failed.
class DownloadFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class Filter
    {
        All,
        Active, // queued, connecting, downloading, verifying
        Paused,
        Completed,
        Failed, // failed or canceled
    };

    explicit DownloadFilterModel(QObject *parent = nullptr);

    void setFilter(Filter filter);
    Filter filter() const { return m_filter; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    Filter m_filter = Filter::All;
};

} // namespace StacScope
