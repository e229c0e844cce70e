#include <memory>

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include "app/appcontext.h"
#include "app/startupprobe.h"
#include "src/auth/secretstore.h"
#include "ui/common/messagebar.h"
#include "ui/mainwindow.h"

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("StacScope"));
    QApplication::setOrganizationName(QStringLiteral("StacScope"));
    QApplication::setOrganizationDomain(QStringLiteral("stacscope.org"));
    QApplication::setApplicationVersion(QStringLiteral(STACSCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.stacscope.StacScope"));

    StacScope::AppContext context;
    StacScope::MainWindow window(context.network(), context.basemap());
    window.setDownloadManager(context.downloads());
    window.setAccountManager(context.accounts());
    window.setRequestMonitor(context.monitor());
    window.setAoiStore(context.aois());
    if (!context.storeError().isEmpty()) {
        window.messageBar()->showMessage(StacScope::MessageBar::Level::Warning,
            QApplication::translate("main",
                "The download queue will not survive a restart: its database "
                "could not be opened."),
            context.storeError());
    }
    std::unique_ptr<StacScope::StartupProbe> probe;
    if (QApplication::arguments().contains(QStringLiteral("--startup-benchmark"))) {
        probe = std::make_unique<StacScope::StartupProbe>(&window, sinceMain);
    }
    window.show();
    QTimer::singleShot(0, &window, &StacScope::MainWindow::start);
    // No keychain: say so once, after start() has chosen a catalog (which clears the bar).
    auto keychainWarning = [&window](const QString &reason) {
        window.messageBar()->showMessage(StacScope::MessageBar::Level::Warning,
            QApplication::translate("main", "No keychain answered: secrets are kept until StacScope quits."), reason);
        window.messageBar()->setAction(
            QApplication::translate("main", "Accounts..."), [&window] { window.openAccountsDialog(); });
    };
    if (!context.secrets()->isPersistent()) {
        QTimer::singleShot(
            0, &window, [keychainWarning, &context] { keychainWarning(context.secrets()->fallbackReason()); });
    } else {
        QObject::connect(context.secrets(), &StacScope::SecretStore::fallbackActivated, &window, keychainWarning,
            Qt::SingleShotConnection);
    }
    return app.exec();
}
