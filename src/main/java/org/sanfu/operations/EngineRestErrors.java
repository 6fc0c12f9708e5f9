package org.sanfu.operations;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * engine-rest as Camunda serves it, but a request about something the engine has not is not a server
 * error. Camunda's REST layer answers the engine's {@link NullValueException} with 500: asking for the
 * variables of a process instance, execution or task that does not exist ("execution x doesn't exist"),
 * or a failed external task's details, is an operator's typo that then reads as a fault of the service;
 * so is one variable of such an instance or task, where Camunda wraps the engine's refusal in a 500 of its
 * own ({@link RestException}). Here it is 404 when the engine says what it did not find, else 400 (something the request left out),
 * in Camunda's own error format ({@code type}, {@code message}, {@code code}) that engine-rest's clients read.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestErrors {

    /** Camunda's resources and error mappers as the starter registers them, and this one beside them. */
    @Bean
    CamundaJerseyResourceConfig camundaJerseyResourceConfig() {
        return new CamundaJerseyResourceConfig() {
            @Override
            protected void registerAdditionalResources() {
                super.registerAdditionalResources();
                register(NotThere.class);
                register(NotThereWithin.class);
            }
        };
    }

    /** Jersey picks the mapper of the closest exception type: this one before Camunda's for all its exceptions. */
    static final class NotThere implements ExceptionMapper<NullValueException> {

        private static final Logger log = LoggerFactory.getLogger(EngineRestErrors.class);
        private static final Pattern NOT_FOUND = Pattern.compile("doesn't exist|does not exist|not found|"
                + "no .* found|cannot find", Pattern.CASE_INSENSITIVE);

        @Override
        public Response toResponse(NullValueException e) {
            Response.Status status = status(e.getMessage());
            log.warn("engine-rest answered {}: {}", status.getStatusCode(), e.getMessage());
            return Response.status(status)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ExceptionHandlerHelper.getInstance().fromException(e))
                    .build();
        }

        static Response.Status status(String message) {
            return message != null && NOT_FOUND.matcher(message).find()
                    ? Response.Status.NOT_FOUND : Response.Status.BAD_REQUEST;
        }
    }

    /**
     * Camunda's REST layer wraps what the engine refused in a 500 of its own for a single variable; when what
     * it wraps is the engine's "does not exist", the answer is NotThere's. Any other RestException is answered
     * exactly as Camunda's own mapper would (this one is chosen before it, by its priority).
     */
    @Priority(1000)
    static final class NotThereWithin implements ExceptionMapper<RestException> {

        @Override
        public Response toResponse(RestException e) {
            if (e.getStatus() == Response.Status.INTERNAL_SERVER_ERROR && e.getCause() instanceof NullValueException cause) {
                Response.Status status = NotThere.status(cause.getMessage());
                NotThere.log.warn("engine-rest answered {}: {}", status.getStatusCode(), e.getMessage());
                return Response.status(status)
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(ExceptionHandlerHelper.getInstance().fromException(e))
                        .build();
            }
            return ExceptionHandlerHelper.getInstance().getResponse(e);
        }
    }
}
