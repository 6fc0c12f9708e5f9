package org.sanfu.ticket.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code sanfu_ticket_actions_seconds{action, outcome}}: how long each ticket action takes, from the
 * request to the committed answer, and how it ended: {@code success}, {@code invalid} (400),
 * {@code forbidden} (403), {@code not-found} (404), {@code conflict} (409) or {@code error}.
 */
@Configuration(proxyBeanMethods = false)
class TicketActionTimer implements HandlerInterceptor, WebMvcConfigurer {

    private static final String STARTED = TicketActionTimer.class.getName() + ".started";

    private final MeterRegistry registry;
    /** The timers by action and outcome: building and registering one on each request cost more than recording. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    TicketActionTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void addInterceptors(InterceptorRegistry interceptors) {
        interceptors.addInterceptor(this).addPathPatterns("/api/tickets/*/*");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if ("POST".equals(request.getMethod()) && handler instanceof HandlerMethod method
                && method.getBeanType() == TicketController.class) {
            request.setAttribute(STARTED, System.nanoTime());
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception unhandled) {
        if (!(request.getAttribute(STARTED) instanceof Long started)
                || !(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern)) {
            return;
        }
        String action = pattern.substring(pattern.lastIndexOf('/') + 1);
        String outcome = unhandled != null ? "error" : outcome(response.getStatus());
        timers.computeIfAbsent(action + ' ' + outcome, k -> Timer.builder("sanfu.ticket.actions")
                        .description("Ticket actions, by action and outcome")
                        .tag("action", action)
                        .tag("outcome", outcome)
                        .register(registry))
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private static String outcome(int status) {
        return switch (status) {
            case 200, 201 -> "success";
            case 400 -> "invalid";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 409 -> "conflict";
            default -> "error";
        };
    }
}
