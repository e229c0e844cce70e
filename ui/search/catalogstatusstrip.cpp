#include "ui/search/catalogstatusstrip.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

#include "src/providers/multicatalogsearch.h"

using namespace Qt::StringLiterals;

namespace StacScope {

CatalogStatusStrip::CatalogStatusStrip(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout(this))
{
    setObjectName(u"catalogStatusStrip"_s);
    m_layout->setContentsMargins(4, 0, 4, 0);
    m_layout->setSpacing(12);
    m_layout->addStretch(1);
    hide();
}

void CatalogStatusStrip::reset(int count)
{
    qDeleteAll(m_labels);
    m_labels.clear();
    for (int i = 0; i < count; ++i) {
        auto *label = new QLabel(this);
        label->setObjectName(u"catalogStatus%1"_s.arg(i));
        label->setTextFormat(Qt::PlainText);
        m_layout->insertWidget(i, label);
        m_labels.append(label);
    }
    setVisible(count > 0);
}

QString CatalogStatusStrip::text(const CatalogSearchStatus &status)
{
    const QLocale locale;
    using State = CatalogSearchStatus::State;
    const QString &name = status.source.name;
    switch (status.state) {
    case State::Waiting:
        return tr("%1: waiting").arg(name);
    case State::Searching:
        return status.returned == 0 ? tr("%1: searching...").arg(name)
                                    : tr("%1: %2 so far...").arg(name, locale.toString(status.returned));
    case State::Failed:
        return tr("%1: failed (%2)").arg(name, status.error.toString());
    case State::Canceled:
        return tr("%1: canceled, %2 kept").arg(name, locale.toString(status.returned));
    case State::Done:
        break;
    }
    const QString seconds = locale.toString(double(status.elapsedMs) / 1000.0, 'f', 1);
    if (status.matched >= 0) {
        return tr("%1: %2 of %3 matched, %4 s")
            .arg(name, locale.toString(status.returned), locale.toString(status.matched), seconds);
    }
    return status.returned == 1 ? tr("%1: 1 item, %2 s").arg(name, seconds)
                                : tr("%1: %2 items, %3 s").arg(name, locale.toString(status.returned), seconds);
}

void CatalogStatusStrip::setStatus(int index, const CatalogSearchStatus &status)
{
    QLabel *label = m_labels.value(index);
    if (!label) {
        return;
    }
    const bool failed = status.state == CatalogSearchStatus::State::Failed;
    // A long error is cut in the line; the tooltip has all of it, and the address.
    QString shown = text(status);
    if (shown.size() > 90) {
        shown = shown.left(88) + u"…"_s;
    }
    label->setText(shown);
    QString tip = text(status);
    if (failed && !status.error.url.isEmpty()) {
        tip += u"\n"_s + status.error.url.toString();
    }
    if (!status.warnings.isEmpty()) {
        tip += u"\n"_s + status.warnings.join(u'\n');
    }
    label->setToolTip(tip);
    label->setStyleSheet(failed ? u"color: #b3261e;"_s : QString());
}

} // namespace StacScope
