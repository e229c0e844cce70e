#include "src/models/resultsmodel.h"

#include <QDateTime>

#include "src/stac/datetime.h"
#include "src/stac/itemstore.h"

using namespace Qt::StringLiterals;

namespace StacScope {

ResultsModel::ResultsModel(const ItemStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_rows(store->size())
{}

int ResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int ResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ResultsModel::formatDatetime(qint64 msecs)
{
    if (msecs == ItemRecord::kNoTime) {
        return {};
    }
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QVariant ResultsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows || index.column() >= ColumnCount) {
        return {};
    }
    const ItemRecord &r = m_store->at(index.row());
    auto number = [](float v, int decimals, const QString &unit) -> QVariant {
        if (!ItemRecord::isSet(v)) {
            return {};
        }
        const QString text = QString::number(double(v), 'f', decimals) + unit;
        return text;
    };
    auto sortNumber = [](float v) -> QVariant {
        // Missing values sort after every number in ascending order.
        return ItemRecord::isSet(v) ? double(v) : 1e300;
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Id:
            return r.id;
        case Collection:
            return r.collection;
        case Datetime:
            return formatDatetime(r.datetime);
        case CloudCover:
            return number(r.cloudCover, 1, u" %"_s);
        case Gsd:
            return number(r.gsd, r.gsd < 10 ? 2 : 1, u" m"_s);
        case OffNadir:
            return number(r.offNadir, 1, u"°"_s);
        case Platform:
            return r.platform;
        }
        break;
    case SortRole:
        switch (index.column()) {
        case Id:
            return r.id;
        case Collection:
            return r.collection;
        case Datetime:
            return r.datetime;
        case CloudCover:
            return sortNumber(r.cloudCover);
        case Gsd:
            return sortNumber(r.gsd);
        case OffNadir:
            return sortNumber(r.offNadir);
        case Platform:
            return r.platform;
        }
        break;
    case RowRole:
        return index.row();
    case Qt::TextAlignmentRole:
        if (index.column() >= CloudCover && index.column() <= OffNadir) {
            return int(Qt::AlignRight | Qt::AlignVCenter);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == Id) {
            return r.id;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant ResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Id:
        return tr("ID");
    case Collection:
        return tr("Collection");
    case Datetime:
        return tr("Acquired (UTC)");
    case CloudCover:
        return tr("Cloud");
    case Gsd:
        return tr("GSD");
    case OffNadir:
        return tr("Off-nadir");
    case Platform:
        return tr("Platform");
    }
    return {};
}

void ResultsModel::syncAppended()
{
    const int now = m_store->size();
    if (now < m_rows) {
        syncReset();
        return;
    }
    if (now == m_rows) {
        return;
    }
    beginInsertRows({}, m_rows, now - 1);
    m_rows = now;
    endInsertRows();
}

void ResultsModel::syncReset()
{
    beginResetModel();
    m_rows = m_store->size();
    endResetModel();
}

} // namespace StacScope
