#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QString>
#include <QStringList>

// Internal to DemoCatalog: the numbers behind one generated item, before they are written as JSON.
namespace StacScope::DemoCatalog {

struct Options;

enum class Kind
{
    Optical,
    Sar,
    Archive
};

// "...sar..." gives SAR scenes, "...archive..." very-high-resolution archive scenes, anything else
// 10 m multispectral scenes.
Kind kindOf(const QString &collection);

// What a kind of mission looks like: fixed for the kind, so collections can summarise it.
struct Profile
{
    const char *constellation;
    QStringList platforms;
    const char *instrument;
    double altitudeKm;
    double ascendingNodeHours; // mean local solar time of the ascending node
    qint64 firstDay; // acquisition days, in days since 1970-01-01
    int dayCount;
    int stripLength; // consecutive items (frames) along one pass
    int relativeOrbits; // orbits in a repeat cycle
    double minGsd;
    double maxGsd;
    double minOffNadir;
    double maxOffNadir;
};

const Profile &profileOf(Kind kind);

struct SarMode
{
    const char *name;
    const char *productType;
    double swathKm;
    double frameKm;
    double spacing; // distance between frame centres, in frame lengths
    double resolutionM;
};

inline constexpr int SarModeCount = 3;
const SarMode &sarMode(int mode);

struct Scene
{
    Kind kind = Kind::Optical;
    QByteArray geometry; // GeoJSON Polygon, or a MultiPolygon split at the antimeridian
    double west = 0; // west > east when the scene crosses the antimeridian
    double south = 0;
    double east = 0;
    double north = 0;
    bool crossesAntimeridian = false;
    double centerLon = 0;
    double centerLat = 0;

    qint64 datetimeMs = 0;
    qint64 createdMs = 0;
    qint64 updatedMs = 0;
    int platform = 0; // index into profileOf(kind).platforms
    bool ascending = false;
    int relativeOrbit = 0;
    qint64 absoluteOrbit = 0;
    int epsg = 0;

    double gsd = 0;
    double offNadir = 0;
    double incidenceAngle = 0;
    bool lookRight = true;
    double cloudCover = 0;
    double sunElevation = 0;
    double sunAzimuth = 0;

    int sarMode = 0;
    QByteArrayList polarizations;

    qint64 visualSize = 0;
    qint64 analyticSize = 0; // per polarization for SAR
    qint64 metadataSize = 0;
};

// splitmix64's finaliser: a good 64-bit mix, fully specified so output never depends on the library.
quint64 mix(quint64 z);

// Item `index` as a pure function of (index, options).
Scene makeScene(int index, const Options &options);

} // namespace StacScope::DemoCatalog
