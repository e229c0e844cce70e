// TasksPanel, part 2: a Satellogic task's delivery, queued into the download manager (the folder
// it goes to, the delivery job, and what was queued or why nothing was).
#include <QDir>
#include <QFileDialog>
#include <QLabel>

#include "src/download/downloadmanager.h"
#include "src/providers/accountmanager.h"
#include "src/providers/satellogic/satellogicapi.h"
#include "src/providers/satellogic/satellogicclient.h"
#include "src/providers/satellogic/satellogicsession.h"
#include "ui/common/messagebar.h"
#include "ui/downloads/downloaddialog.h"
#include "ui/tasks/capturesmodel.h"
#include "ui/tasks/taskspanel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

void TasksPanel::downloadTask()
{
    const qint64 taskId = selectedTaskId();
    if (taskId > 0) {
        deliver(taskId, {});
    }
}

void TasksPanel::downloadCapture()
{
    const QString captureId = selectedCaptureId();
    if (!captureId.isEmpty() && m_captures->taskId() > 0) {
        deliver(m_captures->taskId(), captureId);
    }
}

void TasksPanel::setDirectory(const QString &directory)
{
    m_directory = directory;
    updateDirectoryLabel();
}

void TasksPanel::updateDirectoryLabel()
{
    const QString shown = m_directory.isEmpty() ? DownloadDialog::defaultDirectory() : m_directory;
    m_directoryLabel->setText(tr("Deliveries go to %1").arg(QDir::toNativeSeparators(shown)));
}

void TasksPanel::deliver(qint64 taskId, const QString &captureId)
{
    if (!m_directory.isEmpty()) {
        startDelivery(taskId, captureId);
        return;
    }
    if (m_askingDirectory) {
        return;
    }
    // Asked once; afterwards the folder shows above the captures and "Change..." changes it. The
    // suggested folder is made first, or the dialog could not choose it.
    const QString suggested = DownloadDialog::defaultDirectory();
    QDir().mkpath(suggested);
    auto *dialog = new QFileDialog(this, tr("Folder for deliveries"), suggested);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this, taskId, captureId](const QString &directory) {
        setDirectory(directory);
        DownloadDialog::rememberDirectory(directory);
        startDelivery(taskId, captureId);
    });
    connect(dialog, &QDialog::finished, this, [this] { m_askingDirectory = false; });
    m_askingDirectory = true;
    dialog->open();
}

void TasksPanel::startDelivery(qint64 taskId, const QString &captureId)
{
    SatellogicSession *s = session();
    if (!s || !m_downloads || m_deliveryJob) {
        return;
    }
    // The job belongs to the account's client; the panel only listens.
    auto *job = new SatellogicDeliveryJob(s->client(), taskId, captureId, s->client());
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    const QString accountId = s->account().id;
    connect(job, &StacJob::finished, this, [this, job, accountId] { onDeliveryFinished(job, accountId); });
    m_deliveryJob = job;
    m_messages->showMessage(MessageBar::Level::Info,
        captureId.isEmpty() ? tr("Looking for the published captures of task %1...").arg(taskId)
                            : tr("Looking for the scenes of capture %1...").arg(captureId));
    updateActions();
}

void TasksPanel::onDeliveryFinished(SatellogicDeliveryJob *job, const QString &accountId)
{
    m_deliveryJob = nullptr;
    updateActions();
    const qint64 taskId = job->taskId();
    if (!job->isOk()) {
        showProblem(job->error(), tr("The delivery of task %1 could not be prepared").arg(taskId));
        return;
    }
    auto *s = m_accounts ? qobject_cast<SatellogicSession *>(m_accounts->session(accountId)) : nullptr;
    if (!s || !m_downloads) {
        return;
    }
    const QList<DownloadTask> plan
        = SatellogicDeliveryJob::plan(job->scenes(), taskId, s->client()->apiUrl(), m_directory, s->sourceId());
    const int pending = job->pendingCaptures();
    if (plan.isEmpty()) {
        m_messages->showMessage(MessageBar::Level::Info,
            pending == 1 ? tr("Nothing to download yet: the capture of task %1 is not published yet.").arg(taskId)
                : pending > 1
                ? tr("Nothing to download yet: %1 captures of task %2 are not published yet.").arg(pending).arg(taskId)
                : tr("Task %1 has nothing to download yet: it has no captures.").arg(taskId));
        Q_EMIT deliveryQueued(0, pending);
        return;
    }
    if (!QDir().mkpath(m_directory)) {
        m_messages->showMessage(MessageBar::Level::Error,
            tr("The folder %1 cannot be created.").arg(QDir::toNativeSeparators(m_directory)));
        return;
    }
    m_downloads->enqueue(plan);
    QString text = plan.size() == 1 ? tr("Queued 1 file of task %1 in Downloads.").arg(taskId)
                                    : tr("Queued %1 files of task %2 in Downloads.").arg(plan.size()).arg(taskId);
    if (pending > 0) {
        text += u' '
            + (pending == 1
                    ? tr("1 capture is not published yet: download the delivery again once it is.")
                    : tr("%1 captures are not published yet: download the delivery again once they are.").arg(pending));
    }
    m_messages->showMessage(MessageBar::Level::Info, text);
    Q_EMIT deliveryQueued(int(plan.size()), pending);
}

} // namespace StacScope
