#pragma once

#include <QByteArrayView>

// The fuzz targets' bodies, one per parser. tests/fuzz/fuzzer.cpp wraps one of them as libFuzzer's
// LLVMFuzzerTestOneInput; tst_fuzzregressions runs the inputs that once crashed through the same
// functions in the normal test suite. Each parses the input and, when the parser accepts it, checks
// what must then hold (round trips, spans inside the buffer); a broken property aborts with a message,
// which libFuzzer reports as a crash.
namespace StacScope::Fuzz {

int itemParser(QByteArrayView data); // STAC ItemCollection page and single Item (ItemParser)
int jsonReader(QByteArrayView data); // the streaming JsonReader: walk, skip and read agree
int geoJson(QByteArrayView data); // Geometry::fromGeoJson, then its GeoJSON and WKT round trips
int wkt(QByteArrayView data); // Geometry::fromWkt, then its WKT and GeoJSON round trips
int cql2Text(QByteArrayView data); // Cql2::parseText, validate, toText and back, evaluate
int cql2Json(QByteArrayView data); // Cql2::parse of CQL2-JSON, validate, toText and back, evaluate
int aoiFile(QByteArrayView data); // AoiFile::read (GDAL: GeoJSON, KML, GPX; KMZ; WKT text) and parseText
int multihash(QByteArrayView data); // Multihash::fromHex and toHex back

// Aborts with `what` when `condition` is false: a property the parser promises does not hold.
void check(bool condition, const char *what);

} // namespace StacScope::Fuzz
