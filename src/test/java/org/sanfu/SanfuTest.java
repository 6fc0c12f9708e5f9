package org.sanfu;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.sanfu.stats.StoredRolls;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port with the demo accounts and an in-memory database.
 * Every integration test uses exactly this, so Spring starts it once for the whole suite; tests
 * keep apart by creating their own enterprises (random credit codes) and looking only at those.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {SanfuTest.PRIVATE_DATABASE, SanfuTest.UNIQUE_ENGINE, SanfuTest.NO_JOB_EXECUTOR,
                SanfuTest.PATHS_IN_HISTORY, SanfuTest.NO_CALENDAR_FOLLOWING, SanfuTest.ONE_ADDRESS_FOR_ALL})
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false) // Spring's tests switch metrics off; /actuator/prometheus needs them
@ActiveProfiles("demo")
@Import({Api.class, Pages.class, LostRace.class, StoredRolls.class})
public @interface SanfuTest {

    /*
     * Set here, not in an application-test.yml: ./config/application.yml outside the jar would
     * outrank a profile file on the class path and send the tests to the file database in ./data/.
     */

    /**
     * For the classes that wait out a held row on purpose (with {@link #SHORT_LOCK_WAIT}, in a
     * {@code @TestPropertySource} of theirs; they share that context): 1.5 s a wait, not the suite's 10.
     */
    String SHORT_LOCK_WAIT_DATABASE = "spring.datasource.url=jdbc:h2:mem:sanfu-${random.uuid};DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=1500";
    /** PostgreSQL's lock_timeout for those classes (LockWaits), as {@link #SHORT_LOCK_WAIT_DATABASE} is H2's. */
    String SHORT_LOCK_WAIT = "sanfu.database.lock-timeout=1500ms";
    /** Each Spring context gets its own in-memory database. */
    String PRIVATE_DATABASE = "spring.datasource.url=jdbc:h2:mem:sanfu-${random.uuid};DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    /** Several engines in one JVM must not share Camunda's engine registry entry. */
    String UNIQUE_ENGINE = "camunda.bpm.generate-unique-process-engine-name=true";
    /**
     * Process tests assert the paths a ticket took (camunda-bpm-assert reads them from the engine's
     * history); the service itself keeps none, its ticket_event table being the audit trail.
     */
    String PATHS_IN_HISTORY = "camunda.bpm.history-level=audit";
    /** Process tests execute due jobs themselves; a background executor would race them. */
    String NO_JOB_EXECUTOR = "camunda.bpm.job-execution.enabled=false";
    /**
     * Tests that record another holiday calendar follow it themselves (calendar.CalendarInEffect.follow); a
     * node following it in the background would keep it after the test put the file's back.
     */
    String NO_CALENDAR_FOLLOWING = "sanfu.calendar.follow-interval=0";
    /**
     * Every test's requests come from 127.0.0.1, the whole suite's failed sign-ins meant to fail included (wrong
     * passwords over the API, disabled accounts), where production's come from many addresses: within the lock's
     * window they passed the address limit of 20 on a fast run and locked the suite out (429). The limit's own
     * tests (SignInThrottleWebTests) read it from the settings and fail from addresses of their own.
     */
    String ONE_ADDRESS_FOR_ALL = "sanfu.sign-in.max-failures-per-address=100";
}
