#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace StacScope {

// The one redirect rule of every request StacScope makes (NetworkClient's calls, downloads, map
// tiles): http and https only, never from https down to http, at most MaxHops, and credentials
// (API keys, bearer tokens, contract ids) only while the request stays on its original origin.
// Once dropped they stay dropped, even if a later hop comes back.
class RedirectPolicy
{
public:
    static constexpr int MaxHops = 10;

    struct Decision
    {
        bool follow = false;
        bool keepHeaders = false; // false once the origin changed: a pre-signed URL gets none
        QString reason; // why it was refused
    };

    // `hops` counts the redirects already followed; `original` is the first URL asked for.
    static Decision decide(const QUrl &original, const QUrl &from, const QUrl &to, int hops, bool headersKept);
    // scheme, host (case-insensitive) and port (with the scheme's default) all equal.
    static bool sameOrigin(const QUrl &a, const QUrl &b);
    // The method after a redirect: 303 always becomes GET, and so do 301/302 after a POST (what
    // browsers and curl do); 307/308 keep the method and body.
    static QByteArray methodAfter(int status, const QByteArray &method);
};

} // namespace StacScope
