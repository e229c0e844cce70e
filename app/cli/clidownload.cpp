#include "app/cli/clidownload.h"

#include <cstdio>
#include <memory>
#include <unistd.h>

#include <QFileInfo>
#include <QTimer>

#include "src/auth/credentialrouter.h"
#include "src/auth/credentialsource.h"
#include "src/download/downloadmanager.h"
#include "src/models/downloadlistmodel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

bool isFinal(DownloadState state)
{
    return state == DownloadState::Completed || state == DownloadState::Failed || state == DownloadState::Canceled
        || state == DownloadState::Paused;
}

QString fileLabel(const DownloadTask &task)
{
    const QString name = QFileInfo(task.targetPath).fileName();
    return task.itemId.isEmpty() ? name : task.itemId + u'/' + name;
}

} // namespace

CliDownload::CliDownload(
    QNetworkAccessManager *nam, CredentialRouter *router, UrlRefresher *refresher, QTextStream &err, QObject *parent)
    : QObject(parent)
    , m_manager(new DownloadManager(nam, this))
    , m_router(router)
    , m_err(err)
    , m_redrawTimer(new QTimer(this))
    , m_terminal(::isatty(STDERR_FILENO) == 1)
{
    m_redrawTimer->setInterval(m_terminal ? 200 : 1000);
    connect(m_redrawTimer, &QTimer::timeout, this, &CliDownload::redraw);
    connect(m_manager, &DownloadManager::taskChanged, this, &CliDownload::onTaskChanged);
    connect(m_manager, &DownloadManager::queueFinished, this, &CliDownload::onQueueFinished);
    m_manager->setAuthenticator(router);
    m_manager->setUrlRefresher(refresher);
}

CliDownload::~CliDownload() = default;

void CliDownload::start(const AssetSelection &selection, const Options &options)
{
    m_clock.start();
    const DownloadPlanner planner(options.plan);
    DownloadPlan plan = planner.plan(selection);
    for (const QString &warning : std::as_const(plan.warnings)) {
        m_skipped << warning;
        printLine(u"skipped: "_s + warning);
    }
    if (!planner.writeItemFiles(selection, plan)) {
        for (const QString &error : std::as_const(plan.errors)) {
            printLine(u"error: "_s + error);
        }
    }
    if (plan.tasks.isEmpty()) {
        printLine(
            m_skipped.isEmpty() ? u"error: no asset matches the selection"_s : u"error: nothing left to download"_s);
        m_err.flush();
        QTimer::singleShot(0, this, [this] { Q_EMIT finished(3); });
        return;
    }
    if (!options.headers.isEmpty() && m_router) {
        // As curl -H: to each asset's own origin, never across a redirect to another host.
        QList<QUrl> origins;
        for (const DownloadTask &task : std::as_const(plan.tasks)) {
            QUrl origin = task.url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
            if (!origins.contains(origin)) {
                origins.append(origin);
                m_router->bind(u"cli-headers"_s, origin, std::make_shared<HeaderCredential>(options.headers));
            }
        }
    }
    m_manager->setMaxParallel(std::max(1, options.parallel));
    m_manager->setMaxPerHost(std::max(1, options.parallel));
    const AssetTotals totals = plan.totals;
    printLine(QStringLiteral("downloading %1 %2%3 to %4")
                  .arg(totals.count)
                  .arg(totals.count == 1 ? u"file"_s : u"files"_s)
                  .arg(totals.knownBytes > 0 ? u", "_s + DownloadListModel::formatBytes(totals.knownBytes)
                              + (totals.unknownSizeCount > 0 ? u" + unknown"_s : QString())
                                             : QString(),
                      options.plan.directory));
    m_manager->enqueue(plan.tasks);
    m_redrawTimer->start();
}

void CliDownload::startTasks(const QList<DownloadTask> &tasks, int parallel, const QString &directory)
{
    m_clock.start();
    if (tasks.isEmpty()) {
        printLine(u"error: nothing to download"_s);
        m_err.flush();
        QTimer::singleShot(0, this, [this] { Q_EMIT finished(3); });
        return;
    }
    m_manager->setMaxParallel(std::max(1, parallel));
    m_manager->setMaxPerHost(std::max(1, parallel));
    printLine(QStringLiteral("downloading %1 %2 to %3")
                  .arg(tasks.size())
                  .arg(tasks.size() == 1 ? u"file"_s : u"files"_s, directory));
    m_manager->enqueue(tasks);
    m_redrawTimer->start();
}

