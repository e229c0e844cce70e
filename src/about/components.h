#pragma once

#include <QList>
#include <QString>

namespace StacScope {

// A library StacScope links or loads, or a data set it ships, with its licence: what the About box
// and `stacscope --check` list. Versions are read from the libraries at run time where they tell
// (QtKeychain does not: its version is the one we were built with).
struct Component
{
    QString name;
    QString version; // empty when unknown (a library that could not be loaded, a data set)
    QString licence; // an SPDX identifier, or "public domain"
    QString url;
    QString use; // what StacScope uses it for, one sentence
};

// Qt, GDAL, GEOS, QtKeychain, OpenSSL (libcrypto, and Qt's TLS backend) and SQLite (Qt's driver).
[[nodiscard]] QList<Component> linkedLibraries();

// The data compiled into the binaries: Natural Earth and the npm packages that carry it.
[[nodiscard]] QList<Component> embeddedData();

// The version of SQLite behind Qt's QSQLITE driver (an in-memory database asked), empty when the
// driver is not installed.
[[nodiscard]] QString sqliteVersion();

// Qt's active TLS backend and the library behind it ("openssl: OpenSSL 3.0.11 19 Sep 2023"), empty
// when no backend can do TLS.
[[nodiscard]] QString tlsBackend();

} // namespace StacScope
