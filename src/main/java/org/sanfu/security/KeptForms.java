package org.sanfu.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What was typed into a page's form that was posted after its session timed out. The post is not
 * taken (an action must be seen before it is taken, and the sign-in may be someone else's), but what
 * was typed is not lost either: it is kept in the new session, the sign-in leads back to the form's
 * page, and that page shows the form filled in as it was, once, to be checked and sent again.
 *
 * <p>Only forms a feature declares as a {@link Home} are kept, and only when the post came from one of
 * this site's pages (its same-site Referer, see {@link ExpiredFormWayBack}): another site's form plants
 * nothing. The text stays in the browser that typed it; on a shared terminal the next person to sign in
 * there sees it, as they would have seen it on the screen the form was left open on.
 */
@Component
public class KeptForms {

    /** The session attribute holding the one kept form. */
    static final String ATTRIBUTE = KeptForms.class.getName();

    /** Never kept: Spring Security's token of the session that is gone. */
    private static final String CSRF_PARAMETER = "_csrf";

    /**
     * A page form: posted to {@code action}, a path pattern ({@code /tickets/{id}/{action}}), and shown
     * on {@code page}, a URI template of the same variables ({@code /tickets/{id}}).
     */
    public record Home(String action, String page) {}

    /**
     * A kept form: the path it was posted to, the variables of its {@link Home}'s pattern, the page it
     * is shown on again, and its inputs as posted (without the CSRF token).
     */
    public record Kept(String action, Map<String, String> variables, String page,
            MultiValueMap<String, String> inputs) implements Serializable {}

    private final List<Match> homes;

    KeptForms(ObjectProvider<Home> homes) {
        this.homes = homes.orderedStream()
                .map(home -> new Match(PathPatternParser.defaultInstance.parse(home.action()), home.page())).toList();
    }

    /**
     * Keeps the form of this timed-out post in a new session, when a {@link Home} declares its path.
     *
     * @return the page to go back to after signing in, or null when this is not a kept form
     */
    String keep(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (Match home : homes) {
            PathPattern.PathMatchInfo found = home.action().matchAndExtract(PathContainer.parsePath(path));
            if (found != null) {
                Map<String, String> variables = new LinkedHashMap<>(found.getUriVariables());
                String page = UriComponentsBuilder.fromPath(home.page()).buildAndExpand(variables).encode()
                        .toUriString();
                MultiValueMap<String, String> inputs = new LinkedMultiValueMap<>();
                request.getParameterMap().forEach((name, values) -> {
                    if (!CSRF_PARAMETER.equals(name)) {
                        inputs.put(name, List.of(values));
                    }
                });
                request.getSession(true).setAttribute(ATTRIBUTE, new Kept(path, variables, page, inputs));
                return page;
            }
        }
        return null;
    }

    /** Whether a kept form waits in this session (the sign-in page says that it will come back). */
    static boolean waiting(HttpSession session) {
        return session != null && session.getAttribute(ATTRIBUTE) instanceof Kept;
    }

    /** The form kept for the page this request asks for, taken out of the session: it comes back once. */
    public Optional<Kept> take(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof Kept kept)) {
            return Optional.empty();
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!kept.page().equals(path)) {
            return Optional.empty();
        }
        session.removeAttribute(ATTRIBUTE);
        return Optional.of(kept);
    }

    private record Match(PathPattern action, String page) {}
}
