// Accounts in QSettings: every field survives a reload, names are unique, nothing secret is kept.
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include "src/providers/account.h"
#include "src/providers/accountstore.h"
#include "src/providers/catalogsession.h"
#include "src/providers/providerregistry.h"

using namespace Qt::StringLiterals;
using namespace StacScope;

class TestAccountStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"accounts.conf"_s);
        Account a;
        a.id = Account::newId();
        a.name = u"Satellogic prod"_s;
        a.provider = u"satellogic"_s;
        a.endpoints.insert(u"api"_s, QUrl(u"http://127.0.0.1:8082"_s));
        a.options.insert(u"contract"_s, u"cont.e8c1169a-e11a-48ac-ad4c-a69e76fd9b14"_s);
        a.options.insert(u"legacy"_s, false);
        a.secretNames = { u"client_id"_s, u"client_secret"_s };
        {
            QSettings settings(path, QSettings::IniFormat);
            AccountStore store(&settings);
            QVERIFY(store.save(a));
            Account clash = a;
            clash.id = Account::newId();
            clash.name = u"satellogic PROD"_s; // names compare without case
            QVERIFY(!store.save(clash));
            QCOMPARE(store.accounts().size(), 1);
        }
        QSettings settings(path, QSettings::IniFormat);
        AccountStore store(&settings);
        QCOMPARE(store.accounts().size(), 1);
        const Account b = store.byName(u"satellogic prod"_s);
        QCOMPARE(b.id, a.id);
        QCOMPARE(b.provider, u"satellogic"_s);
        QCOMPARE(b.endpoints.value(u"api"_s), QUrl(u"http://127.0.0.1:8082"_s));
        QCOMPARE(b.option(u"contract"_s), u"cont.e8c1169a-e11a-48ac-ad4c-a69e76fd9b14"_s);
        QVERIFY(!b.flag(u"legacy"_s));
        QCOMPARE(b.secretNames, a.secretNames);
        store.remove(a.id);
        QVERIFY(store.accounts().isEmpty());
        QVERIFY(!store.contains(a.id));
    }

    // The registry describes each provider's endpoints (defaults from the documents) and secrets.
    void registryDescribesProviders()
    {
        const auto registry = ProviderRegistry::createDefault();
        const Provider *satellogic = registry->provider(u"satellogic"_s);
        QVERIFY(satellogic);
        Account a;
        QCOMPARE(satellogic->endpoint(a, u"auth"_s), QUrl(u"https://auth.platform.satellogic.com"_s));
        QCOMPARE(satellogic->endpoint(a, u"accounts"_s), QUrl(u"https://api.platform.satellogic.com"_s));
        QCOMPARE(satellogic->endpoint(a, u"api"_s), QUrl(u"https://api.satellogic.com"_s));
        a.endpoints.insert(u"api"_s, QUrl(u"http://127.0.0.1:9"_s));
        QCOMPARE(satellogic->endpoint(a, u"api"_s), QUrl(u"http://127.0.0.1:9"_s));
        QStringList env;
        for (const SecretSpec &s : satellogic->secrets(a)) {
            env.append(s.envVar);
        }
        QCOMPARE(env, (QStringList { u"SATELLOGIC_CLIENT_ID"_s, u"SATELLOGIC_CLIENT_SECRET"_s }));
        QVERIFY(satellogic->capabilities().testFlag(ProviderCapability::Tasking));
        const Provider *stac = registry->provider(u"stac-api"_s);
        QVERIFY(stac);
        a.options.insert(u"auth"_s, u"basic"_s);
        QCOMPARE(stac->secrets(a).size(), 2);
        QVERIFY(!registry->provider(u"nope"_s));
    }

    // Each catalog is opened by its provider: a STAC API searched on the server, a static catalog
    // read whole and searched here, an account's archive by the account's provider.
    void registryOpensCatalogs()
    {
        const auto registry = ProviderRegistry::createDefault();
        QStringList accountKinds;
        for (const Provider *p : registry->accountProviders()) {
            accountKinds.append(p->id());
        }
        QCOMPARE(accountKinds, (QStringList { u"satellogic"_s, u"capella"_s, u"up42"_s, u"stac-api"_s }));
        CatalogSource api;
        api.kind = CatalogSource::Kind::StacApi;
        api.location = u"http://127.0.0.1:9/stac"_s;
        QCOMPARE(api.providerId(), u"stac-api"_s);
        std::unique_ptr<CatalogSession> a(registry->openCatalog(nullptr, api, nullptr));
        QVERIFY(a);
        QVERIFY(!a->searchesLocally());
        CatalogSource demo = CatalogSource::demo();
        QCOMPARE(demo.providerId(), u"static"_s);
        std::unique_ptr<CatalogSession> d(registry->openCatalog(nullptr, demo, nullptr));
        QVERIFY(d);
        QVERIFY(d->searchesLocally());
        CatalogSource archive = api;
        archive.provider = u"satellogic"_s;
        std::unique_ptr<CatalogSession> s(registry->openCatalog(nullptr, archive, nullptr));
        QVERIFY(s);
        QCOMPARE(s->source().providerId(), u"satellogic"_s);
        CatalogSource capella = api;
        capella.provider = u"capella"_s; // its own catalog session (Query extension, paging quirk)
        std::unique_ptr<CatalogSession> c(registry->openCatalog(nullptr, capella, nullptr));
        QVERIFY(c);
        QCOMPARE(c->metaObject()->className(), "StacScope::CapellaCatalogSession");
        CatalogSource up42 = api;
        up42.provider = u"up42"_s; // an archive host of its orderable catalog (its storage is a plain STAC API)
        std::unique_ptr<CatalogSession> u(registry->openCatalog(nullptr, up42, nullptr));
        QVERIFY(u);
        QCOMPARE(u->metaObject()->className(), "StacScope::Up42HostCatalogSession");
    }
};

QTEST_GUILESS_MAIN(TestAccountStore)
#include "tst_accountstore.moc"
