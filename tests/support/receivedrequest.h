#pragma once

#include <utility>

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUrlQuery>

namespace StacScope {

// One request as the test server received it. Also the entry type of the request log, so tests
// can assert on exactly what a client sent.
struct ReceivedRequest
{
    QByteArray method; // as sent, e.g. "GET"
    QByteArray target; // raw request target (path and query), still percent-encoded
    QByteArray httpVersion; // e.g. "HTTP/1.1"
    QString path; // percent-decoded path
    QByteArray rawQuery; // query without '?', still percent-encoded
    QUrlQuery query;
    QList<std::pair<QByteArray, QByteArray>> headers; // arrival order, names as sent
    QByteArray body; // de-chunked when the client used Transfer-Encoding: chunked
    QHostAddress peerAddress;
    quint16 peerPort = 0;
    QHostAddress localAddress; // tells which of several loopback addresses was hit
    quint16 localPort = 0;
    quint64 connectionId = 0; // equal for requests that shared one kept-alive connection
    int indexOnConnection = 0; // 0 for the first request on a connection

    // First value of a header (case-insensitive name); empty when missing.
    QByteArray header(QByteArrayView name) const;
    QList<QByteArray> headerValues(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    // Fully decoded value of a query item ("%2B" becomes "+"); empty when missing.
    QString queryValue(const QString &key) const;
    bool hasQueryItem(const QString &key) const { return query.hasQueryItem(key); }
    QByteArray pathAndQuery() const { return target; }
};

} // namespace StacScope

Q_DECLARE_METATYPE(StacScope::ReceivedRequest)
