package org.sanfu.security;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The idle time after which a page's session ends, as the top bar gives it to the page's script (js/session.js). */
@Component("sessionIdle")
public class SessionIdle {

    private final Duration timeout;

    SessionIdle(@Value("${server.servlet.session.timeout:30m}") Duration timeout) {
        this.timeout = timeout;
    }

    public long seconds() {
        return timeout.toSeconds();
    }
}
