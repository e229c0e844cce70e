#include "src/providers/provider.h"

namespace StacScope {

QUrl Provider::endpoint(const Account &account, const QString &name) const
{
    const QUrl own = account.endpoints.value(name);
    if (own.isValid() && !own.isEmpty()) {
        return own;
    }
    for (const EndpointSpec &e : endpoints()) {
        if (e.name == name) {
            return e.defaultUrl;
        }
    }
    return {};
}

CatalogSession *Provider::openCatalog(NetworkClient *, const CatalogSource &, QObject *) const
{
    return nullptr;
}

QUrl Provider::below(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString prefix = base.path();
    while (prefix.endsWith(u'/')) {
        prefix.chop(1);
    }
    url.setPath(prefix + path);
    url.setQuery(QString());
    return url;
}

std::pair<QString, QUrl> Provider::parseEndpoint(const QString &text, QString *error) const
{
    const qsizetype eq = text.indexOf(u'=');
    const QString name = text.left(eq);
    const QUrl url(text.mid(eq + 1));
    QStringList names;
    bool known = false;
    for (const EndpointSpec &e : endpoints()) {
        names.append(e.name);
        known = known || e.name == name;
    }
    const QString scheme = url.scheme();
    if (eq <= 0 || !known || !url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        *error = QStringLiteral("--endpoint needs NAME=URL with NAME one of %1 (got \"%2\")")
                     .arg(names.join(QStringLiteral(", ")), text);
        return {};
    }
    return { name, url };
}

} // namespace StacScope
