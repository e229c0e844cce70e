#include "ui/tasking/coveragepanel.h"

#include <cmath>

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QPalette>
#include <QPushButton>
#include <QTimeZone>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "src/geo/coveragejob.h"
#include "src/providers/multicatalogsearch.h"
#include "src/stac/itemstore.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString dateText(qint64 msecs)
{
    return msecs == Coverage::kNoTime
        ? QString()
        : QDateTime::fromMSecsSinceEpoch(msecs, QTimeZone::utc()).toString(u"yyyy-MM-dd"_s);
}

QString percent(double fraction)
{
    const double p = fraction * 100.0;
    // 99.6 % reads as 100 %, which it is not: keep a decimal near the ends.
    return (p > 0 && p < 1) || (p > 99 && p < 100) ? QString::number(p, 'f', 1) : QString::number(std::round(p));
}

} // namespace

CoveragePanel::CoveragePanel(const ItemStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_summary(new QLabel(this))
    , m_advice(new QLabel(this))
    , m_catalogs(new QLabel(this))
    , m_scenes(new QTreeWidget(this))
    , m_search(new QPushButton(tr("Search the catalog here"), this))
{
    auto *title = new QLabel(tr("<b>Archive or task?</b>"), this);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_advice->setWordWrap(true);
    m_catalogs->setWordWrap(true);
    m_catalogs->setTextFormat(Qt::PlainText);
    m_catalogs->setForegroundRole(QPalette::PlaceholderText);
    m_catalogs->hide();
    m_scenes->setColumnCount(4);
    m_scenes->setHeaderLabels({ tr("Scene"), tr("Date"), tr("Cloud"), tr("Catalog") });
    m_scenes->setRootIsDecorated(false);
    m_scenes->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_scenes->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_scenes->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_scenes->header()->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    m_scenes->setColumnHidden(3, true);
    m_scenes->setToolTip(tr("Click a scene to select it in the results (a scene of another catalog opens that "
                            "catalog over the target)"));
    m_search->setAutoDefault(false);
    m_search->setToolTip(tr("Search the current catalog over this target, then count again"));
    connect(m_scenes, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        const int catalog = item->data(0, Qt::UserRole + 1).toInt();
        const int row = item->data(0, Qt::UserRole).toInt();
        if (catalog < 0) {
            Q_EMIT sceneActivated(row);
        } else if (m_multi && catalog < m_multi->catalogCount()) {
            const ItemRecord &r = m_multi->results(catalog).at(row);
            Q_EMIT otherSceneActivated(m_multi->status(catalog).source, r.collection, r.id);
        }
    });
    connect(m_search, &QPushButton::clicked, this, &CoveragePanel::searchHereRequested);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_summary);
    layout->addWidget(m_advice);
    layout->addWidget(m_catalogs);
    layout->addWidget(m_scenes, 1);
    layout->addWidget(m_search);
}

CoveragePanel::~CoveragePanel() = default;

void CoveragePanel::setCatalogs(const ProviderRegistry *registry, NetworkClient *network,
    const QList<CatalogSource> &others, const QString &openName)
{
    m_others = others;
    m_openName = openName;
    if (!m_multi && registry) {
        m_multi = new MultiCatalogSearch(registry, network, this);
        connect(m_multi, &MultiCatalogSearch::catalogChanged, this, [this](int index) {
            showCatalogs();
            if (m_multi->status(index).isFinished()) {
                refresh(); // what it returned counts from now on
            }
        });
        connect(m_multi, &MultiCatalogSearch::finished, this, [this] {
            showCatalogs();
            Q_EMIT catalogsSearched();
        });
    }
}

bool CoveragePanel::isSearching() const
{
    return m_multi && m_multi->isRunning();
}

void CoveragePanel::setTarget(const Geometry &target)
{
    m_target = target;
    searchCatalogs();
    if (!m_multi) {
        refresh();
    }
}

