#include "src/providers/catalogprobe.h"

#include "src/providers/catalogsession.h"
#include "src/providers/providerregistry.h"

namespace StacScope {

CatalogProbe::CatalogProbe(
    const ProviderRegistry *providers, NetworkClient *network, const CatalogSource &source, QObject *parent)
    : QObject(parent)
    , m_providers(providers)
    , m_network(network)
    , m_source(source)
{}

CatalogProbe::~CatalogProbe()
{
    cancel();
}

void CatalogProbe::start()
{
    m_session = m_providers ? m_providers->openCatalog(m_network, m_source, this) : nullptr;
    if (!m_session) {
        // Said after the caller has connected, as every other answer is.
        QMetaObject::invokeMethod(
            this,
            [this] {
                finish(0,
                    NetworkError::make(NetworkError::Kind::Validation,
                        tr("This kind of catalog cannot be opened by this version of StacScope.")));
            },
            Qt::QueuedConnection);
        return;
    }
    connect(m_session, &CatalogSession::opened, this, [this] { finish(int(m_session->collections().size()), {}); });
    connect(m_session, &CatalogSession::failed, this, [this](const NetworkError &error) { finish(0, error); });
    m_session->open();
}

void CatalogProbe::cancel()
{
    m_done = true;
    if (m_session) {
        m_session->disconnect(this);
        m_session->cancel();
        m_session->deleteLater();
        m_session = nullptr;
    }
}

void CatalogProbe::finish(int collections, const NetworkError &error)
{
    if (m_done) {
        return;
    }
    m_done = true;
    if (m_session) {
        m_session->disconnect(this);
        m_session->deleteLater();
        m_session = nullptr;
    }
    Q_EMIT finished(collections, error);
}

} // namespace StacScope
