#pragma once

#include <optional>

#include <QAbstractListModel>

#include "src/geo/geometry.h"

namespace StacScope {

// A named area of interest.
struct Aoi
{
    enum class Kind
    {
        Rectangle,
        Polygon,
        Circle,
        Point,
        Imported
    };

    QString name;
    Kind kind = Kind::Polygon;
    Geometry geometry;
    bool visible = true;
    // Derived once per geometry change: shown in the list and used by searches.
    double areaKm2 = 0;
    int vertexCount = 0;
    bool selfIntersecting = false;
    GeoBox bounds;
};

// The user's areas of interest: several named AOIs, each shown or hidden, one of them active
// (the one searches use). Names are editable; the check box is visibility.
class AoiListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        AreaRole = Qt::UserRole + 1, // km²
        VertexCountRole,
        SelfIntersectingRole,
        ActiveRole,
    };

    explicit AoiListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // Adds an AOI and makes it active; an empty name becomes "Polygon 3" and the like.
    int add(Aoi::Kind kind, const Geometry &geometry, const QString &name = {});
    void remove(int row);
    // Puts an AOI back at `row` as it was (undoing a delete), active if `makeActive`.
    void insert(int row, const Aoi &aoi, bool makeActive);
    // The whole list at once (from the store at start-up): each AOI's derived fields computed,
    // `active` made active, new names numbered after the restored ones.
    void restore(const QList<Aoi> &aois, int active);
    void setGeometry(int row, const Geometry &geometry);
    void rename(int row, const QString &name);
    void setVisible(int row, bool visible);
    const Aoi &at(int row) const { return m_aois[row]; }
    const QList<Aoi> &aois() const { return m_aois; }

    int activeRow() const { return m_active; }
    void setActiveRow(int row);
    const Aoi *active() const { return m_active >= 0 ? &m_aois[m_active] : nullptr; }

    static QString kindName(Aoi::Kind kind);
    // "1,234.5 km² · 5 vertices" plus a warning when the outline crosses itself.
    static QString summary(const Aoi &aoi);

Q_SIGNALS:
    void activeChanged(int row);
    // Any AOI's geometry, visibility or the list itself changed (for the map layer).
    void aoisChanged();
    // The user renamed an AOI in a view (setData), already applied: for the undo history.
    void renamedByUser(int row, const QString &before, const QString &after);

private:
    static void derive(Aoi &aoi);

    QList<Aoi> m_aois;
    int m_active = -1;
    int m_counter = 0;
};

} // namespace StacScope