void CoveragePanel::searchCatalogs()
{
    if (!m_multi) {
        return;
    }
    SearchParameters parameters;
    parameters.intersects = m_target;
    parameters.limit = 100;
    // No target, no other catalog: an empty run, so that nothing earlier counts.
    m_multi->start(m_target.isEmpty() ? QList<CatalogSource>() : m_others, parameters, MaxScenesPerCatalog);
    showCatalogs();
    refresh(); // the other catalogs' earlier answers no longer count
}

const ItemStore *CoveragePanel::storeOf(int catalog) const
{
    return catalog < 0 ? m_store : &m_multi->results(catalog);
}

QString CoveragePanel::catalogName(int catalog) const
{
    return catalog < 0 ? m_openName : m_multi->status(catalog).source.name;
}

void CoveragePanel::refresh()
{
    if (m_job) {
        m_job->cancel();
        m_job->deleteLater();
    }
    m_scenes->clear();
    m_advice->clear();
    if (m_target.isEmpty() || !m_store) {
        m_summary->setText(tr("No target."));
        Q_EMIT uncoveredChanged({});
        return;
    }
    m_summary->setText(tr("Counting the scenes over the target..."));
    // The current results keep their rows as indices; each other catalog's follow.
    std::vector<Coverage::Footprint> footprints = CoverageJob::footprintsFrom(*m_store, m_target);
    m_origins.assign(size_t(m_store->size()), Origin {});
    for (int i = 0; m_multi && i < m_multi->catalogCount(); ++i) {
        if (!m_multi->status(i).isFinished()) {
            continue; // counted when it has answered
        }
        const ItemStore &store = m_multi->results(i);
        const int base = int(m_origins.size());
        for (Coverage::Footprint &f : CoverageJob::footprintsFrom(store, m_target)) {
            f.index += base;
            footprints.push_back(std::move(f));
        }
        for (int row = 0; row < store.size(); ++row) {
            m_origins.push_back({ i, row });
        }
    }
    m_job = new CoverageJob(m_target, std::move(footprints), this);
    connect(m_job, &CoverageJob::finished, this, &CoveragePanel::onFinished);
}

void CoveragePanel::showCatalogs()
{
    if (!m_multi || m_multi->catalogCount() == 0) {
        m_catalogs->hide();
        m_scenes->setColumnHidden(3, true);
        return;
    }
    QStringList lines;
    lines.append(tr("%1: the current results").arg(m_openName));
    for (int i = 0; i < m_multi->catalogCount(); ++i) {
        const CatalogSearchStatus &s = m_multi->status(i);
        QString line;
        switch (s.state) {
        case CatalogSearchStatus::State::Waiting:
        case CatalogSearchStatus::State::Searching:
            line = tr("%1: searching...").arg(s.source.name);
            break;
        case CatalogSearchStatus::State::Done:
            line = s.returned == 1 ? tr("%1: 1 scene").arg(s.source.name)
                                   : tr("%1: %2 scenes").arg(s.source.name).arg(s.returned);
            if (s.matched > s.returned) {
                line += u' ' + tr("(the first %1 of %2)").arg(s.returned).arg(s.matched);
            }
            break;
        case CatalogSearchStatus::State::Failed:
            line = tr("%1: not searched, %2").arg(s.source.name, s.error.toString());
            break;
        case CatalogSearchStatus::State::Canceled:
            line = tr("%1: stopped").arg(s.source.name);
            break;
        }
        lines.append(line);
    }
    m_catalogs->setText(lines.join(u'\n'));
    m_catalogs->show();
    m_scenes->setColumnHidden(3, false);
}

void CoveragePanel::onFinished()
{
    CoverageJob *job = m_job;
    m_job = nullptr;
    job->deleteLater();
    m_result = job->result();
    show(m_result);
    Q_EMIT computed();
}

