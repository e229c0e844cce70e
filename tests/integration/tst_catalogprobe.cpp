// CatalogProbe against the STAC emulator on 127.0.0.1 and static catalogs on disk.
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include "src/net/networkclient.h"
#include "src/providers/catalogprobe.h"
#include "src/providers/providerregistry.h"
#include "tests/support/ports.h"
#include "tests/support/stacemulator.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QJsonObject collection(const QString &id)
{
    return QJsonDocument::fromJson("{\"type\":\"Collection\",\"stac_version\":\"1.0.0\",\"id\":\"" + id.toUtf8()
        + "\",\"description\":\"d\",\"license\":\"proprietary\",\"extent\":{\"spatial\":{"
          "\"bbox\":[[-180,-90,180,90]]},\"temporal\":{\"interval\":[[null,null]]}},"
          "\"links\":[]}")
        .object();
}

} // namespace

class TestCatalogProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_network.setBaseRetryDelay(5);
        for (const QString &id : { u"a"_s, u"b"_s, u"c"_s }) {
            QVERIFY(m_emulator.addCollection(collection(id)));
        }
        QVERIFY(m_emulator.listen());
    }

    void probe_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("location");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<int>("failure"); // an HTTP status the emulator answers first; 0: none
        QTest::addColumn<int>("collections"); // -1: the probe fails
        QTest::addColumn<int>("errorKind");
        const int api = int(CatalogSource::Kind::StacApi);
        const int file = int(CatalogSource::Kind::StaticCatalog);
        const QString fixtures = QStringLiteral(STACSCOPE_TEST_FIXTURES);
        QTest::newRow("API") << api << QString() << QString() << 0 << 3 << int(NetworkError::Kind::None);
        QTest::newRow("API 404") << api << QString() << QString() << 404 << -1 << int(NetworkError::Kind::Http);
        QTest::newRow("closed port") << api << u"http://127.0.0.1:%1/stac"_s.arg(TestPorts::closedLocalPort())
                                     << QString() << 0 << -1 << int(NetworkError::Kind::Network);
        QTest::newRow("static folder") << file << fixtures + u"/static-catalog/sentinel-2-demo"_s << QString() << 0 << 1
                                       << int(NetworkError::Kind::None);
        QTest::newRow("no such provider")
            << api << QString() << u"no-such-provider"_s << 0 << -1 << int(NetworkError::Kind::Validation);
    }

    void probe()
    {
        QFETCH(int, kind);
        QFETCH(QString, location);
        QFETCH(QString, provider);
        QFETCH(int, failure);
        QFETCH(int, collections);
        QFETCH(int, errorKind);
        m_emulator.clearInjectedFailures();
        if (failure) {
            m_emulator.injectFailure(failure, "no", 1);
        }
        CatalogSource source;
        source.kind = CatalogSource::Kind(kind);
        source.name = u"Probe"_s;
        source.location = location.isEmpty() ? m_emulator.url().toString() : location;
        source.provider = provider;
        const auto providers = ProviderRegistry::createDefault();
        CatalogProbe probe(providers.get(), &m_network, source);
        QSignalSpy finished(&probe, &CatalogProbe::finished);
        probe.start();
        QVERIFY(!finished.isEmpty() || finished.wait(10000));
        QCOMPARE(finished.size(), 1);
        const auto error = finished.first().at(1).value<NetworkError>();
        QCOMPARE(int(error.kind), errorKind);
        if (collections >= 0) {
            QCOMPARE(finished.first().at(0).toInt(), collections);
        } else {
            QVERIFY(!error.toString().isEmpty());
        }
    }

    void aMissingFolderIsSaidSo()
    {
        CatalogSource source;
        source.kind = CatalogSource::Kind::StaticCatalog;
        source.location = QStringLiteral(STACSCOPE_TEST_FIXTURES "/static-catalog/no-such-folder");
        const auto providers = ProviderRegistry::createDefault();
        CatalogProbe probe(providers.get(), &m_network, source);
        QSignalSpy finished(&probe, &CatalogProbe::finished);
        probe.start();
        QVERIFY(!finished.isEmpty() || finished.wait(10000));
        const auto error = finished.first().at(1).value<NetworkError>();
        QVERIFY(error.isError());
        QVERIFY2(error.toString().contains(u"no-such-folder"_s), qPrintable(error.toString()));
    }

private:
    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
    StacEmulator m_emulator;
};

QTEST_GUILESS_MAIN(TestCatalogProbe)
#include "tst_catalogprobe.moc"
