#pragma once

#include <QString>
#include <QUrl>

namespace StacScope {

// The redirect rules of NetworkClient, for downloads that follow redirects by hand: http and https
// only, never from https down to http, at most MaxHops, and the task's headers (API keys, bearer
// tokens) only while the request stays on the original origin.
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

    // `hops` counts the redirects already followed; `original` is the task's URL.
    static Decision decide(const QUrl &original, const QUrl &from, const QUrl &to, int hops, bool headersKept);
    static bool sameOrigin(const QUrl &a, const QUrl &b);
};

} // namespace StacScope
