// The main window's layout on a 1024x700 laptop screen and a 1920x1080 one (the offscreen platform
// given both screens): the first window fits the screen it opens on, no two visible widgets of a
// panel overlap, the map keeps at least half the width and is the largest thing in the window, at
// both sizes and after a resize from one to the other; View > Panels lists every dock and toolbar
// and brings a closed one back; Reset layout puts a floating dock back.
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

#include "resources/demoresources.h"
#include "src/download/downloadmanager.h"
#include "src/net/networkclient.h"
#include "ui/mainwindow.h"
#include "ui/map/mapwidget.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

// Pairs of visible sibling widgets whose rectangles intersect, anywhere below `root` (the views'
// and spin boxes' own insides are Qt's business, not the panel's layout).
QStringList overlaps(const QWidget *root, const QString &path = {})
{
    const QString here = path + u'/'
        + (root->objectName().isEmpty() ? QString::fromLatin1(root->metaObject()->className()) : root->objectName());
    QStringList problems;
    QList<QWidget *> shown;
    for (QWidget *child : root->findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
        if (child->isVisible() && !child->isWindow() && child->width() > 0 && child->height() > 0) {
            shown.append(child);
        }
    }
    for (qsizetype i = 0; i < shown.size(); ++i) {
        for (qsizetype j = i + 1; j < shown.size(); ++j) {
            if (shown[i]->geometry().intersects(shown[j]->geometry())) {
                problems.append(u"%1 (%2) over %3 (%4) in %5"_s.arg(
                    QString::fromLatin1(shown[i]->metaObject()->className()), shown[i]->objectName(),
                    QString::fromLatin1(shown[j]->metaObject()->className()), shown[j]->objectName(), here));
            }
        }
    }
    for (QWidget *child : std::as_const(shown)) {
        if (!qobject_cast<QAbstractItemView *>(child) && !qobject_cast<QAbstractSpinBox *>(child)
            && !qobject_cast<QComboBox *>(child)) {
            problems += overlaps(child, here);
        }
    }
    return problems;
}

} // namespace

