#include "ui/aoi/aoiundo.h"

#include <QCoreApplication>

namespace StacScope {

namespace {

QString quoted(const QString &name)
{
    return QCoreApplication::translate("AoiUndo", "\u201c%1\u201d").arg(name);
}

} // namespace

AddAoiCommand::AddAoiCommand(
    AoiListModel *model, Aoi::Kind kind, const Geometry &geometry, const QString &name, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_model(model)
    , m_kind(kind)
    , m_geometry(geometry)
    , m_name(name)
{
    setText(QCoreApplication::translate("AoiUndo", "Add %1").arg(AoiListModel::kindName(kind).toLower()));
}

void AddAoiCommand::redo()
{
    m_previousActive = m_model->activeRow();
    if (!m_done) {
        // The first time the model names it ("Polygon 3"); a redo brings back that same area.
        m_row = m_model->add(m_kind, m_geometry, m_name);
        m_added = m_model->at(m_row);
        m_done = true;
        setText(QCoreApplication::translate("AoiUndo", "Add %1").arg(quoted(m_added.name)));
    } else {
        m_model->insert(m_row, m_added, true);
    }
}

void AddAoiCommand::undo()
{
    // The area may have been renamed or edited by later commands, all undone by now.
    m_model->remove(m_row);
    m_model->setActiveRow(m_previousActive);
}

RemoveAoiCommand::RemoveAoiCommand(AoiListModel *model, int row, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_model(model)
    , m_row(row)
{
    setText(QCoreApplication::translate("AoiUndo", "Delete %1").arg(quoted(model->at(row).name)));
}

void RemoveAoiCommand::redo()
{
    m_removed = m_model->at(m_row);
    m_wasActive = m_model->activeRow() == m_row;
    m_model->remove(m_row);
}

void RemoveAoiCommand::undo()
{
    m_model->insert(m_row, m_removed, m_wasActive);
}

RenameAoiCommand::RenameAoiCommand(AoiListModel *model, int row, const QString &before, const QString &after,
    bool alreadyApplied, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_model(model)
    , m_row(row)
    , m_before(before)
    , m_after(after)
    , m_skipRedo(alreadyApplied)
{
    setText(QCoreApplication::translate("AoiUndo", "Rename %1 to %2").arg(quoted(before), quoted(after)));
}

void RenameAoiCommand::redo()
{
    if (m_skipRedo) {
        m_skipRedo = false;
        return;
    }
    m_model->rename(m_row, m_after);
}

void RenameAoiCommand::undo()
{
    m_model->rename(m_row, m_before);
}

EditAoiGeometryCommand::EditAoiGeometryCommand(
    AoiListModel *model, int row, const Geometry &after, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_model(model)
    , m_row(row)
    , m_before(model->at(row).geometry)
    , m_after(after)
{
    setText(QCoreApplication::translate("AoiUndo", "Edit %1").arg(quoted(model->at(row).name)));
}

void EditAoiGeometryCommand::redo()
{
    m_model->setGeometry(m_row, m_after);
}

void EditAoiGeometryCommand::undo()
{
    m_model->setGeometry(m_row, m_before);
}

} // namespace StacScope
