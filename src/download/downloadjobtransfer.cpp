// DownloadJob: the HTTP exchange (requests, headers, body, redirects, errors).
#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include "src/download/bandwidthlimiter.h"
#include "src/download/downloadjob.h"
#include "src/download/filenamesanitizer.h"
#include "src/download/urlrefresher.h"
#include "src/net/authenticator.h"
#include "src/net/networkclient.h"
#include "src/net/networkerror.h"
#include "src/net/redirectpolicy.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

constexpr qint64 kChunk = 256 * 1024;
constexpr qint64 kMaxErrorBody = 64 * 1024;

// "bytes 100-199/1000", "bytes 100-199/*" or "bytes */1000".
bool parseContentRange(const QByteArray &header, qint64 *first, qint64 *last, qint64 *total)
{
    QByteArray v = header.trimmed();
    if (!v.startsWith("bytes ")) {
        return false;
    }
    v = v.mid(6).trimmed();
    const qsizetype slash = v.indexOf('/');
    if (slash < 0) {
        return false;
    }
    const QByteArray range = v.left(slash);
    const QByteArray size = v.mid(slash + 1);
    bool ok = true;
    *total = size == "*" ? -1 : size.toLongLong(&ok);
    if (!ok) {
        return false;
    }
    if (range == "*") {
        *first = *last = -1;
        return true;
    }
    const qsizetype dash = range.indexOf('-');
    bool ok1 = false;
    bool ok2 = false;
    *first = range.left(dash).toLongLong(&ok1);
    *last = range.mid(dash + 1).toLongLong(&ok2);
    return dash > 0 && ok1 && ok2 && *last >= *first;
}

bool isStrongEtag(const QByteArray &etag)
{
    return etag.startsWith('"');
}

} // namespace

void DownloadJob::sendRequest()
{
    // Every attempt starts at the task's URL: a signed redirect target is good for one request.
    m_hops = 0;
    m_sendHeaders = true;
    if (m_task.linkFromProvider && m_task.signedUrl.isEmpty()) {
        // The URL is the provider's link endpoint: ask for the file's signed link first.
        if (!m_refresher || !m_refresher->canRefresh(m_task)) {
            pauseWith(tr("Waiting for its account: the download link comes from %1, which is not signed in")
                          .arg(m_task.url.host()));
            return;
        }
        refreshUrl();
        return;
    }
    issueRequest(m_task.requestUrl());
}

void DownloadJob::issueRequest(const QUrl &url)
{
    dropReply();
    if (!m_nam) {
        fail(tr("No network access"), false);
        return;
    }
    m_credentials.clear();
    if (m_sendHeaders && m_authenticator && m_authenticator->covers(url)) {
        // Credentials for this URL's own origin, asked for now: never stored in the task.
        setState(DownloadState::Connecting);
        const quint64 generation = m_generation;
        m_authenticator->authorize(
            url, this, [this, generation, url](const HttpHeaders &credentials, const NetworkError &error) {
                if (generation != m_generation || m_reply) {
                    return;
                }
                if (error.isError()) {
                    // The token service being away for a moment is retried like any network
                    // failure; refused or missing credentials are not.
                    const bool transient = error.kind == NetworkError::Kind::Network
                        || error.kind == NetworkError::Kind::Timeout
                        || (error.kind == NetworkError::Kind::Http && error.httpStatus >= 500);
                    handleNetworkFailure(error.toString(), transient);
                    return;
                }
                send(url, credentials);
            });
        return;
    }
    send(url, {});
}

void DownloadJob::send(const QUrl &url, const HttpHeaders &credentials)
{
    m_credentials = credentials;
    m_requestUrl = url;
    m_headersAccepted = false;
    m_replyFinished = false;
    m_responseTotal = -1;
    m_responseLength = -1;
    m_responseReceived = 0;
    ++m_task.attempts;

    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setHeader(QNetworkRequest::UserAgentHeader, NetworkClient::userAgent());
    // Offsets in Range and Content-Range count the bytes as stored, not decompressed ones.
    request.setRawHeader(QByteArrayLiteral("Accept-Encoding"), QByteArrayLiteral("identity"));
    for (const auto &h : credentials) {
        request.setRawHeader(h.first, h.second);
    }
    const qint64 offset = m_part.size();
    if (offset > 0) {
        request.setRawHeader(QByteArrayLiteral("Range"), "bytes=" + QByteArray::number(offset) + '-');
        // The range only applies to the same version of the file; otherwise the server sends it whole.
        if (isStrongEtag(m_task.etag)) {
            request.setRawHeader(QByteArrayLiteral("If-Range"), m_task.etag);
        } else if (!m_task.lastModified.isEmpty()) {
            request.setRawHeader(QByteArrayLiteral("If-Range"), m_task.lastModified);
        }
    }
    QNetworkReply *reply = m_nam->get(request);
    m_reply = reply;
    reply->setReadBufferSize(m_readBufferSize);
    connect(reply, &QNetworkReply::metaDataChanged, this, &DownloadJob::onMetaDataChanged);
    connect(reply, &QNetworkReply::readyRead, this, &DownloadJob::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &DownloadJob::onReplyFinished);
    if (m_inactivityMs > 0) {
        m_inactivityTimer->start(m_inactivityMs);
    }
}

