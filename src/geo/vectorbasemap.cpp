#include "src/geo/vectorbasemap.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include <QtEndian>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

constexpr std::uint32_t kMaxLevels = 16;
constexpr qint64 kPlaceRecordBytes = 16; // lon, lat, population, rank, min zoom, flags, reserved
constexpr std::uint32_t kMaxNameBytes = 1024;
constexpr double kMaxAbsLongitude = 540.0; // continuous longitudes stay within a turn of the world

// Bounds-checked little-endian reads; every read fails instead of running past the end.
class Reader
{
public:
    explicit Reader(const QByteArray &data)
        : m_data(reinterpret_cast<const unsigned char *>(data.constData()))
        , m_size(data.size())
    {}

    qint64 remaining() const { return m_size - m_pos; }

    bool u32(std::uint32_t &value)
    {
        if (remaining() < 4) {
            return false;
        }
        value = qFromLittleEndian<quint32>(m_data + m_pos);
        m_pos += 4;
        return true;
    }

    bool f64(double &value)
    {
        if (remaining() < 8) {
            return false;
        }
        value = std::bit_cast<double>(qFromLittleEndian<quint64>(m_data + m_pos));
        m_pos += 8;
        return true;
    }

    bool i32(std::int32_t &value)
    {
        std::uint32_t u = 0;
        if (!u32(u)) {
            return false;
        }
        value = std::bit_cast<std::int32_t>(u);
        return true;
    }

    bool u8(std::uint8_t &value)
    {
        if (remaining() < 1) {
            return false;
        }
        value = m_data[m_pos++];
        return true;
    }

    const unsigned char *take(qint64 n)
    {
        if (n < 0 || remaining() < n) {
            return nullptr;
        }
        const unsigned char *p = m_data + m_pos;
        m_pos += n;
        return p;
    }

private:
    const unsigned char *m_data;
    qint64 m_size;
    qint64 m_pos = 0;
};

// Zigzag LEB128; at most 5 bytes hold the 33-bit range of an int32 delta.
bool readVarint(const unsigned char *&p, const unsigned char *end, qint64 &value)
{
    quint64 v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
        if (p == end) {
            return false;
        }
        const unsigned char byte = *p++;
        v |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            value = (v & 1) ? -qint64(v >> 1) - 1 : qint64(v >> 1);
            return true;
        }
    }
    return false;
}

struct Quantization
{
    double lonScale = 0;
    double latScale = 0;
    double lonOffset = 0;
    double latOffset = 0;
};

GeoBox boundsOf(const VectorBasemap::Shapes &shapes, int part)
{
    double minLon = std::numeric_limits<double>::max();
    double maxLon = std::numeric_limits<double>::lowest();
    double minLat = 90.0;
    double maxLat = -90.0;
    const size_t begin = shapes.firstRing(part) == 0 ? 0 : shapes.ringEnds[size_t(shapes.firstRing(part)) - 1];
    const size_t end = shapes.ringEnds[size_t(shapes.endRing(part)) - 1];
    for (size_t i = begin; i < end; ++i) {
        const double lon = shapes.coordinates[2 * i];
        const double lat = shapes.coordinates[2 * i + 1];
        minLon = std::min(minLon, lon);
        maxLon = std::max(maxLon, lon);
        minLat = std::min(minLat, lat);
        maxLat = std::max(maxLat, lat);
    }
    if (maxLon - minLon >= 360.0) {
        return { -180.0, minLat, 180.0, maxLat };
    }
    // A shape reaching past 180 becomes a box across the antimeridian (west > east).
    const double west = normalizeLongitude(minLon);
    double east = normalizeLongitude(maxLon);
    if (east == -180.0 && maxLon > minLon) {
        east = 180.0;
    }
    return { west, minLat, east, maxLat };
}

