#pragma once

#include <functional>

#include <QUrl>

#include "src/net/httprequest.h"
#include "src/net/networkerror.h"

class QObject;

namespace StacScope {

// Where credentials come from. NetworkClient and the download engine ask it at send time, for
// each request's own URL, and put what it answers on that request only; nothing else keeps them.
// The implementation (src/auth/CredentialRouter) answers only for the origins an account names.
class Authenticator
{
public:
    virtual ~Authenticator() = default;

    using Callback = std::function<void(const HttpHeaders &credentials, const NetworkError &error)>;

    // Whether any credentials belong to this URL (its origin and path).
    virtual bool covers(const QUrl &url) const = 0;
    // The credential headers for `url`: at once (inside this call, when they are known), or after
    // a token request. `done` runs exactly once on the caller's thread, unless `context` is
    // destroyed first.
    virtual void authorize(const QUrl &url, QObject *context, Callback done) = 0;
    // The server answered 401 to a request that carried `sent`: forget a token that is no longer
    // good. Returns true when new credentials may work (a token was dropped and can be renewed),
    // false when they would be the same (a static key: the key itself is wrong).
    virtual bool reject(const QUrl &url, const HttpHeaders &sent) = 0;
};

} // namespace StacScope
