package org.sanfu.admin;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.sanfu.Message;
import org.sanfu.Typed;
import org.sanfu.enterprise.EnterpriseService;
import org.sanfu.security.AccountAdministration;
import org.sanfu.security.AccountDirectory;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.ticket.TicketReporters;
import org.sanfu.web.InvalidInput;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 工作交接: an account's work handed to another service specialist when its person leaves or changes post, by an
 * administrator (the API's {@code POST /api/accounts/{username}/handover} and /admin's form). The enterprises it is
 * the 驻企服务专员 of and the open tickets it reported move in one transaction, each module changing its own rows.
 */
@Service
class HandingOverWork {

    static final String TO_REQUIRED = "sanfu.handover.to.required";
    static final String TO_UNKNOWN = "sanfu.handover.to.unknown";
    static final String TO_NOT_STAFF = "sanfu.handover.to.not-staff";
    static final String TO_DISABLED = "sanfu.handover.to.disabled";
    static final String TO_SELF = "sanfu.handover.to.self";

    /** What moved: the enterprises now looked after by {@code to}, and the open tickets it now follows. */
    record HandedOver(String from, String to, int enterprises, int tickets) {}

    /** What a handover of the account would move now: the enterprises it looks after, its open reported tickets. */
    record WorkLeft(long enterprises, long tickets) {

        boolean any() {
            return enterprises > 0 || tickets > 0;
        }
    }

    private final AccountAdministration administration;
    private final AccountDirectory accounts;
    private final EnterpriseService enterprises;
    private final TicketReporters tickets;

    HandingOverWork(AccountAdministration administration, AccountDirectory accounts, EnterpriseService enterprises,
            TicketReporters tickets) {
        this.administration = administration;
        this.accounts = accounts;
        this.enterprises = enterprises;
        this.tickets = tickets;
    }

    /**
     * The work of {@code from} (enabled or disabled, of any role: a specialist moved to another post may have
     * another role now) handed to {@code to}, an enabled STAFF account other than it; else 400 naming {@code to},
     * with nothing changed. Handing over again moves nothing.
     */
    @Transactional
    HandedOver handOver(Caller administrator, String from, String to) {
        administration.requireKnown(from);
        String target = checkedTarget(from, to);
        // its enterprises and those of its tickets locked first, in credit-code order: an import, which takes the
        // enterprises in that order too and changes their tickets while it holds them, then never holds a ticket
        // moved here nor waits on an enterprise in a circle with this (either would be a deadlock, a 409)
        int moved = enterprises.reassignSpecialist(from, target, tickets.enterprisesOfOpen(from));
        int followed = tickets.handOverOpen(from, target, administrator.username());
        return new HandedOver(from, target, moved, followed);
    }

    /** What {@link #handOver} would move from this account now. */
    WorkLeft workLeft(String username) {
        return new WorkLeft(enterprises.countLookedAfterBy(username), tickets.countOpen(username));
    }

    /**
     * What {@link #handOver} would move now from each of these accounts that has work (the others left out), one query
     * each for the enterprises and the tickets whatever the number of accounts: /admin draws those accounts' 交接工作
     * form, and says on a specialist's row how much it would move, before anyone disables it.
     */
    Map<String, WorkLeft> workAmong(Collection<String> usernames) {
        Map<String, Long> lookedAfter = enterprises.countLookedAfterAmong(usernames);
        Map<String, Long> open = tickets.countOpenAmong(usernames);
        Map<String, WorkLeft> work = new HashMap<>();
        for (String name : usernames) {
            WorkLeft left = new WorkLeft(lookedAfter.getOrDefault(name, 0L), open.getOrDefault(name, 0L));
            if (left.any()) {
                work.put(name, left);
            }
        }
        return work;
    }

    private String checkedTarget(String from, String to) {
        String name = to == null ? "" : Typed.folded(to);
        if (name.isEmpty()) {
            throw InvalidInput.of("to", Message.of(TO_REQUIRED));
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        // what no user name can be (too long, a control character) is looked up nowhere
        errors.optionalText("to", name, AccountDirectory.USERNAME_MAX);
        errors.throwIfAny();
        AccountDirectory.Person person = accounts.lock(name)
                .orElseThrow(() -> InvalidInput.of("to", Message.of(TO_UNKNOWN, "to", name)));
        if (person.username().equals(from)) {
            throw InvalidInput.of("to", Message.of(TO_SELF));
        }
        if (person.role() != Role.STAFF) {
            throw InvalidInput.of("to", Message.of(TO_NOT_STAFF, "to", name));
        }
        if (!person.enabled()) {
            throw InvalidInput.of("to", Message.of(TO_DISABLED, "to", name));
        }
        return person.username();
    }
}
