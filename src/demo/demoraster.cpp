#include "src/demo/demoraster.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

#include <QtEndian>

#include "src/demo/demoscene.h"

namespace StacScope::DemoCatalog {
namespace {

constexpr int VisualSize = 256;
constexpr int AnalyticSize = 128;
constexpr int SarSize = 256;

// splitmix64 seeded from a text: the same item always gets the same pixels.
class Random
{
public:
    explicit Random(const QByteArray &key)
    {
        for (const char c : key) // FNV-1a
            m_state = (m_state ^ quint8(c)) * 0x100000001B3ULL;
    }
    quint64 next() { return mix(m_state += 0x9E3779B97F4A7C15ULL); }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    double range(double low, double high) { return low + (high - low) * uniform(); }

private:
    quint64 m_state = 0xCBF29CE484222325ULL;
};

// Smooth value noise over the unit square: `cells` random values per side, smoothstep between them.
class Noise
{
public:
    Noise(Random &random, int cells)
        : m_cells(cells)
        , m_lattice(size_t((cells + 1) * (cells + 1)))
    {
        for (float &v : m_lattice)
            v = float(random.uniform());
    }

    // The noise at the centres of size x size pixels, row by row: the lattice is interpolated
    // down each column once per row, then along the row, so a pixel costs one lerp.
    std::vector<float> grid(int size) const
    {
        std::vector<int> x0(size_t(size), 0);
        std::vector<float> tx(size_t(size), 0);
        for (int x = 0; x < size; ++x) {
            const double fx = (x + 0.5) / size * m_cells;
            x0[size_t(x)] = int(fx);
            tx[size_t(x)] = float(smooth(fx - int(fx)));
        }
        std::vector<float> row(size_t(m_cells + 1));
        std::vector<float> out(size_t(size) * size_t(size));
        for (int y = 0; y < size; ++y) {
            const double fy = (y + 0.5) / size * m_cells;
            const int y0 = int(fy);
            const float ty = float(smooth(fy - y0));
            for (int i = 0; i <= m_cells; ++i) {
                const float top = m_lattice[size_t(y0 * (m_cells + 1) + i)];
                const float bottom = m_lattice[size_t((y0 + 1) * (m_cells + 1) + i)];
                row[size_t(i)] = top + (bottom - top) * ty;
            }
            float *line = out.data() + size_t(y) * size_t(size);
            for (int x = 0; x < size; ++x) {
                const size_t i = size_t(x0[size_t(x)]);
                line[x] = row[i] + (row[i + 1] - row[i]) * tx[size_t(x)];
            }
        }
        return out;
    }

private:
    static double smooth(double t) { return t * t * (3 - 2 * t); }
    int m_cells;
    std::vector<float> m_lattice;
};

// Two octaves; interpolation flattens the values towards 0.5, so they are stretched back.
std::vector<float> terrain(const Noise &coarse, const Noise &fine, int size, float coarseWeight)
{
    std::vector<float> out = coarse.grid(size);
    const std::vector<float> detail = fine.grid(size);
    for (size_t i = 0; i < out.size(); ++i)
        out[i]
            = std::clamp((coarseWeight * out[i] + (1 - coarseWeight) * detail[i] - 0.5f) * 2.2f + 0.5f, 0.0f, 0.999f);
    return out;
}

struct Rgb
{
    double r, g, b;
};

Rgb mixRgb(Rgb a, Rgb b, double t)
{
    return { a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t };
}

struct Biome
{
    Rgb low;
    Rgb high;
    Rgb water;
    double waterLevel;
};

// Land cover by climate zone, which is what latitude mostly decides.
Biome biomeFor(const Scene &scene)
{
    const double a = std::abs(scene.centerLat);
    if (scene.kind == Kind::Archive) // built-up: asphalt, roofs, parks
        return { { 120, 118, 110 }, { 196, 186, 170 }, { 48, 70, 92 }, 0.08 };
    if (a > 66)
        return { { 150, 158, 168 }, { 236, 240, 244 }, { 40, 60, 90 }, 0.18 }; // ice, rock, polar sea
    if (a > 55)
        return { { 40, 62, 38 }, { 105, 98, 66 }, { 30, 48, 70 }, 0.25 }; // boreal forest, lakes
    if (a > 35)
        return { { 78, 112, 52 }, { 176, 156, 104 }, { 36, 62, 88 }, 0.12 }; // fields, woods
    if (a > 15)
        return { { 168, 128, 86 }, { 216, 188, 136 }, { 40, 70, 100 }, 0.06 }; // desert, savanna
    return { { 28, 72, 32 }, { 72, 108, 48 }, { 60, 80, 70 }, 0.10 }; // tropical forest, muddy rivers
}

struct OpticalPixel
{
    Rgb ground; // 0..255, lit by the sun
    double vegetation; // 0..1
    bool water;
    double cloud; // opacity 0..1
};

// What the optical files show at `size` x `size`: terrain, water, and clouds over exactly
// eo:cloud_cover percent of it (the same clouds at every size).
std::vector<OpticalPixel> opticalPixels(const Scene &scene, const QByteArray &itemId, int size)
{
    Random random(itemId);
    const Biome biome = biomeFor(scene);
    const Noise coarse(random, 3);
    const Noise fine(random, scene.kind == Kind::Archive ? 40 : 11);
    const Noise clouds(random, 5);
    const double brightness
        = 0.55 + 0.45 * std::sin(std::clamp(scene.sunElevation, 5.0, 90.0) * std::numbers::pi / 180.0);
    // The threshold is the (1 - cover) quantile of the cloud field on a fixed grid.
    std::vector<float> samples = clouds.grid(64);
    const size_t cut = std::min(samples.size() - 1, size_t((1.0 - scene.cloudCover / 100.0) * double(samples.size())));
    std::nth_element(samples.begin(), samples.begin() + qsizetype(cut), samples.end());
    const double threshold = scene.cloudCover <= 0.5 ? 2.0 : samples[cut];

    const std::vector<float> land = terrain(coarse, fine, size, 0.72f);
    const std::vector<float> cloud = clouds.grid(size);
    std::vector<OpticalPixel> out(land.size());
    for (size_t i = 0; i < out.size(); ++i) {
        const double n = land[i];
        OpticalPixel &p = out[i];
        p.water = n < biome.waterLevel;
        const double t = p.water ? 0 : (n - biome.waterLevel) / (1 - biome.waterLevel);
        const Rgb ground = p.water ? biome.water : mixRgb(biome.low, biome.high, t);
        p.ground = { ground.r * brightness, ground.g * brightness, ground.b * brightness };
        p.vegetation
            = p.water ? 0 : std::clamp((ground.g - 0.5 * (ground.r + ground.b)) / 40.0 + 0.3 * (1 - t), 0.0, 1.0);
        const double c = cloud[i];
        p.cloud = c < threshold ? 0 : std::min(0.97, 0.3 + (c - threshold) / 0.16);
    }
    return out;
}

void putSample(char *&out, int bytes, double value)
{
    // Rounded by adding a half (the values are not negative): std::lround is a library call.
    if (bytes == 1) {
        *out++ = char(quint8(std::clamp(value, 0.0, 255.0) + 0.5));
    } else {
        qToLittleEndian(quint16(std::clamp(value, 0.0, 65535.0) + 0.5), out);
        out += 2;
    }
}

} // namespace

Raster visualRaster(const Scene &scene, const QByteArray &itemId)
{
    Raster raster { VisualSize, VisualSize, 3, 1, true, {} };
    raster.pixels.resize(qsizetype(VisualSize) * VisualSize * 3);
    char *out = raster.pixels.data();
    for (const OpticalPixel &p : opticalPixels(scene, itemId, VisualSize)) {
        const Rgb c = mixRgb(p.ground, { 246, 246, 248 }, p.cloud);
        putSample(out, 1, c.r);
        putSample(out, 1, c.g);
        putSample(out, 1, c.b);
    }
    return raster;
}

Raster analyticRaster(const Scene &scene, const QByteArray &itemId)
{
    const bool archive = scene.kind == Kind::Archive;
    const int bands = archive ? 4 : 6;
    Raster raster { AnalyticSize, AnalyticSize, bands, 2, false, {} };
    raster.pixels.resize(qsizetype(AnalyticSize) * AnalyticSize * bands * 2);
    char *out = raster.pixels.data();
    for (const OpticalPixel &p : opticalPixels(scene, itemId, AnalyticSize)) {
        // Reflectance from the colour, with vegetation bright in the near infrared and water dark.
        const double blue = p.ground.b / 255 * 0.3;
        const double green = p.ground.g / 255 * 0.3;
        const double red = p.ground.r / 255 * 0.3;
        const double nir = p.water ? 0.02 : 0.12 + 0.38 * p.vegetation + 0.1 * red;
        const double rededge = 0.5 * (red + nir);
        const double swir = p.water ? 0.01 : 0.08 + 0.6 * red;
        std::array<double, 6> values { blue, green, red, rededge, nir, swir };
        if (archive)
            values = { blue, green, red, nir, 0, 0 };
        for (int b = 0; b < bands; ++b)
            putSample(out, 2, (values[size_t(b)] + (0.72 - values[size_t(b)]) * p.cloud) * 10000);
    }
    return raster;
}

Raster sarRaster(const Scene &scene, const QByteArray &itemId, const QByteArray &polarization)
{
    Random random(itemId);
    const Noise coarse(random, 3);
    const Noise fine(random, 13);
    const double waterLevel = random.uniform() < 0.4 ? random.range(0.05, 0.3) : 0.0;
    // Multi-looked speckle: the amplitude of the mean of four exponential intensities, from a table of
    // its quantiles picked by random bytes.
    static const std::array<float, 256> speckleTable = [] {
        std::array<float, 256> table {};
        Random sampler("speckle");
        for (float &v : table) {
            double intensity = 0;
            for (int look = 0; look < 4; ++look)
                intensity -= std::log(1.0 - sampler.uniform()) / 4;
            v = float(std::sqrt(intensity));
        }
        return table;
    }();
    Random speckle(itemId + '/' + polarization);
    const bool cross = polarization == "HV" || polarization == "VH";
    const double gain = (cross ? 0.45 : 1.0) * (0.8 + 0.4 * std::cos(scene.incidenceAngle * std::numbers::pi / 180));
    Raster raster { SarSize, SarSize, 1, 2, false, {} };
    raster.pixels.resize(qsizetype(SarSize) * SarSize * 2);
    char *out = raster.pixels.data();
    quint64 bits = 0;
    int i = 0;
    for (const float n : terrain(coarse, fine, SarSize, 0.7f)) {
        if (i++ % 8 == 0)
            bits = speckle.next();
        const double amplitude = speckleTable[size_t(bits & 0xFF)];
        bits >>= 8;
        const double backscatter = n < waterLevel ? 0.04 : 0.25 + 0.75 * n;
        putSample(out, 2, 2000 + 14000 * gain * backscatter * amplitude);
    }
    return raster;
}

QByteArray geoTiff(const Raster &raster, double west, double south, double east, double north)
{
    enum Type : quint16
    {
        Short = 3,
        Long = 4,
        Double = 12
    };
    struct Entry
    {
        quint16 tag;
        quint16 type;
        QByteArray data; // little-endian values
    };
    const auto shorts = [](std::initializer_list<int> values) {
        QByteArray data(qsizetype(values.size()) * 2, Qt::Uninitialized);
        char *p = data.data();
        for (const int v : values) {
            qToLittleEndian(quint16(v), p);
            p += 2;
        }
        return data;
    };
    const auto repeatedShort = [](int value, int count) {
        QByteArray data(qsizetype(count) * 2, Qt::Uninitialized);
        for (int i = 0; i < count; ++i)
            qToLittleEndian(quint16(value), data.data() + i * 2);
        return data;
    };
    const auto longValue = [](quint32 value) {
        QByteArray data(4, Qt::Uninitialized);
        qToLittleEndian(value, data.data());
        return data;
    };
    const auto doubles = [](std::initializer_list<double> values) {
        QByteArray data(qsizetype(values.size()) * 8, Qt::Uninitialized);
        char *p = data.data();
        for (const double v : values) {
            qToLittleEndian(v, p);
            p += 8;
        }
        return data;
    };
    if (east < west)
        east += 360;

    const quint32 stripBytes = quint32(raster.pixels.size());
    std::vector<Entry> entries = {
        { 256, Long, longValue(quint32(raster.width)) }, // ImageWidth
        { 257, Long, longValue(quint32(raster.height)) }, // ImageLength
        { 258, Short, repeatedShort(raster.bytesPerSample * 8, raster.bands) }, // BitsPerSample
        { 259, Short, shorts({ 1 }) }, // Compression: none
        { 262, Short, shorts({ raster.rgb ? 2 : 1 }) }, // PhotometricInterpretation: RGB or BlackIsZero
        { 273, Long, longValue(0) }, // StripOffsets, set below
        { 277, Short, shorts({ raster.bands }) }, // SamplesPerPixel
        { 278, Long, longValue(quint32(raster.height)) }, // RowsPerStrip
        { 279, Long, longValue(stripBytes) }, // StripByteCounts
        { 284, Short, shorts({ 1 }) }, // PlanarConfiguration: chunky
    };
    const int extraSamples = raster.bands - (raster.rgb ? 3 : 1);
    if (extraSamples > 0)
        entries.push_back({ 338, Short, repeatedShort(0, extraSamples) }); // ExtraSamples: unspecified
    entries.push_back({ 339, Short, repeatedShort(1, raster.bands) }); // SampleFormat: unsigned integer
    entries.push_back({ 33550, Double,
        doubles({ (east - west) / raster.width, (north - south) / raster.height, 0 }) }); // ModelPixelScale
    entries.push_back({ 33922, Double, doubles({ 0, 0, 0, west, north, 0 }) }); // ModelTiepoint
    // GeoKeyDirectory: version 1.1.0, 3 keys: geographic model, pixel is area, WGS 84.
    entries.push_back({ 34735, Short, shorts({ 1, 1, 0, 3, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, 4326 }) });

    const auto sizeOf = [](quint16 type) { return type == Short ? 2 : type == Long ? 4 : 8; };
    const quint32 ifdSize = quint32(2 + entries.size() * 12 + 4);
    quint32 extraOffset = 8 + ifdSize;
    QByteArray ifd(qsizetype(ifdSize), '\0');
    QByteArray extra;
    qToLittleEndian(quint16(entries.size()), ifd.data());
    const quint32 stripOffset = [&] {
        quint32 end = extraOffset;
        for (const Entry &e : entries)
            end += e.data.size() > 4 ? quint32(e.data.size()) : 0;
        return end;
    }();
    for (size_t i = 0; i < entries.size(); ++i) {
        Entry &e = entries[i];
        if (e.tag == 273)
            e.data = longValue(stripOffset);
        char *slot = ifd.data() + 2 + i * 12;
        qToLittleEndian(e.tag, slot);
        qToLittleEndian(e.type, slot + 2);
        qToLittleEndian(quint32(e.data.size() / sizeOf(e.type)), slot + 4);
        if (e.data.size() <= 4) {
            std::copy(e.data.cbegin(), e.data.cend(), slot + 8);
        } else {
            qToLittleEndian(extraOffset + quint32(extra.size()), slot + 8);
            extra += e.data;
        }
    }
    QByteArray out;
    out.reserve(qsizetype(stripOffset + stripBytes));
    out += QByteArrayView("II\x2a\0\x08\0\0\0", 8); // little-endian TIFF, first IFD at offset 8
    out += ifd; // the next-IFD offset at its end stays 0: one image
    out += extra;
    out += raster.pixels;
    return out;
}

} // namespace StacScope::DemoCatalog
