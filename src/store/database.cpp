#include "src/store/database.h"

#include <atomic>

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString nextConnectionName()
{
    // QtSql keys connections by name process-wide; each instance gets its own.
    static std::atomic<int> counter { 0 };
    return u"stacscope-db-"_s + QString::number(++counter);
}

QString sqlErrorText(const QSqlError &error)
{
    const QString text = error.text().trimmed();
    return text.isEmpty() ? QCoreApplication::translate("StacScope::Database", "unknown SQLite error") : text;
}

} // namespace

Database::Database(const QString &path)
    : Database(path, schemaMigrations())
{}

Database::Database(const QString &path, QList<Migration> migrations)
    : m_path(path)
    , m_connectionName(nextConnectionName())
    , m_migrations(std::move(migrations))
{}

Database::~Database()
{
    close();
}

QString Database::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/stacscope.sqlite"_s;
}

QString Database::appPath()
{
    // AppDataLocation as the app computes it (organisation and application "StacScope"), on every
    // platform; the caller's own names are put back at once.
    const QString organization = QCoreApplication::organizationName();
    const QString application = QCoreApplication::applicationName();
    QCoreApplication::setOrganizationName(u"StacScope"_s);
    QCoreApplication::setApplicationName(u"StacScope"_s);
    const QString path = defaultPath();
    QCoreApplication::setOrganizationName(organization);
    QCoreApplication::setApplicationName(application);
    return path;
}

bool Database::isOpen() const
{
    return m_db.isValid() && m_db.isOpen();
}

void Database::close()
{
    if (!m_db.isValid()) {
        return;
    }
    m_db.close();
    m_db = QSqlDatabase(); // drop our handle first, or removeDatabase() warns that it is in use
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Database::fail(const QString &message)
{
    m_error = message;
    close();
    return false;
}

bool Database::exec(const QString &sql, QString *error)
{
    QSqlQuery query(m_db);
    if (query.exec(sql)) {
        return true;
    }
    if (error) {
        *error = sqlErrorText(query.lastError());
    }
    return false;
}

bool Database::readVersion(int *version, QString *error)
{
    QSqlQuery query(m_db);
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next()) {
        *error = sqlErrorText(query.lastError());
        return false;
    }
    *version = query.value(0).toInt();
    return true;
}

bool Database::open()
{
    if (isOpen()) {
        return true;
    }
    m_error.clear();
    m_version = 0;
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s)) {
        m_error = tr("The SQLite driver of QtSql (QSQLITE) is not installed.");
        return false;
    }
    const bool inMemory = m_path == u":memory:"_s;
    if (!inMemory) {
        const QString folder = QFileInfo(m_path).absolutePath();
        if (!QDir().mkpath(folder)) {
            m_error = tr("Could not create the folder %1 for the database.").arg(QDir::toNativeSeparators(folder));
            return false;
        }
    }

    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(m_path);
    // Another process (a second window, the CLI) may hold the write lock for a moment.
    m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!m_db.open()) {
        return fail(tr("Could not open the database %1: %2")
                        .arg(QDir::toNativeSeparators(m_path), sqlErrorText(m_db.lastError())));
    }

    // Read the version before anything writes: a newer file must stay exactly as it is (switching
    // to WAL would already change its header).
    QString error;
    if (!readVersion(&m_version, &error)) {
        return fail(
            tr("The file %1 is not a readable StacScope database: %2").arg(QDir::toNativeSeparators(m_path), error));
    }
    if (m_version > latestSchemaVersion()) {
        return fail(tr("The database %1 was written by a newer version of StacScope (schema version %2; this "
                       "version knows up to %3). It was left untouched; please update StacScope.")
                        .arg(QDir::toNativeSeparators(m_path), QString::number(m_version),
                            QString::number(latestSchemaVersion())));
    }

    // WAL: readers never block the writer, and with synchronous=NORMAL a commit needs no fsync, so
    // the download queue can be saved several times a second. A crash loses at most the last
    // commits, never consistency.
    QSqlQuery journal(m_db);
    if (!journal.exec(u"PRAGMA journal_mode=WAL"_s) || !journal.next()) {
        return fail(tr("Could not configure the database %1: %2")
                        .arg(QDir::toNativeSeparators(m_path), sqlErrorText(journal.lastError())));
    }
    const QString mode = journal.value(0).toString().toLower();
    journal.finish();
    if (mode != u"wal"_s && !(inMemory && mode == u"memory"_s)) {
        return fail(tr("The database %1 cannot use write-ahead logging (journal mode stays \"%2\"); is it on a "
                       "network drive?")
                        .arg(QDir::toNativeSeparators(m_path), mode));
    }
    if (!exec(u"PRAGMA synchronous=NORMAL"_s, &error) || !exec(u"PRAGMA foreign_keys=ON"_s, &error)) {
        return fail(tr("Could not configure the database %1: %2").arg(QDir::toNativeSeparators(m_path), error));
    }
    return migrate();
}

bool Database::migrate()
{
    while (m_version < latestSchemaVersion()) {
        const int target = m_version + 1;
        const Migration &step = m_migrations.at(target - 1);
        QString error;
        // IMMEDIATE takes the write lock now, so two processes opening an old file at once do
        // not both run the same step; the version is re-read under the lock.
        if (!exec(u"BEGIN IMMEDIATE"_s, &error)) {
            return fail(tr("Could not upgrade the database %1: %2").arg(QDir::toNativeSeparators(m_path), error));
        }
        int current = 0;
        bool ok = readVersion(&current, &error);
        if (ok && current >= target) {
            // Someone else got there first.
            ok = exec(u"COMMIT"_s, &error);
            m_version = current;
            if (ok && m_version > latestSchemaVersion()) {
                return fail(tr("The database %1 was upgraded by a newer version of StacScope meanwhile.")
                                .arg(QDir::toNativeSeparators(m_path)));
            }
            if (ok) {
                continue;
            }
        }
        if (ok) {
            for (const QString &sql : step.statements) {
                if (!exec(sql, &error)) {
                    ok = false;
                    break;
                }
            }
        }
        // user_version lives in the file header, which the transaction covers: a rollback undoes it.
        ok = ok && exec(u"PRAGMA user_version = "_s + QString::number(target), &error);
        ok = ok && exec(u"COMMIT"_s, &error);
        if (!ok) {
            exec(u"ROLLBACK"_s);
            return fail(tr("Could not upgrade the database %1 to schema version %2 (%3): %4. It was left at "
                           "version %5.")
                            .arg(QDir::toNativeSeparators(m_path), QString::number(target), step.description, error,
                                QString::number(m_version)));
        }
        m_version = target;
    }
    return true;
}

} // namespace StacScope
