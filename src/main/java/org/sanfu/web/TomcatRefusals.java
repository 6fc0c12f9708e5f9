package org.sanfu.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.Http11InputBuffer;
import org.apache.tomcat.util.res.StringManager;
import org.sanfu.Message;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * What Tomcat refuses by itself, before any of Sanfu runs (request headers larger than
 * {@code server.max-http-request-header-size}, a malformed request line, CONNECT): problem+json in the
 * client's language like every other refusal, instead of Tomcat's HTML error page, with a detail that
 * says which fault it was. Runs after Spring Boot's own setting of the host's error valve, which it replaces.
 * A browser's request under /f, the enterprise's feedback link (a link damaged in an SMS: {@code /f/%ZZ}, a lone
 * {@code %}, an encoded NUL), is answered with the enterprise's own Chinese error page instead, as every other fault
 * under /f is ({@link ErrorPages}, and {@link RejectedRequests} for what the firewall refuses).
 */
@Component
class TomcatRefusals implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final ObjectProvider<ErrorPages> errorPages;

    TomcatRefusals(ObjectProvider<ErrorPages> errorPages) {
        this.errorPages = errorPages;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // the host adds no valve of this class when it finds one: this one can reach the pages' renderer
                host.getPipeline().addValve(new ProblemValve(errorPages::getIfAvailable, context::getServletContext));
                host.setErrorReportValveClass(ProblemValve.class.getName());
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /**
     * Tomcat makes its error valve from the class name, so it cannot be handed Spring's MessageSource:
     * it reads the same bundles (messages*.properties, UTF-8) itself.
     */
    public static class ProblemValve extends ErrorReportValve {

        private static final ObjectMapper JSON = new ObjectMapper();

        /** The pages' error renderer, asked when a refusal is a browser's under /f; null or none: problem+json. */
        private final Supplier<ErrorPages> errorPages;
        /** The application's, which a request refused before Tomcat found its context does not know. */
        private final Supplier<ServletContext> application;

        /** As Tomcat would make it from the class name: problem+json for every refusal. */
        public ProblemValve() {
            this(() -> null, () -> null);
        }

        ProblemValve(Supplier<ErrorPages> errorPages, Supplier<ServletContext> application) {
            this.errorPages = errorPages;
            this.application = application;
        }

        /** Tomcat's own words for headers past the limit, in the language it logs in (its default locale). */
        private static final String HEADERS_TOO_LARGE = StringManager.getManager(Http11InputBuffer.class)
                .getString("iib.requestheadertoolarge.error");

        @Override
        protected void report(Request request, Response response, Throwable thrown) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0) {
                return;
            }
            if (status == HttpStatus.NOT_IMPLEMENTED.value() && "CONNECT".equals(request.getMethod())) {
                // Tomcat refuses CONNECT (501) before the request reaches any filter, yet it is no feature the
                // service lacks but a method no resource here takes: 405 naming them, as TRACE is (RejectedRequests)
                status = HttpStatus.METHOD_NOT_ALLOWED.value();
                response.setStatus(status);
                response.setHeader(HttpHeaders.ALLOW, String.join(", ", RequestFirewall.METHODS));
            }
            if (status == HttpStatus.BAD_REQUEST.value() && enterprisePage(request, response, thrown)) {
                return;
            }
            Locale locale = Languages.api(request);
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", text(locale, Message.of("sanfu.problem.title." + status),
                    Message.of("sanfu.problem.title", "status", status)));
            problem.put("status", status);
            problem.put("detail", text(locale, detail(request, status, thrown), null));
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.setHeader(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag());
                response.getOutputStream().write(JSON.writeValueAsBytes(problem));
                response.finishResponse();
            } catch (IOException | IllegalStateException gone) {
                // the client went away, or the answer was already under way: nothing more to say
            }
        }

        /**
         * A feedback link opened in a browser with a path Tomcat cannot read (a malformed or encoded-NUL escape):
         * the enterprise's error page, saying the link was damaged, written here; false when it is not that, or the
         * page could not be written (then problem+json, as before). Headers past the limit are no damaged link:
         * the page without that reason. Refusals Tomcat answers with another status (505, 501) stay problem+json:
         * no browser sends them.
         */
        private boolean enterprisePage(Request request, Response response, Throwable thrown) {
            String uri = request.getRequestURI();
            try {
                // refused before any context was mapped: an answer of the application's own stays as it is
                ErrorPages pages = uri != null && request.getContext() == null && ErrorPages.isFeedbackLink(request)
                        && RejectedRequests.prefersHtml(request) ? errorPages.get() : null;
                ServletContext servletContext = application.get();
                if (pages == null || servletContext == null) {
                    return false;
                }
                HttpServletRequest inApplication = new RefusedBeforeTheApplication(request, servletContext);
                String reason = thrown instanceof IllegalArgumentException
                        && HEADERS_TOO_LARGE.equals(thrown.getMessage())
                        ? null : text(Locale.SIMPLIFIED_CHINESE, Message.of("page.rejected-request"), null);
                pages.render(inApplication, response, HttpStatus.BAD_REQUEST, reason);
                response.finishResponse();
                return true;
            } catch (IOException | RuntimeException failed) {
                // the client went away, or the page could not be made: problem+json, from a clean answer, unless some
                // of the page went out already
                container.getLogger().debug("the enterprise's error page for " + uri + " was not written", failed);
                if (response.isCommitted()) {
                    return true;
                }
                response.reset();
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                return false;
            }
        }

        /**
         * What was wrong, as far as Tomcat's answer tells: its status, and for a 400 the exception it met
         * reading the headers. 505 (an HTTP version other than 1.0 and 1.1) and 501 (a transfer coding
         * other than chunked) stay: they are what RFC 9110 15.6.6 and RFC 9112 6.1 prescribe for exactly
         * these faults, and the detail names the version or coding the client sent.
         */
        /** "gzip" of "gzip, chunked": the codings the message names beside the one it takes. */
        private static String unsupportedCodings(String header) {
            if (header == null) {
                return "";
            }
            return String.join(", ", Arrays.stream(header.split(","))
                    .map(String::strip).filter(c -> !c.isEmpty() && !c.equalsIgnoreCase("chunked")).toList());
        }

        private static Message detail(Request request, int status, Throwable thrown) {
            return switch (status) {
                case 405 -> Message.of("sanfu.problem.method-not-allowed", "method", request.getMethod(),
                        "allowed", RequestFirewall.METHODS);
                case 505 -> Message.of("sanfu.problem.unsupported-version", "version", request.getProtocol());
                case 501 -> Message.of("sanfu.problem.unsupported-transfer-coding",
                        "coding", unsupportedCodings(request.getHeader(HttpHeaders.TRANSFER_ENCODING)));
                case 400 -> thrown instanceof IllegalArgumentException && HEADERS_TOO_LARGE.equals(thrown.getMessage())
                        ? Message.of("sanfu.problem.headers-too-large")
                        : Message.of("sanfu.problem.malformed-request");
                default -> Message.of("sanfu.problem.refused", "status", status);
            };
        }

        /**
         * A request Tomcat refused before it found the application's context, as the page's renderer needs it: the
         * application to render in, and request attributes of its own (Tomcat's, without a context to tell its
         * listeners, fail when one is set).
         */
        private static final class RefusedBeforeTheApplication extends HttpServletRequestWrapper {

            private final ServletContext application;
            private final Map<String, Object> attributes = new HashMap<>();

            RefusedBeforeTheApplication(HttpServletRequest request, ServletContext application) {
                super(request);
                this.application = application;
            }

            @Override
            public ServletContext getServletContext() {
                return application;
            }

            @Override
            public Object getAttribute(String name) {
                return attributes.containsKey(name) ? attributes.get(name) : super.getAttribute(name);
            }

            @Override
            public Enumeration<String> getAttributeNames() {
                Set<String> names = new LinkedHashSet<>(Collections.list(super.getAttributeNames()));
                attributes.forEach((name, value) -> {
                    if (value == null) {
                        names.remove(name);
                    } else {
                        names.add(name);
                    }
                });
                return Collections.enumeration(names);
            }

            @Override
            public void setAttribute(String name, Object value) {
                attributes.put(name, value);
            }

            @Override
            public void removeAttribute(String name) {
                attributes.put(name, null);
            }
        }

        /** The message in this language, else the fallback's (null: none), else the message in English. */
        private static String text(Locale locale, Message message, Message fallback) {
            try {
                // no fallback to the JVM's own locale: Chinese is messages.properties itself
                String template = ResourceBundle.getBundle("messages", locale, ProblemValve.class.getClassLoader(),
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
                        .getString(message.code());
                return message.fill(template, Message::english);
            } catch (MissingResourceException e) {
                return fallback != null ? text(locale, fallback, null) : message.english();
            }
        }
    }
}