void CoveragePanel::show(const Coverage::Result &r)
{
    if (!r.isOk()) {
        m_summary->setText(tr("The coverage cannot be computed: %1").arg(r.errorString()));
        Q_EMIT uncoveredChanged({});
        return;
    }
    const bool point = m_target.type() == GeometryType::Point;
    QStringList lines;
    const bool several = m_multi && m_multi->catalogCount() > 0;
    if (r.sceneCount == 0) {
        lines.append(several ? tr("No scene of your catalogs covers this target.")
                             : tr("No scene of the current results covers this target."));
    } else if (point) {
        lines.append(
            r.sceneCount == 1 ? tr("1 scene covers this point.") : tr("%1 scenes cover this point.").arg(r.sceneCount));
    } else {
        const int decimals = r.targetAreaKm2 < 10 ? 2 : 0;
        const QString covered = QString::number(r.coveredAreaKm2, 'f', decimals);
        const QString total = QString::number(r.targetAreaKm2, 'f', decimals);
        lines.append(r.sceneCount == 1
                ? tr("1 scene covers %1 % of the target (%2 of %3 km²).")
                      .arg(percent(r.coveredFraction), covered, total)
                : tr("%1 scenes cover %2 % of the target (%3 of %4 km²).")
                      .arg(QString::number(r.sceneCount), percent(r.coveredFraction), covered, total));
    }
    const auto idOf = [this](int index) {
        const Origin o = m_origins.at(size_t(index));
        const QString id = storeOf(o.catalog)->at(o.catalog < 0 ? index : o.row).id;
        return o.catalog < 0 ? id : tr("%1, in %2").arg(id, catalogName(o.catalog));
    };
    if (r.newestIndex >= 0) {
        lines.append(tr("Newest: %1 (%2).").arg(dateText(r.newestDatetime), idOf(r.newestIndex)));
    }
    if (r.leastCloudIndex >= 0) {
        lines.append(tr("Least cloud: %1 % on %2 (%3).")
                         .arg(QString::number(double(r.leastCloudCover), 'f', 1), dateText(r.leastCloudDatetime),
                             idOf(r.leastCloudIndex)));
    }
    if (r.skippedCount > 0) {
        lines.append(tr("%1 footprints could not be read and were left out.").arg(r.skippedCount));
    }
    m_summary->setText(lines.join(u'\n'));
    if (r.sceneCount == 0) {
        m_advice->setText(several ? tr("Search the catalog here with other dates or filters, or task: nothing "
                                       "found shows this place.")
                                  : tr("Search the catalog here first, or task: nothing in the results shows this "
                                       "place."));
    } else if (r.coveredFraction >= 0.999) {
        m_advice->setText(point ? tr("The archive has this point: an order may do instead of a task.")
                                : tr("The archive covers the whole target: an order may do instead of a task."));
    } else {
        m_advice->setText(tr("%1 % of the target has no scene (hatched on the map): that part needs tasking.")
                              .arg(percent(1.0 - r.coveredFraction)));
    }
    for (int index : r.sceneIndices) {
        const Origin o = m_origins.at(size_t(index));
        const int row = o.catalog < 0 ? index : o.row;
        const ItemRecord &item = storeOf(o.catalog)->at(row);
        auto *entry = new QTreeWidgetItem(m_scenes,
            { item.id, dateText(item.datetime),
                ItemRecord::isSet(item.cloudCover) ? QString::number(double(item.cloudCover), 'f', 1) + u" %"_s
                                                   : QString(),
                catalogName(o.catalog) });
        entry->setData(0, Qt::UserRole, row);
        entry->setData(0, Qt::UserRole + 1, o.catalog);
        entry->setToolTip(0, catalogName(o.catalog) + u": "_s + item.collection + u" / "_s + item.id);
    }
    m_scenes->sortItems(1, Qt::DescendingOrder);
    Q_EMIT uncoveredChanged(point ? Geometry() : r.uncovered);
}

} // namespace StacScope
