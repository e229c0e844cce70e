#include "app/installcheck.h"

#include <cstdio>

#include <QFile>
#include <QGuiApplication>
#include <QIcon>
#include <QJsonDocument>
#include <QJsonObject>

#include "resources/demoresources.h"
#include "src/about/components.h"
#include "src/demo/democatalog.h"
#include "src/geo/vectorbasemap.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

void print(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
}

// One line, "ok" or "FAIL", and whether it passed.
bool report(bool ok, const QString &what, const QString &detail)
{
    print(u"%1 %2: %3"_s.arg(ok ? u"ok  "_s : u"FAIL"_s, what, detail));
    return ok;
}

bool checkBasemap()
{
    QFile file(u":/basemap/naturalearth.bin"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        return report(false, u"offline basemap"_s, file.errorString());
    }
    QString error;
    const auto basemap = VectorBasemap::load(file.readAll(), &error);
    if (!basemap) {
        return report(false, u"offline basemap"_s, error);
    }
    return report(true, u"offline basemap"_s,
        u"%1 levels, %2 places (%3)"_s.arg(basemap->levels().size())
            .arg(basemap->places().size())
            .arg(file.fileName()));
}

bool checkDemoCatalog()
{
    initDemoResources();
    QFile root(demoCatalogPath());
    if (!root.open(QIODevice::ReadOnly)) {
        return report(false, u"demo catalog"_s, root.fileName() + u": "_s + root.errorString());
    }
    const QString title = QJsonDocument::fromJson(root.readAll()).object().value(u"title"_s).toString();
    const QString last = u":/demo/"_s + DemoCatalog::itemPath(DemoCatalog::EmbeddedItemCount - 1);
    if (title.isEmpty() || !QFile::exists(last)) {
        return report(false, u"demo catalog"_s, u"incomplete: no title or no "_s + last);
    }
    return report(true, u"demo catalog"_s,
        u"\"%1\", %2 items (%3)"_s.arg(title).arg(DemoCatalog::EmbeddedItemCount).arg(root.fileName()));
}

bool checkIcon()
{
    // QIcon reads an SVG through Qt's SVG icon engine or image plugin (package libqt6svg6).
    const QIcon icon(u":/icons/org.stacscope.StacScope.svg"_s);
    const bool ok = !icon.pixmap(64, 64).isNull();
    return report(ok, u"SVG icons"_s, ok ? u"the app icon renders"_s : u"Qt's SVG plugins are missing"_s);
}

bool checkSqlite()
{
    const QString version = sqliteVersion();
    return report(!version.isEmpty(), u"SQLite driver"_s,
        version.isEmpty() ? u"QSQLITE is not installed (Debian: libqt6sql6-sqlite)"_s
                          : u"QSQLITE, SQLite "_s + version);
}

bool checkTls()
{
    const QString backend = tlsBackend();
    return report(!backend.isEmpty(), u"TLS"_s, backend.isEmpty() ? u"no TLS backend could be loaded"_s : backend);
}

} // namespace

int checkInstallation()
{
    print(u"StacScope %1 on the \"%2\" platform"_s.arg(
        QStringLiteral(STACSCOPE_VERSION), QGuiApplication::platformName()));
    bool ok = checkBasemap();
    ok = checkDemoCatalog() && ok;
    ok = checkIcon() && ok;
    ok = checkSqlite() && ok;
    ok = checkTls() && ok;
    for (const Component &c : linkedLibraries()) {
        print(u"     %1 %2 (%3)"_s.arg(c.name, c.version.isEmpty() ? u"-"_s : c.version, c.licence));
    }
    std::fflush(stdout);
    return ok ? 0 : 1;
}

} // namespace StacScope
