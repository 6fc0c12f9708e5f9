package org.sanfu.security;

import java.time.Duration;
import org.springframework.boot.autoconfigure.session.SessionProperties;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.stereotype.Component;

/**
 * The idle time after which a page's session ends, as the top bar gives it to the page's script
 * (js/session.js): Spring Session's own rule, spring.session.timeout or else server.servlet.session.timeout.
 */
@Component("sessionIdle")
public class SessionIdle {

    private final Duration timeout;

    SessionIdle(SessionProperties session, ServerProperties server) {
        this.timeout = session.determineTimeout(() -> server.getServlet().getSession().getTimeout());
    }

    public long seconds() {
        return timeout.toSeconds();
    }
}
