#include "ui/accounts/accountwords.h"

#include <QPainter>
#include <QPixmap>

#include "src/net/networkerror.h"
#include "src/providers/satellogic/satellogicapi.h"
#include "src/providers/satellogic/satellogicsession.h"

using namespace Qt::StringLiterals;

namespace StacScope::AccountWords {

QIcon stateIcon(AccountSession::State state)
{
    QColor color(0x9e, 0x9e, 0x9e);
    switch (state) {
    case AccountSession::State::Ready:
        color = QColor(0x2e, 0x7d, 0x32);
        break;
    case AccountSession::State::NeedsChoice:
        color = QColor(0xe0, 0x9a, 0x00);
        break;
    case AccountSession::State::Refused:
    case AccountSession::State::Unreachable:
        color = QColor(0xc6, 0x28, 0x28);
        break;
    case AccountSession::State::Unchecked:
    case AccountSession::State::Checking:
        break;
    }
    QIcon icon;
    for (const int size : { 12, 16, 24 }) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(color.darker(130));
        painter.setBrush(color);
        const qreal d = size * 0.62;
        painter.drawEllipse(QRectF((size - d) / 2, (size - d) / 2, d, d));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

int attention(AccountSession::State state)
{
    switch (state) {
    case AccountSession::State::Ready:
        return 0;
    case AccountSession::State::Unchecked:
    case AccountSession::State::Checking:
        return 1;
    case AccountSession::State::NeedsChoice:
        return 2;
    case AccountSession::State::Refused:
    case AccountSession::State::Unreachable:
        return 3;
    }
    return 1;
}

QString explain(const AccountSession *session, const NetworkError &error)
{
    if (qobject_cast<const SatellogicSession *>(session)) {
        return SatellogicApi::explain(error);
    }
    return error.toString();
}

QString accountIdOfSource(const QString &sourceId)
{
    if (sourceId.startsWith(u"account:"_s)) {
        return sourceId.section(u':', 1, 1);
    }
    if (sourceId.startsWith(u"satellogic:"_s)) {
        return sourceId.section(u':', 1, 1);
    }
    return {};
}

} // namespace StacScope::AccountWords
