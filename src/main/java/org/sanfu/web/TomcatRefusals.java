package org.sanfu.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * What Tomcat refuses by itself, before any of Sanfu runs (request headers larger than
 * {@code server.max-http-request-header-size}, a malformed request line): problem+json in the
 * client's language like every other refusal, instead of Tomcat's HTML error page. Runs after Spring
 * Boot's own setting of the host's error valve, which it replaces.
 */
@Component
class TomcatRefusals implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
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

        @Override
        protected void report(Request request, Response response, Throwable thrown) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0) {
                return;
            }
            Locale locale = Languages.api(request);
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", text(locale, "sanfu.problem.title." + status, "HTTP " + status));
            problem.put("status", status);
            problem.put("detail", text(locale, "sanfu.problem.unreadable-request", "the request could not be read"));
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

        private static String text(Locale locale, String key, String otherwise) {
            try {
                // no fallback to the JVM's own locale: Chinese is messages.properties itself
                return ResourceBundle.getBundle("messages", locale, ProblemValve.class.getClassLoader(),
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
                        .getString(key);
            } catch (MissingResourceException e) {
                return otherwise;
            }
        }
    }
}
