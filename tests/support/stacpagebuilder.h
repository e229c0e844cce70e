#pragma once

#include <optional>

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace StacScope {

class StacSearchEngine;
struct StacItemRecord;
struct StacSearchQuery;

// The bytes of StacEmulator's pages and its opaque paging tokens. Pages are concatenated from
// the stored item bytes plus per-request links; no item is serialised again.
class StacPageBuilder
{
public:
    struct Counts
    {
        bool numberMatched = true; // numberMatched + numberReturned
        bool context = false; // deprecated context object
        int limit = 0;
    };

    // One item with self/parent/collection/root links built from `base` (no trailing slash).
    static void appendItem(QByteArray &out, const StacItemRecord &item, const QByteArray &base);
    // An ItemCollection with the items result[begin, end) of `engine`.
    static QByteArray itemCollection(const StacSearchEngine &engine, const QList<qsizetype> &result, qsizetype begin,
        qsizetype end, const QByteArray &base, const QJsonArray &links, const Counts &counts);
    // Replaces StacItemRecord::BaseUrlMarker with `base`.
    static QByteArray withBaseUrl(QByteArray json, const QByteArray &base);

    // Base64url of compact JSON; decoding checks the offset member "o".
    static QString encodeToken(const QJsonObject &content);
    static std::optional<QJsonObject> decodeToken(const QString &token);
    // Identifies a query (without paging inputs) inside a merge token.
    static QString queryHash(const StacSearchQuery &query);
};

} // namespace StacScope
