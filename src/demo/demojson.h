#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// Internal to DemoCatalog: compact JSON written by hand, so that the bytes (key order, number
// formatting) are fixed and generating 100,000 items stays fast.
namespace StacScope::DemoCatalog::Json {

void appendString(QByteArray &out, const QByteArray &utf8);
void appendString(QByteArray &out, const QString &text);
// ,"key":"value" (the leading comma is left out when `first`)
void field(QByteArray &out, const char *key, const QByteArray &value, bool first = false);
// ,"key":<raw JSON>
void rawField(QByteArray &out, const char *key, const QByteArray &json, bool first = false);
// ,{"rel":...,"href":...,"type":...}
void appendLink(QByteArray &out, bool first, const char *rel, const QByteArray &href, const char *type);
QByteArray stringArray(const QStringList &values);
// Fixed decimals, never "-0.000".
QByteArray number(double value, int decimals);
// RFC 3339 UTC with milliseconds, e.g. 2023-06-12T10:17:56.894Z
QByteArray formatTime(qint64 msecsSinceEpoch);

} // namespace StacScope::DemoCatalog::Json
