package org.sanfu.operations;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every node on one database runs in one JVM time zone, or the start of a node in another is refused. Camunda's engine
 * writes its jobs' times (a timer's next due date, a job's lock expiry) in the JVM's default zone into columns without
 * one: a node at +08:00 beside nodes at UTC wrote the every-minute deadline sweep's next due date 8 hours ahead, and the
 * others ran no sweep (no reminder, no 超期) until then, all of them healthy; its lock expiries would read as long past
 * to them. The first node to start on a database records its zone among the engine's properties (ACT_GE_PROPERTY,
 * through the engine's own API); a node in a zone of other rules does not start, with a message that names both.
 * Checked as the engine is built, before the diagrams are deployed (a changed timer start event writes its first due
 * date then) and before the job executor takes any job. The service's own times are instants and its zone
 * {@code sanfu.zone}: only the engine's need this. To move every node to another zone, stop them all and delete the
 * property (the README says how).
 */
@Component
class EngineTimeZone extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(EngineTimeZone.class);

    /** The engine property holding the JVM time zone its job times are written in. */
    static final String PROPERTY = "sanfu.engine-time-zone";

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        check(engine.getManagementService(), ZoneId.systemDefault());
    }

    /**
     * Records this zone on a database that has none; refuses one whose rules differ from those recorded (UTC and
     * Etc/UTC, Asia/Shanghai and PRC are the same zone by other names).
     */
    static void check(ManagementService management, ZoneId zone) {
        String recorded = management.getProperties().get(PROPERTY);
        if (recorded == null) {
            try {
                management.setProperty(PROPERTY, zone.getId());
                log.info("the engine's job times on this database are in the JVM time zone {}", zone.getId());
                return;
            } catch (RuntimeException raced) {
                // another node, starting at the same moment, recorded its own first: this one must agree with it
                recorded = management.getProperties().get(PROPERTY);
                if (recorded == null) {
                    throw raced;
                }
            }
        }
        if (!sameRules(recorded, zone)) {
            throw new IllegalStateException("this node's JVM time zone is " + zone.getId() + ", but the engine's job"
                    + " times on this database are written in " + recorded + " by the nodes before it: start it with"
                    + " -Duser.timezone=" + recorded + " (or TZ=" + recorded + "), as every node on one database must"
                    + " run in one zone (the README's \"Running a cluster\" says why and how to change it)");
        }
    }

    private static boolean sameRules(String recorded, ZoneId zone) {
        try {
            return ZoneId.of(recorded).getRules().equals(zone.getRules());
        } catch (DateTimeException unknown) {
            return false;
        }
    }
}
