package org.sanfu.web;

import java.util.List;

/**
 * What is wrong with a request's query string in the parameters its handler takes ({@link StrictQueries}): a value
 * that is not well-formed (a {@code %} that starts no escape of two hex digits, escaped bytes that are not UTF-8), which
 * Tomcat would drop or turn into U+FFFD, or a parameter the handler takes one of given more than once, which Spring
 * would join with a comma. A handler is refused for them before it runs (400 naming each), unless it takes this as an
 * argument and answers them itself: the dashboard, the ticket list and 走访覆盖 name them as filters given wrong on
 * the page again, the list's export goes back to the list (303), the ticket's page ignores a way back ({@code back})
 * that is no such value, as it ignores one that names no page.
 *
 * @param faults each parameter at fault once, in the order of the query
 * @param query  the query string as sent, to send the request on with it as it was
 */
public record QueryFaults(List<InvalidInput.Fault> faults, String query) {

    static final QueryFaults NONE = new QueryFaults(List.of(), null);

    public QueryFaults {
        faults = List.copyOf(faults);
    }

    public boolean none() {
        return faults.isEmpty();
    }

    public boolean has(String parameter) {
        return faults.stream().anyMatch(f -> f.field().equals(parameter));
    }

    /**
     * The parameters given more than once, each well-formed: on a page, a choice (a select's) given twice was chosen
     * right, twice, and its box says so (只能填写一个值) rather than "choose one from the list".
     */
    public List<String> givenTwice() {
        return faults.stream().filter(f -> StrictQueries.ONCE.equals(f.reason())).map(InvalidInput.Fault::field)
                .toList();
    }

    /** The 400 naming every parameter at fault. */
    public InvalidInput refusal() {
        return new InvalidInput(faults);
    }
}
