#include "ui/help/aboutdialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "src/about/components.h"
#include "src/net/tilesource.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QTextBrowser *makeBrowser(QWidget *parent, const QString &objectName, const QString &html)
{
    auto *browser = new QTextBrowser(parent);
    browser->setObjectName(objectName);
    browser->setOpenExternalLinks(true);
    browser->setHtml(html);
    return browser;
}

QString link(const QString &url, const QString &text)
{
    return u"<a href=\"%1\">%2</a>"_s.arg(url.toHtmlEscaped(), text.toHtmlEscaped());
}

QString cell(const QString &html, const char *tag = "td")
{
    const QString name = QString::fromLatin1(tag);
    return u"<%1 align=left style='padding:2px 12px 2px 0'>%2</%1>"_s.arg(name, html);
}

QString componentTable(const QList<Component> &components, const QString &versionHeader)
{
    QString rows = u"<tr>"_s + cell(AboutDialog::tr("Name"), "th") + cell(versionHeader, "th")
        + cell(AboutDialog::tr("Licence"), "th") + cell(AboutDialog::tr("Used for"), "th") + u"</tr>"_s;
    for (const Component &c : components) {
        rows += u"<tr>"_s + cell(link(c.url, c.name))
            + cell(c.version.isEmpty() ? AboutDialog::tr("not found") : c.version.toHtmlEscaped())
            + cell(c.licence.toHtmlEscaped()) + cell(c.use.toHtmlEscaped()) + u"</tr>"_s;
    }
    return u"<table cellspacing=0>"_s + rows + u"</table>"_s;
}

QString aboutHtml()
{
    return AboutDialog::tr(
        "<p>Find, order, task and download satellite imagery.</p>"
        "<p>Today it searches STAC APIs and static STAC catalogs, one at a time or several for "
        "coverage; draws footprints, quicklooks and areas of interest on its own map; orders and "
        "tasks with Satellogic, Capella Space and UP42 accounts and follows those requests; and "
        "downloads files verified, in parallel, resuming after a restart. The "
        "<code>stacscope-cli</code> command does the same from a terminal.</p>"
        "<p>The demo catalog is synthetic: its scenes and previews are generated, not real imagery.</p>"
        "<p>StacScope is free software, licensed under the GNU General Public License, version 3 or "
        "(at your option) any later version (GPL-3.0-or-later). It comes with no warranty.</p>"
        "<p>%1</p>")
        .arg(link(u"https://stacscope.org/"_s, u"stacscope.org"_s));
}

QString licencesHtml()
{
    return AboutDialog::tr("<h3>StacScope</h3>"
                           "<p>Copyright © the StacScope developers. Licensed under the %1: you may "
                           "redistribute and modify it under the terms of version 3 of that licence or any later "
                           "version. On Debian the licence's text is in /usr/share/common-licenses/GPL-3.</p>"
                           "<h3>Libraries</h3>"
                           "<p>StacScope links these libraries, each under its own licence; the versions are the "
                           "ones running now.</p>")
               .arg(link(u"https://www.gnu.org/licenses/gpl-3.0.html"_s, u"GNU General Public License"_s))
        + componentTable(linkedLibraries(), AboutDialog::tr("Version"))
        + AboutDialog::tr("<p>Qt is used under the GNU Lesser General Public License version 3 and is linked "
                          "dynamically: you may replace it with a modified version.</p>");
}

QString dataHtml()
{
    QString basemaps;
    for (const TileSource &source : TileSource::builtIns()) {
        basemaps += u"<li><b>%1</b>: %2</li>"_s.arg(source.name.toHtmlEscaped(), source.attribution.toHtmlEscaped());
    }
    return AboutDialog::tr("<h3>Offline basemap</h3>"
                           "<p>Made with Natural Earth: free vector and raster map data, in the public domain. "
                           "Three npm packages carry the parts StacScope embeds; the basemap holds only data "
                           "derived from theirs, no code.</p>")
        + componentTable(embeddedData(), AboutDialog::tr("Version"))
        + AboutDialog::tr("<h3>Online basemaps</h3>"
                          "<p>Tiles are fetched only when you choose one of these basemaps; each credits its "
                          "sources on the map, as below. OpenStreetMap data is © OpenStreetMap contributors, "
                          "available under the %1.</p><ul>%2</ul>"
                          "<p>A basemap you add yourself shows the attribution you give it.</p>"
                          "<h3>Imagery and catalogs</h3>"
                          "<p>Footprints, quicklooks and downloads come from the catalogs and providers you "
                          "search, under their own licences (a collection's tooltip gives its licence). The "
                          "demo catalog is synthetic and free of rights.</p>")
              .arg(link(u"https://www.openstreetmap.org/copyright"_s, u"Open Database License"_s), basemaps);
}

} // namespace

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"aboutDialog"_s);
    setWindowTitle(tr("About StacScope"));
    setAttribute(Qt::WA_DeleteOnClose);

    auto *icon = new QLabel(this);
    icon->setPixmap(QApplication::windowIcon().pixmap(64, 64));
    icon->setVisible(!QApplication::windowIcon().isNull());
    auto *title = new QLabel(
        tr("<h2>StacScope %1</h2><p>Satellite imagery catalog browser</p>").arg(QStringLiteral(STACSCOPE_VERSION)),
        this);
    title->setObjectName(u"aboutTitle"_s);
    title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *header = new QHBoxLayout;
    header->addWidget(icon);
    header->addWidget(title, 1);

    m_tabs = new QTabWidget(this);
    m_about = makeBrowser(this, u"aboutText"_s, aboutHtml());
    m_licences = makeBrowser(this, u"licencesText"_s, licencesHtml());
    m_data = makeBrowser(this, u"dataText"_s, dataHtml());
    m_tabs->addTab(m_about, tr("&About"));
    m_tabs->addTab(m_licences, tr("&Licences"));
    m_tabs->addTab(m_data, tr("&Data"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
    resize(720, 520);
}

} // namespace StacScope
