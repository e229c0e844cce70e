#include "ui/aoi/aoipanel.h"

#include <QAction>
#include <QButtonGroup>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/common/flowlayout.h"

using namespace Qt::StringLiterals;

namespace StacScope {

AoiPanel::AoiPanel(AoiListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_list(new QListView(this))
    , m_tools(new QButtonGroup(this))
    , m_summary(new QLabel(this))
    , m_delete(new QToolButton(this))
{
    auto *layout = new QVBoxLayout(this);
    // Rows that wrap in a narrow dock instead of widening it.
    auto *toolRow = new FlowLayout(nullptr, 2);
    const struct
    {
        Tool tool;
        const char *text;
        const char *tip;
    } tools[] = {
        { Tool::Rectangle, QT_TR_NOOP("Rectangle"), QT_TR_NOOP("Drag a rectangle on the map") },
        { Tool::Polygon, QT_TR_NOOP("Polygon"),
            QT_TR_NOOP(
                "Click to add vertices; double-click or Enter to close, Backspace removes the last, Esc cancels") },
        { Tool::Circle, QT_TR_NOOP("Circle"), QT_TR_NOOP("Press at the centre and drag out the radius") },
        { Tool::Point, QT_TR_NOOP("Point"), QT_TR_NOOP("Click a point on the map") },
        { Tool::Edit, QT_TR_NOOP("Edit"),
            QT_TR_NOOP(
                "Drag vertices of the active area; drag a midpoint to add one; right-click or Delete removes one") },
    };
    m_tools->setExclusive(false);
    for (const auto &t : tools) {
        auto *button = new QToolButton(this);
        button->setText(tr(t.text));
        button->setToolTip(tr(t.tip));
        button->setCheckable(true);
        button->setAutoRaise(false);
        m_tools->addButton(button, int(t.tool));
        toolRow->addWidget(button);
    }
    layout->addLayout(toolRow);
    connect(m_tools, &QButtonGroup::idToggled, this, [this](int id, bool checked) {
        if (checked) {
            // One tool at a time, but a second click on the checked one turns it off.
            for (QAbstractButton *b : m_tools->buttons()) {
                if (m_tools->id(b) != id) {
                    const QSignalBlocker blocker(b);
                    b->setChecked(false);
                }
            }
            Q_EMIT toolChosen(Tool(id));
        } else if (!m_tools->checkedButton()) {
            Q_EMIT toolChosen(Tool::None);
        }
    });

    m_list->setModel(model);
    m_list->setObjectName(u"aoiList"_s);
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setMinimumHeight(60);
    layout->addWidget(m_list, 1);
    m_summary->setWordWrap(true);
    m_summary->setStyleSheet(u"color: palette(mid);"_s);
    layout->addWidget(m_summary);

    auto *buttons = new FlowLayout;
    auto *coordinates = new QToolButton(this);
    coordinates->setText(tr("Coordinates..."));
    coordinates->setToolTip(tr("Type a bbox, a point, or paste WKT or GeoJSON"));
    auto *import = new QToolButton(this);
    import->setText(tr("Import..."));
    import->setToolTip(
        tr("GeoJSON, KML/KMZ, Shapefile (plain or zipped), GeoPackage, GPX or WKT; or drop a file on the map"));
    auto *exportButton = new QToolButton(this);
    exportButton->setText(tr("Export..."));
    exportButton->setToolTip(tr("Save the active area as GeoJSON, KML or WKT"));
    auto *zoom = new QToolButton(this);
    zoom->setText(tr("Zoom to"));
    m_delete->setText(tr("Delete"));
    m_delete->setObjectName(u"aoiDelete"_s);
    m_delete->setToolTip(tr("Delete the active area (Edit > Undo brings it back)"));
    buttons->addWidget(coordinates);
    buttons->addWidget(import);
    buttons->addWidget(exportButton);
    buttons->addWidget(zoom);
    buttons->addWidget(m_delete);
    layout->addLayout(buttons);
    connect(coordinates, &QToolButton::clicked, this, &AoiPanel::enterCoordinatesRequested);
    connect(import, &QToolButton::clicked, this, &AoiPanel::importRequested);
    connect(exportButton, &QToolButton::clicked, this, &AoiPanel::exportRequested);
    connect(zoom, &QToolButton::clicked, this, [this] {
        if (m_model->activeRow() >= 0) {
            Q_EMIT zoomToRequested(m_model->activeRow());
        }
    });
    connect(m_delete, &QToolButton::clicked, this, [this] {
        if (m_model->activeRow() >= 0) {
            Q_EMIT deleteRequested(m_model->activeRow());
        }
    });
    // Delete in the list too; undo brings the area back, so nothing asks first.
    auto *deleteKey = new QAction(this);
    deleteKey->setShortcut(QKeySequence::Delete);
    deleteKey->setShortcutContext(Qt::WidgetShortcut);
    m_list->addAction(deleteKey);
    connect(deleteKey, &QAction::triggered, m_delete, &QToolButton::click);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) { m_model->setActiveRow(current.isValid() ? current.row() : -1); });
    connect(model, &AoiListModel::activeChanged, this, [this](int row) {
        const QModelIndex index = m_model->index(row);
        if (m_list->currentIndex() != index) {
            m_list->setCurrentIndex(index);
        }
        updateSummary();
    });
    connect(model, &QAbstractItemModel::dataChanged, this, &AoiPanel::updateSummary);
    updateSummary();
}

QToolButton *AoiPanel::toolButton(Tool tool) const
{
    return qobject_cast<QToolButton *>(m_tools->button(int(tool)));
}

void AoiPanel::clearTool()
{
    for (QAbstractButton *b : m_tools->buttons()) {
        const QSignalBlocker blocker(b);
        b->setChecked(false);
    }
}

void AoiPanel::updateSummary()
{
    const Aoi *aoi = m_model->active();
    m_delete->setEnabled(aoi);
    m_summary->setText(
        aoi ? AoiListModel::summary(*aoi) : tr("Draw, type or import an area; searches use the active one."));
    m_summary->setStyleSheet(aoi && aoi->selfIntersecting ? u"color: #b3261e;"_s : u"color: palette(mid);"_s);
}

} // namespace StacScope
