#include "ui/up42/up42orderdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "src/providers/up42/up42client.h"
#include "src/providers/up42/up42provider.h"
#include "src/tasking/up42poller.h"

using namespace Qt::StringLiterals;

namespace StacScope {

Up42OrderDialog::Up42OrderDialog(Up42Session *session, const QList<Scene> &scenes, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_accountId(session ? session->account().id : QString())
    , m_sceneList(scenes)
    , m_product(new QComboBox(this))
    , m_name(new QLineEdit(this))
    , m_tags(new QLineEdit(this))
    , m_scenes(new QTreeWidget(this))
    , m_total(new QLabel(this))
    , m_result(new QLabel(this))
    , m_estimateButton(new QPushButton(tr("Estimate again"), this))
    , m_order(new QPushButton(tr("Order"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setWindowTitle(tr("Order from UP42"));
    setObjectName(u"up42OrderDialog"_s);
    m_name->setText(scenes.size() == 1 ? tr("%1 scene %2").arg(scenes.first().collection, scenes.first().id)
                                       : tr("%1 scenes").arg(scenes.size()));
    m_tags->setPlaceholderText(tr("Tags, separated by commas (optional)"));
    m_scenes->setColumnCount(4);
    m_scenes->setHeaderLabels({ tr("Scene"), tr("Collection"), tr("Acquired"), tr("Credits") });
    m_scenes->setRootIsDecorated(false);
    m_scenes->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 4; ++c) {
        m_scenes->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    }
    for (const Scene &s : scenes) {
        auto *item = new QTreeWidgetItem(m_scenes, { s.id, s.collection, s.title, QString() });
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_total->setWordWrap(true);
    m_result->setWordWrap(true);
    m_result->hide();
    auto *form = new QFormLayout;
    form->addRow(tr("Data product"), m_product);
    form->addRow(tr("Order name"), m_name);
    form->addRow(tr("Tags"), m_tags);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_estimateButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_order, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    // Enter never orders: Cancel is the default, Order never is.
    m_cancel->setDefault(true);
    m_order->setAutoDefault(false);
    m_estimateButton->setAutoDefault(false);
    m_order->setEnabled(false);
    connect(m_order, &QPushButton::clicked, this, &Up42OrderDialog::place);
    connect(m_estimateButton, &QPushButton::clicked, this, &Up42OrderDialog::startEstimate);
    connect(m_cancel, &QPushButton::clicked, this, &Up42OrderDialog::reject);
    // Another product, name or tags: the estimate is for what will be sent, so it is asked again.
    connect(m_product, &QComboBox::currentIndexChanged, this, [this] {
        if (m_state == State::Ready || m_state == State::EstimateFailed) {
            startEstimate();
        }
    });
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_scenes, 1);
    layout->addWidget(m_total);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    resize(720, 420);
    loadProducts();
}

Up42OrderDialog::~Up42OrderDialog() = default;

void Up42OrderDialog::setState(State state)
{
    m_state = state;
    m_order->setEnabled(state == State::Ready);
    m_estimateButton->setEnabled(state == State::Ready || state == State::EstimateFailed);
    m_product->setEnabled(state == State::Ready || state == State::EstimateFailed);
    const bool done = state == State::Placed || state == State::Failed || state == State::Uncertain;
    m_cancel->setText(done ? tr("Close") : tr("Cancel"));
}

void Up42OrderDialog::loadProducts()
{
    setState(State::Loading);
    m_total->setText(tr("Looking up the data products of these scenes..."));
    if (!m_session || m_sceneList.isEmpty()) {
        m_total->setText(tr("Nothing to order."));
        setState(State::EstimateFailed);
        return;
    }
    Up42PagedJob *job = m_session->client()->collections();
    connect(job, &StacJob::finished, this, [this, job] {
        job->deleteLater();
        if (!job->isOk()) {
            m_total->setText(tr("UP42's data products could not be listed: %1").arg(Up42Api::explain(job->error())));
            setState(State::EstimateFailed);
            return;
        }
        const QString collection = m_sceneList.first().collection;
        for (const QJsonValue &v : job->items()) {
            for (const Up42Api::DataProduct &p : Up42Api::parseDataProducts(v.toObject())) {
                if (p.collection == collection) {
                    m_product->addItem(p.title.isEmpty() ? p.name : p.title, p.id);
                }
            }
        }
        if (m_product->count() == 0) {
            m_total->setText(
                tr("UP42 lists no data product for collection %1: it cannot be ordered here.").arg(collection));
            setState(State::EstimateFailed);
            return;
        }
        startEstimate();
    });
}

QJsonObject Up42OrderDialog::payload(int index) const
{
    const Scene &scene = m_sceneList.at(index);
    QStringList tags;
    for (const QString &t : m_tags->text().split(u',', Qt::SkipEmptyParts)) {
        if (!t.trimmed().isEmpty()) {
            tags.append(t.trimmed());
        }
    }
    // The scene goes in params (its key from the data product's schema: "id"), its area in the
    // feature collection (notes §4).
    return Up42Api::orderPayload(m_product->currentData().toString(), m_name->text().trimmed(),
        QJsonObject { { u"id"_s, scene.id } },
        QJsonArray { QJsonObject { { u"type"_s, u"Feature"_s }, { u"geometry"_s, scene.geometry } } }, tags);
}

void Up42OrderDialog::startEstimate()
{
    if (!m_session || m_product->count() == 0) {
        return;
    }
    if (m_estimateJob) {
        m_estimateJob->disconnect(this);
        m_estimateJob->cancel();
    }
    setState(State::Estimating);
    m_total->setText(tr("Asking UP42 for the price in credits..."));
    m_estimate = {};
    m_estimate.totalCredits = 0;
    m_refused.clear();
    estimateNext(0);
}

void Up42OrderDialog::estimateNext(int index)
{
    if (index >= m_sceneList.size()) {
        finishEstimate();
        return;
    }
    JsonCallJob *job = m_session->client()->estimate(payload(index));
    m_estimateJob = job;
    connect(job, &StacJob::finished, this, [this, job, index] {
        job->deleteLater();
        m_estimateJob = nullptr;
        QTreeWidgetItem *item = m_scenes->topLevelItem(index);
        if (!job->isOk()) {
            m_total->setText(tr("UP42 did not estimate the order: %1").arg(Up42Api::explain(job->error())));
            setState(State::EstimateFailed);
            Q_EMIT estimated();
            return;
        }
        const Up42Estimate e = Up42Api::parseEstimate(job->json());
        for (const Up42Estimate::Problem &p : e.errors) {
            m_refused.append(tr("%1: %2").arg(m_sceneList.at(index).id, p.details.isEmpty() ? p.message : p.details));
            if (item) {
                item->setText(3, tr("refused"));
                item->setToolTip(3, p.details);
            }
        }
        if (e.errors.isEmpty() && e.totalCredits >= 0) {
            m_estimate.totalCredits += e.totalCredits;
            m_estimate.totalSize += e.totalSize;
            m_estimate.unit = e.unit;
            m_estimate.lines.append({ index, e.totalCredits, e.totalSize, e.unit });
            if (item) {
                item->setText(3, Up42Poller::creditsText(e.totalCredits));
            }
        }
        estimateNext(index + 1);
    });
}

void Up42OrderDialog::finishEstimate()
{
    if (!m_refused.isEmpty()) {
        m_total->setText(tr("UP42 would not order every scene:\n%1").arg(m_refused.join(u'\n')));
        setState(State::EstimateFailed);
        Q_EMIT estimated();
        return;
    }
    const QString credits = Up42Poller::creditsText(m_estimate.totalCredits);
    m_order->setText(tr("Order for %1").arg(credits));
    m_total->setText(m_sceneList.size() == 1
            ? tr("UP42 charges %1 for this scene. Nothing is ordered until you click \"%2\".")
                  .arg(credits, m_order->text())
            : tr("UP42 charges %1 for these %2 scenes, one order each. Nothing is ordered until you click \"%3\".")
                  .arg(credits)
                  .arg(m_sceneList.size())
                  .arg(m_order->text()));
    setState(State::Ready);
    Q_EMIT estimated();
}

void Up42OrderDialog::place()
{
    if (m_state != State::Ready || !m_session) {
        return;
    }
    setState(State::Placing); // disabled at once: a double click orders once
    m_total->setText(tr("Placing the order..."));
    placeNext(0);
}

void Up42OrderDialog::placeNext(int index)
{
    if (index >= m_sceneList.size()) {
        m_result->show();
        m_result->setText((m_placed.size() == 1 ? tr("Order %1 placed.").arg(m_placed.first())
                                                : tr("%1 orders placed.").arg(m_placed.size()))
            + u' '
            + tr("They are followed in the Monitor; their files can be downloaded from there or from the UP42 "
                 "storage view once delivered."));
        setState(State::Placed);
        Q_EMIT ordersPlaced(m_placed);
        Q_EMIT placeFinished();
        return;
    }
    JsonCallJob *job = m_session->client()->placeOrder(m_session->workspaceId(), payload(index)); // sent once
    m_placeJob = job;
    connect(job, &StacJob::finished, this, [this, job, index] {
        job->deleteLater();
        m_placeJob = nullptr;
        const NetworkError &error = job->error();
        const Up42Placement placement = job->isOk() ? Up42Api::parsePlacement(job->json()) : Up42Placement {};
        for (const Up42Placement::Placed &p : placement.placed) {
            m_placed.append(p.orderId);
        }
        if (job->isOk() && !placement.placed.isEmpty()) {
            placeNext(index + 1);
            return;
        }
        // Stop here: nothing more is sent.
        m_result->show();
        const QString before = m_placed.isEmpty() ? QString()
                                                  : u' '
                + (m_placed.size() == 1 ? tr("1 order was placed before this one.")
                                        : tr("%1 orders were placed before this one.").arg(m_placed.size()));
        if (!job->isOk() && (error.kind == NetworkError::Kind::Network || error.kind == NetworkError::Kind::Timeout)) {
            m_result->setText(tr("No answer came back from UP42 for %1: that order may have been placed. The UP42 "
                                 "storage view lists your orders; nothing is sent again from here.")
                                  .arg(m_sceneList.at(index).id)
                + before);
            setState(State::Uncertain);
            Q_EMIT orderUncertain();
        } else {
            const QString why = !job->isOk() ? Up42Api::explain(error)
                : placement.errors.isEmpty() ? tr("no order was created")
                                             : placement.errors.first().details;
            m_result->setText(tr("UP42 refused the order of %1: %2").arg(m_sceneList.at(index).id, why) + before);
            setState(State::Failed);
        }
        if (!m_placed.isEmpty()) {
            Q_EMIT ordersPlaced(m_placed);
        }
        Q_EMIT placeFinished();
    });
}

void Up42OrderDialog::reject()
{
    if (m_state == State::Placing) {
        return; // its fate is told when the answer comes
    }
    if (m_estimateJob) {
        m_estimateJob->disconnect(this);
        m_estimateJob->cancel();
    }
    QDialog::reject();
}

} // namespace StacScope
