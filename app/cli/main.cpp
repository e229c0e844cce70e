#include <QCoreApplication>

#include "app/cli/cli.h"

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stacscope-cli"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("stacscope.org"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STACSCOPE_VERSION));
    StacScope::Cli cli;
    QObject::connect(&cli, &StacScope::Cli::done, &app, &QCoreApplication::exit);
    cli.start(QCoreApplication::arguments());
    return app.exec();
}
