#pragma once

#include <QDateTime>
#include <QDialog>
#include <QList>
#include <QPointer>

#include "src/providers/capella/capellatypes.h"

class QCheckBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace StacScope {

class CapellaSession;
class CapellaSubmitOrderJob;
class JsonCallJob;
struct NetworkError;

// "Order...": the granules to order, Capella's price for them (POST /orders/review) and its
// authorization answer, then the order itself, sent once. "Cancel" is the default button; "Submit
// order" never is, is enabled only after an authorized review and is disabled the moment it is
// clicked, so a double click or a stray Enter cannot order twice. The jobs belong to the account's
// client: closing the dialog while an order is on its way does not make the order's fate unknown.
class OrderReviewDialog : public QDialog
{
    Q_OBJECT
public:
    // What the table shows besides the ids; optional, by position.
    struct GranuleInfo
    {
        QString mode; // sar:instrument_mode
        QString productType; // sar:product_type
        QDateTime acquired;
    };
    enum class State
    {
        Reviewing,
        ReviewFailed, // no price: nothing can be ordered
        Denied, // Capella would not authorize the order
        Ready, // authorized: Submit is enabled
        Submitting,
        Placed, // an order was placed, or an active one reused
        Failed, // Capella refused the order (or nothing was sent)
        Uncertain // the order went out and no answer came back: it may have been placed
    };
    Q_ENUM(State)

    OrderReviewDialog(CapellaSession *session, const QList<CapellaGranule> &granules,
        const QList<GranuleInfo> &info = {}, QWidget *parent = nullptr);
    ~OrderReviewDialog() override;

    State state() const { return m_state; }
    const CapellaOrderReview &review() const { return m_review; }
    // The placed (or reused) order, once state() is Placed.
    const CapellaOrder &order() const { return m_order; }
    bool reusedActiveOrder() const { return m_reused; }
    QString accountId() const { return m_accountId; }

    QTreeWidget *granulesView() const { return m_granules; }
    QLabel *totalLabel() const { return m_total; }
    QLabel *authorizationLabel() const { return m_authorization; }
    QLabel *resultLabel() const { return m_result; }
    QCheckBox *reuseActiveCheck() const { return m_reuse; }
    QPushButton *submitButton() const { return m_submit; }
    QPushButton *cancelButton() const { return m_cancel; }

    // Cancels a running review; ignored while an order is being submitted.
    void reject() override;

Q_SIGNALS:
    void reviewFinished();
    void orderPlaced(const StacScope::CapellaOrder &order);
    // The order went out but no answer came back: the Orders list tells whether it was placed.
    void orderUncertain();
    void submitFinished();

private:
    void startReview();
    void onReviewFinished(JsonCallJob *job);
    void showReview();
    void submit();
    void startSubmit();
    void onSubmitFinished(CapellaSubmitOrderJob *job);
    void setState(State state);
    void showResult(const QString &text, bool problem);
    void addPrices(const QJsonObject &reviewJson);
    QString accountText() const;

    QPointer<CapellaSession> m_session;
    QString m_accountId;
    QList<CapellaGranule> m_list;
    State m_state = State::Reviewing;
    CapellaOrderReview m_review;
    CapellaOrder m_order;
    bool m_reused = false;
    QPointer<JsonCallJob> m_reviewJob;
    QPointer<CapellaSubmitOrderJob> m_submitJob;
    int m_submitAttempt = 0; // stale answers of the user lookup are ignored

    QTreeWidget *m_granules;
    QLabel *m_total;
    QLabel *m_totalCaption;
    QFormLayout *m_summary;
    QLabel *m_authorization;
    QCheckBox *m_reuse;
    QProgressBar *m_progress;
    QLabel *m_result;
    QPushButton *m_submit;
    QPushButton *m_cancel;
};

} // namespace StacScope
