// MainWindow, part 8: the window's layout. The first window fits the screen it opens on, with the
// map the largest thing in it; View > Panels lists every dock and toolbar and resets the layout.
#include <algorithm>

#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QTimer>
#include <QToolBar>

#include "ui/mainwindow.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// The docks of the default layout, by object name.
constexpr QStringView kSearch = u"searchDock";
constexpr QStringView kAoi = u"aoiDock";
constexpr QStringView kResults = u"resultsDock";
constexpr QStringView kDetails = u"detailsDock";

} // namespace

QSize MainWindow::firstLaunchSize(const QSize &available)
{
    // Most of the screen, as a browser would take, but never more than the screen; a laptop's
    // small screen whole (its map needs every pixel beside the search and details columns).
    const int percent = available.width() < 1400 ? 100 : 92;
    return { std::min(1680, available.width() * percent / 100), std::min(1050, available.height() * percent / 100) };
}

void MainWindow::fitToScreen(const QRect &available)
{
    const QSize size = firstLaunchSize(available.size());
    resize(size);
    // The frame is not known before the window is shown: centred on its client size.
    move(
        available.topLeft() + QPoint((available.width() - size.width()) / 2, (available.height() - size.height()) / 3));
    m_defaultSizesPending = true;
}

QDockWidget *MainWindow::dockNamed(QStringView name) const
{
    return findChild<QDockWidget *>(name.toString(), Qt::FindDirectChildrenOnly);
}

void MainWindow::applyDefaultDockSizes()
{
    QDockWidget *search = dockNamed(kSearch);
    QDockWidget *aoi = dockNamed(kAoi);
    QDockWidget *results = dockNamed(kResults);
    QDockWidget *details = dockNamed(kDetails);
    if (!search || !results || !details) {
        return;
    }
    // Side columns about a fifth of the width each (a 1024 px screen keeps more than half for the
    // map), the bottom about 30 % of the height; the forms scroll below their minimum.
    const int w = width();
    const int h = height();
    resizeDocks({ search, details }, { std::clamp(w * 21 / 100, 220, 340), std::clamp(w * 21 / 100, 220, 380) },
        Qt::Horizontal);
    resizeDocks({ results }, { std::clamp(h * 36 / 100, 160, 420) }, Qt::Vertical);
    if (aoi) {
        const int column = std::max(200, h - menuBar()->height());
        resizeDocks({ search, aoi }, { column * 68 / 100, column * 32 / 100 }, Qt::Vertical);
    }
}

void MainWindow::resetLayout()
{
    QDockWidget *search = dockNamed(kSearch);
    QDockWidget *aoi = dockNamed(kAoi);
    QDockWidget *results = dockNamed(kResults);
    QDockWidget *details = dockNamed(kDetails);
    if (!search || !results || !details) {
        return;
    }
    const QList<QDockWidget *> docks = findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly);
    for (QDockWidget *dock : docks) {
        dock->setFloating(false);
    }
    addDockWidget(Qt::LeftDockWidgetArea, search);
    if (aoi) {
        splitDockWidget(search, aoi, Qt::Vertical);
    }
    addDockWidget(Qt::RightDockWidgetArea, details);
    addDockWidget(Qt::BottomDockWidgetArea, results);
    // Every other dock (Downloads, Tasks, Orders, UP42 storage) is a tab beside Results.
    for (QDockWidget *dock : docks) {
        if (dock != search && dock != aoi && dock != results && dock != details) {
            addDockWidget(Qt::BottomDockWidgetArea, dock);
            tabifyDockWidget(results, dock);
        }
    }
    for (QDockWidget *dock : docks) {
        dock->show();
    }
    for (QToolBar *toolbar : findChildren<QToolBar *>(Qt::FindDirectChildrenOnly)) {
        toolbar->show();
    }
    results->raise();
    applyDefaultDockSizes();
}

void MainWindow::fillPanelsMenu(QMenu *menu)
{
    menu->clear();
    // Every dock and toolbar, checkable and never greyed out: a closed one comes back from here.
    QList<QDockWidget *> docks = findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly);
    std::sort(docks.begin(), docks.end(), [](const QDockWidget *a, const QDockWidget *b) {
        return a->windowTitle().localeAwareCompare(b->windowTitle()) < 0;
    });
    for (QDockWidget *dock : std::as_const(docks)) {
        QAction *toggle = dock->toggleViewAction();
        toggle->setEnabled(true);
        menu->addAction(toggle);
    }
    menu->addSeparator();
    for (QToolBar *toolbar : findChildren<QToolBar *>(Qt::FindDirectChildrenOnly)) {
        QAction *toggle = toolbar->toggleViewAction();
        toggle->setText(tr("%1 toolbar").arg(toolbar->windowTitle()));
        toggle->setEnabled(true);
        menu->addAction(toggle);
    }
    menu->addSeparator();
    menu->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout);
}

void MainWindow::keepMapLargest()
{
    m_keepMapPending = false;
    const QWidget *central = centralWidget();
    if (!central || !isVisible()) {
        return;
    }
    // The first docked dock of an area on screen (not a tab behind another): its size is its
    // column's (or row's).
    const auto firstIn = [this](Qt::DockWidgetArea area) -> QDockWidget * {
        for (QDockWidget *dock : findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly)) {
            if (dock->isVisible() && !dock->visibleRegion().isEmpty() && !dock->isFloating()
                && dockWidgetArea(dock) == area) {
                return dock;
            }
        }
        return nullptr;
    };
    // Narrower than half the window: the side columns give way in proportion to their widths.
    const int missingWidth = width() / 2 - central->width();
    QDockWidget *left = firstIn(Qt::LeftDockWidgetArea);
    QDockWidget *right = firstIn(Qt::RightDockWidgetArea);
    if (missingWidth > 0 && (left || right)) {
        const int l = left ? left->width() : 0;
        const int r = right ? right->width() : 0;
        QList<QDockWidget *> docks;
        QList<int> sizes;
        for (const auto &[dock, w] : { std::pair { left, l }, std::pair { right, r } }) {
            if (dock) {
                docks.append(dock);
                sizes.append(std::max(120, w - (missingWidth * w + l + r - 1) / std::max(1, l + r)));
            }
        }
        resizeDocks(docks, sizes, Qt::Horizontal);
    }
    // The bottom row (as wide as the map and the details together) takes at most a third of the
    // height it shares with the map, down to a few table rows.
    QDockWidget *bottom = firstIn(Qt::BottomDockWidgetArea);
    if (bottom) {
        const int most = (bottom->height() + central->height()) * 34 / 100;
        if (bottom->height() > most) {
            resizeDocks({ bottom }, { std::max(120, most) }, Qt::Vertical);
        }
    }
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    // After the layout took the new size; once per burst of resizes.
    if (!m_keepMapPending) {
        m_keepMapPending = true;
        QTimer::singleShot(0, this, &MainWindow::keepMapLargest);
    }
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (std::exchange(m_defaultSizesPending, false)) {
        applyDefaultDockSizes();
    }
}

} // namespace StacScope
