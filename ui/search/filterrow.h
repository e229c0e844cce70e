#pragma once

#include <QWidget>

#include "src/stac/filtercondition.h"
#include "src/stac/queryables.h"

class QComboBox;
class QDateTimeEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QToolButton;

namespace StacScope {

// One condition of the filter builder: the property's name (and unit), an editor that fits its
// type, and a remove button.
//   number, integer: a range, each side "any" at its lowest step (bounds from the schema);
//   timestamp: a range of date-times, each side "any" at its lowest;
//   string with listed values, array with listed values: a checklist (in / overlaps);
//   array without: comma-separated values (overlaps);
//   other string: "is", "like" (with % and _) or "one of" (comma-separated);
//   boolean: yes or no.
class FilterRow : public QWidget
{
    Q_OBJECT
public:
    FilterRow(const Queryable &queryable, QWidget *parent = nullptr);

    const Queryable &queryable() const { return m_queryable; }
    FilterCondition condition() const;
    // Shows `c` (a condition on this row's property, e.g. read back from CQL2 text).
    void setCondition(const FilterCondition &c);

    QToolButton *removeButton() const { return m_remove; }
    QDoubleSpinBox *lowSpin() const { return m_low; }
    QDoubleSpinBox *highSpin() const { return m_high; }
    QListWidget *valuesList() const { return m_list; }
    QComboBox *opCombo() const { return m_op; }
    QLineEdit *textEdit() const { return m_text; }
    QComboBox *boolCombo() const { return m_bool; }

Q_SIGNALS:
    void changed();
    void removeRequested();

private:
    void buildRange(QWidget *editor);
    void buildTimeRange(QWidget *editor);
    void buildValues(QWidget *editor, const QVariantList &values);
    void buildText(QWidget *editor);
    void buildBool(QWidget *editor);

    Queryable m_queryable;
    QLabel *m_label = nullptr;
    QToolButton *m_remove = nullptr;
    QDoubleSpinBox *m_low = nullptr;
    QDoubleSpinBox *m_high = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QListWidget *m_list = nullptr;
    QComboBox *m_op = nullptr;
    QLineEdit *m_text = nullptr;
    QComboBox *m_bool = nullptr;
};

} // namespace StacScope