bool readShapes(Reader &reader, const Quantization &q, int minRingPoints, VectorBasemap::Shapes &out, QString &error)
{
    std::uint32_t partCount = 0;
    std::uint32_t ringCount = 0;
    std::uint32_t pointCount = 0;
    std::uint32_t coordBytes = 0;
    if (!reader.u32(partCount) || !reader.u32(ringCount) || !reader.u32(pointCount) || !reader.u32(coordBytes)) {
        error = u"truncated section header"_s;
        return false;
    }
    // Check sizes against the data left before allocating, so garbage counts cannot ask for
    // gigabytes. Each coordinate takes at least one byte.
    const qint64 tableBytes = 4 * (qint64(partCount) + qint64(ringCount));
    if (tableBytes + qint64(coordBytes) > reader.remaining()) {
        error = u"truncated section"_s;
        return false;
    }
    if (2 * qint64(pointCount) > qint64(coordBytes) || ringCount > pointCount || partCount > ringCount
        || (partCount == 0) != (ringCount == 0)) {
        error = u"inconsistent section counts"_s;
        return false;
    }

    out.partEnds.resize(partCount);
    for (std::uint32_t i = 0; i < partCount; ++i) {
        reader.u32(out.partEnds[i]);
        const std::uint32_t previous = i == 0 ? 0 : out.partEnds[i - 1];
        if (out.partEnds[i] <= previous || out.partEnds[i] > ringCount) {
            error = u"bad part table"_s;
            return false;
        }
    }
    if (partCount > 0 && out.partEnds.back() != ringCount) {
        error = u"bad part table"_s;
        return false;
    }
    out.ringEnds.resize(ringCount);
    for (std::uint32_t i = 0; i < ringCount; ++i) {
        reader.u32(out.ringEnds[i]);
        const std::uint32_t previous = i == 0 ? 0 : out.ringEnds[i - 1];
        if (out.ringEnds[i] < previous + std::uint32_t(minRingPoints) || out.ringEnds[i] > pointCount) {
            error = u"bad ring table"_s;
            return false;
        }
    }
    if (ringCount > 0 && out.ringEnds.back() != pointCount) {
        error = u"bad ring table"_s;
        return false;
    }

    const unsigned char *p = reader.take(coordBytes);
    const unsigned char *end = p + coordBytes;
    out.coordinates.resize(2 * size_t(pointCount));
    qint64 x = 0;
    qint64 y = 0;
    constexpr qint64 kLimit = qint64(1) << 31;
    for (size_t i = 0; i < pointCount; ++i) {
        qint64 dx = 0;
        qint64 dy = 0;
        if (!readVarint(p, end, dx) || !readVarint(p, end, dy)) {
            error = u"truncated coordinates"_s;
            return false;
        }
        x += dx;
        y += dy;
        if (x <= -kLimit || x >= kLimit || y <= -kLimit || y >= kLimit) {
            error = u"coordinate out of range"_s;
            return false;
        }
        const double lon = q.lonOffset + double(x) * q.lonScale;
        const double lat = q.latOffset + double(y) * q.latScale;
        if (!(std::abs(lon) <= kMaxAbsLongitude) || !(std::abs(lat) <= 90.01)) {
            error = u"coordinate out of range"_s;
            return false;
        }
        // The pole closure is quantized to the step just past the pole.
        out.coordinates[2 * i] = lon;
        out.coordinates[2 * i + 1] = std::clamp(lat, -90.0, 90.0);
    }
    if (p != end) {
        error = u"extra bytes after coordinates"_s;
        return false;
    }

    out.partBounds.resize(partCount);
    for (std::uint32_t i = 0; i < partCount; ++i) {
        out.partBounds[i] = boundsOf(out, int(i));
    }
    return true;
}

bool readPlaces(Reader &reader, std::vector<VectorBasemap::Place> &out, QString &error)
{
    std::uint32_t count = 0;
    std::uint32_t nameBytes = 0;
    if (!reader.u32(count) || !reader.u32(nameBytes)) {
        error = u"truncated header"_s;
        return false;
    }
    // Every name has at least one byte; check the sizes before allocating.
    if ((kPlaceRecordBytes + 4) * qint64(count) + qint64(nameBytes) > reader.remaining()) {
        error = u"truncated section"_s;
        return false;
    }
    if (qint64(count) > qint64(nameBytes)) {
        error = u"inconsistent counts"_s;
        return false;
    }
    out.resize(count);
    for (VectorBasemap::Place &place : out) {
        std::int32_t lon = 0;
        std::int32_t lat = 0;
        std::uint8_t rank = 0;
        std::uint8_t minZoom = 0;
        std::uint8_t flags = 0;
        std::uint8_t reserved = 0;
        reader.i32(lon);
        reader.i32(lat);
        reader.u32(place.population);
        reader.u8(rank);
        reader.u8(minZoom);
        reader.u8(flags);
        reader.u8(reserved);
        if (std::abs(lon) > 180'000'000 || std::abs(lat) > 90'000'000) {
            error = u"coordinate out of range"_s;
            return false;
        }
        if (flags > 1 || reserved != 0) {
            error = u"unknown flags"_s;
            return false;
        }
        place.lon = lon / 1e6;
        place.lat = lat / 1e6;
        place.rank = rank;
        place.minZoom = minZoom / 10.0;
        place.capital = flags & 1;
    }
    std::vector<std::uint32_t> ends(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        reader.u32(ends[i]);
        const std::uint32_t previous = i == 0 ? 0 : ends[i - 1];
        if (ends[i] <= previous || ends[i] - previous > kMaxNameBytes || ends[i] > nameBytes) {
            error = u"bad name table"_s;
            return false;
        }
    }
    if (count > 0 && ends.back() != nameBytes) {
        error = u"bad name table"_s;
        return false;
    }
    const char *names = reinterpret_cast<const char *>(reader.take(nameBytes));
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::uint32_t begin = i == 0 ? 0 : ends[i - 1];
        const QByteArrayView bytes(names + begin, qsizetype(ends[i] - begin));
        if (!bytes.isValidUtf8()) {
            error = u"name %1 is not UTF-8"_s.arg(i);
            return false;
        }
        out[i].name = QString::fromUtf8(bytes);
    }
    return true;
}

