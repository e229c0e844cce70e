#pragma once

#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QSet>

namespace StacScope {

class ItemStore;
class ResultsModel;
class ThumbnailStore;

// The pictures of the results table's thumbnails column: asked for by the model only for the rows
// a view paints (so only visible rows are fetched), their bytes brought by a ThumbnailStore (disk
// cache, network), decoded and scaled on a worker thread, the small images kept in memory.
class ThumbnailProvider : public QObject
{
    Q_OBJECT
public:
    ThumbnailProvider(
        ResultsModel *model, const ItemStore *store, ThumbnailStore *thumbnails, QObject *parent = nullptr);

    // The row's thumbnail, or an invalid QVariant while it loads (or when it has none).
    QVariant thumbnail(int row);
    static constexpr int kSide = 48;
    int decodedCount() const { return m_decoded; }

private:
    void onLoaded(const QString &href, const QByteArray &bytes);
    void forget();

    ResultsModel *m_model;
    const ItemStore *m_store;
    ThumbnailStore *m_thumbnails;
    QCache<QString, QImage> m_images { 3000 };
    QHash<QString, QList<int>> m_waiting; // href -> rows that showed it while it loaded
    QSet<QString> m_failed;
    int m_decoded = 0;
};

} // namespace StacScope
