#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace StacScope {

namespace JsonText {

// Valid JSON laid out one member per line, `indent` spaces a level, exactly as it came otherwise:
// members in the document's own order (QJsonDocument sorts them by key), numbers and strings byte
// for byte, empty objects and arrays as {} and []. For showing a server's document to a person.
QByteArray indented(QByteArrayView json, int indent = 4);

} // namespace JsonText

} // namespace StacScope
