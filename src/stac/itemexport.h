#pragma once

#include <optional>
#include <vector>

#include <QByteArray>
#include <QString>

namespace StacScope {

class ItemStore;

// A GeoJSON FeatureCollection of some rows of a result store, each item exactly as the server
// sent it (as stacscope-cli search prints it, and as QGIS and the console clients read it).
QByteArray featureCollection(const ItemStore &store, const std::vector<int> &rows, std::optional<qint64> matched = {});

// Writes it atomically to `path`; false with `error` set when it could not be written.
bool writeFeatureCollection(const QString &path, const ItemStore &store, const std::vector<int> &rows, QString *error);

} // namespace StacScope
