#include "ui/help/helpdialogs.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QTextBrowser *makeBrowser(QDialog *dialog, const QString &html)
{
    auto *browser = new QTextBrowser(dialog);
    browser->setOpenExternalLinks(false);
    browser->setHtml(html);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(browser, 1);
    layout->addWidget(buttons);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    return browser;
}

QString row(const QString &keys, const QString &what)
{
    return u"<tr><td style='padding-right:18px'><b>%1</b></td><td>%2</td></tr>"_s.arg(keys.toHtmlEscaped(), what);
}

// The menus' actions with a shortcut, in menu order ("File > Open static catalog...": Ctrl+O).
void collect(const QMenu *menu, const QString &path, QString *rows)
{
    for (QAction *action : menu->actions()) {
        const QString name = QString(action->text()).remove(u'&');
        if (action->menu()) {
            collect(action->menu(), path + u" › "_s + name, rows);
        } else if (!action->shortcut().isEmpty()) {
            *rows += row(
                action->shortcut().toString(QKeySequence::NativeText), QString(path + u" › "_s + name).toHtmlEscaped());
        }
    }
}

} // namespace

GettingStartedDialog::GettingStartedDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"gettingStarted"_s);
    setWindowTitle(tr("Getting started with StacScope"));
    m_browser = makeBrowser(this,
        tr("<h2>Getting started</h2>"
           "<p>StacScope finds satellite imagery in STAC catalogs and at the providers you have accounts "
           "with, shows the footprints on its map, and downloads, orders and tasks new captures.</p>"
           "<h3>1. Look around the demo</h3>"
           "<p>At first launch the <b>Demo catalog (offline)</b> is open: 2,400 synthetic scenes in "
           "three collections, on an offline basemap. Click a footprint or a row of <b>Results</b> to see "
           "the item in <b>Item details</b>; drag the map to pan, turn the wheel to zoom.</p>"
           "<h3>2. Search</h3>"
           "<p>In <b>Search</b>, choose a catalog (<i>Add</i> opens a STAC API such as Earth Search or a "
           "static catalog folder or file; <i>Manage catalogs...</i> edits, tests, hides or removes them), tick "
           "collections (none ticked searches them all), set dates, cloud cover, "
           "the area and a sort, then press <b>Search</b>. The area is the map view, the whole world, or the "
           "active area of interest.</p>"
           "<h3>3. Areas of interest</h3>"
           "<p>Draw a rectangle, polygon, circle or point with the buttons of <b>Areas of interest</b>, type "
           "coordinates, or import a GeoJSON, KML, Shapefile, GeoPackage, GPX or WKT file (or drop it on the "
           "map). The active area is what searches and task forms use.</p>"
           "<h3>4. Download</h3>"
           "<p>Select results and choose <b>Download...</b> (or the results' context menu): pick assets by "
           "key, role or media type and a folder. <b>Downloads</b> shows each transfer with its speed and "
           "ETA; files are verified before they are moved into place and resume after a restart.</p>"
           "<h3>5. Providers, orders and tasking</h3>"
           "<p><b>Settings › Accounts...</b> adds a Satellogic, Capella Space or UP42 account; its secrets go "
           "to the system keychain. Its catalogs then appear in the catalog list; <b>Tasking</b> opens task "
           "forms over the active area; the <b>Tasks</b> dock's Monitor follows what you ordered or tasked "
           "and downloads deliveries. Nothing that costs money is sent before you confirm it.</p>"
           "<h3>6. Panels</h3>"
           "<p>Every panel can be moved, floated or closed; <b>View › Panels</b> brings it back and "
           "<b>Reset layout</b> puts everything in its place. <b>Help › Keyboard shortcuts</b> lists the "
           "keys.</p>"));
    resize(640, 620);
}

ShortcutsDialog::ShortcutsDialog(QWidget *window, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"keyboardShortcuts"_s);
    setWindowTitle(tr("Keyboard shortcuts"));
    QString menus;
    if (auto *main = qobject_cast<QMainWindow *>(window)) {
        for (QAction *top : main->menuBar()->actions()) {
            if (top->menu()) {
                collect(top->menu(), QString(top->text()).remove(u'&'), &menus);
            }
        }
    }
    const QString map = row(tr("Drag"), tr("Pan the map")) + row(tr("Wheel"), tr("Zoom around the pointer"))
        + row(tr("Click"), tr("Select the footprint under the pointer (Ctrl: add to the selection)"))
        + row(tr("Double-click or Enter"), tr("Close the polygon being drawn"))
        + row(tr("Backspace"), tr("Remove the last vertex of the polygon being drawn"))
        + row(tr("Delete or right-click"), tr("Remove a vertex while editing an area"))
        + row(tr("Esc"), tr("Cancel the drawing"));
    m_browser = makeBrowser(this,
        tr("<h3>Menus</h3><table>%1</table><h3>Map</h3><table>%2</table>")
            .arg(menus.isEmpty() ? row(QString(), tr("None")) : menus, map));
    resize(560, 520);
}

} // namespace StacScope
