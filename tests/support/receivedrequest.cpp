#include "tests/support/receivedrequest.h"

namespace StacScope {

QByteArray ReceivedRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QList<QByteArray> ReceivedRequest::headerValues(QByteArrayView name) const
{
    QList<QByteArray> values;
    for (const auto &[key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            values.append(value);
    }
    return values;
}

bool ReceivedRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &header : headers) {
        if (name.compare(header.first, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString ReceivedRequest::queryValue(const QString &key) const
{
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

} // namespace StacScope
