#pragma once

#include <QSortFilterProxyModel>
#include <QString>

namespace StacScope {

// The Monitor's rows of one provider and one status group, sorted by MonitorModel::SortRole
// (times as times, costs as numbers). Reads the source's roles only, so it works over any model
// that answers MonitorModel's roles.
class MonitorFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class StatusGroup
    {
        All,
        Active, // not final, including those that wait for the user
        NeedsAction, // the provider waits for the user (a price in review)
        Finished // final: completed, failed, rejected, canceled, expired
    };
    Q_ENUM(StatusGroup)

    explicit MonitorFilterModel(QObject *parent = nullptr);

    // "satellogic", "capella"; empty: every provider.
    void setProvider(const QString &providerId);
    QString provider() const { return m_provider; }
    void setStatusGroup(StatusGroup group);
    StatusGroup statusGroup() const { return m_group; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_provider;
    StatusGroup m_group = StatusGroup::All;
};

} // namespace StacScope
