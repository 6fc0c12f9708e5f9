package org.sanfu.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * What the workbench's and the API's answers tell a browser beyond Spring Security's own headers
 * (X-Content-Type-Options, X-Frame-Options DENY, no caching), which stay: a Content-Security-Policy
 * and a Referrer-Policy. Camunda's web apps set their own policy (their chain is not touched here).
 *
 * <p>The policies are written here, not in configuration: they describe what the templates and
 * static files shipped in the same jar do, and change only together with them.
 */
final class SecurityHeaders {

    /**
     * The pages: scripts and styles only from Sanfu's own files (no inline script, no style="" attribute,
     * no eval: ECharts needs none, its tooltip is drawn on the canvas, static/js/dashboard.js), images
     * from Sanfu or data: URLs (the pages' empty favicon, Swagger UI's icons), no plug-ins, forms posting
     * only back to Sanfu, and no framing by other sites.
     */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /**
     * Swagger UI (springdoc's WebJar): the pages' policy, but its bundle writes a {@code <style>} element of
     * its own, whose hash changes with each version of the WebJar, so inline styles are allowed there. Scripts
     * stay Sanfu's own files only; the page shows the API's documents, no user's text.
     */
    static final String SWAGGER_UI_POLICY = PAGE_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

    /** JSON, CSV and workbooks are no page: should a browser render one anyway, it loads and runs nothing. */
    static final String DOCUMENT_POLICY = "default-src 'none'; frame-ancestors 'none'";

    /** Addresses hold ticket and enterprise ids: they stay on this site, which needs them in its own requests. */
    static final ReferrerPolicy REFERRER = ReferrerPolicy.SAME_ORIGIN;

    private SecurityHeaders() {
    }

    /** The pages' chain: the page policy everywhere, error pages and static files included. */
    static Customizer<HeadersConfigurer<HttpSecurity>> pages() {
        return headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_POLICY))
                .referrerPolicy(referrer -> referrer.policy(REFERRER));
    }

    /** The API's chain: the document policy, but for Swagger UI's pages. */
    static Customizer<HeadersConfigurer<HttpSecurity>> api() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher swaggerUi = new OrRequestMatcher(paths.matcher("/swagger-ui.html"), paths.matcher("/swagger-ui/**"));
        return headers -> headers
                .addHeaderWriter(policy(swaggerUi, SWAGGER_UI_POLICY))
                .addHeaderWriter(policy(new NegatedRequestMatcher(swaggerUi), DOCUMENT_POLICY))
                .referrerPolicy(referrer -> referrer.policy(REFERRER));
    }

    private static HeaderWriter policy(RequestMatcher where, String policy) {
        return new DelegatingRequestMatcherHeaderWriter(where, new ContentSecurityPolicyHeaderWriter(policy));
    }
}
