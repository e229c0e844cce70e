#include "src/tasking/requestpoller.h"

#include <QCoreApplication>
#include <QTimer>
#include <QUrl>

#include "src/providers/accountsession.h"

using namespace Qt::StringLiterals;

namespace StacScope {

RequestPoller::~RequestPoller() = default;

PollJob *RequestPoller::failedPoll(const NetworkError &error, QObject *parent)
{
    auto *job = new PollJob(parent);
    QTimer::singleShot(0, job, [job, error] { job->complete(error); });
    return job;
}

DeliveryLookupJob *RequestPoller::failedLookup(const NetworkError &error, QObject *parent)
{
    auto *job = new DeliveryLookupJob(parent);
    QTimer::singleShot(0, job, [job, error] { job->complete(error); });
    return job;
}

QString RequestPoller::hostOf(const QUrl &url)
{
    const int port = url.port(url.scheme() == u"http"_s ? 80 : 443);
    return url.host().toLower() + u':' + QString::number(port);
}

namespace {

NetworkError sessionClosed()
{
    return NetworkError::make(NetworkError::Kind::Auth,
        QCoreApplication::translate("StacScope::RequestPoller", "The account was closed while it was asked"));
}

} // namespace

void RequestPoller::endWithSession(AccountSession *session, PollJob *job)
{
    QObject::connect(session, &QObject::destroyed, job, [job] { job->abort(sessionClosed()); });
}

void RequestPoller::endWithSession(AccountSession *session, DeliveryLookupJob *job)
{
    QObject::connect(session, &QObject::destroyed, job, [job] { job->abort(sessionClosed()); });
}

} // namespace StacScope
