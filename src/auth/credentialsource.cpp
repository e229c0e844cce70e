#include "src/auth/credentialsource.h"

#include <QTimer>

#include "src/auth/tokensource.h"

namespace StacScope {

TokenCredential::TokenCredential(TokenSource *tokens, QByteArray header, QByteArray prefix, HttpHeaders extra)
    : m_tokens(tokens)
    , m_header(std::move(header))
    , m_prefix(std::move(prefix))
    , m_extra(std::move(extra))
{}

void TokenCredential::credentials(QObject *context, Authenticator::Callback done)
{
    if (!m_tokens) {
        QTimer::singleShot(0, context, [done = std::move(done)] {
            done({}, NetworkError::make(NetworkError::Kind::Auth, QObject::tr("The account was closed")));
        });
        return;
    }
    m_tokens->token(context,
        [header = m_header, prefix = m_prefix, extra = m_extra, done = std::move(done)](
            const QByteArray &token, const NetworkError &error) {
            if (error.isError()) {
                done({}, error);
                return;
            }
            HttpHeaders headers { { header, prefix + token } };
            headers.append(extra);
            done(headers, {});
        });
}

bool TokenCredential::reject(const HttpHeaders &sent)
{
    if (!m_tokens) {
        return false;
    }
    for (const auto &h : sent) {
        if (h.first.compare(m_header, Qt::CaseInsensitive) == 0 && h.second.startsWith(m_prefix)) {
            return m_tokens->invalidate(h.second.mid(m_prefix.size()));
        }
    }
    return false;
}

HeaderCredential::HeaderCredential(Producer producer)
    : m_producer(std::move(producer))
{}

HeaderCredential::HeaderCredential(const HttpHeaders &headers)
    : m_headers(headers)
{}

void HeaderCredential::credentials(QObject *context, Authenticator::Callback done)
{
    if (m_headers || !m_producer) {
        done(m_headers.value_or(HttpHeaders()), {}); // known: at once
        return;
    }
    // Read once; concurrent first calls may each read, which is harmless for a static value.
    m_producer(context, [this, done = std::move(done)](const HttpHeaders &headers, const NetworkError &error) {
        if (!error.isError()) {
            m_headers = headers;
        }
        done(headers, error);
    });
}

bool HeaderCredential::reject(const HttpHeaders &)
{
    // The same key would be refused again: read it anew next time (the user may fix it), but do
    // not replay now.
    if (m_producer) {
        m_headers.reset();
    }
    return false;
}

} // namespace StacScope
