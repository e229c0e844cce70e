#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QStringList>

#include "src/providers/up42/up42api.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace StacScope {

class JsonCallJob;
class Up42PagedJob;
class Up42Session;

// "Order..." on results of an UP42 archive host: the scenes, the data product of their
// collection (from /v2/collections), a name and tags, then UP42's estimate in credits (POST
// /v2/orders/estimate, per scene) before anything is ordered. "Cancel" is the default
// button; "Order for N credits" never is, is enabled only after an estimate without refusals and
// is disabled the moment it is clicked: each scene's order is sent once, never repeated, and the
// first failure stops the rest. A lost answer is said as such: the order may have been placed (the Storage view and
// the Monitor tell).
class Up42OrderDialog : public QDialog
{
    Q_OBJECT
public:
    struct Scene
    {
        QString id;
        QString collection;
        QJsonObject geometry; // GeoJSON: the area ordered
        QString title; // what the table shows (date, cloud)
    };
    enum class State
    {
        Loading, // the data products
        Estimating,
        EstimateFailed, // no price: nothing can be ordered
        Ready,
        Placing,
        Placed,
        Failed, // UP42 refused the placement
        Uncertain // it went out and no answer came back
    };
    Q_ENUM(State)

    Up42OrderDialog(Up42Session *session, const QList<Scene> &scenes, QWidget *parent = nullptr);
    ~Up42OrderDialog() override;

    State state() const { return m_state; }
    const Up42Estimate &estimate() const { return m_estimate; }
    QStringList placedOrderIds() const { return m_placed; }
    QString accountId() const { return m_accountId; }

    QComboBox *productCombo() const { return m_product; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *tagsEdit() const { return m_tags; }
    QTreeWidget *scenesView() const { return m_scenes; }
    QLabel *totalLabel() const { return m_total; }
    QLabel *resultLabel() const { return m_result; }
    QPushButton *estimateButton() const { return m_estimateButton; }
    QPushButton *orderButton() const { return m_order; }
    QPushButton *cancelButton() const { return m_cancel; }

    // The payload that would be sent now for scene `index` (one order per scene: its id in params).
    QJsonObject payload(int index) const;
    void reject() override;

Q_SIGNALS:
    void estimated();
    // The orders UP42 created (one per scene), by id.
    void ordersPlaced(const QStringList &orderIds);
    void orderUncertain();
    void placeFinished();

private:
    void loadProducts();
    void startEstimate();
    void estimateNext(int index);
    void finishEstimate();
    void place();
    void placeNext(int index);
    void setState(State state);

    QPointer<Up42Session> m_session;
    QString m_accountId;
    QList<Scene> m_sceneList;
    State m_state = State::Loading;
    Up42Estimate m_estimate;
    QStringList m_placed;
    QStringList m_refused; // estimate refusals, in words
    QPointer<JsonCallJob> m_estimateJob;
    QPointer<JsonCallJob> m_placeJob;
    QComboBox *m_product;
    QLineEdit *m_name;
    QLineEdit *m_tags;
    QTreeWidget *m_scenes;
    QLabel *m_total;
    QLabel *m_result;
    QPushButton *m_estimateButton;
    QPushButton *m_order;
    QPushButton *m_cancel;
};

} // namespace StacScope
