#pragma once

#include <QAbstractTableModel>
#include <QList>

#include "src/providers/up42/up42api.h"

namespace StacScope {

// The assets in an UP42 account's storage as GET /v2/assets lists them, in the server's order
// (its sort): data only. Sizes in human units (the bytes as the sort value), times in local
// time, the extraction of STAC metadata in words.
class Up42AssetsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Name, // the title, or the file name when it has none
        Size,
        Source,
        Collection,
        Producer,
        Created,
        Tags,
        Order,
        Extraction,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        AssetIdRole,
        HasStacRole // bool: its STAC metadata was extracted (it has STAC items)
    };

    explicit Up42AssetsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setAssets(const QList<Up42Asset> &assets);
    void clear() { setAssets({}); }
    // One asset as UP42 answers it now (after a title and tags edit); false when not listed.
    bool updateAsset(const Up42Asset &asset);
    const Up42Asset &asset(int row) const { return m_assets.at(row); }
    const QList<Up42Asset> &assets() const { return m_assets; }
    int rowOf(const QString &assetId) const;
    qint64 totalSize() const;

    // "245.4 MB"; empty for an unknown size.
    static QString sizeText(qint64 bytes);
    // "Archive", "Tasking", "Processing", "Upload".
    static QString sourceText(const QString &source);
    // "Extracted", "Failed", "In progress", "Not processed".
    static QString extractionText(const QString &status);

private:
    QList<Up42Asset> m_assets;
};

} // namespace StacScope
