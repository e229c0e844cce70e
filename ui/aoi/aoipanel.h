#pragma once

#include <QWidget>

#include "src/models/aoilistmodel.h"

class QButtonGroup;
class QLabel;
class QListView;
class QToolButton;

namespace StacScope {

// The list of areas of interest with the tools to draw more: show/hide (check box), rename
// (double-click), delete, pick the active one (selection), and type coordinates.
class AoiPanel : public QWidget
{
    Q_OBJECT
public:
    enum class Tool
    {
        None,
        Rectangle,
        Polygon,
        Circle,
        Point,
        Edit
    };

    explicit AoiPanel(AoiListModel *model, QWidget *parent = nullptr);

    QListView *listView() const { return m_list; }
    QToolButton *toolButton(Tool tool) const;
    // Unchecks the drawing tool buttons (after a shape was drawn, or Esc).
    void clearTool();

Q_SIGNALS:
    void toolChosen(StacScope::AoiPanel::Tool tool);
    void enterCoordinatesRequested();
    void importRequested();
    void exportRequested();
    void zoomToRequested(int row);
    // Delete (the button or the Delete key in the list) on the active area.
    void deleteRequested(int row);

private:
    void updateSummary();

    AoiListModel *m_model;
    QListView *m_list;
    QButtonGroup *m_tools;
    QLabel *m_summary;
    QToolButton *m_delete;
};

} // namespace StacScope
