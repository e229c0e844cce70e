// stacscope-cli: Capella orders (review, submit, list, download) and downloads by collect id,
// after seed 003's review_order, submit_order, list_orders and download_products.
#include <cstdio>

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include "app/cli/cli.h"
#include "app/cli/clidownload.h"
#include "app/cli/clitext.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountstore.h"
#include "src/providers/capella/capellaapi.h"
#include "src/providers/capella/capellaclient.h"
#include "src/providers/capella/capellasearchjob.h"
#include "src/providers/capella/capellasession.h"

using namespace Qt::StringLiterals;
using StacScope::CliText::parseTarget;
using StacScope::CliText::printLine;
using StacScope::CliText::timeText;

namespace StacScope {

namespace {

QString explainCapella(const NetworkError &e, bool costly)
{
    QStringList lines = CapellaApi::explain(e);
    lines.prepend(e.toString());
    if (costly && (e.kind == NetworkError::Kind::Network || e.kind == NetworkError::Kind::Timeout)) {
        // Sent, but no answer: it may have been carried out. It is never repeated by itself.
        lines.append(u"The request may have reached Capella: check with \"orders list\" or \"tasks list\" before "
                     "trying again."_s);
    }
    return lines.join(u"\n  "_s);
}

// Granules of a FeatureCollection (or one Feature) of STAC items.
bool readItemsFile(const QString &path, QList<CapellaGranule> *out, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("%1 is not JSON: %2").arg(path, parseError.errorString());
        return false;
    }
    const QJsonObject o = doc.object();
    const QJsonArray features
        = o.value(u"type"_s) == u"Feature"_s ? QJsonArray { o } : o.value(u"features"_s).toArray();
    for (const QJsonValue &f : features) {
        const QString id = f.toObject().value(u"id"_s).toString();
        const QString collection = f.toObject().value(u"collection"_s).toString();
        if (id.isEmpty() || collection.isEmpty()) {
            *error = QStringLiteral("%1: every item needs an id and a collection").arg(path);
            return false;
        }
        out->append({ collection, id });
    }
    if (out->isEmpty()) {
        *error = QStringLiteral("%1 holds no items").arg(path);
        return false;
    }
    return true;
}

QString granuleLines(const QList<CapellaGranule> &granules)
{
    QStringList lines;
    for (const CapellaGranule &g : granules) {
        lines.append(u"  "_s + g.collectionId + u'/' + g.granuleId);
    }
    return lines.join(u'\n');
}

} // namespace

QString Cli::providerOf(const QStringList &args)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == u"--provider"_s) {
            return args.value(i + 1);
        }
        if (a.startsWith(u"--provider="_s)) {
            return a.mid(11);
        }
        QString name;
        if (a == u"--account"_s) {
            name = args.value(i + 1);
        } else if (a.startsWith(u"--account="_s)) {
            name = a.mid(10);
        }
        if (!name.isEmpty()) {
            return accounts()->store()->byName(name).provider;
        }
    }
    return {};
}

void Cli::capellaGranules(CapellaSession *session, const QString &itemsFile, const QString &idsText,
    std::function<void(const QList<CapellaGranule> &)> run)
{
    if (!itemsFile.isEmpty()) {
        QList<CapellaGranule> granules;
        QString problem;
        if (!readItemsFile(itemsFile, &granules, &problem)) {
            usageError(u"--items: "_s + problem);
            return;
        }
        run(granules);
        return;
    }
    // By STAC ids: their collections come from the catalog, as submit_order(stac_ids=...) does.
    const QStringList ids = idsText.split(u',', Qt::SkipEmptyParts);
    SearchParameters p;
    p.ids = ids;
    p.limit = CapellaApi::MaxPageSize;
    m_store.clear();
    CapellaSearchJob *job = session->client()->search(p, &m_store);
    connect(job, &StacJob::finished, this, [this, job, ids, run] {
        if (!job->isOk()) {
            providerError(job->error(), explainCapella(job->error(), false));
            return;
        }
        QList<CapellaGranule> granules;
        QStringList missing;
        for (const QString &id : ids) {
            const auto it = std::find_if(
                m_store.items().begin(), m_store.items().end(), [&](const ItemRecord &r) { return r.id == id; });
            if (it == m_store.items().end()) {
                missing.append(id);
            } else {
                granules.append({ it->collection, it->id });
            }
        }
        if (!missing.isEmpty()) {
            m_err << "error: not in Capella's catalog: " << missing.join(u", "_s) << '\n';
            complete(RemoteError);
            return;
        }
        run(granules);
    });
}

