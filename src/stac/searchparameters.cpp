#include "src/stac/searchparameters.h"

#include <QJsonArray>
#include <QJsonDocument>

#include "src/stac/cql2.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QStringList &topLevelFields()
{
    static const QStringList fields { u"id"_s, u"collection"_s, u"geometry"_s, u"bbox"_s };
    return fields;
}

} // namespace

QString SortField::qualifiedField() const
{
    if (field.startsWith(u"properties."_s) || topLevelFields().contains(field)) {
        return field;
    }
    return u"properties."_s + field;
}

QList<SortField> SortField::parseList(const QString &text)
{
    QList<SortField> out;
    for (QString part : text.split(u',', Qt::SkipEmptyParts)) {
        part = part.trimmed();
        SortField f;
        if (part.startsWith(u'-')) {
            f.descending = true;
            part.remove(0, 1);
        } else if (part.startsWith(u'+')) {
            part.remove(0, 1);
        }
        f.field = part.trimmed();
        if (!f.field.isEmpty()) {
            out.append(f);
        }
    }
    return out;
}

QString SearchParameters::validate() const
{
    if (bbox && intersects) {
        return u"use either a bbox or an intersects geometry, not both"_s;
    }
    if (bbox && !bbox->isValid()) {
        return u"the bbox is out of range"_s;
    }
    if (limit < 1) {
        return u"the page size (limit) must be at least 1"_s;
    }
    if (!filter.isEmpty()) {
        const QString problem = Cql2::validate(filter);
        if (!problem.isEmpty()) {
            return u"filter: "_s + problem;
        }
    }
    return {};
}

QJsonObject SearchParameters::toPostBody() const
{
    QJsonObject body = extraBody;
    if (!collections.isEmpty()) {
        body.insert(u"collections"_s, QJsonArray::fromStringList(collections));
    }
    if (!ids.isEmpty()) {
        body.insert(u"ids"_s, QJsonArray::fromStringList(ids));
    }
    if (bbox) {
        body.insert(u"bbox"_s, bbox->toJson());
    }
    if (intersects) {
        body.insert(u"intersects"_s, intersects->splitAtAntimeridian().toGeoJson());
    }
    if (datetime) {
        body.insert(u"datetime"_s, datetime->toString());
    }
    if (!filter.isEmpty()) {
        const QString text = filterLanguage == FilterLanguage::Cql2Text ? Cql2::toText(filter) : QString();
        if (text.isEmpty()) {
            body.insert(u"filter"_s, filter);
            body.insert(u"filter-lang"_s, u"cql2-json"_s);
        } else {
            body.insert(u"filter"_s, text);
            body.insert(u"filter-lang"_s, u"cql2-text"_s);
        }
    }
    if (!sortBy.isEmpty()) {
        QJsonArray sort;
        for (const SortField &f : sortBy) {
            sort.append(QJsonObject {
                { u"field"_s, f.qualifiedField() }, { u"direction"_s, f.descending ? u"desc"_s : u"asc"_s } });
        }
        body.insert(u"sortby"_s, sort);
    }
    if (!query.isEmpty()) {
        body.insert(u"query"_s, query);
    }
    body.insert(u"limit"_s, limit);
    return body;
}

QUrlQuery SearchParameters::toGetQuery(QString *error) const
{
    QUrlQuery q;
    // QUrlQuery leaves ',' ':' and '+' as they are; '+' would read as a space, so encode it.
    auto add = [&q](const QString &key, QString value) {
        value.replace(u'%', u"%25"_s).replace(u'+', u"%2B"_s).replace(u'&', u"%26"_s).replace(u'#', u"%23"_s);
        q.addQueryItem(key, value);
    };
    if (!collections.isEmpty()) {
        add(u"collections"_s, collections.join(u','));
    }
    if (!ids.isEmpty()) {
        add(u"ids"_s, ids.join(u','));
    }
    if (bbox) {
        add(u"bbox"_s, bbox->toQueryString());
    }
    if (intersects) {
        add(u"intersects"_s,
            QString::fromUtf8(
                QJsonDocument(intersects->splitAtAntimeridian().toGeoJson()).toJson(QJsonDocument::Compact)));
    }
    if (datetime) {
        add(u"datetime"_s, datetime->toString());
    }
    if (!filter.isEmpty()) {
        QString textError;
        const QString text = filterLanguage == FilterLanguage::Cql2Json ? QString() : Cql2::toText(filter, &textError);
        if (text.isEmpty()) {
            // No text form: send JSON, which servers with cql2-json conformance accept in GET too.
            add(u"filter"_s, QString::fromUtf8(QJsonDocument(filter).toJson(QJsonDocument::Compact)));
            add(u"filter-lang"_s, u"cql2-json"_s);
            if (error) {
                *error = textError;
            }
        } else {
            add(u"filter"_s, text);
            add(u"filter-lang"_s, u"cql2-text"_s);
        }
    }
    if (!sortBy.isEmpty()) {
        QStringList parts;
        for (const SortField &f : sortBy) {
            parts.append((f.descending ? u"-"_s : u"+"_s) + f.qualifiedField());
        }
        add(u"sortby"_s, parts.join(u','));
    }
    add(u"limit"_s, QString::number(limit));
    return q;
}

} // namespace StacScope
