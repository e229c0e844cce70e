#include "src/stac/stacjob.h"

#include <QJsonDocument>

#include "src/net/networkclient.h"

namespace StacScope {

NetworkError StacJob::jsonObject(const HttpCall *call, QJsonObject *out)
{
    if (!call->isOk()) {
        return call->error();
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(call->body(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return NetworkError::make(NetworkError::Kind::BadResponse,
            tr("The server's answer is not valid JSON (%1 at byte %2)")
                .arg(parseError.errorString())
                .arg(parseError.offset),
            call->finalUrl());
    }
    if (!doc.isObject()) {
        return NetworkError::make(
            NetworkError::Kind::BadResponse, tr("The server's answer is not a JSON object"), call->finalUrl());
    }
    *out = doc.object();
    return {};
}

void StacJob::cancel()
{
    if (m_finished) {
        return;
    }
    m_canceled = true;
    finish(NetworkError::make(NetworkError::Kind::Canceled, tr("Canceled")));
}

void StacJob::finish(const NetworkError &error)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_error = error;
    Q_EMIT finished();
}

void StacJob::addWarnings(const QStringList &warnings)
{
    // Keep the first hundred: a broken server can repeat the same problem for every item.
    constexpr qsizetype kMax = 100;
    for (const QString &w : warnings) {
        if (m_warnings.size() >= kMax) {
            break;
        }
        m_warnings.append(w);
    }
}

} // namespace StacScope
