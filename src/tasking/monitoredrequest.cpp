#include "src/tasking/monitoredrequest.h"

using namespace Qt::StringLiterals;

namespace StacScope {

QString MonitorKey::toString() const
{
    return accountId + u'/' + MonitoredRequest::kindKey(kind) + u'/' + remoteId;
}

QString MonitoredRequest::kindKey(MonitoredKind kind)
{
    switch (kind) {
    case MonitoredKind::SatellogicTask:
        return u"satellogic-task"_s;
    case MonitoredKind::CapellaTasking:
        return u"capella-tasking"_s;
    case MonitoredKind::CapellaRepeat:
        return u"capella-repeat"_s;
    case MonitoredKind::CapellaOrder:
        return u"capella-order"_s;
    case MonitoredKind::Up42Order:
        return u"up42-order"_s;
    }
    return {};
}

std::optional<MonitoredKind> MonitoredRequest::kindFromKey(QStringView key)
{
    for (const MonitoredKind kind : kinds()) {
        if (key == kindKey(kind)) {
            return kind;
        }
    }
    return std::nullopt;
}

QString MonitoredRequest::providerOf(MonitoredKind kind)
{
    switch (kind) {
    case MonitoredKind::SatellogicTask:
        return u"satellogic"_s;
    case MonitoredKind::Up42Order:
        return u"up42"_s;
    default:
        return u"capella"_s;
    }
}

QList<MonitoredKind> MonitoredRequest::kinds()
{
    return { MonitoredKind::SatellogicTask, MonitoredKind::CapellaTasking, MonitoredKind::CapellaRepeat,
        MonitoredKind::CapellaOrder, MonitoredKind::Up42Order };
}

} // namespace StacScope
