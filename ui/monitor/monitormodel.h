#pragma once

#include <functional>

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QPointer>

#include "src/tasking/monitoredrequest.h"
#include "src/tasking/requestmonitor.h"

class QTimer;

namespace StacScope {

class AccountManager;

// The requests a RequestMonitor follows, one row each, in the order they were added: data only
// (text, typed sort values, the key, the status and what it means as roles); colours are the
// panel's business. Rows are inserted, changed and removed as the monitor says (never a reset
// for an append). Times are shown in local time with their UTC offset; "Next poll" is relative
// and refreshed by the model every few seconds.
//
// The monitor should be started before the model is built (start() loads the stored requests
// without announcing them); otherwise reload() after start().
class MonitorModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Provider,
        Kind,
        Name,
        Status,
        Window,
        Submitted,
        Cost,
        NextPoll,
        Account,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1, // QDateTime for times, a number for the cost, text otherwise
        KeyRole, // MonitorKey
        AccountIdRole,
        KindKeyRole, // MonitoredRequest::kindKey(): "capella-tasking"
        RemoteIdRole,
        ProviderRole, // "satellogic", "capella"
        StatusRole, // the provider's own word ("review")
        IsFinalRole,
        NeedsActionRole,
        StatusCategoryRole // StatusCategory, for delegates
    };
    // What a status means to the user; the panel gives each its colour.
    enum class StatusCategory
    {
        Unknown, // not asked yet: no status known
        OnItsWay, // received, priced, planned, collecting
        NeedsAction, // the provider waits for the user (a price in review)
        Completed,
        Failed // failed, rejected, canceled, expired
    };
    Q_ENUM(StatusCategory)

    // The account's name for an id (empty: the id is shown).
    using AccountNames = std::function<QString(const QString &accountId)>;

    // `names` may be empty: the account ids are shown.
    explicit MonitorModel(RequestMonitor *monitor, AccountNames names = {}, QObject *parent = nullptr);
    // The names of `accounts`' stored accounts (renames are picked up on sessionsChanged).
    MonitorModel(RequestMonitor *monitor, AccountManager *accounts, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    RequestMonitor *monitor() const { return m_monitor; }
    // Every row again from the monitor (a reset): after start() or a restart of the monitor.
    void reload();
    // The account names changed: the Account column again.
    void refreshAccountNames();
    // For tests: the time "Next poll" counts from (default: the current time).
    void setClock(std::function<QDateTime()> now);

    int rowOf(const MonitorKey &key) const { return int(m_keys.indexOf(key)); }
    MonitorKey key(int row) const { return m_keys.value(row); }
    // The request as the monitor has it now.
    const MonitoredRequest *request(int row) const;

    // "Capella" for "capella".
    static QString providerText(const QString &providerId);
    // "Task", "Tasking request", "Repeat request", "Order".
    static QString kindText(MonitoredKind kind);
    // An UP42 order's status or sub-status in words ("QUOTATION_WAITING_RESPONSE": "Quotation to decide").
    static QString up42StatusText(const QString &status);
    // The same, telling a repeat request's tasking requests ("Repeat collect") apart.
    static QString kindText(const MonitoredRequest &request);
    // The status in words ("In review"); an unknown status as the provider wrote it.
    static QString statusText(MonitoredKind kind, const QString &status);
    static StatusCategory statusCategory(const MonitoredRequest &request);
    // The quoted cost: "$3,000.00", "$3,000.00 per image" (repeat), "contract" (Satellogic),
    // "not priced yet" (Capella, before review), empty when not known (a Capella order).
    static QString costText(const MonitoredRequest &request);
    // The acquisition window in local time; "from <start>, 5 collects" for a repeat request
    // without an end; "downloadable until <expiry>" for an order.
    static QString windowText(const MonitoredRequest &request);
    // "in 2 min", "paused (offline)", "backing off until 14:05", "—" when final.
    static QString nextPollText(const MonitoredRequest &request, bool online, const QDateTime &now);
    // "$1,250.50" -> 1250.5; -1 without a number.
    static double amount(const QString &money);

private:
    void onAdded(const MonitorKey &key);
    void onChanged(const MonitorKey &key);
    void onRemoved(const MonitorKey &key);
    void refreshColumn(int column);
    QString accountText(const QString &accountId) const;
    // The name of the repeat request a tasking request was spawned by (its id when not followed).
    QString parentName(const MonitoredRequest &request) const;

    QPointer<RequestMonitor> m_monitor;
    AccountNames m_names;
    std::function<QDateTime()> m_now;
    QList<MonitorKey> m_keys;
    QHash<MonitorKey, MonitoredRequest> m_rows; // the monitor's requests, as last announced
    QTimer *m_tick;
};

} // namespace StacScope
