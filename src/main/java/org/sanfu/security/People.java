package org.sanfu.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * People as the pages name them: 王晓明（staff1）, the person's name (姓名, set on /admin) with the account
 * it acts as, or the user name alone for an account without one. The names are read at most every
 * {@link #FRESH_FOR} (a page names many people; another node's change shows within that), and at once after
 * a change on this node.
 */
@Component("people")
public class People {

    static final Duration FRESH_FOR = Duration.ofSeconds(30);

    private record Names(Map<String, String> byUsername, Instant readAt) {}

    private final Accounts accounts;
    private final Clock clock;
    private volatile Names names;

    People(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /** 王晓明（staff1）, or staff1 without a name; null and blank stay as they are. */
    public String label(String username) {
        if (username == null || username.isBlank()) {
            return username;
        }
        String name = names().get(username);
        return name == null ? username : name + "（" + username + "）";
    }

    /** The person's name, or null. */
    public String nameOf(String username) {
        return username == null ? null : names().get(username);
    }

    /** Read again at the next question: a name was just changed. */
    void forget() {
        names = null;
    }

    private Map<String, String> names() {
        Names known = names;
        Instant now = clock.instant();
        if (known == null || known.readAt().plus(FRESH_FOR).isBefore(now) || now.isBefore(known.readAt())) {
            known = new Names(Map.copyOf(accounts.displayNames()), now);
            names = known;
        }
        return known.byUsername();
    }
}
