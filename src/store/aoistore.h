#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include "src/models/aoilistmodel.h"

namespace StacScope {

class Database;

// The user's areas of interest in the SQLite store (table `aois`): names, kinds, geometries as
// GeoJSON, visibility, list order and which one is active. Written whole (a handful of rows) in
// one transaction, so a crash leaves either the old list or the new one.
class AoiStore
{
    Q_DECLARE_TR_FUNCTIONS(StacScope::AoiStore)

public:
    struct Saved
    {
        QList<Aoi> aois; // in list order; derived fields left to the model
        int active = -1;
    };

    // `database` must be open before the first call.
    explicit AoiStore(Database &database);

    // What was saved; a row whose geometry no longer reads is skipped (and said in lastError()).
    Saved load();
    [[nodiscard]] bool save(const QList<Aoi> &aois, int active);
    QString lastError() const { return m_error; }

    static QString kindKey(Aoi::Kind kind);
    static std::optional<Aoi::Kind> kindFromKey(const QString &key);

private:
    Database &m_database;
    QString m_error;
};

} // namespace StacScope
