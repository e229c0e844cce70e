#include "tests/ui/monitorharness.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QItemSelection>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include "src/auth/secretstore.h"
#include "src/download/downloadmanager.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountstore.h"
#include "src/providers/capella/capellaclient.h"
#include "src/providers/capella/capellasession.h"
#include "src/providers/providerregistry.h"
#include "src/providers/up42/up42client.h"
#include "src/providers/up42/up42provider.h"
#include "src/store/database.h"
#include "src/store/monitorstore.h"
#include "src/tasking/requestmonitor.h"
#include "tests/support/capellaemulator.h"
#include "tests/support/satellogicemulator.h"
#include "tests/support/up42emulator.h"
#include "ui/monitor/monitorfiltermodel.h"
#include "ui/monitor/monitorhistorymodel.h"
#include "ui/monitor/monitormodel.h"
#include "ui/monitor/monitornotifier.h"
#include "ui/monitor/monitorpanel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QString kContract = u"cont.e8c1169a-e11a-48ac-ad4c-a69e76fd9b14"_s; // the emulator's first contract

QString iso(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz'Z'"_s);
}

QList<ReceivedRequest> filtered(const QList<ReceivedRequest> &all, const QByteArray &method, const QString &prefix)
{
    QList<ReceivedRequest> out;
    for (const ReceivedRequest &r : all) {
        if (r.method == method && r.path.startsWith(prefix)) {
            out.append(r);
        }
    }
    return out;
}

} // namespace

MonitorHarness::MonitorHarness()
    : m_dir(std::make_unique<QTemporaryDir>())
    , m_satellogic(std::make_unique<SatellogicEmulator>())
    , m_capella(std::make_unique<CapellaEmulator>())
    , m_up42(std::make_unique<Up42Emulator>())
    , m_secrets(std::make_unique<MemorySecretStore>())
    , m_registry(ProviderRegistry::createDefault())
{
    if (!m_satellogic->listen() || !m_capella->listen() || !m_up42->listen()) {
        qWarning() << "the emulators cannot listen:" << m_satellogic->errorString() << m_capella->errorString();
        return;
    }
    m_satellogic->setDeliverySize(4096);
    m_network.setBaseRetryDelay(5);
    m_network.setAuthenticator(&m_router);
    m_settings = std::make_unique<QSettings>(m_dir->filePath(u"accounts.ini"_s), QSettings::IniFormat);
    m_store = std::make_unique<AccountStore>(m_settings.get());
    m_accounts = std::make_unique<AccountManager>(
        m_store.get(), m_registry.get(), ProviderServices { &m_network, &m_router, m_secrets.get() });
    m_downloads = std::make_unique<DownloadManager>(&m_nam);
    m_downloads->setAuthenticator(&m_router);
    m_downloads->setUrlRefresher(m_accounts.get());

    Account satellogic;
    satellogic.name = u"Satellogic prod"_s;
    satellogic.provider = u"satellogic"_s;
    satellogic.endpoints = { { u"auth"_s, m_satellogic->authUrl() }, { u"accounts"_s, m_satellogic->accountsUrl() },
        { u"api"_s, m_satellogic->apiUrl() } };
    satellogic.options.insert(u"contract"_s, kContract);
    m_satellogicId = addAccount(satellogic,
        { { u"client_id"_s, SatellogicEmulator::DefaultClientId.toString().toUtf8() },
            { u"client_secret"_s, SatellogicEmulator::DefaultClientSecret.toString().toUtf8() } });
    Account capella;
    capella.name = u"Capella prod"_s;
    capella.provider = u"capella"_s;
    capella.endpoints = { { u"api"_s, m_capella->apiUrl() } };
    m_capellaId = addAccount(capella, { { u"api_key"_s, CapellaEmulator::DefaultApiKey.toString().toUtf8() } });
    Account up42;
    up42.name = u"UP42 prod"_s;
    up42.provider = u"up42"_s;
    up42.endpoints = { { u"auth"_s, m_up42->authUrl() }, { u"api"_s, m_up42->apiUrl() } };
    m_up42Id = addAccount(up42,
        { { u"username"_s, Up42Emulator::Username.toString().toUtf8() },
            { u"password"_s, Up42Emulator::Password.toString().toUtf8() } });
    m_dbPath = m_dir->filePath(u"monitor.sqlite"_s);
    m_ready = !m_satellogicId.isEmpty() && !m_capellaId.isEmpty() && !m_up42Id.isEmpty();
}

