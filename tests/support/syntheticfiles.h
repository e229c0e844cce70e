#pragma once

#include <utility>

#include <QByteArray>
#include <QList>
#include <QString>

// Small, valid files built byte by byte, for emulators that must serve real formats from a
// library without QtGui: a client may decode the PNG, open the GeoTIFF with GDAL or list the
// ZIP. Same inputs, same bytes.
namespace StacScope::SyntheticFiles {

// CRC-32 (ISO-HDLC, as zlib, PNG and ZIP use it).
quint32 crc32(const QByteArray &data, quint32 crc = 0);
// A deterministic seed from a name (stable across runs, unlike qHash).
int seedFor(const QString &name);

// An 8-bit RGB PNG with a gradient pattern that differs by seed.
QByteArray png(int width, int height, int seed);

struct GeoTiffOptions
{
    int width = 128;
    int height = 128;
    int bands = 3; // 3: RGB; otherwise grey plus extra samples
    int epsg = 4326;
    double originX = 0; // upper-left corner in the CRS
    double originY = 0;
    double pixelSize = 1;
    int seed = 1;
};
// An uncompressed, single-strip, 8-bit GeoTIFF georeferenced by a tie point, a pixel scale and
// the EPSG code of a projected (or geographic for 4326) CRS.
QByteArray geoTiff(const GeoTiffOptions &options);

// A ZIP of stored (uncompressed) entries. When `totalSize` is larger than the archive would be,
// the last entry is padded with deterministic bytes so that the archive has exactly that size.
QByteArray storedZip(QList<std::pair<QString, QByteArray>> entries, qint64 totalSize = -1, int seed = 1);

} // namespace StacScope::SyntheticFiles
