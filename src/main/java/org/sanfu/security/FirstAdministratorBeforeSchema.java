package org.sanfu.security;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.stereotype.Component;

/**
 * In the prod profile without {@code SANFU_ADMIN_PASSWORD}, a database that has no account table yet (a new one) can
 * get no administrator, so the start is refused as soon as the DataSource exists, before anything uses it: Camunda's
 * engine creates its tables when its bean is made, which need not wait for Flyway (the engine's bean is no
 * "database initialization" dependant of Spring Boot's), and Flyway then runs every migration; refused only afterwards
 * ({@link FirstAdministrator}, once the accounts can be read), the operator was left with a schema a start had made
 * without an administrator. A Flyway callback would come too late for the engine's tables, which may come first.
 * <p>
 * Where the account table exists the accounts decide, after the migrations, as before ({@link FirstAdministrator}):
 * a restart whose administrator exists needs no password.
 */
@Component
class FirstAdministratorBeforeSchema implements BeanPostProcessor {

    private final Environment environment;
    private boolean checked;

    FirstAdministratorBeforeSchema(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !checked) {
            checked = true;
            // prod with demo is refused later for that (DemoAccounts), which says more
            if (environment.matchesProfiles("prod & !demo")
                    && !Binder.get(environment).bind("sanfu.admin.password", String.class).isBound()
                    && !holdsAccounts(dataSource, flywaySchema())) {
                throw new IllegalStateException(FirstAdministrator.NO_ADMINISTRATOR + " The database has no tables of "
                        + "the service yet and none were created.");
            }
        }
        return bean;
    }

    /**
     * The schema Flyway migrates when the deployment names one: spring.flyway.default-schema, else the first of
     * spring.flyway.schemas (Flyway's own rule); null, the connection's own. Looking only in the connection's, a
     * deployment naming Flyway's schema would be refused on every start without the password, administrator or not.
     * A blank one (SPRING_FLYWAY_DEFAULT_SCHEMA= in a deployment's environment) names none: it binds as "", which
     * getTables reads as "the tables in no schema", none.
     */
    private String flywaySchema() {
        Binder binder = Binder.get(environment);
        return binder.bind("spring.flyway.default-schema", String.class).map(FirstAdministratorBeforeSchema::named)
                .orElseGet(() -> binder.bind("spring.flyway.schemas", Bindable.listOf(String.class))
                        .map(schemas -> schemas.isEmpty() ? null : named(schemas.get(0))).orElse(null));
    }

    private static String named(String schema) {
        return schema == null || schema.isBlank() ? null : schema;
    }

    /** Whether the schema (null, the connection's own) has the account table. */
    private static boolean holdsAccounts(DataSource dataSource, String schema) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData database = connection.getMetaData();
            String table = database.storesUpperCaseIdentifiers() ? "ACCOUNT" : "account";
            // Flyway quotes the schema it is given: its name is looked for as written, and getTables takes a LIKE
            // pattern, in which the _ of sanfu_prod would be any character (sanfuXprod's accounts would count)
            String name = schema != null ? schema : connection.getSchema();
            try (ResultSet tables = database.getTables(connection.getCatalog(),
                    literally(name, database.getSearchStringEscape()), table, new String[] {"TABLE"})) {
                return tables.next();
            }
        } catch (SQLException e) {
            throw new UncategorizedSQLException("reading whether the database holds accounts", null, e);
        }
    }

    /** A name as a metadata pattern that matches it alone: its wildcards (_ and %) and the escape escaped. */
    static String literally(String name, String escape) {
        if (name == null || escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
