#include "ui/search/filtercontroller.h"

#include <QTimer>

#include "src/providers/catalogsession.h"
#include "ui/search/filterbuilder.h"
#include "ui/search/searchpanel.h"

namespace StacScope {

FilterController::FilterController(SearchPanel *panel, QObject *parent)
    : QObject(parent)
    , m_panel(panel)
    , m_settle(new QTimer(this))
{
    m_settle->setSingleShot(true);
    m_settle->setInterval(SettleMs);
    connect(m_settle, &QTimer::timeout, this, &FilterController::load);
    connect(panel, &SearchPanel::checkedCollectionsChanged, m_settle, qOverload<>(&QTimer::start));
}

void FilterController::setSession(CatalogSession *session)
{
    if (m_session) {
        m_session->disconnect(this);
    }
    m_session = session;
    FilterBuilder *builder = m_panel->filterBuilder();
    if (!session) {
        builder->setQueryables({}, {});
        builder->setFilterDescription({});
        return;
    }
    connect(session, &CatalogSession::queryablesLoaded, this, &FilterController::onLoaded);
    connect(session, &CatalogSession::opened, this, &FilterController::load);
    builder->setFilterDescription(session->filterDescription());
    builder->setLoading(true);
    if (session->isOpen()) {
        load();
    }
}

void FilterController::load()
{
    m_settle->stop();
    if (!m_session || !m_session->isOpen()) {
        return; // opened() brings us back
    }
    m_panel->filterBuilder()->setLoading(true);
    // The catalog's conformance is known once it is open.
    m_panel->filterBuilder()->setFilterDescription(m_session->filterDescription());
    m_session->loadQueryables(m_panel->checkedCollections());
}

void FilterController::onLoaded(const QStringList &collections, const Queryables &published, const QString &error)
{
    if (!m_session || collections != m_panel->checkedCollections()) {
        return; // the checks changed meanwhile: a newer request follows
    }
    StacCollections chosen;
    for (const StacCollection &c : m_session->collections()) {
        if (collections.isEmpty() || collections.contains(c.id)) {
            chosen.append(c);
        }
    }
    bool presets = false;
    const Queryables offered = Queryables::offered(published, chosen, &presets);
    QString source;
    if (!error.isEmpty()) {
        source = tr("The catalog's properties could not be loaded (%1); common properties are offered.").arg(error);
    } else if (presets) {
        source = tr("This catalog publishes no properties to filter on: common ones are offered.");
    } else if (m_session->searchesLocally()) {
        source = tr("Properties found in this catalog's items.");
    } else {
        const int n = int(offered.filterable().size());
        source = n == 1 ? tr("1 property published by this catalog.")
                        : tr("%1 properties published by this catalog.").arg(n);
    }
    m_panel->filterBuilder()->setQueryables(offered, source);
}

} // namespace StacScope
