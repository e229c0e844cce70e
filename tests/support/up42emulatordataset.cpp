// Up42Emulator, part 3: the default dataset (orders in two workspaces, the assets they delivered
// with their STAC collections, items and files, quotations, feasibility studies, the orderable
// catalog) and the bytes of every file. Same emulator, same ids and bytes.
//
// Orders, newest first (W1 = WorkspaceId, W2 = SecondWorkspaceId; assets in brackets):
//   Cape Town  TASKING CREATED/FEASIBILITY_WAITING_RESPONSE  W1  pneo-tasking   study pending
//   Tokyo Bay  TASKING CREATED/QUOTATION_WAITING_RESPONSE    W1  phr-tasking    quotation 12500 pending
//   Reykjavik  ARCHIVE CREATED                               W2  spot
//   Madrid     ARCHIVE PLACEMENT_FAILED                      W1  phr
//   Paris      ARCHIVE PLACED                                W1  pneo
//   Mumbai     TASKING PLACED/QUOTATION_ACCEPTED             W1  capella-tasking
//   Sydney     ARCHIVE FULFILLED                             W1  pneo           [1 ZIP, 3 items]
//   Denver     TASKING FAILED_PERMANENTLY/QUOTATION_REJECTED W2  phr-tasking
//   Hamburg    ARCHIVE FULFILLED                             W1  phr            [1 ZIP, 2 items]
//   Sao Paulo  TASKING BEING_FULFILLED/QUOTATION_ACCEPTED    W2  capella-tasking [5 GeoTIFFs]
//   Rotterdam  ARCHIVE FULFILLED                             W1  spot           [1 ZIP, 1 item]
//   Suva       TASKING CANCELED/QUOTATION_WAITING_RESPONSE   W2  phr-tasking    quotation undecided
//   Singapore  ARCHIVE FULFILLED                             W2  capella-spotlight [1 ZIP, 1 item]
//   Vancouver  TASKING FULFILLED/QUOTATION_ACCEPTED          W1  pneo-tasking   [2 ZIPs, 2 items each]
//   Nairobi    ARCHIVE FULFILLED                             W2  phr (analytic) [1 ZIP, 1 item]
//   Cairo      ARCHIVE FAILED_PERMANENTLY                    W2  spot
//   Lisbon     ARCHIVE CANCELED                              W1  phr
//   Berlin     TASKING FULFILLED/QUOTATION_ACCEPTED          W1  phr-tasking    [10: GeoTIFF / 2-item ZIP
//                                                                               alternating, monthly]
// Without an order: 4 PROCESSING GeoTIFFs (ndvi_berlin_*, W1) and 3 USER uploads
// (drone_mosaic_hamburg.tif W1, field_survey_nairobi.tif W2 with extraction FAILED, old_scan.tif W1
// NOT_PROCESSED; those two have no STAC collection; the field survey's metadata has no name). 29
// assets, 27 STAC collections.

#include <cmath>

#include <QJsonDocument>
#include <QTimeZone>
#include <QtMath>

#include "tests/support/syntheticfiles.h"
#include "tests/support/up42emulator.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

struct Place
{
    const char *name;
    double lon;
    double lat;
};

// Footprints and AOIs sit around these real places.
const Place kPlaces[] = {
    { "Hamburg", 9.95, 53.53 },
    { "Rotterdam", 4.30, 51.95 },
    { "Berlin", 13.40, 52.52 },
    { "Nairobi", 36.82, -1.29 },
    { "Sao Paulo", -46.63, -23.55 },
    { "Tokyo Bay", 139.80, 35.60 },
    { "Cape Town", 18.42, -33.92 },
    { "Paris", 2.35, 48.86 },
    { "Lisbon", -9.14, 38.72 },
    { "Cairo", 31.24, 30.04 },
    { "Madrid", -3.70, 40.42 },
    { "Sydney", 151.21, -33.86 },
    { "Denver", -104.99, 39.74 },
    { "Singapore", 103.82, 1.29 },
    { "Reykjavik", -21.94, 64.15 },
    { "Suva", 178.44, -18.14 },
    { "Vancouver", -123.12, 49.28 },
    { "Mumbai", 72.88, 19.08 },
};
constexpr int kPlaceCount = int(sizeof(kPlaces) / sizeof(kPlaces[0]));

QDateTime utc(const char *text)
{
    QDateTime time = QDateTime::fromString(QString::fromLatin1(text), Qt::ISODate);
    time.setTimeZone(QTimeZone::utc());
    return time;
}

