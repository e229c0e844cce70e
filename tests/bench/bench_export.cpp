// Export benchmark: 100,000 results (demo catalog items of about 2.5 KB, parsed into an ItemStore
// as a search stores them) written by ItemExport to each of its formats, beside GDAL's ogr2ogr
// converting our GeoJSON file to GeoJSON and to GeoPackage in the same run. Each figure is the
// median of three rounds; every output is opened by ogrinfo to print its feature count, so a fast
// but wrong file shows. Prints one JSON line per case.
//   bench_export [ITEMS]
#include <algorithm>
#include <cstdio>
#include <vector>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "src/demo/democatalog.h"
#include "src/stac/itemexport.h"
#include "src/stac/itemparser.h"
#include "src/stac/itemsnapshot.h"
#include "src/stac/itemstore.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

constexpr int kRounds = 3;

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double rounded(double v)
{
    return qRound(v * 10) / 10.0;
}

// The feature count ogrinfo reads from a file's first layer, or -1.
qint64 ogrCount(const QString &path)
{
    QProcess p;
    p.start(u"ogrinfo"_s, { u"-ro"_s, u"-so"_s, u"-al"_s, path });
    if (!p.waitForFinished(600000) || p.exitCode() != 0) {
        return -1;
    }
    const QRegularExpressionMatch m
        = QRegularExpression(u"Feature Count: (\\d+)"_s).match(QString::fromUtf8(p.readAllStandardOutput()));
    return m.hasMatch() ? m.captured(1).toLongLong() : -1;
}

void print(const QJsonObject &o)
{
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int items = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "bench_export: no temporary folder\n");
        return 1;
    }

    ItemStore store;
    const ItemParser parser;
    for (int first = 0; first < items; first += 1000) {
        const QByteArray page = DemoCatalog::featureCollection(first, std::min(1000, items - first));
        ItemPage parsed = parser.parsePage(page);
        if (!parsed.ok()) {
            std::fprintf(stderr, "bench_export: %s\n", qPrintable(parsed.error));
            return 1;
        }
        store.append(std::move(parsed), page);
    }
    std::vector<int> rows(size_t(store.size()));
    for (int i = 0; i < store.size(); ++i) {
        rows[size_t(i)] = i;
    }
    const ItemSnapshot snapshot(store, rows);

    QString ourGeoJson;
    for (const ExportFormat format : ItemExport::kFormats) {
        const QString path = dir.filePath(u"ours."_s + ItemExport::suffix(format));
        std::vector<double> ms;
        int written = 0;
        for (int round = 0; round < kRounds; ++round) {
            QFile::remove(path);
            QElapsedTimer timer;
            timer.start();
            const ExportResult result = ItemExport::write(snapshot, path, format);
            ms.push_back(double(timer.nsecsElapsed()) / 1e6);
            if (!result.ok) {
                std::fprintf(stderr, "bench_export: %s\n", qPrintable(result.error));
                return 1;
            }
            written = result.written;
        }
        if (format == ExportFormat::FeatureCollection) {
            ourGeoJson = path;
        }
        // ogrinfo reads CSV geometry only when told to; its row count is enough there.
        print(QJsonObject { { u"bench"_s, u"export"_s }, { u"tool"_s, u"stacscope"_s },
            { u"format"_s, ItemExport::formatName(format) }, { u"items"_s, items }, { u"written"_s, written },
            { u"median_ms"_s, rounded(median(ms)) }, { u"mb"_s, rounded(double(QFileInfo(path).size()) / 1e6) },
            { u"ogrinfo_count"_s, ogrCount(path) } });
    }

    if (QStandardPaths::findExecutable(u"ogr2ogr"_s).isEmpty()) {
        print(QJsonObject {
            { u"bench"_s, u"export"_s }, { u"tool"_s, u"ogr2ogr"_s }, { u"skipped"_s, u"not installed"_s } });
        return 0;
    }
    // The peer: GDAL converting our FeatureCollection (already on disk) to the same two formats.
    const std::pair<QString, QString> peers[] = { { u"GeoJSON"_s, u"geojson"_s }, { u"GPKG"_s, u"gpkg"_s } };
    for (const auto &[driver, suffix] : peers) {
        const QString path = dir.filePath(u"ogr2ogr."_s + suffix);
        std::vector<double> ms;
        for (int round = 0; round < kRounds; ++round) {
            QFile::remove(path);
            QProcess p;
            QElapsedTimer timer;
            timer.start();
            p.start(u"ogr2ogr"_s, { u"-f"_s, driver, path, ourGeoJson });
            if (!p.waitForFinished(1800000) || p.exitCode() != 0) {
                std::fprintf(stderr, "bench_export: ogr2ogr failed: %s\n", p.readAllStandardError().constData());
                return 1;
            }
            ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        print(QJsonObject { { u"bench"_s, u"export"_s }, { u"tool"_s, u"ogr2ogr"_s }, { u"format"_s, driver },
            { u"items"_s, items }, { u"median_ms"_s, rounded(median(ms)) },
            { u"mb"_s, rounded(double(QFileInfo(path).size()) / 1e6) }, { u"ogrinfo_count"_s, ogrCount(path) } });
    }
    return 0;
}
