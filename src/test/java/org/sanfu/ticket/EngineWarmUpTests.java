package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.junit.jupiter.api.Test;
import org.sanfu.SanfuTest;
import org.sanfu.catalog.Catalog;
import org.sanfu.routing.Routing;
import org.sanfu.ticket.process.TicketProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
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
     * As a node just started: the caches emptied, then the application's ready event, delivered as the context
     * delivers it (to the listeners it registered for it), not by calling the warm-up: without the hook, or without
     * its routing loop, the caches stay empty. Only the warm-up's listener hears it here: the others (the callback
     * and calendar schedules) would start a second timer in this shared context.
     */
    @Test
    void theTicketProcessIsParsedAndTheRoutingDecidedWhenTheApplicationIsReady() {
        DeploymentCache cache = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getDeploymentCache();
        String newest = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(TicketProcess.KEY).latestVersion().singleResult().getId();
        @SuppressWarnings("unchecked")
        Map<String, ?> decided = (Map<String, ?>) ReflectionTestUtils.getField(routing, "decided");
        cache.discardProcessDefinitionCache();
        decided.clear();
        assertThat(cache.getProcessDefinitionCache().get(newest)).isNull();

        ApplicationReadyEvent ready = new ApplicationReadyEvent(new SpringApplication(), new String[0], context,
                Duration.ZERO);
        List<ApplicationListener<?>> warmUps = ((AbstractApplicationContext) context).getApplicationListeners()
                .stream()
                .filter(l -> l instanceof ApplicationListenerMethodAdapter a
                        && a.getListenerId().startsWith(EngineWarmUp.class.getName() + ".")
                        && a.supportsEventType(ResolvableType.forClass(ApplicationReadyEvent.class)))
                .toList();
        assertThat(warmUps).as("the warm-up listens for the application's ready event").hasSize(1);
        warmUps.forEach(l -> ((ApplicationListenerMethodAdapter) l).onApplicationEvent(ready));

        assertThat(cache.getProcessDefinitionCache().get(newest)).isNotNull();
        assertThat(decided).as("a decision for each category and urgency")
                .hasSize(catalog.categoryCodes().size() * Urgency.values().length);
    }
}
