#include "ui/monitor/monitornotifier.h"

#include <QLocale>

#include "src/download/downloadmanager.h"
#include "src/tasking/requestmonitor.h"
#include "ui/monitor/monitormodel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString nameOf(const MonitoredRequest &r)
{
    return r.name.isEmpty() ? r.remoteId : r.name;
}

// "In review" -> "in review", in the middle of a sentence.
QString midSentence(const QString &words)
{
    if (words.size() > 1 && words.at(0).isUpper() && words.at(1).isLower()) {
        return words.at(0).toLower() + words.mid(1);
    }
    return words;
}

} // namespace

MonitorNotifier::MonitorNotifier(RequestMonitor *monitor, DownloadManager *downloads, QObject *parent)
    : QObject(parent)
    , m_monitor(monitor)
    , m_downloads(downloads)
{
    if (monitor) {
        connect(monitor, &RequestMonitor::statusChanged, this, &MonitorNotifier::onStatusChanged);
        connect(monitor, &RequestMonitor::deliveriesAvailable, this, &MonitorNotifier::onDeliveries);
        connect(monitor, &RequestMonitor::requestAdded, this, &MonitorNotifier::onAdded);
    }
}

void MonitorNotifier::onAdded(const MonitorKey &key)
{
    // Only what the provider spawned is news: the user's own submissions are announced by the form.
    const std::optional<MonitoredRequest> r = m_monitor ? m_monitor->request(key) : std::nullopt;
    if (!r || r->parentId.isEmpty()) {
        return;
    }
    const std::optional<MonitorKey> parentKey = m_monitor->parentOf(*r);
    const std::optional<MonitoredRequest> parent = parentKey ? m_monitor->request(*parentKey) : std::nullopt;
    const QString parentName = parent ? nameOf(*parent) : r->parentId;
    QString text = r->windowStart.isValid()
        ? tr("The repeat request \"%1\" spawned the tasking request \"%2\" for %3.")
              .arg(parentName, nameOf(*r), QLocale().toString(r->windowStart.toLocalTime(), QLocale::ShortFormat))
        : tr("The repeat request \"%1\" spawned the tasking request \"%2\".").arg(parentName, nameOf(*r));
    text += u' ' + tr("It is followed in the Monitor.");
    Q_EMIT notify(nameOf(*r), text);
}

QString MonitorNotifier::requestNoun(MonitoredKind kind)
{
    switch (kind) {
    case MonitoredKind::SatellogicTask:
        return tr("Satellogic task");
    case MonitoredKind::CapellaTasking:
        return tr("Capella tasking request");
    case MonitoredKind::CapellaRepeat:
        return tr("Capella repeat request");
    case MonitoredKind::CapellaOrder:
        return tr("Capella order");
    case MonitoredKind::Up42Order:
        return tr("UP42 order");
    }
    return {};
}

QString MonitorNotifier::changeText(const MonitoredRequest &r, const QString &newStatus)
{
    QString text = tr("%1 \"%2\" is now %3.")
                       .arg(requestNoun(r.kind), nameOf(r), midSentence(MonitorModel::statusText(r.kind, newStatus)));
    MonitoredRequest now = r;
    now.status = newStatus;
    switch (MonitorModel::statusCategory(now)) {
    case MonitorModel::StatusCategory::NeedsAction:
        text += u' '
            + (r.cost.isEmpty()
                    ? tr("Approve or reject its price in the Monitor.")
                    : tr("Approve or reject its price (%1) in the Monitor.").arg(MonitorModel::costText(r)));
        break;
    case MonitorModel::StatusCategory::Failed:
        if (!r.history.isEmpty() && r.history.constLast().status == newStatus
            && !r.history.constLast().message.isEmpty()) {
            text += u' '
                + tr("%1 said: %2").arg(MonitorModel::providerText(r.providerId), r.history.constLast().message);
        }
        break;
    case MonitorModel::StatusCategory::Completed:
        if (!r.autoDownload && r.kind != MonitoredKind::CapellaRepeat) {
            text += u' ' + tr("Its deliveries can be downloaded from the Monitor.");
        }
        break;
    default:
        break;
    }
    return text;
}

void MonitorNotifier::onStatusChanged(const MonitorKey &key, const QString &, const QString &newStatus)
{
    const std::optional<MonitoredRequest> r = m_monitor ? m_monitor->request(key) : std::nullopt;
    if (!r) {
        return;
    }
    Q_EMIT notify(nameOf(*r), changeText(*r, newStatus));
}

void MonitorNotifier::onDeliveries(const MonitorKey &key, const QList<DeliveryDescriptor> &deliveries)
{
    const std::optional<MonitoredRequest> r = m_monitor ? m_monitor->request(key) : std::nullopt;
    if (!r) {
        return;
    }
    const QString name = nameOf(*r);
    QList<DownloadTask> tasks;
    QStringList ids;
    int toOrder = 0;
    int ready = 0;
    for (const DeliveryDescriptor &d : deliveries) {
        if (d.needsOrder) {
            ++toOrder;
            continue;
        }
        if (d.downloads.isEmpty()) {
            continue;
        }
        ++ready;
        const QString mark = key.toString() + u'\n' + d.id;
        if (!m_downloads || m_queued.contains(mark)) {
            continue;
        }
        m_queued.insert(mark);
        tasks.append(d.downloads);
        ids.append(d.id);
    }
    if (!tasks.isEmpty()) {
        m_downloads->enqueue(tasks);
        m_monitor->markDeliveriesQueued(key, ids);
        const int files = int(tasks.size());
        Q_EMIT notify(name,
            files == 1 ? tr("1 file of \"%1\" queued in Downloads.").arg(name)
                       : tr("%1 files of \"%2\" queued in Downloads.").arg(files).arg(name));
        Q_EMIT deliveriesQueued(key, files);
    } else if (ready > 0 && !m_downloads) {
        Q_EMIT notify(name,
            ready == 1 ? tr("1 delivery of \"%1\" is ready: download it from the Monitor.").arg(name)
                       : tr("%1 deliveries of \"%2\" are ready: download them from the Monitor.").arg(ready).arg(name));
    }
    if (toOrder > 0) {
        // Capella delivers a tasking request's products through an order the user confirms.
        Q_EMIT notify(name,
            toOrder == 1 ? tr("1 product of \"%1\" can be ordered: order it in the Orders dock first (the "
                              "organization's own collects cost nothing), then it can be downloaded.")
                               .arg(name)
                         : tr("%1 products of \"%2\" can be ordered: order them in the Orders dock first (the "
                              "organization's own collects cost nothing), then they can be downloaded.")
                               .arg(toOrder)
                               .arg(name));
    }
}

} // namespace StacScope
