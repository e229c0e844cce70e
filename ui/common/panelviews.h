#pragma once

#include <functional>

#include <QAbstractItemView>
#include <QString>

class QMessageBox;
class QTreeView;
class QWidget;

namespace StacScope {

// What the provider docks (Tasks, Monitor, Orders) share: their list views look and size the
// same, and they ask before anything that costs money or cannot be undone the same way.

// Flat rows, whole-row selection, alternating colours, and a minimum height of a header and a
// row or two, so the dock fits where Results and Downloads fit.
void setUpRowView(QTreeView *view, QAbstractItemView::SelectionMode mode);

// A window-modal question with `yes` and `no` buttons, `no` being the default and the escape
// button (Enter and Escape keep things as they are). Opened with open(), never exec(): no nested
// event loop. `done` gets whether `yes` was clicked; the box deletes itself after. Returns it.
QMessageBox *askToConfirm(QWidget *parent, const QString &objectName, const QString &title, const QString &text,
    const QString &details, const QString &yes, const QString &no, std::function<void(bool confirmed)> done);

} // namespace StacScope