void Cli::runOrders(const QStringList &args)
{
    const QString sub = args.value(1);
    CliParser parser;
    parser.addOptions(providerOptions());
    parser.addOptions(
        { { u"json"_s, u"Capella's own objects as JSON."_s }, { u"yes"_s, u"Confirm without asking (submit)."_s },
            { u"items"_s, u"GeoJSON file of STAC items to order (e.g. search --out)."_s, u"file"_s },
            { u"ids"_s, u"Comma-separated STAC ids to order."_s, u"ids"_s },
            { u"reuse-active"_s, u"Reuse an active order that already holds every item (submit)."_s },
            { u"active"_s, u"Only orders that have not expired (list)."_s },
            { u"id"_s, u"Only this order (list; repeatable)."_s, u"id"_s },
            { u"dir"_s, u"Download folder (download)."_s, u"dir"_s },
            { u"product-types"_s, u"Only these product types, e.g. GEO,SLC (download)."_s, u"types"_s },
            { u"include"_s, u"Only these asset keys (raster = HH or VV; download)."_s, u"keys"_s },
            { u"exclude"_s, u"Not these asset keys (wins over --include; download)."_s, u"keys"_s },
            { u"flat"_s, u"All files in one folder instead of one per product (download)."_s },
            { u"overwrite"_s, u"Replace files that exist and differ (download)."_s },
            { u"parallel"_s, u"Files downloaded at once (default 4)."_s, u"n"_s } });
    parser.addPositionalArgument(u"order"_s, u"Order id (download)."_s);
    static const QStringList subs = { u"review"_s, u"submit"_s, u"list"_s, u"download"_s };
    if (!subs.contains(sub) || !parser.parse(args.mid(1))) {
        usageError(subs.contains(sub) ? parser.errorText() : u"orders needs review, submit, list or download"_s);
        return;
    }
    if (!wantsProvider(parser)) {
        usageError(u"orders needs --account NAME or --provider capella"_s);
        return;
    }
    const QStringList positional = parser.positionalArguments();
    const bool json = parser.isSet(u"json"_s);
    const bool yes = parser.isSet(u"yes"_s);
    if ((sub == u"review"_s || sub == u"submit"_s) && parser.isSet(u"items"_s) == parser.isSet(u"ids"_s)) {
        usageError(QStringLiteral("orders %1 needs --items FILE or --ids ID,ID (one of them)").arg(sub));
        return;
    }
    if (sub == u"download"_s && (positional.size() != 1 || !parser.isSet(u"dir"_s))) {
        usageError(u"orders download needs one order id and --dir DIR"_s);
        return;
    }
    if (sub != u"download"_s && !positional.isEmpty()) {
        usageError(QStringLiteral("orders %1 takes no positional argument").arg(sub));
        return;
    }
    int parallel = 4;
    if (parser.isSet(u"parallel"_s)) {
        bool ok = false;
        parallel = parser.value(u"parallel"_s).toInt(&ok);
        if (!ok || parallel < 1 || parallel > 16) {
            usageError(u"--parallel needs a number from 1 to 16"_s);
            return;
        }
    }
    CapellaApi::AssetFilter filter;
    filter.productTypes = parser.value(u"product-types"_s).split(u',', Qt::SkipEmptyParts);
    filter.include = parser.value(u"include"_s).split(u',', Qt::SkipEmptyParts);
    filter.exclude = parser.value(u"exclude"_s).split(u',', Qt::SkipEmptyParts);
    filter.flat = parser.isSet(u"flat"_s);
    filter.overwrite = parser.isSet(u"overwrite"_s);
    const QString dir = parser.value(u"dir"_s);
    const QStringList only = parser.values(u"id"_s);
    const bool activeOnly = parser.isSet(u"active"_s);
    const bool reuseActive = parser.isSet(u"reuse-active"_s);
    const QString itemsFile = parser.value(u"items"_s);
    const QString idsText = parser.value(u"ids"_s);

    auto *session = qobject_cast<CapellaSession *>(openSession(parser, u"capella"_s));
    if (!session) {
        return;
    }
    if (sub == u"download"_s) {
        capellaDownloadOrder(session, positional.first(), filter, dir, parallel);
        return;
    }
    session->withUser(this, [=, this](const NetworkError &userError) {
        if (userError.isError()) {
            providerError(userError, explainCapella(userError, false));
            return;
        }
        CapellaClient *client = session->client();
        if (sub == u"list"_s) {
            JsonCallJob *job = client->orders(session->userId());
            connect(job, &StacJob::finished, this, [=, this] {
                if (!job->isOk()) {
                    providerError(job->error(), explainCapella(job->error(), false));
                    return;
                }
                const QDateTime now = QDateTime::currentDateTimeUtc();
                QJsonArray kept;
                QList<CapellaOrder> orders;
                for (const QJsonValue &v : job->array()) {
                    const CapellaOrder o = CapellaApi::parseOrder(v.toObject());
                    if ((!only.isEmpty() && !only.contains(o.id)) || (activeOnly && !o.isActive(now))) {
                        continue;
                    }
                    kept.append(v);
                    orders.append(o);
                }
                if (json) {
                    printJson(kept);
                } else {
                    for (const CapellaOrder &o : orders) {
                        printLine(QStringLiteral("%1\t%2\t%3\texpires %4\t%5 items%6")
                                      .arg(o.id, timeText(o.orderDate), o.status, timeText(o.expirationDate))
                                      .arg(o.items.size())
                                      .arg(o.isActive(now) ? u"\tactive"_s : QString()));
                    }
                    std::fflush(stdout);
                }
                m_err << "orders: " << orders.size() << '\n';
                complete(Success);
            });
            return;
        }
        capellaGranules(session, itemsFile, idsText, [=, this](const QList<CapellaGranule> &granules) {
            auto printOrder = [=, this](const CapellaOrder &o) {
                if (json) {
                    printJson(o.raw);
                } else {
                    printLine(o.id);
                }
                complete(Success);
            };
            if (sub == u"review"_s) {
                capellaReview(session, granules, json, [=, this](const CapellaOrderReview &r) {
                    if (!json) {
                        printLine(u"total: "_s + (r.total().isEmpty() ? u"-"_s : r.total()));
                        printLine(u"authorized: yes"_s);
                        std::fflush(stdout);
                    }
                    complete(Success);
                });
                return;
            }
            auto order = [=, this] { capellaReviewAndSubmit(session, granules, yes, u"About to order"_s, printOrder); };
            if (!reuseActive) {
                order();
                return;
            }
            // As check_active_orders: an active order holding every product is the answer, and
            // nothing is ordered; otherwise the new order's cost is shown and confirmed first.
            capellaActiveOrder(session, granules, [=, this](const std::optional<CapellaOrder> &active) {
                if (!active) {
                    m_err << "no active order holds these products: a new order is needed\n";
                    order();
                    return;
                }
                m_err << "reusing active order " << active->id << " (expires " << timeText(active->expirationDate)
                      << "); nothing was ordered\n";
                printOrder(*active);
            });
        });
    });
}

