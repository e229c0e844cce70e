#include "src/stac/itemexport.h"

#include <QSaveFile>

#include "src/stac/itemstore.h"

namespace StacScope {

QByteArray featureCollection(const ItemStore &store, const std::vector<int> &rows, std::optional<qint64> matched)
{
    QByteArray out;
    out.reserve(qsizetype(store.rawBytes()) + 256);
    out += "{\"type\":\"FeatureCollection\",";
    if (matched) {
        out += "\"numberMatched\":" + QByteArray::number(*matched) + ',';
    }
    out += "\"numberReturned\":" + QByteArray::number(qint64(rows.size())) + ",\"features\":[\n";
    bool first = true;
    for (int row : rows) {
        if (!first) {
            out += ",\n";
        }
        first = false;
        out += store.rawJson(row);
    }
    out += "\n]}\n";
    return out;
}

bool writeFeatureCollection(const QString &path, const ItemStore &store, const std::vector<int> &rows, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(featureCollection(store, rows)) < 0 || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace StacScope
