package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.TimeZone;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's job times are written in the JVM's zone: the first node on a database records it, and a node in another
 * zone is refused before its job executor takes a job (it would write the deadline sweep's next run hours away).
 */
@SanfuTest
class EngineTimeZoneTests {

    @Autowired
    EngineTimeZone engineTimeZone;
    @Autowired
    ManagementService management;

    @Test
    void theZoneTheServiceStartedInIsRecordedAndANodeInAnotherIsRefusedNamingBoth() {
        String zone = TimeZone.getDefault().getID();
        assertThat(management.getProperties().get(EngineTimeZone.PROPERTY)).isEqualTo(zone);
        engineTimeZone.check(zone);

        String other = "Asia/Shanghai".equals(zone) ? "UTC" : "Asia/Shanghai";
        assertThatThrownBy(() -> engineTimeZone.check(other)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JVM time zone is " + other)
                .hasMessageContaining("-Duser.timezone=" + zone);
        assertThat(management.getProperties().get(EngineTimeZone.PROPERTY)).as("the record unchanged").isEqualTo(zone);
    }
}
