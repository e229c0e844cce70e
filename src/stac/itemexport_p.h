#pragma once

// The writers behind ItemExport::write, one file each.
#include "src/stac/itemexport.h"

namespace StacScope::ItemExportDetail {

// Stops the writers: calls `progress` at most every few hundred items.
class ProgressTicker
{
public:
    ProgressTicker(const ItemExport::Progress &progress, qint64 total)
        : m_progress(progress)
        , m_total(total)
    {}
    // False when the export is to stop.
    bool tick()
    {
        ++m_done;
        return !m_progress || ((m_done % 256) != 0 && m_done != m_total) || m_progress(m_done, m_total);
    }

private:
    const ItemExport::Progress &m_progress;
    qint64 m_total;
    qint64 m_done = 0;
};

QString cannotRead(const QString &path);
QString canceledMessage(const QString &path);

ExportResult writeCsv(const ItemSnapshot &items, const QString &path, const ItemExport::Progress &progress);
ExportResult writeGeoPackage(const ItemSnapshot &items, const QString &path, const ItemExport::Progress &progress);

} // namespace StacScope::ItemExportDetail