void DownloadJob::onInactivity()
{
    dropReply();
    handleNetworkFailure(tr("No data from %1 for %2 s").arg(m_requestUrl.host()).arg(m_inactivityMs / 1000.0), true);
}

void DownloadJob::onMetaDataChanged()
{
    if (m_inactivityMs > 0) {
        m_inactivityTimer->start(m_inactivityMs);
    }
    acceptHeaders();
}

void DownloadJob::onReadyRead()
{
    if (m_inactivityMs > 0) {
        m_inactivityTimer->start(m_inactivityMs);
    }
    if (acceptHeaders() && !m_throttleTimer->isActive()) {
        readAvailable(false);
    }
}

// Returns whether the body may be read (a 200 or a 206 that continues our file).
bool DownloadJob::acceptHeaders()
{
    if (m_headersAccepted) {
        return true;
    }
    QNetworkReply *reply = m_reply;
    if (!reply) {
        return false;
    }
    // A local file has no status: read without error, it is the whole file (ranges do not apply).
    const bool local = m_requestUrl.isLocalFile();
    const int status = local && reply->error() == QNetworkReply::NoError
        ? 200
        : reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200 && status != 206) {
        return false; // redirects and errors are handled when the reply finishes
    }
    const QByteArray etag = reply->rawHeader(QByteArrayLiteral("ETag"));
    const qint64 offset = m_part.size();
    if (status == 206) {
        qint64 first = 0;
        qint64 last = 0;
        qint64 total = -1;
        const bool ok = parseContentRange(reply->rawHeader(QByteArrayLiteral("Content-Range")), &first, &last, &total);
        const bool otherVersion = !etag.isEmpty() && !m_task.etag.isEmpty() && etag != m_task.etag;
        if (!ok || first != offset || otherVersion) {
            if (offset == 0) {
                fail(tr("The server answered with a part of the file that was not asked for"), false);
                return false;
            }
            // Not the continuation of our bytes: start over rather than splice two files.
            restartFromZero();
            return false;
        }
        m_responseTotal = total;
        m_responseLength = last - first + 1;
    } else {
        if (offset > 0) {
            // 200 to a Range request: the server sends the whole file (no ranges, or it changed).
            QString error;
            if (!m_part.open(true, &error)) {
                fail(error, false);
                return false;
            }
            if (m_hasher) {
                m_hasher->reset();
            }
            m_lastSpaceCheck = 0;
        }
        bool ok = false;
        const qint64 length = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok);
        m_responseLength = ok ? length : -1;
        m_responseTotal = m_responseLength;
    }
    m_headersAccepted = true;
    m_refreshUsed = false;
    m_authReplayed = false;
    if (m_task.expectedSize >= 0 && m_responseTotal >= 0 && m_responseTotal != m_task.expectedSize) {
        fail(tr("Size mismatch: expected %1 bytes, the server announced %2")
                 .arg(m_task.expectedSize)
                 .arg(m_responseTotal),
            true);
        return false;
    }
    const QByteArray disposition = reply->rawHeader(QByteArrayLiteral("Content-Disposition"));
    if (m_task.nameFromServer && !disposition.isEmpty() && m_part.size() == 0) {
        const QString name = FileNameSanitizer::fromContentDisposition(disposition);
        const QString dir = directory();
        const QString path = QDir(dir).filePath(name);
        // Never onto another file, finished or in progress (two tasks named alike by one server).
        if (!name.isEmpty() && path != m_task.targetPath && FileNameSanitizer::isInside(dir, path)
            && !QFileInfo::exists(path) && !QFileInfo::exists(PartFile(path).partPath())) {
            m_part.remove();
            m_task.targetPath = path;
            m_part.setTargetPath(path);
            QString error;
            if (!m_part.open(true, &error)) {
                fail(error, false);
                return false;
            }
        }
    }
    // A 206 without validators still continues the version we validated with If-Range.
    const QByteArray lastModified = reply->rawHeader(QByteArrayLiteral("Last-Modified"));
    if (status == 200 || !etag.isEmpty()) {
        m_task.etag = etag;
    }
    if (status == 200 || !lastModified.isEmpty()) {
        m_task.lastModified = lastModified;
    }
    m_task.total = m_responseTotal;
    m_task.received = m_part.size();
    writeSidecar();
    Q_EMIT taskUpdated();
    if (m_responseTotal >= 0 && !checkFreeSpace(m_responseTotal - m_part.size(), false)) {
        return false;
    }
    setState(DownloadState::Downloading);
    emitProgress();
    return true;
}

