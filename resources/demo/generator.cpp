// stacscope-demo-generator: writes the embedded demo catalog at build time. The core writes the STAC
// JSON (DemoCatalog, no QtGui); this build tool adds one procedurally drawn thumbnail per item and
// demo.qrc listing every file under the "/demo" prefix.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <vector>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>

#include "src/demo/democatalog.h"

using namespace Qt::StringLiterals;
using namespace StacScope;

namespace {

constexpr int Size = 96;

// splitmix64 seeded from the item id: the same item always gets the same picture.
class Random
{
public:
    explicit Random(const QByteArray &key)
    {
        for (const char c : key) // FNV-1a
            m_state = (m_state ^ quint8(c)) * 0x100000001B3ULL;
    }
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    double range(double low, double high) { return low + (high - low) * uniform(); }
    int below(int n) { return int(next() % quint64(n)); }

private:
    quint64 m_state = 0xCBF29CE484222325ULL;
};

// Smooth value noise in [0, 1): `cells` random values per side, interpolated with smoothstep.
std::vector<float> valueNoise(Random &random, int cells)
{
    std::vector<float> lattice(size_t((cells + 1) * (cells + 1)));
    for (float &v : lattice)
        v = float(random.uniform());
    std::vector<float> out(size_t(Size * Size));
    for (int y = 0; y < Size; ++y) {
        const double fy = double(y) / Size * cells;
        const int y0 = int(fy);
        const double ty = (fy - y0) * (fy - y0) * (3 - 2 * (fy - y0));
        for (int x = 0; x < Size; ++x) {
            const double fx = double(x) / Size * cells;
            const int x0 = int(fx);
            const double tx = (fx - x0) * (fx - x0) * (3 - 2 * (fx - x0));
            const auto at = [&](int i, int j) { return double(lattice[size_t(j * (cells + 1) + i)]); };
            const double top = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * tx;
            const double bottom = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * tx;
            out[size_t(y * Size + x)] = float(top + (bottom - top) * ty);
        }
    }
    return out;
}

// Two octaves: large landforms with some detail.
std::vector<float> terrainNoise(Random &random)
{
    std::vector<float> coarse = valueNoise(random, 3);
    const std::vector<float> fine = valueNoise(random, 9);
    for (size_t i = 0; i < coarse.size(); ++i) // interpolation flattens the values towards 0.5: stretch them back
        coarse[i] = std::clamp((0.72f * coarse[i] + 0.28f * fine[i] - 0.5f) * 2.2f + 0.5f, 0.0f, 0.999f);
    return coarse;
}

QRgb mixRgb(QRgb a, QRgb b, double t)
{
    const auto channel = [t](int x, int y) { return int(std::lround(x + (y - x) * t)); };
    return qRgb(channel(qRed(a), qRed(b)), channel(qGreen(a), qGreen(b)), channel(qBlue(a), qBlue(b)));
}

// Fewer distinct colours compress better; the eye does not notice at 96 px.
QRgb quantize(QRgb c, double brightness)
{
    const auto channel = [brightness](int v) { return std::clamp(int(v * brightness), 0, 255) & 0xF8; };
    return qRgb(channel(qRed(c)), channel(qGreen(c)), channel(qBlue(c)));
}

struct Biome
{
    QRgb low;
    QRgb high;
    QRgb water;
    double waterLevel;
};

// Land cover by climate zone, which is what latitude mostly decides.
Biome biomeFor(double lat, Random &random)
{
    const double a = std::abs(lat);
    if (a > 66)
        return { qRgb(150, 158, 168), qRgb(236, 240, 244), qRgb(40, 60, 90), 0.18 }; // ice, rock, polar sea
    if (a > 55)
        return { qRgb(40, 62, 38), qRgb(105, 98, 66), qRgb(30, 48, 70), 0.25 }; // boreal forest, lakes
    if (a > 35)
        return { qRgb(78, 112, 52), qRgb(176, 156, 104), qRgb(36, 62, 88), 0.12 }; // fields, woods
    if (a > 15 && random.below(3) != 0)
        return { qRgb(168, 128, 86), qRgb(216, 188, 136), qRgb(40, 70, 100), 0.06 }; // desert, savanna
    return { qRgb(28, 72, 32), qRgb(72, 108, 48), qRgb(60, 80, 70), 0.10 }; // tropical forest, muddy rivers
}

// Clouds cover exactly the share of pixels that eo:cloud_cover says, with soft edges.
void addClouds(QImage &image, Random &random, double cloudCover)
{
    if (cloudCover <= 0.5)
        return;
    const std::vector<float> field = valueNoise(random, 5);
    std::vector<float> sorted = field;
    const size_t cut = std::min(sorted.size() - 1, size_t((1.0 - cloudCover / 100.0) * double(sorted.size())));
    std::nth_element(sorted.begin(), sorted.begin() + qsizetype(cut), sorted.end());
    const float threshold = sorted[cut];
    for (int y = 0; y < Size; ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < Size; ++x) {
            const float n = field[size_t(y * Size + x)];
            if (n < threshold)
                continue;
            const double density = std::min(0.97, 0.3 + (n - threshold) / 0.16);
            line[x] = quantize(mixRgb(line[x], qRgb(246, 246, 248), density), 1.0);
        }
    }
}

