#include "tests/support/syntheticfiles.h"

#include <algorithm>
#include <array>
#include <cstring>

#include <QCryptographicHash>
#include <QtEndian>

#include "tests/support/testbytes.h"

namespace StacScope::SyntheticFiles {

namespace {

const std::array<quint32, 256> &crcTable()
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t {};
        for (quint32 n = 0; n < 256; ++n) {
            quint32 c = n;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    return table;
}

void appendBigEndian32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToBigEndian(value, bytes);
    out.append(bytes, 4);
}

void append16(QByteArray &out, quint16 value)
{
    char bytes[2];
    qToLittleEndian(value, bytes);
    out.append(bytes, 2);
}

void append32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

void appendDouble(QByteArray &out, double value)
{
    quint64 bits = 0;
    static_assert(sizeof(bits) == sizeof(value));
    std::memcpy(&bits, &value, sizeof(bits));
    char bytes[8];
    qToLittleEndian(bits, bytes);
    out.append(bytes, 8);
}

void appendPngChunk(QByteArray &out, const char *type, const QByteArray &data)
{
    appendBigEndian32(out, quint32(data.size()));
    const QByteArray typed = QByteArray(type, 4) + data;
    out.append(typed);
    appendBigEndian32(out, crc32(typed));
}

quint8 pattern(int x, int y, int channel, int seed)
{
    // Smooth gradients with a seed-dependent tint and a coarse checker, so that images of
    // different items look different and compress a little. Unsigned arithmetic: a large seed
    // wraps (only the low byte is kept) instead of overflowing an int.
    const unsigned ux = unsigned(x), uy = unsigned(y), useed = unsigned(seed);
    const unsigned checker = ((x / 16) + (y / 16)) % 2 == 0 ? 24 : 0;
    switch (channel % 4) {
    case 0:
        return quint8((ux * 3 + useed * 37 + checker) & 0xff);
    case 1:
        return quint8((uy * 3 + useed * 91 + checker) & 0xff);
    case 2:
        return quint8(((ux + uy) * 2 + useed * 13) & 0xff);
    default:
        return quint8(((ux ^ uy) + useed * 7) & 0xff);
    }
}

} // namespace

quint32 crc32(const QByteArray &data, quint32 crc)
{
    const std::array<quint32, 256> &table = crcTable();
    crc = ~crc;
    for (const char c : data)
        crc = table[(crc ^ quint8(c)) & 0xff] ^ (crc >> 8);
    return ~crc;
}

int seedFor(const QString &name)
{
    const QByteArray digest = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256);
    return int(qFromBigEndian<quint32>(digest.constData()) & 0x7fffffff);
}

QByteArray png(int width, int height, int seed)
{
    QByteArray raw;
    raw.reserve(qsizetype(height) * (1 + 3 * width));
    for (int y = 0; y < height; ++y) {
        raw.append('\0'); // filter type None
        for (int x = 0; x < width; ++x) {
            for (int channel = 0; channel < 3; ++channel)
                raw.append(char(pattern(x, y, channel, seed)));
        }
    }
    QByteArray header;
    appendBigEndian32(header, quint32(width));
    appendBigEndian32(header, quint32(height));
    header.append("\x08\x02\x00\x00\x00", 5); // 8 bits, truecolour, deflate, no filter, no interlace

    QByteArray out("\x89PNG\r\n\x1a\n", 8);
    appendPngChunk(out, "IHDR", header);
    // qCompress() is a zlib stream behind a 4-byte length prefix of its own.
    appendPngChunk(out, "IDAT", qCompress(raw, 6).mid(4));
    appendPngChunk(out, "IEND", {});
    return out;
}

