#include "src/tasking/deliverylookupjob.h"

#include <QTimer>

namespace StacScope {

DeliveryLookupJob::DeliveryLookupJob(QObject *parent)
    : StacJob(parent)
{}

void DeliveryLookupJob::adopt(StacJob *job)
{
    job->setParent(this);
    m_child = job;
}

void DeliveryLookupJob::cancel()
{
    if (m_child) {
        m_child->disconnect(this);
        m_child->cancel();
    }
    StacJob::cancel();
}

void DeliveryLookupJob::abort(const NetworkError &error)
{
    if (m_child) {
        m_child->disconnect(this);
        m_child->cancel();
    }
    // Announced from the event loop, not from inside the destruction of a session.
    QTimer::singleShot(0, this, [this, error] { finish(error); });
}

} // namespace StacScope