void Cli::capellaActiveOrder(CapellaSession *session, const QList<CapellaGranule> &granules,
    std::function<void(const std::optional<CapellaOrder> &)> found)
{
    auto *job = new CapellaActiveOrderJob(session->client(), session->userId(), granules, this);
    connect(job, &StacJob::finished, this, [=, this] {
        if (!job->isOk()) {
            providerError(job->error(), explainCapella(job->error(), false));
            return;
        }
        found(job->order());
    });
}

void Cli::capellaReview(CapellaSession *session, const QList<CapellaGranule> &granules, bool print,
    std::function<void(const CapellaOrderReview &)> authorized)
{
    JsonCallJob *review = session->client()->reviewOrder(granules, session->contractId());
    connect(review, &StacJob::finished, this, [=, this] {
        if (!review->isOk()) {
            providerError(review->error(), explainCapella(review->error(), false));
            return;
        }
        const CapellaOrderReview r = CapellaApi::parseReview(review->json());
        if (print) {
            printJson(review->json());
        }
        if (!r.authorized) {
            m_err << "error: Capella would not accept this order: "
                  << (r.denialMessage.isEmpty() ? u"no reason given"_s : r.denialMessage)
                  << (r.denialCode.isEmpty() ? QString() : u" ("_s + r.denialCode + u')') << '\n';
            complete(RemoteError);
            return;
        }
        if (!print) {
            m_err << granuleLines(granules) << '\n';
            for (auto it = r.summary.begin(); it != r.summary.end(); ++it) {
                m_err << it.key() << ": " << it.value().toVariant().toString() << '\n';
            }
        }
        authorized(r);
    });
}

