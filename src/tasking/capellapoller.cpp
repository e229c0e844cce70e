#include "src/tasking/capellapoller.h"

#include <functional>
#include <memory>

#include <QSet>

#include "src/providers/capella/capellaapi.h"
#include "src/providers/capella/capellaclient.h"
#include "src/providers/capella/capellasession.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

CapellaRequest::Kind requestKind(MonitoredKind kind)
{
    return kind == MonitoredKind::CapellaRepeat ? CapellaRequest::Kind::Repeat : CapellaRequest::Kind::Tasking;
}

// One GET per id, for what a list did not hold.
void lookUpEach(
    PollJob *job, CapellaClient *client, MonitoredKind kind, const QStringList &ids, std::function<void()> then = {})
{
    job->forEach(
        ids, CapellaPoller::ParallelLookups,
        [client, kind](const QString &id) -> StacJob * {
            return kind == MonitoredKind::CapellaOrder ? client->order(id) : client->request(requestKind(kind), id);
        },
        [job, kind](const QString &id, StacJob *done) {
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
            RemoteState state = kind == MonitoredKind::CapellaOrder
                ? CapellaPoller::remoteState(CapellaApi::parseOrder(call->json()))
                : CapellaPoller::remoteState(CapellaApi::parseRequest(call->json(), requestKind(kind)));
            if (state.remoteId.isEmpty()) {
                state.remoteId = id; // an answer without its own id still answers for this one
            }
            job->addState(state);
        },
        std::move(then));
}

// The states of the listed requests that were asked for, then a GET for each one missing.
template <typename Item>
void takeListed(PollJob *job, CapellaClient *client, MonitoredKind kind, const QStringList &ids,
    const QList<Item> &items, std::function<void()> then = {})
{
    QSet<QString> unseen(ids.begin(), ids.end());
    for (const Item &item : items) {
        if (unseen.remove(item.id)) {
            job->addState(CapellaPoller::remoteState(item));
        }
    }
    QStringList rest;
    for (const QString &id : ids) {
        if (unseen.contains(id)) {
            rest.append(id);
        }
    }
    lookUpEach(job, client, kind, rest, std::move(then));
}

// Whether a repeat request in this status may have spawned tasking requests: once accepted.
bool maySpawn(const QString &status)
{
    static const QStringList before { u"received"_s, u"review"_s, u"submitted"_s, u"rejected"_s };
    return !status.isEmpty() && !before.contains(status);
}

// The tasking requests derived from the polled repeat requests: one tasking search with the
// derived ones included (the console client leaves them out), submitted since the earliest of
// those repeat requests, keeping those whose repeatrequestId is one of them. The search has no
// repeatrequestId filter [C search.py], hence the date bound. Then the job completes.
void findDerived(PollJob *job, const QPointer<CapellaSession> &session, const QStringList &repeatIds)
{
    QDateTime since;
    QSet<QString> parents;
    for (const QString &id : repeatIds) {
        const RemoteState state = job->states().value(id);
        if (!maySpawn(state.status)) {
            continue;
        }
        parents.insert(id);
        if (state.submitted.isValid() && (!since.isValid() || state.submitted < since)) {
            since = state.submitted;
        }
    }
    if (parents.isEmpty() || !session) {
        job->complete();
        return;
    }
    const bool askUser = session->userId().isEmpty();
    QPointer<CapellaSession> guard(session);
    session->withUser(job, [job, guard, parents, since, askUser](const NetworkError &error) {
        if (job->isFinished()) {
            return;
        }
        job->addCalls(askUser ? 1 : 0);
        if (error.isError() || !guard) {
            job->complete(error.isError()
                    ? error
                    : NetworkError::make(NetworkError::Kind::Canceled, CapellaPoller::tr("The account was closed")));
            return;
        }
        CapellaApi::RequestFilter filter;
        filter.includeRepeating = true;
        if (since.isValid()) {
            filter.submittedAfter = since.addSecs(-1);
        }
        const QJsonObject body = CapellaApi::requestSearchBody(
            CapellaRequest::Kind::Tasking, filter, guard->userId(), guard->organizationId());
        auto *search = new CapellaRequestSearchJob(
            guard->client(), CapellaRequest::Kind::Tasking, body, CapellaPoller::SearchPageSize);
        job->adopt(search);
        QObject::connect(search, &StacJob::finished, job, [job, search, parents] {
            search->deleteLater();
            job->addCalls(qMax(1, search->totalPages()));
            if (!search->isOk()) {
                job->complete(search->error());
                return;
            }
            for (const CapellaRequest &r : search->requests()) {
                if (parents.contains(r.repeatRequestId)) {
                    job->addDiscovered(MonitoredKind::CapellaTasking, CapellaPoller::remoteState(r));
                }
            }
            job->complete();
        });
    });
}

} // namespace

