#include "src/demo/demoscene.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <optional>
#include <vector>

#include "src/demo/democatalog.h"
#include "src/demo/demojson.h"

using namespace Qt::StringLiterals;

namespace StacScope::DemoCatalog {
namespace {

constexpr double Pi = std::numbers::pi;
constexpr double DegToRad = Pi / 180.0;
constexpr double KmPerDegree = 111.32;
constexpr double EarthRadiusKm = 6371.0;
constexpr double EquatorialRadiusKm = 6378.137;
constexpr double EarthMu = 398600.4418; // km^3/s^2
constexpr double SiderealDayS = 86164.0905;
constexpr double InclinationDeg = 97.8; // sun-synchronous at 500..800 km
constexpr qint64 MsPerDay = 86400000;

// splitmix64: tiny, fast and fully specified, so the output never depends on the standard library.
class SplitMix64
{
public:
    explicit SplitMix64(quint64 state)
        : m_state(state)
    {}
    quint64 next() { return mix(m_state += 0x9E3779B97F4A7C15ULL); }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); } // [0, 1)
    double range(double low, double high) { return low + (high - low) * uniform(); }
    int below(int n) { return int(next() % quint64(n)); }

private:
    quint64 m_state;
};

struct Point
{
    double x; // east, km (or lon, degrees)
    double y; // north, km (or lat, degrees)
};
using Ring = std::vector<Point>; // open ring (closing vertex added when writing)

// Land and sea ice, roughly: strips are centred in these boxes so that the map looks like a real
// acquisition plan rather than noise over the oceans.
struct Box
{
    double west;
    double south;
    double east;
    double north;
};
constexpr Box LandBoxes[] = {
    { -168, 58, -141, 71 }, // Alaska
    { -141, 49, -95, 69 }, // western Canada
    { -95, 45, -56, 62 }, // eastern Canada
    { -120, 69, -62, 81.5 }, // Canadian Arctic archipelago
    { -124, 30, -70, 49 }, // United States
    { -115, 15, -87, 30 }, // Mexico
    { -92, 7, -77, 17 }, // Central America
    { -55, 60, -20, 81.5 }, // Greenland
    { -80, -15, -35, 10 }, // northern South America
    { -73, -54, -56, -15 }, // southern South America
    { -24, 63, -13, 66.5 }, // Iceland
    { -10, 36, 30, 58 }, // western and central Europe
    { 5, 58, 32, 71 }, // Scandinavia
    { 10, 76, 30, 80.5 }, // Svalbard
    { -17, 5, 40, 35 }, // northern Africa
    { 10, -35, 41, 5 }, // southern Africa
    { 43, -25.5, 50.5, -12 }, // Madagascar
    { 35, 12, 60, 40 }, // Middle East
    { 30, 50, 60, 70 }, // European Russia
    { 60, 50, 140, 73 }, // Siberia
    { 50, 70, 110, 80 }, // Russian Arctic islands
    { 140, 55, 180, 71 }, // Russian Far East, Chukotka
    { 60, 25, 120, 50 }, // central Asia and China
    { 68, 8, 90, 30 }, // India
    { 95, -8, 125, 25 }, // South-East Asia
    { 130, 31, 146, 45 }, // Japan
    { 114, -39, 153, -11 }, // Australia
    { 166, -47, 179, -34 }, // New Zealand
    { -180, -81.5, 180, -66 }, // Antarctica
};

// Latitude bands where land, sea ice or shipping lanes meet the antimeridian.
constexpr std::array<std::array<double, 2>, 5> AntimeridianBands
    = { { { 64, 71.5 }, { -19.5, -15.5 }, { 51, 53 }, { -81, -76 }, { -10, 5 } } };

double boxWeight(const Box &box)
{
    return (box.east - box.west) * (std::sin(box.north * DegToRad) - std::sin(box.south * DegToRad));
}

// A point drawn uniformly (by area) from the land boxes.
Point landTarget(SplitMix64 &rng)
{
    static const double total = [] {
        double sum = 0;
        for (const Box &box : LandBoxes)
            sum += boxWeight(box);
        return sum;
    }();
    double pick = rng.range(0, total);
    const Box *box = &LandBoxes[0];
    for (const Box &candidate : LandBoxes) {
        box = &candidate;
        pick -= boxWeight(candidate);
        if (pick < 0)
            break;
    }
    const double lat
        = std::asin(rng.range(std::sin(box->south * DegToRad), std::sin(box->north * DegToRad))) / DegToRad;
    return { rng.range(box->west, box->east), lat };
}

