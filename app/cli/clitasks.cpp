// stacscope-cli: Satellogic contracts and tasks (products, create, list, show, captures, cancel,
// download of a task's delivery).
#include <cstdio>

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include "app/cli/cli.h"
#include "app/cli/clidownload.h"
#include "app/cli/clitext.h"
#include "src/geo/geometry.h"
#include "src/providers/satellogic/satellogicapi.h"
#include "src/providers/satellogic/satellogicclient.h"
#include "src/providers/satellogic/satellogicsession.h"

using namespace Qt::StringLiterals;
using StacScope::CliText::parseTarget;
using StacScope::CliText::printLine;
using StacScope::CliText::timeText;

namespace StacScope {

namespace {

// RFC 3339 with an offset; a time without one is the user's local time, sent with its offset.
QDateTime parseWindowTime(const QString &text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid()) {
        t = QDateTime::fromString(text, Qt::ISODate);
    }
    if (t.isValid() && t.timeSpec() == Qt::LocalTime) {
        t = t.toOffsetFromUtc(t.offsetFromUtc());
    }
    return t;
}

} // namespace

void Cli::runContracts(const QStringList &args)
{
    CliParser parser;
    parser.addOptions(providerOptions());
    parser.addOption({ u"json"_s, u"The provider's contract objects as JSON."_s });
    if (!parser.parse(args)) {
        usageError(parser.errorText());
        return;
    }
    if (!wantsProvider(parser)) {
        usageError(u"contracts needs --account NAME or --provider satellogic"_s);
        return;
    }
    auto *session = qobject_cast<SatellogicSession *>(openSession(parser, u"satellogic"_s));
    if (!session) {
        return;
    }
    if (session->isLegacy()) {
        m_err << "legacy credentials have no contracts\n";
        complete(Success);
        return;
    }
    OffsetPagedJob *job = session->loadContracts();
    const bool json = parser.isSet(u"json"_s);
    connect(job, &StacJob::finished, this, [this, job, session, json] {
        if (!job->isOk()) {
            providerError(job->error(), SatellogicApi::explain(job->error()));
            return;
        }
        if (json) {
            printJson(job->results());
        } else {
            for (const SatellogicContract &c : session->contracts()) {
                printLine(QStringLiteral("%1\t%2\t%3\t%4\t%5")
                              .arg(c.id, c.name, c.status,
                                  c.hasArchive ? u"archive: "_s + c.archiveCollections.join(u',') : u"no archive"_s,
                                  c.taskingAllowed ? u"tasking"_s : u"no tasking"_s));
            }
        }
        std::fflush(stdout);
        m_err << "contracts: " << session->contracts().size() << '\n';
        complete(Success);
    });
}