QString CapellaPoller::providerId() const
{
    return u"capella"_s;
}

QList<MonitoredKind> CapellaPoller::kinds() const
{
    return { MonitoredKind::CapellaTasking, MonitoredKind::CapellaRepeat, MonitoredKind::CapellaOrder };
}

QString CapellaPoller::host(AccountSession *session) const
{
    auto *s = qobject_cast<CapellaSession *>(session);
    return s ? hostOf(s->client()->apiUrl()) : QString();
}

bool CapellaPoller::isFinalRequestStatus(const QString &status)
{
    static const QStringList final { u"completed"_s, u"canceled"_s, u"cancelled"_s, u"rejected"_s, u"expired"_s,
        u"failed"_s, u"error"_s };
    return final.contains(status);
}

bool CapellaPoller::isFinalOrderStatus(const QString &status)
{
    return status == u"completed"_s || status == u"rejected"_s;
}

RemoteState CapellaPoller::remoteState(const CapellaRequest &request)
{
    RemoteState s;
    s.remoteId = request.id;
    s.name = request.name;
    s.description = request.description;
    s.status = request.status();
    s.isFinal = isFinalRequestStatus(s.status);
    s.needsAction = !s.isFinal && request.needsApproval();
    // Pricing and acceptance are automatic and take minutes; collecting waits for the window.
    s.changeSoon = s.status == u"received"_s || s.status == u"submitted"_s || s.status == u"retrying"_s;
    s.windowStart = request.windowOpen;
    s.windowEnd = request.windowClose;
    s.submitted = request.submissionTime;
    s.cost = request.kind == CapellaRequest::Kind::Repeat ? request.costPerImage : request.costTotal;
    for (auto it = request.history.crbegin(); it != request.history.crend(); ++it) {
        s.history.append({ it->code, it->time, it->message }); // Capella sends newest first
    }
    s.raw = request.raw;
    s.parentId = request.repeatRequestId;
    return s;
}

RemoteState CapellaPoller::remoteState(const CapellaOrder &order)
{
    RemoteState s;
    s.remoteId = order.id;
    const auto n = order.items.size();
    s.fallbackName = n == 1 ? QCoreApplication::translate("StacScope::CapellaPoller", "Order of 1 product")
                            : QCoreApplication::translate("StacScope::CapellaPoller", "Order of %1 products").arg(n);
    s.description = order.granuleIds().join(u", "_s);
    s.status = order.status;
    s.isFinal = isFinalOrderStatus(order.status);
    s.windowEnd = order.expirationDate; // downloadable until then
    s.submitted = order.orderDate;
    s.raw = order.raw;
    return s;
}

std::optional<RemoteState> CapellaPoller::parse(MonitoredKind kind, const QJsonObject &answer) const
{
    if (!handles(kind)) {
        return std::nullopt;
    }
    RemoteState s = kind == MonitoredKind::CapellaOrder
        ? remoteState(CapellaApi::parseOrder(answer))
        : remoteState(CapellaApi::parseRequest(answer, requestKind(kind)));
    return s.remoteId.isEmpty() ? std::nullopt : std::optional<RemoteState>(s);
}

PollJob *CapellaPoller::poll(AccountSession *session, MonitoredKind kind, const QStringList &remoteIds, QObject *parent)
{
    auto *s = qobject_cast<CapellaSession *>(session);
    if (!s || !handles(kind)) {
        return failedPoll(
            NetworkError::make(NetworkError::Kind::Validation, tr("The account is not a Capella account")), parent);
    }
    CapellaClient *client = s->client();
    auto *job = new PollJob(parent);
    endWithSession(session, job);
    // Repeat requests: then the tasking requests they spawned.
    std::function<void()> then;
    if (kind == MonitoredKind::CapellaRepeat) {
        then = [job, capella = QPointer<CapellaSession>(s), remoteIds] { findDerived(job, capella, remoteIds); };
    }
    if (remoteIds.size() <= 1) {
        lookUpEach(job, client, kind, remoteIds, then);
        return job;
    }
    const bool askUser = s->userId().isEmpty();
    QPointer<CapellaSession> guard(s);
    s->withUser(job, [job, client, kind, remoteIds, guard, askUser, then](const NetworkError &error) {
        if (job->isFinished()) {
            return;
        }
        job->addCalls(askUser ? 1 : 0);
        if (error.isError() || !guard) {
            job->complete(error.isError()
                    ? error
                    : NetworkError::make(NetworkError::Kind::Canceled, tr("The account was closed")));
            return;
        }
        if (kind == MonitoredKind::CapellaOrder) {
            // Every order of the user in one unpaged answer.
            JsonCallJob *list = client->orders(guard->userId());
            job->adopt(list);
            QObject::connect(list, &StacJob::finished, job, [job, client, kind, remoteIds, list] {
                list->deleteLater();
                job->addCalls(1);
                if (!list->isOk()) {
                    job->complete(list->error());
                    return;
                }
                takeListed(job, client, kind, remoteIds, CapellaApi::parseOrders(list->array()));
            });
            return;
        }
        CapellaApi::RequestFilter filter;
        filter.ids = remoteIds;
        filter.includeRepeating = true; // the ids may name tasking requests derived from repeat requests
        const QJsonObject body
            = CapellaApi::requestSearchBody(requestKind(kind), filter, guard->userId(), guard->organizationId());
        auto *search = new CapellaRequestSearchJob(client, requestKind(kind), body, SearchPageSize);
        job->adopt(search);
        QObject::connect(search, &StacJob::finished, job, [job, client, kind, remoteIds, search, then] {
            search->deleteLater();
            job->addCalls(qMax(1, search->totalPages()));
            if (!search->isOk()) {
                job->complete(search->error());
                return;
            }
            takeListed(job, client, kind, remoteIds, search->requests(), then);
        });
    });
    return job;
}

