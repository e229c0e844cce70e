#pragma once

// Up42Emulator checked from the outside with plain QNetworkAccessManager requests: what a faithful
// server answers per ../shared/providers/up42.md and the emulator's documented default dataset.
// Expected values are written out by hand from those, not taken from the emulator's code. The slots
// live in three files: Keycloak, orders, the request log and the standalone program
// (tst_up42emulator.cpp), storage, the STAC API and the file host (tst_up42emulatorstorage.cpp),
// the catalog, placement, the status clock and tasking decisions (tst_up42emulatorordering.cpp).

#include <memory>
#include <utility>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>
#include <QSignalSpy>
#include <QStringList>
#include <QTcpSocket>
#include <QUrl>

#include "tests/support/up42emulator.h"

namespace Up42Test {

constexpr int WaitMs = 15000;
inline const QString User = QStringLiteral("emulator@up42.example");
inline const QString Password = QStringLiteral("emulator-password");
inline const QString Workspace = QStringLiteral("cc16a0fa-7967-43f8-a089-f8e48cb6782e");
inline const QString SecondWorkspace = QStringLiteral("fec04681-e07a-4782-9c59-43a5ff8e4ea7");
// Orders of the default dataset.
inline const QString HamburgOrder = QStringLiteral("f2584eb9-b034-4013-b546-53d7b4ac025a");
inline const QString HamburgAsset = QStringLiteral("e95750f3-a1e7-4c78-ab82-a096477af31b");
inline const QString BerlinOrder = QStringLiteral("4cb2d67e-0e01-424a-94bb-36ff0c8ffa95");
inline const QString TokyoOrder = QStringLiteral("3fc8a405-a732-4e20-be9d-1abdc8872aeb");
inline const QString TokyoQuotation = QStringLiteral("76a1a7ba-f852-4b86-97fa-12a168f76139");
inline const QString SuvaQuotation = QStringLiteral("9cb75d99-7c71-4bc4-9b97-0f020eaed283");
inline const QString CapeTownOrder = QStringLiteral("630e8a34-4c3c-4b97-820a-3f294bb585fc");
inline const QString CapeTownStudy = QStringLiteral("cd3d7b71-7104-4f8d-837e-b43a8d7e45ce");
inline const QString MadridOrder = QStringLiteral("3b97ffb8-1e18-4e21-8fd6-601727582da2");
inline const QString PhrDisplay = QStringLiteral("81116dc1-cbd6-4627-8c96-f31c34d8cfcf");
inline const QString CapellaTasking = QStringLiteral("cb7b35b9-b037-46ec-af5e-8e3c09e9408f");

using Headers = QList<std::pair<QByteArray, QByteArray>>;

struct Result
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (name.compare(key, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray content() const { return json().value(QLatin1String("content")).toArray(); }
    // The "id" of every element of a Spring page's content.
    QStringList ids() const
    {
        QStringList list;
        const QJsonArray array = content();
        for (const QJsonValue &value : array)
            list.append(value.toObject().value(QLatin1String("id")).toString());
        return list;
    }
};

// Sends `request` on a new connection and returns everything the server wrote until it closed
// the connection (a raw socket: QNetworkAccessManager may resend a request whose answer broke).
inline QByteArray rawExchange(const QUrl &origin, const QByteArray &request)
{
    QTcpSocket socket;
    QSignalSpy connected(&socket, &QTcpSocket::connected);
    socket.connectToHost(origin.host(), quint16(origin.port()));
    if (!connected.wait(WaitMs))
        return "no connection";
    QSignalSpy closed(&socket, &QTcpSocket::disconnected);
    socket.write(request);
    QByteArray reply;
    while (closed.isEmpty() && (socket.bytesAvailable() > 0 || closed.wait(WaitMs)))
        reply += socket.readAll();
    return reply + socket.readAll();
}

} // namespace Up42Test

class TestUp42Emulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    // tst_up42emulator.cpp
    void passwordGrant();
    void tokenRefusals();
    void refreshGrant();
    void userinfo();
    void tokenExpiresAt300Seconds();
    void coreTokenSource();
    void ordersPage();
    void ordersFilters();
    void ordersSort();
    void orderTagsAndCancel();
    void requestLog();
    void standalone();

    // tst_up42emulatorstorage.cpp
    void assetsFilters();
    void assetsSortAndMetadata();
    void stacLandingAndCollections();
    void stacSearchFilterAndPaging();
    void stacItemsAndPatch();
    void signedDownload();
    void signedLinkExpiryAndRefusals();
    void rangesAndBrokenTransfers();
    void directDownloadAndZip();

    // tst_up42emulatorordering.cpp
    void collectionsPage();
    void catalogSearch();
    void catalogSearchErrors();
    void quicklook();
    void estimate();
    void archiveOrderClock();
    void quotationAccept();
    void quotationReject();
    void feasibilityStudy();

private:
    Up42Test::Result send(
        const QByteArray &verb, const QUrl &url, const Up42Test::Headers &headers = {}, const QByteArray &body = {});
    // POST of a form to the token endpoint.
    Up42Test::Result tokenRequest(const QByteArray &form);
    QString token();
    Up42Test::Headers bearer();
    Up42Test::Result get(const QString &pathAndQuery);
    Up42Test::Result post(const QString &path, const QJsonObject &body,
        const QByteArray &contentType = QByteArrayLiteral("application/json"), const QByteArray &verb = "POST");
    QUrl api(const QString &pathAndQuery) const { return QUrl(m_emulator->apiUrl().toString() + pathAndQuery); }
    // A signed link from POST /v2/assets/{id}/download-url.
    QString downloadUrl(const QString &fileId);
    // STAC search: the features of every page, following next links; `pages` counts them.
    QJsonArray searchAll(const QJsonObject &body, int *pages = nullptr);
    // The first phr scene of a catalog search around Hamburg.
    QString hamburgScene();

    QNetworkAccessManager m_nam;
    std::unique_ptr<StacScope::Up42Emulator> m_emulator;
    QString m_token;
};
