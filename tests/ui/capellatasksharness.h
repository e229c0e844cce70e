#pragma once

#include <memory>

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QObject>
#include <QString>

#include "src/auth/credentialrouter.h"
#include "src/net/networkclient.h"
#include "src/providers/account.h"
#include "tests/support/receivedrequest.h"

class QSettings;
class QTemporaryDir;

namespace StacScope {

class AccountManager;
class AccountStore;
class CapellaEmulator;
class CapellaTasksPanel;
class DownloadManager;
class MemorySecretStore;
class ProviderRegistry;
class TasksPanel;

// What tst_capellatasks builds for each test: the Capella emulator, an account manager with an
// in-memory keychain, a download manager and the Tasks dock; plus requests made straight to the
// emulator (POST /task, /repeat-requests) with bodies written out as capella.md shows them.
class CapellaTasksHarness
{
public:
    CapellaTasksHarness();
    ~CapellaTasksHarness();

    bool isListening() const { return m_listening; }
    CapellaEmulator *emulator() const { return m_emulator.get(); }
    AccountStore *store() const { return m_store.get(); }
    AccountManager *accounts() const { return m_accounts.get(); }
    // The client the accounts sign in with (their credentials bound per origin), as main() shares it.
    NetworkClient *network() { return &m_network; }
    CredentialRouter *router() { return &m_router; }
    TasksPanel *panel() const { return m_panel.get(); }
    DownloadManager *downloads() const { return m_downloads.get(); }
    QString tempPath(const QString &name) const;

    bool save(const Account &account, const QHash<QString, QByteArray> &secrets);
    // A Capella account on the emulator, signed in as the window does at launch; its id.
    QString addCapellaAccount();
    // The dock for the accounts saved so far.
    TasksPanel *createPanel();
    // A Capella account and the dock with its tasking requests listed.
    CapellaTasksPanel *openPanel();

    QJsonObject post(const QString &path, const QJsonObject &body);
    // POST /task with a point and a week-long window starting tomorrow; returns the id.
    QString createTasking(const QString &name, bool preApproval);
    // POST /repeat-requests: weekly, five collects from 2030-01-07.
    QJsonObject createRepeat(const QString &name);

private:
    QObject m_context;
    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
    CredentialRouter m_router;
    std::unique_ptr<ProviderRegistry> m_registry;
    std::unique_ptr<CapellaEmulator> m_emulator;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<AccountStore> m_store;
    std::unique_ptr<AccountManager> m_accounts;
    std::unique_ptr<DownloadManager> m_downloads;
    std::unique_ptr<TasksPanel> m_panel;
    bool m_listening = false;
};

// {"time", "code", "message"}: one entry of a statusHistory.
QJsonObject capellaStatus(const QString &time, const QString &code, const QString &message);
// A tasking request as Capella answers GET /task/{id} (capella.md §6), to seed into the emulator
// as is: a point, window 2025-06-10T22:00Z..2025-06-17T22:00Z, standard spotlight, GEO only.
// `history` newest first.
QJsonObject taskingFeature(const QString &id, const QString &name, const QJsonArray &history,
    const QString &transactionStatus, const QString &total,
    const QString &submitted = QStringLiteral("2025-06-09T08:30:00.000Z"));
QJsonArray completedHistory();
QJsonArray activeHistory();
QJsonArray reviewHistory();

// What the emulator's API host received with `method` under `pathPrefix`, in order.
QList<ReceivedRequest> receivedRequests(
    CapellaEmulator *emulator, const QByteArray &method, const QString &pathPrefix = {});
QJsonObject bodyOf(const ReceivedRequest &request);
QAbstractButton *buttonWithRole(QMessageBox *box, QMessageBox::ButtonRole role);
// Selects these rows of the requests model (through the view's sort proxy).
void selectRows(CapellaTasksPanel *capella, const QList<int> &sourceRows);
// "2025-06-12 14:05 UTC+02:00": a Capella time in Madrid's local time with its offset, written
// out here rather than taken from the dock.
QString madrid(const QString &capellaTime);

} // namespace StacScope