QByteArray geoTiff(const GeoTiffOptions &options)
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
        quint32 count;
        QByteArray data; // little-endian values
    };
    const auto shorts = [](const QList<quint16> &values) {
        QByteArray data;
        for (const quint16 value : values)
            append16(data, value);
        return data;
    };
    const auto longValue = [](quint32 value) {
        QByteArray data;
        append32(data, value);
        return data;
    };
    const auto doubles = [](const QList<double> &values) {
        QByteArray data;
        for (const double value : values)
            appendDouble(data, value);
        return data;
    };

    const int bands = std::max(1, options.bands);
    const bool rgb = bands >= 3;
    const int extraSamples = rgb ? bands - 3 : bands - 1;
    const quint32 imageBytes = quint32(options.width) * quint32(options.height) * quint32(bands);
    const bool geographic = options.epsg == 4326;

    QList<Entry> entries {
        { 256, Long, 1, longValue(quint32(options.width)) }, { 257, Long, 1, longValue(quint32(options.height)) },
        { 258, Short, quint32(bands), shorts(QList<quint16>(bands, 8)) },
        { 259, Short, 1, shorts({ 1 }) }, // no compression
        { 262, Short, 1, shorts({ quint16(rgb ? 2 : 1) }) },
        { 273, Long, 1, longValue(0) }, // strip offset, patched below
        { 277, Short, 1, shorts({ quint16(bands) }) }, { 278, Long, 1, longValue(quint32(options.height)) },
        { 279, Long, 1, longValue(imageBytes) }, { 284, Short, 1, shorts({ 1 }) }, // chunky
    };
    if (extraSamples > 0)
        entries.append({ 338, Short, quint32(extraSamples), shorts(QList<quint16>(extraSamples, 0)) });
    entries.append({ 33550, Double, 3, doubles({ options.pixelSize, options.pixelSize, 0 }) });
    entries.append({ 33922, Double, 6, doubles({ 0, 0, 0, options.originX, options.originY, 0 }) });
    // GeoKeyDirectory: version 1.1.0, three keys sorted by id.
    const QList<quint16> keys { 1, 1, 0, 3, //
        1024, 0, 1, quint16(geographic ? 2 : 1), // GTModelType: projected or geographic
        1025, 0, 1, 1, // GTRasterType: PixelIsArea
        quint16(geographic ? 2048 : 3072), 0, 1, quint16(options.epsg) };
    entries.append({ 34735, Short, quint32(keys.size()), shorts(keys) });

    const quint32 ifdOffset = 8;
    const quint32 ifdSize = 2 + quint32(entries.size()) * 12 + 4;
    quint32 dataOffset = ifdOffset + ifdSize;
    QByteArray outOfLine;
    QByteArray ifd;
    append16(ifd, quint16(entries.size()));
    qsizetype stripOffsetPosition = -1;
    for (const Entry &entry : std::as_const(entries)) {
        append16(ifd, entry.tag);
        append16(ifd, entry.type);
        append32(ifd, entry.count);
        if (entry.tag == 273)
            stripOffsetPosition = ifd.size();
        if (entry.data.size() <= 4) {
            ifd.append(entry.data);
            ifd.append(QByteArray(4 - entry.data.size(), '\0'));
        } else {
            append32(ifd, dataOffset + quint32(outOfLine.size()));
            outOfLine.append(entry.data);
            if (outOfLine.size() % 2 != 0)
                outOfLine.append('\0'); // values start on a word boundary
        }
    }
    append32(ifd, 0); // no next IFD
    const quint32 stripOffset = dataOffset + quint32(outOfLine.size());
    QByteArray patched;
    append32(patched, stripOffset);
    ifd.replace(stripOffsetPosition, 4, patched);

    QByteArray out("II*\0", 4);
    append32(out, ifdOffset);
    out.append(ifd);
    out.append(outOfLine);
    out.reserve(out.size() + imageBytes);
    for (int y = 0; y < options.height; ++y) {
        for (int x = 0; x < options.width; ++x) {
            for (int band = 0; band < bands; ++band)
                out.append(char(pattern(x, y, band, options.seed)));
        }
    }
    return out;
}

QByteArray storedZip(QList<std::pair<QString, QByteArray>> entries, qint64 totalSize, int seed)
{
    const auto overhead = [&entries] {
        qint64 size = 22; // end of central directory
        for (const auto &[name, data] : std::as_const(entries))
            size += 30 + 46 + 2 * name.toUtf8().size() + data.size();
        return size;
    };
    if (!entries.isEmpty() && totalSize > overhead())
        entries.last().second.append(TestBytes::testData(totalSize - overhead(), seed));

    const quint16 dosTime = 0;
    const quint16 dosDate = quint16(((2024 - 1980) << 9) | (1 << 5) | 1);
    QByteArray out;
    QByteArray central;
    for (const auto &[name, data] : std::as_const(entries)) {
        const QByteArray encodedName = name.toUtf8();
        const quint32 crc = crc32(data);
        const quint32 offset = quint32(out.size());
        append32(out, 0x04034b50);
        append16(out, 10); // version needed: stored
        append16(out, 0x0800); // UTF-8 names
        append16(out, 0); // stored
        append16(out, dosTime);
        append16(out, dosDate);
        append32(out, crc);
        append32(out, quint32(data.size()));
        append32(out, quint32(data.size()));
        append16(out, quint16(encodedName.size()));
        append16(out, 0);
        out.append(encodedName);
        out.append(data);

        append32(central, 0x02014b50);
        append16(central, 20); // made by: MS-DOS, 2.0
        append16(central, 10);
        append16(central, 0x0800);
        append16(central, 0);
        append16(central, dosTime);
        append16(central, dosDate);
        append32(central, crc);
        append32(central, quint32(data.size()));
        append32(central, quint32(data.size()));
        append16(central, quint16(encodedName.size()));
        append16(central, 0); // extra
        append16(central, 0); // comment
        append16(central, 0); // disk
        append16(central, 0); // internal attributes
        append32(central, 0); // external attributes
        append32(central, offset);
        central.append(encodedName);
    }
    const quint32 centralOffset = quint32(out.size());
    out.append(central);
    append32(out, 0x06054b50);
    append16(out, 0);
    append16(out, 0);
    append16(out, quint16(entries.size()));
    append16(out, quint16(entries.size()));
    append32(out, quint32(central.size()));
    append32(out, centralOffset);
    append16(out, 0);
    return out;
}

} // namespace StacScope::SyntheticFiles