// A box of `halfLat` degrees around a point, widened in longitude for its latitude.
GeoBox boxAt(double centreLon, double centreLat, double halfLat, double shift = 0)
{
    const double halfLon = halfLat / std::max(0.2, std::cos(qDegreesToRadians(centreLat)));
    const double lon = centreLon + shift;
    const double lat = centreLat + shift / 2;
    return { normalizeLongitude(lon - halfLon), lat - halfLat, normalizeLongitude(lon + halfLon), lat + halfLat };
}

GeoBox boxAround(int place, double halfLat)
{
    return boxAt(kPlaces[place].lon, kPlaces[place].lat, halfLat);
}

qint64 tiffHeaderSize(int bands)
{
    // The header does not depend on the raster's size: measure it once per band count.
    static QHash<int, qint64> sizes;
    if (!sizes.contains(bands)) {
        SyntheticFiles::GeoTiffOptions options;
        options.width = 1;
        options.height = 1;
        options.bands = bands;
        sizes.insert(bands, SyntheticFiles::geoTiff(options).size() - bands);
    }
    return sizes.value(bands);
}

} // namespace

int Up42Emulator::placeCount()
{
    return kPlaceCount;
}

GeoBox Up42Emulator::placeBox(int place, double halfLat)
{
    return boxAround(place, halfLat);
}

QDateTime Up42Emulator::utcTime(const char *iso)
{
    return utc(iso);
}

const Up42Emulator::Collection *Up42Emulator::findCollection(const QString &name) const
{
    for (const Collection &collection : m_collections) {
        if (collection.name == name)
            return &collection;
    }
    return nullptr;
}

const Up42Emulator::Collection *Up42Emulator::collectionOfProduct(const QString &productId) const
{
    for (const Collection &collection : m_collections) {
        for (const Product &product : collection.products) {
            if (product.id == productId)
                return &collection;
        }
    }
    return nullptr;
}