double wrap180(double lon)
{
    lon = std::fmod(lon + 180.0, 360.0);
    if (lon < 0)
        lon += 360.0;
    return lon - 180.0;
}

// A circular orbit seen from the rotating Earth; u is the argument of latitude in radians from the
// ascending node, which is at `nodeLon` when u = 0.
class Orbit
{
public:
    Orbit(double altitudeKm, double nodeLon)
        : m_periodS(2 * Pi * std::sqrt(std::pow(EquatorialRadiusKm + altitudeKm, 3) / EarthMu))
        , m_nodeLon(nodeLon)
    {}

    double periodS() const { return m_periodS; }
    double nodeLon() const { return m_nodeLon; }
    void setNodeLon(double lon) { m_nodeLon = lon; }

    // Sub-satellite point; the longitude is not wrapped.
    Point at(double u) const
    {
        const double i = InclinationDeg * DegToRad;
        const double lat = std::asin(std::sin(i) * std::sin(u)) / DegToRad;
        const double lon = m_nodeLon + std::atan2(std::cos(i) * std::sin(u), std::cos(u)) / DegToRad
            - 360.0 * (u / (2 * Pi)) * m_periodS / SiderealDayS;
        return { lon, lat };
    }

    // Argument of latitude where the track reaches `lat` on the chosen pass.
    static double argumentAt(double lat, bool ascending)
    {
        const double s = std::clamp(std::sin(lat * DegToRad) / std::sin(InclinationDeg * DegToRad), -1.0, 1.0);
        return ascending ? std::asin(s) : Pi - std::asin(s);
    }

private:
    double m_periodS;
    double m_nodeLon;
};

// Flat approximation of the Earth around `origin`, in km; frames are small enough for it.
class LocalPlane
{
public:
    explicit LocalPlane(Point origin)
        : m_origin(origin)
        , m_kmPerLonDegree(KmPerDegree * std::cos(origin.y * DegToRad))
    {}
    Point toLocal(Point lonLat) const
    {
        return { wrap180(lonLat.x - m_origin.x) * m_kmPerLonDegree, (lonLat.y - m_origin.y) * KmPerDegree };
    }
    Point toLonLat(Point local) const // longitude relative to the origin's, not wrapped
    {
        return { m_origin.x + local.x / m_kmPerLonDegree, m_origin.y + local.y / KmPerDegree };
    }

private:
    Point m_origin;
    double m_kmPerLonDegree;
};

// Unit vector along the ground track at u, in `plane`.
Point heading(const Orbit &orbit, const LocalPlane &plane, double u)
{
    const Point a = plane.toLocal(orbit.at(u - 1e-4));
    const Point b = plane.toLocal(orbit.at(u + 1e-4));
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double length = std::hypot(dx, dy);
    return { dx / length, dy / length };
}

Point rightOf(Point direction)
{
    return { direction.y, -direction.x };
}

// Ground distance from nadir to where a sensor `offNadirDeg` off nadir looks, on a spherical Earth.
double groundOffsetKm(double offNadirDeg, double altitudeKm, double *incidenceDeg)
{
    const double offNadir = offNadirDeg * DegToRad;
    const double incidence
        = std::asin(std::min(1.0, (EarthRadiusKm + altitudeKm) / EarthRadiusKm * std::sin(offNadir)));
    *incidenceDeg = incidence / DegToRad;
    return EarthRadiusKm * (incidence - offNadir);
}

// Sutherland-Hodgman against one vertical line: keeps the part with lon <= 180 (keepWest) or >= 180.
Ring clipAt180(const Ring &ring, bool keepWest)
{
    const auto inside = [keepWest](const Point &p) { return keepWest ? p.x <= 180.0 : p.x >= 180.0; };
    Ring out;
    for (size_t i = 0; i < ring.size(); ++i) {
        const Point &a = ring[i];
        const Point &b = ring[(i + 1) % ring.size()];
        if (inside(a))
            out.push_back(a);
        if (inside(a) != inside(b)) {
            const double t = (180.0 - a.x) / (b.x - a.x);
            out.push_back({ 180.0, a.y + (b.y - a.y) * t });
        }
    }
    return out;
}

