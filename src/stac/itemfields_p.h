#pragma once

#include <string_view>

#include <QString>
#include <QStringList>

#include "src/stac/jsonreader.h"

namespace StacScope::ItemFields {

// Readers of one typed STAC field for ItemParser: a value of the wrong type is skipped with a
// warning naming its path; null means "unknown".
QString fromView(std::string_view v);
QString typeMismatch(const QString &path, const QString &expected, JsonReader::Kind found);
void readFloat(JsonReader &reader, const QString &path, float *out, QStringList *warnings);
void readText(JsonReader &reader, const QString &path, QString *out, QStringList *warnings);
// A list of strings joined with ','; a bare string is taken as a list of one.
void readTextList(JsonReader &reader, const QString &path, QString *out, QStringList *warnings);
// An RFC 3339 instant as milliseconds since the epoch.
void readTime(JsonReader &reader, const QString &path, qint64 *out, QStringList *warnings);

} // namespace StacScope::ItemFields
