// CapellaTasksPanel, part 3: "Download products..." of a tasking request or of some of its
// collects, as seed 003's download_products(tasking_request_id=... | collect_id=...): the
// products (CapellaCollectProductsJob), an active order that already holds them all
// (CapellaActiveOrderJob) or else the order review dialog, whose Submit alone orders; then the
// order's files (GET /orders/{id}/download), the download dialog, and the queue. Each step is a
// job or a window-modal dialog: the GUI thread never waits.
#include <algorithm>

#include <QItemSelectionModel>
#include <QPushButton>
#include <QTreeView>

#include "src/download/downloadmanager.h"
#include "src/providers/capella/capellaapi.h"
#include "src/providers/capella/capellaclient.h"
#include "src/providers/capella/capellasession.h"
#include "ui/common/messagebar.h"
#include "ui/orders/orderdownloaddialog.h"
#include "ui/orders/orderdownloadqueue.h"
#include "ui/orders/orderreviewdialog.h"
#include "ui/tasks/capellacollectsmodel.h"
#include "ui/tasks/capellarequestsmodel.h"
#include "ui/tasks/capellataskspanel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString productsText(int n)
{
    return n == 1 ? CapellaTasksPanel::tr("1 product") : CapellaTasksPanel::tr("%1 products").arg(n);
}

// Why there is nothing to download yet, from the collects' statuses.
QString nothingYet(const QString &what, const QList<CapellaCollect> &collects)
{
    if (collects.isEmpty()) {
        return CapellaTasksPanel::tr("Nothing to download yet from %1: it has no collects. Capella plans them once "
                                     "the request is accepted.")
            .arg(what);
    }
    int delivered = 0;
    QStringList statuses;
    for (const CapellaCollect &c : collects) {
        delivered += c.status() == u"delivered"_s ? 1 : 0;
        const QString text = CapellaCollectsModel::statusText(c.status());
        if (!text.isEmpty() && !statuses.contains(text)) {
            statuses.append(text);
        }
    }
    if (delivered == 0) {
        return CapellaTasksPanel::tr("Nothing to download yet from %1: no collect is delivered (status: %2). Capella "
                                     "adds a collect's products to its catalog once it is delivered.")
            .arg(what, statuses.isEmpty() ? CapellaTasksPanel::tr("unknown") : statuses.join(u", "_s));
    }
    return CapellaTasksPanel::tr("Nothing to download yet from %1: Capella's catalog lists no products of its "
                                 "delivered collects yet. Try again later.")
        .arg(what);
}

} // namespace

void CapellaTasksPanel::setDownloadManager(DownloadManager *downloads)
{
    m_downloads = downloads;
    updateActions();
}

bool CapellaTasksPanel::isDownloadBusy() const
{
    return m_downloadJob || m_downloadWaitingForUser || m_reviewDialog || m_downloadDialog;
}

OrderReviewDialog *CapellaTasksPanel::reviewDialog() const
{
    return m_reviewDialog;
}

OrderDownloadDialog *CapellaTasksPanel::downloadDialog() const
{
    return m_downloadDialog;
}

QStringList CapellaTasksPanel::selectedCollectIds() const
{
    QModelIndexList rows = m_collectsView->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    QStringList ids;
    for (const QModelIndex &row : std::as_const(rows)) {
        ids.append(row.data(CapellaCollectsModel::CollectIdRole).toString());
    }
    return ids;
}

void CapellaTasksPanel::downloadRequestProducts()
{
    const QList<CapellaRequest> chosen = selectedRequests();
    if (chosen.size() != 1 || chosen.first().kind != CapellaRequest::Kind::Tasking || !m_session || !m_downloads
        || isDownloadBusy() || m_confirmation || m_editDialog) {
        return;
    }
    const CapellaRequest &r = chosen.first();
    startProducts(r.id, {}, tr("the tasking request \"%1\"").arg(r.name.isEmpty() ? r.id : r.name));
}

void CapellaTasksPanel::downloadCollectProducts()
{
    QModelIndexList rows = m_collectsView->selectionModel()->selectedRows();
    if (rows.isEmpty() || !m_session || !m_downloads || isDownloadBusy() || m_confirmation || m_editDialog) {
        return;
    }
    std::sort(rows.begin(), rows.end());
    QList<CapellaCollect> collects;
    for (const QModelIndex &row : std::as_const(rows)) {
        collects.append(m_collects->collect(row.row()));
    }
    startProducts({}, collects,
        collects.size() == 1 ? tr("the collect %1").arg(collects.first().id)
                             : tr("the %1 selected collects").arg(collects.size()));
}

