#pragma once

#include <QObject>
#include <QPointer>
#include <QUrl>

#include "src/download/downloadtask.h"
#include "src/providers/jsoncalljob.h"
#include "src/providers/satellogic/satellogictypes.h"
#include "src/stac/stacjob.h"

namespace StacScope {

class NetworkClient;

// Satellogic's services as jobs on NetworkClient. Credentials are not the client's business: the
// account's session binds them in the CredentialRouter for the API and accounts hosts.
class SatellogicClient : public QObject
{
    Q_OBJECT
public:
    SatellogicClient(NetworkClient *network, const QUrl &api, const QUrl &accounts, QObject *parent = nullptr);

    NetworkClient *network() const { return m_network; }
    QUrl apiUrl() const { return m_api; }
    QUrl accountsUrl() const { return m_accounts; }

    OffsetPagedJob *contracts();
    OffsetPagedJob *products();
    OffsetPagedJob *tasks(const SatellogicTaskFilter &filter = {}, int maxItems = 0);
    JsonCallJob *task(qint64 taskId);
    // Costs money: sent once, never retried; only after the user confirmed.
    JsonCallJob *createTask(const SatellogicTaskRequest &request);
    // Cannot be undone: sent once, never retried; only after the user confirmed.
    JsonCallJob *cancelTask(qint64 taskId);
    OffsetPagedJob *captures(qint64 taskId);
    OffsetPagedJob *scenes(const QString &captureId);
    JsonCallJob *attachmentLink(const QString &sceneId, const QString &attachment = QStringLiteral("delivery_zip"));

private:
    NetworkClient *m_network;
    QUrl m_api;
    QUrl m_accounts;
};

// A task's delivery: its captures, the published ones' scenes (sceneset_id = capture_id), ready
// to become downloads. Captures not published yet are reported, not an error.
class SatellogicDeliveryJob : public StacJob
{
    Q_OBJECT
public:
    // `captureId` empty: every published capture of the task.
    SatellogicDeliveryJob(
        SatellogicClient *client, qint64 taskId, const QString &captureId = {}, QObject *parent = nullptr);
    void cancel() override;

    qint64 taskId() const { return m_taskId; }
    const QList<SatellogicCapture> &captures() const { return m_captures; }
    const QList<SatellogicScene> &scenes() const { return m_scenes; }
    int pendingCaptures() const { return m_pending; }

    // One download per scene's delivery_zip, below `directory`/<task id>/<capture id>/. The task's
    // URL is the link endpoint (linkFromProvider): the signed link is fetched when it starts.
    static QList<DownloadTask> plan(const QList<SatellogicScene> &scenes, qint64 taskId, const QUrl &api,
        const QString &directory, const QString &sourceId);

private:
    void onCaptures();
    void nextScenes();

    SatellogicClient *m_client;
    qint64 m_taskId;
    QString m_captureId;
    QPointer<StacJob> m_job;
    QList<SatellogicCapture> m_captures;
    QStringList m_toFetch;
    QList<SatellogicScene> m_scenes;
    int m_pending = 0;
};

} // namespace StacScope
