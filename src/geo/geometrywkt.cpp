// WKT reading and writing for Geometry (kept apart from geometry.cpp to keep both short).
#include <QStringList>

#include "src/geo/geometry.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

class WktReader
{
public:
    explicit WktReader(QStringView text)
        : m_text(text)
    {}

    std::optional<Geometry> read(QString *error)
    {
        skipSpace();
        const QString word = readWord().toUpper();
        static const struct
        {
            const char16_t *wkt;
            GeometryType type;
        } names[] = { { u"POINT", GeometryType::Point }, { u"MULTIPOINT", GeometryType::MultiPoint },
            { u"LINESTRING", GeometryType::LineString }, { u"MULTILINESTRING", GeometryType::MultiLineString },
            { u"POLYGON", GeometryType::Polygon }, { u"MULTIPOLYGON", GeometryType::MultiPolygon } };
        std::optional<GeometryType> type;
        for (const auto &n : names) {
            if (word == QStringView(n.wkt)) {
                type = n.type;
            }
        }
        if (!type) {
            return fail(error,
                word.isEmpty() ? u"expected a geometry keyword such as POLYGON"_s
                               : QStringLiteral("unknown WKT geometry \"%1\"").arg(word));
        }
        skipSpace();
        const qsizetype save = m_pos;
        const QString dims = readWord().toUpper();
        if (dims != u"Z"_s && dims != u"M"_s && dims != u"ZM"_s) {
            m_pos = save;
        }
        skipSpace();
        const qsizetype saveEmpty = m_pos;
        if (readWord().toUpper() == u"EMPTY"_s) {
            GeometryBuilder empty;
            return finishAtEnd(empty, *type, error);
        }
        m_pos = saveEmpty;
        GeometryBuilder builder;
        // In WKT, POINT (x y) wraps its one position in parentheses, and MULTIPOINT may wrap each
        // point: unwrap these so the nesting matches GeoJSON's.
        const bool pointLike = *type == GeometryType::Point;
        if (!readList(builder, 0, pointLike, *type == GeometryType::MultiPoint, error)) {
            return std::nullopt;
        }
        return finishAtEnd(builder, *type, error);
    }

private:
    std::optional<Geometry> finishAtEnd(GeometryBuilder &builder, GeometryType type, QString *error)
    {
        skipSpace();
        if (m_pos < m_text.size()) {
            return fail(error, QStringLiteral("unexpected text at column %1").arg(m_pos + 1));
        }
        return builder.finish(type, error);
    }

    std::optional<Geometry> fail(QString *error, const QString &message)
    {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text[m_pos].isSpace()) {
            ++m_pos;
        }
    }

    QString readWord()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && m_text[m_pos].isLetter()) {
            ++m_pos;
        }
        return m_text.mid(start, m_pos - start).toString();
    }

    bool expect(QChar c, QString *error)
    {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        if (error) {
            *error = QStringLiteral("expected '%1' at column %2").arg(c).arg(m_pos + 1);
        }
        return false;
    }

    bool readNumber(double *out, QString *error)
    {
        skipSpace();
        const qsizetype start = m_pos;
        while (m_pos < m_text.size()
            && (m_text[m_pos].isDigit() || m_text[m_pos] == u'-' || m_text[m_pos] == u'+' || m_text[m_pos] == u'.'
                || m_text[m_pos] == u'e' || m_text[m_pos] == u'E')) {
            ++m_pos;
        }
        bool ok = false;
        *out = m_text.mid(start, m_pos - start).toDouble(&ok);
        if (!ok && error) {
            *error = QStringLiteral("expected a number at column %1").arg(start + 1);
        }
        return ok;
    }

    // Reads "x y [z [m]]" and reports one position.
    bool readPosition(GeometryBuilder &builder, QString *error)
    {
        double x = 0, y = 0, extra = 0;
        if (!readNumber(&x, error) || !readNumber(&y, error)) {
            return false;
        }
        for (int i = 0; i < 2; ++i) {
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] != u',' && m_text[m_pos] != u')') {
                if (!readNumber(&extra, error)) {
                    return false;
                }
            }
        }
        builder.position(x, y);
        return true;
    }

    bool readList(GeometryBuilder &builder, int depth, bool single, bool pointsMayBeWrapped, QString *error)
    {
        if (depth > 6) {
            fail(error, u"WKT nested too deeply"_s);
            return false;
        }
        if (!expect(u'(', error)) {
            return false;
        }
        skipSpace();
        const bool nested = m_pos < m_text.size() && m_text[m_pos] == u'(';
        if (!single) {
            builder.beginArray();
        }
        while (true) {
            if (nested && !(pointsMayBeWrapped && depth == 0)) {
                if (!readList(builder, depth + 1, false, false, error)) {
                    return false;
                }
            } else if (nested) {
                if (!expect(u'(', error) || !readPosition(builder, error) || !expect(u')', error)) {
                    return false;
                }
            } else if (!readPosition(builder, error)) {
                return false;
            }
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == u',' && !single) {
                ++m_pos;
                skipSpace();
                continue;
            }
            break;
        }
        if (!expect(u')', error)) {
            return false;
        }
        if (!single) {
            builder.endArray();
        }
        return true;
    }

    QStringView m_text;
    qsizetype m_pos = 0;
};

QString number(double v)
{
    return QString::number(v, 'g', 15);
}

QString positions(std::span<const double> xy)
{
    QStringList parts;
    for (size_t i = 0; i + 1 < xy.size(); i += 2) {
        parts.append(number(xy[i]) + u' ' + number(xy[i + 1]));
    }
    return u'(' + parts.join(u", "_s) + u')';
}

} // namespace

std::optional<Geometry> Geometry::fromWkt(const QString &wkt, QString *error)
{
    WktReader reader(wkt);
    return reader.read(error);
}

QString Geometry::toWkt() const
{
    const QString name = typeName(m_type).toUpper();
    if (isEmpty()) {
        return (m_type == GeometryType::Empty ? u"GEOMETRYCOLLECTION"_s : name) + u" EMPTY"_s;
    }
    QString body;
    switch (m_type) {
    case GeometryType::Point:
        body = u'(' + number(m_coords[0]) + u' ' + number(m_coords[1]) + u')';
        break;
    case GeometryType::MultiPoint:
    case GeometryType::LineString:
        body = positions(ring(0));
        break;
    case GeometryType::MultiLineString:
    case GeometryType::Polygon: {
        QStringList rings;
        for (int r = 0; r < ringCount(); ++r) {
            rings.append(positions(ring(r)));
        }
        body = u'(' + rings.join(u", "_s) + u')';
        break;
    }
    case GeometryType::MultiPolygon: {
        QStringList polygons;
        std::uint32_t begin = 0;
        for (std::uint32_t end : m_partEnds) {
            QStringList rings;
            for (std::uint32_t r = begin; r < end; ++r) {
                rings.append(positions(ring(int(r))));
            }
            polygons.append(u'(' + rings.join(u", "_s) + u')');
            begin = end;
        }
        body = u'(' + polygons.join(u", "_s) + u')';
        break;
    }
    case GeometryType::Empty:
        break;
    }
    return name + u' ' + body;
}

} // namespace StacScope
