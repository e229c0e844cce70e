#include "ui/aoi/aoicontroller.h"

#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>

#include "src/geo/aoifile.h"
#include "src/geo/aoiimportjob.h"
#include "src/store/aoistore.h"
#include "ui/aoi/aoicoordinatesdialog.h"
#include "ui/aoi/aoipanel.h"
#include "ui/aoi/aoiundo.h"
#include "ui/common/docklayout.h"
#include "ui/common/messagebar.h"
#include "ui/map/aoilayer.h"
#include "ui/map/circletool.h"
#include "ui/map/edittool.h"
#include "ui/map/mapwidget.h"
#include "ui/map/pointtool.h"
#include "ui/map/polygontool.h"
#include "ui/map/rectangletool.h"
#include "ui/search/searchpanel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

AoiController::AoiController(
    QMainWindow *window, MapWidget *map, SearchPanel *search, MessageBar *messages, QUndoStack *undo)
    : QObject(window)
    , m_map(map)
    , m_search(search)
    , m_messages(messages)
    , m_undo(undo)
    , m_model(new AoiListModel(this))
    , m_layer(new AoiLayer(m_model, this))
    , m_panel(new AoiPanel(m_model, window))
    , m_dock(new QDockWidget(tr("Areas of interest"), window))
    , m_rectangleTool(new RectangleTool(map))
    , m_polygonTool(new PolygonTool(map))
    , m_circleTool(new CircleTool(map))
    , m_pointTool(new PointTool(map))
    , m_editTool(new EditTool(map))
{
    map->addLayer(m_layer);
    m_dock->setObjectName(u"aoiDock"_s);
    m_dock->setWidget(scrollable(m_panel));
    setUpDock(m_dock);
    window->addDockWidget(Qt::LeftDockWidgetArea, m_dock);
    connectTools();
}

void AoiController::connectTools()
{
    // Drawing tools: from the AOI panel, or the search panel's Draw button (a rectangle).
    connect(m_search, &SearchPanel::drawRectangleToggled, this,
        [this](bool on) { m_panel->toolButton(AoiPanel::Tool::Rectangle)->setChecked(on); });
    connect(m_panel, &AoiPanel::toolChosen, this, [this](AoiPanel::Tool tool) {
        if (tool == AoiPanel::Tool::Edit && !m_model->active()) {
            m_messages->showMessage(MessageBar::Level::Info, tr("Pick or draw an area of interest to edit first."));
            m_panel->clearTool();
            tool = AoiPanel::Tool::None;
        }
        if (tool == AoiPanel::Tool::Edit) {
            m_editTool->setGeometry(m_model->active()->geometry);
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
        m_panel->clearTool();
        const QSignalBlocker blocker(m_search->drawButton());
        m_search->drawButton()->setChecked(false);
        m_map->setTool(nullptr);
    };
    connect(m_rectangleTool, &RectangleTool::boxDrawn, this, [this, added](const GeoBox &box) {
        add(Aoi::Kind::Rectangle, Geometry::fromBox(box));
        added();
    });
    connect(m_polygonTool, &PolygonTool::polygonDrawn, this, [this, added](const Geometry &polygon) {
        add(Aoi::Kind::Polygon, polygon);
        added();
    });
    connect(m_circleTool, &CircleTool::circleDrawn, this, [this, added](const Geometry &circle, double radiusKm) {
        add(Aoi::Kind::Circle, circle, tr("Circle %1 km").arg(radiusKm, 0, 'f', radiusKm < 10 ? 1 : 0));
        added();
    });
    connect(m_pointTool, &PointTool::pointPicked, this, [this, added](double lon, double lat) {
        add(Aoi::Kind::Point, Geometry::point(lon, lat));
        added();
    });
    connect(m_model, &AoiListModel::activeChanged, this, [this] {
        m_search->setActiveAoi(m_model->active());
        if (m_map->tool() == m_editTool) {
            // Follow the active area while editing; stop when there is none.
            if (const Aoi *aoi = m_model->active()) {
                m_editTool->setGeometry(aoi->geometry);
            } else {
                m_panel->clearTool();
                m_map->setTool(nullptr);
            }
        }
    });
    connect(m_editTool, &EditTool::geometryEdited, this, [this](const Geometry &geometry) {
        if (m_model->activeRow() >= 0) {
            m_undo->push(new EditAoiGeometryCommand(m_model, m_model->activeRow(), geometry));
        }
    });
    connect(m_model, &AoiListModel::renamedByUser, this, [this](int row, const QString &before, const QString &after) {
        m_undo->push(new RenameAoiCommand(m_model, row, before, after, true));
    });
    connect(m_panel, &AoiPanel::deleteRequested, this, &AoiController::remove);
    connect(m_panel, &AoiPanel::enterCoordinatesRequested, this, &AoiController::enterCoordinates);
    connect(m_panel, &AoiPanel::importRequested, this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(m_panel, tr("Import areas of interest"), QString(),
            tr("Vector files (%1);;All files (*)").arg(AoiFile::importPatterns().join(u' ')));
        importFiles(paths);
    });
    connect(m_panel, &AoiPanel::exportRequested, this, &AoiController::exportActive);
    connect(m_map, &MapWidget::filesDropped, this, &AoiController::importFiles);
    connect(m_panel, &AoiPanel::zoomToRequested, this, [this](int row) {
        const GeoBox b = m_model->at(row).bounds;
        if (b.width() < 1e-6 && b.height() < 1e-6) {
            m_map->setCenterLonLat(b.west, b.south);
            m_map->setZoom(std::max(m_map->viewport().zoom(), 10.0));
        } else {
            m_map->zoomToBox(b);
        }
    });
}

int AoiController::add(Aoi::Kind kind, const Geometry &geometry, const QString &name)
{
    auto *command = new AddAoiCommand(m_model, kind, geometry, name);
    m_undo->push(command); // runs redo(), which adds
    return command->row();
}

void AoiController::remove(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        return;
    }
    const QString name = m_model->at(row).name;
    m_undo->push(new RemoveAoiCommand(m_model, row));
    // Nothing asks first: the message offers the way back, as does Edit > Undo.
    const int index = m_undo->index();
    m_messages->showMessage(MessageBar::Level::Info, tr("Deleted \u201c%1\u201d.").arg(name));
    m_messages->setAction(tr("Undo"), [this, index] {
        if (m_undo->index() == index) {
            m_undo->undo();
        }
    });
}

