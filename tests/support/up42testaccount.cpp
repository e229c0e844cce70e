#include "tests/support/up42testaccount.h"

#include <QObject>
#include <QTest>

#include "src/providers/accountmanager.h"
#include "src/providers/accountstore.h"
#include "tests/support/up42emulator.h"

using namespace Qt::StringLiterals;

namespace StacScope {

QString addUp42TestAccount(
    AccountManager *accounts, AccountStore *store, const Up42Emulator &emulator, const QString &name)
{
    Account a;
    a.name = name;
    a.provider = u"up42"_s;
    a.endpoints = { { u"auth"_s, emulator.authUrl() }, { u"api"_s, emulator.apiUrl() } };
    QString error = u"pending"_s;
    QObject context;
    accounts->saveAccount(a,
        { { u"username"_s, Up42Emulator::Username.toString().toUtf8() },
            { u"password"_s, Up42Emulator::Password.toString().toUtf8() } },
        &context, [&](const QString &e) { error = e; });
    if (!QTest::qWaitFor([&] { return error != u"pending"_s; }, 5000) || !error.isEmpty()) {
        qWarning("the UP42 account was not saved: %s", qPrintable(error));
        return {};
    }
    return store->byName(name).id;
}

} // namespace StacScope
