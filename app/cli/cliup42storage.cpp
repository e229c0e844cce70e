// stacscope-cli: UP42 storage, after seed 004 (storage.get_assets, asset.info, asset.stac_items,
// asset.download): assets listed with every documented filter and sort, one asset's metadata and
// STAC items, and downloads through signed links (the bearer token never leaves the API host),
// whole-order ZIPs unpacked once verified without ever writing outside the download folder.
#include <cstdio>
#include <memory>
#include <tuple>

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>

#include "app/cli/cli.h"
#include "app/cli/clidownload.h"
#include "app/cli/clitext.h"
#include "src/download/filenamesanitizer.h"
#include "src/download/ziparchive.h"
#include "src/models/downloadlistmodel.h"
#include "src/net/networkclient.h"
#include "src/providers/jsoncalljob.h"
#include "src/providers/up42/up42api.h"
#include "src/providers/up42/up42client.h"
#include "src/providers/up42/up42provider.h"
#include "src/stac/datetime.h"
#include "src/stac/searchjob.h"
#include "src/stac/searchparameters.h"
#include "src/stac/stacapiclient.h"

using namespace Qt::StringLiterals;
using StacScope::CliText::printLine;

namespace StacScope {

namespace {

// "2024-01-01" (the day's start, or with `endOfDay` its last second, UTC) or RFC 3339.
std::optional<QDateTime> parseDay(const QString &text, bool endOfDay)
{
    static const QRegularExpression dateOnly(u"^\\d{4}-\\d{2}-\\d{2}$"_s);
    if (dateOnly.match(text.trimmed()).hasMatch()) {
        const QDate day = QDate::fromString(text.trimmed(), Qt::ISODate);
        if (!day.isValid()) {
            return std::nullopt;
        }
        return QDateTime(day, endOfDay ? QTime(23, 59, 59) : QTime(0, 0), QTimeZone::utc());
    }
    const std::optional<qint64> ms = Rfc3339::parse(QStringView(text.trimmed()));
    if (!ms) {
        return std::nullopt;
    }
    return QDateTime::fromMSecsSinceEpoch(*ms, QTimeZone::utc());
}

QString sizeText(qint64 bytes)
{
    return bytes < 0 ? u"-"_s : DownloadListModel::formatBytes(bytes);
}

} // namespace

void Cli::runUp42Assets(const QStringList &args)
{
    const QString sub = args.value(1);
    CliParser parser;
    parser.addOptions(providerOptions());
    parser.addOptions({ { u"json"_s, u"UP42's own objects as JSON."_s },
        { u"created-after"_s, u"Created after this date or time (list)."_s, u"date"_s },
        { u"created-before"_s, u"Created before this date (its end) or time (list)."_s, u"date"_s },
        { u"workspace"_s, u"Only this workspace (list)."_s, u"id"_s },
        { u"collection"_s, u"Only this collection, e.g. phr (list; repeatable)."_s, u"name"_s },
        { u"producer"_s, u"Only this producer, e.g. airbus (list; repeatable)."_s, u"name"_s },
        { u"tag"_s, u"Only with this tag (list; repeatable)."_s, u"tag"_s },
        { u"source"_s, u"ARCHIVE, TASKING, PROCESSING or USER (list; repeatable)."_s, u"source"_s },
        { u"search"_s, u"Name, title or order id containing this (list)."_s, u"text"_s },
        { u"order"_s, u"Only the assets of this order (list)."_s, u"id"_s },
        { u"sort"_s, u"Sort by this field (list)."_s, u"field"_s }, { u"descending"_s, u"Sort descending (list)."_s },
        { u"limit"_s, u"At most this many (list)."_s, u"n"_s },
        { u"page-size"_s, u"Assets per request (list; default 100)."_s, u"n"_s },
        { u"stac"_s, u"Also the asset's STAC items and their files (show)."_s },
        { u"dir"_s, u"Download folder (download)."_s, u"dir"_s },
        { u"unpack"_s, u"Unpack ZIP deliveries once verified (download)."_s },
        { u"parallel"_s, u"Files downloaded at once (download; default 4)."_s, u"n"_s } });
    parser.addPositionalArgument(u"id"_s, u"Asset id(s) (show, download)."_s);
    static const QStringList subs = { u"list"_s, u"show"_s, u"download"_s };
    if (!subs.contains(sub) || !parser.parse(args.mid(1))) {
        usageError(subs.contains(sub) ? parser.errorText() : u"assets needs list, show ID or download ID..."_s);
        return;
    }
    if (!wantsProvider(parser)) {
        usageError(u"assets needs --account NAME or --provider up42"_s);
        return;
    }
    const QStringList ids = parser.positionalArguments();
    const bool json = parser.isSet(u"json"_s);
    if ((sub == u"list"_s && !ids.isEmpty()) || (sub == u"show"_s && ids.size() != 1)
        || (sub == u"download"_s && (ids.isEmpty() || !parser.isSet(u"dir"_s)))) {
        usageError(sub == u"list"_s ? u"assets list takes no id"_s
                : sub == u"show"_s  ? u"assets show needs exactly one asset id"_s
                                    : u"assets download needs asset ids and --dir DIR"_s);
        return;
    }
    Up42Api::AssetFilter filter;
    int limit = 0;
    int pageSize = Up42Api::DefaultPageSize;
    int parallel = 4;
    QStringList sort;
    for (const auto &[flag, endOfDay, out] : { std::tuple { u"created-after"_s, false, &filter.createdAfter },
             std::tuple { u"created-before"_s, true, &filter.createdBefore } }) {
        if (parser.isSet(flag)) {
            const std::optional<QDateTime> t = parseDay(parser.value(flag), endOfDay);
            if (!t) {
                usageError(QStringLiteral("--%1 needs a date (2024-01-31) or an RFC 3339 time").arg(flag));
                return;
            }
            *out = *t;
        }
    }
    if (!choiceValues(parser, u"source"_s, Up42Api::assetSources(), &filter.sources)
        || !choiceValues(parser, u"sort"_s, Up42Api::assetSortFields(), &sort)
        || !intOption(parser, u"limit"_s, 1, 1000000, &limit) || !intOption(parser, u"page-size"_s, 1, 2000, &pageSize)
        || !intOption(parser, u"parallel"_s, 1, 16, &parallel)) {
        return;
    }
    if (sort.size() > 1) {
        usageError(u"--sort takes one field of "_s + Up42Api::assetSortFields().join(u", "_s));
        return;
    }
    if (parser.isSet(u"order"_s) && parser.isSet(u"search"_s)) {
        usageError(u"--order and --search exclude each other (an order's assets are found by a search for its id)"_s);
        return;
    }
    filter.sortField = sort.value(0);
    filter.descending = parser.isSet(u"descending"_s);
    filter.workspaceId = parser.value(u"workspace"_s);
    filter.collectionNames = parser.values(u"collection"_s);
    filter.producerNames = parser.values(u"producer"_s);
    filter.tags = parser.values(u"tag"_s);
    const QString order = parser.value(u"order"_s);
    filter.search = order.isEmpty() ? parser.value(u"search"_s) : order;
    auto *session = qobject_cast<Up42Session *>(openSession(parser, u"up42"_s));
    if (!session) {
        return;
    }
    if (sub == u"download"_s) {
        up42Download(session, ids, parser.value(u"dir"_s), parallel, parser.isSet(u"unpack"_s));
        return;
    }
    if (sub == u"show"_s) {
        JsonCallJob *job = session->client()->asset(ids.first());
        const bool stac = parser.isSet(u"stac"_s);
        connect(job, &StacJob::finished, this, [=, this] {
            if (!job->isOk()) {
                up42Error(job->error());
                return;
            }
            const Up42Asset a = Up42Api::parseAsset(job->json());
            if (!json) {
                const QList<std::pair<QString, QString>> fields { { u"id"_s, a.id }, { u"name"_s, a.name },
                    { u"title"_s, a.title.isEmpty() ? u"-"_s : a.title },
                    { u"size"_s,
                        a.size < 0 ? u"-"_s : QStringLiteral("%1 (%2 bytes)").arg(sizeText(a.size)).arg(a.size) },
                    { u"content type"_s, a.contentType }, { u"source"_s, a.source },
                    { u"collection"_s, a.collectionName }, { u"producer"_s, a.producerName },
                    { u"order"_s, a.orderId.isEmpty() ? u"-"_s : a.orderId }, { u"product"_s, a.productId },
                    { u"workspace"_s, a.workspaceId }, { u"created"_s, localTimeText(a.createdAt) },
                    { u"updated"_s, localTimeText(a.updatedAt) }, { u"tags"_s, a.tags.join(u", "_s) },
                    { u"STAC metadata"_s, a.extractionStatus } };
                for (const auto &[key, value] : fields) {
                    printLine(QString(key + u':').leftJustified(15) + value);
                }
                std::fflush(stdout);
            }
            if (!stac) {
                if (json) {
                    printJson(job->json());
                }
                complete(Success);
                return;
            }
            // seed 004's asset.stac_items: the storage STAC API searched by asset_id.
            SearchParameters p;
            p.filter = QJsonObject { { u"op"_s, u"="_s },
                { u"args"_s, QJsonArray { QJsonObject { { u"property"_s, u"asset_id"_s } }, a.id } } };
            auto *client
                = new StacApiClient(session->client()->network(), Up42Api::storageStacUrl(session->apiUrl()), this);
            m_store.clear();
            SearchJob *search = client->search(p, &m_store);
            connect(search, &StacJob::finished, this, [=, this] {
                if (!search->isOk()) {
                    up42Error(search->error());
                    return;
                }
                QJsonArray items;
                for (int i = 0; i < m_store.size(); ++i) {
                    const QJsonObject item = QJsonDocument::fromJson(m_store.rawJson(i)).object();
                    items.append(item);
                    if (json) {
                        continue;
                    }
                    printLine(QStringLiteral("STAC item %1 (%2)")
                                  .arg(item.value(u"id"_s).toString(),
                                      item.value(u"properties"_s).toObject().value(u"datetime"_s).toString()));
                    const QJsonObject files = item.value(u"assets"_s).toObject();
                    for (auto it = files.begin(); it != files.end(); ++it) {
                        printLine(QStringLiteral("  %1: %2 (%3)")
                                      .arg(it.key(), it.value().toObject().value(u"href"_s).toString(),
                                          Up42Api::assetRole(it.value().toObject())));
                    }
                }
                if (json) {
                    printJson(QJsonObject { { u"asset"_s, job->json() }, { u"stacItems"_s, items } });
                }
                std::fflush(stdout);
                m_err << "STAC items: " << items.size() << '\n';
                complete(Success);
            });
        });
        return;
    }
    auto *job = new Up42PagedJob(
        session->client()->network(), Up42Api::assetsUrl(session->apiUrl(), filter), limit, pageSize, this);
    connect(job, &StacJob::finished, this, [=, this] {
        if (!job->isOk()) {
            up42Error(job->error());
            return;
        }
        QJsonArray kept;
        QList<QStringList> rows;
        for (const QJsonValue &v : job->items()) {
            const Up42Asset a = Up42Api::parseAsset(v.toObject());
            if (!order.isEmpty() && a.orderId != order) {
                continue; // the search also matches names and titles
            }
            kept.append(v);
            rows.append({ a.id, localTimeText(a.createdAt), sizeText(a.size), a.source,
                a.collectionName.isEmpty() ? u"-"_s : a.collectionName, a.name, a.title });
        }
        if (json) {
            printJson(kept);
        } else {
            printTable({ u"ID"_s, u"CREATED"_s, u"SIZE"_s, u"SOURCE"_s, u"COLLECTION"_s, u"NAME"_s, u"TITLE"_s }, rows);
        }
        m_err << "assets: " << kept.size();
        if (job->totalElements() >= 0) {
            m_err << " of " << job->totalElements();
        }
        m_err << " (" << job->pages() << (job->pages() == 1 ? " page" : " pages") << ")\n";
        complete(Success);
    });
}

void Cli::up42Download(Up42Session *session, const QStringList &assetIds, const QString &dir, int parallel, bool unpack)
{
    if (!QDir().mkpath(dir)) {
        m_err << "error: cannot create the download folder " << dir << '\n';
        complete(RemoteError);
        return;
    }
    const QString root = QDir(dir).absolutePath();
    // Each asset's metadata first: its file name and size (the size verifies the download).
    auto assets = std::make_shared<QList<Up42Asset>>();
    auto missing = std::make_shared<int>(0);
    auto pending = std::make_shared<qsizetype>(assetIds.size());
    auto stopped = std::make_shared<bool>(false);
    for (const QString &id : assetIds) {
        JsonCallJob *job = session->client()->asset(id);
        connect(job, &StacJob::finished, this, [=, this] {
            if (*stopped) {
                return;
            }
            if (!job->isOk()) {
                if (job->error().isCredentialProblem()) {
                    *stopped = true;
                    up42Error(job->error());
                    return;
                }
                m_err << "error: asset " << id << ": " << Up42Api::explain(job->error()) << '\n';
                ++*missing;
            } else {
                assets->append(Up42Api::parseAsset(job->json()));
            }
            if (--*pending > 0) {
                return;
            }
            QList<DownloadTask> tasks;
            QStringList targets;
            for (const QString &wanted : assetIds) {
                for (const Up42Asset &a : std::as_const(*assets)) {
                    if (a.id != wanted) {
                        continue;
                    }
                    DownloadTask t = Up42Api::planAssetDownload(session->apiUrl(), a.id,
                        a.name.isEmpty() ? a.id : a.name, a.size, root, session->sourceId(), a.title);
                    if (targets.contains(t.targetPath)) {
                        // Two assets of one name: the second is told apart by its id.
                        t.targetPath = root + u'/' + FileNameSanitizer::sanitize(a.id + u'_' + a.name, a.id);
                    }
                    if (!targets.contains(t.targetPath)) {
                        targets.append(t.targetPath);
                        tasks.append(t);
                    }
                }
            }
            if (tasks.isEmpty()) {
                m_err << "error: nothing to download\n";
                complete(RemoteError);
                return;
            }
            // Signed links on the storage host, asked for by the session right before each
            // request (and again when one expired); the bearer token stays on the API host.
            auto *download = new CliDownload(m_nam, m_router, session, m_err, this);
            connect(download, &CliDownload::finished, this, [=, this](int code) {
                int result = code == Success && *missing == 0 ? Success : RemoteError;
                // Where the files ended (the signed link's name may differ from the planned one).
                for (const DownloadTask &t : download->tasks()) {
                    const QFileInfo file(t.targetPath);
                    // Only a file moved into place after verification (its size, as UP42 gave it).
                    const bool verified = t.state == DownloadState::Completed && file.isFile()
                        && (t.expectedSize < 0 || file.size() == t.expectedSize);
                    if (!unpack || !verified || !ZipArchive::isZip(t.targetPath)) {
                        continue;
                    }
                    const ZipArchive::UnpackResult unpacked
                        = ZipArchive::unpack(t.targetPath, ZipArchive::defaultFolder(t.targetPath));
                    if (unpacked.ok) {
                        m_err << "unpacked: " << file.fileName() << " -> " << QDir::toNativeSeparators(unpacked.folder)
                              << " (" << unpacked.files << " files)\n";
                    } else {
                        m_err << "error: not unpacked: " << file.fileName() << ": " << unpacked.error << '\n';
                        result = RemoteError;
                    }
                }
                complete(result);
            });
            download->startTasks(tasks, parallel, root);
        });
    }
}

} // namespace StacScope
