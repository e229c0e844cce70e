#include "ui/monitor/monitormodel.h"

#include <QHash>
#include <QTimer>

#include "src/providers/accountmanager.h"
#include "src/providers/accountstore.h"
#include "src/tasking/requestmonitor.h"
#include "ui/tasks/capellarequestsmodel.h"
#include "ui/tasks/tasksmodel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

constexpr int kTickMs = 5000; // "in 2 min" stays right to a few seconds

bool isFailure(const QString &status)
{
    static const QStringList words { u"failed"_s, u"rejected"_s, u"canceled"_s, u"cancelled"_s, u"expired"_s,
        u"error"_s, u"anomaly"_s,
        // UP42's
        u"PLACEMENT_FAILED"_s, u"DELIVERY_INITIALIZATION_FAILED"_s, u"DOWNLOAD_FAILED"_s, u"FAILED_PERMANENTLY"_s,
        u"CANCELED"_s, u"QUOTATION_REJECTED"_s };
    return words.contains(status);
}

// "14:05", or "2025-06-12 14:05" when it is not today.
QString clockText(const QDateTime &time, const QDateTime &now)
{
    const QDateTime local = time.toLocalTime();
    return local.date() == now.toLocalTime().date() ? local.toString(u"HH:mm"_s)
                                                    : local.toString(u"yyyy-MM-dd HH:mm"_s);
}

} // namespace

MonitorModel::MonitorModel(RequestMonitor *monitor, AccountNames names, QObject *parent)
    : QAbstractTableModel(parent)
    , m_monitor(monitor)
    , m_names(std::move(names))
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
    , m_tick(new QTimer(this))
{
    if (monitor) {
        connect(monitor, &RequestMonitor::requestAdded, this, &MonitorModel::onAdded);
        connect(monitor, &RequestMonitor::requestChanged, this, &MonitorModel::onChanged);
        connect(monitor, &RequestMonitor::requestRemoved, this, &MonitorModel::onRemoved);
        connect(monitor, &RequestMonitor::onlineChanged, this, [this] { refreshColumn(NextPoll); });
    }
    m_tick->setInterval(kTickMs);
    connect(m_tick, &QTimer::timeout, this, [this] { refreshColumn(NextPoll); });
    m_tick->start();
    reload();
}

MonitorModel::MonitorModel(RequestMonitor *monitor, AccountManager *accounts, QObject *parent)
    : MonitorModel(
        monitor,
        [accounts = QPointer<AccountManager>(accounts)](const QString &id) {
            return accounts && accounts->store() ? accounts->store()->account(id).name : QString();
        },
        parent)
{
    if (accounts) {
        connect(accounts, &AccountManager::sessionsChanged, this, &MonitorModel::refreshAccountNames);
    }
}

int MonitorModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

int MonitorModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const MonitoredRequest *MonitorModel::request(int row) const
{
    if (row < 0 || row >= m_keys.size()) {
        return nullptr;
    }
    const auto it = m_rows.constFind(m_keys.at(row));
    return it == m_rows.cend() ? nullptr : &*it;
}

