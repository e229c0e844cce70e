#include "tests/support/stacpagebuilder.h"

#include <QCryptographicHash>
#include <QJsonDocument>

#include "tests/support/stacitemrecord.h"
#include "tests/support/stacsearchengine.h"
#include "tests/support/stacsearchquery.h"

using namespace Qt::StringLiterals;

namespace StacScope {

void StacPageBuilder::appendItem(QByteArray &out, const StacItemRecord &item, const QByteArray &base)
{
    if (item.hasBaseUrlMarker)
        out += withBaseUrl(item.head, base);
    else
        out += item.head;
    out += item.head.size() > 1 ? ",\"links\":[" : "\"links\":[";
    if (!item.selfPath.isEmpty()) {
        out += "{\"rel\":\"self\",\"href\":\"" + base + item.selfPath + "\",\"type\":\"application/geo+json\"},";
        out += "{\"rel\":\"parent\",\"href\":\"" + base + item.collectionPath + "\",\"type\":\"application/json\"},";
        out += "{\"rel\":\"collection\",\"href\":\"" + base + item.collectionPath
            + "\",\"type\":\"application/json\"},";
    }
    out += "{\"rel\":\"root\",\"href\":\"" + base + "/\",\"type\":\"application/json\"}";
    if (!item.extraLinks.isEmpty())
        out += ',' + item.extraLinks;
    out += "]}";
}

QByteArray StacPageBuilder::itemCollection(const StacSearchEngine &engine, const QList<qsizetype> &result,
    qsizetype begin, qsizetype end, const QByteArray &base, const QJsonArray &links, const Counts &counts)
{
    qsizetype estimate = 512;
    for (qsizetype i = begin; i < end; ++i)
        estimate += engine.item(result.at(i)).head.size() + 400;
    QByteArray body;
    body.reserve(estimate);
    body += "{\"type\":\"FeatureCollection\",\"features\":[";
    for (qsizetype i = begin; i < end; ++i) {
        if (i > begin)
            body += ',';
        appendItem(body, engine.item(result.at(i)), base);
    }
    body += "],\"links\":" + QJsonDocument(links).toJson(QJsonDocument::Compact);
    const QByteArray matched = QByteArray::number(result.size());
    const QByteArray returned = QByteArray::number(end - begin);
    if (counts.numberMatched)
        body += ",\"numberMatched\":" + matched + ",\"numberReturned\":" + returned;
    if (counts.context) {
        body += ",\"context\":{\"returned\":" + returned + ",\"limit\":" + QByteArray::number(counts.limit)
            + ",\"matched\":" + matched + '}';
    }
    body += '}';
    return body;
}

QByteArray StacPageBuilder::withBaseUrl(QByteArray json, const QByteArray &base)
{
    if (json.contains(StacItemRecord::BaseUrlMarker))
        json.replace(StacItemRecord::BaseUrlMarker, base);
    return json;
}

QString StacPageBuilder::encodeToken(const QJsonObject &content)
{
    return QString::fromLatin1(QJsonDocument(content)
                                   .toJson(QJsonDocument::Compact)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<QJsonObject> StacPageBuilder::decodeToken(const QString &token)
{
    const QByteArray::FromBase64Result decoded = QByteArray::fromBase64Encoding(
        token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(*decoded);
    if (!document.isObject() || !document.object().value("o"_L1).isDouble())
        return std::nullopt;
    return document.object();
}

QString StacPageBuilder::queryHash(const StacSearchQuery &query)
{
    return QString::fromLatin1(QCryptographicHash::hash(query.cacheKey(), QCryptographicHash::Sha1).toHex().left(16));
}

} // namespace StacScope
