package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's job times are written in the JVM's zone: the first node on a database records it, and a node in a zone
 * of other rules is refused as its engine is built (it would write the deadline sweep's next run hours away).
 */
@SanfuTest
class EngineTimeZoneTests {

    @Autowired
    ManagementService management;
    @Autowired
    ProcessEngine engine;

    @Test
    void theZoneTheServiceStartedInIsRecordedAndANodeInAnotherIsRefusedNamingBoth() {
        ZoneId zone = ZoneId.systemDefault();
        assertThat(management.getProperties().get(EngineTimeZone.PROPERTY)).isEqualTo(zone.getId());
        EngineTimeZone.check(management, zone);

        ZoneId other = ZoneId.of(zone.getRules().equals(ZoneId.of("Asia/Shanghai").getRules()) ? "UTC" : "Asia/Shanghai");
        assertThatThrownBy(() -> EngineTimeZone.check(management, other)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JVM time zone is " + other.getId())
                .hasMessageContaining("-Duser.timezone=" + zone.getId());
        assertThat(management.getProperties().get(EngineTimeZone.PROPERTY)).as("the record unchanged")
                .isEqualTo(zone.getId());
    }

    @Test
    void theSameZoneByAnotherNameIsTheSameZone() {
        String recorded = management.getProperties().get(EngineTimeZone.PROPERTY);
        try {
            management.setProperty(EngineTimeZone.PROPERTY, "Asia/Shanghai");
            EngineTimeZone.check(management, ZoneId.of("PRC"));
            management.setProperty(EngineTimeZone.PROPERTY, "UTC");
            EngineTimeZone.check(management, ZoneId.of("Etc/UTC"));
            assertThatThrownBy(() -> EngineTimeZone.check(management, ZoneId.of("Asia/Shanghai")))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            management.setProperty(EngineTimeZone.PROPERTY, recorded);
        }
    }

    /** A plugin of the engine: checked as it is built, before the diagrams are deployed and any job is taken. */
    @Test
    void itIsCheckedAsTheEngineIsBuilt() {
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getProcessEnginePlugins())
                .anySatisfy(plugin -> assertThat(plugin.toString()).contains("EngineTimeZone"));
    }
}
