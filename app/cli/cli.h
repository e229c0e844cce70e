#pragma once

#include <QCommandLineOption>
#include <QObject>
#include <QStringList>
#include <QTextStream>

#include "src/net/httprequest.h"
#include "src/stac/itemstore.h"

class QNetworkAccessManager;

namespace StacScope {

class NetworkClient;
class StacJob;

// stacscope-cli: the core's jobs driven from a terminal. Exit codes: 0 success, 2 usage error,
// 3 network or server error.
class Cli : public QObject
{
    Q_OBJECT
public:
    enum ExitCode
    {
        Success = 0,
        UsageError = 2,
        RemoteError = 3
    };

    explicit Cli(QObject *parent = nullptr);
    ~Cli() override;

    // Starts the command; the application's event loop must run until done() is emitted.
    void start(const QStringList &arguments);
    int exitCode() const { return m_exitCode; }
    static QString usage();

Q_SIGNALS:
    void done(int exitCode);

private:
    void runCollections(const QStringList &args);
    void runSearch(const QStringList &args);
    void runItem(const QStringList &args);
    void runDownload(const QStringList &args);
    static QCommandLineOption headerOption();
    void usageError(const QString &message);
    void remoteError(const StacJob *job);
    void complete(int code);
    void printWarnings(const StacJob *job);
    bool parseHeaders(const QStringList &values, HttpHeaders *headers);
    bool writeOutput(const QByteArray &data, const QString &path);

    QNetworkAccessManager *m_nam;
    NetworkClient *m_network;
    ItemStore m_store;
    QTextStream m_err;
    int m_exitCode = 0;
};

} // namespace StacScope
