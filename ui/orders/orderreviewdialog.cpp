#include "ui/orders/orderreviewdialog.h"

#include <algorithm>
#include <cmath>

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "src/net/networkerror.h"
#include "src/providers/capella/capellaapi.h"
#include "src/providers/capella/capellaclient.h"
#include "src/providers/capella/capellasession.h"
#include "src/providers/jsoncalljob.h"
#include "ui/tasks/tasksmodel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

enum GranuleColumn
{
    ProductColumn,
    CollectionColumn,
    ModeColumn,
    TypeColumn,
    AcquiredColumn,
    PriceColumn,
    GranuleColumnCount
};

// "subtotal" -> "Subtotal", "discountAmount" -> "Discount amount".
QString keyText(const QString &key)
{
    QString text;
    for (const QChar c : key) {
        if (c == u'_') {
            text += u' ';
        } else if (c.isUpper() && !text.isEmpty()) {
            text += u' ' + c.toLower();
        } else {
            text += c;
        }
    }
    if (!text.isEmpty()) {
        text[0] = text.at(0).toUpper();
    }
    return text;
}

QString valueText(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double v = value.toDouble();
        return v == std::floor(v) ? QLocale().toString(qint64(v)) : QLocale().toString(v, 'f', 2);
    }
    if (value.isBool()) {
        return value.toBool() ? OrderReviewDialog::tr("yes") : OrderReviewDialog::tr("no");
    }
    return value.toVariant().toString();
}

// The provider's own words for a failure: its message (or the HTTP summary) with its code.
QString providerWords(const NetworkError &error)
{
    QString words = error.message.isEmpty() ? error.toString() : error.message;
    if (!error.code.isEmpty() && !words.contains(error.code)) {
        words += u" ("_s + error.code + u')';
    }
    const QStringList hints = CapellaApi::explain(error);
    if (!hints.isEmpty()) {
        words += u". "_s + hints.join(u' ');
    }
    return words;
}

// Whether a failed order request may still have been placed: no answer, or one that does not say.
bool answerMissing(const NetworkError &error)
{
    switch (error.kind) {
    case NetworkError::Kind::Network:
    case NetworkError::Kind::Timeout:
    case NetworkError::Kind::Canceled:
    case NetworkError::Kind::BadResponse:
    case NetworkError::Kind::Redirect:
        return true;
    case NetworkError::Kind::Http:
        return error.httpStatus >= 500;
    default:
        return false;
    }
}

void setFrameColors(QFrame *frame, const QString &colors)
{
    frame->setStyleSheet(u"#"_s + frame->objectName() + u" {"_s + colors + u" border-radius:4px; } #"_s
        + frame->objectName() + u" QLabel { border:none; background:transparent; }"_s);
}

} // namespace

