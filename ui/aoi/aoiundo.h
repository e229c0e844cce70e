#pragma once

#include <QUndoCommand>

#include "src/models/aoilistmodel.h"

namespace StacScope {

// The undoable AOI actions (Edit > Undo, Ctrl+Z / Ctrl+Shift+Z). Every change to the list's rows
// goes through these, so the row numbers they keep stay right along the history.

// Adds one area (drawn, typed, imported) and makes it active; undo removes it and gives the
// previously active area back.
class AddAoiCommand : public QUndoCommand
{
public:
    AddAoiCommand(AoiListModel *model, Aoi::Kind kind, const Geometry &geometry, const QString &name = {},
        QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    // The row the area went to (after the first redo).
    int row() const { return m_row; }

private:
    AoiListModel *m_model;
    Aoi::Kind m_kind;
    Geometry m_geometry;
    QString m_name;
    Aoi m_added;
    int m_row = -1;
    int m_previousActive = -1;
    bool m_done = false;
};

// Deletes an area; undo puts it back where it was, with its name, colour and visibility, and
// active again if it was.
class RemoveAoiCommand : public QUndoCommand
{
public:
    RemoveAoiCommand(AoiListModel *model, int row, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    AoiListModel *m_model;
    int m_row;
    Aoi m_removed;
    bool m_wasActive = false;
};

// A new name. The list view applies a rename itself (in-place editing), so the first redo may
// be skipped with `alreadyApplied`.
class RenameAoiCommand : public QUndoCommand
{
public:
    RenameAoiCommand(AoiListModel *model, int row, const QString &before, const QString &after, bool alreadyApplied,
        QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    AoiListModel *m_model;
    int m_row;
    QString m_before;
    QString m_after;
    bool m_skipRedo;
};

// A vertex moved, added or removed with the edit tool: one command per gesture.
class EditAoiGeometryCommand : public QUndoCommand
{
public:
    EditAoiGeometryCommand(AoiListModel *model, int row, const Geometry &after, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    AoiListModel *m_model;
    int m_row;
    Geometry m_before;
    Geometry m_after;
};

} // namespace StacScope