bool validQuantization(const Quantization &q)
{
    const auto ok = [](double v) { return std::isfinite(v) && std::abs(v) <= 1000.0; };
    return ok(q.lonScale) && ok(q.latScale) && ok(q.lonOffset) && ok(q.latOffset) && q.lonScale > 0 && q.latScale > 0;
}

} // namespace

std::span<const double> VectorBasemap::Shapes::ring(int i) const
{
    const size_t begin = i == 0 ? 0 : ringEnds[size_t(i) - 1];
    const size_t end = ringEnds[size_t(i)];
    return std::span<const double>(coordinates).subspan(2 * begin, 2 * (end - begin));
}

bool VectorBasemap::Shapes::partContains(int part, double lon, double lat) const
{
    bool inside = false;
    for (int r = firstRing(part); r < endRing(part); ++r) {
        const std::span<const double> c = ring(r);
        const size_t n = c.size() / 2;
        for (size_t i = 0, j = n - 1; i < n; j = i++) {
            const double xi = c[2 * i];
            const double yi = c[2 * i + 1];
            const double xj = c[2 * j];
            const double yj = c[2 * j + 1];
            if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
        }
    }
    return inside;
}

std::optional<VectorBasemap> VectorBasemap::load(const QByteArray &data, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<VectorBasemap> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };

    Reader reader(data);
    const unsigned char *magic = reader.take(8);
    if (!magic || std::memcmp(magic, kMagic, 8) != 0) {
        return fail(u"Not a StacScope basemap file (bad magic)"_s);
    }
    std::uint32_t version = 0;
    std::uint32_t levelCount = 0;
    if (!reader.u32(version) || !reader.u32(levelCount)) {
        return fail(u"Basemap file is truncated in its header"_s);
    }
    if (version != kVersion) {
        return fail(u"Unsupported basemap file version %1 (expected %2)"_s.arg(version).arg(kVersion));
    }
    if (levelCount == 0 || levelCount > kMaxLevels) {
        return fail(u"Basemap file has an invalid level count (%1)"_s.arg(levelCount));
    }

    VectorBasemap basemap;
    basemap.m_levels.resize(levelCount);
    for (std::uint32_t i = 0; i < levelCount; ++i) {
        Level &level = basemap.m_levels[i];
        std::uint32_t reserved = 0;
        Quantization q;
        if (!reader.u32(level.scaleDenominator) || !reader.u32(reserved) || !reader.f64(q.lonScale)
            || !reader.f64(q.latScale) || !reader.f64(q.lonOffset) || !reader.f64(q.latOffset)) {
            return fail(u"Basemap file is truncated in level %1"_s.arg(i));
        }
        if (!validQuantization(q) || level.scaleDenominator == 0) {
            return fail(u"Basemap level %1 has an invalid header"_s.arg(i));
        }
        QString problem;
        if (!readShapes(reader, q, 4, level.land, problem)) {
            return fail(u"Basemap level %1, land: %2"_s.arg(i).arg(problem));
        }
        if (!readShapes(reader, q, 2, level.coastlines, problem)) {
            return fail(u"Basemap level %1, coastlines: %2"_s.arg(i).arg(problem));
        }
        if (!readShapes(reader, q, 2, level.borders, problem)) {
            return fail(u"Basemap level %1, borders: %2"_s.arg(i).arg(problem));
        }
        if (!readShapes(reader, q, 2, level.rivers, problem)) {
            return fail(u"Basemap level %1, rivers: %2"_s.arg(i).arg(problem));
        }
    }
    QString problem;
    if (!readPlaces(reader, basemap.m_places, problem)) {
        return fail(u"Basemap places: %1"_s.arg(problem));
    }
    if (reader.remaining() != 0) {
        return fail(u"Basemap file has %1 unexpected trailing bytes"_s.arg(reader.remaining()));
    }
    std::stable_sort(basemap.m_levels.begin(), basemap.m_levels.end(),
        [](const Level &a, const Level &b) { return a.scaleDenominator > b.scaleDenominator; });
    return basemap;
}

bool VectorBasemap::Shapes::contains(double lon, double lat) const
{
    lon = normalizeLongitude(lon);
    for (int part = 0; part < partCount(); ++part) {
        if (!partBounds[size_t(part)].containsPoint(lon, lat)) {
            continue;
        }
        // Rings keep continuous longitudes, so try the point one turn east and west as well.
        for (const double shift : { 0.0, 360.0, -360.0 }) {
            if (partContains(part, lon + shift, lat)) {
                return true;
            }
        }
    }
    return false;
}

bool VectorBasemap::isLand(double lon, double lat) const
{
    return !isEmpty() && finest().land.contains(lon, lat);
}

} // namespace StacScope