void DownloadJob::readAvailable(bool ignoreLimit)
{
    QNetworkReply *reply = m_reply;
    if (!reply || !m_headersAccepted) {
        return;
    }
    const quint64 generation = m_generation;
    bool wrote = false;
    while (reply->bytesAvailable() > 0) {
        qint64 want = qMin(reply->bytesAvailable(), kChunk);
        if (!ignoreLimit && m_limiter && m_limiter->isLimited()) {
            want = m_limiter->take(this, want);
            if (want <= 0) {
                m_throttleTimer->start(m_limiter->retryDelayMs());
                break;
            }
        }
        // One buffer for the job's life: no allocation (and no page faults) per chunk.
        if (m_readBuffer.size() < kChunk) {
            m_readBuffer.resize(kChunk);
        }
        const qint64 n = reply->read(m_readBuffer.data(), want);
        if (n <= 0) {
            break;
        }
        wrote = true;
        if (!writeChunk(QByteArrayView(m_readBuffer.constData(), n)) || generation != m_generation) {
            return; // paused or failed
        }
    }
    if (wrote) {
        if (m_inactivityMs > 0) {
            m_inactivityTimer->start(m_inactivityMs);
        }
        emitProgress();
    }
    if (m_replyFinished && reply->bytesAvailable() == 0) {
        completeTransfer();
    }
}

bool DownloadJob::writeChunk(QByteArrayView chunk)
{
    QString error;
    if (!m_part.write(chunk, &error)) {
        pauseWith(tr("Disk full: cannot write to %1: %2").arg(QDir::toNativeSeparators(m_part.partPath()), error));
        return false;
    }
    if (m_hasher) {
        m_hasher->addData(chunk);
    }
    m_responseReceived += chunk.size();
    m_task.received = m_part.size();
    m_speed.addBytes(chunk.size());
    if (m_responseLength >= 0 && m_responseReceived > m_responseLength) {
        fail(tr("Content-Length mismatch: the server sent more than the %1 bytes it announced").arg(m_responseLength),
            true);
        return false;
    }
    if (m_task.expectedSize >= 0 && m_task.received > m_task.expectedSize) {
        fail(tr("Size mismatch: expected %1 bytes, got more").arg(m_task.expectedSize), true);
        return false;
    }
    if (m_task.received - m_lastSpaceCheck >= m_spaceCheckInterval) {
        m_lastSpaceCheck = m_task.received;
        const qint64 total = m_responseTotal >= 0 ? m_responseTotal : m_task.expectedSize;
        if (!checkFreeSpace(total >= 0 ? total - m_task.received : 0, true)) {
            return false;
        }
    }
    return true;
}

void DownloadJob::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply) {
        return;
    }
    m_inactivityTimer->stop();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError error = reply->error();
    if (status >= 300 && status < 400 && status != 304) {
        const QByteArray location = reply->rawHeader(QByteArrayLiteral("Location"));
        if (!location.isEmpty()) {
            followRedirect(location);
            return;
        }
    }
    if (status == 416) {
        const QByteArray range = reply->rawHeader(QByteArrayLiteral("Content-Range"));
        dropReply();
        handleRangeNotSatisfiable(range);
        return;
    }
    if (status >= 400 || (status != 0 && status != 200 && status != 206)) {
        const QByteArray body = reply->read(kMaxErrorBody);
        const QByteArray retryAfter = reply->rawHeader(QByteArrayLiteral("Retry-After"));
        const QByteArray reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
        dropReply();
        handleErrorStatus(status, body, retryAfter, reason);
        return;
    }
    if (error != QNetworkReply::NoError) {
        // Keep what did arrive: the next attempt resumes after it.
        if (acceptHeaders()) {
            readAvailable(true);
            if (m_reply != reply) {
                return; // paused or failed while writing
            }
        }
        if (m_requestUrl.isLocalFile()) {
            const QString message
                = tr("Cannot read %1: %2")
                      .arg(QDir::toNativeSeparators(m_requestUrl.toLocalFile()), reply->errorString());
            dropReply();
            fail(message, false);
            return;
        }
        const QString message = m_responseLength >= 0 && m_responseReceived < m_responseLength
            ? tr("Connection to %1 closed after %2 of the %3 bytes announced by Content-Length (%4)")
                  .arg(m_requestUrl.host())
                  .arg(m_responseReceived)
                  .arg(m_responseLength)
                  .arg(reply->errorString())
            : tr("Transfer from %1 failed: %2").arg(m_requestUrl.host(), reply->errorString());
        const bool retryable = RetryPolicy::isRetryableError(error) || m_responseReceived > 0;
        dropReply();
        handleNetworkFailure(message, retryable);
        return;
    }
    if (!acceptHeaders()) {
        return;
    }
    m_replyFinished = true;
    readAvailable(false);
}

