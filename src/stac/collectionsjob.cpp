#include "src/stac/collectionsjob.h"

#include <QJsonArray>

#include "src/net/networkclient.h"
#include "src/stac/stacapiclient.h"

using namespace Qt::StringLiterals;

namespace StacScope {

CollectionsJob::CollectionsJob(StacApiClient *client, QObject *parent)
    : StacApiJob(client, parent)
{}

void CollectionsJob::begin()
{
    const StacApiInfo &info = *client()->info();
    QUrl url = info.collectionsUrl();
    if (url.isEmpty()) {
        // Static-style APIs list collections as children of the landing page instead.
        StacLinks children;
        for (const StacLink &l : info.links) {
            if (l.rel == u"child"_s) {
                children.append(l);
            }
        }
        if (children.isEmpty()) {
            url = info.url.resolved(QUrl(u"collections"_s));
        } else {
            addWarnings({ tr("The API has no collections endpoint; listed its child links instead") });
            for (const StacLink &l : children) {
                StacCollection c;
                c.id = l.title.isEmpty() ? l.resolved(info.url).fileName() : l.title;
                c.title = l.title;
                c.links = { l };
                m_collections.append(c);
            }
            finish();
            return;
        }
    }
    fetch(url);
}

void CollectionsJob::fetch(const QUrl &url)
{
    m_seen.insert(url);
    m_call = client()->network()->send(client()->request(url), this);
    connect(m_call, &HttpCall::finished, this, &CollectionsJob::onPage);
}

void CollectionsJob::onPage()
{
    HttpCall *call = m_call;
    call->deleteLater();
    m_call = nullptr;
    QJsonObject doc;
    const NetworkError error = jsonObject(call, &doc);
    if (error.isError()) {
        finish(error);
        return;
    }
    const QJsonValue list = doc.value(u"collections"_s);
    if (!list.isArray()) {
        finish(NetworkError::make(NetworkError::Kind::BadResponse,
            tr("The collections answer has no \"collections\" array"), call->finalUrl()));
        return;
    }
    int index = 0;
    for (const QJsonValue &v : list.toArray()) {
        QString problem;
        if (const auto c = StacCollection::fromJson(v.toObject(), &problem)) {
            m_collections.append(*c);
        } else {
            addWarnings({ QStringLiteral("collections[%1]: %2").arg(index).arg(problem) });
        }
        ++index;
    }
    const StacLinks links = parseLinks(doc.value(u"links"_s));
    if (const StacLink *next = findLink(links, u"next")) {
        const QUrl url = next->resolved(call->finalUrl());
        if (!m_seen.contains(url) && m_seen.size() < 1000) {
            fetch(url);
            return;
        }
    }
    finish();
}

} // namespace StacScope
