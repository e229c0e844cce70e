#include "ui/search/multisearchcontroller.h"

#include <utility>

#include <QLocale>
#include <QSet>
#include <QSettings>

#include "src/models/resultsmodel.h"
#include "src/providers/catalogsession.h"
#include "src/providers/multicatalogsearch.h"
#include "src/providers/providerregistry.h"
#include "src/stac/itemstore.h"
#include "ui/common/messagebar.h"
#include "ui/search/catalogchoicebutton.h"
#include "ui/search/catalogscontroller.h"
#include "ui/search/catalogstatusstrip.h"
#include "ui/search/searchpanel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// The catalogs ticked beside the picker's, by id, kept between runs.
const QString kTicksKey = u"search/tickedCatalogs"_s;

} // namespace

MultiSearchController::MultiSearchController(CatalogsController *catalogs, SearchPanel *search, ItemStore *results,
    ResultsModel *model, CatalogStatusStrip *strip, MessageBar *messages, QObject *parent)
    : QObject(parent)
    , m_catalogs(catalogs)
    , m_searchPanel(search)
    , m_results(results)
    , m_model(model)
    , m_messages(messages)
    , m_strip(strip)
{
    connect(catalogs, &CatalogsController::catalogsChanged, this, &MultiSearchController::syncChoices);
    connect(catalogs, &CatalogsController::sessionOpened, this, &MultiSearchController::onSessionOpened);
    connect(choiceButton(), &CatalogChoiceButton::choiceChanged, this, [this] {
        saveTicks();
        syncCollectionSessions();
        updateCollections();
    });
    connect(search, &SearchPanel::cancelRequested, this, &MultiSearchController::cancel);
    m_pendingTicks = QSettings().value(kTicksKey).toStringList();
    syncChoices();
}

MultiSearchController::~MultiSearchController() = default;

CatalogChoiceButton *MultiSearchController::choiceButton() const
{
    return m_searchPanel->catalogChoice();
}

bool MultiSearchController::isMulti() const
{
    return !choiceButton()->extraIds().isEmpty();
}

QList<CatalogSource> MultiSearchController::chosenCatalogs() const
{
    QList<CatalogSource> sources;
    for (const QString &id : choiceButton()->chosenIds()) {
        const int index = m_catalogs->indexOf(id);
        if (index >= 0) {
            sources.append(m_catalogs->catalogs().at(index));
        }
    }
    return sources;
}

void MultiSearchController::syncChoices()
{
    QList<CatalogChoiceButton::Entry> entries;
    for (const CatalogSource &s : m_catalogs->catalogs()) {
        entries.append({ s.id(), s.name });
    }
    const CatalogSession *session = m_catalogs->session();
    choiceButton()->setCatalogs(entries, session ? session->source().id() : QString());
    tickPending();
}

void MultiSearchController::tickPending()
{
    const QStringList pending = std::exchange(m_pendingTicks, {});
    for (const QString &id : pending) {
        if (m_catalogs->indexOf(id) >= 0) {
            choiceButton()->setChecked(id, true);
        } else {
            m_pendingTicks.append(id);
        }
    }
    if (!pending.isEmpty()) {
        saveTicks(); // with every tick still pending
    }
}

void MultiSearchController::saveTicks() const
{
    QStringList ticks = choiceButton()->extraIds();
    for (const QString &id : m_pendingTicks) {
        if (!ticks.contains(id)) {
            ticks.append(id);
        }
    }
    QSettings().setValue(kTicksKey, ticks);
}

void MultiSearchController::onSessionOpened(CatalogSession *session)
{
    syncChoices();
    if (session) {
        // After the catalogs controller's own handler, which lists this catalog's collections alone.
        connect(session, &CatalogSession::collectionsChanged, this, &MultiSearchController::updateCollections);
    }
    syncCollectionSessions();
    updateCollections();
}

void MultiSearchController::syncCollectionSessions()
{
    const QStringList extra = choiceButton()->extraIds();
    for (auto it = m_collectionSessions.begin(); it != m_collectionSessions.end();) {
        if (!extra.contains(it.key()) || !it.value()) {
            if (it.value()) {
                it.value()->cancel();
                it.value()->deleteLater();
            }
            it = m_collectionSessions.erase(it);
        } else {
            ++it;
        }
    }
    for (const QString &id : extra) {
        const int index = m_catalogs->indexOf(id);
        if (m_collectionSessions.contains(id) || index < 0) {
            continue;
        }
        CatalogSession *session
            = m_catalogs->providers()->openCatalog(m_catalogs->network(), m_catalogs->catalogs().at(index), this);
        if (!session) {
            continue;
        }
        m_collectionSessions.insert(id, session);
        connect(session, &CatalogSession::collectionsChanged, this, &MultiSearchController::updateCollections);
        connect(session, &CatalogSession::failed, this, &MultiSearchController::updateCollections);
        session->open();
    }
}

CatalogSession *MultiSearchController::sessionOf(const CatalogSource &source) const
{
    CatalogSession *session = m_catalogs->session();
    if (session && session->source() == source) {
        return session;
    }
    return m_collectionSessions.value(source.id());
}

std::optional<QStringList> MultiSearchController::collectionsOf(const CatalogSource &source) const
{
    const CatalogSession *session = m_catalogs->session();
    if (!session || session->source() != source) {
        session = m_collectionSessions.value(source.id());
    }
    if (!session || session->collections().isEmpty()) {
        return std::nullopt;
    }
    QStringList ids;
    for (const StacCollection &c : session->collections()) {
        ids.append(c.id);
    }
    return ids;
}