void Cli::capellaReviewAndSubmit(CapellaSession *session, const QList<CapellaGranule> &granules, bool yes,
    const QString &intro, std::function<void(const CapellaOrder &)> ordered)
{
    capellaReview(session, granules, false, [=, this](const CapellaOrderReview &r) {
        CapellaClient *client = session->client();
        const QString what
            = QStringLiteral("%1 %2 product(s) from Capella for %3%4:\n  POST %5\n  %6")
                  .arg(intro)
                  .arg(granules.size())
                  .arg(r.total().isEmpty() ? u"(no price quoted)"_s : r.total(),
                      session->contractId().isEmpty() ? QString() : u" under contract "_s + session->contractId(),
                      CapellaApi::ordersUrl(client->apiUrl()).toString(),
                      QString::fromUtf8(QJsonDocument(CapellaApi::orderBody(granules, session->contractId()))
                                            .toJson(QJsonDocument::Compact)));
        if (!confirm(what, yes)) {
            return;
        }
        auto *job = new CapellaSubmitOrderJob(client, session->userId(), granules, session->contractId(), false, this);
        connect(job, &StacJob::finished, this, [=, this] {
            if (!job->isOk()) {
                providerError(job->error(), explainCapella(job->error(), job->submitted()));
                return;
            }
            m_err << "ordered: " << job->order().id << " (" << job->order().status << ", expires "
                  << timeText(job->order().expirationDate) << ")\n";
            ordered(job->order());
        });
    });
}

void Cli::capellaDownloadOrder(CapellaSession *session, const QString &orderId, const CapellaApi::AssetFilter &filter,
    const QString &dir, int parallel)
{
    JsonCallJob *job = session->client()->presign(orderId);
    connect(job, &StacJob::finished, this, [=, this] {
        if (!job->isOk()) {
            providerError(job->error(), explainCapella(job->error(), false));
            return;
        }
        if (!QDir().mkpath(dir)) {
            m_err << "error: cannot create the download folder " << dir << '\n';
            complete(RemoteError);
            return;
        }
        const QString root = QDir(dir).absolutePath();
        const QList<DownloadTask> tasks = CapellaApi::planDownload(CapellaApi::parsePresigned(job->array()), orderId,
            session->client()->apiUrl(), root, filter, session->sourceId());
        if (tasks.isEmpty()) {
            m_err << "error: nothing of order " << orderId << " matches the product types and asset filters\n";
            complete(RemoteError);
            return;
        }
        m_err << "order " << orderId << ": " << tasks.size() << " file(s) to " << root << '\n';
        // Presigned links go to S3 without the API key (the router binds it to the API host only);
        // expired ones are signed again through the order by the session.
        auto *download = new CliDownload(m_nam, m_router, session, m_err, this);
        connect(download, &CliDownload::finished, this, [this](int code) { complete(code); });
        download->startTasks(tasks, parallel, root);
    });
}

