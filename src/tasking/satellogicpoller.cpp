#include "src/tasking/satellogicpoller.h"

#include <memory>

#include <QSet>

#include "src/providers/satellogic/satellogicapi.h"
#include "src/providers/satellogic/satellogicclient.h"
#include "src/providers/satellogic/satellogicsession.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// The statuses a task waits in before it is final [C description.html, seed 002].
const QStringList kActiveStatuses { u"received"_s, u"in_progress"_s };

void lookUpEach(PollJob *job, SatellogicClient *client, const QStringList &ids)
{
    job->forEach(
        ids, SatellogicPoller::ParallelLookups,
        [client](const QString &id) -> StacJob * { return client->task(id.toLongLong()); },
        [job](const QString &id, StacJob *done) {
            job->addCalls(1);
            auto *call = static_cast<JsonCallJob *>(done);
            if (!call->isOk()) {
                if (PollJob::concernsOneRequest(call->error())) {
                    job->addFailure(id, call->error());
                } else {
                    job->complete(call->error());
                }
                return;
            }
            QString problem;
            const auto task = SatellogicApi::parseTask(call->json(), &problem);
            if (!task) {
                job->addFailure(id, NetworkError::make(NetworkError::Kind::BadResponse, problem));
                return;
            }
            job->addState(SatellogicPoller::remoteState(*task));
        });
}

} // namespace

QString SatellogicPoller::providerId() const
{
    return u"satellogic"_s;
}

QList<MonitoredKind> SatellogicPoller::kinds() const
{
    return { MonitoredKind::SatellogicTask };
}

QString SatellogicPoller::host(AccountSession *session) const
{
    auto *s = qobject_cast<SatellogicSession *>(session);
    return s ? hostOf(s->client()->apiUrl()) : QString();
}

RemoteState SatellogicPoller::remoteState(const SatellogicTask &task)
{
    RemoteState s;
    s.remoteId = QString::number(task.id);
    s.name = task.name;
    s.description = task.project;
    s.status = task.status;
    s.isFinal = task.isFinal();
    s.windowStart = task.start;
    s.windowEnd = task.end;
    s.submitted = task.created;
    // Billed under the contract: no price per task. No history either: the monitor records what
    // it sees.
    s.raw = task.json;
    return s;
}

std::optional<RemoteState> SatellogicPoller::parse(MonitoredKind kind, const QJsonObject &answer) const
{
    if (kind != MonitoredKind::SatellogicTask) {
        return std::nullopt;
    }
    const auto task = SatellogicApi::parseTask(answer);
    return task ? std::optional<RemoteState>(remoteState(*task)) : std::nullopt;
}

PollJob *SatellogicPoller::poll(
    AccountSession *session, MonitoredKind kind, const QStringList &remoteIds, QObject *parent)
{
    auto *s = qobject_cast<SatellogicSession *>(session);
    if (!s || kind != MonitoredKind::SatellogicTask) {
        return failedPoll(
            NetworkError::make(NetworkError::Kind::Validation, tr("The account is not a Satellogic account")), parent);
    }
    SatellogicClient *client = s->client();
    auto *job = new PollJob(parent);
    endWithSession(session, job);
    if (remoteIds.size() <= FetchEachUpTo) {
        lookUpEach(job, client, remoteIds);
        return job;
    }
    // Both lists in parallel; what neither holds is read one by one afterwards.
    auto unseen = std::make_shared<QSet<QString>>(remoteIds.begin(), remoteIds.end());
    auto listsLeft = std::make_shared<int>(int(kActiveStatuses.size()));
    for (const QString &status : kActiveStatuses) {
        SatellogicTaskFilter filter;
        filter.status = status;
        OffsetPagedJob *list = client->tasks(filter);
        job->adopt(list);
        QObject::connect(list, &StacJob::finished, job, [job, client, list, unseen, listsLeft, remoteIds] {
            list->deleteLater();
            if (job->isFinished()) {
                return;
            }
            job->addCalls(qMax(1, list->pages()));
            if (!list->isOk()) {
                job->complete(list->error());
                return;
            }
            for (const QJsonValue &v : list->results()) {
                const auto task = SatellogicApi::parseTask(v.toObject());
                if (task && unseen->remove(QString::number(task->id))) {
                    job->addState(remoteState(*task));
                }
            }
            if (--*listsLeft > 0) {
                return;
            }
            QStringList rest;
            for (const QString &id : remoteIds) {
                if (unseen->contains(id)) {
                    rest.append(id);
                }
            }
            lookUpEach(job, client, rest);
        });
    }
    return job;
}

bool SatellogicPoller::hasDeliveries(const MonitoredRequest &request) const
{
    return request.kind == MonitoredKind::SatellogicTask && request.status == u"completed"_s;
}

DeliveryLookupJob *SatellogicPoller::deliveries(
    AccountSession *session, const MonitoredRequest &request, const QString &folder, QObject *parent)
{
    auto *s = qobject_cast<SatellogicSession *>(session);
    bool ok = false;
    const qint64 taskId = request.remoteId.toLongLong(&ok);
    if (!s || !ok) {
        return failedLookup(NetworkError::make(NetworkError::Kind::Validation,
                                tr("%1 is not a task of a Satellogic account").arg(request.remoteId)),
            parent);
    }
    auto *job = new DeliveryLookupJob(parent);
    endWithSession(session, job);
    auto *delivery = new SatellogicDeliveryJob(s->client(), taskId);
    job->adopt(delivery);
    const QUrl api = s->client()->apiUrl();
    const QString sourceId = s->sourceId();
    QObject::connect(delivery, &StacJob::finished, job, [job, delivery, taskId, api, folder, sourceId] {
        delivery->deleteLater();
        int published = 0;
        for (const SatellogicCapture &c : delivery->captures()) {
            published += c.isPublished() ? 1 : 0;
        }
        job->addCalls(1 + published); // the captures, then the scenes of each published one
        if (!delivery->isOk()) {
            job->complete(delivery->error());
            return;
        }
        const QList<DownloadTask> planned
            = SatellogicDeliveryJob::plan(delivery->scenes(), taskId, api, folder, sourceId);
        for (const SatellogicScene &scene : delivery->scenes()) {
            DeliveryDescriptor d;
            d.id = scene.id;
            d.collection = scene.sceneSetId;
            d.title = scene.productName.isEmpty() ? scene.id : scene.id + u" ("_s + scene.productName + u')';
            for (const DownloadTask &t : planned) {
                if (t.itemId == scene.id) {
                    d.downloads.append(t);
                }
            }
            if (!d.downloads.isEmpty()) {
                job->addDelivery(d);
            }
        }
        // Captures not published yet: their scenes come later.
        job->setPending(delivery->pendingCaptures() > 0);
        job->complete();
    });
    return job;
}

} // namespace StacScope