QVariant MonitorModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const MonitoredRequest *found = request(index.row());
    if (!found) {
        return {};
    }
    const MonitoredRequest &r = *found;
    switch (role) {
    case KeyRole:
        return QVariant::fromValue(r.key());
    case AccountIdRole:
        return r.accountId;
    case KindKeyRole:
        return MonitoredRequest::kindKey(r.kind);
    case RemoteIdRole:
        return r.remoteId;
    case ProviderRole:
        return r.providerId;
    case StatusRole:
        return r.status;
    case IsFinalRole:
        return r.isFinal;
    case NeedsActionRole:
        return r.needsAction;
    case StatusCategoryRole:
        return QVariant::fromValue(statusCategory(r));
    case SortRole:
        switch (index.column()) {
        case Window:
            return r.windowStart.isValid() ? r.windowStart : r.windowEnd;
        case Submitted:
            return r.submitted;
        case Cost:
            return amount(r.cost);
        case NextPoll:
            return r.nextPoll;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Provider:
            return providerText(r.providerId);
        case Kind:
            return kindText(r);
        case Name:
            return r.name.isEmpty() ? r.remoteId : r.name;
        case Status:
            return statusText(r.kind, r.status);
        case Window:
            return windowText(r);
        case Submitted:
            return TasksModel::formatTime(r.submitted);
        case Cost:
            return costText(r);
        case NextPoll:
            return nextPollText(r, !m_monitor || m_monitor->isOnline(), m_now());
        case Account:
            return accountText(r.accountId);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Name: {
            QString tip = r.description.isEmpty() ? r.remoteId : tr("%1\n%2").arg(r.remoteId, r.description);
            if (!r.parentId.isEmpty()) {
                tip += u'\n' + tr("Spawned by the repeat request \"%1\"").arg(parentName(r));
            }
            return tip;
        }
        case Kind:
            return r.parentId.isEmpty() ? QVariant()
                                        : tr("A tasking request of the repeat request \"%1\"").arg(parentName(r));
        case Status: {
            QString tip = r.history.isEmpty() ? QString() : r.history.constLast().message;
            if (!r.lastError.isEmpty()) {
                tip += (tip.isEmpty() ? QString() : u"\n"_s) + tr("Last poll failed: %1").arg(r.lastError);
            }
            return tip;
        }
        case Window:
            return r.windowStart.isValid() && r.windowEnd.isValid()
                ? tr("%1 to %2 (UTC)")
                      .arg(r.windowStart.toUTC().toString(Qt::ISODate), r.windowEnd.toUTC().toString(Qt::ISODate))
                : QVariant();
        case NextPoll: {
            QString tip = r.lastPolled.isValid() ? tr("Last asked %1").arg(TasksModel::formatTime(r.lastPolled))
                                                 : tr("Not asked yet");
            if (!r.lastError.isEmpty()) {
                tip += u"\n"_s + r.lastError;
            }
            return tip;
        }
        case Account:
            return r.accountId;
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

QVariant MonitorModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Provider:
        return tr("Provider");
    case Kind:
        return tr("Kind");
    case Name:
        return tr("Name");
    case Status:
        return tr("Status");
    case Window:
        return tr("Window (local time)");
    case Submitted:
        return tr("Submitted");
    case Cost:
        return tr("Cost");
    case NextPoll:
        return tr("Next poll");
    case Account:
        return tr("Account");
    default:
        return {};
    }
}

void MonitorModel::reload()
{
    beginResetModel();
    m_keys.clear();
    m_rows.clear();
    if (m_monitor) {
        const QList<MonitoredRequest> all = m_monitor->requests();
        for (const MonitoredRequest &r : all) {
            m_keys.append(r.key());
            m_rows.insert(r.key(), r);
        }
    }
    endResetModel();
}

void MonitorModel::refreshAccountNames()
{
    refreshColumn(Account);
}

void MonitorModel::setClock(std::function<QDateTime()> now)
{
    m_now = std::move(now);
    refreshColumn(NextPoll);
}

void MonitorModel::onAdded(const MonitorKey &key)
{
    if (m_rows.contains(key)) {
        onChanged(key);
        return;
    }
    const std::optional<MonitoredRequest> r = m_monitor ? m_monitor->request(key) : std::nullopt;
    if (!r) {
        return;
    }
    const int row = int(m_keys.size());
    beginInsertRows({}, row, row);
    m_keys.append(key);
    m_rows.insert(key, *r);
    endInsertRows();
}