void CapellaTasksPanel::startProducts(
    const QString &taskingRequestId, const QList<CapellaCollect> &collects, const QString &what)
{
    CapellaSession *s = m_session;
    if (!s) {
        return;
    }
    QStringList ids;
    for (const CapellaCollect &c : collects) {
        ids.append(c.id);
    }
    // Every product type, as download_products does without product_types.
    auto *job = new CapellaCollectProductsJob(s->client(), taskingRequestId, ids, {}, s->client());
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    const int generation = ++m_downloadGeneration;
    connect(job, &StacJob::finished, this, [this, job, collects, what, generation] {
        if (generation == m_downloadGeneration) {
            onProductsFound(job, collects, what);
        }
    });
    m_downloadJob = job;
    m_messages->showMessage(MessageBar::Level::Info, tr("Looking for the products of %1...").arg(what));
    updateActions();
}

void CapellaTasksPanel::onProductsFound(
    CapellaCollectProductsJob *job, const QList<CapellaCollect> &chosen, const QString &what)
{
    m_downloadJob = nullptr;
    if (!job->isOk()) {
        stopDownload(job->error(), tr("The products of %1 could not be found").arg(what));
        return;
    }
    if (job->granules().isEmpty()) {
        // A request's collects come with the job; chosen collects are as the Collects tab shows them.
        m_messages->showMessage(MessageBar::Level::Info, nothingYet(what, chosen.isEmpty() ? job->collects() : chosen));
        updateActions();
        Q_EMIT downloadStopped();
        return;
    }
    findActiveOrder(job->granules(), what);
}

void CapellaTasksPanel::findActiveOrder(const QList<CapellaGranule> &granules, const QString &what)
{
    CapellaSession *s = m_session;
    if (!s) {
        return;
    }
    const int generation = m_downloadGeneration;
    m_downloadWaitingForUser = true;
    m_messages->showMessage(MessageBar::Level::Info,
        tr("Found %1 of %2; looking for an active order that holds them...")
            .arg(productsText(int(granules.size())), what));
    updateActions();
    // Orders are listed by user id, which GET /user names.
    s->withUser(this, [this, granules, what, generation](const NetworkError &error) {
        if (generation != m_downloadGeneration) {
            return;
        }
        m_downloadWaitingForUser = false;
        CapellaSession *s = m_session;
        if (error.isError() || !s) {
            stopDownload(error, tr("Your orders could not be listed"));
            return;
        }
        auto *job = new CapellaActiveOrderJob(s->client(), s->userId(), granules, s->client());
        connect(job, &StacJob::finished, job, &QObject::deleteLater);
        connect(job, &StacJob::finished, this, [this, job, granules, what, generation] {
            if (generation != m_downloadGeneration) {
                return;
            }
            m_downloadJob = nullptr;
            if (!job->isOk()) {
                stopDownload(job->error(), tr("Your orders could not be listed"));
            } else if (job->order()) {
                // Nothing new is ordered: its files are downloaded from the order that has them.
                presignOrder(job->order()->id,
                    tr("The active order %1 already holds the %2 of %3: nothing new is ordered.")
                        .arg(job->order()->id, productsText(int(granules.size())), what));
            } else {
                openReview(granules, what);
            }
        });
        m_downloadJob = job;
        updateActions();
    });
}