void CliDownload::onTaskChanged(qint64 id)
{
    const DownloadTask task = m_manager->task(id);
    const int previous = m_lastState.value(id, -1);
    if (previous == int(task.state)) {
        return;
    }
    m_lastState.insert(id, int(task.state));
    // State changes worth a permanent line; progress is drawn by redraw().
    if (task.state == DownloadState::Completed) {
        // A file found complete from an earlier run says so: nothing was transferred for it.
        printLine(QStringLiteral("done: %1 (%2, %3%4)")
                      .arg(fileLabel(task), DownloadListModel::formatBytes(QFileInfo(task.targetPath).size()),
                          m_manager->wasSkipped(id) ? u"already there, "_s : QString(), verifiedBy(id)));
    } else if (task.state == DownloadState::Failed || task.state == DownloadState::Paused) {
        printLine(QStringLiteral("%1: %2: %3")
                      .arg(task.state == DownloadState::Failed ? u"failed"_s : u"paused"_s, fileLabel(task),
                          task.error.isEmpty() ? downloadStateName(task.state) : task.error));
    } else if (task.state == DownloadState::Downloading && !m_terminal && task.received > 0 && previous >= 0) {
        printLine(
            QStringLiteral("resuming: %1 at %2").arg(fileLabel(task), DownloadListModel::formatBytes(task.received)));
    }
}

QString CliDownload::verifiedBy(qint64 id) const
{
    const DownloadTask task = m_manager->task(id);
    QStringList checks;
    if (task.expectedSize >= 0) {
        checks << u"size"_s;
    }
    if (!task.checksum.isEmpty()) {
        checks << u"checksum"_s;
    }
    return checks.isEmpty() ? u"nothing to verify against"_s : u"verified: "_s + checks.join(u'+');
}

QString CliDownload::barLine(qint64 id) const
{
    const DownloadTask task = m_manager->task(id);
    const qint64 total = task.total > 0 ? task.total : task.expectedSize;
    constexpr int Width = 24;
    QString bar;
    QString percent;
    if (total > 0) {
        const double p = std::clamp(double(task.received) / double(total), 0.0, 1.0);
        const int filled = int(p * Width);
        bar = QString(filled, u'#') + QString(Width - filled, u'.');
        percent = QString::number(p * 100.0, 'f', 1).rightJustified(5) + u'%';
    } else {
        bar = QString(Width, u'?');
    }
    QString name = fileLabel(task);
    if (name.size() > 40) {
        name = u"..."_s + name.right(37);
    }
    const qint64 eta = m_manager->eta(id);
    return QStringLiteral("%1 [%2] %3 %4 %5 %6")
        .arg(name.leftJustified(40), bar, percent, DownloadListModel::formatBytes(task.received).rightJustified(9),
            DownloadListModel::formatSpeed(m_manager->speed(id)).rightJustified(11),
            eta >= 0 ? u"ETA "_s + DownloadListModel::formatEta(eta) : QString());
}

void CliDownload::redraw()
{
    QList<qint64> active;
    const QList<qint64> order = m_manager->order();
    for (qint64 id : order) {
        if (m_manager->task(id).state == DownloadState::Downloading) {
            active << id;
        }
    }
    if (m_terminal) {
        // Move up over the bars drawn last time, then draw the current ones.
        if (m_drawnLines > 0) {
            m_err << "\x1b[" << m_drawnLines << "F\x1b[J";
        }
        for (qint64 id : active) {
            m_err << barLine(id) << '\n';
        }
        m_drawnLines = int(active.size());
        m_err.flush();
        return;
    }
    // Not a terminal: a plain progress line per active file every 5 seconds.
    if (m_clock.elapsed() - m_lastPlainReport < 5000) {
        return;
    }
    m_lastPlainReport = m_clock.elapsed();
    for (qint64 id : active) {
        m_err << "progress: " << barLine(id).simplified() << '\n';
    }
    m_err.flush();
}

void CliDownload::printLine(const QString &line)
{
    if (m_terminal && m_drawnLines > 0) {
        m_err << "\x1b[" << m_drawnLines << "F\x1b[J";
        m_drawnLines = 0;
    }
    m_err << line << '\n';
    m_err.flush();
}

void CliDownload::onQueueFinished()
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_redrawTimer->stop();
    if (m_terminal && m_drawnLines > 0) {
        m_err << "\x1b[" << m_drawnLines << "F\x1b[J";
        m_drawnLines = 0;
    }
    int completed = 0;
    QStringList problems = m_skipped;
    const QList<qint64> order = m_manager->order();
    for (qint64 id : order) {
        const DownloadTask task = m_manager->task(id);
        if (task.state == DownloadState::Completed) {
            ++completed;
        } else if (isFinal(task.state)) {
            problems << QStringLiteral("%1: %2").arg(
                fileLabel(task), task.error.isEmpty() ? downloadStateName(task.state) : task.error);
        }
    }
    const double seconds = std::max<qint64>(1, m_clock.elapsed()) / 1000.0;
    m_err << "completed: " << completed << " of " << (order.size() + m_skipped.size()) << " in "
          << QString::number(seconds, 'f', 1) << " s\n";
    for (const QString &problem : std::as_const(problems)) {
        m_err << "not done: " << problem << '\n';
    }
    m_err.flush();
    Q_EMIT finished(problems.isEmpty() && completed == order.size() ? 0 : 3);
}

QList<DownloadTask> CliDownload::tasks() const
{
    QList<DownloadTask> list;
    for (const qint64 id : m_manager->order()) {
        list.append(m_manager->task(id));
    }
    return list;
}

} // namespace StacScope