void Up42Emulator::buildDataset()
{
    // ---- the orderable catalog (GET /v2/collections) ----
    const QStringList archiveIntegrations { u"SEARCH_AVAILABLE"_s, u"QUICKLOOK_AVAILABLE"_s, u"THUMBNAIL_AVAILABLE"_s,
        u"PRICE_ESTIMATION_AVAILABLE"_s };
    m_collections = {
        { u"phr"_s, u"Pléiades"_s, u"ARCHIVE"_s, u"oneatlas"_s, u"airbus"_s, u"OPTICAL"_s, u"VERY_HIGH"_s, 0.5,
            archiveIntegrations,
            { { u"81116dc1-cbd6-4627-8c96-f31c34d8cfcf"_s, u"phr-display"_s, u"Display"_s, u"phr"_s },
                { u"4471852a-74ca-435f-8e87-d31aae6c3332"_s, u"phr-analytic"_s, u"Analytic"_s, u"phr"_s } },
            100, u"SQ_KM"_s, 25 },
        { u"spot"_s, u"SPOT"_s, u"ARCHIVE"_s, u"oneatlas"_s, u"airbus"_s, u"OPTICAL"_s, u"HIGH"_s, 1.5,
            archiveIntegrations,
            { { u"42ae33d3-c08e-4863-86ab-9f5aa153dc92"_s, u"spot-display"_s, u"Display"_s, u"spot"_s } }, 20,
            u"SQ_KM"_s, 100 },
        { u"pneo"_s, u"Pléiades Neo"_s, u"ARCHIVE"_s, u"oneatlas"_s, u"airbus"_s, u"OPTICAL"_s, u"VERY_HIGH"_s, 0.3,
            archiveIntegrations,
            { { u"996ec262-4daa-4312-a094-db7a6614bb09"_s, u"pneo-display"_s, u"Display"_s, u"pneo"_s } }, 150,
            u"SQ_KM"_s, 25 },
        { u"capella-spotlight"_s, u"Capella Spotlight"_s, u"ARCHIVE"_s, u"capella"_s, u"capella"_s, u"SAR"_s,
            u"VERY_HIGH"_s, 0.5, { u"SEARCH_AVAILABLE"_s, u"PRICE_ESTIMATION_AVAILABLE"_s },
            { { u"386d1663-c440-48e7-a88b-61acf4e30d24"_s, u"capella-spotlight-geo"_s, u"GEO"_s,
                u"capella-spotlight"_s } },
            750, u"SCENE"_s, 0 },
        { u"phr-tasking"_s, u"Pléiades Tasking"_s, u"TASKING"_s, QString(), u"airbus"_s, u"OPTICAL"_s, u"VERY_HIGH"_s,
            0.5, { u"QUOTATION_REQUIRED"_s, u"FEASIBILITY_STUDY_MAY_BE_REQUIRED"_s, u"PRICE_ESTIMATION_AVAILABLE"_s },
            { { u"4f6efe4b-b6dd-4841-bda1-454dcf7f6d3b"_s, u"phr-tasking-display"_s, u"Display"_s, u"phr-tasking"_s } },
            200, u"SQ_KM"_s, 100 },
        { u"pneo-tasking"_s, u"Pléiades Neo Tasking"_s, u"TASKING"_s, QString(), u"airbus"_s, u"OPTICAL"_s,
            u"VERY_HIGH"_s, 0.3, { u"FEASIBILITY_STUDY_REQUIRED"_s, u"QUOTATION_REQUIRED"_s },
            { { u"a665275b-d8fc-4ef7-935b-bd39da07171e"_s, u"pneo-tasking-display"_s, u"Display"_s,
                u"pneo-tasking"_s } },
            300, u"SQ_KM"_s, 100 },
        { u"capella-tasking"_s, u"Capella Tasking"_s, u"TASKING"_s, QString(), u"capella"_s, u"SAR"_s, u"VERY_HIGH"_s,
            0.5, { u"QUOTATION_REQUIRED"_s, u"PRICE_ESTIMATION_AVAILABLE"_s },
            { { u"cb7b35b9-b037-46ec-af5e-8e3c09e9408f"_s, u"capella-tasking-spotlight"_s, u"Spotlight"_s,
                u"capella-tasking"_s } },
            1500, u"SCENE"_s, 0 },
    };
    buildScenes();

    // ---- orders and what they delivered ----
    // Archive orders deliver one ZIP; tasking orders several assets (see `tasking` below).
    const auto order
        = [this](const char *id, const char *type, const char *status, const char *subStatus, bool secondWorkspace,
              int place, const char *product, const QString &name, const QStringList &tags, const char *created) {
              Order o;
              o.id = QString::fromLatin1(id);
              o.workspaceId = (secondWorkspace ? SecondWorkspaceId : WorkspaceId).toString();
              o.type = QString::fromLatin1(type);
              o.status = QString::fromLatin1(status);
              o.subStatus = QString::fromLatin1(subStatus);
              o.lon = kPlaces[place].lon;
              o.lat = kPlaces[place].lat;
              o.geometry = polygon(boxAround(place, 0.05));
              o.productId = QString::fromLatin1(product);
              o.displayName = name;
              o.tags = tags;
              o.createdAt = utc(created);
              o.updatedAt = o.createdAt.addSecs(3600);
              const Collection *collection = collectionOfProduct(o.productId);
              if (o.type == "ARCHIVE"_L1) {
                  o.imageId = uuidFor(u"scene:%1:%2:1"_s.arg(collection->name).arg(place));
              } else {
                  o.params = QJsonObject { { "acquisitionStart"_L1, isoTime(o.createdAt.addDays(7)) },
                      { "acquisitionEnd"_L1, isoTime(o.createdAt.addDays(37)) } };
                  if (collection->productType == "OPTICAL"_L1)
                      o.params.insert("maxCloudCover"_L1, 20);
                  o.credits = 25000; // the price of a quotation still to come
              }
              return o;
          };
    const char *phr = "81116dc1-cbd6-4627-8c96-f31c34d8cfcf";
    const char *phrAnalytic = "4471852a-74ca-435f-8e87-d31aae6c3332";
    const char *spot = "42ae33d3-c08e-4863-86ab-9f5aa153dc92";
    const char *pneo = "996ec262-4daa-4312-a094-db7a6614bb09";
    const char *capella = "386d1663-c440-48e7-a88b-61acf4e30d24";
    const char *phrTasking = "4f6efe4b-b6dd-4841-bda1-454dcf7f6d3b";
    const char *pneoTasking = "a665275b-d8fc-4ef7-935b-bd39da07171e";
    const char *capellaTasking = "cb7b35b9-b037-46ec-af5e-8e3c09e9408f";
    const QStringList none;

    const auto single = [&](const Order &o, const QString &assetId, int items, const char *created,
                            const QJsonValue &title = QJsonValue()) {
        m_orders.append(o);
        Order &added = m_orders.last();
        Asset asset;
        asset.id = assetId;
        asset.createdAt = utc(created);
        asset.title = title;
        asset.orderId = added.id;
        const Collection *collection = collectionOfProduct(added.productId);
        asset.workspaceId = added.workspaceId;
        asset.productId = added.productId;
        asset.source = added.type;
        asset.producerName = collection->producer;
        asset.collectionName = collection->name;
        asset.tags = added.tags;
        addAsset(asset, added.lon, added.lat, items, true, collection->name.toUpper(),
            collection->productType == "SAR"_L1, collection->resolution);
        added.deliveries = 1;
        added.updatedAt = asset.createdAt;
    };
    single(order(HamburgOrderId.toLatin1().constData(), "ARCHIVE", "FULFILLED", "", false, 0, phr,
               u"Hamburg port Pléiades"_s, { u"port"_s, u"monitoring"_s }, "2024-03-04T09:12:44Z"),
        HamburgAssetId.toString(), 2, "2024-03-04T11:40:02Z", u"Hamburg port, March 2024"_s);
    single(order("4824f88d-5a7a-4fe2-a55e-95724001d7fc", "ARCHIVE", "FULFILLED", "", false, 1, spot,
               u"Rotterdam SPOT 2024"_s, { u"port"_s }, "2024-02-11T14:03:10Z"),
        u"94fcbead-7737-479a-8dee-26d38da16dd8"_s, 1, "2024-02-11T15:20:00Z");
    single(order("901875d3-dcab-45cc-b32f-2d72c1ca07ff", "ARCHIVE", "FULFILLED", "", true, 3, phrAnalytic,
               u"Nairobi Pléiades analytic"_s, { u"urban"_s }, "2023-11-20T08:45:00Z"),
        u"7a04f7df-c4c3-415e-bc90-58b6240f1ef6"_s, 1, "2023-11-20T10:45:00Z");
    m_orders.append(order("b2ba5b94-30ef-4c31-a73e-f2cbbaa2e3e4", "ARCHIVE", "PLACED", "", false, 7, pneo,
        u"Paris Pléiades Neo"_s, { u"urban"_s }, "2024-05-30T16:20:00Z"));
    m_orders.append(order("b00a54e0-f386-4f04-827f-31136276f9c7", "ARCHIVE", "CANCELED", "", false, 8, phr,
        u"Lisbon test order"_s, none, "2023-09-02T10:00:00Z"));
    m_orders.append(order("a15cd1cd-564c-4134-86a6-a66247fdec57", "ARCHIVE", "FAILED_PERMANENTLY", "", true, 9, spot,
        u"Cairo SPOT"_s, none, "2023-10-15T12:30:00Z"));
    m_orders.append(order(MadridOrderId.toLatin1().constData(), "ARCHIVE", "PLACEMENT_FAILED", "", false, 10, phr,
        u"Madrid Pléiades"_s, { u"urban"_s }, "2024-06-01T09:00:00Z"));
    m_orders.append(order("5418601a-921b-411d-86af-e89fcaf055d2", "ARCHIVE", "CREATED", "", true, 14, spot,
        u"Reykjavik SPOT"_s, none, "2024-06-02T07:15:00Z"));
    single(order("ea39dad4-d164-4f71-8627-0e635970e2cb", "ARCHIVE", "FULFILLED", "", true, 13, capella,
               u"Singapore SAR archive"_s, { u"sar"_s, u"port"_s }, "2024-01-08T03:30:00Z"),
        u"c7b31fd4-d98c-4c84-892f-a1a6fb3ad008"_s, 1, "2024-01-08T05:30:00Z");
    single(order("3e47206e-d122-41b5-b8ed-d006f9e3d5bb", "ARCHIVE", "FULFILLED", "", false, 11, pneo,
               u"Sydney Harbour Neo"_s, { u"port"_s }, "2024-04-18T22:10:00Z"),
        u"e36e4a86-7eee-4cc3-b82f-a685db2e029d"_s, 3, "2024-04-19T01:10:00Z");

    // Tasking: Berlin delivered ten times (monthly; single GeoTIFFs and two-item ZIPs alternating),
    // Sao Paulo five SAR GeoTIFFs so far, Vancouver two stereo ZIPs.
    const auto tasking = [&](Order o, int count, int days, const char *firstDelivery, int items) {
        m_orders.append(o);
        Order &added = m_orders.last();
        const QDateTime first = utc(firstDelivery);
        for (int i = 0; i < count; ++i) {
            const QDateTime at = days == 30 ? first.addMonths(i) : first.addDays(qint64(i) * days);
            // -1: single GeoTIFFs and two-item ZIPs alternating; -2: single GeoTIFFs only.
            const int n = items == -1 ? (i % 2 == 0 ? -1 : 2) : (items == -2 ? -1 : items);
            deliver(added, i, at, std::abs(n), n > 0);
        }
    };
    tasking(order(BerlinOrderId.toLatin1().constData(), "TASKING", "FULFILLED", "QUOTATION_ACCEPTED", false, 2,
                phrTasking, u"Berlin monthly monitoring"_s, { u"project-7"_s, u"urban"_s }, "2023-06-01T08:00:00Z"),
        10, 30, "2023-07-01T10:00:00Z", -1);
    tasking(order("6478516e-ea99-410b-8307-0dda8c502cc2", "TASKING", "BEING_FULFILLED", "QUOTATION_ACCEPTED", true, 4,
                capellaTasking, u"Sao Paulo SAR series"_s, { u"project-7"_s, u"sar"_s }, "2024-02-20T13:00:00Z"),
        5, 7, "2024-03-01T06:00:00Z", -2);
    tasking(order("26ba4091-9283-440c-9630-66e85ca5287f", "TASKING", "FULFILLED", "QUOTATION_ACCEPTED", false, 16,
                pneoTasking, u"Vancouver stereo"_s, { u"stereo"_s }, "2023-12-05T19:40:00Z"),
        2, 1, "2023-12-20T20:00:00Z", 2);
    m_orders.append(order(TokyoOrderId.toLatin1().constData(), "TASKING", "CREATED", "QUOTATION_WAITING_RESPONSE",
        false, 5, phrTasking, u"Tokyo Bay tasking"_s, { u"port"_s }, "2024-06-03T01:00:00Z"));
    m_orders.append(order(CapeTownOrderId.toLatin1().constData(), "TASKING", "CREATED", "FEASIBILITY_WAITING_RESPONSE",
        false, 6, pneoTasking, u"Cape Town feasibility"_s, none, "2024-06-04T10:30:00Z"));
    m_orders.append(order("acebdae2-7f14-43f8-983a-ac83ac81f3a0", "TASKING", "FAILED_PERMANENTLY", "QUOTATION_REJECTED",
        true, 12, phrTasking, u"Denver rejected quote"_s, none, "2024-03-15T17:00:00Z"));
    m_orders.append(order("0fdd70b9-895d-409e-b0cf-5fa0560f81a1", "TASKING", "PLACED", "QUOTATION_ACCEPTED", false, 17,
        capellaTasking, u"Mumbai SAR"_s, { u"sar"_s }, "2024-05-20T05:00:00Z"));
    m_orders.append(order("e3d40c3a-cbc5-4905-92ba-b4d8eabdf677", "TASKING", "CANCELED", "QUOTATION_WAITING_RESPONSE",
        true, 15, phrTasking, u"Suva coast"_s, none, "2024-01-30T23:00:00Z"));

    // ---- quotations and feasibility studies ----
    const auto quotation = [this](const QString &id, const QString &orderId, int price, const char *created,
                               const char *decision, const char *decided) {
        Quotation q;
        q.id = id;
        q.orderId = orderId;
        q.workspaceId = findOrder(orderId)->workspaceId;
        q.creditsPrice = price;
        q.createdAt = utc(created);
        q.updatedAt = q.createdAt;
        q.decision = QString::fromLatin1(decision);
        if (decided != nullptr) {
            q.decisionAt = utc(decided);
            q.updatedAt = q.decisionAt;
            q.decisionBy = UserId.toString();
        }
        m_quotations.append(q);
    };
    quotation(
        TokyoQuotationId.toString(), TokyoOrderId.toString(), 12500, "2024-06-04T09:00:00Z", "NOT_DECIDED", nullptr);
    quotation(u"2119dfad-ad40-4448-9950-dfcce4fa8fa4"_s, u"acebdae2-7f14-43f8-983a-ac83ac81f3a0"_s, 8000,
        "2024-03-16T10:00:00Z", "REJECTED", "2024-03-16T12:00:00Z");
    quotation(u"5c8f002a-b485-4d9e-823d-83ac79beb13d"_s, u"0fdd70b9-895d-409e-b0cf-5fa0560f81a1"_s, 4500,
        "2024-05-21T08:00:00Z", "ACCEPTED", "2024-05-21T09:30:00Z");
    quotation(u"955a8e31-9e19-4b17-b393-04067d90da5b"_s, BerlinOrderId.toString(), 60000, "2023-06-02T09:00:00Z",
        "ACCEPTED", "2023-06-02T10:00:00Z");
    quotation(u"15b8ab96-5fd1-4c45-b5c6-f70effad1611"_s, u"6478516e-ea99-410b-8307-0dda8c502cc2"_s, 7500,
        "2024-02-21T14:00:00Z", "ACCEPTED", "2024-02-21T15:00:00Z");
    quotation(u"f8aebe7e-b905-48d3-93dd-91100aa554de"_s, u"26ba4091-9283-440c-9630-66e85ca5287f"_s, 30000,
        "2023-12-07T11:00:00Z", "ACCEPTED", "2023-12-07T12:00:00Z");
    quotation(u"9cb75d99-7c71-4bc4-9b97-0f020eaed283"_s, u"e3d40c3a-cbc5-4905-92ba-b4d8eabdf677"_s, 9000,
        "2024-01-31T10:00:00Z", "NOT_DECIDED", nullptr);

    addStudy(CapeTownStudyId.toString(), CapeTownOrderId.toString(), utc("2024-06-05T08:00:00Z"));
    addStudy(u"5715dfba-8e8e-4222-9355-d8f4fff50c5b"_s, u"26ba4091-9283-440c-9630-66e85ca5287f"_s,
        utc("2023-12-06T08:00:00Z"));
    Study &vancouver = m_studies.last();
    vancouver.decision = u"ACCEPTED"_s;
    vancouver.decisionAt = utc("2023-12-06T11:00:00Z");
    vancouver.updatedAt = vancouver.decisionAt;
    vancouver.acceptedOption = vancouver.optionIds.first();

    // ---- assets without an order: processing results and uploads ----
    const auto loose = [this](const QString &name, const char *source, bool secondWorkspace, int place,
                           const char *created, const QStringList &tags, const char *extraction) {
        Asset asset;
        asset.id = uuidFor(u"loose:"_s + name);
        asset.name = name;
        asset.workspaceId = (secondWorkspace ? SecondWorkspaceId : WorkspaceId).toString();
        asset.source = QString::fromLatin1(source);
        if (asset.source == "PROCESSING"_L1) {
            asset.producerName = u"up42"_s;
            asset.collectionName = u"ndvi"_s;
        }
        asset.createdAt = utc(created);
        asset.tags = tags;
        asset.extraction = QString::fromLatin1(extraction);
        addAsset(asset, kPlaces[place].lon, kPlaces[place].lat, 1, false, u"PHR"_s, false, 0.5);
    };
    loose(u"ndvi_berlin_2023-09.tif"_s, "PROCESSING", false, 2, "2023-09-10T12:00:00Z", { u"project-7"_s, u"ndvi"_s },
        "SUCCESSFUL");
    loose(u"ndvi_berlin_2023-10.tif"_s, "PROCESSING", false, 2, "2023-10-10T12:00:00Z", { u"project-7"_s, u"ndvi"_s },
        "SUCCESSFUL");
    loose(u"ndvi_berlin_2023-11.tif"_s, "PROCESSING", false, 2, "2023-11-10T12:00:00Z", { u"project-7"_s, u"ndvi"_s },
        "SUCCESSFUL");
    loose(u"ndvi_berlin_2023-12.tif"_s, "PROCESSING", false, 2, "2023-12-10T12:00:00Z", { u"project-7"_s, u"ndvi"_s },
        "SUCCESSFUL");
    loose(u"drone_mosaic_hamburg.tif"_s, "USER", false, 0, "2024-05-02T08:00:00Z", { u"drone"_s }, "SUCCESSFUL");
    loose(u"field_survey_nairobi.tif"_s, "USER", true, 3, "2024-01-15T09:30:00Z", none, "FAILED");
    // Its metadata has no name: only the signed link's content-disposition names the file.
    m_assets.last().nameless = true;
    loose(u"old_scan.tif"_s, "USER", false, 8, "2023-08-01T07:00:00Z", none, "NOT_PROCESSED");
}

