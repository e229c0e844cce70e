#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QString>

#include "src/geo/geometry.h"

namespace StacScope {

// A place to task a satellite over: a point or a polygon, with the provider it is meant for
// (empty until chosen) and a short status such as "Draft" or "Submitted".
struct Target
{
    QString id; // QUuid string, assigned by the model when empty
    QString name;
    Geometry geometry; // Point or Polygon
    QString provider;
    QString status;

    friend bool operator==(const Target &, const Target &) = default;
};

// The tasking targets: added, updated, removed and selected by id, so the tasking forms and the
// map layer can refer to a target without tracking rows.
class TargetListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        ProviderRole,
        StatusRole,
        GeometryTypeRole, // "Point" or "Polygon"
        SelectedRole,
    };

    explicit TargetListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    static bool isSupported(const Geometry &geometry);

    // Adds a target and returns its id (a new one when target.id is empty), or an empty string
    // when the geometry is not a point or polygon or the id is already taken.
    QString add(Target target);
    // Replaces the target with the same id; false when there is none or the geometry is unsupported.
    bool update(const Target &target);
    bool remove(const QString &id);
    void clear();
    // Selects a target by id; an empty id clears the selection. False for an unknown id.
    bool select(const QString &id);

    QString selectedId() const { return m_selected; }
    int indexOf(const QString &id) const;
    const Target *find(const QString &id) const;
    const Target &at(int row) const { return m_targets[row]; }
    const QList<Target> &targets() const { return m_targets; }

Q_SIGNALS:
    void targetAdded(const QString &id);
    void targetUpdated(const QString &id);
    void targetRemoved(const QString &id);
    void selectionChanged(const QString &id);
    // Any target changed, or the list did (for the map layer).
    void targetsChanged();

private:
    QList<Target> m_targets;
    QString m_selected;
};

} // namespace StacScope
