#include "ui/up42/up42assetsmodel.h"

#include "src/models/downloadlistmodel.h"
#include "ui/up42/up42ordersmodel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

Up42AssetsModel::Up42AssetsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int Up42AssetsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_assets.size());
}

int Up42AssetsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant Up42AssetsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Up42Asset &a = m_assets.at(index.row());
    switch (role) {
    case AssetIdRole:
        return a.id;
    case HasStacRole:
        return a.extractionStatus == u"SUCCESSFUL"_s;
    case SortRole:
        switch (index.column()) {
        case Size:
            return a.size;
        case Created:
            return a.createdAt;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return a.title.isEmpty() ? a.name : a.title;
        case Size:
            return sizeText(a.size);
        case Source:
            return sourceText(a.source);
        case Collection:
            return a.collectionName;
        case Producer:
            return a.producerName;
        case Created:
            return Up42OrdersModel::timeText(a.createdAt);
        case Tags:
            return a.tags.join(u", "_s);
        case Order:
            return a.orderId;
        case Extraction:
            return extractionText(a.extractionStatus);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Name:
            return a.title.isEmpty() ? a.name : tr("%1\nFile: %2").arg(a.title, a.name);
        case Size:
            return a.size >= 0 ? tr("%1 bytes").arg(QLocale().toString(a.size)) : QString();
        case Source:
            return a.source;
        case Created:
            return a.createdAt.toUTC().toString(Qt::ISODate);
        case Tags:
            return a.tags.join(u'\n');
        case Order:
            return a.orderId.isEmpty() ? tr("Not from an order") : a.orderId;
        case Extraction:
            return a.extractionStatus == u"SUCCESSFUL"_s ? tr("Its STAC items can be shown and searched")
                                                         : tr("%1: no STAC items to show").arg(a.extractionStatus);
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == Size) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    default:
        return {};
    }
}

QVariant Up42AssetsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Name:
        return tr("Title or name");
    case Size:
        return tr("Size");
    case Source:
        return tr("Source");
    case Collection:
        return tr("Collection");
    case Producer:
        return tr("Producer");
    case Created:
        return tr("Created");
    case Tags:
        return tr("Tags");
    case Order:
        return tr("Order ID");
    case Extraction:
        return tr("STAC metadata");
    default:
        return {};
    }
}

void Up42AssetsModel::setAssets(const QList<Up42Asset> &assets)
{
    beginResetModel();
    m_assets = assets;
    endResetModel();
}

bool Up42AssetsModel::updateAsset(const Up42Asset &asset)
{
    const int row = rowOf(asset.id);
    if (row < 0) {
        return false;
    }
    m_assets[row] = asset;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return true;
}

int Up42AssetsModel::rowOf(const QString &assetId) const
{
    for (qsizetype i = 0; i < m_assets.size(); ++i) {
        if (m_assets.at(i).id == assetId) {
            return int(i);
        }
    }
    return -1;
}

qint64 Up42AssetsModel::totalSize() const
{
    qint64 total = 0;
    for (const Up42Asset &a : m_assets) {
        total += std::max<qint64>(0, a.size);
    }
    return total;
}

QString Up42AssetsModel::sizeText(qint64 bytes)
{
    return DownloadListModel::formatBytes(bytes);
}

QString Up42AssetsModel::sourceText(const QString &source)
{
    if (source == u"ARCHIVE"_s) {
        return tr("Archive");
    }
    if (source == u"TASKING"_s) {
        return tr("Tasking");
    }
    if (source == u"PROCESSING"_s) {
        return tr("Processing");
    }
    if (source == u"USER"_s) {
        return tr("Upload");
    }
    return source;
}

QString Up42AssetsModel::extractionText(const QString &status)
{
    if (status == u"SUCCESSFUL"_s) {
        return tr("Extracted");
    }
    if (status == u"FAILED"_s) {
        return tr("Failed");
    }
    if (status == u"IN_PROGRESS"_s) {
        return tr("In progress");
    }
    if (status == u"NOT_PROCESSED"_s) {
        return tr("Not processed");
    }
    return status;
}

} // namespace StacScope