// 10 m multispectral: landforms coloured by climate zone, water, and the sun's height.
QImage drawOptical(Random &random, double lat, double sunElevation, double cloudCover)
{
    QImage image(Size, Size, QImage::Format_RGB32);
    const Biome biome = biomeFor(lat, random);
    const std::vector<float> terrain = terrainNoise(random);
    const double brightness = 0.55 + 0.45 * std::sin(std::clamp(sunElevation, 5.0, 90.0) * std::numbers::pi / 180.0);
    for (int y = 0; y < Size; ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < Size; ++x) {
            const double n = terrain[size_t(y * Size + x)];
            const QRgb ground = n < biome.waterLevel
                ? biome.water
                : mixRgb(biome.low, biome.high, (n - biome.waterLevel) / (1 - biome.waterLevel));
            line[x] = quantize(ground, brightness);
        }
    }
    if (std::abs(lat) > 35 && std::abs(lat) <= 55) { // field patchwork in the temperate belt
        QPainter painter(&image);
        painter.translate(Size / 2.0, Size / 2.0);
        painter.rotate(random.range(-30, 30));
        for (int i = 0; i < 14; ++i) {
            const QRgb colour = mixRgb(biome.low, biome.high, random.uniform());
            painter.fillRect(
                QRectF(random.range(-60, 50), random.range(-60, 50), random.range(6, 18), random.range(6, 18)),
                QColor::fromRgb(quantize(colour, brightness)));
        }
    }
    addClouds(image, random, cloudCover);
    return image;
}

// 0.5 m archive: a town seen from above, blocks between streets, roofs and trees.
QImage drawArchive(Random &random, double cloudCover)
{
    QImage image(Size, Size, QImage::Format_RGB32);
    image.fill(QColor(134, 130, 118));
    static const QRgb roofs[] = { qRgb(168, 72, 56), qRgb(200, 200, 196), qRgb(112, 112, 120), qRgb(150, 96, 70),
        qRgb(80, 88, 96), qRgb(216, 208, 184) };
    QPainter painter(&image);
    painter.translate(Size / 2.0, Size / 2.0);
    painter.rotate(random.range(-45, 45));
    const int block = 12 + random.below(8);
    const int street = 3 + random.below(2);
    for (int by = -Size; by < Size; by += block) {
        for (int bx = -Size; bx < Size; bx += block) {
            const QRectF lot(bx + street, by + street, block - street, block - street);
            if (random.below(7) == 0) { // a park
                painter.fillRect(lot, QColor(64, 104, 56));
                for (int t = 0; t < 3; ++t)
                    painter.fillRect(QRectF(lot.x() + random.range(0, lot.width() - 3),
                                         lot.y() + random.range(0, lot.height() - 3), 3, 3),
                        QColor(40, 72, 40));
                continue;
            }
            painter.fillRect(lot, QColor(150, 146, 134));
            const int houses = 1 + random.below(3);
            for (int h = 0; h < houses; ++h) {
                const double w = random.range(3, lot.width() - 1);
                const double d = random.range(3, lot.height() / houses);
                painter.fillRect(
                    QRectF(lot.x() + random.range(0, lot.width() - w), lot.y() + h * lot.height() / houses, w, d),
                    QColor::fromRgb(roofs[random.below(int(std::size(roofs)))]));
            }
        }
    }
    painter.end();
    addClouds(image, random, cloudCover);
    return image;
}

