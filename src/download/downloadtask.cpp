#include "src/download/downloadtask.h"

#include <QCoreApplication>

namespace StacScope {

QString downloadStateName(DownloadState state)
{
    switch (state) {
    case DownloadState::Queued:
        return QCoreApplication::translate("StacScope::DownloadTask", "Queued");
    case DownloadState::Connecting:
        return QCoreApplication::translate("StacScope::DownloadTask", "Connecting");
    case DownloadState::Downloading:
        return QCoreApplication::translate("StacScope::DownloadTask", "Downloading");
    case DownloadState::Verifying:
        return QCoreApplication::translate("StacScope::DownloadTask", "Verifying");
    case DownloadState::Completed:
        return QCoreApplication::translate("StacScope::DownloadTask", "Completed");
    case DownloadState::Paused:
        return QCoreApplication::translate("StacScope::DownloadTask", "Paused");
    case DownloadState::Failed:
        return QCoreApplication::translate("StacScope::DownloadTask", "Failed");
    case DownloadState::Canceled:
        return QCoreApplication::translate("StacScope::DownloadTask", "Canceled");
    }
    return {};
}

} // namespace StacScope