void Up42Emulator::addStudy(const QString &id, const QString &orderId, const QDateTime &created)
{
    Study s;
    s.id = id;
    s.orderId = orderId;
    s.workspaceId = findOrder(orderId)->workspaceId;
    s.createdAt = created;
    s.updatedAt = created;
    s.optionIds = { uuidFor(u"option:%1:1"_s.arg(id)), uuidFor(u"option:%1:2"_s.arg(id)) };
    s.optionDescriptions = { u"Option 1: Extend the acquisition window by 14 days"_s,
        u"Option 2: Increase the maximum cloud cover to 30%"_s };
    m_studies.append(s);
}

QString Up42Emulator::deliver(Order &order, int index, const QDateTime &at, int items, bool zip)
{
    const Collection *collection = collectionOfProduct(order.productId);
    Asset asset;
    asset.id = uuidFor(u"asset:%1:%2"_s.arg(order.id).arg(index));
    asset.workspaceId = order.workspaceId;
    asset.orderId = order.id;
    asset.productId = order.productId;
    asset.source = order.type;
    asset.producerName = collection->producer;
    asset.collectionName = collection->name;
    asset.tags = order.tags;
    asset.createdAt = at;
    const QString constellation = collection->name.section(u'-', 0, 0).toUpper();
    addAsset(asset, order.lon, order.lat, items, zip, constellation, collection->productType == "SAR"_L1,
        collection->resolution);
    order.deliveries = std::max(order.deliveries, index + 1);
    order.updatedAt = std::max(order.updatedAt, at);
    return asset.id;
}