class TestWindowLayout : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
    std::unique_ptr<DownloadManager> m_downloads;
    std::unique_ptr<MainWindow> m_window;

    QScreen *screenOfSize(int width) const
    {
        for (QScreen *s : QGuiApplication::screens()) {
            if (s->size().width() == width) {
                return s;
            }
        }
        return nullptr;
    }

    // The window as a first launch opens it on `screen` (no saved geometry), shown.
    void openOn(QScreen *screen)
    {
        m_window = std::make_unique<MainWindow>(&m_network, nullptr);
        m_window->setDownloadManager(m_downloads.get());
        m_window->fitToScreen(screen->availableGeometry());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTest::qWait(50);
    }

    void checkLayout(const QString &where)
    {
        MainWindow *w = m_window.get();
        const QList<QDockWidget *> docks = w->findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly);
        QVERIFY(docks.size() >= 5);
        int largestDock = 0;
        for (QDockWidget *dock : docks) {
            if (!dock->isVisible() || dock->visibleRegion().isEmpty()) {
                continue; // a tab behind another one
            }
            const QStringList problems = overlaps(dock);
            QVERIFY2(problems.isEmpty(), qPrintable(where + u": "_s + problems.join(u"; "_s)));
            largestDock = std::max(largestDock, dock->width() * dock->height());
        }
        const QSize map = w->map()->size();
        QVERIFY2(map.width() * 2 >= w->width(),
            qPrintable(u"%1: the map is %2 px wide in a %3 px window"_s.arg(where).arg(map.width()).arg(w->width())));
        QVERIFY2(map.width() * map.height() > largestDock,
            qPrintable(u"%1: a dock of %2 px² is larger than the %3x%4 map"_s.arg(where)
                           .arg(largestDock)
                           .arg(map.width())
                           .arg(map.height())));
        QVERIFY2(map.height() >= 200, qPrintable(u"%1: the map is %2 px tall"_s.arg(where).arg(map.height())));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        initDemoResources();
        QCOMPARE(QGuiApplication::screens().size(), 2);
        QVERIFY(screenOfSize(1024));
        QVERIFY(screenOfSize(1920));
        m_downloads = std::make_unique<DownloadManager>(&m_nam);
    }

    void cleanup() { m_window.reset(); }

    void firstWindowFitsItsScreen_data()
    {
        QTest::addColumn<int>("screenWidth");
        QTest::newRow("1024x700") << 1024;
        QTest::newRow("1920x1080") << 1920;
    }

    void firstWindowFitsItsScreen()
    {
        QFETCH(int, screenWidth);
        QScreen *screen = screenOfSize(screenWidth);
        openOn(screen);
        const QRect available = screen->availableGeometry();
        QVERIFY2(available.contains(m_window->frameGeometry()),
            qPrintable(u"window %1,%2 %3x%4 on a screen of %5x%6"_s.arg(m_window->x())
                           .arg(m_window->y())
                           .arg(m_window->width())
                           .arg(m_window->height())
                           .arg(available.width())
                           .arg(available.height())));
        // Its own size, not pushed past the screen by a dock's minimum.
        QCOMPARE(m_window->size(), MainWindow::firstLaunchSize(available.size()));
        checkLayout(QString::fromLatin1(QTest::currentDataTag()));
    }

    // A big window made laptop-sized: the forms scroll rather than overlap, and the side columns
    // give way so the map keeps half the width.
    void resizedDownToALaptop()
    {
        openOn(screenOfSize(1920));
        m_window->resize(1024, 700);
        QTest::qWait(100);
        QCOMPARE(m_window->size(), QSize(1024, 700));
        checkLayout(u"1920x1080 resized to 1024x700"_s);
        m_window->resize(1880, 1000);
        QTest::qWait(100);
        checkLayout(u"resized back to 1880x1000"_s);
    }

    void panelsMenuBringsDocksBack()
    {
        openOn(screenOfSize(1920));
        QMenu *panels = m_window->panelsMenu();
        QVERIFY(panels);
        m_window->fillPanelsMenu(panels);
        QStringList titles;
        for (QAction *a : panels->actions()) {
            if (!a->isSeparator()) {
                QVERIFY2(a->isEnabled(), qPrintable(a->text()));
                titles.append(a->text());
            }
        }
        for (const QString &title : { u"Search"_s, u"Areas of interest"_s, u"Results"_s, u"Item details"_s,
                 u"Downloads"_s, u"Map toolbar"_s, u"&Reset layout"_s }) {
            QVERIFY2(titles.contains(title), qPrintable(titles.join(u", "_s)));
        }
        auto *details = m_window->findChild<QDockWidget *>(u"detailsDock"_s);
        QVERIFY(details && details->isVisible());
        details->close(); // its close button
        QVERIFY(!details->isVisible());
        QAction *toggle = details->toggleViewAction();
        QVERIFY(panels->actions().contains(toggle));
        QVERIFY(toggle->isEnabled() && !toggle->isChecked());
        toggle->trigger();
        QVERIFY(details->isVisible());

        // A dock set floating and the toolbar hidden: Reset layout puts everything back.
        auto *search = m_window->findChild<QDockWidget *>(u"searchDock"_s);
        search->setFloating(true);
        m_window->findChild<QToolBar *>(u"mapToolbar"_s)->hide();
        details->close();
        m_window->resetLayout();
        QTest::qWait(50);
        QVERIFY(!search->isFloating());
        QCOMPARE(m_window->dockWidgetArea(search), Qt::LeftDockWidgetArea);
        QCOMPARE(m_window->dockWidgetArea(details), Qt::RightDockWidgetArea);
        QVERIFY(details->isVisible());
        QVERIFY(m_window->findChild<QToolBar *>(u"mapToolbar"_s)->isVisible());
        auto *downloads = m_window->findChild<QDockWidget *>(u"downloadsDock"_s);
        QVERIFY(
            m_window->tabifiedDockWidgets(downloads).contains(m_window->findChild<QDockWidget *>(u"resultsDock"_s)));
        checkLayout(u"after Reset layout"_s);
    }
};

int main(int argc, char *argv[])
{
    // Two screens side by side: a 1024x700 laptop and a 1920x1080 desktop.
    QTemporaryDir dir;
    const QString config = dir.filePath(u"screens.json"_s);
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(
               "{\"synchronousWindowSystemEvents\": false, \"windowFrameMargins\": false, \"screens\": ["
               "{\"name\": \"laptop\", \"x\": 0, \"y\": 0, \"width\": 1024, \"height\": 700, \"logicalDpi\": 96, "
               "\"logicalBaseDpi\": 96, \"dpr\": 1},"
               "{\"name\": \"desktop\", \"x\": 1024, \"y\": 0, \"width\": 1920, \"height\": 1080, "
               "\"logicalDpi\": 96, \"logicalBaseDpi\": 96, \"dpr\": 1}]}")
            < 0) {
        return 1;
    }
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toUtf8());
    QApplication app(argc, argv);
    TestWindowLayout test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_windowlayout.moc"
