#include "src/tasking/up42poller.h"

#include <QLocale>
#include <QPointer>

#include "src/providers/up42/up42client.h"
#include "src/providers/up42/up42provider.h"
#include "src/tasking/polljob.h"

using namespace Qt::StringLiterals;

namespace StacScope {

QString Up42Poller::providerId() const
{
    return u"up42"_s;
}

QList<MonitoredKind> Up42Poller::kinds() const
{
    return { MonitoredKind::Up42Order };
}

QString Up42Poller::host(AccountSession *session) const
{
    auto *s = qobject_cast<Up42Session *>(session);
    return s ? hostOf(s->apiUrl()) : QString();
}

QString Up42Poller::creditsText(qint64 credits)
{
    return credits == 1 ? tr("1 credit") : tr("%1 credits").arg(QLocale(QLocale::English).toString(credits));
}

RemoteState Up42Poller::remoteState(const Up42Order &order, const std::optional<Up42Quotation> &quotation,
    const std::optional<Up42FeasibilityStudy> &study)
{
    RemoteState s;
    s.remoteId = order.id;
    s.name = order.displayName;
    s.fallbackName = order.type == u"TASKING"_s ? tr("UP42 tasking order") : tr("UP42 archive order");
    s.status = order.status == u"CREATED"_s && !order.subStatus.isEmpty() ? order.subStatus : order.status;
    s.isFinal = order.isFinal();
    // The provider waits for the customer: a feasibility option to choose, a price to accept.
    s.needsAction = !s.isFinal
        && (order.subStatus == u"FEASIBILITY_WAITING_RESPONSE"_s || order.subStatus == u"QUOTATION_WAITING_RESPONSE"_s);
    // Placement takes a minute; fulfilment is the provider's own pace.
    s.changeSoon = order.status == u"CREATED"_s && !s.needsAction;
    s.windowStart = Up42Api::parseTime(order.details.value(u"acquisitionStart"_s));
    s.windowEnd = Up42Api::parseTime(order.details.value(u"acquisitionEnd"_s));
    s.submitted = order.createdAt;
    s.raw = order.raw;
    if (quotation && quotation->creditsPrice >= 0) {
        s.cost = creditsText(quotation->creditsPrice);
        s.raw.insert(u"quotation"_s, quotation->raw);
    }
    if (study) {
        s.raw.insert(u"feasibilityStudy"_s, study->raw);
    }
    return s;
}

std::optional<Up42FeasibilityStudy> Up42Poller::studyOf(const MonitoredRequest &request)
{
    const QJsonObject study = request.raw.value(u"feasibilityStudy"_s).toObject();
    if (study.isEmpty()) {
        return std::nullopt;
    }
    return Up42Api::parseStudy(study);
}

std::optional<Up42Quotation> Up42Poller::quotationOf(const MonitoredRequest &request)
{
    const QJsonObject q = request.raw.value(u"quotation"_s).toObject();
    if (q.isEmpty()) {
        return std::nullopt;
    }
    return Up42Api::parseQuotation(q);
}

std::optional<RemoteState> Up42Poller::parse(MonitoredKind kind, const QJsonObject &answer) const
{
    if (!handles(kind)) {
        return std::nullopt;
    }
    const Up42Order order = Up42Api::parseOrder(answer);
    return order.id.isEmpty() ? std::nullopt : std::optional<RemoteState>(remoteState(order));
}

PollJob *Up42Poller::poll(AccountSession *session, MonitoredKind kind, const QStringList &remoteIds, QObject *parent)
{
    auto *s = qobject_cast<Up42Session *>(session);
    if (!s || !handles(kind)) {
        return failedPoll(
            NetworkError::make(NetworkError::Kind::Validation, tr("The account is not an UP42 account")), parent);
    }
    Up42Client *client = s->client();
    auto *job = new PollJob(parent);
    endWithSession(session, job);
    job->forEach(
        remoteIds, ParallelLookups,
        [client](const QString &id) -> StacJob * {
            // The order, then the quotation waiting on it (if it waits for one): one job for both.
            auto *both = new PollJob();
            JsonCallJob *get = client->order(id);
            both->adopt(get);
            QObject::connect(get, &StacJob::finished, both, [both, get, client] {
                get->deleteLater();
                both->addCalls(1);
                if (!get->isOk()) {
                    both->complete(get->error());
                    return;
                }
                const Up42Order order = Up42Api::parseOrder(get->json());
                const bool quoted = order.subStatus == u"QUOTATION_WAITING_RESPONSE"_s;
                const bool studied = order.subStatus == u"FEASIBILITY_WAITING_RESPONSE"_s;
                if ((!quoted && !studied) || order.isFinal()) {
                    both->addState(remoteState(order));
                    both->complete();
                    return;
                }
                // The decision it waits for: the quotation's price, or the study's options.
                Up42PagedJob *decisions = quoted
                    ? client->quotations(order.workspaceId, order.id, { u"NOT_DECIDED"_s }, 1)
                    : client->feasibilityStudies(order.workspaceId, order.id, { u"NOT_DECIDED"_s }, 1);
                both->adopt(decisions);
                QObject::connect(decisions, &StacJob::finished, both, [both, decisions, order, quoted] {
                    decisions->deleteLater();
                    both->addCalls(1);
                    const QJsonObject first = decisions->isOk() && !decisions->items().isEmpty()
                        ? decisions->items().first().toObject()
                        : QJsonObject();
                    // Without it the order's state still counts; the decision comes next round.
                    std::optional<Up42Quotation> q;
                    std::optional<Up42FeasibilityStudy> study;
                    if (!first.isEmpty() && quoted) {
                        q = Up42Api::parseQuotation(first);
                    } else if (!first.isEmpty()) {
                        study = Up42Api::parseStudy(first);
                    }
                    both->addState(remoteState(order, q, study));
                    both->complete();
                });
            });
            return both;
        },
        [job](const QString &id, StacJob *done) {
            auto *both = static_cast<PollJob *>(done);
            job->addCalls(both->calls());
            if (!both->isOk()) {
                if (PollJob::concernsOneRequest(both->error())) {
                    job->addFailure(id, both->error());
                } else {
                    job->complete(both->error());
                }
                return;
            }
            for (const RemoteState &state : both->states()) {
                job->addState(state);
            }
        });
    return job;
}

bool Up42Poller::hasDeliveries(const MonitoredRequest &request) const
{
    return request.kind == MonitoredKind::Up42Order
        && (request.status == u"FULFILLED"_s || request.status == u"BEING_FULFILLED"_s);
}

DeliveryLookupJob *Up42Poller::deliveries(
    AccountSession *session, const MonitoredRequest &request, const QString &folder, QObject *parent)
{
    auto *s = qobject_cast<Up42Session *>(session);
    if (!s || !hasDeliveries(request)) {
        return failedLookup(NetworkError::make(NetworkError::Kind::Validation,
                                tr("%1 has no deliveries at an UP42 account").arg(request.remoteId)),
            parent);
    }
    auto *job = new DeliveryLookupJob(parent);
    endWithSession(session, job);
    Up42Api::AssetFilter filter;
    filter.search = request.remoteId; // an order's assets: a search by its id (the SDK's way)
    Up42PagedJob *assets = s->client()->assets(filter);
    job->adopt(assets);
    const QUrl api = s->apiUrl();
    const QString sourceId = s->sourceId();
    const QString orderId = request.remoteId;
    const bool more = request.status != u"FULFILLED"_s;
    QObject::connect(assets, &StacJob::finished, job, [job, assets, api, sourceId, orderId, folder, more] {
        assets->deleteLater();
        job->addCalls(qMax(1, assets->pages()));
        if (!assets->isOk()) {
            job->complete(assets->error());
            return;
        }
        for (const QJsonValue &v : assets->items()) {
            const Up42Asset a = Up42Api::parseAsset(v.toObject());
            if (a.orderId != orderId) {
                continue; // the search also matches names and titles
            }
            DeliveryDescriptor d;
            d.id = a.id;
            d.title = a.title.isEmpty() ? a.name : a.title;
            d.collection = a.collectionName;
            d.downloads.append(Up42Api::planAssetDownload(api, a.id, a.name, a.size, folder, sourceId, d.title));
            job->addDelivery(d);
        }
        job->setPending(more);
        job->complete();
    });
    return job;
}

} // namespace StacScope
