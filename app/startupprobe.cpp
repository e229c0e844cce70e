#include "app/startupprobe.h"

#include <cstdio>

#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QTimer>

#include "ui/mainwindow.h"
#include "ui/map/mapwidget.h"

namespace StacScope {

namespace {

qint64 statusKb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(key)) {
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

} // namespace

StartupProbe::StartupProbe(MainWindow *window, const QElapsedTimer &sinceMain, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_sinceMain(sinceMain)
{
    window->map()->installEventFilter(this);
    connect(window, &MainWindow::searchFinished, this, [this] {
        m_resultsReady = true;
        m_window->map()->update();
    });
}

bool StartupProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Paint && m_resultsReady && !m_done) {
        m_done = true;
        // The filter runs before the widget paints: note the time once this paint is done.
        QTimer::singleShot(0, this, &StartupProbe::painted);
    }
    return QObject::eventFilter(watched, event);
}

void StartupProbe::painted()
{
    m_firstPaintMs = m_sinceMain.elapsed();
    // Printed at once so a launcher can time the whole start, process creation included.
    std::printf("{\"event\":\"first_paint\",\"ms\":%lld}\n", static_cast<long long>(m_firstPaintMs));
    std::fflush(stdout);
    QTimer::singleShot(2000, this, &StartupProbe::idle);
}

void StartupProbe::idle()
{
    std::printf(
        "{\"bench\":\"startup\",\"items\":%d,\"first_paint_ms\":%lld,\"idle_rss_mb\":%.1f,\"peak_rss_mb\":%.1f}\n",
        m_window->results().size(), static_cast<long long>(m_firstPaintMs), double(statusKb("VmRSS")) / 1024.0,
        double(statusKb("VmHWM")) / 1024.0);
    std::fflush(stdout);
    QCoreApplication::quit();
}

} // namespace StacScope
