#include <span>

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QXmlStreamWriter>

#include "src/geo/aoifile.h"

// AoiFile's writers: plain text formats written by hand, so export needs no GDAL driver.

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

bool fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return false;
}

QByteArray geoJsonBytes(const QList<ImportedAoi> &aois)
{
    QJsonArray features;
    for (const ImportedAoi &aoi : aois) {
        features.append(
            QJsonObject { { u"type"_s, u"Feature"_s }, { u"properties"_s, QJsonObject { { u"name"_s, aoi.name } } },
                { u"geometry"_s, aoi.geometry.toGeoJson() } });
    }
    return QJsonDocument(QJsonObject { { u"type"_s, u"FeatureCollection"_s }, { u"features"_s, features } })
        .toJson(QJsonDocument::Indented);
}

void writeKmlRing(QXmlStreamWriter &xml, const char *boundary, std::span<const double> ring)
{
    QString coordinates;
    for (size_t i = 0; i + 1 < ring.size(); i += 2) {
        if (i > 0) {
            coordinates += u' ';
        }
        coordinates += QString::number(ring[i], 'g', 15) + u',' + QString::number(ring[i + 1], 'g', 15);
    }
    xml.writeStartElement(QString::fromLatin1(boundary));
    xml.writeStartElement(u"LinearRing"_s);
    xml.writeTextElement(u"coordinates"_s, coordinates);
    xml.writeEndElement();
    xml.writeEndElement();
}

QByteArray kmlBytes(const QList<ImportedAoi> &aois, const QString &documentName)
{
    QByteArray bytes;
    QXmlStreamWriter xml(&bytes);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeDefaultNamespace(u"http://www.opengis.net/kml/2.2"_s);
    xml.writeStartElement(u"kml"_s);
    xml.writeStartElement(u"Document"_s);
    xml.writeTextElement(u"name"_s, documentName);
    for (const ImportedAoi &aoi : aois) {
        const Geometry &g = aoi.geometry;
        xml.writeStartElement(u"Placemark"_s);
        xml.writeTextElement(u"name"_s, aoi.name);
        if (g.partCount() > 1) {
            xml.writeStartElement(u"MultiGeometry"_s);
        }
        std::uint32_t ring = 0;
        for (const std::uint32_t partEnd : g.partEnds()) {
            xml.writeStartElement(u"Polygon"_s);
            for (const std::uint32_t first = ring; ring < partEnd; ++ring) {
                writeKmlRing(xml, ring == first ? "outerBoundaryIs" : "innerBoundaryIs", g.ring(int(ring)));
            }
            xml.writeEndElement();
        }
        if (g.partCount() > 1) {
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    xml.writeEndDocument();
    return bytes;
}

} // namespace

bool AoiFile::write(const QString &path, const QList<ImportedAoi> &aois, Format format, QString *error)
{
    const QString fileName = QFileInfo(path).fileName();
    if (aois.isEmpty()) {
        fail(error, u"cannot write %1: there is no AOI to export"_s.arg(fileName));
        return false;
    }
    for (const ImportedAoi &aoi : aois) {
        if (!aoi.geometry.isAreal() || aoi.geometry.isEmpty()) {
            fail(error, u"cannot write %1: AOI \"%2\" is not a polygon"_s.arg(fileName, aoi.name));
            return false;
        }
    }
    QByteArray bytes;
    switch (format) {
    case Format::GeoJson:
        bytes = geoJsonBytes(aois);
        break;
    case Format::Kml:
        bytes = kmlBytes(aois, QFileInfo(path).completeBaseName());
        break;
    case Format::Wkt:
        for (const ImportedAoi &aoi : aois) {
            bytes += aoi.geometry.toWkt().toUtf8() + '\n';
        }
        break;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        fail(error, u"cannot write %1: %2"_s.arg(fileName, file.errorString()));
        return false;
    }
    return true;
}

std::optional<AoiFile::Format> AoiFile::formatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"geojson"_s || suffix == u"json"_s) {
        return Format::GeoJson;
    }
    if (suffix == u"kml"_s) {
        return Format::Kml;
    }
    if (suffix == u"wkt"_s || suffix == u"txt"_s) {
        return Format::Wkt;
    }
    return std::nullopt;
}

} // namespace StacScope