void Up42Emulator::addAsset(
    Asset asset, double lon, double lat, int items, bool zip, const QString &constellation, bool sar, double gsd)
{
    asset.updatedAt = asset.createdAt;
    const int serial = int(m_assets.size());
    const QString host = asset.producerName == "airbus"_L1 ? u"oneatlas"_s
        : asset.producerName.isEmpty()                     ? u"user"_s
                                                           : asset.producerName;
    if (asset.name.isEmpty() && zip)
        asset.name = host + u'_' + asset.id + u".zip"_s;
    const bool withStac = asset.extraction == "SUCCESSFUL"_L1;
    if (withStac)
        asset.collectionId = uuidFor(u"collection:"_s + asset.id);

    File original;
    original.id = asset.id;
    original.kind = zip ? u"zip"_s : u"tif"_s;
    original.contentType = zip ? QByteArrayLiteral("application/zip")
                               : QByteArrayLiteral("image/tiff; application=geotiff; profile=cloud-optimized");
    original.title = u"Original Delivery"_s;
    original.roles = { u"data"_s, u"original"_s };
    for (int i = 0; i < std::max(1, items); ++i) {
        StacItem item;
        item.id = uuidFor(u"item:%1:%2"_s.arg(asset.id).arg(i));
        item.collectionId = asset.collectionId;
        item.assetId = asset.id;
        item.datetime = asset.createdAt.addDays(-2).addSecs(qint64(i) * 7);
        item.datetime.setTime(QTime(item.datetime.time().hour(), item.datetime.time().minute(),
            item.datetime.time().second())); // whole seconds
        // Sensor footprints: 0.09 degrees of latitude (about 20 km) around the place; items of a
        // ZIP step a little to the east.
        item.box = boxAt(lon, lat, sar ? 0.03 : 0.09, i * 0.02 + 0.01 * (serial % 3));
        item.title = asset.title;
        item.tags = asset.tags;
        item.constellation = constellation;
        item.gsd = gsd;
        item.sar = sar;
        item.cloud = sar ? 0 : double((serial * 7 + i * 11) % 30);
        const QString prefix = uuidFor(u"prefix:"_s + item.id).remove(u'-').left(8);

        File data;
        data.kind = u"tif"_s;
        data.bands = sar ? 1 : 3;
        const int side = sar ? 512 + 128 * ((serial + i) % 5) : 256 + 64 * ((serial + i) % 7);
        data.width = side;
        data.height = side;
        data.box = item.box;
        data.seed = SyntheticFiles::seedFor(item.id);
        data.contentType = QByteArrayLiteral("image/tiff; application=geotiff; profile=cloud-optimized");
        data.title = u"Data"_s;
        data.roles = { u"data"_s };
        if (zip) {
            data.id = uuidFor(u"file:%1:data"_s.arg(item.id));
            data.name = prefix + (sar ? u"_HH.tif"_s : u"_PMS.tif"_s);
        } else {
            // A single-file asset: the item's data is the asset's own file.
            data.id = asset.id;
            if (asset.name.isEmpty())
                asset.name = prefix + (sar ? u"_HH.tif"_s : u"_PMS.tif"_s);
            data.name = asset.name;
        }
        data.size = computeSize(data);
        File thumbnail;
        thumbnail.id = uuidFor(u"file:%1:thumbnail"_s.arg(item.id));
        thumbnail.name = prefix + u"_thumbnail.png"_s;
        thumbnail.kind = u"png"_s;
        thumbnail.seed = data.seed;
        thumbnail.contentType = QByteArrayLiteral("image/png");
        thumbnail.title = u"Thumbnail"_s;
        thumbnail.roles = { u"thumbnail"_s };
        thumbnail.size = computeSize(thumbnail);
        File metadata;
        metadata.id = uuidFor(u"file:%1:metadata"_s.arg(item.id));
        metadata.name = prefix + u"_stac_metadata.json"_s;
        metadata.kind = u"json"_s;
        metadata.itemId = item.id;
        metadata.box = item.box;
        metadata.seed = data.seed;
        metadata.contentType = QByteArrayLiteral("application/json");
        metadata.title = u"STAC metadata"_s;
        metadata.roles = { u"metadata"_s };
        metadata.size = computeSize(metadata);

        item.fileIds = { data.id, thumbnail.id, metadata.id };
        for (const File &file : { data, thumbnail, metadata }) {
            if (zip)
                original.members.append(file.id);
            if (file.id != asset.id)
                m_fileIndex.insert(file.id, file);
        }
        if (!zip) {
            original = data;
            original.title = u"Original Delivery"_s;
            original.roles = { u"data"_s, u"original"_s };
        }
        if (withStac) {
            asset.itemIds.append(item.id);
            m_items.append(item);
        }
    }
    original.name = asset.name;
    original.size = computeSize(original);
    m_fileIndex.insert(original.id, original);
    m_assets.append(asset);
}

