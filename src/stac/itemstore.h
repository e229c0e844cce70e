#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>

#include "src/geo/spatialindex.h"
#include "src/stac/itemparser.h"
#include "src/stac/itemrecord.h"

class QTemporaryFile;

namespace StacScope {

// The result store behind a search: typed records in memory (a few hundred bytes an item), the
// full JSON of each item spilled to a temporary file (read back for detail views and export),
// a lazily rebuilt spatial index, and de-duplication by (collection, id) so a server that repeats
// an item across pages does not show it twice.
class ItemStore
{
public:
    ItemStore();
    ~ItemStore();
    ItemStore(const ItemStore &) = delete;
    ItemStore &operator=(const ItemStore &) = delete;

    // Appends the items of a parsed page whose bytes are `json`. Returns how many were new.
    int append(ItemPage &&page, const QByteArray &json);
    // Appends one item with its JSON bytes. Returns false if it was already there.
    bool append(ItemRecord &&record, QByteArrayView json);
    // The same for the results of several catalogs in one store: `origin` says which catalog the
    // item came from, and the same item from two catalogs is kept once per catalog (origin 0
    // is the plain append's: indexOf() finds those).
    bool append(ItemRecord &&record, QByteArrayView json, int origin);
    void clear();

    int size() const { return int(m_items.size()); }
    bool isEmpty() const { return m_items.empty(); }
    const ItemRecord &at(int row) const { return m_items[size_t(row)]; }
    const std::vector<ItemRecord> &items() const { return m_items; }
    // Row of an item, or -1.
    int indexOf(const QString &collection, const QString &id) const;
    // The catalog a row came from (append with an origin); 0 for the others.
    int origin(int row) const { return size_t(row) < m_origins.size() ? m_origins[size_t(row)] : 0; }
    bool hasOrigins() const { return !m_origins.empty(); }

    // The item's JSON exactly as the server sent it; empty if the spill file failed.
    QByteArray rawJson(int row) const;
    // The spill file could not be written; raw JSON is then kept in memory instead.
    bool spillFailed() const { return m_spillFailed; }
    qint64 rawBytes() const { return m_rawBytes; }

    // Distinct collection ids, in order of first appearance.
    const QStringList &collections() const { return m_collections; }

    // Rows whose bbox intersects `box` (sorted, unique). Items without a bbox are never returned.
    std::vector<std::uint32_t> rowsIntersecting(const GeoBox &box) const;
    const SpatialIndex &spatialIndex() const;
    // The union of all bboxes (antimeridian-aware), or nullopt when nothing has a bbox.
    std::optional<GeoBox> extent() const;

    // Where the spill file goes (the system temp folder by default).
    void setSpillDirectory(const QString &dir);

private:
    friend class ItemSnapshot; // reads the spill file through its own handle, on another thread

    QString intern(const QString &s);
    // The row of (collection, id, origin), or -1 with `*slot` (when given) set to the free slot
    // where it would go.
    int findRow(const QString &collection, const QString &id, int origin, size_t *slot) const;
    void growSlots();
    bool writeRaw(QByteArrayView json, qint64 *offset);

    struct RawRef
    {
        qint64 offset;
        qint32 length;
    };

    std::vector<ItemRecord> m_items;
    std::vector<RawRef> m_raw;
    std::vector<quint16> m_origins; // empty until an item with a non-zero origin comes
    // Rows by (collection, id, origin): open addressing, row + 1 per slot (0: free), at most half
    // full, the keys read from the records themselves. About 8 bytes an item, where a QHash with
    // its own "collection/id" key string took about 130.
    std::vector<std::uint32_t> m_slots;
    QSet<QString> m_strings;
    QStringList m_collections;
    QString m_spillDir;
    std::unique_ptr<QTemporaryFile> m_spill;
    qint64 m_spillEnd = 0;
    QByteArray m_memoryRaw; // used when the spill file cannot be written
    bool m_spillFailed = false;
    qint64 m_rawBytes = 0;
    mutable SpatialIndex m_index;
    mutable size_t m_indexedRows = 0;
};

} // namespace StacScope
