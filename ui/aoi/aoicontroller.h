#pragma once

#include <QObject>
#include <QPointer>

#include "src/models/aoilistmodel.h"
#include "ui/aoi/aoicoordinatesdialog.h"

class QDockWidget;
class QMainWindow;
class QUndoStack;

namespace StacScope {

class AoiLayer;
class AoiPanel;
class AoiStore;
class CircleTool;
class EditTool;
class MapWidget;
class MessageBar;
class PointTool;
class PolygonTool;
class RectangleTool;
class SearchPanel;

// The areas of interest, in one place: the list and its dock, the map layer, the drawing and edit
// tools, typed coordinates, import (files dropped on the map too, read off the GUI thread) and
// export; the active area goes to the search form. The window only creates it.
class AoiController : public QObject
{
    Q_OBJECT
public:
    // Every change to the list goes through `undo` (the window's Edit > Undo history).
    AoiController(QMainWindow *window, MapWidget *map, SearchPanel *search, MessageBar *messages, QUndoStack *undo);
    ~AoiController() override;

    AoiListModel *model() const { return m_model; }
    AoiLayer *layer() const { return m_layer; }
    AoiPanel *panel() const { return m_panel; }
    QDockWidget *dock() const { return m_dock; }
    // The "Coordinates..." dialog while it is open.
    AoiCoordinatesDialog *coordinatesDialog() const { return m_coordinates; }
    QUndoStack *undoStack() const { return m_undo; }

    // The user's actions, undoable. `add` returns the new area's row.
    int add(Aoi::Kind kind, const Geometry &geometry, const QString &name = {});
    void remove(int row);

    // Imports AOIs from vector files off the GUI thread; problems go to the message bar.
    void importFiles(const QStringList &paths);
    void enterCoordinates();
    void exportActive();
    // Loads the stored AOIs (when there are any) and saves the list after every change from then
    // on (renames, edits, visibility, order, the active one). Not owned; must outlive this.
    void setStore(AoiStore *store);

private:
    void saveSoon();
    void connectTools();

    MapWidget *m_map;
    SearchPanel *m_search;
    MessageBar *m_messages;
    QUndoStack *m_undo;
    AoiListModel *m_model;
    AoiLayer *m_layer;
    AoiPanel *m_panel;
    QDockWidget *m_dock;
    RectangleTool *m_rectangleTool;
    PolygonTool *m_polygonTool;
    CircleTool *m_circleTool;
    PointTool *m_pointTool;
    EditTool *m_editTool;
    QPointer<AoiCoordinatesDialog> m_coordinates;
    AoiStore *m_store = nullptr;
    bool m_savePending = false;
};

} // namespace StacScope
