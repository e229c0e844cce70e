// stacscope-cli: UP42 orders (listed with every documented filter and sort, estimated in credits and
// placed once after confirmation), tasking quotations (listed, accepted or rejected once after
// confirmation) and the archive search of a catalog host. Storage is in cliup42storage.cpp.
#include <cstdio>
#include <memory>

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

#include "app/cli/cli.h"
#include "app/cli/clitext.h"
#include "src/net/networkclient.h"
#include "src/providers/jsoncalljob.h"
#include "src/providers/up42/up42api.h"
#include "src/providers/up42/up42client.h"
#include "src/providers/up42/up42provider.h"
#include "src/stac/searchparameters.h"

using namespace Qt::StringLiterals;
using StacScope::CliText::printLine;

namespace StacScope {

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

bool isUuid(const QString &text)
{
    static const QRegularExpression uuid(u"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$"_s);
    return uuid.match(text).hasMatch();
}

// A scene of a catalog host's search: its id sits in properties (the notes, section 6).
QString sceneIdOf(const QJsonObject &feature)
{
    const QString inside = feature.value(u"properties"_s).toObject().value(u"id"_s).toString();
    return inside.isEmpty() ? feature.value(u"id"_s).toString() : inside;
}

QString sceneCollectionOf(const QJsonObject &feature)
{
    const QString inside = feature.value(u"properties"_s).toObject().value(u"collection"_s).toString();
    return inside.isEmpty() ? feature.value(u"collection"_s).toString() : inside;
}

// The features of a FeatureCollection (or one Feature) of scenes, each with an id and a geometry.
bool readScenes(const QString &path, QJsonArray *out, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("%1 is not a GeoJSON object: %2").arg(path, parseError.errorString());
        return false;
    }
    const QJsonObject o = doc.object();
    const QJsonArray features
        = o.value(u"type"_s) == u"Feature"_s ? QJsonArray { o } : o.value(u"features"_s).toArray();
    for (const QJsonValue &v : features) {
        const QJsonObject f = v.toObject();
        if (sceneIdOf(f).isEmpty() || !f.value(u"geometry"_s).isObject()) {
            *error = QStringLiteral("%1: every scene needs an id (properties.id) and a geometry").arg(path);
            return false;
        }
        out->append(f);
    }
    if (out->isEmpty()) {
        *error = QStringLiteral("%1 holds no scenes").arg(path);
        return false;
    }
    return true;
}

QString creditsText(qint64 credits)
{
    return credits < 0 ? u"-"_s : QString::number(credits);
}

} // namespace

void Cli::up42Error(const NetworkError &error, bool costly)
{
    QString text = Up42Api::explain(error);
    if (error.isCredentialProblem()) {
        text += u"\n  UP42 refused the sign-in or the request: check UP42_USERNAME and UP42_PASSWORD (with "
                "--provider up42) or the account (\"accounts test NAME\"), and --endpoint auth=URL"_s;
    }
    if (costly && (error.kind == NetworkError::Kind::Network || error.kind == NetworkError::Kind::Timeout)) {
        text += u"\n  The request may have reached UP42: check with \"orders list\" or \"quotations list\" before "
                "trying again."_s;
    }
    m_err << "error: " << text << '\n';
    complete(error.isCredentialProblem() ? CredentialError : RemoteError);
}

