// The main window's download side and its notifications; DownloadsController does the work.
#include <QDockWidget>
#include <QSystemTrayIcon>

#include "src/download/downloadmanager.h"
#include "ui/common/messagebar.h"
#include "ui/downloads/downloadscontroller.h"
#include "ui/mainwindow.h"

namespace StacScope {

void MainWindow::setDownloadManager(DownloadManager *manager)
{
    if (m_downloadManager || !manager) {
        return;
    }
    m_downloadManager = manager;
    m_downloads = new DownloadsController(this, manager);
}

DownloadsPanel *MainWindow::downloadsPanel() const
{
    return m_downloads ? m_downloads->panel() : nullptr;
}

QAction *MainWindow::downloadAction() const
{
    return m_downloads ? m_downloads->downloadAction() : nullptr;
}

void MainWindow::downloadSelected()
{
    if (m_downloads) {
        m_downloads->downloadSelected();
    }
}

void MainWindow::notify(const QString &title, const QString &text, MessageBar::Level level)
{
    // A desktop notification when the session has a tray; the message bar in any case.
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(windowIcon(), this);
        }
        m_tray->show();
        m_tray->showMessage(
            title, text, level == MessageBar::Level::Info ? QSystemTrayIcon::Information : QSystemTrayIcon::Warning);
    }
    m_messages->showMessage(level, text);
}

} // namespace StacScope
