// The map side of the main window: areas of interest and basemaps (split from mainwindow.cpp).
#include <cmath>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include "src/geo/aoifile.h"
#include "src/geo/aoiimportjob.h"
#include "src/models/aoilistmodel.h"
#include "src/models/resultsmodel.h"
#include "src/models/targetlistmodel.h"
#include "src/net/networkerror.h"
#include "src/net/tilefetcher.h"
#include "src/providers/catalogsession.h"
#include "ui/aoi/aoicontroller.h"
#include "ui/aoi/aoicoordinatesdialog.h"
#include "ui/aoi/aoipanel.h"
#include "ui/common/messagebar.h"
#include "ui/details/itemdetailswidget.h"
#include "ui/mainwindow.h"
#include "ui/map/aoilayer.h"
#include "ui/map/basemaplayer.h"
#include "ui/map/basemapswitcher.h"
#include "ui/map/circletool.h"
#include "ui/map/edittool.h"
#include "ui/map/footprintlayer.h"
#include "ui/map/footprintlegend.h"
#include "ui/map/mapwidget.h"
#include "ui/map/pointtool.h"
#include "ui/map/polygontool.h"
#include "ui/map/quicklooklayer.h"
#include "ui/map/quicklookloader.h"
#include "ui/map/rectangletool.h"
#include "ui/map/targetlayer.h"
#include "ui/map/targetpicker.h"
#include "ui/map/tilelayer.h"
#include "ui/search/addcatalogdialog.h"
#include "ui/search/searchpanel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

AoiListModel *MainWindow::aois() const
{
    return m_aoiController->model();
}

AoiPanel *MainWindow::aoiPanel() const
{
    return m_aoiController->panel();
}

void MainWindow::importAoiFiles(const QStringList &paths)
{
    m_aoiController->importFiles(paths);
}

void MainWindow::setupMapPickers()
{
    // Tasking targets sit on the map beside the AOIs: a click selects one, hovering names it.
    new TargetPicker(m_map, m_targetLayer, m_targets, this);
}

void MainWindow::setupTiles()
{
    const QString cacheDir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/tiles"_s;
    m_tileFetcher = new TileFetcher(cacheDir, this);
    m_tiles = new TileLayer(m_tileFetcher, this);
    m_map->addLayer(m_tiles);
    m_basemapSwitcher = new BasemapSwitcher(m_map);

    QSettings settings;
    QList<TileSource> sources = TileSource::builtIns();
    const QVariantList saved = settings.value(u"map/tileSources"_s).toList();
    for (const QVariant &v : saved) {
        const TileSource s = TileSource::fromSettings(v.toMap());
        if (s.isValid()) {
            sources.append(s);
        }
    }
    m_basemapSwitcher->setSources(sources);
    m_basemapSwitcher->setOpacity(settings.value(u"map/tileOpacity"_s, 1.0).toDouble());
    m_tiles->setOpacity(m_basemapSwitcher->opacity());
    // The offline basemap by default, so that a first launch works without a network.
    m_basemapSwitcher->setCurrentId(settings.value(u"map/basemap"_s).toString());
    applyBasemap(m_basemapSwitcher->currentId());

    connect(m_basemapSwitcher, &BasemapSwitcher::currentSourceChanged, this, [this](const QString &id) {
        applyBasemap(id);
        QSettings().setValue(u"map/basemap"_s, id);
    });
    connect(m_basemapSwitcher, &BasemapSwitcher::opacityChanged, this, [this](double opacity) {
        m_tiles->setOpacity(opacity);
        QSettings().setValue(u"map/tileOpacity"_s, opacity);
    });
    // The user's own sources are saved whole after every addition or removal.
    auto saveSources = [this] {
        QVariantList user;
        for (const TileSource &s : m_basemapSwitcher->sources()) {
            if (!s.builtIn) {
                user.append(s.toSettings());
            }
        }
        QSettings().setValue(u"map/tileSources"_s, user);
    };
    connect(m_basemapSwitcher, &BasemapSwitcher::sourceAdded, this, saveSources);
    connect(m_basemapSwitcher, &BasemapSwitcher::sourceRemoved, this, saveSources);
    connect(m_tiles, &TileLayer::showingTilesChanged, this,
        [this] { m_basemapSwitcher->setOfflineNotice(m_tiles->hasSource() && !m_tiles->isShowingTiles()); });
}

void MainWindow::applyBasemap(const QString &id)
{
    for (const TileSource &s : m_basemapSwitcher->sources()) {
        if (s.id == id) {
            m_tiles->setSource(s);
            m_basemapSwitcher->setOfflineNotice(false);
            return;
        }
    }
    m_tiles->clearSource();
    m_basemapSwitcher->setOfflineNotice(false);
}

} // namespace StacScope
