#include "src/geo/geobox.h"

#include <algorithm>
#include <cmath>

#include <QStringList>

using namespace Qt::StringLiterals;

namespace StacScope {

double normalizeLongitude(double lon)
{
    if (lon >= -180.0 && lon <= 180.0) {
        return lon;
    }
    double r = std::fmod(lon + 180.0, 360.0);
    if (r < 0) {
        r += 360.0;
    }
    return r - 180.0;
}

double unwrapLongitude(double lon, double reference)
{
    // The same result as stepping by 360 degrees until within reach, in one step.
    const double d = lon - reference;
    double result = lon;
    if (d > 180.0) {
        result = lon - 360.0 * std::ceil((d - 180.0) / 360.0);
    } else if (d < -180.0) {
        result = lon + 360.0 * std::ceil((-d - 180.0) / 360.0);
    }
    if (std::abs(result - reference) <= 180.0 || !std::isfinite(d)) {
        return result;
    }
    // Far beyond any longitude (1e30): the multiple of 360 was rounded. fmod is exact.
    const double r = std::fmod(std::abs(d) - 180.0, 360.0);
    if (d > 0) {
        return reference + (r == 0 ? 180.0 : r - 180.0);
    }
    return reference - (r == 0 ? 180.0 : r - 180.0);
}

bool GeoBox::isValid() const
{
    const bool finite = std::isfinite(west) && std::isfinite(south) && std::isfinite(east) && std::isfinite(north);
    return finite && west >= -180.0 && west <= 180.0 && east >= -180.0 && east <= 180.0 && south >= -90.0
        && north <= 90.0 && south <= north;
}

double GeoBox::width() const
{
    return crossesAntimeridian() ? (180.0 - west) + (east + 180.0) : east - west;
}

double GeoBox::centerLon() const
{
    double c = west + width() / 2.0;
    if (c >= 180.0) {
        c -= 360.0;
    }
    return c;
}

int GeoBox::split(std::array<GeoBox, 2> &parts) const
{
    if (!crossesAntimeridian()) {
        parts[0] = *this;
        return 1;
    }
    parts[0] = GeoBox { west, south, 180.0, north };
    parts[1] = GeoBox { -180.0, south, east, north };
    return 2;
}

bool GeoBox::containsPoint(double lon, double lat) const
{
    if (lat < south || lat > north) {
        return false;
    }
    if (crossesAntimeridian()) {
        return lon >= west || lon <= east;
    }
    return lon >= west && lon <= east;
}

bool GeoBox::intersects(const GeoBox &other) const
{
    if (other.south > north || other.north < south) {
        return false;
    }
    std::array<GeoBox, 2> a;
    std::array<GeoBox, 2> b;
    const int na = split(a);
    const int nb = other.split(b);
    for (int i = 0; i < na; ++i) {
        for (int j = 0; j < nb; ++j) {
            if (a[i].west <= b[j].east && b[j].west <= a[i].east) {
                return true;
            }
        }
    }
    return false;
}

bool GeoBox::contains(const GeoBox &other) const
{
    if (other.south < south || other.north > north) {
        return false;
    }
    if (!crossesAntimeridian()) {
        if (other.crossesAntimeridian()) {
            return width() >= 360.0; // only a full-width box holds one that crosses 180
        }
        return other.west >= west && other.east <= east;
    }
    if (other.crossesAntimeridian()) {
        return other.west >= west && other.east <= east;
    }
    return (other.west >= west && other.east <= 180.0) || (other.west >= -180.0 && other.east <= east);
}

GeoBox GeoBox::united(const GeoBox &other) const
{
    GeoBox r;
    r.south = std::min(south, other.south);
    r.north = std::max(north, other.north);
    if (contains(GeoBox { other.west, south, other.east, north }) || width() >= 360.0) {
        r.west = west;
        r.east = east;
        return r;
    }
    if (other.contains(GeoBox { west, other.south, east, other.north }) || other.width() >= 360.0) {
        r.west = other.west;
        r.east = other.east;
        return r;
    }
    // Two candidate spans: from this box's west edge eastwards to the other's east edge, or the
    // reverse. Only a span that covers both boxes will do (when the boxes overlap, one of the two
    // is just their intersection); of those pick the narrower one, as a human would when boxes
    // sit either side of 180 degrees. When neither covers both, together they go round the globe.
    const GeoBox a { west, r.south, other.east, r.north };
    const GeoBox b { other.west, r.south, east, r.north };
    const bool aCovers = a.contains(*this) && a.contains(other);
    const bool bCovers = b.contains(*this) && b.contains(other);
    if (aCovers && (!bCovers || a.width() <= b.width())) {
        r.west = a.west;
        r.east = a.east;
    } else if (bCovers) {
        r.west = b.west;
        r.east = b.east;
    } else {
        r.west = -180.0;
        r.east = 180.0;
    }
    return r;
}

QString GeoBox::toQueryString() const
{
    auto num = [](double v) {
        QString s = QString::number(v, 'f', 7);
        while (s.contains(u'.') && (s.endsWith(u'0') || s.endsWith(u'.'))) {
            s.chop(1);
        }
        return s == u"-0"_s ? u"0"_s : s;
    };
    return num(west) + u',' + num(south) + u',' + num(east) + u',' + num(north);
}

QJsonArray GeoBox::toJson() const
{
    return QJsonArray { west, south, east, north };
}

static std::optional<GeoBox> fromNumbers(const double *v, int n, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<GeoBox> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    if (n != 4 && n != 6) {
        return fail(QStringLiteral("a bbox needs 4 or 6 numbers, got %1").arg(n));
    }
    GeoBox box = n == 4 ? GeoBox { v[0], v[1], v[2], v[3] } : GeoBox { v[0], v[1], v[3], v[4] };
    if (!box.isValid()) {
        return fail(QStringLiteral("bbox out of range (west/east in [-180, 180], south <= north in [-90, 90]): %1")
                        .arg(box.toQueryString()));
    }
    return box;
}

std::optional<GeoBox> GeoBox::fromJson(const QJsonArray &array, QString *error)
{
    double v[6] = {};
    const int n = int(array.size());
    for (int i = 0; i < n && i < 6; ++i) {
        if (!array.at(i).isDouble()) {
            if (error) {
                *error = QStringLiteral("bbox[%1] is not a number").arg(i);
            }
            return std::nullopt;
        }
        v[i] = array.at(i).toDouble();
    }
    return fromNumbers(v, n, error);
}

std::optional<GeoBox> GeoBox::fromString(const QString &text, QString *error)
{
    const QStringList parts = text.split(u',');
    double v[6] = {};
    const int n = int(parts.size());
    for (int i = 0; i < n && i < 6; ++i) {
        bool ok = false;
        v[i] = parts.at(i).trimmed().toDouble(&ok);
        if (!ok) {
            if (error) {
                *error = QStringLiteral("bbox value %1 (\"%2\") is not a number").arg(i + 1).arg(parts.at(i).trimmed());
            }
            return std::nullopt;
        }
    }
    return fromNumbers(v, n, error);
}

} // namespace StacScope
