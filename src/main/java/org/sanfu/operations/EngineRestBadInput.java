package org.sanfu.operations;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.glassfish.jersey.server.ParamException;
import org.glassfish.jersey.server.ResourceConfig;
import org.sanfu.Message;
import org.sanfu.OneLine;
import org.sanfu.web.JsonBodies;
import org.sanfu.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * engine-rest's answer to a query parameter or JSON body it cannot read: 400 problem+json naming the parameter or
 * field and what it must be, as {@link OperatorWrites} answers a retry body it checks, and the resource is not
 * called, so nothing changes. Camunda's own answers did not say so:
 * <ul>
 * <li>a typed parameter of a resource method ({@code firstResult=abc}, {@code maxResults}) was 404 "HTTP 404 Not
 * Found", JAX-RS's rule for a query parameter it cannot convert, as if the list did not exist;
 * <li>a flag ({@code deserializeValues}, {@code creationDateBased}) was read as false whatever it said, so
 * {@code creationDateBased=ture} recalculated a due date from another date than the one its default asks for;
 * <li>a list's filter ({@code withRetriesLeft=abc}, {@code startedBefore=garbage}) was 400 in Camunda's own format
 * rather than the problem every other refusal is;
 * <li>a body's value of the wrong type or form ({@code {"duedate":"garbage"}}, a retry's {@code "dueDate"}, a
 * query's {@code "withRetriesLeft":"abc"}) was 400 with an empty message, or Jackson's own text/plain sentence,
 * whichever of the two mappers of the same exception Jersey happened to choose.
 * </ul>
 * Registered in engine-rest's Jersey application only: Cockpit's copy of the resources is Camunda's own
 * application, used by its pages, which send what they can read.
 */
final class EngineRestBadInput {

    private static final Logger log = LoggerFactory.getLogger(EngineRestBadInput.class);
    /** Before Camunda's and Jersey's mappers of the same exceptions (their priority is 5000; lower goes first). */
    static final int BEFORE_CAMUNDA = 1000;
    /** The date an example of Camunda's date format shows: 9 o'clock on New Year's Day 2031 in Beijing. */
    private static final Date EXAMPLE = Date.from(Instant.parse("2031-01-01T01:00:00Z"));
    /** How Camunda's REST layer says which of a list's filters it could not set (AbstractSearchQueryDto). */
    private static final Pattern FILTER = Pattern.compile("^Cannot set query parameter '([^']*)' to value");
    /** How Camunda's converters of filters end their refusal: "Cannot convert value x to java type java.lang.Long". */
    private static final String TO_TYPE = " to java type ";
    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(Integer.class, int.class, Long.class, long.class,
            Short.class, short.class);

    private final Problems problems;

    EngineRestBadInput(Problems problems) {
        this.problems = problems;
    }

    /**
     * Into engine-rest's Jersey application: the strict flags, and the mappers of unreadable parameters and
     * bodies, before Camunda's own. (A list's filter is Camunda's RestException, whose mapper asks {@link #filter}.)
     */
    void registerIn(ResourceConfig engineRest) {
        engineRest.register(new Flags());
        engineRest.register(new PagingBounds());
        engineRest.register(new Parameters(this), BEFORE_CAMUNDA);
        engineRest.register(new Values(this), BEFORE_CAMUNDA);
        engineRest.register(new NotJson(this), BEFORE_CAMUNDA);
        engineRest.register(new Unreadable(this), BEFORE_CAMUNDA);
    }

