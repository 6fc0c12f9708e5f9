package org.sanfu.ticket.web;

import java.time.Instant;
import java.util.stream.Stream;
import org.sanfu.Message;
import org.sanfu.catalog.Catalog;
import org.sanfu.ticket.TicketFilter;
import org.sanfu.ticket.TicketStatus;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.PageParams;
import org.sanfu.web.QueryParams;
import org.springframework.stereotype.Component;

/**
 * The query parameters of the ticket list (API.md "Tickets": {@code status}, {@code department},
 * {@code category}, {@code town}, {@code enterprise}, {@code overdue}, {@code from}, {@code to},
 * {@code q}, {@code page}, {@code size}, and the additions {@code leadDepartment}, {@code open} and {@code reporter}) as a
 * filter and a page, read once for the API and the page: every malformed one is named in one {@link InvalidInput}.
 */
@Component
class TicketListParams {

    /** The parameters as they came, text only; null or blank means "any". */
    record Raw(String status, String department, String category, String town, String enterprise,
            String overdue, String from, String to, String q, String leadDepartment, String open, String reporter) {

        /** Whether any filter but the search words is set (the page then shows its filters open). */
        public boolean narrowed() {
            return Stream.of(status, department, category, town, enterprise, overdue, from, to, leadDepartment, open,
                    reporter)
                    .anyMatch(v -> v != null && !v.isBlank());
        }
    }

    record Parsed(TicketFilter filter, PageParams page) {}

    /** A username is at most this long (the account table's column): a longer one is nobody's. */
    static final int USERNAME_MAX = 64;

    private final QueryParams params;
    private final Catalog catalog;

    TicketListParams(QueryParams params, Catalog catalog) {
        this.params = params;
        this.catalog = catalog;
    }

    /** The filter and the page, or 400 naming every parameter at fault. */
    Parsed parse(Raw raw, Integer page, Integer size) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        TicketStatus status = params.enumValue(errors, "status", raw.status(), TicketStatus.class);
        String department = params.text(raw.department());
        if (department != null && !catalog.isDepartment(department)) {
            errors.add("department", Message.of("sanfu.validation.one-of", "values", catalog.departmentCodes()));
        }
        String leadDepartment = params.text(raw.leadDepartment());
        if (leadDepartment != null && !catalog.isDepartment(leadDepartment)) {
            errors.add("leadDepartment", Message.of("sanfu.validation.one-of", "values", catalog.departmentCodes()));
        }
        String category = params.text(raw.category());
        if (category != null && !catalog.isCategory(category)) {
            errors.add("category", Message.of("sanfu.validation.one-of", "values", catalog.categoryCodes()));
        }
        // a username as free text: an unknown one simply matches nothing, but what no username can be (over the
        // column's width, a lone surrogate; a control character the firewall refuses first) is a mistake to name
        String reporter = params.text(raw.reporter());
        errors.optionalText("reporter", reporter, USERNAME_MAX);
        Boolean overdue = params.bool(errors, "overdue", raw.overdue());
        Boolean open = params.bool(errors, "open", raw.open());
        Instant from = params.startOf(errors, "from", raw.from());
        Instant to = params.endOf(errors, "to", raw.to());
        params.inOrder(errors, from, to);
        PageParams pageParams = null;
        try {
            pageParams = PageParams.of(page, size);
        } catch (InvalidInput e) {
            errors.addAll(e);
        }
        errors.throwIfAny();
        String enterprise = params.text(raw.enterprise());
        TicketFilter filter = new TicketFilter(status, department, category, params.text(raw.town()),
                enterprise == null ? null : enterprise.toUpperCase(), overdue, from, to, params.text(raw.q()),
                leadDepartment, open, reporter);
        return new Parsed(filter, pageParams);
    }
}
