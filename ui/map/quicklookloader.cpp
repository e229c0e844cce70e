#include "ui/map/quicklookloader.h"

#include <QFile>
#include <QFileInfo>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include "src/net/networkclient.h"
#include "src/stac/itemstore.h"
#include "ui/map/quicklooklayer.h"

using namespace Qt::StringLiterals;

namespace StacScope {

QuicklookLoader::QuicklookLoader(const ItemStore *store, NetworkClient *network, QuicklookLayer *layer, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_network(network)
    , m_layer(layer)
    , m_cache(64 * 1024) // 64 MB of decoded pixels
{}

QuicklookLoader::~QuicklookLoader()
{
    QList<int> rows = m_calls.keys();
    rows += m_decoding.keys();
    for (int row : std::as_const(rows)) {
        cancel(row);
    }
}

void QuicklookLoader::setRows(const QList<int> &rows)
{
    m_rows.clear();
    for (int row : rows) {
        if (row >= 0 && row < m_store->size() && !m_rows.contains(row)) {
            m_rows.append(row);
        }
    }
    QList<int> pending = m_calls.keys();
    pending += m_decoding.keys();
    for (int row : std::as_const(pending)) {
        if (!m_rows.contains(row)) {
            cancel(row);
        }
    }
    m_images.clear();
    for (int row : std::as_const(m_rows)) {
        const QString &href = m_store->at(row).thumbnailHref;
        if (href.isEmpty()) {
            continue;
        }
        if (const QImage *cached = m_cache.object(href)) {
            m_images.insert(row, *cached);
        } else if (!m_calls.contains(row) && !m_decoding.contains(row)) {
            request(row, href);
        }
    }
    updateLayer();
}

void QuicklookLoader::request(int row, const QString &href)
{
    const QUrl url(href);
    if (url.scheme() == u"qrc"_s || href.startsWith(u":/"_s) || url.isLocalFile() || url.isRelative()) {
        // Local files may be anything from the demo's small PNGs to a user's large JPEG: read
        // and decode them on a worker like downloaded ones.
        const QString path
            = url.scheme() == u"qrc"_s ? u':' + url.path() : (url.isLocalFile() ? url.toLocalFile() : href);
        if (!QFileInfo::exists(path)) {
            Q_EMIT failed(row, tr("Quicklook not found: %1").arg(href));
            return;
        }
        decodeLater(row, href, [path] {
            QFile file(path);
            return file.open(QIODevice::ReadOnly) ? decode(file.readAll()) : QImage();
        });
        return;
    }
    if (url.scheme() != u"http"_s && url.scheme() != u"https"_s) {
        return;
    }
    HttpRequest httpRequest = HttpRequest::get(url);
    httpRequest.accept = QByteArrayLiteral("image/*");
    HttpCall *call = m_network->send(httpRequest, this);
    m_calls.insert(row, call);
    connect(call, &HttpCall::finished, this, [this, call, row, href] {
        call->deleteLater();
        if (m_calls.value(row) != call) {
            return; // superseded
        }
        m_calls.remove(row);
        if (!call->isOk()) {
            Q_EMIT failed(row, tr("Quicklook unavailable: %1").arg(call->error().toString()));
            return;
        }
        decodeLater(row, href, [bytes = call->body()] { return decode(bytes); });
    });
}

void QuicklookLoader::decodeLater(int row, const QString &href, std::function<QImage()> work)
{
    auto *watcher = new QFutureWatcher<QImage>(this);
    m_decoding.insert(row, watcher);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, row, href] {
        watcher->deleteLater();
        if (m_decoding.value(row) != watcher) {
            return; // canceled
        }
        m_decoding.remove(row);
        store(row, href, watcher->future().resultCount() > 0 ? watcher->result() : QImage());
        updateLayer();
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

void QuicklookLoader::store(int row, const QString &href, const QImage &image)
{
    if (image.isNull()) {
        Q_EMIT failed(row, tr("The quicklook is not an image we can show: %1").arg(href));
        return;
    }
    m_cache.insert(href, new QImage(image), qMax<qsizetype>(1, image.sizeInBytes() / 1024));
    // The store may have been reset or the selection changed while the image was on its way.
    if (m_rows.contains(row) && row < m_store->size() && m_store->at(row).thumbnailHref == href) {
        m_images.insert(row, image);
        Q_EMIT loaded(row);
    }
}

void QuicklookLoader::cancel(int row)
{
    if (QFutureWatcher<QImage> *watcher = m_decoding.take(row)) {
        watcher->disconnect(this);
        watcher->cancel();
        watcher->deleteLater();
    }
    HttpCall *call = m_calls.take(row);
    if (!call) {
        return;
    }
    disconnect(call, nullptr, this, nullptr); // cancel() may report finished() right away
    call->cancel();
    call->deleteLater();
}

void QuicklookLoader::updateLayer()
{
    QList<QuicklookItem> items;
    for (int row : std::as_const(m_rows)) {
        const auto it = m_images.constFind(row);
        if (it == m_images.constEnd() || row >= m_store->size()) {
            continue;
        }
        const ItemRecord &record = m_store->at(row);
        QuicklookItem item;
        item.row = row;
        item.image = *it;
        item.bbox = record.hasBbox ? record.bbox : record.footprint.bounds();
        item.quad = QuicklookLayer::quadrilateral(record.footprint);
        items.append(item);
    }
    m_layer->setItems(items);
}

QImage QuicklookLoader::decode(const QByteArray &bytes)
{
    QImage image;
    if (!image.loadFromData(bytes)) {
        return {};
    }
    if (image.width() > kMaxSide || image.height() > kMaxSide) {
        image = image.scaled(kMaxSide, kMaxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
    // Premultiplied is what the raster painter draws fastest.
    return image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

} // namespace StacScope