OrderReviewDialog::OrderReviewDialog(
    CapellaSession *session, const QList<CapellaGranule> &granules, const QList<GranuleInfo> &info, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_accountId(session ? session->account().id : QString())
    , m_list(granules)
    , m_granules(new QTreeWidget(this))
    , m_total(new QLabel(this))
    , m_totalCaption(new QLabel(tr("Total"), this))
    , m_summary(new QFormLayout)
    , m_authorization(new QLabel(this))
    , m_reuse(new QCheckBox(tr("&Use an active order that already holds these products"), this))
    , m_progress(new QProgressBar(this))
    , m_result(new QLabel(this))
    , m_submit(new QPushButton(tr("&Submit order"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(u"orderReviewDialog"_s);
    setWindowTitle(tr("Order from Capella"));

    auto *title = new QLabel(granules.size() == 1 ? tr("Order 1 product from Capella")
                                                  : tr("Order %1 products from Capella").arg(granules.size()),
        this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *subtitle = new QLabel(accountText(), this);
    subtitle->setForegroundRole(QPalette::PlaceholderText);

    m_granules->setObjectName(u"orderGranules"_s);
    m_granules->setRootIsDecorated(false);
    m_granules->setUniformRowHeights(true);
    m_granules->setAlternatingRowColors(true);
    m_granules->setSelectionMode(QAbstractItemView::NoSelection);
    m_granules->setFocusPolicy(Qt::NoFocus);
    m_granules->setTextElideMode(Qt::ElideMiddle);
    m_granules->setHeaderLabels(
        { tr("Product"), tr("Collection"), tr("Mode"), tr("Type"), tr("Acquired (UTC)"), tr("Price") });
    for (int i = 0; i < granules.size(); ++i) {
        const CapellaGranule &g = granules.at(i);
        const GranuleInfo extra = info.value(i);
        auto *row = new QTreeWidgetItem(m_granules);
        row->setText(ProductColumn, g.granuleId);
        row->setToolTip(ProductColumn, g.granuleId);
        row->setText(CollectionColumn, g.collectionId);
        row->setText(ModeColumn, extra.mode);
        row->setText(TypeColumn, extra.productType);
        row->setText(AcquiredColumn,
            extra.acquired.isValid() ? extra.acquired.toUTC().toString(u"yyyy-MM-dd HH:mm"_s) : QString());
        row->setText(PriceColumn, u"…"_s);
        row->setTextAlignment(PriceColumn, Qt::AlignRight | Qt::AlignVCenter);
    }
    // The product id takes what the other columns leave (elided in the middle when it must);
    // the others are as wide as what they hold.
    const QFontMetrics fm = fontMetrics();
    QHeaderView *header = m_granules->header();
    header->setStretchLastSection(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(ProductColumn, QHeaderView::Stretch);
    m_granules->setColumnWidth(CollectionColumn, fm.horizontalAdvance(u"capella-archive"_s) + 24);
    m_granules->setColumnWidth(ModeColumn, fm.horizontalAdvance(u"sliding_spotlight"_s) + 24);
    m_granules->setColumnWidth(TypeColumn, fm.horizontalAdvance(u"SICD"_s) + 24);
    m_granules->setColumnWidth(AcquiredColumn, fm.horizontalAdvance(u"2024-01-01 12:30"_s) + 24);
    m_granules->setColumnWidth(PriceColumn, fm.horizontalAdvance(u"$12,500.00"_s) + 24);
    m_granules->headerItem()->setTextAlignment(PriceColumn, Qt::AlignRight | Qt::AlignVCenter);
    // Up to eight rows without scrolling; more scroll.
    const int rowHeight = std::max(m_granules->sizeHintForRow(0), fm.height() + 4);
    const int rows = int(std::clamp<qsizetype>(granules.size(), 2, 8));
    m_granules->setMinimumHeight(header->sizeHint().height() + rowHeight * rows + 2 * m_granules->frameWidth() + 2);
    m_granules->setMinimumWidth(fm.horizontalAdvance(u"CAPELLA_C13_SP_GEO_HH_20240101123045_20240101123055"_s)
        + fm.horizontalAdvance(u"capella-archive sliding_spotlight SICD 2024-01-01 12:30 $12,500.00"_s) + 130);
    m_granules->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    // The price: the total large, the rest of Capella's summary beside it.
    auto *cost = new QFrame(this);
    cost->setObjectName(u"orderCost"_s);
    cost->setFrameShape(QFrame::StyledPanel);
    auto *costLayout = new QHBoxLayout(cost);
    costLayout->setContentsMargins(14, 10, 14, 10);
    auto *totalColumn = new QVBoxLayout;
    totalColumn->setSpacing(0);
    m_totalCaption->setForegroundRole(QPalette::PlaceholderText);
    m_total->setObjectName(u"orderTotal"_s);
    QFont totalFont = m_total->font();
    totalFont.setPointSizeF(totalFont.pointSizeF() * 1.8);
    totalFont.setBold(true);
    m_total->setFont(totalFont);
    m_total->setTextInteractionFlags(Qt::TextSelectableByMouse);
    totalColumn->addWidget(m_totalCaption);
    totalColumn->addWidget(m_total);
    costLayout->addLayout(totalColumn);
    costLayout->addSpacing(32);
    m_summary->setLabelAlignment(Qt::AlignLeft);
    m_summary->setHorizontalSpacing(16);
    m_summary->setVerticalSpacing(2);
    costLayout->addLayout(m_summary);
    costLayout->addStretch(1);

    auto *authorization = new QFrame(this);
    authorization->setObjectName(u"orderAuthorization"_s);
    auto *authorizationLayout = new QHBoxLayout(authorization);
    authorizationLayout->setContentsMargins(10, 6, 10, 6);
    auto *authorizationIcon = new QLabel(authorization);
    authorizationIcon->setObjectName(u"orderAuthorizationIcon"_s);
    authorizationLayout->addWidget(authorizationIcon, 0, Qt::AlignTop);
    authorizationLayout->addWidget(m_authorization, 1);
    m_authorization->setWordWrap(true);
    m_authorization->setTextInteractionFlags(Qt::TextSelectableByMouse);
    authorization->hide();

    m_reuse->setChecked(true);
    m_reuse->setToolTip(tr("When an order that has not expired already holds every one of these products, it is "
                           "used and nothing new is ordered (as Capella's console client does)."));

    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(fm.height() / 2 + 4);
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText); // dynamic parts are escaped where they are put in
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setObjectName(u"orderResult"_s);

    // Cancel is the default: Enter never orders. Submit is an action, not an acceptance, and
    // never becomes default when it has focus.
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    buttons->addButton(m_submit, QDialogButtonBox::ActionRole);
    m_submit->setObjectName(u"submitOrderButton"_s);
    m_submit->setAutoDefault(false);
    m_submit->setDefault(false);
    m_submit->setEnabled(false);
    m_cancel->setAutoDefault(true);
    m_cancel->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(8);
    layout->addWidget(title);
    layout->addWidget(subtitle);
    layout->addSpacing(4);
    layout->addWidget(m_granules, 1);
    layout->addWidget(cost);
    layout->addWidget(authorization);
    layout->addWidget(m_reuse);
    layout->addWidget(m_progress);
    layout->addWidget(m_result);
    layout->addSpacing(4);
    layout->addWidget(buttons);

    connect(m_submit, &QPushButton::clicked, this, &OrderReviewDialog::submit);
    connect(m_cancel, &QPushButton::clicked, this, &OrderReviewDialog::reject);
    if (session) {
        // The account was removed or changed: its jobs went with it.
        connect(session, &QObject::destroyed, this, [this] {
            if (m_state == State::Reviewing) {
                setState(State::ReviewFailed);
                showResult(tr("The Capella account was closed before Capella answered."), true);
                Q_EMIT reviewFinished();
            } else if (m_state == State::Submitting && !(m_submitJob && m_submitJob->submitted())) {
                setState(State::ReviewFailed);
                showResult(tr("Nothing was ordered: the Capella account was closed."), true);
                Q_EMIT submitFinished();
            } else if (m_state == State::Submitting) {
                setState(State::Uncertain);
                showResult(tr("<b>The order may have been placed.</b> The Capella account was closed before "
                              "Capella answered. Check the Orders list before ordering again."),
                    true);
                Q_EMIT orderUncertain();
                Q_EMIT submitFinished();
            }
        });
    }

    resize(minimumSizeHint());
    startReview();
}

OrderReviewDialog::~OrderReviewDialog()
{
    if (m_reviewJob) {
        m_reviewJob->disconnect(this);
        m_reviewJob->cancel();
    }
    // An order on its way is left to finish: the Orders list shows what became of it.
    if (m_submitJob) {
        m_submitJob->disconnect(this);
    }
}

QString OrderReviewDialog::accountText() const
{
    if (!m_session) {
        return {};
    }
    const QString contract = m_session->contractId();
    return contract.isEmpty() ? tr("Account %1").arg(m_session->account().name)
                              : tr("Account %1, contract %2").arg(m_session->account().name, contract);
}

void OrderReviewDialog::startReview()
{
    if (!m_session || m_list.isEmpty()) {
        setState(State::ReviewFailed);
        showResult(m_list.isEmpty() ? tr("Nothing to order.") : tr("The Capella account is no longer open."), true);
        return;
    }
    setState(State::Reviewing);
    JsonCallJob *job = m_session->client()->reviewOrder(m_list, m_session->contractId());
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    connect(job, &StacJob::finished, this, [this, job] { onReviewFinished(job); });
    m_reviewJob = job;
    // Known before Submit is clicked, so that the order leaves at once.
    m_session->withUser(this, [](const NetworkError &) {});
}

void OrderReviewDialog::onReviewFinished(JsonCallJob *job)
{
    m_reviewJob = nullptr;
    if (!job->isOk()) {
        setState(State::ReviewFailed);
        showResult(tr("Capella could not price the order: %1").arg(providerWords(job->error()).toHtmlEscaped()), true);
        Q_EMIT reviewFinished();
        return;
    }
    m_review = CapellaApi::parseReview(job->json());
    addPrices(job->json());
    showReview();
    setState(m_review.authorized ? State::Ready : State::Denied);
    Q_EMIT reviewFinished();
}

void OrderReviewDialog::addPrices(const QJsonObject &reviewJson)
{
    QHash<QString, QJsonObject> lines;
    const QJsonArray items = reviewJson.value(u"orderDetails"_s).toObject().value(u"lineItems"_s).toArray();
    for (const QJsonValue &v : items) {
        lines.insert(v.toObject().value(u"granuleId"_s).toString(), v.toObject());
    }
    for (int i = 0; i < m_granules->topLevelItemCount(); ++i) {
        QTreeWidgetItem *row = m_granules->topLevelItem(i);
        const QJsonObject line = lines.value(row->text(ProductColumn));
        const QJsonValue price = line.value(u"price"_s);
        row->setText(PriceColumn, price.isUndefined() ? QString() : valueText(price));
        if (line.value(u"previouslyOrdered"_s).toBool()) {
            row->setToolTip(PriceColumn, tr("Ordered before by the organization"));
        }
        if (row->text(ModeColumn).isEmpty()) {
            row->setText(ModeColumn, line.value(u"type"_s).toString());
        }
    }
}

void OrderReviewDialog::showReview()
{
    const QString total = m_review.total();
    m_total->setText(total.isEmpty() ? tr("Not quoted") : total);
    if (total.isEmpty()) {
        QFont f = m_total->font();
        f.setBold(false);
        m_total->setFont(f);
    }
    // Capella's other summary keys as it sent them; the currency last, as on an invoice.
    QStringList keys = m_review.summary.keys();
    keys.removeAll(u"total"_s);
    if (keys.removeAll(u"currency"_s) > 0) {
        keys.append(u"currency"_s);
    }
    for (const QString &key : std::as_const(keys)) {
        auto *value = new QLabel(valueText(m_review.summary.value(key)), this);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *label = new QLabel(keyText(key), this);
        label->setForegroundRole(QPalette::PlaceholderText);
        m_summary->addRow(label, value);
    }
    auto *frame = qobject_cast<QFrame *>(m_authorization->parentWidget());
    auto *icon = frame->findChild<QLabel *>(u"orderAuthorizationIcon"_s);
    if (m_review.authorized) {
        m_authorization->setText(tr("<b>Authorized.</b> Capella will accept this order for the organization."));
        icon->setPixmap(style()->standardIcon(QStyle::SP_DialogApplyButton).pixmap(18, 18));
        setFrameColors(frame, u"background:#e9f6ec; border:1px solid #9fd3ad; color:#0d3318;"_s);
    } else {
        // Capella's words as it said them, and its code.
        QString text = tr("<b>Not authorized.</b> Capella said: %1")
                           .arg(m_review.denialMessage.isEmpty() ? tr("no reason given")
                                                                 : m_review.denialMessage.toHtmlEscaped());
        if (!m_review.denialCode.isEmpty()) {
            text += u"<br><code>"_s + m_review.denialCode.toHtmlEscaped() + u"</code>"_s;
        }
        m_authorization->setText(text);
        icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical).pixmap(18, 18));
        setFrameColors(frame, u"background:#fdecea; border:1px solid #e59a94; color:#4a0c07;"_s);
    }
    frame->show();
}

void OrderReviewDialog::submit()
{
    if (m_state != State::Ready || !m_session) {
        return;
    }
    // Disabled before anything else happens: a second click of a double click finds it so.
    m_submit->setEnabled(false);
    setState(State::Submitting);
    const int attempt = ++m_submitAttempt;
    m_session->withUser(this, [this, attempt](const NetworkError &error) {
        if (attempt != m_submitAttempt || m_state != State::Submitting) {
            return;
        }
        if (error.isError()) {
            // Nothing was sent: the order can be tried again.
            setState(State::Ready);
            showResult(tr("Nothing was ordered: the account's user could not be read: %1")
                           .arg(providerWords(error).toHtmlEscaped()),
                true);
            Q_EMIT submitFinished();
            return;
        }
        startSubmit();
    });
}

void OrderReviewDialog::startSubmit()
{
    if (!m_session) {
        setState(State::Ready);
        return;
    }
    CapellaClient *client = m_session->client();
    // The client owns the job, so that closing this dialog never leaves an order half-known.
    auto *job = new CapellaSubmitOrderJob(
        client, m_session->userId(), m_list, m_session->contractId(), m_reuse->isChecked(), client);
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    connect(job, &StacJob::finished, this, [this, job] { onSubmitFinished(job); });
    m_submitJob = job;
    showResult(m_reuse->isChecked() ? tr("Looking for an active order that holds these products, then ordering...")
                                    : tr("Submitting the order to Capella..."),
        false);
}

void OrderReviewDialog::onSubmitFinished(CapellaSubmitOrderJob *job)
{
    m_submitJob = nullptr;
    if (job->isOk()) {
        m_order = job->order();
        m_reused = job->reused();
        setState(State::Placed);
        const QString expires
            = m_order.expirationDate.isValid() ? TasksModel::formatTime(m_order.expirationDate) : tr("never");
        showResult(m_reused
                ? tr("Nothing new was ordered: the active order <b>%1</b> already holds these products (it expires "
                     "%2). It is in the Orders list.")
                      .arg(m_order.id.toHtmlEscaped(), expires)
                : tr("Order <b>%1</b> placed (%2, expires %3). It is in the Orders list, where its products can be "
                     "downloaded.")
                      .arg(m_order.id.toHtmlEscaped(), m_order.status.toHtmlEscaped(), expires),
            false);
        Q_EMIT orderPlaced(m_order);
        Q_EMIT submitFinished();
        return;
    }
    const NetworkError &error = job->error();
    if (!job->submitted()) {
        // The active orders could not be listed: nothing was sent, so it may be tried again.
        setState(State::Ready);
        showResult(tr("Nothing was ordered: %1").arg(providerWords(error).toHtmlEscaped()), true);
    } else if (answerMissing(error)) {
        // Never sent again from here: Capella may have taken it.
        setState(State::Uncertain);
        showResult(tr("<b>The order may have been placed.</b> It was sent, but Capella's answer did not arrive "
                      "(%1). Check the Orders list before ordering again.")
                       .arg(error.toString().toHtmlEscaped()),
            true);
        Q_EMIT orderUncertain();
    } else {
        // Capella answered: the order was refused or rejected, in its words. Ordering again is a
        // new decision, taken from a new review.
        setState(State::Failed);
        showResult(tr("<b>The order was not placed.</b> %1").arg(providerWords(error).toHtmlEscaped()), true);
    }
    Q_EMIT submitFinished();
}

void OrderReviewDialog::setState(State state)
{
    m_state = state;
    const bool busy = state == State::Reviewing || state == State::Submitting;
    const bool done = state == State::Placed || state == State::Failed || state == State::Uncertain;
    m_progress->setVisible(busy);
    m_submit->setEnabled(state == State::Ready);
    m_reuse->setEnabled(state == State::Ready || state == State::Reviewing);
    m_cancel->setEnabled(state != State::Submitting);
    m_cancel->setText(done || state == State::ReviewFailed || state == State::Denied ? tr("Close") : tr("Cancel"));
    m_cancel->setDefault(true);
    if (state == State::Reviewing) {
        m_total->setText(tr("…"));
        showResult(tr("Asking Capella for the price and whether it authorizes the order..."), false);
    } else if (state == State::Ready) {
        showResult(tr("Nothing is ordered until you click Submit order."), false);
    } else if (state == State::Denied) {
        m_result->hide();
    }
}

void OrderReviewDialog::showResult(const QString &text, bool problem)
{
    m_result->setText(text);
    m_result->setStyleSheet(problem ? u"color:#a61b0f;"_s : QString());
    m_result->show();
}

void OrderReviewDialog::reject()
{
    if (m_state == State::Submitting) {
        return; // the order's answer is on its way; it is shown here
    }
    if (m_reviewJob) {
        m_reviewJob->disconnect(this);
        m_reviewJob->cancel();
        m_reviewJob = nullptr;
    }
    QDialog::reject();
}

} // namespace StacScope
