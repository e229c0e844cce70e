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

void MainWindow::buildAois()
{
    // Drawing tools: from the AOI panel, or the search panel's Draw button (a rectangle).
    connect(m_search, &SearchPanel::drawRectangleToggled, this,
        [this](bool on) { m_aoiPanel->toolButton(AoiPanel::Tool::Rectangle)->setChecked(on); });
    connect(m_aoiPanel, &AoiPanel::toolChosen, this, [this](AoiPanel::Tool tool) {
        if (tool == AoiPanel::Tool::Edit && !m_aois->active()) {
            m_messages->showMessage(MessageBar::Level::Info, tr("Pick or draw an area of interest to edit first."));
            m_aoiPanel->clearTool();
            tool = AoiPanel::Tool::None;
        }
        if (tool == AoiPanel::Tool::Edit) {
            m_editTool->setGeometry(m_aois->active()->geometry);
        }
        MapTool *tools[] = { nullptr, m_rectangleTool, m_polygonTool, m_circleTool, m_pointTool, m_editTool };
        m_map->setTool(tools[int(tool)]);
        const QSignalBlocker blocker(m_search->drawButton());
        m_search->drawButton()->setChecked(tool == AoiPanel::Tool::Rectangle);
        if (tool != AoiPanel::Tool::None) {
            m_map->setFocus();
        }
    });
    auto added = [this] {
        m_aoiPanel->clearTool();
        const QSignalBlocker blocker(m_search->drawButton());
        m_search->drawButton()->setChecked(false);
        m_map->setTool(nullptr);
    };
    connect(m_rectangleTool, &RectangleTool::boxDrawn, this, [this, added](const GeoBox &box) {
        m_aois->add(Aoi::Kind::Rectangle, Geometry::fromBox(box));
        added();
    });
    connect(m_polygonTool, &PolygonTool::polygonDrawn, this, [this, added](const Geometry &polygon) {
        m_aois->add(Aoi::Kind::Polygon, polygon);
        added();
    });
    connect(m_circleTool, &CircleTool::circleDrawn, this, [this, added](const Geometry &circle, double radiusKm) {
        m_aois->add(Aoi::Kind::Circle, circle, tr("Circle %1 km").arg(radiusKm, 0, 'f', radiusKm < 10 ? 1 : 0));
        added();
    });
    connect(m_pointTool, &PointTool::pointPicked, this, [this, added](double lon, double lat) {
        m_aois->add(Aoi::Kind::Point, Geometry::point(lon, lat));
        added();
    });
    connect(m_aois, &AoiListModel::activeChanged, this, [this] {
        m_search->setActiveAoi(m_aois->active());
        if (m_map->tool() == m_editTool) {
            // Follow the active area while editing; stop when there is none.
            if (const Aoi *aoi = m_aois->active()) {
                m_editTool->setGeometry(aoi->geometry);
            } else {
                m_aoiPanel->clearTool();
                m_map->setTool(nullptr);
            }
        }
    });
    connect(m_editTool, &EditTool::geometryEdited, this,
        [this](const Geometry &geometry) { m_aois->setGeometry(m_aois->activeRow(), geometry); });
    connect(m_aoiPanel, &AoiPanel::enterCoordinatesRequested, this, &MainWindow::enterAoiCoordinates);
    connect(m_aoiPanel, &AoiPanel::importRequested, this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Import areas of interest"), QString(),
            tr("Vector files (%1);;All files (*)").arg(AoiFile::importPatterns().join(u' ')));
        importAoiFiles(paths);
    });
    connect(m_aoiPanel, &AoiPanel::exportRequested, this, &MainWindow::exportActiveAoi);
    connect(m_map, &MapWidget::filesDropped, this, &MainWindow::importAoiFiles);
    connect(m_aoiPanel, &AoiPanel::zoomToRequested, this, [this](int row) {
        const GeoBox b = m_aois->at(row).bounds;
        if (b.width() < 1e-6 && b.height() < 1e-6) {
            m_map->setCenterLonLat(b.west, b.south);
            m_map->setZoom(std::max(m_map->viewport().zoom(), 10.0));
        } else {
            m_map->zoomToBox(b);
        }
    });
    // Tasking targets sit on the map beside the AOIs: a click selects one, hovering names it.
    new TargetPicker(m_map, m_targetLayer, m_targets, this);
}

void MainWindow::enterAoiCoordinates()
{
    AoiCoordinatesDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted || !dialog.result()) {
        return;
    }
    const int row = m_aois->add(dialog.result()->kind, dialog.result()->geometry, dialog.name());
    m_map->zoomToBox(m_aois->at(row).bounds);
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

void MainWindow::importAoiFiles(const QStringList &paths)
{
    for (const QString &path : paths) {
        auto *job = new AoiImportJob(path, this);
        connect(job, &AoiImportJob::finished, this, [this, job] {
            job->deleteLater();
            if (!job->isOk()) {
                m_messages->showMessage(MessageBar::Level::Error, job->errorString());
                return;
            }
            std::optional<GeoBox> extent;
            for (const ImportedAoi &aoi : job->aois()) {
                const int row = m_aois->add(Aoi::Kind::Imported, aoi.geometry, aoi.name);
                extent = extent ? extent->united(m_aois->at(row).bounds) : m_aois->at(row).bounds;
            }
            if (extent) {
                m_map->zoomToBox(*extent);
            }
            m_messages->showMessage(
                MessageBar::Level::Info, tr("Imported %n area(s) of interest.", "", int(job->aois().size())));
        });
    }
}

void MainWindow::exportActiveAoi()
{
    const Aoi *aoi = m_aois->active();
    if (!aoi) {
        m_messages->showMessage(MessageBar::Level::Info, tr("Pick the area of interest to export first."));
        return;
    }
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export area of interest"), aoi->name, tr("GeoJSON (*.geojson);;KML (*.kml);;WKT (*.wkt)"), &filter);
    if (path.isEmpty()) {
        return;
    }
    QString file = path;
    std::optional<AoiFile::Format> format = AoiFile::formatForPath(file);
    if (!format) {
        // No known suffix typed: take the one of the chosen filter.
        const QString suffix = filter.contains(u"kml"_s) ? u".kml"_s
            : filter.contains(u"wkt"_s)                  ? u".wkt"_s
                                                         : u".geojson"_s;
        file += suffix;
        format = AoiFile::formatForPath(file);
    }
    QString error;
    if (!AoiFile::write(file, { ImportedAoi { aoi->name, aoi->geometry } }, *format, &error)) {
        m_messages->showMessage(MessageBar::Level::Error, tr("Could not export: %1").arg(error));
        return;
    }
    m_messages->showMessage(MessageBar::Level::Info, tr("Saved %1").arg(QDir::toNativeSeparators(file)));
}

} // namespace StacScope