void Cli::runUp42Orders(const QStringList &args)
{
    const QString sub = args.value(1);
    CliParser parser;
    parser.addOptions(providerOptions());
    parser.addOptions({ { u"json"_s, u"UP42's own objects as JSON."_s },
        { u"yes"_s, u"Confirm without asking (submit)."_s },
        { u"workspace"_s, u"list: only this workspace; submit: the workspace to order into."_s, u"id"_s },
        { u"type"_s, u"TASKING or ARCHIVE (list)."_s, u"type"_s },
        { u"status"_s, u"Only this status (list; repeatable)."_s, u"status"_s },
        { u"sub-status"_s, u"Only this sub-status (list; repeatable)."_s, u"status"_s },
        { u"name"_s, u"list: display names containing this; submit: the orders' display name."_s, u"text"_s },
        { u"tag"_s, u"list: with this tag; submit: tag the orders (repeatable)."_s, u"tag"_s },
        { u"sort"_s, u"FIELD[,asc|desc] (list)."_s, u"sort"_s },
        { u"limit"_s, u"At most this many orders (list)."_s, u"n"_s },
        { u"page-size"_s, u"Orders per request (list; default 100)."_s, u"n"_s },
        { u"product"_s, u"Data product id or name, e.g. phr-display (estimate, submit)."_s, u"product"_s },
        { u"items"_s, u"FeatureCollection of scenes, as search --host writes it (estimate, submit)."_s, u"file"_s } });
    parser.addPositionalArgument(u"id"_s, u"Order id (show)."_s);
    static const QStringList subs = { u"list"_s, u"show"_s, u"estimate"_s, u"submit"_s };
    if (!subs.contains(sub) || !parser.parse(args.mid(1))) {
        usageError(subs.contains(sub) ? parser.errorText() : u"UP42 orders: list, show ID, estimate or submit"_s);
        return;
    }
    if ((sub == u"show"_s) != (parser.positionalArguments().size() == 1) || parser.positionalArguments().size() > 1) {
        usageError(sub == u"show"_s ? u"orders show needs one order id"_s
                                    : QStringLiteral("orders %1 takes no positional argument").arg(sub));
        return;
    }
    const bool json = parser.isSet(u"json"_s);
    if (sub == u"show"_s) {
        // seed 004's up42.initialize_order(order_id): the order, with its details.
        auto *session = qobject_cast<Up42Session *>(openSession(parser, u"up42"_s));
        if (!session) {
            return;
        }
        JsonCallJob *job = session->client()->order(parser.positionalArguments().first());
        connect(job, &StacJob::finished, this, [this, job, json] {
            if (!job->isOk()) {
                up42Error(job->error());
                return;
            }
            if (json) {
                printJson(job->json());
                complete(Success);
                return;
            }
            const Up42Order o = Up42Api::parseOrder(job->json());
            const QList<std::pair<QString, QString>> fields { { u"id"_s, o.id }, { u"name"_s, o.displayName },
                { u"type"_s, o.type },
                { u"status"_s, o.subStatus.isEmpty() ? o.status : o.status + u'/' + o.subStatus },
                { u"product"_s, o.dataProductId }, { u"workspace"_s, o.workspaceId },
                { u"created"_s, localTimeText(o.createdAt) }, { u"updated"_s, localTimeText(o.updatedAt) },
                { u"tags"_s, o.tags.join(u", "_s) } };
            for (const auto &[key, value] : fields) {
                printLine(QString(key + u':').leftJustified(11) + value);
            }
            for (auto it = o.details.begin(); it != o.details.end(); ++it) {
                if (it.value().isString() || it.value().isDouble()) {
                    printLine(QString(it.key() + u':').leftJustified(11) + it.value().toVariant().toString());
                }
            }
            std::fflush(stdout);
            complete(Success);
        });
        return;
    }
    if (sub != u"list"_s) {
        if (!parser.isSet(u"product"_s) || !parser.isSet(u"items"_s)) {
            usageError(QStringLiteral("orders %1 needs --product ID and --items FILE").arg(sub));
            return;
        }
        QJsonArray scenes;
        QString problem;
        if (!readScenes(parser.value(u"items"_s), &scenes, &problem)) {
            usageError(u"--items: "_s + problem);
            return;
        }
        auto *session = qobject_cast<Up42Session *>(openSession(parser, u"up42"_s));
        if (session) {
            up42Estimate(session, parser.value(u"product"_s), scenes, parser.value(u"name"_s), parser.values(u"tag"_s),
                parser.value(u"workspace"_s), sub == u"submit"_s, parser.isSet(u"yes"_s), json);
        }
        return;
    }
    Up42Api::OrderFilter filter;
    filter.workspaceId = parser.value(u"workspace"_s);
    QStringList types;
    QStringList sort;
    if (!choiceValues(parser, u"type"_s, { u"TASKING"_s, u"ARCHIVE"_s }, &types)
        || !choiceValues(parser, u"status"_s, Up42Api::orderStatuses(), &filter.statuses)
        || !choiceValues(parser, u"sub-status"_s, Up42Api::orderSubStatuses(), &filter.subStatuses)) {
        return;
    }
    if (types.size() > 1) {
        usageError(u"--type takes one of TASKING, ARCHIVE"_s);
        return;
    }
    filter.type = types.value(0);
    filter.displayName = parser.value(u"name"_s);
    filter.tags = parser.values(u"tag"_s);
    if (parser.isSet(u"sort"_s)) {
        const QStringList parts = parser.value(u"sort"_s).split(u',');
        const QStringList fields = Up42Api::orderSortFields();
        const auto field = std::find_if(fields.begin(), fields.end(),
            [&](const QString &f) { return f.compare(parts.first().trimmed(), Qt::CaseInsensitive) == 0; });
        const QString direction = parts.value(1).trimmed().toLower();
        if (field == fields.end() || parts.size() > 2
            || (parts.size() == 2 && direction != u"asc"_s && direction != u"desc"_s)) {
            usageError(u"--sort: FIELD or FIELD,asc or FIELD,desc with FIELD one of "_s + fields.join(u", "_s));
            return;
        }
        // As given: the field alone leaves the direction to the server (Spring: ascending).
        filter.sort = parts.size() == 2 ? *field + u',' + direction : *field;
    }
    int limit = 0;
    int pageSize = Up42Api::DefaultPageSize;
    if (!intOption(parser, u"limit"_s, 1, 1000000, &limit) || !intOption(parser, u"page-size"_s, 1, 2000, &pageSize)) {
        return;
    }
    auto *session = qobject_cast<Up42Session *>(openSession(parser, u"up42"_s));
    if (!session) {
        return;
    }
    auto *job = new Up42PagedJob(
        session->client()->network(), Up42Api::ordersUrl(session->apiUrl(), filter), limit, pageSize, this);
    connect(job, &StacJob::finished, this, [this, job, json] {
        if (!job->isOk()) {
            up42Error(job->error());
            return;
        }
        if (json) {
            printJson(job->items());
        } else {
            QList<QStringList> rows;
            for (const QJsonValue &v : job->items()) {
                const Up42Order o = Up42Api::parseOrder(v.toObject());
                rows.append({ o.id, localTimeText(o.createdAt), o.type,
                    o.subStatus.isEmpty() ? o.status : o.status + u'/' + o.subStatus, o.displayName,
                    o.tags.join(u',') });
            }
            printTable({ u"ID"_s, u"CREATED"_s, u"TYPE"_s, u"STATUS"_s, u"NAME"_s, u"TAGS"_s }, rows);
        }
        m_err << "orders: " << job->items().size();
        if (job->totalElements() >= 0) {
            m_err << " of " << job->totalElements();
        }
        m_err << " (" << job->pages() << (job->pages() == 1 ? " page" : " pages") << ")\n";
        complete(Success);
    });
}

