#include "ui/common/docklayout.h"

#include <functional>

#include <QDockWidget>
#include <QEvent>
#include <QScrollArea>
#include <QStyle>

namespace StacScope {

namespace {

// Calls `fit` when the form's layout changed (a row added, a label's text longer).
class MinimumWidthFollower : public QObject
{
public:
    MinimumWidthFollower(QObject *parent, std::function<void()> fit)
        : QObject(parent)
        , m_fit(std::move(fit))
    {}

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::LayoutRequest) {
            m_fit();
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_fit;
};

} // namespace

QScrollArea *scrollable(QWidget *content)
{
    auto *scroll = new QScrollArea;
    scroll->setObjectName(content->objectName() + QStringLiteral("Scroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    // Never narrower than the form: it scrolls up and down only (a form cut at the side hides
    // its buttons); its width follows the form's minimum as that changes.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(content);
    const auto fit = [scroll, content] {
        scroll->setMinimumWidth(content->minimumSizeHint().width()
            + scroll->style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 2 * scroll->frameWidth());
    };
    fit();
    content->installEventFilter(new MinimumWidthFollower(scroll, fit));
    return scroll;
}

void setUpDock(QDockWidget *dock)
{
    dock->setFeatures(
        QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
}

} // namespace StacScope
