package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.commons.utils.cache.Cache;
import org.junit.jupiter.api.Test;
import org.sanfu.SanfuTest;
import org.sanfu.catalog.Catalog;
import org.sanfu.routing.Routing;
import org.sanfu.ticket.process.TicketProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The engine's first-use work (the ticket process parsed into its cache, the routing table evaluated for every
 * category and urgency) is done at start-up, not inside the first ticket's transaction, where it held that ticket's
 * locks for seconds (a channel's claim of its external id: ChannelIdempotencyTests gave way after the 10 s lock
 * timeout on a busy machine).
 */
@SanfuTest
class EngineWarmUpTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    Routing routing;
    @Autowired
    Catalog catalog;

    /**
     * As a node just started: the caches emptied, then the application declares it takes traffic, delivered as the
     * context delivers it (to the listeners it registered for that event), not by calling the warm-up: without the
     * hook, or without its routing loop, the caches stay empty. Only the warm-up's listener hears it here: the
     * others (the callback and calendar schedules) would start a second timer in this shared context.
     */
    @Test
    void theTicketProcessIsParsedAndTheRoutingDecidedWhenTheApplicationTakesTraffic() {
        emptyTheCaches();

        deliverToTheWarmUp(new AvailabilityChangeEvent<>(context, ReadinessState.ACCEPTING_TRAFFIC));

        assertThat(processCache().get(newest())).isNotNull();
        assertThat(decided()).as("a decision for each category and urgency")
                .hasSize(catalog.categoryCodes().size() * Urgency.values().length);
    }

    /**
     * Not while the ready event's listeners run: one of them, the Camunda starter's, starts the job executor, which
     * /actuator/health waits for (DOWN until then), and the warm-up among them ran first and held the node's UP back
     * by its seconds. Nor when the application refuses traffic (at shut-down).
     */
    @Test
    void notAmongTheReadyEventsListenersNorWhenRefusingTraffic() {
        emptyTheCaches();

        assertThat(listenersOfTheWarmUp(ResolvableType.forClass(ApplicationReadyEvent.class)))
                .as("the warm-up does not listen to the ready event").isEmpty();
        deliverToTheWarmUp(new AvailabilityChangeEvent<>(context, ReadinessState.REFUSING_TRAFFIC));

        assertThat(processCache().get(newest())).isNull();
        assertThat(decided()).isEmpty();
    }

    private void emptyTheCaches() {
        deploymentCache().discardProcessDefinitionCache();
        decided().clear();
        assertThat(processCache().get(newest())).isNull();
    }

    private void deliverToTheWarmUp(AvailabilityChangeEvent<ReadinessState> event) {
        List<ApplicationListener<?>> warmUps = listenersOfTheWarmUp(
                ResolvableType.forClassWithGenerics(AvailabilityChangeEvent.class, ReadinessState.class));
        assertThat(warmUps).as("the warm-up listens for the application's readiness").hasSize(1);
        warmUps.forEach(l -> ((ApplicationListenerMethodAdapter) l).onApplicationEvent(event));
    }

    private List<ApplicationListener<?>> listenersOfTheWarmUp(ResolvableType event) {
        return ((AbstractApplicationContext) context).getApplicationListeners().stream()
                .filter(l -> l instanceof ApplicationListenerMethodAdapter a
                        && a.getListenerId().startsWith(EngineWarmUp.class.getName() + ".")
                        && a.supportsEventType(event))
                .toList();
    }

    private DeploymentCache deploymentCache() {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDeploymentCache();
    }

    private Cache<String, ProcessDefinitionEntity> processCache() {
        return deploymentCache().getProcessDefinitionCache();
    }

    private String newest() {
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(TicketProcess.KEY)
                .latestVersion().singleResult().getId();
    }

    @SuppressWarnings("unchecked")
    private Map<String, ?> decided() {
        return (Map<String, ?>) ReflectionTestUtils.getField(routing, "decided");
    }
}
