#include <memory>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QIcon>
#include <QTimer>

#include "app/appcontext.h"
#include "app/installcheck.h"
#include "app/startupprobe.h"
#include "src/auth/secretstore.h"
#include "ui/common/messagebar.h"
#include "ui/mainwindow.h"

namespace {

// --help and --version only print, so they get a QCoreApplication: they work without a display.
bool onlyPrints(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "-v" || arg == "--version") {
            return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    const std::unique_ptr<QCoreApplication> app = onlyPrints(argc, argv)
        ? std::make_unique<QCoreApplication>(argc, argv)
        : std::make_unique<QApplication>(argc, argv);
    QApplication::setApplicationName(QStringLiteral("StacScope"));
    QApplication::setOrganizationName(QStringLiteral("StacScope"));
    QApplication::setOrganizationDomain(QStringLiteral("stacscope.org"));
    QApplication::setApplicationVersion(QStringLiteral(STACSCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.stacscope.StacScope"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Find, order, task and download satellite imagery."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption check(QStringLiteral("check"),
        QApplication::translate("main",
            "Check the installation (embedded data, SQLite driver, SVG and TLS plugins), list the libraries' "
            "versions and exit: 0 when all is well."));
    QCommandLineOption startupBenchmark(QStringLiteral("startup-benchmark"),
        QApplication::translate("main", "Print the time to the first painted results as JSON, then quit."));
    startupBenchmark.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({ check, startupBenchmark });
    parser.process(*app);
    // The installed theme icon first (hicolor PNGs and SVG), the embedded SVG when run from a build.
    QApplication::setWindowIcon(QIcon::fromTheme(
        QStringLiteral("org.stacscope.StacScope"), QIcon(QStringLiteral(":/icons/org.stacscope.StacScope.svg"))));
    if (parser.isSet(check)) {
        return StacScope::checkInstallation();
    }

    StacScope::AppContext context;
    StacScope::MainWindow window(context.network(), context.basemap());
    window.setDownloadManager(context.downloads());
    window.setAccountManager(context.accounts());
    window.setRequestMonitor(context.monitor());
    window.setAoiStore(context.aois());
    window.setSavedSearchStore(context.savedSearches());
    if (!context.storeError().isEmpty()) {
        window.messageBar()->showMessage(StacScope::MessageBar::Level::Warning,
            QApplication::translate("main",
                "The download queue will not survive a restart: its database "
                "could not be opened."),
            context.storeError());
    }
    std::unique_ptr<StacScope::StartupProbe> probe;
    if (parser.isSet(startupBenchmark)) {
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
    return app->exec();
}
