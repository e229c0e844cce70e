#include "src/auth/credentialrouter.h"

#include <QTimer>

#include "src/auth/credentialsource.h"
#include "src/net/redirectpolicy.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString basePath(const QUrl &base)
{
    QString path = base.path();
    while (path.endsWith(u'/')) {
        path.chop(1);
    }
    return path;
}

} // namespace

CredentialRouter::CredentialRouter(QObject *parent)
    : QObject(parent)
{}

CredentialRouter::~CredentialRouter() = default;

void CredentialRouter::bind(const QString &owner, const QUrl &base, std::shared_ptr<CredentialSource> source)
{
    if (!base.isValid() || base.host().isEmpty() || !source) {
        return;
    }
    m_bindings.append({ owner, base, std::move(source) });
    Q_EMIT bindingsChanged();
}

void CredentialRouter::unbind(const QString &owner)
{
    const auto removed = m_bindings.removeIf([&](const Binding &b) { return b.owner == owner; });
    if (removed > 0) {
        Q_EMIT bindingsChanged();
    }
}

bool CredentialRouter::isUnder(const QUrl &url, const QUrl &base)
{
    if (!RedirectPolicy::sameOrigin(url, base)) {
        return false;
    }
    const QString prefix = basePath(base);
    if (prefix.isEmpty()) {
        return true;
    }
    const QString path = url.path();
    return path == prefix || path.startsWith(prefix + u'/');
}

const CredentialRouter::Binding *CredentialRouter::match(const QUrl &url) const
{
    const Binding *best = nullptr;
    qsizetype bestLength = -1;
    for (const Binding &b : m_bindings) {
        if (isUnder(url, b.base)) {
            const qsizetype length = basePath(b.base).size();
            if (length > bestLength) {
                best = &b;
                bestLength = length;
            }
        }
    }
    return best;
}

QString CredentialRouter::ownerFor(const QUrl &url) const
{
    const Binding *b = match(url);
    return b ? b->owner : QString();
}

bool CredentialRouter::covers(const QUrl &url) const
{
    return match(url) != nullptr;
}

void CredentialRouter::authorize(const QUrl &url, QObject *context, Callback done)
{
    const Binding *b = match(url);
    if (!b) {
        QTimer::singleShot(0, context, [done = std::move(done)] { done({}, {}); });
        return;
    }
    // Keep the source alive while its answer is pending, even if the account is unbound meanwhile.
    std::shared_ptr<CredentialSource> source = b->source;
    source->credentials(
        context, [source, done = std::move(done)](const HttpHeaders &h, const NetworkError &e) { done(h, e); });
}

bool CredentialRouter::reject(const QUrl &url, const HttpHeaders &sent)
{
    const Binding *b = match(url);
    return b && b->source->reject(sent);
}

} // namespace StacScope