MonitorHarness::~MonitorHarness()
{
    closeMonitor();
    m_downloads.reset();
    m_accounts.reset();
    m_store.reset();
    m_settings.reset();
    m_capella.reset();
    m_satellogic.reset();
    m_up42.reset();
}

Up42Session *MonitorHarness::up42Session() const
{
    return qobject_cast<Up42Session *>(m_accounts->session(m_up42Id));
}

MonitorKey MonitorHarness::trackUp42(const QString &orderId)
{
    Up42Session *session = up42Session();
    if (!session || !m_monitor) {
        return {};
    }
    JsonCallJob *job = session->client()->order(orderId);
    QSignalSpy done(job, &StacJob::finished);
    if (!done.wait(15000) || !job->isOk()) {
        return {};
    }
    job->deleteLater();
    return m_monitor->track(m_up42Id, MonitoredKind::Up42Order, job->json());
}

QList<ReceivedRequest> MonitorHarness::up42Calls(const QByteArray &method, const QString &pathPrefix) const
{
    return filtered(m_up42->requests(Up42Emulator::Service::Api), method, pathPrefix);
}

QString MonitorHarness::addAccount(const Account &account, const QHash<QString, QByteArray> &secrets)
{
    QString error = u"pending"_s;
    QObject context;
    m_accounts->saveAccount(account, secrets, &context, [&](const QString &e) { error = e; });
    if (!QTest::qWaitFor([&] { return error != u"pending"_s; }, 5000) || !error.isEmpty()) {
        qWarning() << "account not saved:" << error;
        return {};
    }
    return m_store->byName(account.name).id;
}

QString MonitorHarness::downloadsDir() const
{
    return m_dir->filePath(u"downloads"_s);
}

RequestMonitor *MonitorHarness::openMonitor(int baseIntervalMs)
{
    closeMonitor();
    m_db = std::make_unique<Database>(m_dbPath);
    if (!m_db->open()) {
        qWarning() << m_db->lastError();
        return nullptr;
    }
    m_monitorStore = std::make_unique<MonitorStore>(*m_db);
    AccountManager *accounts = m_accounts.get();
    m_monitor = std::make_unique<RequestMonitor>(
        m_monitorStore.get(), [accounts](const QString &id) { return accounts->session(id); });
    m_monitor->setBaseInterval(baseIntervalMs);
    if (!m_monitor->start()) {
        qWarning() << m_monitor->lastError();
        return nullptr;
    }
    return m_monitor.get();
}

void MonitorHarness::closeMonitor()
{
    closePanel();
    m_monitor.reset();
    m_monitorStore.reset();
    m_db.reset();
}

MonitorPanel *MonitorHarness::openPanel()
{
    closePanel();
    m_notifier = std::make_unique<MonitorNotifier>(m_monitor.get(), m_downloads.get());
    m_panel = std::make_unique<MonitorPanel>(m_monitor.get(), m_accounts.get(), m_downloads.get(), downloadsDir());
    const auto mode = QAbstractItemModelTester::FailureReportingMode::QtTest;
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(m_panel->model(), mode));
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(m_panel->filterModel(), mode));
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(m_panel->historyModel(), mode));
    m_panel->resize(1600, 360);
    m_panel->show();
    return m_panel.get();
}

void MonitorHarness::closePanel()
{
    m_testers.clear();
    m_panel.reset();
    m_notifier.reset();
}

qint64 MonitorHarness::addSatellogicTask(const QString &name)
{
    const QDateTime now = m_satellogic->now();
    const QJsonObject body { { u"task_name"_s, name }, { u"project_name"_s, u"Ports"_s }, { u"product"_s, 169 },
        { u"target"_s, QJsonObject { { u"type"_s, u"Point"_s }, { u"coordinates"_s, QJsonArray { 4.05, 51.95 } } } },
        { u"start"_s, now.addSecs(-3600).toString(Qt::ISODate) }, { u"end"_s, now.addDays(7).toString(Qt::ISODate) } };
    return m_satellogic->addTask(body, kContract);
}

