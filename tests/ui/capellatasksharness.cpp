#include "tests/ui/capellatasksharness.h"

#include <QAbstractButton>
#include <QItemSelection>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTreeView>

#include "src/auth/secretstore.h"
#include "src/download/downloadmanager.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountsession.h"
#include "src/providers/accountstore.h"
#include "src/providers/providerregistry.h"
#include "tests/support/capellaemulator.h"
#include "ui/tasks/capellarequestsmodel.h"
#include "ui/tasks/capellataskspanel.h"
#include "ui/tasks/taskspanel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

CapellaTasksHarness::CapellaTasksHarness()
    : m_registry(ProviderRegistry::createDefault())
    , m_emulator(std::make_unique<CapellaEmulator>())
    , m_dir(std::make_unique<QTemporaryDir>())
{
    m_listening = m_emulator->listen();
    if (!m_listening) {
        qWarning() << "the emulator cannot listen:" << m_emulator->errorString();
    }
    m_settings = std::make_unique<QSettings>(m_dir->filePath(u"accounts.ini"_s), QSettings::IniFormat);
    m_secrets = std::make_unique<MemorySecretStore>();
    m_store = std::make_unique<AccountStore>(m_settings.get());
    m_network.setAuthenticator(&m_router);
    m_accounts = std::make_unique<AccountManager>(
        m_store.get(), m_registry.get(), ProviderServices { &m_network, &m_router, m_secrets.get() });
    m_downloads = std::make_unique<DownloadManager>(&m_nam);
}

CapellaTasksHarness::~CapellaTasksHarness()
{
    m_panel.reset();
    m_downloads.reset();
    m_accounts.reset();
    m_store.reset();
    m_secrets.reset();
    m_settings.reset();
    m_emulator.reset();
}

bool CapellaTasksHarness::save(const Account &account, const QHash<QString, QByteArray> &secrets)
{
    QString error = u"pending"_s;
    m_accounts->saveAccount(account, secrets, &m_context, [&](const QString &e) { error = e; });
    if (!QTest::qWaitFor([&] { return error != u"pending"_s; }, 5000) || !error.isEmpty()) {
        qWarning() << "account not saved:" << error;
        return false;
    }
    return true;
}

QString CapellaTasksHarness::addCapellaAccount()
{
    Account a;
    a.name = u"Capella prod"_s;
    a.provider = u"capella"_s;
    a.endpoints = { { u"api"_s, m_emulator->apiUrl() } };
    if (!save(a, { { u"api_key"_s, CapellaEmulator::DefaultApiKey.toString().toUtf8() } })) {
        return {};
    }
    const QString id = m_store->byName(a.name).id;
    AccountSession *session = m_accounts->session(id);
    if (!session) {
        return {};
    }
    AccountCheckJob *check = session->check();
    QSignalSpy checked(check, &StacJob::finished);
    if (!checked.wait(10000)) {
        qWarning() << "no sign-in";
    }
    check->deleteLater();
    return id;
}

TasksPanel *CapellaTasksHarness::createPanel()
{
    m_panel = std::make_unique<TasksPanel>(m_accounts.get(), m_downloads.get());
    m_panel->resize(1500, 400);
    m_panel->show();
    return m_panel.get();
}

CapellaTasksPanel *CapellaTasksHarness::openPanel()
{
    if (addCapellaAccount().isEmpty()) {
        return nullptr;
    }
    CapellaTasksPanel *capella = createPanel()->capellaPanel();
    if (m_panel->pages()->currentWidget() != capella
        || !QTest::qWaitFor([capella] { return !capella->isLoading(); }, 10000)) {
        qWarning() << "the Capella page did not list its requests";
        return nullptr;
    }
    return capella;
}

QString CapellaTasksHarness::tempPath(const QString &name) const
{
    return m_dir->filePath(name);
}

QJsonObject CapellaTasksHarness::post(const QString &path, const QJsonObject &body)
{
    QUrl url = m_emulator->apiUrl();
    url.setPath(path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setRawHeader("Authorization", "ApiKey " + CapellaEmulator::DefaultApiKey.toString().toUtf8());
    QNetworkReply *reply = m_nam.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !done.wait(10000)) {
        reply->deleteLater();
        return {};
    }
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll()).object();
}

QString CapellaTasksHarness::createTasking(const QString &name, bool preApproval)
{
    const QDateTime open = m_emulator->now().addDays(1);
    const QJsonObject body { { u"type"_s, u"Feature"_s },
        { u"geometry"_s, QJsonObject { { u"type"_s, u"Point"_s }, { u"coordinates"_s, QJsonArray { -9.17, 38.69 } } } },
        { u"properties"_s,
            QJsonObject { { u"taskingrequestName"_s, name }, { u"taskingrequestDescription"_s, QString() },
                { u"windowOpen"_s, open.toString(Qt::ISODateWithMs) },
                { u"windowClose"_s, open.addDays(7).toString(Qt::ISODateWithMs) },
                { u"collectionTier"_s, u"standard"_s }, { u"collectionType"_s, u"spotlight"_s },
                { u"pre_approval"_s, preApproval } } } };
    return post(u"/task"_s, body).value(u"properties"_s).toObject().value(u"taskingrequestId"_s).toString();
}

