// stacscope-cli: Capella tasking requests ("tasks" with a Capella account) and repeat requests
// ("repeats"): create, update, cancel, approve, list, show, and download of a tasking request's
// products, after seed 003's create/update/cancel/search snippets.
#include <cstdio>

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include "app/cli/cli.h"
#include "app/cli/clitext.h"
#include "src/geo/geometry.h"
#include "src/providers/capella/capellaapi.h"
#include "src/providers/capella/capellaclient.h"
#include "src/providers/capella/capellasession.h"

using namespace Qt::StringLiterals;
using StacScope::CliText::parseTarget;
using StacScope::CliText::printLine;
using StacScope::CliText::timeText;

namespace StacScope {

namespace {

QJsonObject failure(const NetworkError &e)
{
    QJsonObject error { { u"message"_s, e.message } };
    if (!e.code.isEmpty()) {
        error.insert(u"code"_s, e.code);
    }
    return { { u"success"_s, false }, { u"error"_s, error } };
}

} // namespace

void Cli::runRepeats(const QStringList &args)
{
    const QString provider = providerOf(args);
    if (!provider.isEmpty() && provider != u"capella"_s) {
        usageError(u"repeats are Capella's repeat requests: use --provider capella or a Capella account"_s);
        return;
    }
    runCapellaRequests(args, true);
}

void Cli::runCapellaRequests(const QStringList &args, bool repeat)
{
    const CapellaRequest::Kind kind = repeat ? CapellaRequest::Kind::Repeat : CapellaRequest::Kind::Tasking;
    const QString command = repeat ? u"repeats"_s : u"tasks"_s;
    const QString noun = repeat ? u"repeat request"_s : u"tasking request"_s;
    const QString sub = args.value(1);
    CliParser parser;
    parser.addOptions(providerOptions());
    parser.addOptions({ { u"json"_s, u"Capella's own objects as JSON."_s },
        { u"yes"_s, u"Confirm without asking (create, cancel, approve)."_s },
        { u"name"_s, u"Name (create, update)."_s, u"name"_s },
        { u"description"_s, u"Description (create, update)."_s, u"text"_s },
        { u"target"_s, u"lon,lat, WKT, or a GeoJSON file (a Point or a Polygon)."_s, u"target"_s },
        { u"start"_s, u"Window open, RFC 3339 (tasks create; default now)."_s, u"time"_s },
        { u"end"_s, u"Window close, RFC 3339 (tasks create; default start + 7 days)."_s, u"time"_s },
        { u"param"_s, u"A constraint KEY=VALUE (repeatable; see the README for keys)."_s, u"key=value"_s },
        { u"product-types"_s, u"Product types, e.g. SLC,GEO (GEO is always kept)."_s, u"types"_s },
        { u"repeat-start"_s, u"First collect, RFC 3339 (repeats create)."_s, u"time"_s },
        { u"repeat-end"_s, u"Last collect, RFC 3339 (repeats create)."_s, u"time"_s },
        { u"repetition-count"_s, u"Number of collects (repeats create)."_s, u"n"_s },
        { u"repetition-interval"_s, u"Days between collects: 1, 7, 14 or 30 (repeats create)."_s, u"days"_s },
        { u"insar-orbit"_s, u"MIO_53_2P95 or SSO_97_7P00 (repeats create, insar tier)."_s, u"orbit"_s },
        { u"status"_s, u"Only requests whose last status is this (list)."_s, u"status"_s },
        { u"for-org"_s, u"The whole organization's requests (list; needs a manager role)."_s },
        { u"submitted-after"_s, u"Only requests submitted after this time (list)."_s, u"time"_s },
        { u"submitted-before"_s, u"Only requests submitted before this time (list)."_s, u"time"_s },
        { u"dir"_s, u"Download folder (tasks download)."_s, u"dir"_s },
        { u"include"_s, u"Only these asset keys (download)."_s, u"keys"_s },
        { u"exclude"_s, u"Not these asset keys (download)."_s, u"keys"_s },
        { u"flat"_s, u"All files in one folder (download)."_s },
        { u"overwrite"_s, u"Replace files that differ (download)."_s },
        { u"parallel"_s, u"Files downloaded at once (default 4)."_s, u"n"_s } });
    parser.addPositionalArgument(u"id"_s, u"Request id(s)."_s);
    QStringList subs = { u"create"_s, u"update"_s, u"cancel"_s, u"approve"_s, u"list"_s, u"show"_s };
    if (!repeat) {
        subs.append(u"download"_s);
    }
    if (!subs.contains(sub) || !parser.parse(args.mid(1))) {
        usageError(
            subs.contains(sub) ? parser.errorText() : QStringLiteral("%1 needs %2").arg(command, subs.join(u", "_s)));
        return;
    }
    if (!wantsProvider(parser)) {
        usageError(QStringLiteral("%1 needs --account NAME or --provider capella").arg(command));
        return;
    }
    const QStringList ids = parser.positionalArguments();
    const bool json = parser.isSet(u"json"_s);
    const bool yes = parser.isSet(u"yes"_s);
    const bool manyIds = sub == u"update"_s || sub == u"cancel"_s;
    const bool oneId = sub == u"show"_s || sub == u"approve"_s || sub == u"download"_s;
    if ((manyIds && ids.isEmpty()) || (oneId && ids.size() != 1) || (!manyIds && !oneId && !ids.isEmpty())) {
        usageError(manyIds ? QStringLiteral("%1 %2 needs one or more ids").arg(command, sub)
                : oneId    ? QStringLiteral("%1 %2 needs one id").arg(command, sub)
                           : QStringLiteral("%1 %2 takes no id").arg(command, sub));
        return;
    }

    // Everything is checked before the session is opened: a usage error sends nothing.
    const ParameterSpecs specs = CapellaApi::parameterSpecs(kind);
    QList<std::pair<QString, QString>> pairs;
    for (const QString &p : parser.values(u"param"_s)) {
        const auto pair = Parameters::splitPair(p);
        if (pair.first.isEmpty()) {
            usageError(QStringLiteral("--param needs KEY=VALUE, got \"%1\"").arg(p));
            return;
        }
        pairs.append(pair);
    }
    for (const auto &[option, key] :
        { std::pair { u"product-types"_s, u"product_types"_s }, { u"repeat-start"_s, u"repeat_start"_s },
            { u"repeat-end"_s, u"repeat_end"_s }, { u"repetition-count"_s, u"repetition_count"_s },
            { u"repetition-interval"_s, u"repetition_interval"_s }, { u"insar-orbit"_s, u"insar_orbit"_s } }) {
        if (parser.isSet(option)) {
            if (!repeat && option != u"product-types"_s) {
                usageError(QStringLiteral("--%1 is for repeat requests (repeats create)").arg(option));
                return;
            }
            pairs.append({ key, parser.value(option) });
        }
    }
    QList<ParameterIssue> issues;
    QVariantMap values;
    CapellaApi::RequestFilter filter;
    if (sub == u"list"_s) {
        for (const auto &[key, value] : pairs) {
            if (key == u"collection_type"_s) {
                filter.collectionTypes = value.split(u',', Qt::SkipEmptyParts);
            } else if (key == u"collection_tier"_s) {
                filter.collectionTier = value;
            } else {
                issues.append({ key, u"not a filter of list (collection_type and collection_tier are)"_s });
            }
        }
        filter.status = parser.value(u"status"_s);
        filter.forOrganization = parser.isSet(u"for-org"_s);
        for (const auto &[option, out] : { std::pair { u"submitted-after"_s, &filter.submittedAfter },
                 { u"submitted-before"_s, &filter.submittedBefore } }) {
            if (parser.isSet(option)) {
                QString error;
                ParameterSpec spec;
                spec.type = ParameterSpec::Type::DateTime;
                *out = Parameters::parseValue(spec, parser.value(option), &error).toDateTime();
                if (!out->isValid()) {
                    issues.append({ option, error });
                }
            }
        }
    } else {
        values = Parameters::parse(specs, pairs, &issues);
    }
    QJsonObject body;
    if (sub == u"create"_s && issues.isEmpty()) {
        CapellaApi::RequestDraft draft;
        draft.kind = kind;
        draft.name = parser.value(u"name"_s);
        draft.description = parser.value(u"description"_s);
        draft.values = values;
        if (parser.isSet(u"target"_s)) {
            QString problem;
            const auto target = parseTarget(parser.value(u"target"_s), &problem);
            if (!target) {
                usageError(u"--target: "_s + problem);
                return;
            }
            draft.geometry = *target;
        }
        for (const auto &[option, out] :
            { std::pair { u"start"_s, &draft.windowOpen }, { u"end"_s, &draft.windowClose } }) {
            if (!parser.isSet(option)) {
                continue;
            }
            if (repeat) {
                usageError(QStringLiteral("--%1 is for tasking requests; repeats take --repeat-start/--repeat-end")
                               .arg(option));
                return;
            }
            ParameterSpec spec;
            spec.type = ParameterSpec::Type::DateTime;
            QString error;
            *out = Parameters::parseValue(spec, parser.value(option), &error).toDateTime();
            if (!out->isValid()) {
                issues.append({ option, error });
            }
        }
        if (issues.isEmpty()) {
            body = CapellaApi::requestBody(draft, QDateTime::currentDateTimeUtc(), &issues);
        }
    } else if (sub == u"update"_s && issues.isEmpty()) {
        body = CapellaApi::updateBody(kind, parser.value(u"name"_s), parser.value(u"description"_s), values, &issues);
    } else if (sub == u"download"_s) {
        for (auto it = values.cbegin(); it != values.cend(); ++it) {
            if (it.key() != u"product_types"_s) {
                issues.append({ it.key(), u"tasks download takes only --product-types"_s });
            }
        }
    } else if (!pairs.isEmpty() && sub != u"list"_s && sub != u"create"_s && sub != u"update"_s) {
        issues.append({ pairs.first().first, QStringLiteral("%1 %2 takes no parameters").arg(command, sub) });
    }
    if (!issues.isEmpty()) {
        QStringList lines;
        for (const ParameterIssue &i : issues) {
            const ParameterSpec *spec = Parameters::find(specs, i.key);
            lines.append(QStringLiteral("%1: %2").arg(spec ? u"--param "_s + i.key : i.key, i.message));
        }
        usageError(lines.join(u"\nerror: "_s));
        return;
    }
    CapellaApi::AssetFilter assets;
    assets.productTypes = values.value(u"product_types"_s).toStringList();
    assets.include = parser.value(u"include"_s).split(u',', Qt::SkipEmptyParts);
    assets.exclude = parser.value(u"exclude"_s).split(u',', Qt::SkipEmptyParts);
    assets.flat = parser.isSet(u"flat"_s);
    assets.overwrite = parser.isSet(u"overwrite"_s);
    if (sub == u"download"_s && !parser.isSet(u"dir"_s)) {
        usageError(u"tasks download needs --dir DIR"_s);
        return;
    }
    const QString dir = parser.value(u"dir"_s);
    const int parallel = std::clamp(parser.value(u"parallel"_s).toInt(), 0, 16);

    auto *session = qobject_cast<CapellaSession *>(openSession(parser, u"capella"_s));
    if (!session) {
        return;
    }
    CapellaClient *client = session->client();
    if (sub == u"create"_s && !session->contractId().isEmpty()) {
        body.insert(u"contractId"_s, session->contractId());
    }
    auto failed = [this](const StacJob *job, bool costly) {
        QStringList lines = CapellaApi::explain(job->error());
        lines.prepend(job->error().toString());
        if (costly
            && (job->error().kind == NetworkError::Kind::Network || job->error().kind == NetworkError::Kind::Timeout)) {
            lines.append(u"The request may have reached Capella: check with \"list\" before trying again."_s);
        }
        providerError(job->error(), lines.join(u"\n  "_s));
    };
    auto printRequest = [](const CapellaRequest &r) {
        printLine(QStringLiteral("%1\t%2").arg(r.id, r.name));
        printLine(QStringLiteral("status\t%1").arg(r.status().isEmpty() ? u"-"_s : r.status()));
        printLine(QStringLiteral("tier/type\t%1 / %2").arg(r.collectionTier, r.collectionType));
        printLine(QStringLiteral("%1\t%2 .. %3")
                      .arg(r.kind == CapellaRequest::Kind::Repeat ? u"repeat"_s : u"window"_s, timeText(r.windowOpen),
                          timeText(r.windowClose)));
        printLine(QStringLiteral("cost\t%1%2")
                      .arg(!r.costTotal.isEmpty()         ? r.costTotal
                              : !r.costPerImage.isEmpty() ? r.costPerImage + u" per image"_s
                                                          : u"not priced yet"_s,
                          r.transactionStatus.isEmpty() ? QString() : u" ("_s + r.transactionStatus + u')'));
        if (r.needsApproval()) {
            printLine(u"approval\twaiting for your approval: stacscope-cli tasks approve "_s + r.id);
        }
        for (const CapellaStatus &s : r.history) {
            printLine(QStringLiteral("  %1\t%2\t%3").arg(timeText(s.time), s.code, s.message));
        }
        std::fflush(stdout);
    };

    if (sub == u"show"_s) {
        JsonCallJob *job = client->request(kind, ids.first());
        connect(job, &StacJob::finished, this, [=, this] {
            if (!job->isOk()) {
                failed(job, false);
                return;
            }
            if (json) {
                printJson(job->json());
            } else {
                printRequest(CapellaApi::parseRequest(job->json(), kind));
            }
            complete(Success);
        });
        return;
    }
    if (sub == u"create"_s) {
        const QString pricing = repeat
            ? u"Capella prices a repeat request after it is received: the cost per image appears in \"repeats "
              "show ID\" while it is in review."_s
            : body.value(u"properties"_s).toObject().value(u"pre_approval"_s).toBool()
            ? u"pre_approval is true: Capella will charge the price it sets without asking (see \"tasks show ID\")."_s
            : u"Capella prices a tasking request after it is received: the price appears in \"tasks show ID\" and "
              "the request waits in review until you approve it (\"tasks approve ID\")."_s;
        const QString what = QStringLiteral("About to create a Capella %1:\n  POST %2\n  %3\n%4")
                                 .arg(noun, CapellaApi::requestUrl(client->apiUrl(), kind).toString(),
                                     QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact)), pricing);
        if (!confirm(what, yes)) {
            return;
        }
        JsonCallJob *job = client->createRequest(kind, body);
        connect(job, &StacJob::finished, this, [=, this] {
            if (!job->isOk()) {
                failed(job, true);
                return;
            }
            const CapellaRequest r = CapellaApi::parseRequest(job->json(), kind);
            m_err << "created " << noun << ' ' << r.id << " (" << r.status() << ")\n";
            if (json) {
                printJson(job->json());
            } else {
                printRequest(r);
            }
            complete(Success);
        });
        return;
    }
    if (sub == u"update"_s || sub == u"cancel"_s) {
        const bool cancel = sub == u"cancel"_s;
        if (cancel) {
            const QString what
                = QStringLiteral("About to cancel %1 Capella %2(s) (cannot be undone; cancellation fees may apply "
                                 "after acceptance):\n  %3\n  PATCH .../status {\"status\": \"canceled\"}")
                      .arg(ids.size())
                      .arg(noun, ids.join(u"\n  "_s));
            if (!confirm(what, yes)) {
                return;
            }
        }
        auto *job = new CapellaBulkJob(
            client, kind, cancel ? CapellaBulkJob::Action::Cancel : CapellaBulkJob::Action::Update, ids, body, this);
        connect(job, &StacJob::finished, this, [=, this] {
            QJsonObject byId;
            for (const CapellaBulkJob::Result &r : job->results()) {
                if (r.error.isError()) {
                    byId.insert(r.id, failure(r.error));
                    m_err << r.id << ": failed: " << r.error.toString() << '\n';
                } else {
                    byId.insert(r.id, cancel ? QJsonObject { { u"success"_s, true } } : r.json);
                    m_err << r.id << ": " << (cancel ? "canceled" : "updated") << '\n';
                }
            }
            if (json) {
                printJson(byId);
            }
            complete(job->failures() == 0 ? Success : RemoteError);
        });
        return;
    }
    if (sub == u"approve"_s) {
        JsonCallJob *get = client->request(kind, ids.first());
        connect(get, &StacJob::finished, this, [=, this] {
            if (!get->isOk()) {
                failed(get, false);
                return;
            }
            const CapellaRequest r = CapellaApi::parseRequest(get->json(), kind);
            const QString price = !r.costTotal.isEmpty() ? r.costTotal
                : !r.costPerImage.isEmpty()              ? r.costPerImage + u" per image"_s
                                                         : u"no price yet"_s;
            const QString what = QStringLiteral("About to approve the price of Capella %1 %2 (%3): %4\n  PATCH %5")
                                     .arg(noun, r.id, r.name, price,
                                         CapellaApi::requestStatusUrl(client->apiUrl(), kind, r.id).toString());
            if (!confirm(what, yes)) {
                return;
            }
            JsonCallJob *job = client->setRequestStatus(kind, r.id, CapellaApi::approvalBody(true));
            connect(job, &StacJob::finished, this, [=, this] {
                if (!job->isOk()) {
                    failed(job, true);
                    return;
                }
                m_err << "approved " << r.id << '\n';
                if (json) {
                    printJson(job->json());
                }
                complete(Success);
            });
        });
        return;
    }
    if (sub == u"download"_s) {
        auto *job = new CapellaCollectProductsJob(client, ids.first(), {}, assets.productTypes, this);
        connect(job, &StacJob::finished, this, [=, this] {
            if (!job->isOk()) {
                failed(job, false);
                return;
            }
            m_err << "tasking request " << ids.first() << ": " << job->collects().size() << " collect(s), "
                  << job->granules().size() << " product(s)\n";
            capellaOrderAndDownload(session, job->granules(), assets, dir, parallel > 0 ? parallel : 4, yes);
        });
        return;
    }
    // list
    session->withUser(this, [=, this](const NetworkError &userError) {
        if (userError.isError()) {
            providerError(userError, CapellaApi::explain(userError).join(u' '));
            return;
        }
        auto *job = new CapellaRequestSearchJob(client, kind,
            CapellaApi::requestSearchBody(kind, filter, session->userId(), session->organizationId()),
            CapellaApi::RequestPageSize, this);
        connect(job, &StacJob::finished, this, [=, this] {
            if (!job->isOk()) {
                failed(job, false);
                return;
            }
            if (json) {
                printJson(job->results());
            } else {
                for (const CapellaRequest &r : job->requests()) {
                    printLine(QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6")
                                  .arg(r.id, timeText(r.submissionTime), r.status(), r.collectionTier, r.collectionType,
                                      r.name));
                }
                std::fflush(stdout);
            }
            m_err << command << ": " << job->results().size() << " in " << job->totalPages() << " page(s)\n";
            complete(Success);
        });
    });
}

} // namespace StacScope
