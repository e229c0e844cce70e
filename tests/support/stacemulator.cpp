#include "tests/support/stacemulator.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include "tests/support/httpserver.h"
#include "tests/support/httpserverresponse.h"
#include "tests/support/httpstaticcontent.h"
#include "tests/support/stacpagebuilder.h"

using namespace Qt::StringLiterals;

namespace StacScope {

struct StacEmulator::Context
{
    QByteArray origin; // "http://127.0.0.1:PORT"
    QByteArray base; // origin plus the encoded base path, no trailing slash
    QStringList segments; // decoded path segments below the base path
};

namespace {

const QByteArray JsonType = QByteArrayLiteral("application/json");
const QByteArray GeoJsonType = QByteArrayLiteral("application/geo+json");
const QString QueryablesRel = u"http://www.opengis.net/def/rel/ogc/1.0/queryables"_s;

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject link(const QString &rel, const QByteArray &href, const QString &type)
{
    return QJsonObject { { "rel"_L1, rel }, { "href"_L1, QString::fromUtf8(href) }, { "type"_L1, type } };
}

void sendBytes(HttpServerResponse &response, int status, const QByteArray &body, const QByteArray &type)
{
    response.respond(status, body, type);
}

// STAC API exception body (core/commons.yaml).
void sendError(HttpServerResponse &response, int status, const QString &description)
{
    QString code;
    switch (status) {
    case 400:
        code = u"BadRequest"_s;
        break;
    case 401:
        code = u"Unauthorized"_s;
        break;
    case 403:
        code = u"Forbidden"_s;
        break;
    case 404:
        code = u"NotFound"_s;
        break;
    case 405:
        code = u"MethodNotAllowed"_s;
        break;
    default:
        code = u"ServerError"_s;
        break;
    }
    sendBytes(response, status, compact({ { "code"_L1, code }, { "description"_L1, description } }), JsonType);
}

void sendMethodNotAllowed(HttpServerResponse &response, const QByteArray &allowed)
{
    response.setHeader(QByteArrayLiteral("Allow"), allowed);
    sendError(response, 405, u"method not allowed here; allowed: %1"_s.arg(QString::fromLatin1(allowed)));
}

bool isSafeHost(const QByteArray &host)
{
    // Goes verbatim into JSON strings and URLs.
    return !host.isEmpty() && std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
            || c == ':' || c == '[' || c == ']' || c == '_';
    });
}

} // namespace

StacEmulator::StacEmulator(QObject *parent)
    : QObject(parent)
    , m_server(new HttpServer(this))
    , m_catalogId(u"emu"_s)
    , m_catalogDescription(u"emulator"_s)
{
    m_server->setHandler([this](const ReceivedRequest &request, HttpServerResponse &response) {
        if (!handleRequest(request, response))
            sendError(response, 404, u"no such path: %1"_s.arg(request.path));
    });
}

StacEmulator::~StacEmulator() = default;

// ---- serving and configuration ------------------------------------------------------------

bool StacEmulator::listen(const QHostAddress &address, quint16 port)
{
    return m_server->listen(address, port);
}

void StacEmulator::close()
{
    m_server->close();
}

QUrl StacEmulator::url() const
{
    QUrl url = m_server->url();
    if (!m_basePath.isEmpty())
        url.setPath(u'/' + m_basePath.join(u'/'));
    return url;
}

QUrl StacEmulator::url(const QString &path) const
{
    return QUrl(url().toString() + path);
}

bool StacEmulator::parsePagingMode(const QString &name, PagingMode *mode)
{
    if (name == "get"_L1)
        *mode = PagingMode::GetToken;
    else if (name == "post-merge"_L1)
        *mode = PagingMode::PostMerge;
    else if (name == "post-href"_L1)
        *mode = PagingMode::PostHref;
    else
        return false;
    return true;
}

void StacEmulator::setSearchMethods(bool get, bool post)
{
    m_searchGet = get;
    m_searchPost = post;
}

void StacEmulator::setBasePath(const QString &path)
{
    m_basePath = path.split(u'/', Qt::SkipEmptyParts);
}

void StacEmulator::setCatalogInfo(const QString &id, const QString &description)
{
    m_catalogId = id;
    m_catalogDescription = description;
}

void StacEmulator::setRequiredHeader(const QByteArray &name, const QByteArray &value)
{
    m_requiredHeaders = { { name, value } };
}