void appendRing(QByteArray &out, const Ring &ring, double lonShift)
{
    out += '[';
    for (size_t i = 0; i <= ring.size(); ++i) {
        const Point &p = ring[i % ring.size()];
        if (i > 0)
            out += ',';
        out += '[';
        out += Json::number(p.x + lonShift, 6);
        out += ',';
        out += Json::number(p.y, 6);
        out += ']';
    }
    out += ']';
}

double signedArea(const Ring &ring)
{
    double sum = 0;
    for (size_t i = 0; i < ring.size(); ++i) {
        const Point &a = ring[i];
        const Point &b = ring[(i + 1) % ring.size()];
        sum += a.x * b.y - b.x * a.y;
    }
    return sum / 2;
}

// Writes the geometry and bbox of a counter-clockwise ring (lon not wrapped) into `scene`, split at the
// antimeridian when it crosses it (RFC 7946 section 3.1.9).
void setFootprint(Scene &scene, Ring ring)
{
    double west = 1e9;
    double east = -1e9;
    scene.south = 90;
    scene.north = -90;
    for (const Point &p : ring) {
        west = std::min(west, p.x);
        east = std::max(east, p.x);
        scene.south = std::min(scene.south, p.y);
        scene.north = std::max(scene.north, p.y);
    }
    // Bring the westernmost vertex into [-180, 180): then only the eastern edge can pass +180.
    const double shift = wrap180(west) - west;
    for (Point &p : ring)
        p.x += shift;
    west += shift;
    east += shift;
    scene.crossesAntimeridian = east > 180.0;
    if (scene.crossesAntimeridian) {
        scene.geometry = "{\"type\":\"MultiPolygon\",\"coordinates\":[[";
        appendRing(scene.geometry, clipAt180(ring, true), 0);
        scene.geometry += "],[";
        appendRing(scene.geometry, clipAt180(ring, false), -360.0);
        scene.geometry += "]]}";
        east -= 360.0;
    } else {
        scene.geometry = "{\"type\":\"Polygon\",\"coordinates\":[";
        appendRing(scene.geometry, ring, 0);
        scene.geometry += "]}";
    }
    scene.west = west;
    scene.east = east;
}

// Solar elevation and azimuth (degrees, azimuth clockwise from north) for a latitude, day of year and
// local solar time; good to a degree or two, which is all the UI needs.
void sunPosition(double latDeg, double dayOfYear, double localHours, double &elevation, double &azimuth)
{
    const double decl = 23.44 * DegToRad * std::sin(2 * Pi * (284.0 + dayOfYear) / 365.0);
    const double hourAngle = (localHours - 12.0) * 15.0 * DegToRad;
    const double phi = latDeg * DegToRad;
    const double sinEl = std::sin(phi) * std::sin(decl) + std::cos(phi) * std::cos(decl) * std::cos(hourAngle);
    elevation = std::asin(std::clamp(sinEl, -1.0, 1.0)) / DegToRad;
    const double fromSouth
        = std::atan2(std::sin(hourAngle), std::cos(hourAngle) * std::sin(phi) - std::tan(decl) * std::cos(phi));
    azimuth = std::fmod(fromSouth / DegToRad + 180.0 + 360.0, 360.0);
}

double dayOfYear(qint64 day)
{
    return std::fmod(double(day - 18262), 365.2425); // 18262: 2020-01-01
}

double positiveHours(double hours)
{
    hours = std::fmod(hours, 24.0);
    return hours < 0 ? hours + 24.0 : hours;
}

int epsgFor(double lon, double lat)
{
    if (lat >= 84.0)
        return 32661; // UPS North
    if (lat < -80.0)
        return 32761; // UPS South
    const int zone = std::clamp(int(std::floor((lon + 180.0) / 6.0)) + 1, 1, 60);
    return (lat >= 0 ? 32600 : 32700) + zone;
}

// Everything that one pass of one satellite shares: the frames of a strip are consecutive items.
struct Strip
{
    int platform = 0;
    bool ascending = false;
    bool lookRight = true;
    double offNadir = 0;
    double incidence = 0;
    double offsetKm = 0; // signed, + to the right of the track
    double swathKm = 0;
    double frameKm = 0;
    double spacing = 1; // between frame centres, in frame lengths
    int sarMode = 0;
    QByteArrayList polarizations;
    double cloudBase = 0;
    qint64 nodeUtcMs = 0; // when the satellite crossed the ascending node before this strip
    std::optional<Orbit> orbit;
    double centerU = 0;
};

