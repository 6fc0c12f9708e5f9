package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sanfu.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.env.MockEnvironment;

/**
 * In prod without the password, FirstAdministratorBeforeSchema looks for the account table where Flyway keeps it: a
 * deployment naming Flyway's schema (spring.flyway.default-schema, or the first of spring.flyway.schemas) has it
 * there, not in the connection's own, and was refused on every start. On a database of its own (H2, or in the
 * PostgreSQL pass PostgreSQL); the start itself, the refusal's words and its tables, ProductionProfileTests.
 */
class FirstAdministratorBeforeSchemaTests {

    private final DriverManagerDataSource dataSource = TestDatabase.newDataSource("flyway-schema");

    @Test
    void theAccountTableIsLookedForInTheSchemaFlywayIsToldToUse() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create schema \"sanfu\"");
        jdbc.execute("create table \"sanfu\".account (username varchar(64) primary key)");

        assertThatThrownBy(() -> check(prod())).as("the connection's own schema has no account table")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SANFU_ADMIN_PASSWORD");
        for (String[] setting : new String[][] {{"spring.flyway.default-schema", "sanfu"},
                {"spring.flyway.schemas", "sanfu,other"}, {"spring.flyway.schemas[0]", "sanfu"}}) {
            assertThat(check(prod().withProperty(setting[0], setting[1]))).as(setting[0]).isSameAs(dataSource);
        }
        assertThatThrownBy(() -> check(prod().withProperty("spring.flyway.default-schema", "other")
                .withProperty("spring.flyway.schemas", "sanfu"))).as("the default schema comes first")
                .isInstanceOf(IllegalStateException.class);
    }

    /**
     * A blank spring.flyway.default-schema names no schema (it bound as "", the tables in no schema: none), and a
     * schema's name is looked for as written, not as a LIKE pattern: sanfu_a and sanf% are not sanfuxa and sanfu.
     */
    @Test
    void aBlankDefaultSchemaIsNoneAndASchemasNameIsLookedForAsWritten() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (String schema : new String[] {"sanfu", "sanfuxa", "sanfu_a"}) {
            jdbc.execute("create schema \"" + schema + "\"");
        }
        jdbc.execute("create table \"sanfu\".account (username varchar(64) primary key)");
        jdbc.execute("create table \"sanfuxa\".account (username varchar(64) primary key)");

        for (String blank : new String[] {"", " "}) {
            assertThat(check(prod().withProperty("spring.flyway.default-schema", blank)
                    .withProperty("spring.flyway.schemas", "sanfu"))).as("default-schema '%s'", blank)
                    .isSameAs(dataSource);
        }
        for (String pattern : new String[] {"sanfu_a", "sanf%"}) {
            assertThatThrownBy(() -> check(prod().withProperty("spring.flyway.default-schema", pattern)))
                    .as(pattern).isInstanceOf(IllegalStateException.class);
        }
    }

    private static MockEnvironment prod() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("prod");
        return environment;
    }

    private Object check(MockEnvironment environment) {
        return new FirstAdministratorBeforeSchema(environment).postProcessAfterInitialization(dataSource, "dataSource");
    }
}
