package org.sanfu.operations;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.DeploymentResourceNotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.exception.cmmn.CaseDefinitionNotFoundException;
import org.camunda.bpm.engine.exception.cmmn.CaseExecutionNotFoundException;
import org.camunda.bpm.engine.exception.cmmn.CmmnModelInstanceNotFoundException;
import org.camunda.bpm.engine.exception.dmn.DecisionDefinitionNotFoundException;
import org.camunda.bpm.engine.exception.dmn.DmnModelInstanceNotFoundException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The engine logs a command that failed at ERROR ("ENGINE-16004 Exception while closing command context", logger
 * org.camunda.bpm.engine.context), but for the exceptions it knows for a caller's mistake (BadUserRequestException
 * and a few others: DEBUG). Two it does not know for one: its NullValueException saying that what it was asked
 * about does not exist ("execution nope doesn't exist", "No job found with id nope"), and its not-found exceptions
 * of decisions, cases and deployments' resources ("no deployed decision definition found with id 'nope'"), which
 * engine-rest and reads of Cockpit's copy answer 404 (Camunda, or {@link EngineRestErrors} with one WARN line of its
 * own). Asked in a read of either, that is an operator's typo, and an ERROR would page the on-call for it: it is
 * logged at DEBUG, as the engine logs the mistakes it knows. Everything else stays at ERROR: any other failure of a
 * command, a null value that is not a missing thing, one met in a write (which may run the service's own code), and a
 * missing thing the service's own code or the job executor asked for, which is Sanfu's fault. (A level for the logger would hide all of these: it logs every failed command.)
 */
@Component
class NotThereLog extends AbstractProcessEnginePlugin {

    private static final String ENGINE_REST = "/engine-rest/";
    /** The engine's exceptions that say by their type that what they were asked about does not exist. */
    private static final List<Class<? extends ProcessEngineException>> NOT_FOUND = List.of(
            DecisionDefinitionNotFoundException.class, DmnModelInstanceNotFoundException.class,
            CaseDefinitionNotFoundException.class, CaseExecutionNotFoundException.class,
            CmmnModelInstanceNotFoundException.class, DeploymentResourceNotFoundException.class);

    /** Where Cockpit's copy of the engine's resources is served, the reads of which CockpitNotThere answers 404. */
    private final String cockpitEngine;

    NotThereLog(CamundaBpmProperties camunda) {
        this.cockpitEngine = camunda.getWebapp().getApplicationPath() + "/api/engine/";
    }

    /** The engine's command contexts, each asking {@link #operatorsTypo} before it logs a failure at ERROR. */
    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        CommandContextFactory factory = new CommandContextFactory() {
            @Override
            public CommandContext createCommandContext() {
                return new CommandContext(processEngineConfiguration) {
                    @Override
                    protected boolean shouldLogFine(Throwable exception) {
                        return super.shouldLogFine(exception) || operatorsTypo(exception, currentRequest());
                    }
                };
            }
        };
        // the engine gives its configuration only to a factory it makes itself
        factory.setProcessEngineConfiguration(configuration);
        configuration.setCommandContextFactory(factory);
    }

    /**
     * Whether this failure of a command is a missing thing an operator asked about, answered 404: a null value the
     * engine words as NotThere reads "not found", or a not-found exception of the engine's, within a read (GET) of
     * engine-rest or of Cockpit's copy.
     */
    boolean operatorsTypo(Throwable failure, HttpServletRequest request) {
        boolean missing = failure instanceof NullValueException
                ? EngineRestErrors.NotThere.status(failure.getMessage()) == Response.Status.NOT_FOUND
                : NOT_FOUND.stream().anyMatch(type -> type.isInstance(failure));
        if (!missing || request == null) {
            return false;
        }
        String info = request.getPathInfo();
        String path = request.getServletPath() + (info == null ? "" : info);
        // reads only: a write the operators may send could one day run the service's own code (a listener, a
        // job's delegate), where a missing thing is a fault of the service's and must stay an ERROR
        return "GET".equals(request.getMethod()) && (path.startsWith(ENGINE_REST) || path.startsWith(cockpitEngine));
    }

    /** The request this thread is answering (Spring's RequestContextFilter holds it), or null outside one. */
    private static HttpServletRequest currentRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
    }
}
