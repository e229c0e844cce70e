#include "src/providers/multicatalogsearch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include "src/providers/catalogsession.h"
#include "src/providers/providerregistry.h"
#include "src/stac/itemstore.h"

using namespace Qt::StringLiterals;

namespace StacScope {

MultiCatalogSearch::MultiCatalogSearch(const ProviderRegistry *registry, NetworkClient *network, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_network(network)
{}

MultiCatalogSearch::~MultiCatalogSearch()
{
    ++m_generation;
    for (const auto &c : m_catalogs) {
        if (c->session) {
            c->session->disconnect(this);
            c->session->cancel();
            delete c->session;
        }
    }
}

int MultiCatalogSearch::totalReturned() const
{
    int n = 0;
    for (const auto &c : m_catalogs) {
        n += c->status.returned;
    }
    return n;
}

void MultiCatalogSearch::start(
    const QList<CatalogSource> &sources, const SearchParameters &parameters, int maxItemsPerCatalog)
{
    start(sources, QList<SearchParameters>(sources.size(), parameters), maxItemsPerCatalog);
}

void MultiCatalogSearch::start(
    const QList<CatalogSource> &sources, const QList<SearchParameters> &parameters, int maxItemsPerCatalog)
{
    Q_ASSERT(parameters.size() == sources.size());
    stopAll(false); // superseded: its finished() is not announced
    ++m_generation;
    m_catalogs.clear();
    for (const CatalogSource &source : sources) {
        auto c = std::make_unique<Catalog>();
        c->status.source = source;
        c->store = std::make_unique<ItemStore>();
        m_catalogs.push_back(std::move(c));
    }
    m_parameters = parameters;
    if (m_merged) {
        m_merged->clear();
    }
    m_maxItems = maxItemsPerCatalog;
    m_next = 0;
    m_runningCount = 0;
    m_running = true;
    // From the event loop, so that the caller has connected to catalogChanged() and finished().
    const quint64 generation = m_generation;
    QTimer::singleShot(0, this, [this, generation] {
        if (generation == m_generation) {
            startNext();
        }
    });
}

void MultiCatalogSearch::startNext()
{
    while (m_running && m_runningCount < m_maxParallel && m_next < catalogCount()) {
        const int index = m_next++;
        Catalog &c = *m_catalogs[size_t(index)];
        c.clock.start();
        c.status.state = CatalogSearchStatus::State::Searching;
        CatalogSession *session = m_registry ? m_registry->openCatalog(m_network, c.status.source, this) : nullptr;
        if (!session) {
            end(index, CatalogSearchStatus::State::Failed,
                NetworkError::make(NetworkError::Kind::Validation,
                    tr("No provider opens \"%1\" (%2)").arg(c.status.source.name, c.status.source.providerId())));
            continue;
        }
        ++m_runningCount;
        c.session = session;
        ItemStore *store = c.store.get();
        connect(session, &CatalogSession::itemsAdded, this, [this, index, store](int, int) {
            m_catalogs[size_t(index)]->status.returned = store->size();
            merge(index);
            Q_EMIT catalogChanged(index);
        });
        connect(session, &CatalogSession::matchedKnown, this, [this, index](qint64 matched) {
            m_catalogs[size_t(index)]->status.matched = matched;
            Q_EMIT catalogChanged(index);
        });
        connect(session, &CatalogSession::searchFinished, this,
            [this, index](const NetworkError &error, const QStringList &warnings) {
                end(index, error.isError() ? CatalogSearchStatus::State::Failed : CatalogSearchStatus::State::Done,
                    error, warnings);
            });
        // Opening fails before any search can (a static catalog that cannot be read).
        connect(session, &CatalogSession::failed, this,
            [this, index](const NetworkError &error) { end(index, CatalogSearchStatus::State::Failed, error); });
        Q_EMIT catalogChanged(index);
        session->open();
        if (m_catalogs[size_t(index)]->session == session) {
            session->search(m_parameters.value(index), m_maxItems, store);
        }
    }
    if (m_running && m_runningCount == 0 && m_next >= catalogCount()) {
        m_running = false;
        Q_EMIT finished();
    }
}

void MultiCatalogSearch::end(
    int index, CatalogSearchStatus::State state, const NetworkError &error, const QStringList &warnings)
{
    Catalog &c = *m_catalogs[size_t(index)];
    if (c.status.isFinished()) {
        return; // the first end wins (an open failure, then its search's)
    }
    c.status.state = state;
    c.status.error = error;
    c.status.warnings = warnings;
    c.status.returned = c.store->size();
    if (state != CatalogSearchStatus::State::Canceled) {
        merge(index); // what came before a failure is kept (each page was merged as it came anyway)
    }
    c.status.elapsedMs = c.clock.isValid() ? c.clock.elapsed() : 0;
    if (c.session) {
        CatalogSession *session = c.session;
        c.session = nullptr;
        session->disconnect(this);
        session->cancel();
        session->deleteLater();
        --m_runningCount;
    }
    Q_EMIT catalogChanged(index);
    if (state != CatalogSearchStatus::State::Canceled) {
        startNext();
    }
}

void MultiCatalogSearch::merge(int index)
{
    Catalog &c = *m_catalogs[size_t(index)];
    if (!m_merged || c.merged >= c.store->size()) {
        return;
    }
    const int first = m_merged->size();
    const bool tag = catalogCount() > 1;
    for (; c.merged < c.store->size(); ++c.merged) {
        ItemRecord record = c.store->at(c.merged);
        const QByteArray json = c.store->rawJson(c.merged);
        m_merged->append(std::move(record), tag ? withCatalogProperty(json, c.status.source.name) : json, index);
    }
    if (m_merged->size() > first) {
        Q_EMIT mergedItemsAdded(first, m_merged->size() - first);
    }
}

QByteArray MultiCatalogSearch::withCatalogProperty(QByteArrayView json, const QString &catalog)
{
    // A scan for the top-level "properties" member (strings and nesting followed, so a
    // "properties" key inside another member or a string does not count).
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    qsizetype stringStart = -1;
    QByteArrayView lastString; // the last complete string at depth 1: a key when ':' follows
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char ch = json[i];
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (ch == '\\') {
                escaped = true;
            } else if (ch == '"') {
                inString = false;
                if (depth == 1) {
                    lastString = json.sliced(stringStart, i - stringStart);
                }
            }
            continue;
        }
        switch (ch) {
        case '"':
            inString = true;
            stringStart = i + 1;
            break;
        case '{':
        case '[':
            ++depth;
            break;
        case '}':
        case ']':
            --depth;
            break;
        case ':':
            if (depth == 1 && lastString == "properties") {
                qsizetype open = i + 1;
                while (open < json.size() && QChar::isSpace(uchar(json[open]))) {
                    ++open;
                }
                if (open >= json.size() || json[open] != '{') {
                    return json.toByteArray(); // null, or not an object
                }
                qsizetype next = open + 1;
                while (next < json.size() && QChar::isSpace(uchar(json[next]))) {
                    ++next;
                }
                const bool empty = next < json.size() && json[next] == '}';
                // The name as a JSON string, escaped by Qt's own writer.
                QByteArray name = QJsonDocument(QJsonArray { catalog }).toJson(QJsonDocument::Compact);
                name = name.mid(1, name.size() - 2);
                QByteArray out;
                out.reserve(json.size() + name.size() + 24);
                out.append(json.first(open + 1));
                out.append('"').append(kCatalogProperty.toUtf8()).append("\":").append(name);
                if (!empty) {
                    out.append(',');
                }
                out.append(json.sliced(open + 1));
                return out;
            }
            break;
        default:
            break;
        }
    }
    return json.toByteArray();
}

void MultiCatalogSearch::stopAll(bool announce)
{
    const bool wasRunning = m_running;
    m_running = false; // end() must not start the next ones
    for (int i = 0; i < catalogCount(); ++i) {
        if (!m_catalogs[size_t(i)]->status.isFinished()) {
            end(i, CatalogSearchStatus::State::Canceled,
                NetworkError::make(NetworkError::Kind::Canceled, tr("Canceled")));
        }
    }
    m_runningCount = 0;
    if (wasRunning && announce) {
        Q_EMIT finished();
    }
}

void MultiCatalogSearch::cancel()
{
    ++m_generation;
    stopAll(true);
}

} // namespace StacScope
