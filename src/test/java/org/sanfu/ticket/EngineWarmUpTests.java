package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.commons.utils.cache.Cache;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.sanfu.SanfuTest;
import org.sanfu.catalog.Catalog;
import org.sanfu.routing.Routing;
import org.sanfu.ticket.process.TicketProcess;
import org.sanfu.ticket.process.TicketProcessGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.context.support.AbstractApplicationContext;
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
     * As a node starts: the caches emptied, then the warm-up's configuration created by a context, as the node's
     * context creates it (here a child of this test's, so that it finds the engine and Routing), not by calling the
     * warm-up: the context's start ends only once the warm-up has, and the caches are then full. Without the routing
     * loop, or without the process parsed, they stay empty.
     */
    @Test
    void theTicketProcessIsParsedAndTheRoutingDecidedBeforeTheContextHasStarted() {
        emptyTheCaches();

        try (AnnotationConfigApplicationContext node = new AnnotationConfigApplicationContext()) {
            node.setParent(context);
            node.register(EngineWarmUp.class);
            node.refresh();

            assertThat(node.getBean(EngineWarmUp.EngineWarmedUp.class).warm()).isTrue();
        }
        assertThat(processCache().get(newest())).isNotNull();
        assertThat(decided()).as("a decision for each category and urgency")
                .hasSize(catalog.categoryCodes().size() * Urgency.values().length);
    }

    /**
     * On a thread of its own while the node's context creates its other singletons, not after them: as a listener of
     * the ready event it ran last, and before the Camunda starter's listener, which starts the job executor
     * /actuator/health waits for. Whether or not Spring Boot's task executor is there to be the bootstrap executor (the
     * Camunda starter's turns it off when the job executor is on), the context has one.
     */
    @Test
    void theWarmUpRunsOnAThreadOfItsOwnInAContextWithoutABootstrapExecutor() {
        TicketProcessGateway process = Mockito.mock(TicketProcessGateway.class);
        AtomicReference<String> warmedOn = new AtomicReference<>();
        Mockito.doAnswer(call -> {
            warmedOn.set(Thread.currentThread().getName());
            return null;
        }).when(process).warmUp();
        Catalog oneCategory = Mockito.mock(Catalog.class);
        Mockito.when(oneCategory.categoryCodes()).thenReturn(List.of("FINANCING"));

        try (AnnotationConfigApplicationContext node = new AnnotationConfigApplicationContext()) {
            node.getBeanFactory().registerSingleton("process", process);
            node.getBeanFactory().registerSingleton("routing", Mockito.mock(Routing.class));
            node.getBeanFactory().registerSingleton("catalog", oneCategory);
            node.register(EngineWarmUp.class);
            node.refresh();

            assertThat(node.containsBean(ConfigurableApplicationContext.BOOTSTRAP_EXECUTOR_BEAN_NAME)).isFalse();
            assertThat(node.getBean(EngineWarmUp.EngineWarmedUp.class).warm()).isTrue();
        }
        assertThat(warmedOn.get()).as("the thread the warm-up ran on").startsWith("engine-warm-up-");
        assertThat(((AbstractApplicationContext) context).getApplicationListeners().stream()
                .filter(l -> l instanceof ApplicationListenerMethodAdapter a
                        && a.getListenerId().startsWith(EngineWarmUp.class.getName() + ".")))
                .as("no listener of the warm-up's").isEmpty();
    }

    private void emptyTheCaches() {
        deploymentCache().discardProcessDefinitionCache();
        decided().clear();
        assertThat(processCache().get(newest())).isNull();
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
