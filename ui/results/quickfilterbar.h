#pragma once

#include <QTimer>
#include <QWidget>

#include "src/models/resultsfilter.h"

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace StacScope {

// Above the results table: a text box (id and title) and quick controls for a cloud cover
// ceiling, a date range, the collection and the catalog. The choice slices the stored results
// (ResultsViewProxy); nothing is requested again.
class QuickFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit QuickFilterBar(QWidget *parent = nullptr);

    QuickFilter filter() const;
    // The choices of the collection and catalog boxes (the catalog box shows when there are two).
    void setCollections(const QStringList &collections);
    void setCatalogs(const QStringList &catalogs);
    // "12 of 340 shown" (nothing when everything is shown).
    void setCounts(int shown, int total);
    void clear();

    QLineEdit *textEdit() const { return m_text; }
    QSpinBox *cloudBox() const { return m_cloud; }
    QDateEdit *fromEdit() const { return m_from; }
    QDateEdit *toEdit() const { return m_to; }
    QComboBox *collectionBox() const { return m_collection; }
    QComboBox *catalogBox() const { return m_catalog; }

Q_SIGNALS:
    // The filter changed (typing settles for a moment first).
    void filterChanged();

private:
    void fill(QComboBox *box, const QString &all, const QStringList &values);

    QLineEdit *m_text;
    QSpinBox *m_cloud;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_collection;
    QComboBox *m_catalog;
    QToolButton *m_clear;
    QLabel *m_count;
    QTimer m_typing;
    bool m_filling = false;
};

} // namespace StacScope
