#pragma once

#include <QJsonObject>
#include <QList>
#include <QWidget>

#include "src/stac/filtercondition.h"
#include "src/stac/queryables.h"

class QLabel;
class QLineEdit;
class QSettings;
class QToolButton;
class QVBoxLayout;

namespace StacScope {

class FilterRow;

// The property filter of a search, built from the catalog's queryables: "Add condition" lists
// them (or common presets when the catalog publishes none), each condition is a FilterRow, and
// the filter in effect is shown as CQL2 text that can be edited. Text the rows can show
// becomes rows again; other valid text is used as written (the rows are set aside); invalid
// text is an error the search panel reports. A line says how the catalog takes the filter.
class FilterBuilder : public QWidget
{
    Q_OBJECT
public:
    explicit FilterBuilder(QWidget *parent = nullptr);

    // The properties offered. `source` says where they come from, shown under the list
    // ("published by the catalog", "common properties", "found in the catalog's items").
    void setQueryables(const Queryables &queryables, const QString &source);
    const Queryables &queryables() const { return m_queryables; }
    void setLoading(bool loading);
    // How the open catalog takes a filter (FilterPlanner::describe or a provider's words).
    void setFilterDescription(const QString &text);

    // The filter in effect as CQL2-JSON (empty: none). Sets `error` (and returns an empty
    // object) when the CQL2 text does not parse.
    QJsonObject filter(QString *error = nullptr) const;
    QList<FilterCondition> conditions() const;
    // Adds a condition on `name` (offered or not: a property from the text), or returns the
    // row already there.
    FilterRow *addCondition(const QString &name, Queryable::Type typeIfUnknown = Queryable::Type::String);
    void clear();
    // The CQL2 text as the user sees it, and setting it as if typed.
    QString text() const;
    void setText(const QString &text);
    bool usesTextAsWritten() const { return m_asWritten; }

    // The builder takes the width the search form gives it: its rows and text never widen the
    // form (and so the dock beside the map).
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    void saveState(QSettings &settings) const;
    void restoreState(const QSettings &settings);

    QToolButton *addButton() const { return m_add; }
    QLineEdit *textEdit() const { return m_text; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *sourceLabel() const { return m_source; }
    QList<FilterRow *> rows() const { return m_rows; }

Q_SIGNALS:
    void changed();

private:
    void rebuildMenu();
    void removeRow(FilterRow *row);
    void rowsChanged();
    void applyText();
    void showStatus();
    Queryable queryableFor(const QString &name, Queryable::Type fallback) const;

    Queryables m_queryables;
    QToolButton *m_add;
    QLabel *m_source;
    QWidget *m_rowsBox;
    QVBoxLayout *m_rowsLayout;
    QLineEdit *m_text;
    QLabel *m_status;
    QList<FilterRow *> m_rows;
    QString m_description;
    QString m_textError;
    QJsonObject m_textFilter; // the text's filter when used as written
    bool m_asWritten = false;
    bool m_loading = false;
};

} // namespace StacScope
