#pragma once

#include <QList>
#include <QString>

#include "src/providers/capella/capellatypes.h"
#include "ui/common/messagebar.h"

class QWidget;

namespace StacScope {

class CapellaSession;
class DownloadManager;
class OrderDownloadDialog;

// What the Orders dock and the Tasks dock's Capella page share once Capella has answered an
// order's presign request (GET /orders/{id}/download): the download dialog, and the queuing of
// what it chose.

// Opens the download dialog for the order's files (window-modal with open(), no nested event
// loop; deleted when closed), starting in the folder downloads went to last.
OrderDownloadDialog *openOrderDownloadDialog(
    const QString &orderId, const QList<CapellaPresignedItem> &items, QWidget *parent);

// What queuing came to, in words for the caller's message bar.
struct OrderQueueResult
{
    MessageBar::Level level = MessageBar::Level::Info;
    QString text;
    int files = 0; // how many were queued
    bool queued = false; // false: the account or the folder failed, nothing was planned
};

// Plans the dialog's choice (CapellaApi::planDownload: each task fetches the order's presign
// endpoint, so the session's UrlRefresher signs expired links again) into the dialog's folder,
// which it creates and remembers, and queues it.
OrderQueueResult queueOrderDownload(
    const OrderDownloadDialog &dialog, CapellaSession *session, DownloadManager *downloads);

} // namespace StacScope
