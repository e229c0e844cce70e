#include "ui/results/loadmorebar.h"

#include <algorithm>
#include <climits>

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace StacScope {

LoadMoreBar::LoadMoreBar(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_more(new QPushButton(tr("Load &more"), this))
    , m_all(new QPushButton(tr("Load a&ll"), this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(u"loadMoreBar"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 2);
    m_label->setObjectName(u"loadMoreLabel"_s);
    m_more->setObjectName(u"loadMoreButton"_s);
    m_more->setToolTip(tr("Go on with the same search for another batch of results"));
    m_all->setObjectName(u"loadAllButton"_s);
    m_all->setToolTip(tr("Go on with the same search until the server has no more"));
    m_progress->setObjectName(u"loadMoreProgress"_s);
    m_cancel->setObjectName(u"loadMoreCancel"_s);
    m_cancel->setToolTip(tr("Stop loading; the results loaded so far stay"));
    layout->addWidget(m_label, 1);
    layout->addWidget(m_progress, 1);
    layout->addWidget(m_more);
    layout->addWidget(m_all);
    layout->addWidget(m_cancel);
    connect(m_more, &QPushButton::clicked, this, &LoadMoreBar::loadMoreRequested);
    connect(m_all, &QPushButton::clicked, this, &LoadMoreBar::loadAllRequested);
    connect(m_cancel, &QPushButton::clicked, this, &LoadMoreBar::cancelRequested);
    setLoading(false);
    hide();
}

void LoadMoreBar::setAvailable(bool available, int have, std::optional<qint64> matched)
{
    m_matched = matched;
    if (m_loading) {
        return;
    }
    setVisible(available);
    const QLocale locale;
    m_label->setText(matched && *matched > have
            ? tr("%1 of %2 matching results loaded; the server has more.")
                  .arg(locale.toString(have), locale.toString(*matched))
            : tr("%1 results loaded; the server has more.").arg(locale.toString(have)));
}

void LoadMoreBar::setLoading(bool loading)
{
    m_loading = loading;
    m_more->setVisible(!loading);
    m_all->setVisible(!loading);
    m_progress->setVisible(loading);
    m_cancel->setVisible(loading);
    if (loading) {
        show();
        m_label->setText(tr("Loading more results..."));
    }
}

void LoadMoreBar::setProgress(int have)
{
    if (!m_loading) {
        return;
    }
    if (m_matched && *m_matched > 0) {
        m_progress->setRange(0, int(std::min<qint64>(*m_matched, INT_MAX)));
        m_progress->setValue(std::min(have, m_progress->maximum()));
        m_progress->setFormat(tr("%1 of %2").arg(QLocale().toString(have), QLocale().toString(*m_matched)));
    } else {
        m_progress->setRange(0, 0); // busy, no end known
    }
    m_label->setText(tr("Loading more results: %1 so far...").arg(QLocale().toString(have)));
}

} // namespace StacScope
