#pragma once

#include <malloc.h>

#include <QByteArray>
#include <QFile>

namespace StacScope::Bench {

// A field of /proc/self/status in kilobytes ("VmRSS", "VmHWM"), or -1.
inline qint64 statusKb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(key)) {
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

// RSS after handing freed heap back to the system, so the figure is what is really held.
inline qint64 settledRssKb()
{
    malloc_trim(0);
    return statusKb("VmRSS");
}

} // namespace StacScope::Bench
