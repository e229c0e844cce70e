#pragma once

#include <QByteArray>

// Internal to the demo catalog: the pixels of the data files it serves (see demoassets.h), drawn from
// the scene's numbers so each file looks like what its item says (clouds as eo:cloud_cover, the sun's
// height, land by latitude, radar speckle), and written as small GeoTIFFs a GIS opens in place.
namespace StacScope::DemoCatalog {

struct Scene;

struct Raster
{
    int width = 0;
    int height = 0;
    int bands = 0;
    int bytesPerSample = 1; // 1 (8-bit) or 2 (16-bit, little-endian)
    bool rgb = false; // three 8-bit bands shown as colour
    QByteArray pixels; // row by row, bands interleaved
};

// True colour, 8 bit: 256 x 256 x RGB.
Raster visualRaster(const Scene &scene, const QByteArray &itemId);
// Surface reflectance x 10000, 16 bit, 128 x 128, one band per entry of the kind's eo:bands, in order.
Raster analyticRaster(const Scene &scene, const QByteArray &itemId);
// Amplitude, 16 bit, 256 x 256; cross-polarised channels (HV, VH) are darker.
Raster sarRaster(const Scene &scene, const QByteArray &itemId, const QByteArray &polarization);

// A baseline TIFF (uncompressed, one strip) with GeoTIFF tags placing it on the scene's bounding box
// in EPSG:4326 (west > east when it crosses the antimeridian: the east edge is then written past 180).
QByteArray geoTiff(const Raster &raster, double west, double south, double east, double north);

} // namespace StacScope::DemoCatalog
