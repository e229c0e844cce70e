#pragma once

#include <QObject>
#include <QPointer>

#include "src/net/networkerror.h"
#include "src/providers/catalogsource.h"

namespace StacScope {

class CatalogSession;
class NetworkClient;
class ProviderRegistry;

// Checks that a catalog can be opened: its provider opens a session (the landing page and
// collections of an API, the root of a static catalog and what it links), and the probe tells
// how many collections it lists or why it could not load. One probe per check; it owns the
// session and deletes it when done. Nothing blocks: the answer comes through finished().
class CatalogProbe : public QObject
{
    Q_OBJECT
public:
    CatalogProbe(const ProviderRegistry *providers, NetworkClient *network, const CatalogSource &source,
        QObject *parent = nullptr);
    ~CatalogProbe() override;

    const CatalogSource &source() const { return m_source; }
    void start();
    void cancel();

Q_SIGNALS:
    // `error` is empty on success; then `collections` is how many the catalog lists.
    void finished(int collections, const StacScope::NetworkError &error);

private:
    void finish(int collections, const NetworkError &error);

    const ProviderRegistry *m_providers;
    NetworkClient *m_network;
    CatalogSource m_source;
    QPointer<CatalogSession> m_session;
    bool m_done = false;
};

} // namespace StacScope