Strip makeStrip(Kind kind, quint64 key, bool antimeridian)
{
    const Profile &profile = profileOf(kind);
    SplitMix64 rng(key);
    Strip strip;
    strip.platform = rng.below(int(profile.platforms.size()));
    if (kind == Kind::Sar) {
        const int pick = rng.below(4); // stripmap twice as often as spotlight or ScanSAR
        strip.sarMode = pick == 3 ? 0 : pick;
        const SarMode &mode = sarMode(strip.sarMode);
        strip.swathKm = mode.swathKm;
        strip.frameKm = mode.frameKm;
        strip.spacing = mode.spacing;
        strip.ascending = rng.below(2) == 0; // SAR sees through the night too
        strip.lookRight = true;
        const bool vertical = rng.below(3) != 0;
        const bool dual = strip.sarMode == 2 || (strip.sarMode == 0 && rng.below(2) == 0);
        strip.polarizations = { vertical ? "VV" : "HH" };
        if (dual)
            strip.polarizations.append(vertical ? "VH" : "HV");
        const double incidence = rng.range(20.0, 45.0);
        // Look angle from the incidence angle: sin(look) = R / (R + h) * sin(incidence).
        strip.offNadir
            = std::asin(EarthRadiusKm / (EarthRadiusKm + profile.altitudeKm) * std::sin(incidence * DegToRad))
            / DegToRad;
    } else {
        strip.swathKm = kind == Kind::Archive ? rng.range(12.0, 16.0) : 77.0;
        strip.frameKm = kind == Kind::Archive ? rng.range(13.0, 18.0) : 77.0;
        strip.spacing = 0.96; // consecutive frames overlap a little
        strip.ascending = false; // the day side of a 10:30 descending-node orbit
        strip.lookRight = rng.below(2) == 0;
        strip.offNadir = rng.range(profile.minOffNadir, profile.maxOffNadir);
        const double clear = rng.uniform();
        strip.cloudBase = kind == Kind::Archive ? 60.0 * std::pow(clear, 3.0) : 100.0 * std::pow(clear, 2.0);
    }
    strip.offsetKm
        = groundOffsetKm(strip.offNadir, profile.altitudeKm, &strip.incidence) * (strip.lookRight ? 1.0 : -1.0);

    Point target;
    if (antimeridian) {
        const auto &band = AntimeridianBands[size_t(rng.below(int(AntimeridianBands.size())))];
        target.y = rng.range(band[0], band[1]);
        // Within a quarter of a frame's half width of 180: the frames at the middle of the strip cross it.
        const double halfWidthDeg
            = std::min(strip.swathKm, strip.frameKm) / 2 / (KmPerDegree * std::cos(target.y * DegToRad));
        target.x = 180.0 + rng.range(-0.25, 0.25) * halfWidthDeg;
    } else {
        target = landTarget(rng);
    }

    // Find the pass whose middle frame is centred on the target: the nadir track runs offsetKm to the
    // side, so solve for the nadir latitude first, then turn the orbit about the pole to fix the longitude.
    Orbit orbit(profile.altitudeKm, 0);
    Point nadir = target;
    double u = 0;
    for (int iteration = 0; iteration < 3; ++iteration) {
        u = Orbit::argumentAt(nadir.y, strip.ascending);
        orbit.setNodeLon(orbit.nodeLon() + wrap180(nadir.x - orbit.at(u).x));
        const LocalPlane plane(target);
        const Point right = rightOf(heading(orbit, plane, u));
        nadir = plane.toLonLat({ -strip.offsetKm * right.x, -strip.offsetKm * right.y });
    }
    {
        const Point n = orbit.at(u);
        const LocalPlane plane(n);
        const Point right = rightOf(heading(orbit, plane, u));
        const Point center = plane.toLonLat({ strip.offsetKm * right.x, strip.offsetKm * right.y });
        orbit.setNodeLon(orbit.nodeLon() + wrap180(target.x - center.x));
    }
    strip.centerU = u;

    // A sun-synchronous orbit crosses its ascending node at the same local solar time every day.
    const double nodeUtcHours = positiveHours(profile.ascendingNodeHours - orbit.nodeLon() / 15.0);
    qint64 day = profile.firstDay + rng.below(profile.dayCount);
    if (kind != Kind::Sar) {
        // Optical satellites image the lit side: move to another season until the sun is up.
        const double localHours
            = positiveHours(nodeUtcHours + u / (2 * Pi) * orbit.periodS() / 3600.0 + target.x / 15.0);
        double bestElevation = -90;
        qint64 bestDay = day;
        for (int quarter = 0; quarter < 4 && bestElevation < 15.0; ++quarter) {
            const qint64 candidate = profile.firstDay + (day - profile.firstDay + quarter * 91) % profile.dayCount;
            double elevation = 0;
            double azimuth = 0;
            sunPosition(target.y, dayOfYear(candidate), localHours, elevation, azimuth);
            if (elevation > bestElevation) {
                bestElevation = elevation;
                bestDay = candidate;
            }
        }
        day = bestDay;
    }
    strip.nodeUtcMs = day * MsPerDay + qint64(std::llround(nodeUtcHours * 3600000.0));
    strip.orbit = orbit;
    return strip;
}

} // namespace

