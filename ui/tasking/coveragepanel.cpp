#include "ui/tasking/coveragepanel.h"

#include <cmath>

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTimeZone>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "src/geo/coveragejob.h"
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
    , m_scenes(new QTreeWidget(this))
    , m_search(new QPushButton(tr("Search the catalog here"), this))
{
    auto *title = new QLabel(tr("<b>Archive or task?</b>"), this);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_advice->setWordWrap(true);
    m_scenes->setColumnCount(3);
    m_scenes->setHeaderLabels({ tr("Scene"), tr("Date"), tr("Cloud") });
    m_scenes->setRootIsDecorated(false);
    m_scenes->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_scenes->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_scenes->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_scenes->setToolTip(tr("Click a scene to select it in the results"));
    m_search->setAutoDefault(false);
    m_search->setToolTip(tr("Search the current catalog over this target, then count again"));
    connect(m_scenes, &QTreeWidget::itemClicked, this,
        [this](QTreeWidgetItem *item) { Q_EMIT sceneActivated(item->data(0, Qt::UserRole).toInt()); });
    connect(m_search, &QPushButton::clicked, this, &CoveragePanel::searchHereRequested);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_summary);
    layout->addWidget(m_advice);
    layout->addWidget(m_scenes, 1);
    layout->addWidget(m_search);
}

CoveragePanel::~CoveragePanel() = default;

void CoveragePanel::setTarget(const Geometry &target)
{
    m_target = target;
    refresh();
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
    m_summary->setText(tr("Counting the scenes of the current results over the target..."));
    m_job = new CoverageJob(m_target, CoverageJob::footprintsFrom(*m_store, m_target), this);
    connect(m_job, &CoverageJob::finished, this, &CoveragePanel::onFinished);
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
    if (r.sceneCount == 0) {
        lines.append(tr("No scene of the current results covers this target."));
    } else if (point) {
        lines.append(r.sceneCount == 1 ? tr("1 scene of the current results covers this point.")
                                       : tr("%1 scenes of the current results cover this point.").arg(r.sceneCount));
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
    if (r.newestIndex >= 0) {
        lines.append(tr("Newest: %1 (%2).").arg(dateText(r.newestDatetime), m_store->at(r.newestIndex).id));
    }
    if (r.leastCloudIndex >= 0) {
        lines.append(tr("Least cloud: %1 % on %2 (%3).")
                         .arg(QString::number(double(r.leastCloudCover), 'f', 1), dateText(r.leastCloudDatetime),
                             m_store->at(r.leastCloudIndex).id));
    }
    if (r.skippedCount > 0) {
        lines.append(tr("%1 footprints could not be read and were left out.").arg(r.skippedCount));
    }
    m_summary->setText(lines.join(u'\n'));
    if (r.sceneCount == 0) {
        m_advice->setText(tr("Search the catalog here first, or task: nothing in the results shows this place."));
    } else if (r.coveredFraction >= 0.999) {
        m_advice->setText(point ? tr("The archive has this point: an order may do instead of a task.")
                                : tr("The archive covers the whole target: an order may do instead of a task."));
    } else {
        m_advice->setText(tr("%1 % of the target has no scene (hatched on the map): that part needs tasking.")
                              .arg(percent(1.0 - r.coveredFraction)));
    }
    for (int row : r.sceneIndices) {
        const ItemRecord &item = m_store->at(row);
        auto *entry = new QTreeWidgetItem(m_scenes,
            { item.id, dateText(item.datetime),
                ItemRecord::isSet(item.cloudCover) ? QString::number(double(item.cloudCover), 'f', 1) + u" %"_s
                                                   : QString() });
        entry->setData(0, Qt::UserRole, row);
        entry->setToolTip(0, item.collection + u" / "_s + item.id);
    }
    m_scenes->sortItems(1, Qt::DescendingOrder);
    Q_EMIT uncoveredChanged(point ? Geometry() : r.uncovered);
}

} // namespace StacScope