void StacEmulator::addRequiredHeader(const QByteArray &name, const QByteArray &value)
{
    m_requiredHeaders.append({ name, value });
}

void StacEmulator::injectFailure(int status, const QByteArray &body, int count, const QByteArray &contentType)
{
    if (count > 0)
        m_failures.append({ status, body, contentType, count });
}

QList<ReceivedRequest> StacEmulator::requests() const
{
    return m_server->requests();
}

ReceivedRequest StacEmulator::lastRequest() const
{
    return m_server->lastRequest();
}

void StacEmulator::clearRequests()
{
    m_server->clearRequests();
}

QByteArray StacEmulator::originFor(const ReceivedRequest &request) const
{
    if (m_publicBaseUrl.isValid() && !m_publicBaseUrl.host().isEmpty())
        return m_publicBaseUrl.toEncoded(
            QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    const QByteArray host = request.header("Host");
    if (isSafeHost(host))
        return "http://" + host;
    return m_server->url().toEncoded();
}

QStringList StacEmulator::conformance() const
{
    QStringList uris = allConformance();
    if (m_filterSupport == FilterSupport::Cql2)
        return uris;
    QStringList kept;
    for (const QString &uri : std::as_const(uris)) {
        const bool filterClass = uri.contains(u"filter"_s) || uri.contains(u"/cql2/"_s);
        const bool json = uri.contains(u"cql2-json"_s) || uri.contains(u"cql-json"_s);
        if (m_filterSupport == FilterSupport::None ? !filterClass : !json)
            kept.append(uri);
    }
    return kept;
}

QStringList StacEmulator::allConformance() const
{
    if (m_rcConformance) {
        const QString rc = u"https://api.stacspec.org/v1.0.0-rc.1/"_s;
        return { rc + "core"_L1, rc + "collections"_L1, rc + "ogcapi-features"_L1, rc + "item-search"_L1,
            rc + "item-search#filter"_L1, rc + "item-search#filter:filter"_L1, rc + "item-search#filter:basic-cql"_L1,
            rc + "item-search#filter:cql-text"_L1, rc + "item-search#filter:cql-json"_L1,
            rc + "item-search#filter:item-search-filter"_L1, rc + "item-search#sort"_L1, rc + "item-search#fields"_L1,
            u"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter"_s,
            u"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"_s,
            u"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"_s };
    }
    return { u"https://api.stacspec.org/v1.0.0/core"_s, u"https://api.stacspec.org/v1.0.0/collections"_s,
        u"https://api.stacspec.org/v1.0.0/ogcapi-features"_s, u"https://api.stacspec.org/v1.0.0/item-search"_s,
        u"https://api.stacspec.org/v1.0.0/item-search#filter"_s, u"https://api.stacspec.org/v1.1.0/item-search#sort"_s,
        u"https://api.stacspec.org/v1.0.0/item-search#fields"_s,
        u"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter"_s,
        u"http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2"_s,
        u"http://www.opengis.net/spec/cql2/1.0/conf/cql2-json"_s,
        u"http://www.opengis.net/spec/cql2/1.0/conf/cql2-text"_s,
        u"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"_s,
        u"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"_s };
}

// ---- request handling ---------------------------------------------------------------------

bool StacEmulator::handleRequest(const ReceivedRequest &request, HttpServerResponse &response)
{
    // Segments are decoded one by one so that an encoded '/' inside an id stays in the id.
    const qsizetype queryStart = request.target.indexOf('?');
    const QByteArray rawPath = queryStart < 0 ? request.target : request.target.left(queryStart);
    QStringList segments;
    const QList<QByteArray> rawSegments = rawPath.split('/');
    for (const QByteArray &segment : rawSegments) {
        if (!segment.isEmpty())
            segments.append(QUrl::fromPercentEncoding(segment));
    }
    if (segments.size() < m_basePath.size() || segments.mid(0, m_basePath.size()) != m_basePath)
        return false;

    Context context;
    context.origin = originFor(request);
    context.base = context.origin;
    for (const QString &segment : std::as_const(m_basePath))
        context.base += '/' + QUrl::toPercentEncoding(segment);
    context.segments = segments.mid(m_basePath.size());

    if (!m_failures.isEmpty()) {
        Failure &failure = m_failures.first();
        response.respond(failure.status, failure.body, failure.contentType);
        if (--failure.remaining <= 0)
            m_failures.removeFirst();
        return true;
    }
    for (const auto &[name, value] : std::as_const(m_requiredHeaders)) {
        if (!request.hasHeader(name)) {
            sendError(response, 401, u"missing required header %1"_s.arg(QString::fromLatin1(name)));
            return true;
        }
        if (request.header(name) != value) {
            sendError(response, 403, u"header %1 does not grant access"_s.arg(QString::fromLatin1(name)));
            return true;
        }
    }
    route(request, response, context);
    return true;
}

void StacEmulator::route(const ReceivedRequest &request, HttpServerResponse &response, const Context &context)
{
    const QStringList &s = context.segments;
    const bool read = request.method == "GET" || request.method == "HEAD";
    const QByteArray readOnly = QByteArrayLiteral("GET, HEAD");

    if (s.isEmpty() || (s.size() == 1 && (s.first() == "conformance"_L1 || s.first() == "queryables"_L1))) {
        if (!read)
            sendMethodNotAllowed(response, readOnly);
        else if (s.isEmpty())
            sendLanding(response, context);
        else if (s.first() == "conformance"_L1)
            sendConformance(response);
        else
            sendQueryables(response, context, QString());
        return;
    }
    if (s.size() == 1 && s.first() == "search"_L1) {
        if ((read && m_searchGet) || (request.method == "POST" && m_searchPost)) {
            search(request, response, context, QString());
            return;
        }
        QByteArrayList allowed;
        if (m_searchGet)
            allowed << QByteArrayLiteral("GET") << QByteArrayLiteral("HEAD");
        if (m_searchPost)
            allowed << QByteArrayLiteral("POST");
        sendMethodNotAllowed(response, allowed.join(", "));
        return;
    }
    if (s.first() == "collections"_L1 && s.size() <= 4) {
        if (!read) {
            // POST .../items would be the Transaction extension, which is not offered.
            sendMethodNotAllowed(response, readOnly);
            return;
        }
        if (s.size() == 1) {
            sendCollections(request, response, context);
        } else if (!(m_catalog.findCollection(s.at(1)) >= 0)) {
            sendError(response, 404, u"no collection '%1'"_s.arg(s.at(1)));
        } else if (s.size() == 2) {
            sendCollection(response, context, s.at(1));
        } else if (s.size() == 3 && s.at(2) == "items"_L1) {
            search(request, response, context, s.at(1));
        } else if (s.size() == 3 && s.at(2) == "queryables"_L1) {
            sendQueryables(response, context, s.at(1));
        } else if (s.size() == 4 && s.at(2) == "items"_L1) {
            sendItem(response, context, s.at(1), s.at(3));
        } else {
            sendError(response, 404, u"no such path"_s);
        }
        return;
    }
    if (s.first() == "files"_L1 && s.size() >= 2 && !m_catalog.filesRoot().isEmpty()) {
        sendFile(request, response, s.mid(1));
        return;
    }
    sendError(response, 404, u"no such path: /%1"_s.arg(s.join(u'/')));
}

void StacEmulator::sendLanding(HttpServerResponse &response, const Context &context)
{
    const QByteArray root = context.base + '/';
    QJsonArray links {
        link(u"self"_s, root, u"application/json"_s),
        link(u"root"_s, root, u"application/json"_s),
        link(u"data"_s, context.base + "/collections", u"application/json"_s),
    };
    if (m_searchGet) {
        QJsonObject search = link(u"search"_s, context.base + "/search", u"application/geo+json"_s);
        search.insert("method"_L1, u"GET"_s);
        links.append(search);
    }
    if (m_searchPost) {
        QJsonObject search = link(u"search"_s, context.base + "/search", u"application/geo+json"_s);
        search.insert("method"_L1, u"POST"_s);
        links.append(search);
    }
    links.append(link(QueryablesRel, context.base + "/queryables", u"application/schema+json"_s));
    const QJsonObject landing {
        { "type"_L1, u"Catalog"_s },
        { "stac_version"_L1, u"1.0.0"_s },
        { "id"_L1, m_catalogId },
        { "description"_L1, m_catalogDescription },
        { "conformsTo"_L1, QJsonArray::fromStringList(conformance()) },
        { "links"_L1, links },
    };
    sendBytes(response, 200, compact(landing), JsonType);
}

void StacEmulator::sendConformance(HttpServerResponse &response)
{
    sendBytes(response, 200, compact({ { "conformsTo"_L1, QJsonArray::fromStringList(conformance()) } }), JsonType);
}

QJsonObject StacEmulator::collectionDocument(qsizetype index, const Context &context) const
{
    QJsonObject collection = m_catalog.collection(index);
    const QByteArray self
        = context.base + "/collections/" + QUrl::toPercentEncoding(collection.value("id"_L1).toString());
    QJsonArray links {
        link(u"self"_s, self, u"application/json"_s),
        link(u"root"_s, context.base + '/', u"application/json"_s),
        link(u"parent"_s, context.base + '/', u"application/json"_s),
        link(u"items"_s, self + "/items", u"application/geo+json"_s),
        link(QueryablesRel, self + "/queryables", u"application/schema+json"_s),
    };
    // Static-catalog navigation links point at files; the API's own links replace them.
    const QJsonArray original = collection.value("links"_L1).toArray();
    for (const QJsonValue &entry : original) {
        const QString rel = entry.toObject().value("rel"_L1).toString();
        if (rel != "self"_L1 && rel != "root"_L1 && rel != "parent"_L1 && rel != "items"_L1 && rel != "item"_L1
            && rel != "child"_L1 && rel != QueryablesRel)
            links.append(entry);
    }
    collection.insert("links"_L1, links);
    return collection;
}

void StacEmulator::sendCollections(const ReceivedRequest &request, HttpServerResponse &response, const Context &context)
{
    int limit = m_defaultLimit;
    qint64 offset = 0;
    if (request.hasQueryItem(u"limit"_s)) {
        bool ok = false;
        limit = request.queryValue(u"limit"_s).toInt(&ok);
        if (!ok || limit < 1) {
            sendError(response, 400, u"limit must be a positive integer"_s);
            return;
        }
    }
    const QString tokenText = request.queryValue(u"token"_s);
    if (!tokenText.isEmpty()) {
        const std::optional<QJsonObject> token = StacPageBuilder::decodeToken(tokenText);
        if (!token) {
            sendError(response, 400, u"invalid paging token"_s);
            return;
        }
        offset = std::max<qint64>(0, token->value("o"_L1).toInteger());
        if (!request.hasQueryItem(u"limit"_s))
            limit = token->value("l"_L1).toInt(limit);
    }
    limit = std::min(limit, m_maxLimit);
    const qsizetype total = m_catalog.collectionCount();
    const qsizetype begin = std::min<qsizetype>(offset, total);
    const qsizetype end = std::min<qsizetype>(begin + limit, total);

    QJsonArray collections;
    for (qsizetype i = begin; i < end; ++i)
        collections.append(collectionDocument(i, context));
    QJsonArray links {
        link(u"root"_s, context.base + '/', u"application/json"_s),
        link(u"self"_s, context.origin + request.target, u"application/json"_s),
    };
    if (end < total) {
        const QString token = StacPageBuilder::encodeToken({ { "o"_L1, double(end) }, { "l"_L1, limit } });
        links.append(link(u"next"_s, context.base + "/collections?token=" + token.toLatin1(), u"application/json"_s));
    }
    QJsonObject document { { "collections"_L1, collections }, { "links"_L1, links } };
    if (m_numberMatched) {
        document.insert("numberMatched"_L1, double(total));
        document.insert("numberReturned"_L1, double(end - begin));
    }
    sendBytes(response, 200, StacPageBuilder::withBaseUrl(compact(document), context.base), JsonType);
}

void StacEmulator::sendCollection(HttpServerResponse &response, const Context &context, const QString &collectionId)
{
    const QJsonObject document = collectionDocument(m_catalog.findCollection(collectionId), context);
    sendBytes(response, 200, StacPageBuilder::withBaseUrl(compact(document), context.base), JsonType);
}

void StacEmulator::sendQueryables(HttpServerResponse &response, const Context &context, const QString &collectionId)
{
    const QByteArray self = collectionId.isEmpty()
        ? QByteArray(context.base + "/queryables")
        : QByteArray(context.base + "/collections/" + QUrl::toPercentEncoding(collectionId) + "/queryables");
    const QJsonObject document {
        { "$schema"_L1, u"https://json-schema.org/draft/2019-09/schema"_s },
        { "$id"_L1, QString::fromUtf8(self) },
        { "type"_L1, u"object"_s },
        { "title"_L1,
            collectionId.isEmpty() ? u"Queryables for %1"_s.arg(m_catalogId)
                                   : u"Queryables for %1"_s.arg(collectionId) },
        { "properties"_L1, m_catalog.items().queryableProperties(collectionId) },
        { "additionalProperties"_L1, true },
    };
    sendBytes(response, 200, compact(document), JsonType);
}

void StacEmulator::sendItem(
    HttpServerResponse &response, const Context &context, const QString &collectionId, const QString &itemId)
{
    const qsizetype index = m_catalog.items().findItem(collectionId, itemId);
    if (index < 0) {
        sendError(response, 404, u"no item '%1' in collection '%2'"_s.arg(itemId, collectionId));
        return;
    }
    QByteArray body;
    StacPageBuilder::appendItem(body, m_catalog.items().item(index), context.base);
    sendBytes(response, 200, body, GeoJsonType);
}

void StacEmulator::sendFile(const ReceivedRequest &request, HttpServerResponse &response, const QStringList &segments)
{
    for (const QString &segment : segments) {
        if (segment == "."_L1 || segment == ".."_L1 || segment.contains(u'/') || segment.contains(u'\\')) {
            sendError(response, 404, u"no such file"_s);
            return;
        }
    }
    HttpStaticContent content;
    const QString path = m_catalog.filesRoot() + u'/' + segments.join(u'/');
    if (!QFileInfo(path).isFile() || !HttpStaticContent::fromFile(path, &content)) {
        sendError(response, 404, u"no such file"_s);
        return;
    }
    content.respond(request, response);
}

void StacEmulator::search(
    const ReceivedRequest &request, HttpServerResponse &response, const Context &context, const QString &collectionId)
{
    if (m_pageDelayMs > 0) {
        response.setInitialDelay(m_pageDelayMs);
    }
    const bool post = request.method == "POST";
    QString error;
    if (m_filterSupport != FilterSupport::Cql2) {
        // What the request says about its filter, before anything else reads it.
        QJsonValue filter(QJsonValue::Undefined);
        QString language;
        if (post) {
            const QJsonObject body = QJsonDocument::fromJson(request.body).object();
            filter = body.value("filter"_L1);
            language = body.value("filter-lang"_L1).toString();
        } else if (request.hasQueryItem(u"filter"_s)) {
            filter = request.queryValue(u"filter"_s);
            language = request.queryValue(u"filter-lang"_s);
        }
        if (!filter.isUndefined() && m_filterSupport == FilterSupport::None) {
            sendError(response, 400, u"this API does not support the filter parameter"_s);
            return;
        }
        if (!filter.isUndefined() && (filter.isObject() || language == "cql2-json"_L1)) {
            sendError(response, 400, u"filter-lang cql2-json is not supported; use cql2-text"_s);
            return;
        }
    }
    std::optional<StacSearchQuery> parsed;
    if (post) {
        QJsonObject body;
        if (!request.body.trimmed().isEmpty()) {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
            if (!document.isObject()) {
                sendError(response, 400,
                    u"request body is not a JSON object: %1"_s.arg(
                        parseError.error == QJsonParseError::NoError ? u"not an object"_s : parseError.errorString()));
                return;
            }
            body = document.object();
        }
        parsed = StacSearchQuery::fromJson(body, &error);
        if (parsed && parsed->page == 0 && request.hasQueryItem(u"page"_s)) {
            // Capella-style paging: the original body re-POSTed to ".../search?page=N".
            bool ok = false;
            parsed->page = request.queryValue(u"page"_s).toInt(&ok);
            if (!ok || parsed->page < 1) {
                sendError(response, 400, u"page must be a positive integer"_s);
                return;
            }
        }
        if (parsed && parsed->token.isEmpty())
            parsed->token = request.queryValue(u"token"_s);
    } else {
        parsed = StacSearchQuery::fromUrlQuery(request.query, &error);
    }
    if (!parsed) {
        sendError(response, 400, error);
        return;
    }
    StacSearchQuery query = *parsed;
    if (!collectionId.isEmpty())
        query.collections = { collectionId };

    qint64 offset = 0;
    if (!query.token.isEmpty()) {
        const std::optional<QJsonObject> token = StacPageBuilder::decodeToken(query.token);
        if (!token) {
            sendError(response, 400, u"invalid paging token"_s);
            return;
        }
        if (token->contains("q"_L1)) {
            // GET token: it carries the whole query; only an explicit limit may change.
            std::optional<StacSearchQuery> carried = StacSearchQuery::fromJson(token->value("q"_L1).toObject(), &error);
            if (!carried) {
                sendError(response, 400, u"invalid paging token: %1"_s.arg(error));
                return;
            }
            const int limit = query.limit >= 0 ? query.limit : token->value("l"_L1).toInt(-1);
            query = *carried;
            query.limit = limit;
            if (!collectionId.isEmpty())
                query.collections = { collectionId };
        } else if (token->value("h"_L1).toString() != StacPageBuilder::queryHash(query)) {
            // A merge token only makes sense with the original body merged in.
            sendError(response, 400, u"paging token does not belong to this query (was the original body merged?)"_s);
            return;
        }
        offset = token->value("o"_L1).toInteger();
        if (offset < 0) {
            sendError(response, 400, u"invalid paging token"_s);
            return;
        }
    }
    const int limit = query.limit < 0 ? m_defaultLimit : std::min(query.limit, m_maxLimit);
    if (query.page > 0)
        offset = qint64(query.page - 1) * limit;

    const StacSearchEngine::Result result = m_catalog.items().search(query, &error);
    if (!result) {
        sendError(response, 400, error);
        return;
    }
    const qsizetype matched = result->size();
    const qsizetype begin = qsizetype(std::min<qint64>(offset, matched));
    const qsizetype end = std::min<qsizetype>(begin + limit, matched);

    const QByteArray path = collectionId.isEmpty()
        ? QByteArray(context.base + "/search")
        : QByteArray(context.base + "/collections/" + QUrl::toPercentEncoding(collectionId) + "/items");
    QJsonArray links { link(u"self"_s, context.origin + request.target, u"application/geo+json"_s),
        link(u"root"_s, context.base + '/', u"application/json"_s) };
    if (!collectionId.isEmpty()) {
        const QByteArray collection = context.base + "/collections/" + QUrl::toPercentEncoding(collectionId);
        links.append(link(u"parent"_s, collection, u"application/json"_s));
        links.append(link(u"collection"_s, collection, u"application/json"_s));
    }
    if (end < matched) {
        QJsonObject next;
        if (post && m_pagingMode == PagingMode::PostMerge) {
            next = link(u"next"_s, path, u"application/geo+json"_s);
            next.insert("method"_L1, u"POST"_s);
            next.insert("body"_L1,
                QJsonObject { { "token"_L1,
                    StacPageBuilder::encodeToken(
                        { { "o"_L1, double(end) }, { "h"_L1, StacPageBuilder::queryHash(query) } }) } });
            next.insert("merge"_L1, true);
        } else if (m_pagingMode == PagingMode::PostHref) {
            const QByteArray page = QByteArray::number(end / limit + 1);
            if (post) {
                next
                    = QJsonObject { { "rel"_L1, u"next"_s }, { "href"_L1, QString::fromUtf8(path + "?page=" + page) } };
            } else {
                QByteArrayList items;
                const QList<QByteArray> original = request.rawQuery.split('&');
                for (const QByteArray &item : original) {
                    if (!item.isEmpty() && item != "page" && !item.startsWith("page="))
                        items.append(item);
                }
                items.append("page=" + page);
                next = QJsonObject { { "rel"_L1, u"next"_s },
                    { "href"_L1, QString::fromUtf8(path + '?' + items.join('&')) } };
            }
        } else {
            const QString token = StacPageBuilder::encodeToken(
                { { "q"_L1, query.toJson() }, { "o"_L1, double(end) }, { "l"_L1, limit } });
            next = link(u"next"_s, path + "?token=" + token.toLatin1(), u"application/geo+json"_s);
            next.insert("method"_L1, u"GET"_s);
        }
        links.append(next);
    }

    StacPageBuilder::Counts counts;
    counts.numberMatched = m_numberMatched;
    counts.context = m_context;
    counts.limit = limit;
    const QByteArray body
        = StacPageBuilder::itemCollection(m_catalog.items(), *result, begin, end, context.base, links, counts);
    sendBytes(response, 200, body, GeoJsonType);
}

} // namespace StacScope