void DownloadJob::completeTransfer()
{
    dropReply();
    m_throttleTimer->stop();
    if (m_responseLength >= 0 && m_responseReceived < m_responseLength) {
        handleNetworkFailure(tr("The transfer from %1 ended after %2 of %3 bytes")
                                 .arg(m_requestUrl.host())
                                 .arg(m_responseReceived)
                                 .arg(m_responseLength),
            true);
        return;
    }
    verifyAndCommit();
}

void DownloadJob::followRedirect(const QByteArray &location)
{
    const QUrl target = m_requestUrl.resolved(QUrl::fromEncoded(location));
    const RedirectPolicy::Decision decision
        = RedirectPolicy::decide(m_task.requestUrl(), m_requestUrl, target, m_hops, m_sendHeaders);
    dropReply();
    if (!decision.follow) {
        fail(decision.reason, false);
        return;
    }
    ++m_hops;
    --m_task.attempts; // a hop is part of the same attempt
    m_sendHeaders = decision.keepHeaders;
    issueRequest(target);
}

void DownloadJob::handleErrorStatus(
    int status, const QByteArray &body, const QByteArray &retryAfter, const QByteArray &reason)
{
    const NetworkError error = NetworkError::http(status, reason, body, m_requestUrl);
    if (status == 401 && !m_credentials.isEmpty() && m_authenticator) {
        // A token that expired on the server's clock: renew it once and ask again.
        const bool renewable = m_authenticator->reject(m_requestUrl, m_credentials);
        if (renewable && !m_authReplayed) {
            m_authReplayed = true;
            --m_task.attempts;
            sendRequest();
            return;
        }
    }
    const bool expired
        = status == 403 || status == 410 || (status == 400 && body.toLower().contains(QByteArrayLiteral("expired")));
    if (expired && m_refresher && m_refresher->canRefresh(m_task)) {
        if (!m_refreshUsed) {
            m_refreshUsed = true;
            refreshUrl();
            return;
        }
        fail(tr("The refreshed link was refused too: %1").arg(error.toString()), false);
        return;
    }
    if (RetryPolicy::isRetryableStatus(status)) {
        scheduleRetry(error.toString(), retryAfter);
        return;
    }
    fail(error.toString(), false);
}

void DownloadJob::refreshUrl()
{
    setState(DownloadState::Connecting);
    const quint64 generation = m_generation;
    QPointer<DownloadJob> self(this);
    m_refresher->refresh(m_task, [self, generation](const QUrl &url, const QString &error) {
        if (!self || generation != self->m_generation) {
            return;
        }
        if (url.isEmpty()) {
            self->fail(error.isEmpty() ? tr("The download link expired and could not be renewed") : error, false);
            return;
        }
        if (self->m_task.linkFromProvider) {
            self->m_task.signedUrl = url; // for this session only; the store keeps the endpoint
        } else {
            self->m_task.url = url;
            Q_EMIT self->taskUpdated();
        }
        self->sendRequest();
    });
}

void DownloadJob::handleRangeNotSatisfiable(const QByteArray &contentRange)
{
    qint64 first = 0;
    qint64 last = 0;
    qint64 total = -1;
    if (!parseContentRange(contentRange, &first, &last, &total)) {
        total = -1;
    }
    const qint64 size = m_part.size();
    if (size == 0) {
        fail(tr("The server refused the request (HTTP 416)"), false);
        return;
    }
    const qint64 full = total >= 0 ? total : m_task.expectedSize;
    if (full == size) {
        // We asked for bytes after the end: the .part already holds the whole file.
        m_responseTotal = total;
        m_task.total = full;
        verifyAndCommit();
        return;
    }
    restartFromZero();
}

void DownloadJob::handleNetworkFailure(const QString &message, bool retryable)
{
    if (retryable) {
        scheduleRetry(message);
    } else {
        fail(message, false);
    }
}

void DownloadJob::restartFromZero()
{
    dropReply();
    QString error;
    if (!m_part.open(true, &error)) {
        fail(error, false);
        return;
    }
    m_part.removeSidecar();
    if (m_hasher) {
        m_hasher->reset();
    }
    m_task.etag.clear();
    m_task.lastModified.clear();
    m_task.received = 0;
    m_lastSpaceCheck = 0;
    emitProgress();
    sendRequest();
}

} // namespace StacScope