quint64 mix(quint64 z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

Kind kindOf(const QString &collection)
{
    if (collection.contains(u"sar"_s, Qt::CaseInsensitive))
        return Kind::Sar;
    if (collection.contains(u"archive"_s, Qt::CaseInsensitive))
        return Kind::Archive;
    return Kind::Optical;
}

const Profile &profileOf(Kind kind)
{
    // Days: 2020-01-01 = 18262, 2021-01-01 = 18628, 2015-01-01 = 16436.
    static const Profile optical = { "demosat", { u"demosat-1"_s, u"demosat-2"_s, u"demosat-3"_s, u"demosat-4"_s },
        "msi", 786.0, 22.5, 18263, 1824, 6, 143, 10.0, 10.0, 0.0, 7.0 };
    static const Profile sar = { "demosar", { u"demosar-1"_s, u"demosar-2"_s, u"demosar-3"_s }, "xsar", 525.0, 18.0,
        18629, 1458, 4, 175, 1.0, 16.0, 0.0, 45.0 };
    static const Profile archive = { "archivesat", { u"archivesat-1"_s, u"archivesat-2"_s, u"archivesat-3"_s },
        "pan-ms", 620.0, 22.5, 16437, 2555, 4, 211, 0.5, 0.62, 0.0, 30.0 };
    switch (kind) {
    case Kind::Sar:
        return sar;
    case Kind::Archive:
        return archive;
    case Kind::Optical:
        break;
    }
    return optical;
}

const SarMode &sarMode(int mode)
{
    static const SarMode modes[SarModeCount] = {
        { "stripmap", "GEC", 30.0, 50.0, 0.96, 3.0 },
        { "spotlight", "GEC", 5.0, 5.0, 9.0, 1.0 },
        { "scansar", "GRD", 100.0, 100.0, 0.96, 16.0 },
    };
    return modes[std::clamp(mode, 0, SarModeCount - 1)];
}

Scene makeScene(int index, const Options &options)
{
    Q_ASSERT(index >= 0);
    const int collections = std::max(1, int(options.collections.size()));
    const int collectionIndex = index % collections;
    const Kind kind = options.collections.isEmpty() ? Kind::Optical : kindOf(options.collections.at(collectionIndex));
    const Profile &profile = profileOf(kind);

    // Items of a collection come in strips of consecutive frames along one pass.
    const int inCollection = index / collections;
    const int stripIndex = inCollection / profile.stripLength;
    const int frame = inCollection % profile.stripLength;
    const quint64 collectionKey = mix(options.seed * 0x100000001B3ULL + quint64(collectionIndex));
    // One strip in 32 is centred on the antimeridian, at a place that depends on the seed.
    const bool antimeridianStrip = (quint64(stripIndex) + collectionKey % 32) % 32 == 0;
    const Strip strip = makeStrip(kind, mix(collectionKey + quint64(stripIndex)), antimeridianStrip);
    const Orbit &orbit = *strip.orbit;
    SplitMix64 rng(mix(mix(options.seed) + quint64(index)));

    Scene scene;
    scene.kind = kind;
    scene.platform = strip.platform;
    scene.offNadir = strip.offNadir;
    scene.incidenceAngle = strip.incidence;
    scene.lookRight = strip.lookRight;
    scene.sarMode = strip.sarMode;
    scene.polarizations = strip.polarizations;

    // The frame: a quadrilateral between two cuts across the track, offset to where the sensor looks.
    const double stepU = strip.frameKm * strip.spacing / EarthRadiusKm;
    const double u = strip.centerU + (frame - (profile.stripLength - 1) / 2.0) * stepU;
    const double halfU = strip.frameKm / 2 / EarthRadiusKm;
    const Point nadir = orbit.at(u);
    const LocalPlane plane(nadir);
    Ring ring;
    for (const double edgeU : { u - halfU, u + halfU }) {
        const Point onTrack = plane.toLocal(orbit.at(edgeU));
        const Point right = rightOf(heading(orbit, plane, edgeU));
        const double near = strip.offsetKm - strip.swathKm / 2;
        const double far = strip.offsetKm + strip.swathKm / 2;
        for (const double across :
            edgeU < u ? std::array<double, 2> { near, far } : std::array<double, 2> { far, near })
            ring.push_back(plane.toLonLat({ onTrack.x + across * right.x, onTrack.y + across * right.y }));
    }
    if (signedArea(ring) < 0)
        std::reverse(ring.begin(), ring.end());
    setFootprint(scene, ring);
    const Point right = rightOf(heading(orbit, plane, u));
    const Point center = plane.toLonLat({ strip.offsetKm * right.x, strip.offsetKm * right.y });
    scene.centerLon = wrap180(center.x);
    scene.centerLat = center.y;
    scene.ascending = std::cos(u) > 0;

    const double sinceNodeS = u / (2 * Pi) * orbit.periodS();
    scene.datetimeMs = strip.nodeUtcMs + qint64(std::llround(sinceNodeS * 1000.0));
    scene.createdMs = scene.datetimeMs + qint64(rng.range(2.0, 48.0) * 3600000.0);
    scene.updatedMs = scene.createdMs + (rng.below(3) == 0 ? qint64(rng.range(1.0, 30.0) * MsPerDay) : 0);
    const qint64 day = scene.datetimeMs / MsPerDay;
    const double localHours = positiveHours(double(scene.datetimeMs % MsPerDay) / 3600000.0 + scene.centerLon / 15.0);
    sunPosition(scene.centerLat, dayOfYear(day), localHours, scene.sunElevation, scene.sunAzimuth);

    const double revolutions = double(strip.nodeUtcMs - profile.firstDay * MsPerDay) / 1000.0 / orbit.periodS();
    scene.absoluteOrbit = 1000 + qint64(revolutions);
    const double nodeTurn = (wrap180(orbit.nodeLon()) + 180.0) / 360.0;
    scene.relativeOrbit = 1 + std::min(profile.relativeOrbits - 1, int(nodeTurn * profile.relativeOrbits));
    scene.epsg = epsgFor(scene.centerLon, scene.centerLat);

    // Sizes follow the pixel count; COG compression varies with the scene content.
    const double areaKm2 = strip.swathKm * strip.frameKm;
    if (kind == Kind::Sar) {
        scene.gsd = sarMode(strip.sarMode).resolutionM;
        const double pixels = areaKm2 * 1e6 / (scene.gsd * scene.gsd / 4); // pixel spacing: half the resolution
        scene.analyticSize = qint64(pixels * 2 * rng.range(0.55, 0.8));
        scene.visualSize = qint64(pixels * rng.range(0.15, 0.3));
    } else {
        scene.gsd = kind == Kind::Archive ? profile.minGsd / std::pow(std::cos(strip.offNadir * DegToRad), 1.5)
                                          : profile.minGsd;
        const double pixels = areaKm2 * 1e6 / (scene.gsd * scene.gsd);
        const int bands = kind == Kind::Archive ? 4 : 6;
        scene.analyticSize = qint64(pixels * bands * 2 * rng.range(0.45, 0.7));
        scene.visualSize = qint64(pixels * 3 * rng.range(0.08, 0.2));
        // Clouds come in weather systems: neighbouring frames look alike.
        scene.cloudCover = std::clamp(strip.cloudBase + rng.range(-12.0, 12.0), 0.0, 100.0);
    }
    scene.metadataSize = 8000 + rng.below(32000);
    return scene;
}

} // namespace StacScope::DemoCatalog
