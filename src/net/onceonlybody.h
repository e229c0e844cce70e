#pragma once

#include <QByteArray>
#include <QIODevice>

namespace StacScope {

// The body of a request that costs money, given to QNetworkAccessManager as a device that cannot
// be rewound. Qt's HTTP layer silently sends a request again when the connection closes before
// the answer arrives (even a POST): with this body it cannot, and reports ContentReSendError
// instead, so a paid order or task is never sent twice behind the user's back; the caller then
// looks it up before offering to send it again.
class OnceOnlyBody : public QIODevice
{
    Q_OBJECT
public:
    explicit OnceOnlyBody(const QByteArray &data, QObject *parent = nullptr);

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;
    bool reset() override { return false; }
    bool atEnd() const override { return m_position >= m_data.size(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_position = 0;
};

} // namespace StacScope