QJsonObject CapellaTasksHarness::createRepeat(const QString &name)
{
    const QJsonObject body { { u"type"_s, u"Feature"_s },
        { u"geometry"_s, QJsonObject { { u"type"_s, u"Point"_s }, { u"coordinates"_s, QJsonArray { 32.55, 29.95 } } } },
        { u"properties"_s,
            QJsonObject { { u"repeatrequestName"_s, name }, { u"collectionTier"_s, u"routine"_s },
                { u"collectionType"_s, u"spotlight"_s },
                { u"repetitionProperties"_s,
                    QJsonObject { { u"repeatStart"_s, u"2030-01-07T00:00:00.000Z"_s }, { u"repetitionInterval"_s, 7 },
                        { u"repetitionCount"_s, 5 } } } } } };
    return post(u"/repeat-requests"_s, body);
}

QJsonObject capellaStatus(const QString &time, const QString &code, const QString &message)
{
    return { { u"time"_s, time }, { u"code"_s, code }, { u"message"_s, message } };
}

QJsonObject taskingFeature(const QString &id, const QString &name, const QJsonArray &history,
    const QString &transactionStatus, const QString &total, const QString &submitted)
{
    QJsonObject properties {
        { u"taskingrequestId"_s, id },
        { u"taskingrequestName"_s, name },
        { u"taskingrequestDescription"_s, u"Seeded by the test"_s },
        { u"submissionTime"_s, submitted },
        { u"windowOpen"_s, u"2025-06-10T22:00:00.000Z"_s },
        { u"windowClose"_s, u"2025-06-17T22:00:00.000Z"_s },
        { u"collectionTier"_s, u"standard"_s },
        { u"collectionType"_s, u"spotlight"_s },
        { u"type"_s, u"spotlight"_s },
        { u"archiveHoldback"_s, u"none"_s },
        { u"customAttribute1"_s, QJsonValue(QJsonValue::Null) },
        { u"customAttribute2"_s, QJsonValue(QJsonValue::Null) },
        { u"preApproval"_s, false },
        { u"transactionStatus"_s, transactionStatus },
        { u"statusHistory"_s, history },
        { u"processingConfig"_s, QJsonObject { { u"productTypes"_s, QJsonArray { u"GEO"_s } } } },
    };
    if (!total.isEmpty()) {
        properties.insert(u"order"_s, QJsonObject { { u"summary"_s, QJsonObject { { u"total"_s, total } } } });
    }
    return { { u"type"_s, u"Feature"_s },
        { u"geometry"_s, QJsonObject { { u"type"_s, u"Point"_s }, { u"coordinates"_s, QJsonArray { 4.02, 51.95 } } } },
        { u"properties"_s, properties } };
}

QJsonArray completedHistory()
{
    return { capellaStatus(u"2025-06-14T10:00:00.000Z"_s, u"completed"_s, u"Tasking request has been completed."_s),
        capellaStatus(u"2025-06-11T03:00:00.000Z"_s, u"active"_s, u"Collection will be attempted"_s),
        capellaStatus(u"2025-06-09T08:40:00.000Z"_s, u"submitted"_s, u"Request submitted for scheduling"_s),
        capellaStatus(u"2025-06-09T08:30:00.000Z"_s, u"received"_s, u"Request created"_s) };
}

QJsonArray activeHistory()
{
    return { capellaStatus(u"2025-06-11T03:00:00.000Z"_s, u"active"_s, u"Collection will be attempted"_s),
        capellaStatus(u"2025-06-09T08:40:00.000Z"_s, u"submitted"_s, u"Request submitted for scheduling"_s),
        capellaStatus(u"2025-06-09T08:30:00.000Z"_s, u"received"_s, u"Request created"_s) };
}

QJsonArray reviewHistory()
{
    return { capellaStatus(
                 u"2025-06-09T08:31:00.000Z"_s, u"review"_s, u"Request is awaiting customer approval of its cost"_s),
        capellaStatus(u"2025-06-09T08:30:00.000Z"_s, u"received"_s, u"Request created"_s) };
}

QList<ReceivedRequest> receivedRequests(CapellaEmulator *emulator, const QByteArray &method, const QString &pathPrefix)
{
    QList<ReceivedRequest> out;
    for (const ReceivedRequest &r : emulator->requests(CapellaEmulator::Service::Api)) {
        if (r.method == method && r.path.startsWith(pathPrefix)) {
            out.append(r);
        }
    }
    return out;
}

QJsonObject bodyOf(const ReceivedRequest &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

QAbstractButton *buttonWithRole(QMessageBox *box, QMessageBox::ButtonRole role)
{
    for (QAbstractButton *b : box->buttons()) {
        if (box->buttonRole(b) == role) {
            return b;
        }
    }
    return nullptr;
}

void selectRows(CapellaTasksPanel *capella, const QList<int> &sourceRows)
{
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(capella->requestsView()->model());
    QItemSelection selection;
    for (int row : sourceRows) {
        const QModelIndex index = proxy->mapFromSource(capella->requestsModel()->index(row, 0));
        selection.select(index, index);
    }
    capella->requestsView()->selectionModel()->select(
        selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

QString madrid(const QString &capellaTime)
{
    const QDateTime utc = QDateTime::fromString(capellaTime, Qt::ISODateWithMs);
    const QDateTime local = utc.toTimeZone(QTimeZone(QByteArrayLiteral("Europe/Madrid")));
    return local.toString(u"yyyy-MM-dd HH:mm"_s) + (local.offsetFromUtc() == 7200 ? u" UTC+02:00"_s : u" UTC+01:00"_s);
}

} // namespace StacScope
