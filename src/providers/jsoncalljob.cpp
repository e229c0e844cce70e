#include "src/providers/jsoncalljob.h"

#include <QJsonDocument>

#include "src/net/networkclient.h"

using namespace Qt::StringLiterals;

namespace StacScope {

JsonCallJob::JsonCallJob(NetworkClient *network, const HttpRequest &request, QObject *parent)
    : JsonCallJob(network, request, Expect::Object, parent)
{}

JsonCallJob::JsonCallJob(NetworkClient *network, const HttpRequest &request, Expect expect, QObject *parent)
    : StacJob(parent)
    , m_request(request)
{
    m_call = network->send(request, this);
    connect(m_call, &HttpCall::finished, this, [this, expect] {
        HttpCall *call = m_call;
        call->deleteLater();
        m_status = call->statusCode();
        if (call->isOk() && call->body().trimmed().isEmpty()) {
            finish();
            return;
        }
        if (expect == Expect::Object || !call->isOk()) {
            finish(jsonObject(call, &m_json));
            return;
        }
        const QJsonDocument doc = QJsonDocument::fromJson(call->body());
        if (!doc.isArray()) {
            finish(NetworkError::make(
                NetworkError::Kind::BadResponse, tr("The server's answer is not a JSON list"), call->finalUrl()));
            return;
        }
        m_array = doc.array();
        finish();
    });
}

void JsonCallJob::cancel()
{
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
    }
    StacJob::cancel();
}

OffsetPagedJob::OffsetPagedJob(NetworkClient *network, const HttpRequest &first, int maxItems, QObject *parent)
    : StacJob(parent)
    , m_network(network)
    , m_first(first)
    , m_maxItems(maxItems)
{
    fetch(first);
}

void OffsetPagedJob::cancel()
{
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
    }
    StacJob::cancel();
}

void OffsetPagedJob::fetch(const HttpRequest &request)
{
    m_seen.append(request.url);
    m_call = m_network->send(request, this);
    connect(m_call, &HttpCall::finished, this, &OffsetPagedJob::onPage);
}

void OffsetPagedJob::onPage()
{
    HttpCall *call = m_call;
    call->deleteLater();
    QJsonObject page;
    const NetworkError error = jsonObject(call, &page);
    if (error.isError()) {
        finish(error);
        return;
    }
    ++m_pages;
    if (!page.value(u"results"_s).isArray()) {
        finish(NetworkError::make(NetworkError::Kind::BadResponse,
            tr("The server's list has no \"results\" array (page %1)").arg(m_pages), call->finalUrl()));
        return;
    }
    if (m_pages == 1 && page.value(u"count"_s).isDouble()) {
        m_count = qint64(page.value(u"count"_s).toDouble());
    }
    for (const QJsonValue &v : page.value(u"results"_s).toArray()) {
        if (m_maxItems > 0 && m_results.size() >= m_maxItems) {
            break;
        }
        m_results.append(v);
    }
    const QString next = page.value(u"next"_s).toString();
    const bool emptyPage = page.value(u"results"_s).toArray().isEmpty();
    if (next.isEmpty() || emptyPage || (m_maxItems > 0 && m_results.size() >= m_maxItems)) {
        finish(); // an empty page ends the list whatever its next link says
        return;
    }
    constexpr int kMaxPages = 10000;
    if (m_pages >= kMaxPages) {
        addWarnings({ tr("Stopped after %1 pages").arg(kMaxPages) });
        finish();
        return;
    }
    const QUrl nextUrl = call->finalUrl().resolved(QUrl(next));
    if (m_seen.contains(nextUrl)) {
        addWarnings({ tr("The server's next link repeats an earlier page; stopped after %1 pages").arg(m_pages) });
        finish();
        return;
    }
    HttpRequest r = m_first;
    r.url = nextUrl;
    fetch(r);
}

} // namespace StacScope