    /**
     * The answer to Camunda's refusal of a list's filter it could not read, naming the filter; null for any
     * other {@link RestException}, which Camunda answers itself.
     */
    Response filter(RestException e, HttpServletRequest request) {
        Matcher named = FILTER.matcher(String.valueOf(e.getMessage()));
        if (e.getStatus() != Response.Status.BAD_REQUEST || !named.find()) {
            return null;
        }
        // the refusal of the filter's converter or setter, below Camunda's "Cannot set query parameter"
        String reason = null;
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RestException refusal && refusal.getMessage() != null) {
                reason = refusal.getMessage();
            }
        }
        return refuse(request, named.group(1), expected(reason));
    }

    /** What a filter's value must be: by the type Camunda's converter names, else in Camunda's own words. */
    static Message expected(String reason) {
        if (reason == null) {
            return Message.of("sanfu.validation.invalid-value");
        }
        for (Class<?> type : List.of(Date.class, Boolean.class, Integer.class, Long.class)) {
            if (reason.endsWith(TO_TYPE + type.getName())) {
                return expected(type);
            }
        }
        return camundaSays(reason);
    }

    private static Message camundaSays(String reason) {
        return Message.of("sanfu.operations.camunda-says", "reason", reason);
    }

    /**
     * What a body's value must be, by the type Camunda's DTO reads it as; a setter of Camunda's that refused what
     * it was given ({@code "sortBy"}) says why in its own words.
     */
    static Message expected(JsonMappingException e) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return expected(mismatch.getTargetType());
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RestException refusal && refusal.getMessage() != null) {
                return camundaSays(refusal.getMessage());
            }
        }
        return Message.of("sanfu.validation.invalid-value");
    }

    /** What a value read as this type must be, in the words Sanfu's own API uses for it. */
    static Message expected(Class<?> type) {
        if (Date.class.isAssignableFrom(type)) {
            return date();
        }
        if (type == Boolean.class || type == boolean.class) {
            return Message.of("sanfu.validation.true-or-false");
        }
        if (WHOLE_NUMBERS.contains(type)) {
            return Message.of("sanfu.json.whole-number");
        }
        if (type == String.class) {
            return Message.of("sanfu.json.string");
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return Message.of("sanfu.json.array");
        }
        if (type.isEnum()) {
            return Message.of("sanfu.validation.one-of", "values", Arrays.stream(type.getEnumConstants())
                    .map(Object::toString).toList());
        }
        if (Map.class.isAssignableFrom(type) || !type.isPrimitive() && !type.getName().startsWith("java.")) {
            return Message.of("sanfu.json.not-object"); // one of Camunda's DTOs, a query's filters
        }
        return Message.of("sanfu.validation.invalid-value");
    }

    /** A date as engine-rest reads it: in Camunda's format (yyyy-MM-dd'T'HH:mm:ss.SSSZ unless configured). */
    static Message date() {
        String format = JacksonConfigurator.dateFormatString;
        return Message.of("sanfu.operations.date", "format", format,
                "example", beijing(new SimpleDateFormat(format)).format(EXAMPLE));
    }

    /** The example in Beijing's time (+0800), whatever the server's zone: it is for the people of a county. */
    private static SimpleDateFormat beijing(SimpleDateFormat format) {
        format.setTimeZone(TimeZone.getTimeZone("Asia/Shanghai"));
        return format;
    }

    /**
     * 400 naming the field; one line at WARN, as OperatorWrites notes its refusals, no stack. The field and Camunda's
     * words may quote what was sent: on one line ({@link OneLine}).
     */
    Response refuse(HttpServletRequest request, String field, Message fault) {
        log.warn("Refused {} {} by {}: {}: {} ({})", request.getMethod(), request.getRequestURI(),
                request.getRemoteUser(), OneLine.of(field), OneLine.of(fault.english()), fault.code());
        Problems.Answer answer = problems.invalid(request, field, fault);
        return Response.status(answer.status())
                .type("application/problem+json;charset=UTF-8")
                .header(HttpHeaders.CONTENT_LANGUAGE, answer.language().toLanguageTag())
                .entity(answer.body())
                .build();
    }

    /** The mappers' common part: the request being answered (a proxy Jersey sets), and where to answer. */
    /**
     * A fault of the service's, not of the body: Jackson failed writing the answer (an object variable it cannot
     * serialise) or found a type it cannot map. Camunda answers it as before, 500 with its stack logged.
     */
    static boolean notTheRequests(JsonProcessingException e) {
        return e.getProcessor() instanceof JsonGenerator || e instanceof JsonGenerationException
                || e instanceof InvalidDefinitionException;
    }

    private abstract static class Mapper {

        final EngineRestBadInput badInput;

        @Context
        HttpServletRequest request;

        Mapper(EngineRestBadInput badInput) {
            this.badInput = badInput;
        }

        /** The refusal this mapper words, unless the fault is the service's ({@link #notTheRequests}). */
        Response answer(JsonProcessingException e, Supplier<Response> refusal) {
            return notTheRequests(e) ? ExceptionHandlerHelper.getInstance().getResponse(e) : refusal.get();
        }
    }

    /**
     * A typed parameter of a resource method that could not be converted ({@code firstResult=abc}): 400 naming it,
     * where JAX-RS answers 404. What it must be is in the cause: a paging bound's check ({@link PagingBounds}: the
     * numbers among engine-rest's parameters are firstResult and maxResults), another number's {@code valueOf}, or a
     * {@link Flags flag}'s check.
     */
    static final class Parameters extends Mapper implements ExceptionMapper<ParamException.QueryParamException> {

        Parameters(EngineRestBadInput badInput) {
            super(badInput);
        }

        @Override
        public Response toResponse(ParamException.QueryParamException e) {
            Message expected = Message.of("sanfu.validation.invalid-value");
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof NumberFormatException) {
                    expected = Message.of("sanfu.validation.whole-number", "min", Integer.MIN_VALUE,
                            "max", Integer.MAX_VALUE);
                } else if (cause instanceof NotAFlag) {
                    expected = Message.of("sanfu.validation.true-or-false");
                } else if (cause instanceof NotAPagingBound) {
                    expected = Message.of("sanfu.validation.whole-number", "min", 0, "max", Integer.MAX_VALUE);
                }
            }
            return badInput.refuse(request, e.getParameterName(), expected);
        }
    }

    /**
     * A flag of a resource method is true or false (in any case); JAX-RS's own reading, Boolean.valueOf, takes
     * anything else for false. Anything else is refused ({@link Parameters}), an empty value too. Absent, it is
     * its default, or false.
     */
    static final class Flags implements ParamConverterProvider {

        @Override
        @SuppressWarnings("unchecked")
        public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
            if (rawType != Boolean.class && rawType != boolean.class) {
                return null;
            }
            // JAX-RS asks for an absent flag without a default too: a primitive has to be given a value
            Boolean absent = rawType == boolean.class ? Boolean.FALSE : null;
            return (ParamConverter<T>) new ParamConverter<Boolean>() {
                @Override
                public Boolean fromString(String value) {
                    if (value == null) {
                        return absent;
                    }
                    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                        return Boolean.valueOf(value);
                    }
                    throw new NotAFlag();
                }

                @Override
                public String toString(Boolean value) {
                    return String.valueOf(value);
                }
            };
        }
    }

    /**
     * A list's {@code firstResult} and {@code maxResults} are whole numbers from 0: a negative one went to the
     * database as it was, whose refusal of a negative OFFSET or FETCH Camunda answered 500. Refused as
     * {@link Parameters} refuses any parameter it cannot read; absent, it is absent, as before.
     */
    static final class PagingBounds implements ParamConverterProvider {

        private static final Set<String> NAMES = Set.of("firstResult", "maxResults");

        @Override
        @SuppressWarnings("unchecked")
        public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
            if (rawType != Integer.class || Arrays.stream(annotations).noneMatch(
                    a -> a instanceof jakarta.ws.rs.QueryParam named && NAMES.contains(named.value()))) {
                return null;
            }
            return (ParamConverter<T>) new ParamConverter<Integer>() {
                @Override
                public Integer fromString(String value) {
                    if (value == null || value.isEmpty()) {
                        return null; // maxResults= as Jersey read it before: no bound
                    }
                    try {
                        int bound = Integer.parseInt(value);
                        if (bound >= 0) {
                            return bound;
                        }
                    } catch (NumberFormatException notANumber) {
                        // refused below, as a negative one
                    }
                    throw new NotAPagingBound();
                }

                @Override
                public String toString(Integer value) {
                    return String.valueOf(value);
                }
            };
        }
    }

    /** A paging bound that is no whole number from 0 to Integer.MAX_VALUE. */
    static final class NotAPagingBound extends IllegalArgumentException {

        NotAPagingBound() {
            super("must be a whole number from 0");
        }
    }

    /** A flag's value that is neither true nor false: an IllegalArgumentException, which JAX-RS refuses as such. */
    static final class NotAFlag extends IllegalArgumentException {

        NotAFlag() {
            super("must be true or false");
        }
    }

    /**
     * A value Camunda's DTO could not take, named by its path as the client wrote it ({@code duedate},
     * {@code jobQuery.withRetriesLeft}), where Camunda answers 400 with an empty message.
     */
    static final class Values extends Mapper implements ExceptionMapper<JsonMappingException> {

        Values(EngineRestBadInput badInput) {
            super(badInput);
        }

        @Override
        public Response toResponse(JsonMappingException e) {
            return answer(e, () -> badInput.refuse(request, JsonBodies.path(e), expected(e)));
        }
    }

    /** A body that is not JSON at all. */
    static final class NotJson extends Mapper implements ExceptionMapper<JsonParseException> {

        NotJson(EngineRestBadInput badInput) {
            super(badInput);
        }

        @Override
        public Response toResponse(JsonParseException e) {
            return badInput.refuse(request, "body", Message.of("sanfu.json.unreadable"));
        }
    }

    /**
     * Any other fault the parser found: past its limits (a number of 1000 digits, 1000 levels of nesting), which
     * Camunda answered 500 as if it were a fault of its own, or a number beyond its field's type, named where the
     * parser stood. The limits' fault carries no parser to say where: it is the body's.
     */
    static final class Unreadable extends Mapper implements ExceptionMapper<JsonProcessingException> {

        Unreadable(EngineRestBadInput badInput) {
            super(badInput);
        }

        @Override
        public Response toResponse(JsonProcessingException e) {
            return answer(e, () -> {
                if (e instanceof StreamConstraintsException) {
                    return badInput.refuse(request, "body", Message.of("sanfu.json.too-large"));
                }
                String field = e.getProcessor() instanceof JsonParser parser
                        ? JsonBodies.path(parser.getParsingContext()) : "body";
                return badInput.refuse(request, field, Message.of("sanfu.validation.invalid-value"));
            });
        }
    }
}