qint64 Up42Emulator::computeSize(const File &file) const
{
    if (file.kind == "tif"_L1)
        return tiffHeaderSize(file.bands) + qint64(file.width) * file.height * file.bands;
    if (file.kind == "zip"_L1) {
        qint64 size = 22; // end of central directory
        for (const QString &member : file.members) {
            const File &entry = m_fileIndex[member];
            size += 30 + 46 + 2 * (u"output/"_s + entry.name).toUtf8().size() + entry.size;
        }
        return size;
    }
    return bytesOf(file).size();
}

QByteArray Up42Emulator::bytesOf(const File &file) const
{
    const auto cached = m_byteCache.constFind(file.id);
    if (cached != m_byteCache.constEnd())
        return *cached;
    QByteArray data;
    if (file.kind == "tif"_L1) {
        SyntheticFiles::GeoTiffOptions options;
        options.width = file.width;
        options.height = file.height;
        options.bands = file.bands;
        options.epsg = 4326;
        options.originX = file.box.west;
        options.originY = file.box.north;
        options.pixelSize = file.box.height() / file.height;
        options.seed = file.seed;
        data = SyntheticFiles::geoTiff(options);
    } else if (file.kind == "png"_L1) {
        data = SyntheticFiles::png(64, 64, file.seed);
    } else if (file.kind == "json"_L1) {
        // Fixed content: it does not follow later title or tag edits.
        data = QJsonDocument(
            QJsonObject { { "type"_L1, u"Feature"_s }, { "stac_version"_L1, u"1.0.0"_s }, { "id"_L1, file.itemId },
                { "bbox"_L1, file.box.toJson() }, { "geometry"_L1, polygon(file.box) },
                { "properties"_L1, QJsonObject { { "generator"_L1, u"StacScope UP42 emulator"_s } } } })
                   .toJson(QJsonDocument::Compact);
    } else if (file.kind == "zip"_L1) {
        // A whole-order delivery: stored entries below "output/" (the v2 SDK stripped that folder).
        QList<std::pair<QString, QByteArray>> entries;
        for (const QString &member : file.members) {
            const auto it = m_fileIndex.constFind(member);
            if (it != m_fileIndex.constEnd())
                entries.append({ u"output/"_s + it->name, bytesOf(*it) });
        }
        data = SyntheticFiles::storedZip(entries);
    }
    if (m_byteCache.size() > 48)
        m_byteCache.clear();
    m_byteCache.insert(file.id, data);
    return data;
}

} // namespace StacScope
