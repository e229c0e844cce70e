#include "ui/tasks/capellarequestsmodel.h"

#include <QHash>

#include "ui/tasks/tasksmodel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

bool isRepeat(const CapellaRequest &r)
{
    return r.kind == CapellaRequest::Kind::Repeat;
}

// "$1,250.00" -> 1250; -1 when there is no price.
double amount(const QString &money)
{
    QString digits;
    for (const QChar c : money) {
        if (c.isDigit() || c == u'.') {
            digits.append(c);
        }
    }
    bool ok = false;
    const double value = digits.toDouble(&ok);
    return ok ? value : -1;
}

} // namespace

int CapellaRequestsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_requests.size());
}

int CapellaRequestsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CapellaRequestsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const CapellaRequest &r = m_requests.at(index.row());
    switch (role) {
    case RequestIdRole:
        return r.id;
    case StatusRole:
        return r.status();
    case AwaitsApprovalRole:
        return awaitsApproval(r);
    case SortRole:
        switch (index.column()) {
        case Window:
            return r.windowOpen;
        case Submitted:
            return r.submissionTime;
        case Cost:
            return amount(isRepeat(r) ? r.costPerImage : r.costTotal);
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return r.name.isEmpty() ? r.id : r.name;
        case Status:
            return statusText(r.status());
        case Tier:
            return valueText(r.collectionTier);
        case Type:
            return valueText(r.collectionType);
        case Window:
            return windowText(r);
        case Submitted:
            return TasksModel::formatTime(r.submissionTime);
        case Cost:
            return costText(r);
        case Approval:
            return approvalText(r);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Name:
            return r.description.isEmpty() ? r.id : tr("%1\n%2").arg(r.id, r.description);
        case Status:
            return r.history.isEmpty() ? QString() : r.history.first().message;
        case Tier:
            return r.collectionTier;
        case Type:
            return r.collectionType;
        case Window:
            return r.windowClose.isValid()
                ? tr("%1 to %2 (UTC)")
                      .arg(r.windowOpen.toUTC().toString(Qt::ISODate), r.windowClose.toUTC().toString(Qt::ISODate))
                : r.windowOpen.toUTC().toString(Qt::ISODate);
        case Approval:
            return awaitsApproval(r) ? tr("Capella priced the request: approve the price (Approve price...) or it "
                                          "is not collected")
                                     : r.transactionStatus;
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == Cost) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    default:
        return {};
    }
}

QVariant CapellaRequestsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Name:
        return tr("Name");
    case Status:
        return tr("Status");
    case Tier:
        return tr("Tier");
    case Type:
        return tr("Type");
    case Window:
        return m_kind == CapellaRequest::Kind::Repeat ? tr("Repeats (local time)") : tr("Window (local time)");
    case Submitted:
        return tr("Submitted");
    case Cost:
        return m_kind == CapellaRequest::Kind::Repeat ? tr("Cost estimate") : tr("Cost");
    case Approval:
        return tr("Approval");
    default:
        return {};
    }
}

void CapellaRequestsModel::setRequests(CapellaRequest::Kind kind, const QList<CapellaRequest> &requests)
{
    bool sameRows = kind == m_kind && requests.size() == m_requests.size();
    for (qsizetype i = 0; sameRows && i < requests.size(); ++i) {
        sameRows = requests.at(i).id == m_requests.at(i).id;
    }
    if (sameRows) {
        m_requests = requests;
        if (!m_requests.isEmpty()) {
            Q_EMIT dataChanged(index(0, 0), index(int(m_requests.size()) - 1, ColumnCount - 1));
        }
        return;
    }
    const bool kindChanged = kind != m_kind;
    beginResetModel();
    m_kind = kind;
    m_requests = requests;
    endResetModel();
    if (kindChanged) {
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    }
}

int CapellaRequestsModel::rowOf(const QString &id) const
{
    for (qsizetype i = 0; i < m_requests.size(); ++i) {
        if (m_requests.at(i).id == id) {
            return int(i);
        }
    }
    return -1;
}

