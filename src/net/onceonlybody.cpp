#include "src/net/onceonlybody.h"

#include <cstring>

namespace StacScope {

OnceOnlyBody::OnceOnlyBody(const QByteArray &data, QObject *parent)
    : QIODevice(parent)
    , m_data(data)
{
    open(QIODevice::ReadOnly);
}

qint64 OnceOnlyBody::bytesAvailable() const
{
    return m_data.size() - m_position + QIODevice::bytesAvailable();
}

qint64 OnceOnlyBody::readData(char *data, qint64 maxSize)
{
    const qint64 n = qMin(maxSize, qint64(m_data.size()) - m_position);
    if (n <= 0) {
        return m_position >= m_data.size() ? -1 : 0;
    }
    std::memcpy(data, m_data.constData() + m_position, size_t(n));
    m_position += n;
    return n;
}

} // namespace StacScope
