package org.sanfu.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.sanfu.Fresh;
import org.springframework.stereotype.Component;

/**
 * People as the pages name them: 王晓明（staff1）, the person's name (姓名, set on /admin) with the account
 * it acts as, or the user name alone for an account without one; and the telephone the enterprise's page
 * gives for the person who sent it a link (also set on /admin). The names are read at most every
 * {@link #FRESH_FOR} (a page names many people; another node's change shows within that), and at once after
 * a change on this node.
 */
@Component("people")
public class People {

    static final Duration FRESH_FOR = Duration.ofSeconds(30);

    private final Fresh<Map<String, Accounts.Person>> people;

    People(Accounts accounts, Clock clock) {
        this.people = new Fresh<>(() -> Map.copyOf(accounts.people()), FRESH_FOR, clock);
    }

    /** 王晓明（staff1）, or staff1 without a name; null and blank stay as they are. */
    public String label(String username) {
        if (username == null || username.isBlank()) {
            return username;
        }
        String name = name(username);
        return name == null ? username : name + "（" + username + "）";
    }

    /**
     * The person's name alone (王晓明), for a page read outside the service (the enterprise's feedback
     * page), where an account's name means nothing; null for an account without one.
     */
    public String name(String username) {
        Accounts.Person person = username == null ? null : people.get().get(username);
        return person == null ? null : person.name();
    }

    /** The person's work telephone (0576-88881234), for the enterprise to call; null for an account without one. */
    public String phone(String username) {
        Accounts.Person person = username == null ? null : people.get().get(username);
        return person == null ? null : person.phone();
    }

    /**
     * The person's telephone as a link dials it (tel:0576-88881234,8001): without spaces, an extension after
     * a pause (the 转 people write); null without one.
     */
    public String dialling(String username) {
        return PersonDetails.dialling(phone(username));
    }

    /**
     * Whom the enterprise turns to on the pages of a feedback link: the person who sent it, by name alone, and
     * the telephone with the link that dials it; each null where the account has none.
     */
    public record Contact(String name, String phone, String dialling) {}

    public Contact contact(String username) {
        return new Contact(name(username), phone(username), dialling(username));
    }

    /** Read again at the next question: a name or a telephone was just changed. */
    void forget() {
        people.forget();
    }
}
