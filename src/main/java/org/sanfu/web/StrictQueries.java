package org.sanfu.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sanfu.Message;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The query string of a request to one of the service's handlers, read as sent ({@code getQueryString()}) and
 * strictly, for the parameters the handler takes ({@code @RequestParam}): a value with a {@code %} that starts no
 * escape of two hex digits, or whose bytes are not UTF-8 (an encoded lone surrogate, an overlong form, {@code %FF}),
 * is a fault naming the parameter, where Tomcat drops the parameter (the filter silently not applied) or puts U+FFFD
 * in its place; so is a parameter the handler takes one of ({@code String}, a number) given more than once, which
 * Spring joins with a comma (a town that matches nothing). Those it takes a list of ({@code source}) may come more
 * than once. The handler is refused with an {@link InvalidInput} before it runs, which ProblemAdvice answers with
 * problem+json for the API and PageAdvice with the Chinese 400 page naming the parameter for a page, unless it takes
 * the {@link QueryFaults} as an argument and answers them itself. Parameters a handler does not take are not its
 * concern, as unknown ones never were: the sign-in page's, Spring Security's {@code continue}. Camunda's engine-rest
 * and Cockpit, the static resources, /actuator and /v3/api-docs have no handler here and read their queries as before.
 * One pass over the query, without regular expressions; nothing is decoded but a name with an escape in it.
 */
@Configuration(proxyBeanMethods = false)
class StrictQueries implements HandlerInterceptor, HandlerMethodArgumentResolver, WebMvcConfigurer {

    private static final String FAULTS = StrictQueries.class.getName() + ".faults";
    private static final Message MALFORMED = Message.of("sanfu.validation.malformed-query");
    static final Message ONCE = Message.of("form.once");

    /** The parameters of each handler method, read once. */
    private final Map<Method, Taken> taken = new ConcurrentHashMap<>();

    /**
     * The query parameters a handler method takes: their names, which of them it takes one value of, and whether it
     * answers their faults itself (takes {@link QueryFaults}).
     */
    record Taken(List<String> names, boolean[] single, boolean answersItself) {

        static Taken of(Method method) {
            List<String> names = new ArrayList<>();
            List<Boolean> single = new ArrayList<>();
            boolean answersItself = false;
            for (Parameter parameter : method.getParameters()) {
                Class<?> type = parameter.getType();
                answersItself |= type == QueryFaults.class;
                RequestParam param = parameter.getAnnotation(RequestParam.class);
                if (param == null || Map.class.isAssignableFrom(type) || MultipartFile.class.isAssignableFrom(type)) {
                    continue; // a form read whole (its body is Utf8Forms'), a file
                }
                // read by reflection, the annotation's value is not its name's alias: @RequestParam("from") names it too
                names.add(!param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                        : parameter.getName());
                single.add(!type.isArray() && !Collection.class.isAssignableFrom(type));
            }
            boolean[] singles = new boolean[single.size()];
            for (int i = 0; i < singles.length; i++) {
                singles[i] = single.get(i);
            }
            return new Taken(List.copyOf(names), singles, answersItself);
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !method.getBeanType().getName().startsWith("org.sanfu.")) {
            return true;
        }
        Taken params = taken.computeIfAbsent(method.getMethod(), Taken::of);
        String query = request.getQueryString();
        QueryFaults faults = params.names().isEmpty() || query == null || query.isEmpty() ? QueryFaults.NONE
                : faults(query, params);
        if (params.answersItself()) {
            request.setAttribute(FAULTS, faults);
        } else if (!faults.none()) {
            throw faults.refusal();
        }
        return true;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == QueryFaults.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest request, WebDataBinderFactory binders) {
        return request.getAttribute(FAULTS, RequestAttributes.SCOPE_REQUEST) instanceof QueryFaults faults ? faults
                : QueryFaults.NONE;
    }