void Cli::up42Estimate(Up42Session *session, const QString &product, const QJsonArray &scenes, const QString &name,
    const QStringList &tags, const QString &workspace, bool submit, bool yes, bool json)
{
    // The data product, by id or name, from the orderable catalog; it must be of the scenes' collection.
    Up42PagedJob *collections = session->client()->collections();
    connect(collections, &StacJob::finished, this, [=, this] {
        if (!collections->isOk()) {
            up42Error(collections->error());
            return;
        }
        QStringList sceneCollections;
        for (const QJsonValue &v : scenes) {
            const QString c = sceneCollectionOf(v.toObject());
            if (!c.isEmpty() && !sceneCollections.contains(c)) {
                sceneCollections.append(c);
            }
        }
        std::optional<Up42Api::DataProduct> found;
        QStringList offered;
        for (const QJsonValue &v : collections->items()) {
            for (const Up42Api::DataProduct &p : Up42Api::parseDataProducts(v.toObject())) {
                if (p.id == product || p.name.compare(product, Qt::CaseInsensitive) == 0) {
                    found = p;
                }
                if (sceneCollections.contains(p.collection)) {
                    offered.append(QStringLiteral("%1 (%2, %3)").arg(p.name, p.id, p.collection));
                }
            }
        }
        if (!found && !isUuid(product)) {
            usageError(
                QStringLiteral("--product: UP42 has no data product \"%1\"%2")
                    .arg(product, offered.isEmpty() ? QString() : u"; for these scenes: "_s + offered.join(u", "_s)));
            return;
        }
        if (found && !sceneCollections.isEmpty()
            && (sceneCollections.size() > 1 || sceneCollections.first() != found->collection)) {
            usageError(QStringLiteral("--product: %1 is a product of collection %2, the scenes are of %3%4")
                           .arg(found->name, found->collection, sceneCollections.join(u", "_s),
                               offered.isEmpty() ? QString() : u"; products for them: "_s + offered.join(u", "_s)));
            return;
        }
        const QString productId = found ? found->id : product;
        QList<QJsonObject> payloads;
        for (const QJsonValue &v : scenes) {
            const QJsonObject scene = v.toObject();
            const QString sceneId = sceneIdOf(scene);
            QString displayName = name;
            if (displayName.isEmpty()) {
                const QString collection = sceneCollectionOf(scene);
                displayName = (collection.isEmpty() ? u"Scene "_s : collection + u" scene "_s) + sceneId;
            }
            // One order per scene: the scene in params.id, its footprint as the one feature.
            payloads.append(Up42Api::orderPayload(productId, displayName, QJsonObject { { u"id"_s, sceneId } },
                QJsonArray {
                    QJsonObject { { u"type"_s, u"Feature"_s }, { u"geometry"_s, scene.value(u"geometry"_s) } } },
                tags));
        }
        auto answers = std::make_shared<QJsonArray>();
        auto estimates = std::make_shared<QList<Up42Estimate>>();
        auto next = std::make_shared<std::function<void()>>();
        *next = [=, this] {
            if (answers->size() < payloads.size()) {
                JsonCallJob *job = session->client()->estimate(payloads.at(answers->size()));
                connect(job, &StacJob::finished, this, [=, this] {
                    if (!job->isOk()) {
                        *next = nullptr;
                        up42Error(job->error());
                        return;
                    }
                    answers->append(job->json());
                    estimates->append(Up42Api::parseEstimate(job->json()));
                    const auto step = *next; // a copy: the step may drop *next
                    step();
                });
                return;
            }
            *next = nullptr; // runs as a copy (see above)
            // Every scene priced: the table (stdout for estimate, stderr before a submission).
            qint64 total = 0;
            QString unit;
            QStringList problems;
            QList<QStringList> rows;
            for (qsizetype i = 0; i < payloads.size(); ++i) {
                const Up42Estimate &e = estimates->at(i);
                const QJsonObject scene = scenes.at(i).toObject();
                total += std::max<qint64>(0, e.totalCredits);
                unit = e.unit;
                rows.append({ sceneIdOf(scene), sceneCollectionOf(scene),
                    localTimeText(Up42Api::parseTime(scene.value(u"properties"_s).toObject().value(u"datetime"_s))),
                    QString::number(e.totalSize) + u' ' + e.unit, creditsText(e.totalCredits) });
                for (const Up42Estimate::Problem &p : e.errors) {
                    problems.append(
                        QStringLiteral("scene %1: %2%3")
                            .arg(sceneIdOf(scene), p.message, p.details.isEmpty() ? QString() : u": "_s + p.details));
                }
            }
            const QStringList header { u"SCENE"_s, u"COLLECTION"_s, u"ACQUIRED"_s, u"SIZE"_s, u"CREDITS"_s };
            if (!submit) {
                if (json) {
                    printJson(*answers);
                } else {
                    printTable(header, rows);
                    printLine(QStringLiteral("total: %1 credits").arg(total));
                    std::fflush(stdout);
                }
            }
            for (const QString &p : std::as_const(problems)) {
                m_err << "error: UP42 would not order " << p << '\n';
            }
            if (!problems.isEmpty()) {
                if (submit) {
                    m_err << "nothing was ordered\n";
                }
                complete(RemoteError);
                return;
            }
            if (!submit) {
                m_err << "estimated: " << payloads.size() << " scene(s), " << total << " credits (nothing ordered)\n";
                complete(Success);
                return;
            }
            for (const QStringList &row : std::as_const(rows)) {
                m_err << "  " << row.join(u"  "_s) << " credits\n";
            }
            auto place = [=, this](const QString &ws) {
                QStringList bodies;
                for (const QJsonObject &p : payloads) {
                    bodies.append(u"  POST "_s + Up42Api::placeUrl(session->apiUrl(), ws).toString() + u"\n  "_s
                        + QString::fromUtf8(compact(p)));
                }
                const QString what = QStringLiteral("About to order %1 scene(s) from UP42 for %2 credits (%3) into "
                                                    "workspace %4:\n%5")
                                         .arg(payloads.size())
                                         .arg(total)
                                         .arg(unit, ws, bodies.join(u'\n'));
                if (confirm(what, yes)) {
                    up42Place(session, payloads, ws, json);
                }
            };
            if (!workspace.isEmpty()) {
                place(workspace);
                return;
            }
            // The account's default workspace: userinfo's "sub".
            AccountCheckJob *check = session->check();
            connect(check, &StacJob::finished, this, [=, this] {
                if (!check->isOk()) {
                    up42Error(check->error());
                    return;
                }
                place(session->workspaceId());
            });
        };
        const auto first = *next;
        first();
    });
}

