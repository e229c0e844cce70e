#include "src/net/redirectpolicy.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace StacScope {

bool RedirectPolicy::sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(a.scheme() == u"https"_s ? 443 : 80) == b.port(b.scheme() == u"https"_s ? 443 : 80);
}

RedirectPolicy::Decision RedirectPolicy::decide(
    const QUrl &original, const QUrl &from, const QUrl &to, int hops, bool headersKept)
{
    Decision d;
    if (hops >= MaxHops) {
        d.reason = QCoreApplication::translate("StacScope::RedirectPolicy", "Too many redirects from %1")
                       .arg(original.host());
        return d;
    }
    if (!to.isValid() || (to.scheme() != u"http"_s && to.scheme() != u"https"_s)) {
        d.reason = QCoreApplication::translate("StacScope::RedirectPolicy", "Refused a redirect to a non-HTTP address");
        return d;
    }
    if (from.scheme() == u"https"_s && to.scheme() == u"http"_s) {
        d.reason = QCoreApplication::translate(
            "StacScope::RedirectPolicy", "Refused a redirect from https to unencrypted http (%1)")
                       .arg(to.host());
        return d;
    }
    d.follow = true;
    // Once dropped, headers stay dropped even if a later hop comes back to the original origin.
    d.keepHeaders = headersKept && sameOrigin(original, to);
    return d;
}

QByteArray RedirectPolicy::methodAfter(int status, const QByteArray &method)
{
    if (status == 303 || ((status == 301 || status == 302) && method == "POST")) {
        return method == "HEAD" ? method : QByteArrayLiteral("GET");
    }
    return method;
}

} // namespace StacScope
