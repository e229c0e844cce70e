#include "src/tasking/polljob.h"

#include <QTimer>

namespace StacScope {

PollJob::PollJob(QObject *parent)
    : StacJob(parent)
{}

void PollJob::adopt(StacJob *job)
{
    job->setParent(this);
    m_children.removeAll(nullptr);
    m_children.append(job);
}

void PollJob::cancelChildren()
{
    const auto children = std::exchange(m_children, {});
    for (const QPointer<StacJob> &job : children) {
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
    }
}

void PollJob::cancel()
{
    cancelChildren();
    StacJob::cancel();
}

void PollJob::abort(const NetworkError &error)
{
    // The children stop now; the end is announced from the event loop, not from inside the
    // destruction of whatever closed (a session being deleted).
    m_aborting = true;
    cancelChildren();
    QTimer::singleShot(0, this, [this, error] { finish(error); });
}

void PollJob::forEach(const QStringList &ids, int parallel, std::function<StacJob *(const QString &)> start,
    std::function<void(const QString &, StacJob *)> done, std::function<void()> then)
{
    m_queue = ids;
    m_parallel = qMax(1, parallel);
    m_start = std::move(start);
    m_done = std::move(done);
    m_then = std::move(then);
    // Not from inside the caller: its own handler may still be running.
    QTimer::singleShot(0, this, &PollJob::startNext);
}

void PollJob::startNext()
{
    if (m_aborting) {
        return;
    }
    while (!isFinished() && !m_queue.isEmpty() && m_running < m_parallel) {
        const QString id = m_queue.takeFirst();
        StacJob *job = m_start(id);
        adopt(job);
        ++m_running;
        connect(job, &StacJob::finished, this, [this, id, job] {
            job->deleteLater();
            --m_running;
            if (!isFinished()) {
                m_done(id, job);
            }
            startNext();
        });
    }
    if (!isFinished() && m_queue.isEmpty() && m_running == 0) {
        if (m_then) {
            m_then();
        } else {
            complete();
        }
    }
}

bool PollJob::concernsOneRequest(const NetworkError &error)
{
    return error.kind == NetworkError::Kind::BadResponse
        || (error.kind == NetworkError::Kind::Http && (error.httpStatus == 404 || error.httpStatus == 410));
}

} // namespace StacScope
