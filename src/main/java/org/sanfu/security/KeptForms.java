package org.sanfu.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * nothing. Whether the browser still sent its dead session's cookie does not matter: one that lost it
 * (closed and opened again, its cookies cleared) is the same user at the same form, and asking for a
 * cookie never held off a script, which sends any cookie it likes. What bounds what a script can park
 * here is the size, the time and the count: a form of more than {@link #MOST_CHARACTERS} is not kept
 * (nobody types that much), one not taken within {@link #KEPT_FOR} is dropped (it belongs to the sign-in
 * right after the time-out, not to a page opened later on), and one address has at most
 * {@link #MOST_PER_ADDRESS} kept in that time (a county office behind one address does not time out on
 * that many forms in half an hour; a script posting from it would fill the session store; behind a proxy,
 * set server.forward-headers-strategy, as for the sign-in's throttle). The text stays in the browser that
 * typed it; on a shared terminal whoever signs in there next sees it, as they would have seen it on the
 * screen the form was left open on.
 */
@Component
public class KeptForms {

    /**
     * The session attribute holding the one kept form, as a map of the JDK's types ({@link #stored}): a session
     * outlives the release that wrote it, and the next reads it (UnreadableSessionAttributes).
     */
    static final String ATTRIBUTE = KeptForms.class.getName();

    /** Never kept: Spring Security's token of the session that is gone. */
    private static final String CSRF_PARAMETER = "_csrf";

    /** More typed characters than the longest visit form holds (20 problems of three texts of 4,000). */
    static final int MOST_CHARACTERS = 256 * 1024;

    /** How long a kept form waits for the sign-in that brings it back. */
    static final Duration KEPT_FOR = Duration.ofMinutes(30);

    /** How many forms one client address may have kept within {@link #KEPT_FOR}. */
    static final int MOST_PER_ADDRESS = 100;

    /** The addresses tracked at once (this node's memory): past it, some start counting afresh. */
    private static final int ADDRESSES_TRACKED = 10_000;

    /** Forms kept for an address since {@code since}. */
    private record KeptSince(Instant since, int count) {}

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
            MultiValueMap<String, String> inputs, Instant keptAt) {}

    /** The names of a kept form's parts in the session's map ({@link #stored}). */
    private static final String ACTION = "action", VARIABLES = "variables", PAGE = "page", INPUTS = "inputs",
            KEPT_AT = "keptAt";

    private final List<Match> homes;
    private final Clock clock;
    private final Cache<String, KeptSince> byAddress = Caffeine.newBuilder().maximumSize(ADDRESSES_TRACKED).build();

    KeptForms(ObjectProvider<Home> homes, Clock clock) {
        this.clock = clock;
        this.homes = homes.orderedStream()
                .map(home -> new Match(PathPatternParser.defaultInstance.parse(home.action()), home.page())).toList();
    }

    /**
     * Keeps the form of this timed-out post in a new session, when a {@link Home} declares its path.
     *
     * @return the page to go back to after signing in, or null when this is not a kept form
     */
    String keep(HttpServletRequest request) {
        String path = pathOf(request);
        PathContainer posted = PathContainer.parsePath(path);
        for (Match home : homes) {
            PathPattern.PathMatchInfo found = home.action().matchAndExtract(posted);
            if (found != null) {
                MultiValueMap<String, String> inputs = new LinkedMultiValueMap<>();
                long characters = 0;
                for (Map.Entry<String, String[]> input : request.getParameterMap().entrySet()) {
                    if (!CSRF_PARAMETER.equals(input.getKey())) {
                        inputs.put(input.getKey(), List.of(input.getValue()));
                        for (String value : input.getValue()) {
                            characters += input.getKey().length() + value.length();
                        }
                    }
                }
                if (characters > MOST_CHARACTERS || !countedIn(request.getRemoteAddr())) {
                    return null;
                }
                Map<String, String> variables = new LinkedHashMap<>(found.getUriVariables());
                String page = UriComponentsBuilder.fromPath(home.page()).buildAndExpand(variables).encode()
                        .toUriString();
                request.getSession(true).setAttribute(ATTRIBUTE, stored(new Kept(path, variables, page, inputs,
                        clock.instant())));
                return page;
            }
        }
        return null;
    }

    /** Counts a form kept for this address: false past {@link #MOST_PER_ADDRESS} within {@link #KEPT_FOR}. */
    private boolean countedIn(String address) {
        Instant now = clock.instant();
        KeptSince counted = byAddress.asMap().compute(String.valueOf(address), (key, before) ->
                before == null || !before.since().plus(KEPT_FOR).isAfter(now) ? new KeptSince(now, 1)
                        : new KeptSince(before.since(), before.count() + 1));
        return counted.count() <= MOST_PER_ADDRESS;
    }

    /** Whether a kept form waits in this session (the sign-in page says that it will come back). */
    static boolean waiting(HttpSession session) {
        return session != null && read(session.getAttribute(ATTRIBUTE)).isPresent();
    }

    /** Drops a kept form from this session, if one waits there (its page is not for who signed in). */
    static void drop(HttpSession session) {
        if (session != null) {
            session.removeAttribute(ATTRIBUTE);
        }
    }

    /**
     * The form kept for the page this request asks for, taken out of the session: it comes back once, and
     * only within {@link #KEPT_FOR} of its post.
     */
    public Optional<Kept> take(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Kept kept = session == null ? null : read(session.getAttribute(ATTRIBUTE)).orElse(null);
        if (kept == null) {
            return Optional.empty();
        }
        if (kept.keptAt().plus(KEPT_FOR).isBefore(clock.instant())) {
            session.removeAttribute(ATTRIBUTE);
            return Optional.empty();
        }
        if (!kept.page().equals(pathOf(request))) {
            return Optional.empty();
        }
        session.removeAttribute(ATTRIBUTE);
        return Optional.of(kept);
    }

    /**
     * A kept form as the session holds it: a map of strings, lists and a number, the JDK's own serializable types,
     * which any release reads back (a record of ours would be unreadable once renamed or changed).
     */
    private static Map<String, Object> stored(Kept kept) {
        LinkedHashMap<String, ArrayList<String>> inputs = new LinkedHashMap<>();
        kept.inputs().forEach((name, values) -> inputs.put(name, new ArrayList<>(values)));
        LinkedHashMap<String, Object> stored = new LinkedHashMap<>();
        stored.put(ACTION, kept.action());
        stored.put(VARIABLES, new LinkedHashMap<>(kept.variables()));
        stored.put(PAGE, kept.page());
        stored.put(INPUTS, inputs);
        stored.put(KEPT_AT, kept.keptAt().toEpochMilli());
        return stored;
    }

    /** The kept form of a session's attribute; none when it is not one {@link #stored} wrote. */
    private static Optional<Kept> read(Object attribute) {
        if (!(attribute instanceof Map<?, ?> stored) || !(stored.get(ACTION) instanceof String action)
                || !(stored.get(PAGE) instanceof String page) || !(stored.get(KEPT_AT) instanceof Long keptAt)
                || !(stored.get(VARIABLES) instanceof Map<?, ?> variables)
                || !(stored.get(INPUTS) instanceof Map<?, ?> inputs)) {
            return Optional.empty();
        }
        Map<String, String> read = new LinkedHashMap<>();
        variables.forEach((name, value) -> read.put(String.valueOf(name), String.valueOf(value)));
        MultiValueMap<String, String> typed = new LinkedMultiValueMap<>();
        inputs.forEach((name, values) -> {
            if (values instanceof List<?> list) {
                typed.put(String.valueOf(name), list.stream().map(String::valueOf).toList());
            }
        });
        return Optional.of(new Kept(action, read, page, typed, Instant.ofEpochMilli(keptAt)));
    }

    /** The request's path within the application, as raw as a page's address is kept. */
    private static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private record Match(PathPattern action, String page) {}
}
