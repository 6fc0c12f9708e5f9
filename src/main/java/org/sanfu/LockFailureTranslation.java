package org.sanfu;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * The service's own SQL that gives way to another transaction's lock fails as Spring's lock failure
 * ({@link PessimisticLockingFailureException}) on both databases, as the engine's does through its gateway: Spring's
 * usual translation makes H2's lock timeout a {@code QueryTimeoutException} (H2 reports it as a timeout) and
 * PostgreSQL's ({@code 55P03} under {@code lock_timeout}) an uncategorised failure, which the pages' handlers of a
 * lost race did not know (a form came back as the generic conflict page). Spring Boot gives this translator to its
 * {@code JdbcTemplate}, hence to every {@code JdbcClient}.
 */
@Configuration(proxyBeanMethods = false)
class LockFailureTranslation {

    @Bean
    SQLExceptionTranslator lockFailuresFirst() {
        // the translator a JdbcTemplate has by default (Spring 6, no sql-error-codes.xml of our own): every other
        // failure is translated as before
        SQLExceptionTranslator usual = new SQLExceptionSubclassTranslator();
        return (task, sql, failure) -> {
            var translated = usual.translate(task, sql, failure);
            if (translated instanceof PessimisticLockingFailureException || !LockFailures.among(failure)) {
                return translated;
            }
            return new CannotAcquireLockException(task + " gave way to another transaction's lock", failure);
        };
    }
}
