package org.sanfu.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Priority;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.sanfu.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * engine-rest as Camunda serves it, but a request about something the engine has not is not a server
 * error. Camunda's REST layer answers the engine's {@link NullValueException} with 500: asking for the
 * variables of a process instance, execution or task that does not exist ("execution x doesn't exist"),
 * or a failed external task's details, is an operator's typo that then reads as a fault of the service;
 * so is one variable of such an instance or task, where Camunda wraps the engine's refusal in a 500 of its
 * own ({@link RestException}). Here it is 404 when the engine says what it did not find, else 400 (something the request left out),
 * in Camunda's own error format ({@code type}, {@code message}, {@code code}) that engine-rest's clients read.
 * Cockpit reads the same resources through the web apps' own Jersey application, which takes no mapper
 * from here: its reads are answered alike by {@link CockpitNotThere} (a page opened on an instance that
 * has ended since asks for what is gone).
 */
@Configuration(proxyBeanMethods = false)
class EngineRestErrors {

    /**
     * Camunda's resources and error mappers as the starter registers them, and these beside them: the answers to
     * what the engine has not, and to a query parameter or body engine-rest cannot read ({@link EngineRestBadInput}).
     */
    @Bean
    CamundaJerseyResourceConfig camundaJerseyResourceConfig(Problems problems) {
        EngineRestBadInput badInput = new EngineRestBadInput(problems);
        return new CamundaJerseyResourceConfig() {
            @Override
            protected void registerAdditionalResources() {
                super.registerAdditionalResources();
                register(NotThere.class);
                register(new NotThereWithin(badInput));
                badInput.registerIn(this);
            }
        };
    }

    /** Around Cockpit's copy of the engine's resources: its reads only, before Camunda's filters. */
    @Bean
    FilterRegistrationBean<CockpitNotThere> cockpitNotThere(CamundaBpmProperties camunda) {
        FilterRegistrationBean<CockpitNotThere> registration = new FilterRegistrationBean<>(new CockpitNotThere());
        registration.setName("cockpitNotThere");
        registration.addUrlPatterns(camunda.getWebapp().getApplicationPath() + "/api/engine/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 3);
        return registration;
    }

    /** Jersey picks the mapper of the closest exception type: this one before Camunda's for all its exceptions. */
    static final class NotThere implements ExceptionMapper<NullValueException> {

        private static final Logger log = LoggerFactory.getLogger(EngineRestErrors.class);
        private static final Pattern NOT_FOUND = Pattern.compile("doesn't exist|does not exist|not found|"
                + "no .* found|cannot find", Pattern.CASE_INSENSITIVE);

        @Override
        public Response toResponse(NullValueException e) {
            return answer(e, status(e.getMessage()));
        }

        /** Camunda's own body for the exception, under the status given here; one WARN line, no stack. */
        static Response answer(Exception e, Response.Status status) {
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
     * it wraps is the engine's "does not exist", the answer is NotThere's. A list's filter Camunda could not
     * read is {@link EngineRestBadInput}'s 400. Any other RestException is answered exactly as Camunda's own
     * mapper would (this one is chosen before it, by its priority).
     */
    @Priority(EngineRestBadInput.BEFORE_CAMUNDA)
    static final class NotThereWithin implements ExceptionMapper<RestException> {

        private final EngineRestBadInput badInput;

        @Context
        private HttpServletRequest request;

        NotThereWithin(EngineRestBadInput badInput) {
            this.badInput = badInput;
        }

        @Override
        public Response toResponse(RestException e) {
            if (e.getStatus() == Response.Status.INTERNAL_SERVER_ERROR && e.getCause() instanceof NullValueException cause) {
                return NotThere.answer(e, NotThere.status(cause.getMessage()));
            }
            Response filter = badInput.filter(e, request);
            return filter != null ? filter : ExceptionHandlerHelper.getInstance().getResponse(e);
        }
    }

    /**
     * A GET of Cockpit's copy that Camunda answered 500 because the engine has not what it names (its
     * {@code NullValueException}, or a {@code RestException} passing one on) is answered as engine-rest's
     * own: 404, the same body. Any other answer passes unchanged.
     */
    static final class CockpitNotThere extends OncePerRequestFilter {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !"GET".equals(request.getMethod());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
            try {
                chain.doFilter(request, answer);
                if (answer.getStatus() == HttpServletResponse.SC_INTERNAL_SERVER_ERROR) {
                    Response.Status status = status(answer.getContentAsByteArray());
                    if (status != null) {
                        NotThere.log.warn("Cockpit's engine API answered {}: {}", status.getStatusCode(),
                                request.getRequestURI());
                        answer.setStatus(status.getStatusCode());
                    }
                }
            } finally {
                answer.copyBodyToResponse();
            }
        }

        /** The status engine-rest gives this 500's body, or null when it is not a missing entity's. */
        static Response.Status status(byte[] body) {
            JsonNode error;
            try {
                error = JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
            if (error == null || !error.isObject()) {
                return null;
            }
            String type = error.path("type").asText();
            String message = error.path("message").asText();
            boolean nullValue = type.equals("NullValueException")
                    || type.equals("RestException") && message.contains(" is null");
            return nullValue && NotThere.status(message) == Response.Status.NOT_FOUND ? Response.Status.NOT_FOUND : null;
        }
    }
}
