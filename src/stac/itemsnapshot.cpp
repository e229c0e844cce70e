#include "src/stac/itemsnapshot.h"

#include <QFile>
#include <QTemporaryFile>

#include "src/stac/itemstore.h"

namespace StacScope {

ItemSnapshot::ItemSnapshot(const ItemStore &store, const std::vector<int> &rows)
    : m_memory(store.m_memoryRaw)
{
    m_refs.reserve(rows.size());
    for (int row : rows) {
        if (row >= 0 && size_t(row) < store.m_raw.size()) {
            const ItemStore::RawRef ref = store.m_raw[size_t(row)];
            m_refs.push_back({ ref.offset, ref.length });
        }
    }
    if (store.m_spill && store.m_spill->flush()) {
        m_file = std::make_unique<QFile>(store.m_spill->fileName());
        if (!m_file->open(QIODevice::ReadOnly)) {
            m_file.reset();
        }
    }
}

ItemSnapshot::~ItemSnapshot() = default;

QByteArray ItemSnapshot::rawJson(int index) const
{
    if (index < 0 || index >= size()) {
        return {};
    }
    const Ref ref = m_refs[size_t(index)];
    if (ref.offset < 0) {
        return m_memory.mid(-1 - ref.offset, ref.length);
    }
    if (!m_file || (m_file->pos() != ref.offset && !m_file->seek(ref.offset))) {
        return {};
    }
    QByteArray bytes = m_file->read(ref.length);
    return bytes.size() == ref.length ? bytes : QByteArray();
}

} // namespace StacScope