QString CapellaRequestsModel::statusText(const QString &code)
{
    // capella.md §8: the tasking and repeat request statuses.
    static const QHash<QString, const char *> words {
        { u"received"_s, QT_TR_NOOP("Received") },
        { u"review"_s, QT_TR_NOOP("In review") },
        { u"submitted"_s, QT_TR_NOOP("Submitted") },
        { u"active"_s, QT_TR_NOOP("Active") },
        { u"accepted"_s, QT_TR_NOOP("Accepted") },
        { u"rejected"_s, QT_TR_NOOP("Rejected") },
        { u"expired"_s, QT_TR_NOOP("Expired") },
        { u"completed"_s, QT_TR_NOOP("Completed") },
        { u"anomaly"_s, QT_TR_NOOP("Anomaly") },
        { u"canceled"_s, QT_TR_NOOP("Canceled") },
        { u"error"_s, QT_TR_NOOP("Error") },
        { u"failed"_s, QT_TR_NOOP("Failed") },
        { u"retrying"_s, QT_TR_NOOP("Retrying") },
    };
    const auto it = words.find(code);
    return it == words.end() ? code : tr(it.value());
}

QString CapellaRequestsModel::valueText(const QString &value)
{
    QString text = value;
    text.replace(u'_', u' ');
    if (!text.isEmpty()) {
        text[0] = text.at(0).toUpper();
    }
    return text;
}

QString CapellaRequestsModel::costText(const CapellaRequest &r)
{
    if (isRepeat(r)) {
        return r.costPerImage.isEmpty() ? tr("not priced yet") : tr("%1 per image").arg(r.costPerImage);
    }
    return r.costTotal.isEmpty() ? tr("not priced yet") : r.costTotal;
}

QString CapellaRequestsModel::approvalText(const CapellaRequest &r)
{
    if (awaitsApproval(r)) {
        return tr("Waiting for your approval");
    }
    const QString &t = r.transactionStatus;
    if (t.isEmpty()) {
        if (isFinal(r.status())) {
            return {};
        }
        if (r.preApproval) {
            return tr("Pre-approved");
        }
        const QString status = r.status();
        if (status.isEmpty() || status == u"received"_s) {
            return tr("Not priced yet");
        }
        // A repeat request carries no transactionStatus: past review, its price was approved.
        const bool pastReview = status == u"submitted"_s || status == u"accepted"_s || status == u"active"_s;
        return isRepeat(r) && pastReview ? tr("Approved") : QString();
    }
    static const QHash<QString, const char *> words {
        { u"in-progress"_s, QT_TR_NOOP("Approved") },
        { u"completed"_s, QT_TR_NOOP("Completed") },
        { u"customer-cancelled"_s, QT_TR_NOOP("Canceled by you") },
        { u"customer-rejected"_s, QT_TR_NOOP("Price rejected by you") },
        { u"expired"_s, QT_TR_NOOP("Expired before approval") },
    };
    const auto it = words.find(t);
    return it == words.end() ? t : tr(it.value());
}

QString CapellaRequestsModel::windowText(const CapellaRequest &r)
{
    if (!isRepeat(r) || r.windowClose.isValid()) {
        return TasksModel::formatWindow(r.windowOpen, r.windowClose);
    }
    if (!r.windowOpen.isValid()) {
        return {};
    }
    const QJsonObject repetition = r.raw.value(u"properties"_s).toObject().value(u"repetitionProperties"_s).toObject();
    const int count = repetition.value(u"repetitionCount"_s).toInt();
    if (count > 0) {
        return count == 1 ? tr("from %1, 1 collect").arg(TasksModel::formatTime(r.windowOpen))
                          : tr("from %1, %2 collects").arg(TasksModel::formatTime(r.windowOpen)).arg(count);
    }
    return tr("from %1 until canceled").arg(TasksModel::formatTime(r.windowOpen));
}

bool CapellaRequestsModel::awaitsApproval(const CapellaRequest &r)
{
    return r.needsApproval(); // the core knows both kinds' rules
}

bool CapellaRequestsModel::isFinal(const QString &status)
{
    return status == u"completed"_s || status == u"canceled"_s || status == u"rejected"_s || status == u"expired"_s;
}

} // namespace StacScope