void Cli::up42Place(Up42Session *session, const QList<QJsonObject> &payloads, const QString &workspace, bool json)
{
    auto answers = std::make_shared<QJsonArray>();
    auto next = std::make_shared<std::function<void()>>();
    *next = [=, this] {
        if (answers->size() == payloads.size()) {
            *next = nullptr;
            if (json) {
                printJson(*answers);
            }
            complete(Success);
            return;
        }
        // Costs credits: sent once, never repeated, whatever happens to the answer.
        JsonCallJob *job = session->client()->placeOrder(workspace, payloads.at(answers->size()));
        connect(job, &StacJob::finished, this, [=, this] {
            const QString scene = payloads.at(answers->size()).value(u"params"_s).toObject().value(u"id"_s).toString();
            if (!job->isOk()) {
                *next = nullptr;
                if (answers->size() > 0) {
                    m_err << answers->size() << " of " << payloads.size() << " scene(s) were ordered before this\n";
                }
                m_err << "scene " << scene << ": ";
                up42Error(job->error(), true);
                return;
            }
            answers->append(job->json());
            const Up42Placement placement = Up42Api::parsePlacement(job->json());
            for (const Up42Placement::Placed &p : placement.placed) {
                m_err << "ordered: " << p.orderId << " (scene " << scene << ")\n";
                if (!json) {
                    printLine(p.orderId);
                    std::fflush(stdout);
                }
            }
            if (!placement.errors.isEmpty() || placement.placed.isEmpty()) {
                *next = nullptr;
                for (const Up42Estimate::Problem &p : placement.errors) {
                    m_err << "error: UP42 did not order scene " << scene << ": " << p.message
                          << (p.details.isEmpty() ? QString() : u": "_s + p.details) << '\n';
                }
                if (json) {
                    printJson(*answers);
                }
                complete(RemoteError);
                return;
            }
            const auto step = *next; // a copy: the step may drop *next
            step();
        });
    };
    const auto first = *next;
    first();
}

