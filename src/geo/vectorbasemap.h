#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <QByteArray>
#include <QString>

#include "src/geo/geobox.h"

namespace StacScope {

// The offline basemap: Natural Earth land polygons, coastlines, country borders and rivers at a
// few levels of detail, and populated places, read from the compact file made by resources/basemap/convert.mjs (format
// in resources/basemap/README.md). Pure data; BasemapLayer in ui/ draws it.
//
// Longitudes are continuous along each ring or line, so shapes across the antimeridian (Russia,
// Fiji) may reach past 180 degrees; the westmost point of each shape lies in [-180, 180).
// Antarctica is one ring closed along the South Pole.
class VectorBasemap
{
public:
    static constexpr char kMagic[9] = "SSNEBASE";
    static constexpr std::uint32_t kVersion = 2;

    // Rings (polygons) or lines in flat arrays, grouped into parts: a part is one polygon (its
    // outer ring, then its holes) or one line.
    struct Shapes
    {
        std::vector<double> coordinates; // lon,lat pairs of all rings
        std::vector<std::uint32_t> ringEnds; // position index one past the end of ring i
        std::vector<std::uint32_t> partEnds; // ring index one past the end of part i
        std::vector<GeoBox> partBounds; // per part; west > east across the antimeridian

        int partCount() const { return int(partEnds.size()); }
        int ringCount() const { return int(ringEnds.size()); }
        int pointCount() const { return int(coordinates.size() / 2); }
        int firstRing(int part) const { return part == 0 ? 0 : int(partEnds[size_t(part) - 1]); }
        int endRing(int part) const { return int(partEnds[size_t(part)]); }
        std::span<const double> ring(int i) const;
        // Even-odd point-in-polygon test against the rings of one part, as stored (no wrapping).
        bool partContains(int part, double lon, double lat) const;
        // Whether any polygon contains the point (any longitude; wrapping handled).
        bool contains(double lon, double lat) const;
    };

    struct Level
    {
        std::uint32_t scaleDenominator = 0; // e.g. 50'000'000 for Natural Earth 1:50m
        Shapes land; // polygons with holes
        Shapes coastlines; // land outlines as lines, without cuts and the pole
        Shapes borders; // boundaries between two countries, as lines
        Shapes rivers; // river and lake centerlines, as lines (the source gives no names)
    };

    // A Natural Earth populated place.
    struct Place
    {
        QString name;
        double lon = 0; // in [-180, 180]
        double lat = 0;
        std::uint32_t population = 0; // Natural Earth's pop_max
        int rank = 0; // Natural Earth's scalerank: 0 for the most important places
        double minZoom = 0; // Natural Earth's min_zoom: the web map zoom from which to label it
        bool capital = false; // a country's capital
    };

    VectorBasemap() = default;

    // Parses and validates the whole file; truncated or corrupt data gives nullopt and a message.
    static std::optional<VectorBasemap> load(const QByteArray &data, QString *error = nullptr);

    bool isEmpty() const { return m_levels.empty(); }
    // Coarsest first (largest scale denominator).
    const std::vector<Level> &levels() const { return m_levels; }
    // Both require !isEmpty().
    const Level &coarsest() const { return m_levels.front(); }
    const Level &finest() const { return m_levels.back(); }
    // Most important first (as stored: rank, then population).
    const std::vector<Place> &places() const { return m_places; }

    // Whether a point lies on land at the finest level.
    bool isLand(double lon, double lat) const;

private:
    std::vector<Level> m_levels;
    std::vector<Place> m_places;
};

} // namespace StacScope
