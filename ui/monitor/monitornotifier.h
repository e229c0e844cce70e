#pragma once

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include "src/download/downloadmanager.h"
#include "src/tasking/deliverylookupjob.h"
#include "src/tasking/monitoredrequest.h"
#include "src/tasking/requestmonitor.h"

namespace StacScope {

// Tells the user what the RequestMonitor saw, in words, and queues the deliveries of requests
// with autoDownload on: one notify() per status change ("Capella tasking request \"Port of
// Valencia\" is now accepted"), and one per hand-over of deliveries ("4 files of \"Rotterdam\"
// queued in Downloads"). Deliveries that need an order first (a Capella tasking request's
// products) are reported, never ordered. Nothing is queued twice: the monitor hands each delivery
// over once, the notifier records what it queued (markDeliveriesQueued) and skips what it queued
// before. The window connects notify() to the tray and its message bar.
class MonitorNotifier : public QObject
{
    Q_OBJECT
public:
    // `downloads` may be nullptr: deliveries are then announced, to be downloaded from the panel.
    MonitorNotifier(RequestMonitor *monitor, DownloadManager *downloads, QObject *parent = nullptr);

    void setDownloadManager(DownloadManager *downloads) { m_downloads = downloads; }

    // "Capella tasking request", "Satellogic task"...
    static QString requestNoun(MonitoredKind kind);
    // The sentence for a change to `newStatus` of `request` (as the monitor has it now).
    static QString changeText(const MonitoredRequest &request, const QString &newStatus);

Q_SIGNALS:
    void notify(const QString &title, const QString &text);
    // Files of `key`'s deliveries went to the DownloadManager.
    void deliveriesQueued(const StacScope::MonitorKey &key, int files);

private:
    // A request the provider spawned (a repeat request's tasking request) is announced.
    void onAdded(const MonitorKey &key);
    void onStatusChanged(const MonitorKey &key, const QString &oldStatus, const QString &newStatus);
    void onDeliveries(const MonitorKey &key, const QList<DeliveryDescriptor> &deliveries);

    QPointer<RequestMonitor> m_monitor;
    QPointer<DownloadManager> m_downloads;
    QSet<QString> m_queued; // "<key>\n<delivery id>" queued by this notifier
};

} // namespace StacScope
