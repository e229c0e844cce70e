#include "src/stac/itemstore.h"

#include <algorithm>

#include <QDir>
#include <QTemporaryFile>

using namespace Qt::StringLiterals;

namespace StacScope {

ItemStore::ItemStore()
    : m_spillDir(QDir::tempPath())
{}

ItemStore::~ItemStore() = default;

void ItemStore::setSpillDirectory(const QString &dir)
{
    m_spillDir = dir;
}

void ItemStore::clear()
{
    m_items.clear();
    m_raw.clear();
    m_origins.clear();
    m_slots.clear();
    m_strings.clear();
    m_collections.clear();
    m_spill.reset();
    m_spillEnd = 0;
    m_memoryRaw.clear();
    m_spillFailed = false;
    m_rawBytes = 0;
    m_index.clear();
    m_indexedRows = 0;
}

QString ItemStore::intern(const QString &s)
{
    // Collection ids and platform names repeat across thousands of items: share one copy.
    if (s.isEmpty()) {
        return s;
    }
    auto it = m_strings.constFind(s);
    if (it != m_strings.constEnd()) {
        return *it;
    }
    m_strings.insert(s);
    return s;
}

bool ItemStore::writeRaw(QByteArrayView json, qint64 *offset)
{
    if (!m_spillFailed && !m_spill) {
        m_spill = std::make_unique<QTemporaryFile>(m_spillDir + u"/stacscope-items-XXXXXX.json"_s);
        if (!m_spill->open()) {
            m_spill.reset();
            m_spillFailed = true;
        }
    }
    if (!m_spillFailed) {
        *offset = m_spillEnd;
        // rawJson() may have moved the position; writes always go to the end.
        if (m_spill->pos() != m_spillEnd) {
            m_spill->seek(m_spillEnd);
        }
        if (m_spill->write(json.data(), json.size()) == json.size()) {
            m_spillEnd += json.size();
            return true;
        }
        // Disk full or similar: keep what follows in memory rather than lose it.
        m_spillFailed = true;
    }
    *offset = -1 - m_memoryRaw.size();
    m_memoryRaw.append(json.data(), json.size());
    return true;
}

bool ItemStore::append(ItemRecord &&record, QByteArrayView json)
{
    return append(std::move(record), json, 0);
}

namespace {

size_t slotHash(const QString &collection, const QString &id, int origin)
{
    return qHashMulti(0, collection, id, origin);
}

} // namespace

int ItemStore::findRow(const QString &collection, const QString &id, int origin, size_t *slot) const
{
    if (m_slots.empty()) {
        return -1;
    }
    const size_t mask = m_slots.size() - 1;
    for (size_t i = slotHash(collection, id, origin) & mask;; i = (i + 1) & mask) {
        const std::uint32_t entry = m_slots[i];
        if (entry == 0) {
            if (slot) {
                *slot = i;
            }
            return -1;
        }
        const int row = int(entry - 1);
        const ItemRecord &r = m_items[size_t(row)];
        if (r.id == id && r.collection == collection && this->origin(row) == origin) {
            return row;
        }
    }
}

void ItemStore::growSlots()
{
    m_slots.assign(std::max<size_t>(64, m_slots.size() * 2), 0);
    const size_t mask = m_slots.size() - 1;
    for (size_t row = 0; row < m_items.size(); ++row) {
        const ItemRecord &r = m_items[row];
        size_t i = slotHash(r.collection, r.id, origin(int(row))) & mask;
        while (m_slots[i] != 0) {
            i = (i + 1) & mask;
        }
        m_slots[i] = std::uint32_t(row + 1);
    }
}

bool ItemStore::append(ItemRecord &&record, QByteArrayView json, int origin)
{
    if ((m_items.size() + 1) * 2 > m_slots.size()) {
        growSlots();
    }
    size_t slot = 0;
    if (findRow(record.collection, record.id, origin, &slot) >= 0) {
        return false;
    }
    record.collection = intern(record.collection);
    record.platform = intern(record.platform);
    record.sarMode = intern(record.sarMode);
    record.productType = intern(record.productType);
    record.polarizations = intern(record.polarizations);
    record.orbitState = intern(record.orbitState);
    if (!record.collection.isEmpty() && !m_collections.contains(record.collection)) {
        m_collections.append(record.collection);
    }
    qint64 offset = 0;
    writeRaw(json, &offset);
    m_rawBytes += json.size();
    m_raw.push_back({ offset, qint32(json.size()) });
    m_slots[slot] = std::uint32_t(m_items.size() + 1);
    if (origin != 0 || !m_origins.empty()) {
        m_origins.resize(m_items.size(), 0); // the rows before the first origin came from 0
        m_origins.push_back(quint16(origin));
    }
    m_items.push_back(std::move(record));
    return true;
}

int ItemStore::append(ItemPage &&page, const QByteArray &json)
{
    int added = 0;
    // Grow geometrically: reserving exactly would reallocate every record on each small page.
    if (const size_t needed = m_items.size() + page.items.size(); needed > m_items.capacity()) {
        m_items.reserve(std::max(needed, m_items.capacity() * 2));
    }
    for (size_t i = 0; i < page.items.size(); ++i) {
        const ItemPage::Span span = page.spans[i];
        if (append(std::move(page.items[i]), QByteArrayView(json).sliced(span.begin, span.end - span.begin))) {
            ++added;
        }
    }
    if (m_spill) {
        m_spill->flush();
    }
    return added;
}

int ItemStore::indexOf(const QString &collection, const QString &id) const
{
    return findRow(collection, id, 0, nullptr);
}

QByteArray ItemStore::rawJson(int row) const
{
    if (row < 0 || size_t(row) >= m_raw.size()) {
        return {};
    }
    const RawRef ref = m_raw[size_t(row)];
    if (ref.offset < 0) {
        return m_memoryRaw.mid(-1 - ref.offset, ref.length);
    }
    if (!m_spill || !m_spill->flush() || !m_spill->seek(ref.offset)) {
        return {};
    }
    return m_spill->read(ref.length);
}

const SpatialIndex &ItemStore::spatialIndex() const
{
    if (m_indexedRows != m_items.size() || !m_index.isFinished()) {
        for (size_t row = m_indexedRows; row < m_items.size(); ++row) {
            if (m_items[row].hasBbox) {
                m_index.add(std::uint32_t(row), m_items[row].bbox);
            }
        }
        m_indexedRows = m_items.size();
        m_index.finish();
    }
    return m_index;
}

std::vector<std::uint32_t> ItemStore::rowsIntersecting(const GeoBox &box) const
{
    return spatialIndex().query(box);
}

std::optional<GeoBox> ItemStore::extent() const
{
    std::optional<GeoBox> out;
    for (const ItemRecord &r : m_items) {
        if (r.hasBbox) {
            out = out ? out->united(r.bbox) : r.bbox;
        }
    }
    return out;
}

} // namespace StacScope