void Cli::capellaOrderAndDownload(CapellaSession *session, const QList<CapellaGranule> &granules,
    const CapellaApi::AssetFilter &filter, const QString &dir, int parallel, bool yes)
{
    if (granules.isEmpty()) {
        m_err << "error: no products yet (collects not delivered, or none of the product types asked for)\n";
        complete(RemoteError);
        return;
    }
    session->withUser(this, [=, this](const NetworkError &userError) {
        if (userError.isError()) {
            providerError(userError, explainCapella(userError, false));
            return;
        }
        capellaActiveOrder(session, granules, [=, this](const std::optional<CapellaOrder> &active) {
            if (active) {
                m_err << "products held by active order " << active->id << '\n';
                capellaDownloadOrder(session, active->id, filter, dir, parallel);
                return;
            }
            // A new order: tasked products are the organization's own, but the price is Capella's
            // to say, so it is reviewed and confirmed like any order.
            capellaReviewAndSubmit(session, granules, yes, u"The products are in no active order; about to order"_s,
                [=, this](const CapellaOrder &o) { capellaDownloadOrder(session, o.id, filter, dir, parallel); });
        });
    });
}

void Cli::runCollects(const QStringList &args)
{
    const QString sub = args.value(1);
    CliParser parser;
    parser.addOptions(providerOptions());
    parser.addOptions(
        { { u"yes"_s, u"Confirm an order without asking."_s }, { u"dir"_s, u"Download folder."_s, u"dir"_s },
            { u"product-types"_s, u"Only these product types, e.g. GEC."_s, u"types"_s },
            { u"include"_s, u"Only these asset keys (raster = HH or VV)."_s, u"keys"_s },
            { u"exclude"_s, u"Not these asset keys."_s, u"keys"_s }, { u"flat"_s, u"All files in one folder."_s },
            { u"overwrite"_s, u"Replace files that differ."_s },
            { u"parallel"_s, u"Files downloaded at once (default 4)."_s, u"n"_s } });
    parser.addPositionalArgument(u"collect"_s, u"Collect id(s)."_s);
    if (sub != u"download"_s || !parser.parse(args.mid(1))) {
        usageError(sub != u"download"_s ? u"collects needs download"_s : parser.errorText());
        return;
    }
    if (!wantsProvider(parser)) {
        usageError(u"collects needs --account NAME or --provider capella"_s);
        return;
    }
    const QStringList collectIds = parser.positionalArguments();
    if (collectIds.isEmpty() || !parser.isSet(u"dir"_s)) {
        usageError(u"collects download needs a collect id and --dir DIR"_s);
        return;
    }
    CapellaApi::AssetFilter filter;
    filter.productTypes = parser.value(u"product-types"_s).split(u',', Qt::SkipEmptyParts);
    filter.include = parser.value(u"include"_s).split(u',', Qt::SkipEmptyParts);
    filter.exclude = parser.value(u"exclude"_s).split(u',', Qt::SkipEmptyParts);
    filter.flat = parser.isSet(u"flat"_s);
    filter.overwrite = parser.isSet(u"overwrite"_s);
    const int parallel = std::clamp(parser.value(u"parallel"_s).toInt(), 0, 16);
    const QString dir = parser.value(u"dir"_s);
    const bool yes = parser.isSet(u"yes"_s);
    auto *session = qobject_cast<CapellaSession *>(openSession(parser, u"capella"_s));
    if (!session) {
        return;
    }
    auto *job = new CapellaCollectProductsJob(session->client(), {}, collectIds, filter.productTypes, this);
    connect(job, &StacJob::finished, this, [=, this] {
        if (!job->isOk()) {
            providerError(job->error(), explainCapella(job->error(), false));
            return;
        }
        m_err << "collects " << collectIds.join(u", "_s) << ": " << job->granules().size() << " product(s)\n";
        capellaOrderAndDownload(session, job->granules(), filter, dir, parallel > 0 ? parallel : 4, yes);
    });
}

} // namespace StacScope
