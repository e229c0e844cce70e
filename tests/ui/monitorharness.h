#pragma once

#include <memory>
#include <vector>

#include <QJsonObject>
#include <QList>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QString>

#include "src/auth/credentialrouter.h"
#include "src/net/networkclient.h"
#include "src/providers/account.h"
#include "src/tasking/monitoredrequest.h"
#include "tests/support/receivedrequest.h"

class QAbstractItemModelTester;
class QSettings;
class QTemporaryDir;

namespace StacScope {

class AccountManager;
class AccountStore;
class CapellaEmulator;
class CapellaSession;
class Database;
class DownloadManager;
class MemorySecretStore;
class MonitorNotifier;
class MonitorPanel;
class MonitorStore;
class ProviderRegistry;
class RequestMonitor;
class SatellogicEmulator;
class Up42Emulator;
class Up42Session;

// What tst_monitorpanel builds for each test: the Satellogic, Capella and UP42 emulators, an account of
// each (in-memory keychain), a DownloadManager, a RequestMonitor over a SQLite file in a temporary
// folder, and the Monitor panel with its notifier, each of the panel's models under a
// QAbstractItemModelTester.
class MonitorHarness
{
public:
    MonitorHarness();
    ~MonitorHarness();

    bool isReady() const { return m_ready; }
    SatellogicEmulator *satellogic() const { return m_satellogic.get(); }
    CapellaEmulator *capella() const { return m_capella.get(); }
    Up42Emulator *up42() const { return m_up42.get(); }
    QString up42Id() const { return m_up42Id; }
    Up42Session *up42Session() const;
    // Follows one of the UP42 emulator's orders (as GET /v2/orders/{id} answers it now).
    MonitorKey trackUp42(const QString &orderId);
    QList<ReceivedRequest> up42Calls(const QByteArray &method, const QString &pathPrefix = {}) const;
    AccountManager *accounts() const { return m_accounts.get(); }
    DownloadManager *downloads() const { return m_downloads.get(); }
    QString satellogicId() const { return m_satellogicId; }
    QString capellaId() const { return m_capellaId; }
    QString downloadsDir() const;

    // A monitor over the test's SQLite file (the same file after closeMonitor()), started.
    RequestMonitor *openMonitor(int baseIntervalMs);
    void closeMonitor(); // the panel and the notifier go first
    RequestMonitor *monitor() const { return m_monitor.get(); }
    // The panel and its notifier over the open monitor, shown.
    MonitorPanel *openPanel();
    void closePanel();
    MonitorPanel *panel() const { return m_panel.get(); }
    MonitorNotifier *notifier() const { return m_notifier.get(); }

    // A task of the first contract, window from an hour ago to a week ahead; its id.
    qint64 addSatellogicTask(const QString &name);
    // POST /task (or /repeat-requests) through the account's client, as the tasking form does:
    // a point, spotlight, standard tier, no holdback, GEO; the answer.
    QJsonObject createCapellaRequest(bool repeat, const QString &name);
    CapellaSession *capellaSession() const;
    MonitorKey trackSatellogic(qint64 taskId);
    MonitorKey trackCapella(const QJsonObject &answer, MonitoredKind kind = MonitoredKind::CapellaTasking);

    QList<ReceivedRequest> capellaCalls(const QByteArray &method, const QString &pathPrefix = {}) const;
    QList<ReceivedRequest> satellogicCalls(const QByteArray &method, const QString &pathPrefix = {}) const;

private:
    QString addAccount(const Account &account, const QHash<QString, QByteArray> &secrets);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SatellogicEmulator> m_satellogic;
    std::unique_ptr<CapellaEmulator> m_capella;
    std::unique_ptr<Up42Emulator> m_up42;
    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
    CredentialRouter m_router;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<AccountStore> m_store;
    std::unique_ptr<ProviderRegistry> m_registry;
    std::unique_ptr<AccountManager> m_accounts;
    std::unique_ptr<DownloadManager> m_downloads;
    QString m_satellogicId;
    QString m_capellaId;
    QString m_up42Id;
    QString m_dbPath;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<MonitorStore> m_monitorStore;
    std::unique_ptr<RequestMonitor> m_monitor;
    std::unique_ptr<MonitorPanel> m_panel;
    std::unique_ptr<MonitorNotifier> m_notifier;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
    bool m_ready = false;
};

// Selects the rows of these keys in the panel's table.
void selectKeys(MonitorPanel *panel, const QList<MonitorKey> &keys);
// The panel's table cell of `key` in `column` (through the sort proxy), as shown.
QString cellText(MonitorPanel *panel, const MonitorKey &key, int column);
QJsonObject bodyOf(const ReceivedRequest &request);
QAbstractButton *roleButton(QMessageBox *box, QMessageBox::ButtonRole role);

} // namespace StacScope