// X-band SAR: fields of different backscatter under multi-looked speckle, dark smooth water, bright
// roads, ridges and ships.
QImage drawSar(Random &random)
{
    QImage image(Size, Size, QImage::Format_Grayscale8);
    const std::vector<float> terrain = terrainNoise(random);
    for (int y = 0; y < Size; ++y) {
        uchar *line = image.scanLine(y);
        for (int x = 0; x < Size; ++x)
            line[x] = uchar(45 + terrain[size_t(y * Size + x)] * 80);
    }
    QPainter painter(&image);
    painter.translate(Size / 2.0, Size / 2.0);
    painter.rotate(random.range(-40, 40));
    for (int i = 0; i < 8 + random.below(10); ++i) {
        const int level = 35 + random.below(100);
        painter.fillRect(QRectF(random.range(-64, 48), random.range(-64, 48), random.range(8, 26), random.range(8, 26)),
            QColor(level, level, level));
    }
    painter.end();

    const double waterLevel = random.uniform() < 0.4 ? random.range(0.05, 0.3) : 0.0;
    std::vector<double> speckle(size_t(Size * Size / 4));
    for (double &s : speckle) // exponential intensity with mean 1, a few levels only
        s = std::min(2.5, std::round(-std::log(1.0 - random.uniform()) * 4.0) / 4.0);
    for (int y = 0; y < Size; ++y) {
        uchar *line = image.scanLine(y);
        for (int x = 0; x < Size; ++x) {
            if (terrain[size_t(y * Size + x)] < waterLevel) {
                line[x] = 16;
                continue;
            }
            const double s = speckle[size_t((y / 2) * (Size / 2) + x / 2)];
            line[x] = uchar(std::min(255, int(line[x] * (0.62 + 0.38 * s))) & 0xF8);
        }
    }

    painter.begin(&image);
    painter.setPen(QPen(QColor(236, 236, 236), 1));
    for (int i = 0; i < 1 + random.below(4); ++i) { // roads, rails, ridges: strong double bounce
        QPointF p(random.range(0, Size), random.range(0, Size));
        const double heading = random.range(0, 2 * std::numbers::pi);
        for (int s = 0; s < 6; ++s) {
            const double turn = heading + random.range(-0.3, 0.3);
            const QPointF q = p + QPointF(std::cos(turn), std::sin(turn)) * 18;
            painter.drawLine(p, q);
            p = q;
        }
    }
    for (int i = 0; i < random.below(6); ++i) { // ships and buildings: bright points
        const QPointF at(random.range(2, Size - 3), random.range(2, Size - 3));
        painter.fillRect(QRectF(at, QSizeF(2, 2)), QColor(255, 255, 255));
    }
    return image;
}

