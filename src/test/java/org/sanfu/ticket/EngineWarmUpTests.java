package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.junit.jupiter.api.Test;
import org.sanfu.SanfuTest;
import org.sanfu.ticket.process.TicketProcess;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's first-use work (the ticket process parsed into its cache) is done at start-up, not inside the first
 * ticket's transaction, where it held that ticket's locks for seconds (a channel's claim of its external id:
 * ChannelIdempotencyTests gave way after the 10 s lock timeout on a busy machine).
 */
@SanfuTest
class EngineWarmUpTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    EngineWarmUp warmUp;

    @Test
    void theTicketProcessIsParsedAtStartNotByTheFirstTicket() {
        DeploymentCache cache = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getDeploymentCache();
        String newest = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(TicketProcess.KEY).latestVersion().singleResult().getId();
        // as a node just started: nothing parsed yet
        cache.discardProcessDefinitionCache();
        assertThat(cache.getProcessDefinitionCache().get(newest)).isNull();

        warmUp.warmUp();

        assertThat(cache.getProcessDefinitionCache().get(newest)).isNotNull();
    }
}