void MonitorModel::onChanged(const MonitorKey &key)
{
    const int row = rowOf(key);
    if (row < 0) {
        onAdded(key);
        return;
    }
    const std::optional<MonitoredRequest> r = m_monitor ? m_monitor->request(key) : std::nullopt;
    if (!r) {
        onRemoved(key);
        return;
    }
    m_rows.insert(key, *r);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void MonitorModel::onRemoved(const MonitorKey &key)
{
    const int row = rowOf(key);
    if (row < 0) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_keys.removeAt(row);
    m_rows.remove(key);
    endRemoveRows();
}

void MonitorModel::refreshColumn(int column)
{
    if (!m_keys.isEmpty()) {
        Q_EMIT dataChanged(index(0, column), index(int(m_keys.size()) - 1, column), { Qt::DisplayRole });
    }
}

QString MonitorModel::accountText(const QString &accountId) const
{
    const QString name = m_names ? m_names(accountId) : QString();
    return name.isEmpty() ? accountId : name;
}

QString MonitorModel::providerText(const QString &providerId)
{
    if (providerId == u"satellogic"_s) {
        return tr("Satellogic");
    }
    if (providerId == u"capella"_s) {
        return tr("Capella");
    }
    if (providerId == u"up42"_s) {
        return tr("UP42");
    }
    QString text = providerId;
    if (!text.isEmpty()) {
        text[0] = text.at(0).toUpper();
    }
    return text;
}

QString MonitorModel::kindText(const MonitoredRequest &request)
{
    // A tasking request a repeat request spawned: one collect of the series.
    if (request.kind == MonitoredKind::CapellaTasking && !request.parentId.isEmpty()) {
        return tr("Repeat collect");
    }
    return kindText(request.kind);
}

QString MonitorModel::parentName(const MonitoredRequest &request) const
{
    const std::optional<MonitorKey> parent = m_monitor ? m_monitor->parentOf(request) : std::nullopt;
    const std::optional<MonitoredRequest> p = parent ? m_monitor->request(*parent) : std::nullopt;
    return p && !p->name.isEmpty() ? p->name : request.parentId;
}

QString MonitorModel::kindText(MonitoredKind kind)
{
    switch (kind) {
    case MonitoredKind::SatellogicTask:
        return tr("Task");
    case MonitoredKind::CapellaTasking:
        return tr("Tasking request");
    case MonitoredKind::CapellaRepeat:
        return tr("Repeat request");
    case MonitoredKind::CapellaOrder:
    case MonitoredKind::Up42Order:
        return tr("Order");
    }
    return {};
}

QString MonitorModel::up42StatusText(const QString &status)
{
    static const QHash<QString, const char *> words {
        { u"CREATED"_s, QT_TR_NOOP("Created") },
        { u"BEING_PLACED"_s, QT_TR_NOOP("Being placed") },
        { u"PLACED"_s, QT_TR_NOOP("Placed") },
        { u"PLACEMENT_FAILED"_s, QT_TR_NOOP("Placement failed") },
        { u"DELIVERY_INITIALIZATION_FAILED"_s, QT_TR_NOOP("Delivery failed to start") },
        { u"BEING_FULFILLED"_s, QT_TR_NOOP("Being delivered") },
        { u"DOWNLOAD_FAILED"_s, QT_TR_NOOP("Delivery failed") },
        { u"DOWNLOADED"_s, QT_TR_NOOP("Downloaded by UP42") },
        { u"FULFILLED"_s, QT_TR_NOOP("Delivered") },
        { u"FAILED_PERMANENTLY"_s, QT_TR_NOOP("Failed") },
        { u"CANCELED"_s, QT_TR_NOOP("Canceled") },
        { u"FEASIBILITY_WAITING_UPLOAD"_s, QT_TR_NOOP("Feasibility being studied") },
        { u"FEASIBILITY_WAITING_RESPONSE"_s, QT_TR_NOOP("Feasibility option to choose") },
        { u"QUOTATION_WAITING_UPLOAD"_s, QT_TR_NOOP("Being quoted") },
        { u"QUOTATION_WAITING_RESPONSE"_s, QT_TR_NOOP("Quotation to decide") },
        { u"QUOTATION_ACCEPTED"_s, QT_TR_NOOP("Quotation accepted") },
        { u"QUOTATION_REJECTED"_s, QT_TR_NOOP("Quotation rejected") },
    };
    const auto it = words.constFind(status);
    return it == words.cend() ? status : tr(*it);
}

QString MonitorModel::statusText(MonitoredKind kind, const QString &status)
{
    if (status.isEmpty()) {
        return tr("Not known yet");
    }
    switch (kind) {
    case MonitoredKind::SatellogicTask:
        return status == u"cancelled"_s ? TasksModel::statusText(u"canceled"_s) : TasksModel::statusText(status);
    case MonitoredKind::CapellaOrder:
        // An order is placed at once; Capella answers "completed" when it can be downloaded.
        if (status == u"completed"_s) {
            return tr("Ready to download");
        }
        return CapellaRequestsModel::statusText(status);
    case MonitoredKind::CapellaTasking:
    case MonitoredKind::CapellaRepeat:
        return status == u"cancelled"_s ? CapellaRequestsModel::statusText(u"canceled"_s)
                                        : CapellaRequestsModel::statusText(status);
    case MonitoredKind::Up42Order:
        return up42StatusText(status);
    }
    return status;
}

MonitorModel::StatusCategory MonitorModel::statusCategory(const MonitoredRequest &r)
{
    if (r.status.isEmpty()) {
        return StatusCategory::Unknown;
    }
    if (r.needsAction) {
        return StatusCategory::NeedsAction;
    }
    if (r.status == u"completed"_s || r.status == u"FULFILLED"_s) {
        return StatusCategory::Completed;
    }
    if (isFailure(r.status) || r.isFinal) {
        return StatusCategory::Failed;
    }
    return StatusCategory::OnItsWay;
}

QString MonitorModel::costText(const MonitoredRequest &r)
{
    switch (r.kind) {
    case MonitoredKind::SatellogicTask:
        return r.cost.isEmpty() ? tr("contract") : r.cost;
    case MonitoredKind::CapellaRepeat:
        if (!r.cost.isEmpty()) {
            return tr("%1 per image").arg(r.cost);
        }
        break;
    case MonitoredKind::CapellaTasking:
        if (!r.cost.isEmpty()) {
            return r.cost;
        }
        break;
    case MonitoredKind::CapellaOrder:
        return r.cost;
    case MonitoredKind::Up42Order:
        // Archive orders are charged at placement; a tasking order is quoted in credits.
        return r.cost;
    }
    // Capella prices a request about a minute after it is received.
    return r.isFinal ? QString() : tr("not priced yet");
}

QString MonitorModel::windowText(const MonitoredRequest &r)
{
    if (r.kind == MonitoredKind::CapellaOrder) {
        return r.windowEnd.isValid() ? tr("downloadable until %1").arg(TasksModel::formatTime(r.windowEnd)) : QString();
    }
    if (r.kind == MonitoredKind::CapellaRepeat && r.windowStart.isValid() && !r.windowEnd.isValid()) {
        // A series without an end date: a number of collects, or until canceled.
        const int count = r.raw.value(u"properties"_s)
                              .toObject()
                              .value(u"repetitionProperties"_s)
                              .toObject()
                              .value(u"repetitionCount"_s)
                              .toInt();
        const QString from = TasksModel::formatTime(r.windowStart);
        if (count > 0) {
            return count == 1 ? tr("from %1, 1 collect").arg(from) : tr("from %1, %2 collects").arg(from).arg(count);
        }
        return tr("from %1 until canceled").arg(from);
    }
    return TasksModel::formatWindow(r.windowStart, r.windowEnd);
}

QString MonitorModel::nextPollText(const MonitoredRequest &r, bool online, const QDateTime &now)
{
    if (r.isFinal && !r.nextPoll.isValid()) {
        return tr("—");
    }
    if (!online) {
        return tr("paused (offline)");
    }
    if (!r.nextPoll.isValid()) {
        return tr("—");
    }
    if (r.failures > 0 && r.nextPoll > now) {
        return tr("backing off until %1").arg(clockText(r.nextPoll, now));
    }
    const qint64 seconds = now.secsTo(r.nextPoll);
    if (seconds <= 0) {
        return tr("now");
    }
    if (seconds < 60) {
        return tr("in %n s", nullptr, int(seconds));
    }
    if (seconds < 3600) {
        return tr("in %n min", nullptr, int((seconds + 59) / 60));
    }
    return tr("at %1").arg(clockText(r.nextPoll, now));
}

double MonitorModel::amount(const QString &money)
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

} // namespace StacScope
