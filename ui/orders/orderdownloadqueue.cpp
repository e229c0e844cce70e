#include "ui/orders/orderdownloadqueue.h"

#include <QDir>

#include "src/download/downloadmanager.h"
#include "src/providers/capella/capellaapi.h"
#include "src/providers/capella/capellaclient.h"
#include "src/providers/capella/capellasession.h"
#include "ui/downloads/downloaddialog.h"
#include "ui/orders/orderdownloaddialog.h"

namespace StacScope {

OrderDownloadDialog *openOrderDownloadDialog(
    const QString &orderId, const QList<CapellaPresignedItem> &items, QWidget *parent)
{
    auto *dialog = new OrderDownloadDialog(orderId, items, DownloadDialog::defaultDirectory(), parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // open(), not exec(): no nested event loop on the GUI thread.
    dialog->open();
    return dialog;
}

OrderQueueResult queueOrderDownload(
    const OrderDownloadDialog &dialog, CapellaSession *session, DownloadManager *downloads)
{
    OrderQueueResult result;
    if (!session || !downloads) {
        result.level = MessageBar::Level::Error;
        result.text = OrderDownloadDialog::tr("The Capella account was closed: nothing was queued.");
        return result;
    }
    const QString directory = dialog.directory();
    if (!QDir().mkpath(directory)) {
        result.level = MessageBar::Level::Error;
        result.text
            = OrderDownloadDialog::tr("The folder %1 cannot be created.").arg(QDir::toNativeSeparators(directory));
        return result;
    }
    DownloadDialog::rememberDirectory(directory);
    result.queued = true;
    const QString orderId = dialog.orderId();
    const QList<DownloadTask> tasks = CapellaApi::planDownload(dialog.items(), orderId, session->client()->apiUrl(),
        QDir(directory).absolutePath(), dialog.filter(), session->sourceId());
    if (tasks.isEmpty()) {
        result.level = MessageBar::Level::Warning;
        result.text = OrderDownloadDialog::tr("Nothing of order %1 matches the product types and asset keys chosen.")
                          .arg(orderId);
        return result;
    }
    downloads->enqueue(tasks);
    result.files = int(tasks.size());
    result.text = tasks.size() == 1
        ? OrderDownloadDialog::tr("Queued 1 file of order %1 in Downloads.").arg(orderId)
        : OrderDownloadDialog::tr("Queued %1 files of order %2 in Downloads.").arg(tasks.size()).arg(orderId);
    return result;
}

} // namespace StacScope
