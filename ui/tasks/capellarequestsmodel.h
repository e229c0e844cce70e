#pragma once

#include <QAbstractTableModel>
#include <QList>

#include "src/providers/capella/capellatypes.h"

namespace StacScope {

// A Capella account's tasking requests or repeat requests, as the request search returns them:
// data only (text, typed sort values, the id, status and whether it waits for approval as roles).
// Times are shown in local time with their UTC offset, as in TasksModel.
class CapellaRequestsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Name,
        Status,
        Tier,
        Type,
        Window, // tasking: window open..close; repeat: repeat start..end
        Submitted,
        Cost,
        Approval,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        RequestIdRole,
        StatusRole, // the provider's status code ("review")
        AwaitsApprovalRole
    };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The new list; when the same requests come back in the same order their rows are updated in
    // place (a refresh keeps the selection), otherwise the list is replaced.
    void setRequests(CapellaRequest::Kind kind, const QList<CapellaRequest> &requests);
    void clear() { setRequests(m_kind, {}); }
    CapellaRequest::Kind kind() const { return m_kind; }
    const CapellaRequest &request(int row) const { return m_requests.at(row); }
    int rowOf(const QString &id) const;

    // "In review" for "review"; an unknown status as the provider wrote it.
    static QString statusText(const QString &code);
    // "Spotlight ultra" for "spotlight_ultra".
    static QString valueText(const QString &value);
    // "$3,000.00", "$3,000.00 per image" (repeats) or "not priced yet".
    static QString costText(const CapellaRequest &request);
    // The transaction status in words: "Waiting for your approval"...
    static QString approvalText(const CapellaRequest &request);
    // Window (tasking) or repetition (repeat) in local time.
    static QString windowText(const CapellaRequest &request);
    // Priced and in review: the price can be approved. A repeat request in review carries no
    // transactionStatus, so its status tells.
    static bool awaitsApproval(const CapellaRequest &request);
    // completed, canceled, rejected, expired: nothing can change any more.
    static bool isFinal(const QString &status);

private:
    CapellaRequest::Kind m_kind = CapellaRequest::Kind::Tasking;
    QList<CapellaRequest> m_requests;
};

} // namespace StacScope
