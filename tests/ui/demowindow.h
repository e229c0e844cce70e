#pragma once

// The main window on the embedded demo catalog for UI tests (offscreen): settings in test mode,
// the window shown at 1400x900 and through its first search.
#include <memory>

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "resources/demoresources.h"
#include "ui/mainwindow.h"

namespace StacScope::Testing {

// For initTestCase(): settings of this test only, and empty; the demo catalog registered.
inline void prepareDemoWindowTests()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    initDemoResources();
}

// Null when the window did not show or its first search did not finish in 20 s. `downloads`
// (optional, not owned) is given before the search, as the app does.
inline std::unique_ptr<MainWindow> openDemoWindow(NetworkClient *network, DownloadManager *downloads = nullptr)
{
    auto window = std::make_unique<MainWindow>(network, nullptr);
    if (downloads) {
        window->setDownloadManager(downloads);
    }
    window->resize(1400, 900);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) {
        return nullptr;
    }
    QSignalSpy done(window.get(), &MainWindow::searchFinished);
    window->start();
    return done.wait(20000) ? std::move(window) : nullptr;
}

} // namespace StacScope::Testing
