#include "src/providers/account.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace StacScope {

QVariantMap Account::toSettings() const
{
    QVariantMap endpointMap;
    for (auto it = endpoints.begin(); it != endpoints.end(); ++it) {
        endpointMap.insert(it.key(), it.value().toString());
    }
    return { { u"id"_s, id }, { u"name"_s, name }, { u"provider"_s, provider }, { u"endpoints"_s, endpointMap },
        { u"options"_s, options }, { u"secretNames"_s, secretNames } };
}

Account Account::fromSettings(const QVariantMap &map)
{
    Account a;
    a.id = map.value(u"id"_s).toString();
    a.name = map.value(u"name"_s).toString();
    a.provider = map.value(u"provider"_s).toString();
    const QVariantMap endpointMap = map.value(u"endpoints"_s).toMap();
    for (auto it = endpointMap.begin(); it != endpointMap.end(); ++it) {
        const QUrl url(it.value().toString());
        if (url.isValid() && !url.isEmpty()) {
            a.endpoints.insert(it.key(), url);
        }
    }
    a.options = map.value(u"options"_s).toMap();
    a.secretNames = map.value(u"secretNames"_s).toStringList();
    return a;
}

QString Account::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace StacScope