QImage drawThumbnail(const QJsonObject &item)
{
    Random random(item.value(u"id"_s).toString().toUtf8());
    const QJsonObject properties = item.value(u"properties"_s).toObject();
    const QJsonArray bbox = item.value(u"bbox"_s).toArray();
    const double lat = (bbox.at(1).toDouble() + bbox.at(3).toDouble()) / 2;
    if (properties.contains(u"sar:instrument_mode"_s))
        return drawSar(random);
    const double cloudCover = properties.value(u"eo:cloud_cover"_s).toDouble();
    if (item.value(u"collection"_s).toString().contains(u"archive"_s))
        return drawArchive(random, cloudCover);
    return drawOptical(random, lat, properties.value(u"view:sun_elevation"_s).toDouble(), cloudCover);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv); // QImage and QPainter on images need no GUI application
    QCoreApplication::setApplicationName(u"stacscope-demo-generator"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Writes StacScope's demo catalog with thumbnails and demo.qrc."_s);
    parser.addHelpOption();
    parser.addOption({ u"items"_s, u"Number of items (default %1)."_s.arg(DemoCatalog::EmbeddedItemCount), u"n"_s });
    parser.addPositionalArgument(u"folder"_s, u"Where to write the catalog."_s);
    parser.process(app);
    if (parser.positionalArguments().size() != 1)
        parser.showHelp(2);
    const QDir root(parser.positionalArguments().constFirst());
    const int items = parser.isSet(u"items"_s) ? parser.value(u"items"_s).toInt() : DemoCatalog::EmbeddedItemCount;

    const DemoCatalog::Options options;
    QString error;
    if (!DemoCatalog::writeStaticCatalog(root.path(), items, options, &error)) {
        std::fprintf(stderr, "stacscope-demo-generator: %s\n", qPrintable(error));
        return 1;
    }

    QStringList files = { u"catalog.json"_s };
    for (const QString &id : options.collections)
        files.append(id + u"/collection.json"_s);
    qint64 thumbnailBytes = 0;
    for (int i = 0; i < items; ++i) {
        files.append(DemoCatalog::itemPath(i, options));
        const QString thumbnail = DemoCatalog::thumbnailPath(i, options);
        QFile written(root.filePath(DemoCatalog::itemPath(i, options))); // not generated twice: it takes time
        if (!written.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "stacscope-demo-generator: cannot read %s\n", qPrintable(written.fileName()));
            return 1;
        }
        QImage image = drawThumbnail(QJsonDocument::fromJson(written.readAll()).object());
        if (image.format() != QImage::Format_Grayscale8) // a palette: fewer bytes, the same look at this size
            image = image.convertToFormat(QImage::Format_Indexed8, Qt::ThresholdDither | Qt::AvoidDither);
        if (!root.mkpath(QFileInfo(thumbnail).path()) || !image.save(root.filePath(thumbnail), "PNG")) {
            std::fprintf(stderr, "stacscope-demo-generator: cannot write %s\n", qPrintable(root.filePath(thumbnail)));
            return 1;
        }
        thumbnailBytes += QFileInfo(root.filePath(thumbnail)).size();
        files.append(thumbnail);
    }

    // The digest of everything listed goes into demo.qrc, which is rewritten only when it changes: the
    // build then skips rcc and the compilation of its large output when the catalog came out the same.
    QCryptographicHash digest(QCryptographicHash::Sha256);
    qint64 totalBytes = 0;
    QByteArray qrc = "<!DOCTYPE RCC>\n<RCC version=\"1.0\">\n<qresource prefix=\"/demo\">\n";
    for (const QString &file : std::as_const(files)) {
        QFile in(root.filePath(file));
        if (!in.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "stacscope-demo-generator: cannot read %s\n", qPrintable(in.fileName()));
            return 1;
        }
        const QByteArray bytes = in.readAll();
        totalBytes += bytes.size();
        digest.addData(file.toUtf8());
        digest.addData(bytes);
        qrc += "<file>" + file.toHtmlEscaped().toUtf8() + "</file>\n";
    }
    qrc += "</qresource>\n</RCC>\n<!-- content sha256 " + digest.result().toHex() + " -->\n";

    QFile existing(root.filePath(u"demo.qrc"_s));
    if (!existing.open(QIODevice::ReadOnly) || existing.readAll() != qrc) {
        existing.close();
        QFile out(root.filePath(u"demo.qrc"_s));
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(qrc) != qrc.size()) {
            std::fprintf(stderr, "stacscope-demo-generator: cannot write %s\n", qPrintable(out.fileName()));
            return 1;
        }
    }
    std::printf("demo catalog: %d items, %lld bytes (thumbnails %lld bytes, %.1f KB each) in %s\n", items, totalBytes,
        thumbnailBytes, items > 0 ? double(thumbnailBytes) / items / 1024.0 : 0.0,
        qPrintable(QDir::toNativeSeparators(root.absolutePath())));
    return 0;
}
