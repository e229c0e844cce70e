#include "src/store/aoistore.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "src/store/database.h"

using namespace Qt::StringLiterals;

namespace StacScope {

AoiStore::AoiStore(Database &database)
    : m_database(database)
{}

QString AoiStore::kindKey(Aoi::Kind kind)
{
    switch (kind) {
    case Aoi::Kind::Rectangle:
        return u"rectangle"_s;
    case Aoi::Kind::Polygon:
        return u"polygon"_s;
    case Aoi::Kind::Circle:
        return u"circle"_s;
    case Aoi::Kind::Point:
        return u"point"_s;
    case Aoi::Kind::Imported:
        return u"imported"_s;
    }
    return u"polygon"_s;
}

std::optional<Aoi::Kind> AoiStore::kindFromKey(const QString &key)
{
    for (const Aoi::Kind k :
        { Aoi::Kind::Rectangle, Aoi::Kind::Polygon, Aoi::Kind::Circle, Aoi::Kind::Point, Aoi::Kind::Imported }) {
        if (kindKey(k) == key) {
            return k;
        }
    }
    return std::nullopt;
}

AoiStore::Saved AoiStore::load()
{
    Saved saved;
    m_error.clear();
    if (!m_database.isOpen()) {
        m_error = tr("The areas of interest are not available: %1").arg(m_database.lastError());
        return saved;
    }
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT name, kind, geometry, visible, active FROM aois ORDER BY position, id"_s)) {
        m_error = tr("Could not read the areas of interest: %1").arg(q.lastError().text());
        return saved;
    }
    QStringList skipped;
    while (q.next()) {
        Aoi aoi;
        aoi.name = q.value(0).toString();
        aoi.kind = kindFromKey(q.value(1).toString()).value_or(Aoi::Kind::Imported);
        QString error;
        const std::optional<Geometry> geometry
            = Geometry::fromGeoJson(QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object(), &error);
        if (!geometry || geometry->isEmpty()) {
            skipped.append(aoi.name);
            continue;
        }
        aoi.geometry = *geometry;
        aoi.visible = q.value(3).toInt() != 0;
        if (q.value(4).toInt() != 0) {
            saved.active = int(saved.aois.size());
        }
        saved.aois.append(aoi);
    }
    if (!skipped.isEmpty()) {
        m_error = tr("Some areas of interest could not be read and were left out: %1").arg(skipped.join(u", "_s));
    }
    return saved;
}

bool AoiStore::save(const QList<Aoi> &aois, int active)
{
    m_error.clear();
    if (!m_database.isOpen()) {
        m_error = tr("The areas of interest are not available: %1").arg(m_database.lastError());
        return false;
    }
    QSqlDatabase db = m_database.connection();
    if (!db.transaction()) {
        m_error = tr("Could not save the areas of interest: %1").arg(db.lastError().text());
        return false;
    }
    QSqlQuery q(db);
    bool ok = q.exec(u"DELETE FROM aois"_s)
        && q.prepare(u"INSERT INTO aois (position, name, kind, geometry, visible, active) "
                     "VALUES (?, ?, ?, ?, ?, ?)"_s);
    for (qsizetype i = 0; ok && i < aois.size(); ++i) {
        const Aoi &aoi = aois.at(i);
        q.addBindValue(int(i));
        q.addBindValue(aoi.name);
        q.addBindValue(kindKey(aoi.kind));
        q.addBindValue(QString::fromUtf8(QJsonDocument(aoi.geometry.toGeoJson()).toJson(QJsonDocument::Compact)));
        q.addBindValue(aoi.visible ? 1 : 0);
        q.addBindValue(i == active ? 1 : 0);
        ok = q.exec();
    }
    if (!ok) {
        m_error = tr("Could not save the areas of interest: %1").arg(q.lastError().text());
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        m_error = tr("Could not save the areas of interest: %1").arg(db.lastError().text());
        db.rollback();
        return false;
    }
    return true;
}

} // namespace StacScope
