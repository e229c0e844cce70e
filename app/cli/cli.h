#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QCommandLineOption>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTextStream>

#include "app/cli/cliparser.h"
#include "src/net/httprequest.h"
#include "src/stac/itemstore.h"

class QCommandLineParser;
class QNetworkAccessManager;
class QSettings;

namespace StacScope {

class AccountManager;
class AccountSession;
class CapellaSession;
struct CapellaGranule;
struct CapellaOrder;
struct CapellaOrderReview;
namespace CapellaApi {
struct AssetFilter;
}
class AccountStore;
class CredentialRouter;
class NetworkClient;
class ProviderRegistry;
class SatellogicSession;
class SecretStore;
class StacJob;
class Up42Session;
struct NetworkError;
struct SearchParameters;

// stacscope-cli: the core's jobs driven from a terminal. Exit codes: 0 success, 2 usage error,
// 3 network or server error, 4 credentials missing or refused, 5 not confirmed (nothing sent).
class Cli : public QObject
{
    Q_OBJECT
public:
    enum ExitCode
    {
        Success = 0,
        UsageError = 2,
        RemoteError = 3,
        CredentialError = 4,
        NotConfirmed = 5
    };

    explicit Cli(QObject *parent = nullptr);
    ~Cli() override;

    // Starts the command; the application's event loop must run until done() is emitted.
    void start(const QStringList &arguments);
    int exitCode() const { return m_exitCode; }
    static QString usage();
    // The usage lines of one command (and their continuations), from usage().
    static QString commandUsage(const QString &command);
    void dispatch(const QStringList &args);

Q_SIGNALS:
    void done(int exitCode);

private:
    void runCollections(const QStringList &args);
    void listCollections(const QUrl &api, bool json);
    void runSearch(const QStringList &args);
    // climultisearch.cpp: search with --api, --catalog and --account repeated, all at once into
    // one output; exit 3 only when every catalog failed.
    static int catalogFlagCount(const QCommandLineParser &parser);
    void runMultiSearch(const QCommandLineParser &parser, const QStringList &args, const SearchParameters &params,
        int maxItems, const QString &out, const QString &groupBy, bool groupJson);
    // search --group-by: the results in m_store by a field's value (Capella's friendly names too).
    void printGroups(const QString &field, const QString &provider, bool json);
    void runItem(const QStringList &args);
    void runDownload(const QStringList &args);
    // Accounts and providers (cliaccounts.cpp, clitasks.cpp).
    void runAccounts(const QStringList &args);
    void runContracts(const QStringList &args);
    void runTasks(const QStringList &args);
    // Capella (clicapella.cpp, clicapellarequests.cpp).
    void runOrders(const QStringList &args);
    void runCollects(const QStringList &args);
    void runRepeats(const QStringList &args);
    void runCapellaRequests(const QStringList &args, bool repeat);
    // The provider a command's --provider or --account names; empty when neither (or unknown).
    QString providerOf(const QStringList &args);
    // Granules from --items FILE (STAC items: collection and id) or --ids (looked up in the catalog).
    void capellaGranules(CapellaSession *session, const QString &itemsFile, const QString &ids,
        std::function<void(const QList<CapellaGranule> &)> run);
    // Downloads the products of `granules`: from an active order that holds them all, or from a new
    // order (its cost shown and confirmed first).
    void capellaOrderAndDownload(CapellaSession *session, const QList<CapellaGranule> &granules,
        const CapellaApi::AssetFilter &filter, const QString &dir, int parallel, bool yes);
    void capellaActiveOrder(CapellaSession *session, const QList<CapellaGranule> &granules,
        std::function<void(const std::optional<CapellaOrder> &)> found);
    // The order's review: a denial ends the command (exit 3) with Capella's words; `print` writes
    // the review as JSON on stdout, otherwise the granules and the cost go to stderr.
    void capellaReview(CapellaSession *session, const QList<CapellaGranule> &granules, bool print,
        std::function<void(const CapellaOrderReview &)> authorized);
    // Review, the cost shown and confirmed (exit 5 when not), then one submission.
    void capellaReviewAndSubmit(CapellaSession *session, const QList<CapellaGranule> &granules, bool yes,
        const QString &intro, std::function<void(const CapellaOrder &)> ordered);
    void capellaDownloadOrder(CapellaSession *session, const QString &orderId, const CapellaApi::AssetFilter &filter,
        const QString &dir, int parallel);
    // UP42 (cliup42.cpp: orders, estimates, placements, quotations; cliup42storage.cpp: assets
    // listed, shown, downloaded and unpacked; clisearch.cpp: the archive search of a catalog host).
    void runUp42Orders(const QStringList &args);
    void runUp42Quotations(const QStringList &args);
    void runUp42Studies(const QStringList &args); // cliup42studies.cpp
    void runUp42Assets(const QStringList &args);
    // search --provider up42 --host HOST: every page of the host's archive search (the proprietary
    // query.cloudCoverage), the features as the host returns them.
    void runUp42HostSearch(
        const QCommandLineParser &parser, const QString &host, const SearchParameters &params, int maxItems);
    // search --save NAME, --saved NAME [--new-only] (clisavedsearch.cpp): the app's saved searches.
    struct SavedSearchRun;
    static QList<QCommandLineOption> savedSearchOptions();
    // Before a search: true when it took over (--saved re-runs the stored search) or reported a usage
    // error; --save gets the store ready and returns false.
    bool handleSavedSearch(const QCommandLineParser &parser);
    void rerunSavedSearch(const QCommandLineParser &parser);
    bool openSavedSearches(SavedSearchRun &run);
    // After a search returned `rows`: --save stores it with them; a re-run says how many are new and,
    // with --new-only, keeps only those in `rows`. Both go into the history. False after an error.
    bool recordSavedSearch(
        const SearchParameters &params, int maxItems, std::vector<int> *rows, std::optional<qint64> matched);
    // orders estimate / submit: the data product looked up, one payload per scene of `scenes`
    // (params.id), each estimated; submit then confirms the total and places each once.
    void up42Estimate(Up42Session *session, const QString &product, const QJsonArray &scenes, const QString &name,
        const QStringList &tags, const QString &workspace, bool submit, bool yes, bool json);
    void up42Place(Up42Session *session, const QList<QJsonObject> &payloads, const QString &workspace, bool json);
    void up42Download(Up42Session *session, const QStringList &assetIds, const QString &dir, int parallel, bool unpack);
    // UP42's words for a failure (a 422 search, problem+json details; refused credentials and what
    // to fix); `costly`: the request may have been carried out although no answer came.
    void up42Error(const NetworkError &error, bool costly = false);
    // Values of a repeatable flag (commas split them too), matched without regard to case against
    // `allowed` and spelled as the API does; false after a usage error naming the flag and the
    // allowed values.
    bool choiceValues(
        const QCommandLineParser &parser, const QString &flag, const QStringList &allowed, QStringList *values);
    // A whole number from `min` to `max`; `value` untouched when the flag is absent; false after a
    // usage error.
    bool intOption(const QCommandLineParser &parser, const QString &flag, int min, int max, int *value);
    // Aligned columns on stdout, two spaces apart, the last one not padded.
    static void printTable(const QStringList &header, const QList<QStringList> &rows);
    // "2024-03-04 10:12" in local time; "-" for an invalid time.
    static QString localTimeText(const QDateTime &t);
    static QList<QCommandLineOption> providerOptions();
    bool wantsProvider(const QCommandLineParser &parser) const;
    // The session named by --account or --provider (secrets from the environment), with
    // --endpoint overrides; nullptr after reporting the problem (exit 2 or 4).
    AccountSession *openSession(const QCommandLineParser &parser, const QString &requiredProvider = {});
    // openSession(), then for Satellogic a contract: the account's, SATELLOGIC_CONTRACT_ID, or the
    // only one; with several and none chosen, an error that lists them (exit 4).
    void withSession(
        const QCommandLineParser &parser, const QString &requiredProvider, std::function<void(AccountSession *)> run);
    AccountManager *accounts();
    SecretStore *keychain();
    // Prints what will be sent and asks y/N on a terminal; false (exit 5) when not confirmed.
    bool confirm(const QString &what, bool yes);
    void providerError(const NetworkError &error, const QString &explained = {});
    void printJson(const QJsonValue &value);
    static QCommandLineOption headerOption();
    void usageError(const QString &message);
    void remoteError(const StacJob *job);
    void complete(int code);
    void printWarnings(const StacJob *job);
    bool parseHeaders(const QStringList &values, HttpHeaders *headers);
    // --header values go to the router for `url`'s origin only (never to another host).
    void bindHeaders(const QUrl &url, const HttpHeaders &headers);
    bool writeOutput(const QByteArray &data, const QString &path);

    QNetworkAccessManager *m_nam;
    NetworkClient *m_network;
    CredentialRouter *m_router;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ProviderRegistry> m_registry;
    AccountStore *m_accountStore = nullptr;
    AccountManager *m_accounts = nullptr;
    SecretStore *m_keychain = nullptr;
    SecretStore *m_envSecrets = nullptr;
    ItemStore m_store;
    std::shared_ptr<SavedSearchRun> m_savedRun; // --save or --saved in this run
    QTextStream m_err;
    // The command (and sub-command) being run, for "see 'stacscope-cli search --help'".
    QString m_command;
    int m_exitCode = 0;
};

} // namespace StacScope
