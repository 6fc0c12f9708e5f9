package org.sanfu.operations;

import org.sanfu.ticket.DerivedFromTickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * {@code java -jar sanfu.jar --rebuild-figures} (README, "Data at scale"): recomputes everything kept
 * derived from the tickets (the pre-computed figures, the search index) from the ticket rows, in the
 * service's context started for the command alone (SanfuApplication), which then exits.
 */
@Component
@ConditionalOnProperty(name = "sanfu.command", havingValue = "rebuild-figures")
class RebuildFigures implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RebuildFigures.class);

    private final ObjectProvider<DerivedFromTickets> derived;

    RebuildFigures(ObjectProvider<DerivedFromTickets> derived) {
        this.derived = derived;
    }

    @Override
    public void run(ApplicationArguments args) {
        derived.orderedStream().forEach(each -> {
            long started = System.nanoTime();
            each.rebuildFromTickets();
            log.info("rebuilt {} from the tickets in {} ms", ClassUtils.getUserClass(each).getSimpleName(),
                    (System.nanoTime() - started) / 1_000_000);
        });
    }
}
