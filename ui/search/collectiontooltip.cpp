#include "ui/search/collectiontooltip.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CollectionToolTip", text);
}

QString day(qint64 msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).date().toString(Qt::ISODate);
}

} // namespace

QString CollectionToolTip::shortDescription(const QString &description, int maxChars)
{
    // Descriptions are Markdown, often pages long: the first paragraph says what it is.
    const QStringList paragraphs = description.trimmed().split(QRegularExpression(u"\\n\\s*\\n"_s), Qt::SkipEmptyParts);
    if (paragraphs.isEmpty()) {
        return {};
    }
    QString text = paragraphs.first().simplified();
    // [label](url) reads as its label.
    text.replace(QRegularExpression(u"\\[([^\\]]*)\\]\\([^)]*\\)"_s), u"\\1"_s);
    bool cut = paragraphs.size() > 1;
    if (text.size() > maxChars) {
        const qsizetype space = text.lastIndexOf(u' ', maxChars);
        text = text.left(space > maxChars / 2 ? space : maxChars);
        cut = true;
    }
    if (cut) {
        while (!text.isEmpty() && (text.back().isPunct() || text.back().isSpace())) {
            text.chop(1);
        }
        text += u"…"_s;
    }
    return text;
}

QString CollectionToolTip::temporalText(const DateRange &range)
{
    if (range.start && range.end) {
        return tr("%1 to %2").arg(day(*range.start), day(*range.end));
    }
    if (range.start) {
        return tr("%1 to present").arg(day(*range.start));
    }
    if (range.end) {
        return tr("until %1").arg(day(*range.end));
    }
    return {};
}

QString CollectionToolTip::spatialText(const QList<GeoBox> &extent)
{
    if (extent.isEmpty() || !extent.first().isValid()) {
        return {};
    }
    const GeoBox &b = extent.first();
    if (b.west <= -179.9 && b.east >= 179.9 && b.south <= -89.9 && b.north >= 89.9) {
        return tr("Whole world");
    }
    return tr("W %1°, S %2°, E %3°, N %4°")
        .arg(b.west, 0, 'f', 2)
        .arg(b.south, 0, 'f', 2)
        .arg(b.east, 0, 'f', 2)
        .arg(b.north, 0, 'f', 2);
}

QString CollectionToolTip::providersText(const QJsonObject &collectionJson)
{
    QStringList parts;
    for (const QJsonValue &value : collectionJson.value(u"providers"_s).toArray()) {
        const QJsonObject provider = value.toObject();
        const QString name = provider.value(u"name"_s).toString().trimmed();
        if (name.isEmpty()) {
            continue;
        }
        QStringList roles;
        for (const QJsonValue &role : provider.value(u"roles"_s).toArray()) {
            if (!role.toString().isEmpty()) {
                roles.append(role.toString());
            }
        }
        parts.append(roles.isEmpty() ? name : u"%1 (%2)"_s.arg(name, roles.join(u", "_s)));
    }
    return parts.join(u"; "_s);
}

QString CollectionToolTip::html(const StacCollection &c)
{
    QString out = u"<qt><p><b>%1</b>"_s.arg(c.displayName().toHtmlEscaped());
    if (c.displayName() != c.id) {
        out += u"<br>%1"_s.arg(c.id.toHtmlEscaped());
    }
    out += u"</p>"_s;
    const QString description = shortDescription(c.description);
    if (!description.isEmpty()) {
        out += u"<p>%1</p>"_s.arg(description.toHtmlEscaped());
    }
    QStringList rows;
    const auto row = [&rows](const QString &label, const QString &value) {
        if (!value.isEmpty()) {
            rows.append(u"<tr><td><i>%1</i>&nbsp;</td><td>%2</td></tr>"_s.arg(label, value.toHtmlEscaped()));
        }
    };
    row(tr("Time"), temporalText(c.temporalExtent));
    row(tr("Area"), spatialText(c.spatialExtent));
    row(tr("Licence"), c.license);
    row(tr("Providers"), providersText(c.json));
    if (!rows.isEmpty()) {
        out += u"<table cellspacing=\"0\">"_s + rows.join(QString()) + u"</table>"_s;
    }
    return out + u"</qt>"_s;
}

} // namespace StacScope
