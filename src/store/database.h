#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include "src/store/migrations.h"

namespace StacScope {

// The application's one SQLite file, opened through QtSql: WAL journal, foreign keys on,
// synchronous=NORMAL, and the schema brought up to date by versioned migrations (PRAGMA
// user_version). A file written by a newer StacScope is refused and left untouched.
//
// Each instance owns its own named QtSql connection, which belongs to the thread that opened it.
// Stores that keep prepared queries on it must be destroyed before the Database.
class Database
{
    Q_DECLARE_TR_FUNCTIONS(StacScope::Database)

public:
    // The application schema (schemaMigrations()).
    explicit Database(const QString &path);
    // Any ordered list of steps: for tests and tools.
    Database(const QString &path, QList<Migration> migrations);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Where the app keeps it: AppDataLocation/stacscope.sqlite.
    static QString defaultPath();
    // The file the StacScope app opens, from any program: stacscope-cli has an application name of
    // its own, and shares the app's saved searches through this path.
    static QString appPath();

    // Opens (creating the file and its folder if needed) and migrates. False with lastError() when
    // the file cannot be opened, is not a database, is newer than this build, or a step failed
    // (that step is rolled back; earlier steps stay).
    bool open();
    void close();
    bool isOpen() const;

    QString path() const { return m_path; }
    QString connectionName() const { return m_connectionName; }
    // The open connection, for stores that run their own queries.
    QSqlDatabase connection() const { return m_db; }
    // user_version after open(), or the version found in a refused file.
    int schemaVersion() const { return m_version; }
    int latestSchemaVersion() const { return int(m_migrations.size()); }
    QString lastError() const { return m_error; }

private:
    bool fail(const QString &message);
    bool exec(const QString &sql, QString *error = nullptr);
    bool readVersion(int *version, QString *error);
    bool migrate();

    QString m_path;
    QString m_connectionName;
    QList<Migration> m_migrations;
    QSqlDatabase m_db;
    int m_version = 0;
    QString m_error;
};

} // namespace StacScope