CapellaSession *MonitorHarness::capellaSession() const
{
    return qobject_cast<CapellaSession *>(m_accounts->session(m_capellaId));
}

QJsonObject MonitorHarness::createCapellaRequest(bool repeat, const QString &name)
{
    CapellaSession *session = capellaSession();
    if (!session) {
        return {};
    }
    const QDateTime now = m_capella->now();
    const QJsonObject point { { u"type"_s, u"Point"_s }, { u"coordinates"_s, QJsonArray { -0.32, 39.44 } } };
    const QJsonObject processing { { u"productTypes"_s, QJsonArray { u"GEO"_s } } };
    QJsonObject properties;
    if (repeat) {
        properties = { { u"repeatrequestName"_s, name }, { u"repeatrequestDescription"_s, u"weekly"_s },
            { u"collectionTier"_s, u"routine"_s }, { u"collectionType"_s, u"spotlight"_s },
            { u"archiveHoldback"_s, u"none"_s },
            { u"repetitionProperties"_s,
                QJsonObject { { u"repeatStart"_s, iso(now.addDays(1)) },
                    { u"repeatEnd"_s, QJsonValue(QJsonValue::Null) }, { u"repetitionInterval"_s, 7 },
                    { u"repetitionCount"_s, 5 } } },
            { u"processingConfig"_s, processing }, { u"windowDuration"_s, 86400 } };
    } else {
        properties = { { u"taskingrequestName"_s, name }, { u"taskingrequestDescription"_s, u"port"_s },
            { u"windowOpen"_s, iso(now.addSecs(3600)) }, { u"windowClose"_s, iso(now.addDays(7)) },
            { u"collectionTier"_s, u"standard"_s }, { u"collectionType"_s, u"spotlight"_s },
            { u"archiveHoldback"_s, u"none"_s }, { u"pre_approval"_s, false }, { u"processingConfig"_s, processing } };
    }
    const QJsonObject body { { u"type"_s, u"Feature"_s }, { u"geometry"_s, point }, { u"properties"_s, properties } };
    JsonCallJob *job
        = session->client()->createRequest(repeat ? CapellaRequest::Kind::Repeat : CapellaRequest::Kind::Tasking, body);
    QSignalSpy done(job, &StacJob::finished);
    if (!job->isFinished() && !done.wait(10000)) {
        return {};
    }
    job->deleteLater();
    if (!job->isOk()) {
        qWarning() << "create failed:" << job->error().toString();
        return {};
    }
    return job->json();
}

MonitorKey MonitorHarness::trackSatellogic(qint64 taskId)
{
    return m_monitor->track(m_satellogicId, MonitoredKind::SatellogicTask, m_satellogic->task(taskId));
}

MonitorKey MonitorHarness::trackCapella(const QJsonObject &answer, MonitoredKind kind)
{
    return m_monitor->track(m_capellaId, kind, answer);
}

QList<ReceivedRequest> MonitorHarness::capellaCalls(const QByteArray &method, const QString &pathPrefix) const
{
    return filtered(m_capella->requests(CapellaEmulator::Service::Api), method, pathPrefix);
}

QList<ReceivedRequest> MonitorHarness::satellogicCalls(const QByteArray &method, const QString &pathPrefix) const
{
    return filtered(m_satellogic->requests(SatellogicEmulator::Service::Api), method, pathPrefix);
}

void selectKeys(MonitorPanel *panel, const QList<MonitorKey> &keys)
{
    panel->selectKeys(keys);
}

QString cellText(MonitorPanel *panel, const MonitorKey &key, int column)
{
    const MonitorModel *model = panel->model();
    const int row = model->rowOf(key);
    if (row < 0) {
        return u"<no row>"_s;
    }
    const QModelIndex index = panel->filterModel()->mapFromSource(model->index(row, column));
    return index.isValid() ? index.data().toString() : u"<filtered out>"_s;
}

QJsonObject bodyOf(const ReceivedRequest &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

QAbstractButton *roleButton(QMessageBox *box, QMessageBox::ButtonRole role)
{
    for (QAbstractButton *b : box->buttons()) {
        if (box->buttonRole(b) == role) {
            return b;
        }
    }
    return nullptr;
}

} // namespace StacScope
