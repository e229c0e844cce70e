#pragma once

#include <QAbstractTableModel>
#include <QList>

#include "src/providers/satellogic/satellogictypes.h"

namespace StacScope {

// One task's captures: data only. A capture is deliverable once it is published.
class CapturesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Id,
        Start,
        Satellite,
        Status,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        CaptureIdRole,
        PublishedRole
    };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setCaptures(qint64 taskId, const QList<SatellogicCapture> &captures);
    void clear() { setCaptures(0, {}); }
    qint64 taskId() const { return m_taskId; }
    const SatellogicCapture &capture(int row) const { return m_captures.at(row); }
    int publishedCount() const;

    // "Published", "Planned"; an unknown status as the provider wrote it.
    static QString statusText(const QString &status);

private:
    qint64 m_taskId = 0;
    QList<SatellogicCapture> m_captures;
};

} // namespace StacScope
