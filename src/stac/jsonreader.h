#pragma once

#include <string>
#include <string_view>

#include <QByteArrayView>
#include <QJsonValue>
#include <QString>

namespace StacScope {

// A forward-only pull reader over JSON bytes. STAC result pages are large (megabytes) and we
// want a few typed fields per item plus each item's raw bytes, so building a QJsonDocument per
// page would cost a full tree we throw away. The reader validates as it goes and keeps the
// first error with its line and column.
class JsonReader
{
public:
    enum class Kind
    {
        Null,
        Bool,
        Number,
        String,
        Array,
        Object,
        End,
        Invalid
    };

    explicit JsonReader(QByteArrayView data);

    // Kind of the next value, after white space; does not consume it.
    Kind peek();

    bool beginObject();
    // Reads the next key of the current object and the ':' after it. Returns false at the
    // closing '}' (consumed) or on error. The view stays valid until the next call.
    bool nextKey(std::string_view *key);
    bool beginArray();
    // Returns true when another element follows (after consuming a ',' if needed), false at the
    // closing ']' (consumed) or on error.
    bool nextElement();

    bool readString(QString *out);
    // The UTF-8 bytes of a string (escapes decoded); valid until the next call.
    bool readStringView(std::string_view *out);
    bool readNumber(double *out);
    bool readBool(bool *out);
    bool readNull();
    bool skipValue();
    // Reads the next value as a QJsonValue (for small, rarely used parts such as links).
    QJsonValue readValue();

    // Byte offset of the next unread character (after white space).
    qsizetype offset();
    void seek(qsizetype offset) { m_pos = offset; }
    QByteArrayView data() const { return m_data; }
    bool atEnd();

    bool hasError() const { return !m_error.isEmpty(); }
    // "line 3, column 14: expected ':' after an object key"
    QString errorString() const { return m_error; }
    qsizetype errorOffset() const { return m_errorOffset; }
    void setError(const QString &message);
    void setError(const QString &message, qsizetype offset);

    static QString kindName(Kind kind);

private:
    void skipSpace();
    bool expect(char c, const char *what);
    bool scanString(std::string_view *out);
    bool skipNested(int depth);
    QJsonValue readValueAt(int depth);

    const char *m_begin;
    qsizetype m_size;
    qsizetype m_pos = 0;
    QByteArrayView m_data;
    // Per open container: has the first element/key been read yet?
    std::string m_first;
    std::string m_scratch;
    QString m_error;
    qsizetype m_errorOffset = -1;
};

} // namespace StacScope
