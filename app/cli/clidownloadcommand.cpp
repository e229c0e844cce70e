// stacscope-cli download: parse the options, load the items, hand them to CliDownload.
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "app/cli/cli.h"
#include "app/cli/clidownload.h"
#include "src/net/networkclient.h"
#include "src/providers/accountsession.h"
#include "src/stac/itemjob.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// Whether the selection already holds this item (same collection and id).
bool holdsItem(const AssetSelection &selection, const QJsonObject &item)
{
    const QString id = item.value(u"id"_s).toString();
    const QString collection = item.value(u"collection"_s).toString();
    for (int i = 0; i < selection.itemCount(); ++i) {
        if (selection.itemId(i) == id && selection.itemCollection(i) == collection) {
            return true;
        }
    }
    return false;
}

// Items from a local GeoJSON file: a FeatureCollection or a single Feature. An item that is there
// twice (overlapping search pages, merged files) is counted in `duplicates` and downloaded once.
bool loadItemsFile(const QString &path, AssetSelection *selection, QString *error, int *duplicates)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("%1 is not a GeoJSON object: %2 at byte %3")
                     .arg(path, parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    const QJsonObject root = doc.object();
    const QUrl source = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
    QJsonArray features;
    if (root.value(u"type"_s).toString() == u"FeatureCollection"_s) {
        features = root.value(u"features"_s).toArray();
    } else {
        features.append(root);
    }
    int index = 0;
    for (const QJsonValue &feature : std::as_const(features)) {
        const QJsonObject object = feature.toObject();
        QString itemError;
        if (!selection->addItem(object, source, &itemError)) {
            if (!holdsItem(*selection, object)) {
                *error = QStringLiteral("%1: feature %2: %3").arg(path).arg(index).arg(itemError);
                return false;
            }
            ++*duplicates;
        }
        ++index;
    }
    if (selection->itemCount() == 0) {
        *error = QStringLiteral("%1 holds no STAC items").arg(path);
        return false;
    }
    return true;
}

} // namespace

void Cli::runDownload(const QStringList &args)
{
    CliParser parser;
    parser.addOptions({
        { u"items"_s, u"A GeoJSON FeatureCollection of STAC items (e.g. from search --out)."_s, u"file"_s },
        { u"item"_s, u"One STAC item: a file or a URL."_s, u"file-or-url"_s },
        { u"dir"_s, u"Download folder (default: the current folder)."_s, u"dir"_s },
        { u"include"_s, u"Only these asset keys, roles or media types (comma-separated)."_s, u"list"_s },
        { u"exclude"_s, u"Not these asset keys, roles or media types; wins over --include."_s, u"list"_s },
        { u"parallel"_s, u"Files downloaded at once (default 4)."_s, u"n"_s },
        { u"flat"_s, u"All files in the download folder, not one folder per item."_s },
        { u"overwrite"_s, u"Replace existing files that differ (only once ours is verified)."_s },
        { u"keep-both"_s, u"Keep existing files that differ and write ours beside them."_s },
        headerOption(),
    });
    parser.addOptions(providerOptions());
    if (!parser.parse(args)) {
        usageError(parser.errorText());
        return;
    }
    if (parser.isSet(u"items"_s) == parser.isSet(u"item"_s)) {
        usageError(u"download needs exactly one of --items FILE or --item FILE_OR_URL"_s);
        return;
    }
    if (parser.isSet(u"overwrite"_s) && parser.isSet(u"keep-both"_s)) {
        usageError(u"--overwrite and --keep-both exclude each other"_s);
        return;
    }
    bool parallelOk = true;
    const int parallel = parser.isSet(u"parallel"_s) ? parser.value(u"parallel"_s).toInt(&parallelOk) : 4;
    if (!parallelOk || parallel < 1 || parallel > 32) {
        usageError(u"--parallel needs a number from 1 to 32"_s);
        return;
    }
    auto options = std::make_shared<CliDownload::Options>();
    if (!parseHeaders(parser.values(u"header"_s), &options->headers)) {
        return;
    }
    const QString dir = parser.isSet(u"dir"_s) ? parser.value(u"dir"_s) : QDir::currentPath();
    if (!QDir().mkpath(dir)) {
        m_err << "error: cannot create the download folder " << dir << '\n';
        complete(RemoteError);
        return;
    }
    options->parallel = parallel;
    options->plan.directory = QDir(dir).absolutePath();
    options->plan.layout = parser.isSet(u"flat"_s) ? DownloadLayout::Flat : DownloadLayout::PerItem;
    options->plan.existingPolicy = parser.isSet(u"overwrite"_s) ? ExistingFilePolicy::Overwrite
        : parser.isSet(u"keep-both"_s)                          ? ExistingFilePolicy::KeepBoth
                                                                : ExistingFilePolicy::Fail;
    auto selection = std::make_shared<AssetSelection>();
    selection->setInclude(AssetSelection::parseList(parser.values(u"include"_s).join(u',')));
    selection->setExclude(AssetSelection::parseList(parser.values(u"exclude"_s).join(u',')));

    // An account's items: its session binds the credentials for its own hosts and signs links.
    auto refresher = std::make_shared<QPointer<AccountSession>>();
    auto run = [this, selection, options, refresher] {
        UrlRefresher *signer = *refresher ? (*refresher)->urlRefresher() : nullptr;
        auto *download = new CliDownload(m_nam, m_router, signer, m_err, this);
        connect(download, &CliDownload::finished, this, [this](int code) { complete(code); });
        download->start(*selection, *options);
    };

    auto runFile = [this, selection, run](const QString &path) {
        QString error;
        int duplicates = 0;
        if (!loadItemsFile(path, selection.get(), &error, &duplicates)) {
            m_err << "error: " << error << '\n';
            complete(RemoteError);
            return;
        }
        if (duplicates > 0) {
            m_err << "warning: " << path << " holds " << duplicates << " duplicate item(s); each is downloaded once\n";
        }
        run();
    };

    if (wantsProvider(parser)) {
        if (!parser.isSet(u"items"_s)) {
            usageError(u"download with --account or --provider takes --items FILE"_s);
            return;
        }
        withSession(parser, {}, [refresher, runFile, path = parser.value(u"items"_s)](AccountSession *session) {
            *refresher = session;
            runFile(path);
        });
        return;
    }
    if (parser.isSet(u"items"_s)) {
        runFile(parser.value(u"items"_s));
        return;
    }
    const QUrl url = QUrl::fromUserInput(parser.value(u"item"_s), QDir::currentPath(), QUrl::AssumeLocalFile);
    if (url.isLocalFile()) {
        runFile(url.toLocalFile());
        return;
    }
    bindHeaders(url, options->headers);
    auto *job = new ItemJob(m_network, HttpRequest::get(url), this);
    connect(job, &StacJob::finished, this, [this, job, url, selection, run] {
        if (!job->isOk()) {
            remoteError(job);
            return;
        }
        QString error;
        if (!selection->addItem(job->json(), url, &error)) {
            m_err << "error: " << url.toString() << ": " << error << '\n';
            complete(RemoteError);
            return;
        }
        run();
    });
}

} // namespace StacScope
