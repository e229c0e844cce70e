#include "app/cli/clitext.h"

#include <cstdio>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include "src/geo/geometry.h"

using namespace Qt::StringLiterals;

namespace StacScope::CliText {

void printLine(const QString &line)
{
    std::fprintf(stdout, "%s\n", qPrintable(line));
}

QString timeText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(u"yyyy-MM-dd HH:mm"_s) + u"Z"_s : u"-"_s;
}

std::optional<QJsonObject> parseTarget(const QString &text, QString *error)
{
    const QStringList parts = text.split(u',');
    if (parts.size() == 2) {
        bool okLon = false;
        bool okLat = false;
        const double lon = parts[0].trimmed().toDouble(&okLon);
        const double lat = parts[1].trimmed().toDouble(&okLat);
        if (okLon && okLat) {
            if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
                *error = u"the point is outside -180..180, -90..90 (lon,lat order)"_s;
                return std::nullopt;
            }
            return Geometry::point(lon, lat).toGeoJson();
        }
    }
    if (QFile::exists(text)) {
        QFile file(text);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = file.errorString();
            return std::nullopt;
        }
        QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
        if (o.value(u"type"_s) == u"FeatureCollection"_s) {
            const QJsonArray features = o.value(u"features"_s).toArray();
            if (features.size() != 1) {
                *error = QStringLiteral("%1 holds %2 features; a target is one").arg(text).arg(features.size());
                return std::nullopt;
            }
            o = features.first().toObject();
        }
        if (o.value(u"type"_s) == u"Feature"_s) {
            o = o.value(u"geometry"_s).toObject();
        }
        const auto g = Geometry::fromGeoJson(o, error);
        if (!g) {
            return std::nullopt;
        }
        return g->toGeoJson();
    }
    const auto g = Geometry::fromWkt(text, error);
    if (!g) {
        *error = u"not lon,lat, a GeoJSON file or WKT ("_s + *error + u')';
        return std::nullopt;
    }
    return g->toGeoJson();
}

} // namespace StacScope::CliText
