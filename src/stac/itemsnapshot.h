#pragma once

#include <memory>
#include <vector>

#include <QByteArray>
#include <QString>

class QFile;

namespace StacScope {

class ItemStore;

// The raw JSON of some rows of an ItemStore, readable on another thread while the store goes on
// (appends, a new search clearing it). Made on the store's thread; it reads the spill file through
// its own handle, which stays valid after the store removes the file. One thread reads at a time.
class ItemSnapshot
{
public:
    ItemSnapshot(const ItemStore &store, const std::vector<int> &rows);
    ~ItemSnapshot();
    ItemSnapshot(const ItemSnapshot &) = delete;
    ItemSnapshot &operator=(const ItemSnapshot &) = delete;

    int size() const { return int(m_refs.size()); }
    // The JSON of the index-th row given; empty when the spill file could not be read.
    QByteArray rawJson(int index) const;

private:
    struct Ref
    {
        qint64 offset; // < 0: in m_memory at -1 - offset
        qint32 length;
    };
    std::vector<Ref> m_refs;
    std::unique_ptr<QFile> m_file;
    QByteArray m_memory;
};

} // namespace StacScope
