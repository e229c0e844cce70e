#pragma once

#include <optional>

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace StacScope::CliText {

// One line on stdout (people-readable output; progress and problems go to stderr).
void printLine(const QString &line);
// "2026-12-06 10:48Z"; "-" for an invalid time.
QString timeText(const QDateTime &t);
// TARGET: "lon,lat", WKT, or a GeoJSON file (a geometry, a Feature, or a one-feature collection),
// as a GeoJSON geometry; nullopt with `error` set when it is none of them.
std::optional<QJsonObject> parseTarget(const QString &text, QString *error);

} // namespace StacScope::CliText
