#include "src/demo/demonetwork.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLocale>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

#include "src/demo/demoassets.h"
#include "src/download/multihash.h"

using namespace Qt::StringLiterals;

namespace StacScope {
namespace {

constexpr int TickMs = 20;

QByteArray httpDate(qint64 msecsSinceEpoch)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::UTC);
    return QLocale::c().toString(time, u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s).toLatin1();
}

// "bytes=first-" or "bytes=first-last" (one range); false for anything else, which is then ignored
// as RFC 9110 allows.
bool parseRange(const QByteArray &header, qint64 *first, qint64 *last)
{
    const QByteArray spec = header.trimmed();
    if (!spec.startsWith("bytes=") || spec.contains(','))
        return false;
    const QByteArray range = spec.mid(6);
    const qsizetype dash = range.indexOf('-');
    if (dash <= 0) // suffix ranges ("-500") are not needed by anyone we serve
        return false;
    bool ok = false;
    *first = range.left(dash).toLongLong(&ok);
    if (!ok || *first < 0)
        return false;
    const QByteArray end = range.mid(dash + 1);
    if (end.isEmpty()) {
        *last = -1;
        return true;
    }
    *last = end.toLongLong(&ok);
    return ok && *last >= *first;
}

// One answer of the demo host: the headers at once, then the body paced by `rate`.
class DemoAssetReply : public QNetworkReply
{
public:
    DemoAssetReply(QNetworkAccessManager::Operation op, const QNetworkRequest &request, qint64 rate, QObject *parent)
        : QNetworkReply(parent)
        , m_rate(rate)
    {
        setRequest(request);
        setUrl(request.url());
        setOperation(op);
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        respond(op, request);
        connect(&m_timer, &QTimer::timeout, this, &DemoAssetReply::deliver);
        QTimer::singleShot(0, this, &DemoAssetReply::start);
    }

    void abort() override
    {
        if (isFinished())
            return;
        m_timer.stop();
        m_body.clear();
        m_offset = m_released = 0;
        setError(OperationCanceledError, u"Operation canceled"_s);
        Q_EMIT errorOccurred(OperationCanceledError);
        finish();
    }

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_released - m_offset + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin(maxSize, m_released - m_offset);
        if (n <= 0)
            return isFinished() ? -1 : 0;
        memcpy(data, m_body.constData() + m_offset, size_t(n));
        m_offset += n;
        return n;
    }

private:
    void respond(QNetworkAccessManager::Operation op, const QNetworkRequest &request)
    {
        if (op != QNetworkAccessManager::GetOperation && op != QNetworkAccessManager::HeadOperation) {
            status(405, "Method Not Allowed");
            setRawHeader("Allow", "GET, HEAD");
            setError(ContentOperationNotPermittedError, u"The demo host only answers GET and HEAD"_s);
            return;
        }
        const std::optional<DemoAssets::File> file = DemoAssets::fileAt(request.url());
        if (!file) {
            status(404, "Not Found");
            setError(ContentNotFoundError,
                u"%1 is not a file of the demo catalog"_s.arg(request.url().toString(QUrl::RemoveQuery)));
            return;
        }
        Multihash::Hasher hasher(Multihash::Algorithm::Sha2_256);
        hasher.addData(file->bytes);
        const QByteArray etag = '"' + hasher.result().toHex().left(32) + '"';
        const QByteArray lastModified = httpDate(file->lastModifiedMs);
        const qint64 size = file->bytes.size();
        setHeader(QNetworkRequest::ContentTypeHeader, file->mediaType);
        setRawHeader("Accept-Ranges", "bytes");
        setRawHeader("ETag", etag);
        setRawHeader("Last-Modified", lastModified);
        setRawHeader("Cache-Control", "public, max-age=86400");

        qint64 first = 0;
        qint64 last = -1;
        const QByteArray ifRange = request.rawHeader("If-Range");
        const bool sameVersion = ifRange.isEmpty() || ifRange == etag || ifRange == lastModified;
        if (sameVersion && parseRange(request.rawHeader("Range"), &first, &last)) {
            if (first >= size) {
                status(416, "Range Not Satisfiable");
                setRawHeader("Content-Range", "bytes */" + QByteArray::number(size));
                setError(UnknownContentError, u"Range not satisfiable"_s);
                return;
            }
            last = last < 0 ? size - 1 : qMin(last, size - 1);
            status(206, "Partial Content");
            setRawHeader("Content-Range",
                "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/' + QByteArray::number(size));
        } else {
            status(200, "OK");
            first = 0;
            last = size - 1;
        }
        setHeader(QNetworkRequest::ContentLengthHeader, last - first + 1);
        if (op == QNetworkAccessManager::GetOperation)
            m_body = file->bytes.mid(first, last - first + 1);
    }

    void status(int code, const QByteArray &reason)
    {
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, code);
        setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, reason);
    }

    void start()
    {
        if (isFinished())
            return;
        Q_EMIT metaDataChanged();
        if (error() != NoError) {
            Q_EMIT errorOccurred(error());
            finish();
            return;
        }
        m_clock.start();
        deliver();
        if (!isFinished())
            m_timer.start(TickMs);
    }

    void deliver()
    {
        const qint64 size = m_body.size();
        const qint64 allowed = m_rate <= 0 ? size : qMin(size, qMax(qint64(1), m_rate * m_clock.elapsed() / 1000));
        if (allowed > m_released) {
            m_released = allowed;
            Q_EMIT downloadProgress(m_released, size);
            Q_EMIT readyRead();
        }
        if (m_released >= size && !isFinished()) {
            m_timer.stop();
            finish();
        }
    }

    void finish()
    {
        setFinished(true);
        Q_EMIT finished();
    }

    qint64 m_rate;
    QByteArray m_body;
    qint64 m_offset = 0;
    qint64 m_released = 0;
    QTimer m_timer;
    QElapsedTimer m_clock;
};

} // namespace

DemoNetworkAccessManager::DemoNetworkAccessManager(QObject *parent)
    : QNetworkAccessManager(parent)
{}

QNetworkReply *DemoNetworkAccessManager::createRequest(
    Operation op, const QNetworkRequest &request, QIODevice *outgoingData)
{
    const QUrl &url = request.url();
    if (url.scheme() == u"https"_s && url.host() == QLatin1StringView(DemoAssets::Host)) {
        ++m_requests;
        return new DemoAssetReply(op, request, m_rate, this);
    }
    return QNetworkAccessManager::createRequest(op, request, outgoingData);
}

} // namespace StacScope
