#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace StacScope {

// One schema step. Step i of the list takes the database from user_version i to i + 1; steps are
// never edited once released (add a new one instead), so any older database can be brought up.
struct Migration
{
    QString description; // for error messages and logs
    QStringList statements; // run in order inside one transaction (QtSql runs one statement per exec)
};

// The application's schema, oldest step first. Tables for tasks, orders, saved searches and the
// result store are added as further steps when the code that uses them lands.
QList<Migration> schemaMigrations();

} // namespace StacScope
