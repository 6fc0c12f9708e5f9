package org.sanfu.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.sanfu.Fresh;
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

    private final Fresh<Map<String, String>> names;

    People(Accounts accounts, Clock clock) {
        this.names = new Fresh<>(() -> Map.copyOf(accounts.displayNames()), FRESH_FOR, clock);
    }

    /** 王晓明（staff1）, or staff1 without a name; null and blank stay as they are. */
    public String label(String username) {
        if (username == null || username.isBlank()) {
            return username;
        }
        String name = names.get().get(username);
        return name == null ? username : name + "（" + username + "）";
    }

    /**
     * The person's name alone (王晓明), for a page read outside the service (the enterprise's feedback
     * page), where an account's name means nothing; null for an account without one.
     */
    public String name(String username) {
        return username == null ? null : names.get().get(username);
    }

    /** Read again at the next question: a name was just changed. */
    void forget() {
        names.forget();
    }
}
