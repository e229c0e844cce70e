// Database: opening, pragmas, versioned migrations, refusal of newer files, rollback of a failed step.
#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "src/store/database.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QVariant scalar(const Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next()) {
        return {};
    }
    return q.value(0);
}

bool hasTable(const Database &db, const QString &name)
{
    QSqlQuery q(db.connection());
    q.prepare(u"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"_s);
    q.addBindValue(name);
    return q.exec() && q.next() && q.value(0).toInt() == 1;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QList<Migration> steps(int count)
{
    QList<Migration> out;
    for (int i = 1; i <= count; ++i) {
        out.append({ u"table t%1"_s.arg(i), { u"CREATE TABLE t%1 (x INTEGER)"_s.arg(i) } });
    }
    return out;
}

} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_tmp.isValid());
    }

    void migratesFromEmpty()
    {
        // The folder does not exist yet: open() creates it.
        const QString path = m_tmp.filePath(u"fresh/sub/stacscope.sqlite"_s);
        Database db(path);
        QCOMPARE(db.schemaVersion(), 0);
        QVERIFY2(db.open(), qPrintable(db.lastError()));
        QVERIFY(db.isOpen());
        QVERIFY(db.lastError().isEmpty());
        QVERIFY(db.latestSchemaVersion() >= 1);
        QCOMPARE(db.schemaVersion(), db.latestSchemaVersion());
        QCOMPARE(scalar(db, u"PRAGMA user_version"_s).toInt(), db.latestSchemaVersion());
        QVERIFY(hasTable(db, u"download_queue"_s));
        QCOMPARE(scalar(db, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(scalar(db, u"PRAGMA foreign_keys"_s).toInt(), 1);
        QCOMPARE(scalar(db, u"PRAGMA synchronous"_s).toInt(), 1); // NORMAL
        QVERIFY(QFile::exists(path));
    }

    void reopenIsIdempotent()
    {
        const QString path = m_tmp.filePath(u"reopen.sqlite"_s);
        {
            Database db(path);
            QVERIFY2(db.open(), qPrintable(db.lastError()));
            QSqlQuery q(db.connection());
            QVERIFY(q.exec(u"INSERT INTO download_queue (position, url, target_path) VALUES (1, 'u', 't')"_s));
        }
        for (int i = 0; i < 2; ++i) {
            Database db(path);
            QVERIFY2(db.open(), qPrintable(db.lastError()));
            QVERIFY(db.open()); // already open: no-op
            QCOMPARE(db.schemaVersion(), db.latestSchemaVersion());
            QCOMPARE(scalar(db, u"SELECT count(*) FROM download_queue"_s).toInt(), 1);
        }
    }

    void twoInstancesOnOneFile()
    {
        // Each instance has its own QtSql connection name.
        const QString path = m_tmp.filePath(u"two.sqlite"_s);
        Database a(path);
        Database b(path);
        QVERIFY(a.connectionName() != b.connectionName());
        QVERIFY2(a.open(), qPrintable(a.lastError()));
        QVERIFY2(b.open(), qPrintable(b.lastError()));
        QSqlQuery q(a.connection());
        QVERIFY(q.exec(u"INSERT INTO download_queue (position, url, target_path) VALUES (1, 'u', 't')"_s));
        QCOMPARE(scalar(b, u"SELECT count(*) FROM download_queue"_s).toInt(), 1);
        a.close();
        QVERIFY(!a.isOpen());
        QVERIFY(b.isOpen());
    }

    void upgradesStepByStep()
    {
        const QString path = m_tmp.filePath(u"steps.sqlite"_s);
        {
            Database db(path, steps(1));
            QVERIFY2(db.open(), qPrintable(db.lastError()));
            QCOMPARE(db.schemaVersion(), 1);
        }
        Database db(path, steps(3));
        QVERIFY2(db.open(), qPrintable(db.lastError()));
        QCOMPARE(db.schemaVersion(), 3);
        QVERIFY(hasTable(db, u"t1"_s));
        QVERIFY(hasTable(db, u"t2"_s));
        QVERIFY(hasTable(db, u"t3"_s));
    }

    void newerVersionIsRefused()
    {
        const QString path = m_tmp.filePath(u"newer.sqlite"_s);
        {
            Database future(path, steps(9));
            QVERIFY2(future.open(), qPrintable(future.lastError()));
        }
        const QByteArray before = readAll(path);
        QVERIFY(!before.isEmpty());

        Database db(path, steps(2));
        QVERIFY(!db.open());
        QVERIFY(!db.isOpen());
        QCOMPARE(db.schemaVersion(), 9);
        QVERIFY2(db.lastError().contains(u"newer version"_s), qPrintable(db.lastError()));
        QVERIFY(db.lastError().contains(u'9'));
        QCOMPARE(readAll(path), before); // untouched

        // The app schema refuses it too.
        Database app(path);
        QVERIFY(!app.open());
        QCOMPARE(readAll(path), before);
    }

    void brokenMigrationRollsBack_data()
    {
        QTest::addColumn<int>("badStatement");
        QTest::newRow("first statement") << 0;
        QTest::newRow("middle statement") << 1;
        QTest::newRow("last statement") << 2;
    }

    void brokenMigrationRollsBack()
    {
        QFETCH(int, badStatement);
        const QString path = m_tmp.filePath(u"broken-%1.sqlite"_s.arg(badStatement));
        QList<Migration> migrations = steps(1);
        Migration bad { u"broken step"_s,
            { u"CREATE TABLE b (x INTEGER)"_s, u"INSERT INTO t1 (x) VALUES (42)"_s, u"CREATE TABLE c (y)"_s } };
        bad.statements[badStatement] = u"THIS IS NOT SQL"_s;
        migrations.append(bad);
        {
            Database db(path, migrations);
            QVERIFY(!db.open());
            QVERIFY(!db.isOpen());
            QVERIFY2(db.lastError().contains(u"broken step"_s), qPrintable(db.lastError()));
            QVERIFY2(db.lastError().contains(u"version 2"_s), qPrintable(db.lastError()));
            QCOMPARE(db.schemaVersion(), 1);
        }
        // Step 1 stayed; nothing of step 2 did.
        Database db(path, steps(1));
        QVERIFY2(db.open(), qPrintable(db.lastError()));
        QCOMPARE(db.schemaVersion(), 1);
        QVERIFY(hasTable(db, u"t1"_s));
        QVERIFY(!hasTable(db, u"b"_s));
        QVERIFY(!hasTable(db, u"c"_s));
        QCOMPARE(scalar(db, u"SELECT count(*) FROM t1"_s).toInt(), 0);
    }

    void notADatabase()
    {
        const QString path = m_tmp.filePath(u"garbage.sqlite"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray garbage = QByteArray("this is not an SQLite file").repeated(100);
        f.write(garbage);
        f.close();
        Database db(path);
        QVERIFY(!db.open());
        QVERIFY(!db.lastError().isEmpty());
        QCOMPARE(readAll(path), garbage);
    }

    void unwritableFolder()
    {
        // The parent "folder" is a file.
        const QString blocker = m_tmp.filePath(u"blocker"_s);
        QFile f(blocker);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        Database db(blocker + u"/db.sqlite"_s);
        QVERIFY(!db.open());
        QVERIFY2(db.lastError().contains(u"folder"_s), qPrintable(db.lastError()));
    }

    void inMemory()
    {
        Database db(u":memory:"_s);
        QVERIFY2(db.open(), qPrintable(db.lastError()));
        QVERIFY(hasTable(db, u"download_queue"_s));
    }

    void defaultPath()
    {
        const QString path = Database::defaultPath();
        QVERIFY(path.endsWith(u"/stacscope.sqlite"_s));
        QVERIFY(path.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    }

    void appPathIsTheAppsWhoeverAsks()
    {
        // This test runs as "tst_database"; stacscope-cli as "stacscope-cli": both find the app's file.
        const QString ownName = QCoreApplication::applicationName();
        const QString path = Database::appPath();
        QVERIFY2(path.endsWith(u"/StacScope/StacScope/stacscope.sqlite"_s), qPrintable(path));
        QCOMPARE(QCoreApplication::applicationName(), ownName);
        QVERIFY(!QCoreApplication::applicationName().contains(u"StacScope"_s));
        QVERIFY(Database::defaultPath() != path);
    }

private:
    QTemporaryDir m_tmp;
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
