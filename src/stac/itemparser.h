#pragma once

#include <optional>
#include <vector>

#include <QByteArray>
#include <QStringList>
#include <QUrl>

#include "src/stac/itemrecord.h"
#include "src/stac/staclink.h"

namespace StacScope {

class JsonReader;

// One parsed STAC Item or one page of an ItemCollection, read with the streaming JsonReader.
// Tolerant: optional fields may be missing or of the wrong type (a warning names them and the
// field stays empty); an item without a usable id or properties is skipped with an error that
// names where it was. Unknown fields are not read here: they stay in the raw bytes.
struct ItemPage
{
    struct Span
    {
        qsizetype begin;
        qsizetype end;
    };

    std::vector<ItemRecord> items;
    std::vector<Span> spans; // each item's bytes in the parsed buffer
    StacLinks links;
    std::optional<qint64> numberMatched;
    std::optional<qint64> numberReturned;
    QStringList warnings; // "features[3].properties.eo:cloud_cover: expected a number, found a string"
    QStringList itemErrors; // items that were skipped, with the reason
    QString error; // the whole document was unusable (not JSON, not STAC)

    bool ok() const { return error.isEmpty(); }
    // numberMatched, or the deprecated context.matched.
    std::optional<qint64> matched() const { return numberMatched; }
};

class ItemParser
{
public:
    // `baseUrl` is where the document came from; relative asset hrefs resolve against an item's
    // self link when it has one, otherwise against it.
    explicit ItemParser(const QUrl &baseUrl = {});

    // Parses an ItemCollection (or a single Item, which gives a page of one).
    ItemPage parsePage(const QByteArray &json) const;
    // Parses one Item; on failure `error` names the problem and the page is empty.
    ItemPage parseItem(const QByteArray &json) const;

private:
    bool parseFeature(
        JsonReader &reader, const QString &path, ItemRecord *record, QStringList *warnings, QString *itemError) const;
    void parseProperties(JsonReader &reader, const QString &path, ItemRecord *record, QStringList *warnings) const;
    std::optional<Geometry> parseGeometry(JsonReader &reader, const QString &path, QString *error) const;

    QUrl m_baseUrl;
};

} // namespace StacScope
