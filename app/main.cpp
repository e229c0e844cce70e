#include <QApplication>
#include <QIcon>
#include <QTimer>

#include "app/appcontext.h"
#include "ui/mainwindow.h"

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("StacScope"));
    QApplication::setOrganizationName(QStringLiteral("StacScope"));
    QApplication::setOrganizationDomain(QStringLiteral("stacscope.org"));
    QApplication::setApplicationVersion(QStringLiteral(STACSCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.stacscope.StacScope"));

    StacScope::AppContext context;
    StacScope::MainWindow window(context.network(), context.basemap());
    window.show();
    QTimer::singleShot(0, &window, &StacScope::MainWindow::start);
    return app.exec();
}
