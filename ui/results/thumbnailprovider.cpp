#include "ui/results/thumbnailprovider.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include "src/models/resultsmodel.h"
#include "src/net/thumbnailstore.h"
#include "src/stac/itemstore.h"

namespace StacScope {

ThumbnailProvider::ThumbnailProvider(
    ResultsModel *model, const ItemStore *store, ThumbnailStore *thumbnails, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_store(store)
    , m_thumbnails(thumbnails)
{
    model->setDecorationFunction([this](int row) { return thumbnail(row); });
    connect(thumbnails, &ThumbnailStore::loaded, this, &ThumbnailProvider::onLoaded);
    connect(thumbnails, &ThumbnailStore::failed, this, [this](const QString &href) {
        m_failed.insert(href);
        m_waiting.remove(href);
    });
    connect(model, &QAbstractItemModel::modelReset, this, &ThumbnailProvider::forget);
}

void ThumbnailProvider::forget()
{
    // A new search: what the old rows were waiting for is not needed any more.
    m_waiting.clear();
    m_thumbnails->cancelQueued();
}

QVariant ThumbnailProvider::thumbnail(int row)
{
    if (row < 0 || row >= m_store->size()) {
        return {};
    }
    const QString &href = m_store->at(row).thumbnailHref;
    if (href.isEmpty() || m_failed.contains(href)) {
        return {};
    }
    if (const QImage *image = m_images.object(href)) {
        return QVariant::fromValue(*image);
    }
    QList<int> &rows = m_waiting[href];
    if (!rows.contains(row)) {
        rows.append(row);
    }
    m_thumbnails->request(href);
    return {};
}

void ThumbnailProvider::onLoaded(const QString &href, const QByteArray &bytes)
{
    if (!m_waiting.contains(href)) {
        return; // nobody shows it any more
    }
    auto *watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, href] {
        watcher->deleteLater();
        const QImage image = watcher->result();
        const QList<int> rows = m_waiting.take(href);
        if (image.isNull()) {
            m_failed.insert(href);
            return;
        }
        ++m_decoded;
        m_images.insert(href, new QImage(image));
        for (int row : rows) {
            m_model->notifyDecorationChanged(row);
        }
    });
    watcher->setFuture(QtConcurrent::run([bytes] {
        QImage image;
        if (!image.loadFromData(bytes)) {
            return QImage();
        }
        return image.scaled(kSide, kSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }));
}

} // namespace StacScope