void MultiSearchController::updateCollections()
{
    if (!isMulti()) {
        // The open catalog's own list, as the catalogs controller shows it.
        if (const CatalogSession *session = m_catalogs->session(); session && session->isOpen()) {
            m_searchPanel->setCollections(session->collections());
        }
        return;
    }
    // One list for every ticked catalog: a collection is one id wherever it is (a search of
    // "sentinel-2-l2a" goes to every catalog that lists it); one only some catalogs list says which.
    const QList<CatalogSource> sources = chosenCatalogs();
    StacCollections all;
    QHash<QString, QStringList> listedBy;
    int known = 0; // catalogs whose collections are listed (not failed, not still loading)
    for (const CatalogSource &source : sources) {
        const CatalogSession *session = m_catalogs->session();
        if (!session || session->source() != source) {
            session = m_collectionSessions.value(source.id());
        }
        if (!session || session->collections().isEmpty()) {
            continue;
        }
        ++known;
        for (const StacCollection &c : session->collections()) {
            if (!listedBy.contains(c.id)) {
                all.append(c);
            }
            listedBy[c.id].append(source.name);
        }
    }
    for (StacCollection &c : all) {
        const QStringList &names = listedBy.value(c.id);
        if (names.size() < known) {
            c.title = tr("%1 (%2)").arg(c.displayName(), names.join(u", "_s));
        }
    }
    m_searchPanel->setCollections(all);
}

bool MultiSearchController::run(const SearchParameters &parameters, int maxItems)
{
    if (!isMulti()) {
        forget();
        return false;
    }
    // Each catalog gets the chosen collections it lists; one that lists none of them is left out
    // (asking a server for a collection it does not have is an error on most of them).
    QList<CatalogSource> sources;
    QList<SearchParameters> perCatalog;
    m_leftOut.clear();
    for (const CatalogSource &source : chosenCatalogs()) {
        SearchParameters p = parameters;
        if (!parameters.collections.isEmpty()) {
            if (const std::optional<QStringList> listed = collectionsOf(source)) {
                p.collections.removeIf([&listed](const QString &id) { return !listed->contains(id); });
                if (p.collections.isEmpty()) {
                    m_leftOut.append(source.name);
                    continue;
                }
            }
        }
        sources.append(source);
        perCatalog.append(p);
    }
    // The accounts' registry opens their catalogs; it comes after the window is built.
    if (!m_search || m_search->registry() != m_catalogs->providers()) {
        delete m_search;
        m_search = new MultiCatalogSearch(m_catalogs->providers(), m_catalogs->network(), this);
        m_search->setMergedStore(m_results);
        connect(m_search, &MultiCatalogSearch::mergedItemsAdded, this, &MultiSearchController::itemsAdded);
        connect(m_search, &MultiCatalogSearch::catalogChanged, this,
            [this](int index) { m_strip->setStatus(index, m_search->status(index)); });
        connect(m_search, &MultiCatalogSearch::finished, this, &MultiSearchController::onFinished);
    }
    m_lastSources = sources;
    QStringList names;
    for (const CatalogSource &s : std::as_const(sources)) {
        names.append(s.name);
    }
    m_model->setCatalogNames(names);
    m_strip->reset(int(sources.size()));
    m_search->start(sources, perCatalog, maxItems); // clears the results store
    for (int i = 0; i < m_search->catalogCount(); ++i) {
        m_strip->setStatus(i, m_search->status(i));
    }
    return true;
}

void MultiSearchController::cancel()
{
    if (m_search && m_search->isRunning()) {
        m_search->cancel();
    }
}

bool MultiSearchController::isRunning() const
{
    return m_search && m_search->isRunning();
}

std::optional<CatalogSource> MultiSearchController::sourceOfRow(int row) const
{
    if (m_lastSources.isEmpty() || row < 0 || row >= m_results->size()) {
        return std::nullopt;
    }
    return m_lastSources.value(m_results->origin(row));
}

void MultiSearchController::forget()
{
    if (isRunning()) {
        const QSignalBlocker quiet(m_search); // superseded: not a search that ended
        m_search->cancel();
    }
    m_lastSources.clear();
    m_model->setCatalogNames({});
    m_strip->reset(0);
}

void MultiSearchController::onFinished()
{
    QStringList failures;
    int failed = 0;
    for (int i = 0; i < m_search->catalogCount(); ++i) {
        const CatalogSearchStatus &status = m_search->status(i);
        if (status.state == CatalogSearchStatus::State::Failed) {
            ++failed;
            failures.append(tr("%1: %2").arg(status.source.name, status.error.toString()));
        }
    }
    const int n = m_search->catalogCount();
    QString leftOut;
    if (!m_leftOut.isEmpty()) {
        leftOut = tr(" Not searched (none of the chosen collections): %1.").arg(m_leftOut.join(u", "_s));
    }
    if (n > 0 && failed == n) {
        m_messages->showMessage(
            MessageBar::Level::Error, tr("The search failed in every catalog.") + leftOut, failures.join(u'\n'));
    } else if (failed > 0) {
        m_messages->showMessage(MessageBar::Level::Warning,
            (failed == 1 ? tr("1 of %1 catalogs failed; the others' results are shown.").arg(n)
                         : tr("%1 of %2 catalogs failed; the others' results are shown.").arg(failed).arg(n))
                + leftOut,
            failures.join(u'\n'));
    } else if (!leftOut.isEmpty()) {
        m_messages->showMessage(MessageBar::Level::Info, leftOut.trimmed());
    } else if (m_results->isEmpty() && m_search->catalogCount() > 0
        && m_search->status(0).state != CatalogSearchStatus::State::Canceled) {
        m_messages->showMessage(MessageBar::Level::Info, tr("No items match this search in any of the catalogs."));
    }
    Q_EMIT finished();
}

} // namespace StacScope
