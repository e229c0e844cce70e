#pragma once

#include <QScrollArea>

class QDockWidget;

namespace StacScope {

// A dock's form inside a frameless scroll area: when the window is low, the form scrolls up and
// down instead of being squeezed below its minimum height (where Qt draws its widgets over each
// other); the column is never narrower than the form (whose rows wrap to stay narrow).
QScrollArea *scrollable(QWidget *content);

// Every dock alike: movable, floatable and closable (View > Panels brings it back).
void setUpDock(QDockWidget *dock);

} // namespace StacScope
