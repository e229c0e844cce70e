#pragma once

#include <memory>

#include <QList>
#include <QObject>
#include <QUrl>

#include "src/net/authenticator.h"

namespace StacScope {

class CredentialSource;

// The Authenticator of the app and the CLI: each account binds its credentials to the base URLs
// of its own services (Satellogic's accounts service gets "Authorization: Bearer", its API host
// "authorizationToken" and the contract id), and a request gets the credentials of the binding
// whose origin it is on and whose path it is under (the longest such path wins). Any other URL
// (a file host, a signed link, another catalog) gets nothing.
class CredentialRouter : public QObject, public Authenticator
{
    Q_OBJECT
public:
    explicit CredentialRouter(QObject *parent = nullptr);
    ~CredentialRouter() override;

    // `owner` names who bound it (an account id); unbind() removes all of an owner's bindings.
    void bind(const QString &owner, const QUrl &base, std::shared_ptr<CredentialSource> source);
    void unbind(const QString &owner);
    // Which owner's credentials `url` would get; empty when none.
    QString ownerFor(const QUrl &url) const;
    int bindingCount() const { return int(m_bindings.size()); }

    bool covers(const QUrl &url) const override;
    void authorize(const QUrl &url, QObject *context, Callback done) override;
    bool reject(const QUrl &url, const HttpHeaders &sent) override;

    // Whether `url` is on `base`'s origin and under its path.
    static bool isUnder(const QUrl &url, const QUrl &base);

Q_SIGNALS:
    void bindingsChanged();

private:
    struct Binding
    {
        QString owner;
        QUrl base;
        std::shared_ptr<CredentialSource> source;
    };
    const Binding *match(const QUrl &url) const;

    QList<Binding> m_bindings;
};

} // namespace StacScope
