// BasemapSwitcher: removing a tile source the user added (built-ins stay), falling back to the
// offline basemap when it was the active one; and in the main window, the removal saved to the
// settings the sources are loaded from.
#include <QComboBox>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>

#include "resources/demoresources.h"
#include "src/net/networkclient.h"
#include "src/net/tilesource.h"
#include "tests/support/ports.h"
#include "ui/mainwindow.h"
#include "ui/map/basemapswitcher.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

// A closed loopback port: nothing answers, and nothing leaves the machine.
TileSource userSource(const QString &name, int n)
{
    return TileSource::userDefined(name, TestPorts::closedLocalOrigin() + u"/%1/{z}/{x}/{y}.png"_s.arg(n), QString());
}

} // namespace

class TestBasemapSwitcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        initDemoResources();
    }

    void removesOnlyUserSources()
    {
        QWidget map;
        map.resize(800, 600);
        BasemapSwitcher switcher(&map);
        const TileSource mine = userSource(u"Mine"_s, 1);
        const TileSource other = userSource(u"Other"_s, 2);
        switcher.setSources(TileSource::builtIns() + QList<TileSource> { mine, other });
        QSignalSpy removed(&switcher, &BasemapSwitcher::sourceRemoved);
        QSignalSpy current(&switcher, &BasemapSwitcher::currentSourceChanged);

        // A built-in: the button is off and removing refuses.
        switcher.setCurrentId(TileSource::openStreetMap().id);
        QVERIFY(!switcher.removeButton()->isEnabled());
        QVERIFY(!switcher.removeSource(TileSource::openStreetMap().id));
        // The offline basemap is not a source at all.
        switcher.setCurrentId(QString());
        QVERIFY(!switcher.removeButton()->isEnabled());
        QVERIFY(!switcher.removeSource(QString()));
        QCOMPARE(removed.count(), 0);

        // Removing another source than the current one keeps the current one.
        switcher.setCurrentId(mine.id);
        QVERIFY(switcher.removeButton()->isEnabled());
        current.clear();
        QVERIFY(switcher.removeSource(other.id));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.takeFirst().at(0).toString(), other.id);
        QCOMPARE(switcher.currentId(), mine.id);
        QCOMPARE(current.count(), 0);

        // The active one, by its button: back to the offline basemap.
        QTest::mouseClick(switcher.removeButton(), Qt::LeftButton);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.takeFirst().at(0).toString(), mine.id);
        QCOMPARE(switcher.currentId(), QString());
        QCOMPARE(current.count(), 1);
        QCOMPARE(current.takeFirst().at(0).toString(), QString());
        QCOMPARE(switcher.sources(), TileSource::builtIns());
        QCOMPARE(switcher.combo()->count(), 1 + int(TileSource::builtIns().size()));
        QVERIFY(!switcher.removeButton()->isEnabled());
    }

    void mainWindowSavesTheRemoval()
    {
        const TileSource mine = userSource(u"Mine"_s, 3);
        const TileSource kept = userSource(u"Kept"_s, 4);
        {
            QSettings settings;
            settings.setValue(u"map/tileSources"_s, QVariantList { mine.toSettings(), kept.toSettings() });
            settings.setValue(u"map/basemap"_s, mine.id);
        }
        QNetworkAccessManager nam;
        NetworkClient network(&nam);
        MainWindow window(&network, nullptr);
        BasemapSwitcher *switcher = window.basemapSwitcher();
        QCOMPARE(switcher->currentId(), mine.id);
        QVERIFY(switcher->removeButton()->isEnabled());

        QTest::mouseClick(switcher->removeButton(), Qt::LeftButton);
        QCOMPARE(switcher->currentId(), QString());
        QSettings settings;
        const QVariantList saved = settings.value(u"map/tileSources"_s).toList();
        QCOMPARE(saved.size(), 1);
        QCOMPARE(TileSource::fromSettings(saved.first().toMap()).id, kept.id);
        QCOMPARE(settings.value(u"map/basemap"_s).toString(), QString());
    }
};

QTEST_MAIN(TestBasemapSwitcher)
#include "tst_basemapswitcher.moc"