void CapellaTasksPanel::openReview(const QList<CapellaGranule> &granules, const QString &what)
{
    CapellaSession *s = m_session;
    if (!s) {
        updateActions();
        return;
    }
    // The review dialog prices the order and orders only on its Submit, once.
    auto *dialog = new OrderReviewDialog(s, granules, {}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const int generation = m_downloadGeneration;
    connect(dialog, &OrderReviewDialog::orderPlaced, this, [this, dialog, what, generation](const CapellaOrder &order) {
        if (generation != m_downloadGeneration) {
            return;
        }
        presignOrder(order.id,
            dialog->reusedActiveOrder()
                ? tr("The active order %1 already holds the products of %2: nothing new was ordered.")
                      .arg(order.id, what)
                : tr("Order %1 placed for the products of %2.").arg(order.id, what));
        // Its result is in the message bar; the download dialog comes next.
        dialog->accept();
    });
    connect(dialog, &OrderReviewDialog::orderUncertain, this, [this, what] {
        m_messages->showMessage(MessageBar::Level::Warning,
            tr("The order for the products of %1 may have been placed: Capella's answer did not arrive. The Orders "
               "dock tells whether it was; check it before ordering again.")
                .arg(what));
    });
    connect(dialog, &QDialog::finished, this, [this, dialog, what] {
        m_reviewDialog = nullptr;
        const OrderReviewDialog::State state = dialog->state();
        if (state == OrderReviewDialog::State::Failed) {
            m_messages->showMessage(MessageBar::Level::Error,
                tr("The order for the products of %1 was not placed; the review dialog said why.").arg(what));
        } else if (state != OrderReviewDialog::State::Placed && state != OrderReviewDialog::State::Uncertain) {
            m_messages->showMessage(MessageBar::Level::Info, tr("Nothing was ordered for %1.").arg(what));
        }
        if (state != OrderReviewDialog::State::Placed) {
            Q_EMIT downloadStopped();
        }
        updateActions();
    });
    m_reviewDialog = dialog;
    m_messages->showMessage(MessageBar::Level::Info,
        tr("No active order holds the %1 of %2: they are ordered only if you submit the order.")
            .arg(productsText(int(granules.size())), what));
    // open(), not exec(): window-modal, and no nested event loop on the GUI thread.
    dialog->open();
    updateActions();
    Q_EMIT reviewDialogOpened(dialog);
}

void CapellaTasksPanel::presignOrder(const QString &orderId, const QString &lead)
{
    CapellaSession *s = m_session;
    if (!s) {
        updateActions();
        return;
    }
    // The files and their presigned links: GET /orders/{id}/download.
    JsonCallJob *job = s->client()->presign(orderId);
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    const int generation = m_downloadGeneration;
    connect(job, &StacJob::finished, this, [this, job, orderId, lead, generation] {
        if (generation != m_downloadGeneration) {
            return;
        }
        m_downloadJob = nullptr;
        if (!job->isOk()) {
            stopDownload(job->error(), tr("The files of order %1 could not be listed").arg(orderId));
            return;
        }
        const QList<CapellaPresignedItem> items = CapellaApi::parsePresigned(job->array());
        if (items.isEmpty()) {
            m_messages->showMessage(
                MessageBar::Level::Warning, tr("Order %1 offers no files to download yet.").arg(orderId));
            updateActions();
            Q_EMIT downloadStopped();
            return;
        }
        if (lead.isEmpty()) {
            m_messages->hide();
        } else {
            m_messages->showMessage(MessageBar::Level::Info, lead);
        }
        OrderDownloadDialog *dialog = openOrderDownloadDialog(orderId, items, this);
        connect(dialog, &QDialog::accepted, this, [this, dialog, generation] {
            if (generation != m_downloadGeneration) {
                return;
            }
            const OrderQueueResult result = queueOrderDownload(*dialog, m_session, m_downloads);
            m_messages->showMessage(result.level, result.text);
            if (result.queued) {
                Q_EMIT downloadQueued(result.files);
            }
        });
        connect(dialog, &QDialog::finished, this, [this] {
            m_downloadDialog = nullptr;
            updateActions();
        });
        m_downloadDialog = dialog;
        updateActions();
        Q_EMIT downloadDialogOpened(dialog);
    });
    m_downloadJob = job;
    m_messages->showMessage(MessageBar::Level::Info,
        (lead.isEmpty() ? QString() : lead + u' ') + tr("Asking Capella for the files of order %1...").arg(orderId));
    updateActions();
}

void CapellaTasksPanel::stopDownload(const NetworkError &error, const QString &what)
{
    showProblem(error, what);
    updateActions();
    Q_EMIT downloadStopped();
}

void CapellaTasksPanel::cancelDownload()
{
    // Only reads are stopped; an order on its way belongs to the account's client.
    ++m_downloadGeneration;
    m_downloadWaitingForUser = false;
    if (m_downloadJob) {
        m_downloadJob->disconnect(this);
        m_downloadJob->cancel();
    }
    m_downloadJob = nullptr;
    if (m_reviewDialog) {
        m_reviewDialog->disconnect(this);
        m_reviewDialog->reject();
    }
    m_reviewDialog = nullptr;
    if (m_downloadDialog) {
        m_downloadDialog->disconnect(this);
        m_downloadDialog->reject();
    }
    m_downloadDialog = nullptr;
}

void CapellaTasksPanel::updateDownloadActions()
{
    const bool can = m_session && m_downloads && !isDownloadBusy() && !m_confirmation && !m_editDialog;
    const QList<CapellaRequest> chosen = selectedRequests();
    const bool oneTasking = chosen.size() == 1 && chosen.first().kind == CapellaRequest::Kind::Tasking;
    m_downloadRequest->setEnabled(can && oneTasking);
    if (!oneTasking) {
        m_downloadRequest->setToolTip(tr("Select one tasking request to download the products of its collects"));
    } else if (chosen.first().status() == u"completed"_s) {
        m_downloadRequest->setToolTip(tr("Download the products of the request's collects; they are ordered first "
                                         "(after you review the order) unless an active order holds them"));
    } else {
        m_downloadRequest->setToolTip(tr("The request has not completed: only the products of collects already "
                                         "delivered can be downloaded"));
    }
    const bool collects = !m_collectsView->selectionModel()->selectedRows().isEmpty();
    m_downloadCollects->setEnabled(can && collects);
    m_downloadCollects->setToolTip(collects
            ? tr("Download the products of the selected collects; they are ordered first (after you review the "
                 "order) unless an active order holds them")
            : tr("Select delivered collects to download their products"));
}

} // namespace StacScope
