// Startup benchmark: launches the real app (offscreen) on its embedded demo catalog and reads the
// line it prints with --startup-benchmark. Reports wall time from launch to the first painted map
// with results (process start included), and idle RSS. Targets: <= 400 ms, <= 150 MB.
#include <algorithm>
#include <cstdio>
#include <vector>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    std::vector<double> wall;
    std::vector<double> inApp;
    std::vector<double> idleRss;
    QJsonObject last;
    constexpr int kRuns = 7;
    for (int run = 0; run < kRuns + 1; ++run) {
        QTemporaryDir home; // a first launch every time: no saved settings
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, env.value(u"QT_QPA_PLATFORM"_s, u"offscreen"_s));
        env.insert(u"XDG_CONFIG_HOME"_s, home.path() + u"/config"_s);
        env.insert(u"XDG_CACHE_HOME"_s, home.path() + u"/cache"_s);
        env.insert(u"XDG_DATA_HOME"_s, home.path() + u"/data"_s);
        process.setProcessEnvironment(env);
        process.setStandardErrorFile(QProcess::nullDevice()); // Qt platform chatter
        QElapsedTimer timer;
        timer.start();
        process.start(QStringLiteral(STACSCOPE_APP_PATH), { u"--startup-benchmark"_s });
        // First line: the first paint with results; its arrival time is the launch-to-paint wall time.
        QByteArray out;
        while (!out.contains('\n') && process.waitForReadyRead(60000)) {
            out += process.readAllStandardOutput();
        }
        const double launchToPaint = double(timer.elapsed());
        if (!process.waitForFinished(60000) || process.exitCode() != 0) {
            std::fprintf(stderr, "the app did not finish its startup benchmark\n");
            return 1;
        }
        out += process.readAllStandardOutput();
        const QList<QByteArray> lines = out.trimmed().split('\n');
        const QJsonObject o = QJsonDocument::fromJson(lines.last()).object();
        const QJsonObject first = QJsonDocument::fromJson(lines.first()).object();
        if (o.isEmpty() || first.isEmpty()) {
            std::fprintf(stderr, "no figures from the app\n");
            return 1;
        }
        if (run == 0) {
            continue; // warm-up: page cache, font cache
        }
        inApp.push_back(first.value(u"ms"_s).toDouble());
        wall.push_back(launchToPaint);
        idleRss.push_back(o.value(u"idle_rss_mb"_s).toDouble());
        last = o;
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    QJsonObject out { { u"bench"_s, u"startup"_s }, { u"runs"_s, kRuns }, { u"items"_s, last.value(u"items"_s) },
        { u"first_paint_in_app_median_ms"_s, median(inApp) }, { u"launch_to_first_paint_median_ms"_s, median(wall) },
        { u"idle_rss_median_mb"_s, median(idleRss) },
        { u"platform"_s, qEnvironmentVariable("QT_QPA_PLATFORM", u"offscreen"_s) } };
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