void Cli::runUp42Quotations(const QStringList &args)
{
    const QString sub = args.value(1);
    CliParser parser;
    parser.addOptions(providerOptions());
    parser.addOptions(
        { { u"json"_s, u"UP42's own objects as JSON."_s }, { u"yes"_s, u"Confirm without asking (accept, reject)."_s },
            { u"workspace"_s, u"Only this workspace (list)."_s, u"id"_s },
            { u"order"_s, u"Only the quotations of this order (list)."_s, u"id"_s },
            { u"decision"_s, u"NOT_DECIDED, ACCEPTED or REJECTED (list; repeatable)."_s, u"decision"_s },
            { u"limit"_s, u"At most this many quotations (list)."_s, u"n"_s },
            { u"page-size"_s, u"Quotations per request (list; default 100)."_s, u"n"_s } });
    parser.addPositionalArgument(u"id"_s, u"Quotation id (accept, reject)."_s);
    static const QStringList subs = { u"list"_s, u"accept"_s, u"reject"_s };
    if (!subs.contains(sub) || !parser.parse(args.mid(1))) {
        usageError(subs.contains(sub) ? parser.errorText() : u"quotations needs list, accept ID or reject ID"_s);
        return;
    }
    if (!wantsProvider(parser)) {
        usageError(u"quotations needs --account NAME or --provider up42"_s);
        return;
    }
    const QStringList positional = parser.positionalArguments();
    if ((sub == u"list"_s) != positional.isEmpty() || positional.size() > 1) {
        usageError(sub == u"list"_s ? u"quotations list takes no id"_s
                                    : QStringLiteral("quotations %1 needs exactly one quotation id").arg(sub));
        return;
    }
    QStringList decisions;
    int limit = 0;
    int pageSize = Up42Api::DefaultPageSize;
    if (!choiceValues(parser, u"decision"_s, { u"NOT_DECIDED"_s, u"ACCEPTED"_s, u"REJECTED"_s }, &decisions)
        || !intOption(parser, u"limit"_s, 1, 1000000, &limit)
        || !intOption(parser, u"page-size"_s, 1, 2000, &pageSize)) {
        return;
    }
    const bool json = parser.isSet(u"json"_s);
    const bool yes = parser.isSet(u"yes"_s);
    auto *session = qobject_cast<Up42Session *>(openSession(parser, u"up42"_s));
    if (!session) {
        return;
    }
    QUrl url
        = Up42Api::quotationsUrl(session->apiUrl(), parser.value(u"workspace"_s), parser.value(u"order"_s), decisions);
    if (sub != u"list"_s) {
        QUrlQuery q(url);
        q.addQueryItem(u"id"_s, positional.first());
        url.setQuery(q);
        limit = 1;
    }
    auto *job = new Up42PagedJob(session->client()->network(), url, limit, pageSize, this);
    connect(job, &StacJob::finished, this, [=, this] {
        if (!job->isOk()) {
            up42Error(job->error());
            return;
        }
        if (sub == u"list"_s) {
            if (json) {
                printJson(job->items());
            } else {
                QList<QStringList> rows;
                for (const QJsonValue &v : job->items()) {
                    const Up42Quotation q = Up42Api::parseQuotation(v.toObject());
                    rows.append({ q.id, localTimeText(q.createdAt), q.orderId, creditsText(q.creditsPrice), q.decision,
                        localTimeText(q.decisionAt) });
                }
                printTable({ u"ID"_s, u"CREATED"_s, u"ORDER"_s, u"CREDITS"_s, u"DECISION"_s, u"DECIDED"_s }, rows);
            }
            m_err << "quotations: " << job->items().size() << '\n';
            complete(Success);
            return;
        }
        if (job->items().isEmpty()) {
            m_err << "error: UP42 has no quotation " << positional.first() << " in this account\n";
            complete(RemoteError);
            return;
        }
        const Up42Quotation q = Up42Api::parseQuotation(job->items().first().toObject());
        if (q.decision != u"NOT_DECIDED"_s) {
            m_err << "error: quotation " << q.id << " was already decided: " << q.decision << " on "
                  << localTimeText(q.decisionAt) << "; nothing was sent\n";
            complete(RemoteError);
            return;
        }
        const bool accept = sub == u"accept"_s;
        const QString what = QStringLiteral("About to %1 quotation %2 of order %3: %4 credits%5\n  PATCH %6\n  %7")
                                 .arg(accept ? u"accept"_s : u"reject"_s, q.id, q.orderId, creditsText(q.creditsPrice),
                                     accept ? u" will be charged"_s : u" (the order will not go ahead)"_s,
                                     Up42Api::quotationUrl(session->apiUrl(), q.id).toString(),
                                     QString::fromUtf8(compact(Up42Api::quotationDecision(accept))));
        if (!confirm(what, yes)) {
            return;
        }
        JsonCallJob *decide = session->client()->decideQuotation(q.id, accept);
        connect(decide, &StacJob::finished, this, [=, this] {
            if (!decide->isOk()) {
                up42Error(decide->error(), true);
                return;
            }
            const Up42Quotation decided = Up42Api::parseQuotation(decide->json());
            if (json) {
                printJson(decide->json());
            } else {
                printLine(QStringLiteral("%1 %2").arg(decided.id, decided.decision));
                std::fflush(stdout);
            }
            m_err << "quotation " << decided.id << ": " << decided.decision << " (order " << decided.orderId << ")\n";
            complete(Success);
        });
    });
}

} // namespace StacScope
