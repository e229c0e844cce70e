#pragma once

#include <optional>

#include <QJsonObject>
#include <QUrl>

#include "src/stac/conformance.h"
#include "src/stac/staclink.h"

namespace StacScope {

// What a STAC API's landing page says about it: identity, conformance and where its endpoints
// are (found by link rel, never by guessing paths).
struct StacApiInfo
{
    QUrl url; // the landing page
    QString id;
    QString title;
    QString description;
    QString stacVersion;
    Conformance conformance;
    StacLinks links;

    QUrl collectionsUrl() const;
    QUrl queryablesUrl() const;
    QUrl conformanceUrl() const;
    // The search endpoint for a method ("GET" or "POST"), or an empty URL when not offered.
    QUrl searchUrl(QStringView method) const;
    bool supportsSearch(QStringView method) const { return !searchUrl(method).isEmpty(); }
    // POST when the server offers it (geometries and CQL2-JSON travel better in a body).
    QString preferredSearchMethod() const;

    // `error` names what is missing when the document is not a STAC API landing page.
    static std::optional<StacApiInfo> fromJson(const QJsonObject &landing, const QUrl &url, QString *error);
};

} // namespace StacScope
