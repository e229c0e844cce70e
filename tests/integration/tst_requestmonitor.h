#pragma once

// RequestMonitor end to end against the Satellogic and Capella emulators, through real account
// sessions (AccountManager, CredentialRouter, tokens and API keys) and a SQLite file. The slots
// live in two files: the fixture, Satellogic, offline, restart and final requests
// (tst_requestmonitor.cpp); Capella tasking, repeat requests, orders, backoff and an unreachable
// host (tst_requestmonitorcapella.cpp). Expected request counts and paths are written out from
// the providers' documents and the emulators' documented life cycles.

#include <memory>

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "src/auth/credentialrouter.h"
#include "src/auth/secretstore.h"
#include "src/net/networkclient.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountstore.h"
#include "src/providers/providerregistry.h"
#include "src/store/database.h"
#include "src/store/monitorstore.h"
#include "src/tasking/requestmonitor.h"
#include "tests/support/capellaemulator.h"
#include "tests/support/satellogicemulator.h"

namespace MonitorTest {

constexpr int WaitMs = 15000;
inline const QString FirstContract = QStringLiteral("cont.e8c1169a-e11a-48ac-ad4c-a69e76fd9b14");

bool waitFor(StacScope::StacJob *job, int ms = WaitMs);
// Waits until `spy` holds at least `count` signals.
bool waitForCount(QSignalSpy &spy, int count, int ms = WaitMs);

} // namespace MonitorTest

class TestRequestMonitor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<StacScope::SatellogicEmulator> m_satellogic;
    std::unique_ptr<StacScope::CapellaEmulator> m_capella;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<StacScope::NetworkClient> m_network;
    std::unique_ptr<StacScope::CredentialRouter> m_router;
    std::unique_ptr<StacScope::MemorySecretStore> m_secrets;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<StacScope::AccountStore> m_accountStore;
    std::unique_ptr<StacScope::ProviderRegistry> m_registry;
    std::unique_ptr<StacScope::AccountManager> m_accounts;
    QString m_satellogicId;
    QString m_capellaId;
    QString m_dbPath;
    std::unique_ptr<StacScope::Database> m_db;
    std::unique_ptr<StacScope::MonitorStore> m_store;
    std::unique_ptr<StacScope::RequestMonitor> m_monitor;

    // tst_requestmonitor.cpp
    QString addAccount(const StacScope::Account &account, const QHash<QString, QByteArray> &secrets);
    StacScope::RequestMonitor *openMonitor(int baseIntervalMs);
    void closeMonitor();
    QList<StacScope::ReceivedRequest> satellogicCalls(const QByteArray &method = {}, const QString &path = {}) const;
    QList<StacScope::ReceivedRequest> capellaCalls(const QByteArray &method = {}, const QString &path = {}) const;
    QString downloadsDir() const { return m_dir.filePath(QStringLiteral("downloads")); }
    QJsonObject satellogicTaskBody(const QString &name) const;
    qint64 addSatellogicTask(const QString &name);

    // tst_requestmonitorcapella.cpp
    QJsonObject capellaTaskBody(const QString &name) const;
    QJsonObject capellaRepeatBody(const QString &name) const;
    // Creates a request through the account's client, as the tasking form does; the answer.
    QJsonObject createCapellaRequest(bool repeat, const QString &name);
    bool setCapellaStatus(bool repeat, const QString &id, const QJsonObject &body);

private Q_SLOTS:
    void init();
    void cleanup();

    // tst_requestmonitor.cpp
    void satellogicTaskLifeCycle();
    void deliveryFolderIsNeverTheRoot();
    void satellogicBatchesByStatus();
    void pausedWhileOffline();
    void restoredAfterRestart();
    void finalRequestsAreNotPolled();
    void untrackAndDeliveriesOnDemand();

    // tst_requestmonitorcapella.cpp
    void capellaTaskingLifeCycle();
    void capellaTaskingBatch();
    void capellaRepeatRequest();
    void capellaRepeatSpawnsFollowedRequests();
    void capellaOrders();
    void backoffAfterServerErrors();
    void retryAfterIsHonoured();
    void unreachableHostBacksOff();
    void concurrencyCapPerHost();
    void accountClosedWhilePolling();
};
