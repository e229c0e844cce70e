#pragma once

#include <QList>
#include <QStringList>
#include <QToolButton>

namespace StacScope {

// "Search in": a button beside the catalog picker whose menu ticks more catalogs to search
// together with the chosen one (which is always in, ticked and greyed). With nothing else ticked
// the app searches one catalog as before.
class CatalogChoiceButton : public QToolButton
{
    Q_OBJECT
public:
    struct Entry
    {
        QString id; // CatalogSource::id()
        QString name;
    };

    explicit CatalogChoiceButton(QWidget *parent = nullptr);

    // The catalogs the menu offers, and the picker's one. Ticks of catalogs still listed stay.
    void setCatalogs(const QList<Entry> &catalogs, const QString &currentId);
    // Ticks `id` (not the current one) or clears its tick; choiceChanged() follows a change.
    void setChecked(const QString &id, bool checked);
    // The ticked catalogs besides the current one, in the menu's order.
    QStringList extraIds() const;
    // The current one, then the ticked ones.
    QStringList chosenIds() const;

Q_SIGNALS:
    void choiceChanged();

private:
    void rebuildMenu();
    void syncActions();
    void updateText();

    QList<Entry> m_catalogs;
    QString m_current;
    QStringList m_checked; // ids ticked besides the current one
};

} // namespace StacScope
