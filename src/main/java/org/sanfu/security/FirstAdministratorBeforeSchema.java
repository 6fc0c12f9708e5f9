package org.sanfu.security;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
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
                    && !holdsAccounts(dataSource)) {
                throw new IllegalStateException(FirstAdministrator.NO_ADMINISTRATOR + " The database has no tables of "
                        + "the service yet and none were created.");
            }
        }
        return bean;
    }

    /** Whether the connection's own schema (the one Flyway migrates) has the account table. */
    private static boolean holdsAccounts(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData database = connection.getMetaData();
            String table = database.storesUpperCaseIdentifiers() ? "ACCOUNT" : "account";
            try (ResultSet tables = database.getTables(connection.getCatalog(), connection.getSchema(), table,
                    new String[] {"TABLE"})) {
                return tables.next();
            }
        } catch (SQLException e) {
            throw new UncategorizedSQLException("reading whether the database holds accounts", null, e);
        }
    }
}
