#include "ui/map/basemapswitcher.h"

#include <algorithm>
#include <cmath>

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/map/addtilesourcedialog.h"

using namespace Qt::StringLiterals;

namespace StacScope {

BasemapSwitcher::BasemapSwitcher(QWidget *map)
    : QWidget(map)
    , m_combo(new QComboBox(this))
    , m_opacity(new QSlider(Qt::Horizontal, this))
    , m_add(new QToolButton(this))
    , m_remove(new QToolButton(this))
    , m_notice(new QLabel(this))
{
    setObjectName(u"basemapSwitcher"_s);
    setAutoFillBackground(true);
    m_combo->setObjectName(u"basemapCombo"_s);
    m_combo->setToolTip(tr("Basemap"));
    m_opacity->setObjectName(u"basemapOpacity"_s);
    m_opacity->setRange(0, 100);
    m_opacity->setValue(100);
    m_opacity->setToolTip(tr("Opacity of the online basemap"));
    m_add->setText(tr("Add tile source..."));
    m_add->setToolTip(tr("Add an XYZ tile source from a URL template"));
    m_remove->setObjectName(u"removeTileSource"_s);
    m_remove->setText(tr("Remove"));
    m_remove->setToolTip(tr("Remove this tile source (only sources you added can be removed)"));
    m_notice->setText(tr("Tiles unavailable: showing the offline basemap"));
    m_notice->setWordWrap(true);
    m_notice->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(m_combo);
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Opacity"), this));
    row->addWidget(m_opacity, 1);
    layout->addLayout(row);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add, 1);
    buttons->addWidget(m_remove);
    layout->addLayout(buttons);
    layout->addWidget(m_notice);
    setSources({});

    connect(m_combo, &QComboBox::currentIndexChanged, this, [this] {
        updateButtons();
        Q_EMIT currentSourceChanged(currentId());
    });
    connect(m_opacity, &QSlider::valueChanged, this, [this](int value) { Q_EMIT opacityChanged(value / 100.0); });
    connect(m_add, &QToolButton::clicked, this, &BasemapSwitcher::addSourceDialog);
    connect(m_remove, &QToolButton::clicked, this, [this] { removeSource(currentId()); });
    map->installEventFilter(this);
    reposition();
}

void BasemapSwitcher::setSources(const QList<TileSource> &sources)
{
    const QString current = m_combo->count() > 0 ? currentId() : QString();
    const QSignalBlocker blocker(m_combo);
    m_sources = sources;
    m_combo->clear();
    m_combo->addItem(tr("Offline (Natural Earth)"), QString());
    for (const TileSource &s : m_sources) {
        m_combo->addItem(s.name, s.id);
    }
    m_combo->setCurrentIndex(std::max(0, m_combo->findData(current)));
    updateButtons();
    adjustSize();
    reposition();
}

QString BasemapSwitcher::currentId() const
{
    return m_combo->currentData().toString();
}

void BasemapSwitcher::setCurrentId(const QString &id)
{
    m_combo->setCurrentIndex(std::max(0, m_combo->findData(id)));
}

bool BasemapSwitcher::removeSource(const QString &id)
{
    const auto it = std::find_if(
        m_sources.cbegin(), m_sources.cend(), [&id](const TileSource &s) { return s.id == id && !s.builtIn; });
    if (id.isEmpty() || it == m_sources.cend()) {
        return false;
    }
    const QString before = currentId();
    QList<TileSource> sources = m_sources;
    sources.removeAt(it - m_sources.cbegin());
    // setSources() keeps the current entry when it still exists and falls back to the offline one.
    setSources(sources);
    Q_EMIT sourceRemoved(id);
    if (currentId() != before) {
        Q_EMIT currentSourceChanged(currentId());
    }
    return true;
}

void BasemapSwitcher::updateButtons()
{
    const QString id = currentId();
    m_opacity->setEnabled(!id.isEmpty());
    const bool removable = std::any_of(
        m_sources.cbegin(), m_sources.cend(), [&id](const TileSource &s) { return s.id == id && !s.builtIn; });
    m_remove->setEnabled(removable);
}

double BasemapSwitcher::opacity() const
{
    return m_opacity->value() / 100.0;
}

void BasemapSwitcher::setOpacity(double opacity)
{
    m_opacity->setValue(int(std::lround(std::clamp(opacity, 0.0, 1.0) * 100)));
}

void BasemapSwitcher::setOfflineNotice(bool shown)
{
    m_notice->setVisible(shown);
    adjustSize();
    reposition();
}

bool BasemapSwitcher::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize) {
        reposition();
    }
    return QWidget::eventFilter(watched, event);
}

void BasemapSwitcher::reposition()
{
    if (QWidget *map = parentWidget()) {
        const int margin = 8;
        resize(sizeHint().width(), sizeHint().height());
        move(map->width() - width() - margin, margin);
        raise();
    }
}

void BasemapSwitcher::addSourceDialog()
{
    // open(), not exec(): no nested event loop.
    auto *dialog = new AddTileSourceDialog(window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const TileSource source = dialog->source();
        QList<TileSource> sources = m_sources;
        sources.removeIf([&source](const TileSource &s) { return s.id == source.id; });
        sources.append(source);
        setSources(sources);
        Q_EMIT sourceAdded(source);
        setCurrentId(source.id);
    });
    dialog->open();
}

} // namespace StacScope
