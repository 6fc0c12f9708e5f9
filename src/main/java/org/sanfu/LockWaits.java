package org.sanfu;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * How long a statement waits for a row another transaction holds (a large import, the deadline sweep) before it
 * gives way: {@code sanfu.database.lock-timeout}, 10 s. H2 takes it in its URL ({@code LOCK_TIMEOUT=10000},
 * config/application.yml); PostgreSQL waits for ever by default, holding the request's thread and connection for as
 * long as the other transaction takes, so each of its connections is given {@code lock_timeout} when the pool opens
 * it (unless an init statement is configured already). The loser's failure is a 409 that changed nothing
 * (web.ProblemAdvice), as on H2.
 */
@Component
class LockWaits implements BeanPostProcessor, EnvironmentAware {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LockWaits.class);

    private Duration timeout = Duration.ofSeconds(10);

    @Override
    public void setEnvironment(Environment environment) {
        timeout = environment.getProperty("sanfu.database.lock-timeout", Duration.class, timeout);
        if (timeout.toMillis() < 1) {
            // PostgreSQL would refuse a negative one on every connection, and read 0 as no limit at all
            throw new IllegalStateException("sanfu.database.lock-timeout must be at least 1ms, not " + timeout);
        }
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:") && pool.getConnectionInitSql() == null) {
            pool.setConnectionInitSql(initSql(timeout));
            log.info("PostgreSQL connections wait at most {} for a lock (sanfu.database.lock-timeout)", timeout);
        }
        return bean;
    }

    static String initSql(Duration timeout) {
        return "SET lock_timeout = " + timeout.toMillis();
    }
}
