#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QUrl>

namespace StacScope {

// A STAC/OGC link, including the paging fields of the STAC API (`method`, `body`, `merge`,
// `headers`).
struct StacLink
{
    QString rel;
    QString href;
    QString type;
    QString title;
    QString method; // empty when the link does not say
    QJsonObject body;
    bool hasBody = false;
    bool merge = false;
    QMap<QString, QString> headers;

    // href resolved against the document the link came from.
    QUrl resolved(const QUrl &base) const;

    static StacLink fromJson(const QJsonObject &object);
    QJsonObject toJson() const;
};

using StacLinks = QList<StacLink>;

StacLinks parseLinks(const QJsonValue &value);
// First link with this rel (and, when given, this method), or nullptr.
const StacLink *findLink(const StacLinks &links, QStringView rel, QStringView method = {});

} // namespace StacScope