bool CapellaPoller::hasDeliveries(const MonitoredRequest &request) const
{
    if (request.status != u"completed"_s) {
        return false;
    }
    return request.kind == MonitoredKind::CapellaTasking || request.kind == MonitoredKind::CapellaOrder;
}

DeliveryLookupJob *CapellaPoller::deliveries(
    AccountSession *session, const MonitoredRequest &request, const QString &folder, QObject *parent)
{
    auto *s = qobject_cast<CapellaSession *>(session);
    if (!s || !hasDeliveries(request)) {
        return failedLookup(NetworkError::make(NetworkError::Kind::Validation,
                                tr("%1 has no deliveries at a Capella account").arg(request.remoteId)),
            parent);
    }
    CapellaClient *client = s->client();
    auto *job = new DeliveryLookupJob(parent);
    endWithSession(session, job);
    if (request.kind == MonitoredKind::CapellaOrder) {
        JsonCallJob *presign = client->presign(request.remoteId);
        job->adopt(presign);
        const QUrl api = client->apiUrl();
        const QString orderId = request.remoteId;
        const QString sourceId = s->sourceId();
        QObject::connect(presign, &StacJob::finished, job, [job, presign, api, orderId, folder, sourceId] {
            presign->deleteLater();
            job->addCalls(1);
            if (!presign->isOk()) {
                job->complete(presign->error());
                return;
            }
            const QList<CapellaPresignedItem> items = CapellaApi::parsePresigned(presign->array());
            const QList<DownloadTask> planned
                = CapellaApi::planDownload(items, orderId, api, folder, CapellaApi::AssetFilter {}, sourceId);
            for (const CapellaPresignedItem &item : items) {
                DeliveryDescriptor d;
                d.id = item.id;
                d.title = item.id;
                d.collection = item.collection;
                for (const DownloadTask &t : planned) {
                    if (t.itemId == item.id) {
                        d.downloads.append(t);
                    }
                }
                if (!d.downloads.isEmpty()) {
                    job->addDelivery(d);
                }
            }
            job->complete();
        });
        return job;
    }
    // A tasking request: its collects, then their products in the catalog (ordered before they
    // can be downloaded).
    QStringList productTypes;
    for (const QJsonValue &t : request.raw.value(u"properties"_s)
                                   .toObject()
                                   .value(u"processingConfig"_s)
                                   .toObject()
                                   .value(u"productTypes"_s)
                                   .toArray()) {
        productTypes.append(t.toString());
    }
    auto *products = new CapellaCollectProductsJob(client, request.remoteId, {}, productTypes);
    job->adopt(products);
    QObject::connect(products, &StacJob::finished, job, [job, products] {
        products->deleteLater();
        job->addCalls(products->collects().isEmpty() ? 1 : 2); // the collects, then one catalog search
        if (!products->isOk()) {
            job->complete(products->error());
            return;
        }
        for (const CapellaGranule &g : products->granules()) {
            DeliveryDescriptor d;
            d.id = g.granuleId;
            d.title = g.granuleId;
            d.collection = g.collectionId;
            d.needsOrder = true;
            job->addDelivery(d);
        }
        bool pending = false;
        for (const CapellaCollect &c : products->collects()) {
            pending = pending || c.status() != u"delivered"_s;
        }
        job->setPending(pending);
        job->complete();
    });
    return job;
}

} // namespace StacScope
