#include "src/net/networkerror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString textOf(const QJsonValue &v)
{
    if (v.isString()) {
        return v.toString();
    }
    if (v.isArray()) {
        // FastAPI/pydantic: [{"loc": [...], "msg": "...", "type": "..."}]
        QStringList parts;
        for (const QJsonValue &e : v.toArray()) {
            const QJsonObject o = e.toObject();
            QString msg = o.value(u"msg"_s).toString();
            if (msg.isEmpty()) {
                msg = textOf(e);
            }
            QStringList loc;
            for (const QJsonValue &l : o.value(u"loc"_s).toArray()) {
                loc.append(l.isDouble() ? QString::number(l.toInt()) : l.toString());
            }
            parts.append(loc.isEmpty() ? msg : loc.join(u'.') + u": "_s + msg);
        }
        return parts.join(u"; "_s);
    }
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (const auto &k : { u"message"_s, u"Message"_s, u"description"_s, u"detail"_s, u"msg"_s }) {
            if (o.contains(k)) {
                return textOf(o.value(k));
            }
        }
    }
    return {};
}

} // namespace

QString NetworkError::messageFromBody(const QByteArray &body, QString *code)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty()) {
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed, &parseError);
    if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
        const QJsonObject o = doc.object();
        if (code) {
            const QJsonValue c = o.value(u"code"_s);
            *code = c.isDouble() ? QString::number(c.toInt()) : c.toString();
            if (code->isEmpty() && o.value(u"error"_s).isString() && o.contains(u"error_description"_s)) {
                *code = o.value(u"error"_s).toString(); // OAuth2
            }
            if (code->isEmpty() && o.value(u"error"_s).isObject()) {
                *code = o.value(u"error"_s).toObject().value(u"code"_s).toString(); // Capella {"error": {...}}
            }
        }
        // Capella: {"error": {"message": "...", "code": "...", "detail": "..."}}: the detail names
        // the field.
        const QJsonObject nested = o.value(u"error"_s).toObject();
        if (nested.value(u"message"_s).isString() && nested.value(u"detail"_s).isString()) {
            return nested.value(u"message"_s).toString() + u" ("_s + nested.value(u"detail"_s).toString() + u')';
        }
        for (const auto &k : { u"description"_s, u"detail"_s, u"message"_s, u"Message"_s, u"error_description"_s,
                 u"error"_s, u"errors"_s, u"title"_s }) {
            const QString text = textOf(o.value(k));
            if (!text.isEmpty()) {
                return text;
            }
        }
        // Django REST framework's field errors: {"task_name": ["This field is required."]}.
        QStringList fields;
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString text = textOf(it.value());
            if (it.value().isArray() && !text.isEmpty()) {
                fields.append(it.key() + u": "_s + text);
            }
        }
        return fields.join(u"; "_s);
    }
    // Plain text or HTML: show the start of it, without markup.
    QString text = QString::fromUtf8(trimmed.left(2000));
    if (text.startsWith(u'<')) {
        text.remove(QRegularExpression(u"<[^>]*>"_s));
    }
    text = text.simplified();
    if (text.size() > 300) {
        text = text.left(300) + u"..."_s;
    }
    return text;
}

NetworkError NetworkError::http(int status, const QByteArray &reason, const QByteArray &body, const QUrl &url)
{
    NetworkError e;
    e.kind = Kind::Http;
    e.httpStatus = status;
    e.url = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveUserInfo | QUrl::RemoveFragment);
    e.message = messageFromBody(body, &e.code);
    if (e.message.isEmpty()) {
        e.message = QString::fromUtf8(reason);
    }
    return e;
}

NetworkError NetworkError::make(Kind kind, const QString &message, const QUrl &url)
{
    NetworkError e;
    e.kind = kind;
    e.message = message;
    e.url = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveUserInfo | QUrl::RemoveFragment);
    return e;
}

QString NetworkError::toString() const
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::Http: {
        QString head = QStringLiteral("HTTP %1").arg(httpStatus);
        if (!code.isEmpty()) {
            head += u" ("_s + code + u')';
        }
        return message.isEmpty() ? head : head + u": "_s + message;
    }
    default:
        return message;
    }
}

} // namespace StacScope
