#include "src/providers/satellogic/satellogicclient.h"

#include <QDir>

#include "src/download/filenamesanitizer.h"
#include "src/net/networkclient.h"
#include "src/providers/satellogic/satellogicapi.h"

using namespace Qt::StringLiterals;

namespace StacScope {

SatellogicClient::SatellogicClient(NetworkClient *network, const QUrl &api, const QUrl &accounts, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_api(api)
    , m_accounts(accounts)
{}

OffsetPagedJob *SatellogicClient::contracts()
{
    return new OffsetPagedJob(m_network, HttpRequest::get(SatellogicApi::contractsUrl(m_accounts)), 0, this);
}

OffsetPagedJob *SatellogicClient::products()
{
    return new OffsetPagedJob(m_network, HttpRequest::get(SatellogicApi::productsUrl(m_api)), 0, this);
}

OffsetPagedJob *SatellogicClient::tasks(const SatellogicTaskFilter &filter, int maxItems)
{
    return new OffsetPagedJob(m_network, HttpRequest::get(SatellogicApi::tasksUrl(m_api, filter)), maxItems, this);
}

JsonCallJob *SatellogicClient::task(qint64 taskId)
{
    return new JsonCallJob(m_network, HttpRequest::get(SatellogicApi::taskUrl(m_api, taskId)), this);
}

JsonCallJob *SatellogicClient::createTask(const SatellogicTaskRequest &request)
{
    HttpRequest r = HttpRequest::postJson(SatellogicApi::createTaskUrl(m_api), SatellogicApi::createTaskBody(request));
    r.costsMoney = true;
    r.retryable = false;
    r.maxAttempts = 1;
    return new JsonCallJob(m_network, r, this);
}

JsonCallJob *SatellogicClient::cancelTask(qint64 taskId)
{
    HttpRequest r;
    r.method = QByteArrayLiteral("PATCH");
    r.url = SatellogicApi::cancelTaskUrl(m_api, taskId);
    r.costsMoney = true;
    r.retryable = false;
    r.maxAttempts = 1;
    return new JsonCallJob(m_network, r, this);
}

OffsetPagedJob *SatellogicClient::captures(qint64 taskId)
{
    return new OffsetPagedJob(m_network, HttpRequest::get(SatellogicApi::capturesUrl(m_api, taskId)), 0, this);
}

OffsetPagedJob *SatellogicClient::scenes(const QString &captureId)
{
    return new OffsetPagedJob(m_network, HttpRequest::get(SatellogicApi::scenesUrl(m_api, captureId)), 0, this);
}

JsonCallJob *SatellogicClient::attachmentLink(const QString &sceneId, const QString &attachment)
{
    return new JsonCallJob(
        m_network, HttpRequest::get(SatellogicApi::attachmentLinkUrl(m_api, sceneId, attachment)), this);
}

// --- SatellogicDeliveryJob ---

SatellogicDeliveryJob::SatellogicDeliveryJob(
    SatellogicClient *client, qint64 taskId, const QString &captureId, QObject *parent)
    : StacJob(parent)
    , m_client(client)
    , m_taskId(taskId)
    , m_captureId(captureId)
{
    OffsetPagedJob *job = client->captures(taskId);
    job->setParent(this);
    m_job = job;
    connect(job, &StacJob::finished, this, &SatellogicDeliveryJob::onCaptures);
}

void SatellogicDeliveryJob::cancel()
{
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
    }
    StacJob::cancel();
}

void SatellogicDeliveryJob::onCaptures()
{
    auto *job = qobject_cast<OffsetPagedJob *>(m_job.data());
    job->deleteLater();
    if (!job->isOk()) {
        finish(job->error());
        return;
    }
    bool found = m_captureId.isEmpty();
    for (const QJsonValue &v : job->results()) {
        QString problem;
        const auto capture = SatellogicApi::parseCapture(v.toObject(), &problem);
        if (!capture) {
            addWarnings({ problem });
            continue;
        }
        if (!m_captureId.isEmpty() && capture->id != m_captureId) {
            continue;
        }
        found = true;
        m_captures.append(*capture);
        if (capture->isPublished()) {
            m_toFetch.append(capture->id);
        } else {
            ++m_pending;
        }
    }
    if (!found) {
        finish(NetworkError::make(
            NetworkError::Kind::Validation, tr("Task %1 has no capture %2").arg(m_taskId).arg(m_captureId)));
        return;
    }
    nextScenes();
}

void SatellogicDeliveryJob::nextScenes()
{
    if (m_toFetch.isEmpty()) {
        finish();
        return;
    }
    const QString captureId = m_toFetch.takeFirst();
    OffsetPagedJob *job = m_client->scenes(captureId);
    job->setParent(this);
    m_job = job;
    connect(job, &StacJob::finished, this, [this, job] {
        job->deleteLater();
        if (!job->isOk()) {
            finish(job->error());
            return;
        }
        for (const QJsonValue &v : job->results()) {
            QString problem;
            const auto scene = SatellogicApi::parseScene(v.toObject(), &problem);
            if (scene) {
                m_scenes.append(*scene);
            } else {
                addWarnings({ problem });
            }
        }
        nextScenes();
    });
}

QList<DownloadTask> SatellogicDeliveryJob::plan(const QList<SatellogicScene> &scenes, qint64 taskId, const QUrl &api,
    const QString &directory, const QString &sourceId)
{
    QList<DownloadTask> tasks;
    const QString root = QDir::cleanPath(directory);
    for (const SatellogicScene &scene : scenes) {
        const auto zip = scene.attachment(u"delivery_zip"_s);
        if (!zip) {
            continue;
        }
        // Names from the server are never paths: one sanitised segment each.
        const QString folder = root + u'/' + FileNameSanitizer::sanitize(QString::number(taskId), u"task"_s) + u'/'
            + FileNameSanitizer::sanitize(scene.sceneSetId, u"capture"_s);
        const QString name = FileNameSanitizer::sanitize(
            zip->fileName.isEmpty() ? scene.id + u".zip"_s : zip->fileName, scene.id + u".zip"_s);
        DownloadTask t;
        t.url = SatellogicApi::attachmentLinkUrl(api, scene.id);
        t.linkFromProvider = true;
        t.targetPath = folder + u'/' + name;
        if (!FileNameSanitizer::isInside(root, t.targetPath)) {
            continue;
        }
        t.sourceId = sourceId;
        t.collection = scene.sceneSetId;
        t.itemId = scene.id;
        t.assetKey = u"delivery_zip"_s;
        t.title = name;
        tasks.append(t);
    }
    return tasks;
}

} // namespace StacScope
