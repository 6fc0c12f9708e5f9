package org.sanfu.ticket;

import org.sanfu.catalog.Catalog;
import org.sanfu.routing.Routing;
import org.sanfu.ticket.process.TicketProcessGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Does at start-up what the first ticket after each start of a node did inside its own transaction: parse the ticket
 * process into the engine's cache and evaluate the routing table (starting the FEEL engine; Routing keeps each
 * category's and urgency's decision). That first process start took 7.7 s of an 8.3 s intake on a busy 2-core machine
 * (H2, ChannelIdempotencyTests), and all that time the ticket's transaction held its locks: a channel's claim of its
 * external id, on which every repeat of that id waits (and gave way after the lock timeout, 10 s, when the machine's
 * load was above 8), and the rows of anything else the first action of the node touched.
 * <p>
 * It writes nothing: the engine's history level is none (config/application.yml, camunda.bpm.history-level), so the
 * routing table's evaluations leave no trace. At a level that keeps decisions (full) each start would store a
 * historic decision for every category and urgency.
 * <p>
 * Done on a thread of its own while the context creates its other singletons (a bean bootstrapped in the background),
 * and the context's start waits for it: the node answers UP on /actuator/health
 * only warm, as it did when the warm-up listened to the ready event, but the warm-up's 1.8 s (a quiet 2-core machine)
 * no longer come after everything else. (As a ready listener it also ran before the Camunda starter's, which starts the
 * job executor that health waits for: listeners of one order run in registration order.)
 */
@Configuration(proxyBeanMethods = false)
class EngineWarmUp {

    private static final Logger log = LoggerFactory.getLogger(EngineWarmUp.class);

    /** That the engine was warmed up (or tried to be): the bean's creation is the warm-up. */
    record EngineWarmedUp(boolean warm) {}

    /**
     * The thread the background bootstrap runs on, where the context has none: Spring Boot names its task executor the
     * bootstrap executor, but the Camunda starter's own (camundaTaskExecutor, with the job executor on) turns that one
     * off, and without one the context creates a background bean on its main thread. No bean of type Executor, which
     * would turn Spring Boot's off where it is on.
     */
    @Bean
    static BeanFactoryPostProcessor warmUpThread() {
        return factory -> {
            if (factory.getBootstrapExecutor() == null) {
                SimpleAsyncTaskExecutor thread = new SimpleAsyncTaskExecutor("engine-warm-up-");
                thread.setDaemon(true);
                factory.setBootstrapExecutor(thread);
            }
        };
    }

    @Bean(bootstrap = Bean.Bootstrap.BACKGROUND)
    EngineWarmedUp engineWarmedUp(TicketProcessGateway process, Routing routing, Catalog catalog) {
        try {
            process.warmUp();
            for (String category : catalog.categoryCodes()) {
                for (Urgency urgency : Urgency.values()) {
                    routing.route(category, urgency.name());
                }
            }
            return new EngineWarmedUp(true);
        } catch (RuntimeException e) {
            // only the first ticket is slower: the engine does it then, as it did before
            log.warn("the engine was not warmed up at start: {}", e.toString());
            return new EngineWarmedUp(false);
        }
    }
}