    /** The faults of a query ({@code a=1&b=%E4%B8%AD}, as sent) in the parameters taken. */
    static QueryFaults faults(String query, Taken params) {
        int[] counts = new int[params.names().size()];
        Map<String, InvalidInput.Fault> faults = null;
        int length = query.length();
        for (int start = 0; start < length; ) {
            int end = query.indexOf('&', start);
            end = end < 0 ? length : end;
            int equals = query.indexOf('=', start);
            equals = equals < 0 || equals > end ? end : equals;
            int taken = equals == start ? -1 : indexOf(params.names(), query, start, equals);
            if (taken >= 0) {
                String name = params.names().get(taken);
                Message fault = !wellFormed(query, equals + 1, end) ? MALFORMED
                        : ++counts[taken] > 1 && params.single()[taken] ? ONCE : null;
                if (fault != null) {
                    faults = faults == null ? new LinkedHashMap<>() : faults;
                    faults.putIfAbsent(name, new InvalidInput.Fault(name, fault));
                }
            }
            start = end + 1;
        }
        return faults == null ? QueryFaults.NONE : new QueryFaults(List.copyOf(faults.values()), query);
    }

    /** Which of the names the name written at {@code from..to} is, or -1 (none, or written malformed). */
    private static int indexOf(List<String> names, String query, int from, int to) {
        String written = null;
        for (int i = from; i < to && written == null; i++) {
            char c = query.charAt(i);
            if (c == '%' || c == '+') {
                written = decoded(query, from, to);
                if (written == null) {
                    return -1;
                }
            }
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (written == null ? name.length() == to - from && query.regionMatches(from, name, 0, to - from)
                    : name.equals(written)) {
                return i;
            }
        }
        return -1;
    }

    /** A name with escapes or '+' in it, decoded; null when malformed. Names the handlers take are ASCII. */
    private static String decoded(String query, int from, int to) {
        if (!wellFormed(query, from, to)) {
            return null;
        }
        StringBuilder name = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = query.charAt(i);
            if (c == '%') {
                int b = hex(query.charAt(i + 1)) * 16 + hex(query.charAt(i + 2));
                if (b >= 0x80) {
                    return null; // no name taken holds anything but ASCII
                }
                name.append((char) b);
                i += 2;
            } else {
                name.append(c == '+' ? ' ' : c);
            }
        }
        return name.toString();
    }

    /**
     * Whether {@code from..to} of the query is well-formed: each {@code %} followed by two hex digits, and the bytes
     * escaped UTF-8 by RFC 3629 (no overlong form, no surrogate, nothing past U+10FFFF, no sequence cut short).
     * Characters written as they are (not escaped) are what Tomcat made of the request's bytes and are kept.
     */
    static boolean wellFormed(String query, int from, int to) {
        int needed = 0; // continuation bytes still to come
        int lowest = 0x80;
        int highest = 0xBF; // bounds of the next continuation byte
        for (int i = from; i < to; i++) {
            char c = query.charAt(i);
            if (c != '%') {
                if (needed > 0) {
                    return false;
                }
                continue;
            }
            if (i + 2 >= to || hex(query.charAt(i + 1)) < 0 || hex(query.charAt(i + 2)) < 0) {
                return false;
            }
            int b = hex(query.charAt(i + 1)) * 16 + hex(query.charAt(i + 2));
            i += 2;
            if (needed > 0) {
                if (b < lowest || b > highest) {
                    return false;
                }
                needed--;
                lowest = 0x80;
                highest = 0xBF;
            } else if (b >= 0x80) {
                if (b >= 0xC2 && b <= 0xDF) {
                    needed = 1;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    needed = 2;
                    lowest = b == 0xE0 ? 0xA0 : 0x80;
                    highest = b == 0xED ? 0x9F : 0xBF;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    needed = 3;
                    lowest = b == 0xF0 ? 0x90 : 0x80;
                    highest = b == 0xF4 ? 0x8F : 0xBF;
                } else {
                    return false; // a continuation byte alone, C0/C1 (overlong), F5..FF
                }
            }
        }
        return needed == 0;
    }

    private static int hex(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }
}
