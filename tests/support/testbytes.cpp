#include "tests/support/testbytes.h"

#include <QCryptographicHash>
#include <QFile>

namespace StacScope::TestBytes {

QByteArray testData(qsizetype size, int seed)
{
    QByteArray data(size, Qt::Uninitialized);
    quint32 x = 2463534242u + quint32(seed);
    for (qsizetype i = 0; i < size; ++i) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        data[i] = char(x & 0xff);
    }
    return data;
}

QByteArray sha256Multihash(const QByteArray &data)
{
    return "1220" + QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace StacScope::TestBytes