void Cli::runTasks(const QStringList &args)
{
    const QString sub = args.value(1);
    CliParser parser;
    parser.addOptions(providerOptions());
    parser.addOptions({ { u"json"_s, u"The provider's objects as JSON."_s },
        { u"yes"_s, u"Confirm without asking (create, cancel)."_s },
        { u"name"_s, u"Task name (create), or a filter (list)."_s, u"name"_s },
        { u"project"_s, u"Project name (create), or a filter (list)."_s, u"name"_s },
        { u"status"_s, u"Filter: received, in_progress, completed, failed, rejected, canceled."_s, u"status"_s },
        { u"product"_s, u"Product id (see: tasks products)."_s, u"id"_s },
        { u"target"_s, u"lon,lat, WKT, or a GeoJSON file."_s, u"target"_s },
        { u"start"_s, u"Window start, RFC 3339."_s, u"time"_s }, { u"end"_s, u"Window end, RFC 3339."_s, u"time"_s },
        { u"dir"_s, u"Download folder (download)."_s, u"dir"_s },
        { u"capture"_s, u"Only this capture (download)."_s, u"id"_s },
        { u"parallel"_s, u"Files downloaded at once (default 4)."_s, u"n"_s } });
    parser.addPositionalArgument(u"id"_s, u"Task id."_s);
    if (sub.isEmpty() || !parser.parse(args.mid(1))) {
        usageError(sub.isEmpty() ? u"tasks needs products, create, list, show, captures, cancel or download"_s
                                 : parser.errorText());
        return;
    }
    if (!wantsProvider(parser)) {
        usageError(u"tasks needs --account NAME or --provider satellogic"_s);
        return;
    }
    const QStringList positional = parser.positionalArguments(); // the sub-command is parse()'s "program"
    const bool json = parser.isSet(u"json"_s);
    const bool needsId = sub == u"show"_s || sub == u"captures"_s || sub == u"cancel"_s || sub == u"download"_s;
    qint64 taskId = 0;
    if (needsId) {
        bool ok = false;
        taskId = positional.value(0).toLongLong(&ok);
        if (positional.size() != 1 || !ok || taskId <= 0) {
            usageError(QStringLiteral("tasks %1 needs one task id (a number)").arg(sub));
            return;
        }
    } else if (!positional.isEmpty()) {
        usageError(QStringLiteral("tasks %1 takes no positional argument").arg(sub));
        return;
    }

    // Every request is checked before the session is opened, so a usage error sends nothing.
    SatellogicTaskRequest request;
    if (sub == u"create"_s) {
        for (const char *option : { "name", "project", "product", "target", "start", "end" }) {
            if (!parser.isSet(QString::fromLatin1(option))) {
                usageError(QStringLiteral("tasks create needs --%1").arg(QString::fromLatin1(option)));
                return;
            }
        }
        request.name = parser.value(u"name"_s);
        request.project = parser.value(u"project"_s);
        bool ok = false;
        request.product = parser.value(u"product"_s).toLongLong(&ok);
        if (!ok) {
            usageError(u"--product needs a product id (a number; see: tasks products)"_s);
            return;
        }
        QString problem;
        const auto target = parseTarget(parser.value(u"target"_s), &problem);
        if (!target) {
            usageError(u"--target: "_s + problem);
            return;
        }
        request.target = *target;
        request.start = parseWindowTime(parser.value(u"start"_s));
        request.end = parseWindowTime(parser.value(u"end"_s));
        problem = SatellogicApi::validateTask(request);
        if (!problem.isEmpty()) {
            usageError(problem);
            return;
        }
    }
    int parallel = 4;
    if (sub == u"download"_s) {
        if (!parser.isSet(u"dir"_s)) {
            usageError(u"tasks download needs --dir DIR"_s);
            return;
        }
        bool ok = true;
        if (parser.isSet(u"parallel"_s)) {
            parallel = parser.value(u"parallel"_s).toInt(&ok);
        }
        if (!ok || parallel < 1 || parallel > 32) {
            usageError(u"--parallel needs a number from 1 to 32"_s);
            return;
        }
    }
    const QStringList known { u"products"_s, u"create"_s, u"list"_s, u"show"_s, u"captures"_s, u"cancel"_s,
        u"download"_s };
    if (!known.contains(sub)) {
        usageError(QStringLiteral("unknown tasks command \"%1\"").arg(sub));
        return;
    }

    const QString dir = parser.value(u"dir"_s);
    const QString captureId = parser.value(u"capture"_s);
    const bool yes = parser.isSet(u"yes"_s);
    const SatellogicTaskFilter filter { parser.value(u"status"_s), parser.value(u"name"_s),
        parser.value(u"project"_s) };
    withSession(parser, u"satellogic"_s, [=, this](AccountSession *base) {
        auto *session = static_cast<SatellogicSession *>(base);
        SatellogicClient *client = session->client();
        auto printTask = [](const SatellogicTask &t) {
            printLine(QStringLiteral("%1\t%2\t%3\t%4\t%5 .. %6\tproduct %7")
                          .arg(t.id)
                          .arg(t.status, t.name, t.project, timeText(t.start), timeText(t.end))
                          .arg(t.product));
        };
        if (sub == u"products"_s || sub == u"list"_s || sub == u"captures"_s) {
            OffsetPagedJob *job = sub == u"products"_s ? client->products()
                : sub == u"list"_s                     ? client->tasks(filter)
                                                       : client->captures(taskId);
            connect(job, &StacJob::finished, this, [=, this] {
                if (!job->isOk()) {
                    providerError(job->error(), SatellogicApi::explain(job->error()));
                    return;
                }
                if (json) {
                    printJson(job->results());
                } else {
                    for (const QJsonValue &v : job->results()) {
                        const QJsonObject o = v.toObject();
                        if (sub == u"products"_s) {
                            if (const auto p = SatellogicApi::parseProduct(o)) {
                                printLine(QStringLiteral("%1\t%2\t%3")
                                              .arg(p->id)
                                              .arg(p->name, p->isArea ? u"area (Polygon)"_s : u"point"_s));
                            }
                        } else if (sub == u"list"_s) {
                            if (const auto t = SatellogicApi::parseTask(o)) {
                                printTask(*t);
                            }
                        } else if (const auto c = SatellogicApi::parseCapture(o)) {
                            printLine(QStringLiteral("%1\t%2\t%3\t%4")
                                          .arg(c->id, c->status, timeText(c->start), c->satellite));
                        }
                    }
                }
                std::fflush(stdout);
                m_err << sub << ": " << job->results().size() << '\n';
                complete(Success);
            });
            return;
        }
        // One call whose answer is a task (or nothing): printed as the provider's JSON or a line.
        auto printTaskAnswer = [=, this](JsonCallJob *job, const QString &done) {
            connect(job, &StacJob::finished, this, [=, this] {
                if (!job->isOk()) {
                    const NetworkError &e = job->error();
                    QString text = SatellogicApi::explain(e);
                    if (job->request().costsMoney
                        && (e.kind == NetworkError::Kind::Network || e.kind == NetworkError::Kind::Timeout)) {
                        // Sent, but no answer: it may have been carried out. It is never repeated by itself.
                        text
                            += u"\nThe request may have reached Satellogic: check with \"tasks list\" before trying again."_s;
                    }
                    providerError(e, text);
                    return;
                }
                if (!done.isEmpty()) {
                    m_err << done << '\n';
                }
                if (json && !job->json().isEmpty()) {
                    printJson(job->json());
                } else if (const auto t = SatellogicApi::parseTask(job->json()); t && !json) {
                    printTask(*t);
                }
                complete(Success);
            });
        };
        if (sub == u"show"_s) {
            printTaskAnswer(client->task(taskId), {});
            return;
        }
        if (sub == u"create"_s) {
            const QUrl url = SatellogicApi::createTaskUrl(client->apiUrl());
            const QString what = QStringLiteral("About to create a Satellogic task under contract %1 (tasking is "
                                                "charged by your contract):\n  POST %2\n  %3")
                                     .arg(session->isLegacy() ? u"(legacy credentials)"_s : session->contractId(),
                                         url.toString(), QString::fromUtf8(SatellogicApi::createTaskBody(request)));
            if (!confirm(what, yes)) {
                return;
            }
            printTaskAnswer(client->createTask(request), u"created the task"_s);
            return;
        }
        if (sub == u"cancel"_s) {
            const QString what
                = QStringLiteral("About to cancel Satellogic task %1 (this cannot be undone):\n  PATCH %2")
                      .arg(taskId)
                      .arg(SatellogicApi::cancelTaskUrl(client->apiUrl(), taskId).toString());
            if (!confirm(what, yes)) {
                return;
            }
            printTaskAnswer(client->cancelTask(taskId), u"canceled task %1"_s.arg(taskId));
            return;
        }
        // download
        auto *job = new SatellogicDeliveryJob(client, taskId, captureId, this);
        connect(job, &StacJob::finished, this, [=, this] {
            if (!job->isOk()) {
                providerError(job->error(), SatellogicApi::explain(job->error()));
                return;
            }
            printWarnings(job);
            if (job->pendingCaptures() > 0) {
                m_err << "note: " << job->pendingCaptures() << " capture(s) not published yet\n";
            }
            if (!QDir().mkpath(dir)) {
                m_err << "error: cannot create the download folder " << dir << '\n';
                complete(RemoteError);
                return;
            }
            const QString root = QDir(dir).absolutePath();
            const QList<DownloadTask> tasks
                = SatellogicDeliveryJob::plan(job->scenes(), taskId, client->apiUrl(), root, session->sourceId());
            if (tasks.isEmpty()) {
                m_err << "error: task " << taskId << " has nothing to download yet (no published capture with a "
                      << "delivery)\n";
                complete(RemoteError);
                return;
            }
            auto *download = new CliDownload(m_nam, m_router, session, m_err, this);
            connect(download, &CliDownload::finished, this, [this](int code) { complete(code); });
            download->startTasks(tasks, parallel, root);
        });
    });
}

} // namespace StacScope