void AoiController::enterCoordinates()
{
    if (m_coordinates) {
        m_coordinates->raise();
        m_coordinates->activateWindow();
        return;
    }
    // Non-modal: no nested event loop; the area is added when the dialog is accepted.
    m_coordinates = new AoiCoordinatesDialog(m_panel->window());
    m_coordinates->setAttribute(Qt::WA_DeleteOnClose);
    AoiCoordinatesDialog *dialog = m_coordinates;
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (!dialog->result()) {
            return;
        }
        const int row = add(dialog->result()->kind, dialog->result()->geometry, dialog->name());
        m_map->zoomToBox(m_model->at(row).bounds);
    });
    dialog->open();
}

void AoiController::importFiles(const QStringList &paths)
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
            // One file, one step to undo.
            if (!job->aois().isEmpty()) {
                m_undo->beginMacro(tr("Import %1").arg(QFileInfo(job->path()).fileName()));
            }
            for (const ImportedAoi &aoi : job->aois()) {
                const int row = add(Aoi::Kind::Imported, aoi.geometry, aoi.name);
                extent = extent ? extent->united(m_model->at(row).bounds) : m_model->at(row).bounds;
            }
            if (!job->aois().isEmpty()) {
                m_undo->endMacro();
            }
            if (extent) {
                m_map->zoomToBox(*extent);
            }
            m_messages->showMessage(
                MessageBar::Level::Info, tr("Imported %n area(s) of interest.", "", int(job->aois().size())));
        });
    }
}

void AoiController::exportActive()
{
    const Aoi *aoi = m_model->active();
    if (!aoi) {
        m_messages->showMessage(MessageBar::Level::Info, tr("Pick the area of interest to export first."));
        return;
    }
    QString filter;
    const QString path = QFileDialog::getSaveFileName(m_panel, tr("Export area of interest"), aoi->name,
        tr("GeoJSON (*.geojson);;KML (*.kml);;WKT (*.wkt)"), &filter);
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

AoiController::~AoiController()
{
    // A change of the last moments is not lost when the window closes.
    if (m_store && m_savePending) {
        (void)m_store->save(m_model->aois(), m_model->activeRow());
    }
}

void AoiController::setStore(AoiStore *store)
{
    m_store = store;
    if (!m_store) {
        return;
    }
    const AoiStore::Saved saved = m_store->load();
    if (!m_store->lastError().isEmpty()) {
        m_messages->showMessage(MessageBar::Level::Warning, m_store->lastError());
    }
    if (!saved.aois.isEmpty()) {
        m_model->restore(saved.aois, saved.active);
        m_undo->clear(); // the history's rows were those of the list before
    }
    // Every change, once per burst (a vertex drag changes the geometry many times).
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &AoiController::saveSoon);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &AoiController::saveSoon);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AoiController::saveSoon);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &AoiController::saveSoon);
    connect(m_model, &AoiListModel::aoisChanged, this, &AoiController::saveSoon);
    connect(m_model, &AoiListModel::activeChanged, this, &AoiController::saveSoon);
}

void AoiController::saveSoon()
{
    if (!m_store || m_savePending) {
        return;
    }
    m_savePending = true;
    QTimer::singleShot(250, this, [this] {
        m_savePending = false;
        if (m_store && !m_store->save(m_model->aois(), m_model->activeRow())) {
            m_messages->showMessage(MessageBar::Level::Warning, m_store->lastError());
        }
    });
}

} // namespace StacScope
