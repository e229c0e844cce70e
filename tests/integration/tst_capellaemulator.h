#pragma once

// CapellaEmulator checked from the outside with plain QNetworkAccessManager requests: what a
// faithful server answers per ../shared/providers/capella.md. Expected values are written out
// from that document (and the emulator's documented prices and timings), not taken from the
// emulator. The slots live in four files: auth and catalog (tst_capellaemulator.cpp), orders and
// the file host (tst_capellaemulatororders.cpp), tasking requests (tst_capellaemulatortasking.cpp)
// and repeat requests, ports and the standalone program (tst_capellaemulatorrepeat.cpp).

#include <memory>
#include <utility>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>
#include <QUrl>

#include "tests/support/capellaemulator.h"

namespace CapellaTest {

constexpr int WaitMs = 15000;
inline const QByteArray ApiKey = QByteArrayLiteral("emulator-capella-key");
inline const QString UserId = QStringLiteral("5a0f6e88-1f6a-4e4a-9b0e-0c5d8f6a2c11");

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
    bool hasHeader(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (name.compare(key, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
    QJsonObject errorObject() const { return json().value(QLatin1String("error")).toObject(); }
    QString code() const { return errorObject().value(QLatin1String("code")).toString(); }
};

} // namespace CapellaTest

class TestCapellaEmulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    // tst_capellaemulator.cpp
    void authRefusal();
    void user();
    void createKeys();
    void legacyToken();
    void generatedItems();
    void searchQueryOperators();
    void searchSpatialSortAndOwnership();
    void searchValidation();
    void searchPaging();
    void searchLimitClamp();
    void searchCap();
    void searchDuplicates();
    void collections();

    // tst_capellaemulatororders.cpp
    void orderReview();
    void orderReviewInsufficientFunds();
    void orderValidation();
    void orderSubmitAndList();
    void orderRejected();
    void presignedDownload();
    void fileHostRefusesAuthorization();
    void fileRanges();
    void metadataWithoutLength();
    void expiredAndTamperedLinks();
    void expiredOrder();
    void brokenTransfers();

    // tst_capellaemulatortasking.cpp
    void collectionTypes();
    void taskCreate();
    void taskValidation_data();
    void taskValidation();
    void taskLifeCycle();
    void taskPreApproved();
    void taskCancel();
    void taskPatch();
    void taskSearch();

    // tst_capellaemulatorrepeat.cpp
    void repeatValidation();
    void repeatLifeCycle();
    void repeatSearch();
    void fixedPorts();
    void standalone();

private:
    static CapellaTest::Headers authorized(const QByteArray &key = CapellaTest::ApiKey);
    CapellaTest::Result send(
        const QByteArray &verb, const QUrl &url, const CapellaTest::Headers &headers = {}, const QByteArray &body = {});
    CapellaTest::Result get(const QString &path, const CapellaTest::Headers &headers = authorized());
    CapellaTest::Result post(
        const QString &path, const QJsonObject &body, const CapellaTest::Headers &headers = authorized());
    CapellaTest::Result patch(const QString &path, const QJsonObject &body);
    CapellaTest::Result search(const QJsonObject &body, const QString &query = {});
    QUrl api(const QString &pathAndQuery) const { return QUrl(m_emulator->apiUrl().toString() + pathAndQuery); }
    static QStringList ids(const QJsonArray &features);
    // Orders `granuleIds` (looked up in the catalog) and returns the order object.
    QJsonObject placeOrder(const QStringList &granuleIds);
    // The presigned href of asset `key` of the first item of an order's download.
    QString presignedHref(const QString &orderId, const QString &key);
    // A spotlight item that can be bought (ownership availableForPurchase), from a search.
    QJsonObject purchasableItem(const QString &mode = QStringLiteral("spotlight"), int index = 0);
    QJsonObject taskBody() const;
    QJsonObject repeatBody() const;

    QNetworkAccessManager m_nam;
    std::unique_ptr<StacScope::CapellaEmulator> m_emulator;
};
