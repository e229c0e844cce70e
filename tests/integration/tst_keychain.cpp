// The keychain for real (GNOME Keyring's Secret Service on a private D-Bus session, started by
// CTest through dbus-run-session) and the announced in-memory fallback when no keychain answers;
// then stacscope-cli's accounts on top of it, secrets read from stdin, none in the accounts file.
#include <memory>

#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "src/auth/keychainsecretstore.h"
#include "tests/support/clirun.h"
#include "tests/support/satellogicemulator.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

const QString kService = u"org.stacscope.StacScope.tests"_s;

struct ReadResult
{
    QByteArray value;
    bool found = false;
    QString error;
    bool done = false;
};

ReadResult readSecret(SecretStore &store, const QString &key, QObject *context)
{
    auto result = std::make_shared<ReadResult>();
    store.read(key, context, [result](const QByteArray &v, bool found, const QString &error) {
        *result = { v, found, error, true };
    });
    if (!QTest::qWaitFor([result] { return result->done; }, 20000)) {
        return { {}, false, u"timed out"_s, false };
    }
    return *result;
}

QString writeSecret(SecretStore &store, const QString &key, const QByteArray &value, QObject *context)
{
    auto result = std::make_shared<QString>(u"pending"_s);
    store.write(key, value, context, [result](const QString &e) { *result = e; });
    return QTest::qWaitFor([result] { return *result != u"pending"_s; }, 20000) ? *result : u"timed out"_s;
}

bool realKeychain()
{
    return qEnvironmentVariable("STACSCOPE_KEYCHAIN_MODE") == u"real"_s;
}

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    CliRun cli(const QStringList &args, const QByteArray &input = {})
    {
        QProcessEnvironment extra;
        extra.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
        return runCli(QStringLiteral(STACSCOPE_CLI_PATH), args, cliEnvironment(extra), m_dir.path(), input);
    }

private Q_SLOTS:
    void roundTrip()
    {
        if (!realKeychain()) {
            QSKIP("runs under dbus-run-session with gnome-keyring (the tst_keychain_session CTest entry)");
        }
        KeychainSecretStore store(kService);
        QSignalSpy fallback(&store, &SecretStore::fallbackActivated);
        const QString key = SecretStore::accountKey(u"acct-1"_s, u"client_secret"_s);
        QCOMPARE(writeSecret(store, key, "s3cr3t-\xc3\xa9-value", this), QString());
        QVERIFY(store.isPersistent());
        QCOMPARE(fallback.size(), 0);
        // Another store (another process would do the same) reads it from the keychain.
        KeychainSecretStore other(kService);
        const ReadResult read = readSecret(other, key, this);
        QVERIFY2(read.found, qPrintable(read.error));
        QCOMPARE(read.value, QByteArray("s3cr3t-\xc3\xa9-value"));
        auto removed = std::make_shared<QString>(u"pending"_s);
        other.remove(key, this, [removed](const QString &e) { *removed = e; });
        QTRY_VERIFY(*removed != u"pending"_s);
        QCOMPARE(*removed, QString());
        const ReadResult gone = readSecret(store, key, this);
        QVERIFY(gone.done);
        QVERIFY(!gone.found);
        QVERIFY(gone.error.isEmpty());
    }

    // stacscope-cli accounts: add (secrets on stdin), list, test, use, remove; the accounts file
    // never holds a secret, the keychain does until the account is removed.
    void cliAccountsThroughTheKeychain()
    {
        if (!realKeychain()) {
            QSKIP("runs under dbus-run-session with gnome-keyring (the tst_keychain_session CTest entry)");
        }
        SatellogicEmulator emulator;
        QVERIFY(emulator.listen());
        const CliRun add = cli({ u"accounts"_s, u"add"_s, u"sat"_s, u"--provider"_s, u"satellogic"_s, u"--endpoint"_s,
                                   u"auth="_s + emulator.authUrl().toString(), u"--endpoint"_s,
                                   u"accounts="_s + emulator.accountsUrl().toString(), u"--endpoint"_s,
                                   u"api="_s + emulator.apiUrl().toString(), u"--option"_s,
                                   u"contract=cont.e8c1169a-e11a-48ac-ad4c-a69e76fd9b14"_s },
            "emulator-client\nemulator-secret\n");
        QVERIFY2(add.exitCode == 0, add.err.constData());
        const CliRun list = cli({ u"accounts"_s, u"list"_s });
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.startsWith("sat\tsatellogic"));
        const CliRun test = cli({ u"accounts"_s, u"test"_s, u"sat"_s });
        QVERIFY2(test.exitCode == 0, test.err.constData());
        QVERIFY2(test.out.contains("2 contracts"), test.out.constData());
        QVERIFY(test.out.contains("Tasking: allowed"));
        const CliRun tasks = cli({ u"tasks"_s, u"list"_s, u"--account"_s, u"sat"_s });
        QVERIFY2(tasks.exitCode == 0, tasks.err.constData());

        QDirIterator it(m_dir.filePath(u"config"_s), QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QVERIFY2(!bytes.contains("emulator-secret"), qPrintable(f.fileName()));
            QVERIFY2(!bytes.contains("emulator-client"), qPrintable(f.fileName()));
            ++files;
        }
        QVERIFY(files >= 1);

        const CliRun remove = cli({ u"accounts"_s, u"remove"_s, u"sat"_s });
        QCOMPARE(remove.exitCode, 0);
        const CliRun after = cli({ u"tasks"_s, u"list"_s, u"--account"_s, u"sat"_s });
        QCOMPARE(after.exitCode, 4);
    }

    // No keychain: announced once, secrets kept in memory for the session, and the CLI refuses
    // to save an account whose secrets would vanish.
    void fallbackIsAnnounced()
    {
        if (realKeychain()) {
            QSKIP("runs without a D-Bus session (the tst_keychain CTest entry)");
        }
        KeychainSecretStore store(kService);
        QSignalSpy fallback(&store, &SecretStore::fallbackActivated);
        const QString key = SecretStore::accountKey(u"acct-2"_s, u"password"_s);
        QCOMPARE(writeSecret(store, key, "memory-only", this), QString());
        QCOMPARE(fallback.size(), 1);
        QVERIFY(!store.isPersistent());
        QVERIFY(fallback.first().first().toString().contains(u"kept in memory"_s));
        const ReadResult read = readSecret(store, key, this);
        QVERIFY(read.found);
        QCOMPARE(read.value, QByteArray("memory-only"));
        QCOMPARE(fallback.size(), 1); // announced once

        const CliRun add
            = cli({ u"accounts"_s, u"add"_s, u"nokeychain"_s, u"--provider"_s, u"satellogic"_s }, "id\nsecret\n");
        QCOMPARE(add.exitCode, 4);
        QVERIFY2(add.err.contains("No keychain answered"), add.err.constData());
        const CliRun list = cli({ u"accounts"_s, u"list"_s });
        QVERIFY(!list.out.contains("nokeychain"));
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
