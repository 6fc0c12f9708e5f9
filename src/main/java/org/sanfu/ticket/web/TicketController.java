package org.sanfu.ticket.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.sanfu.catalog.Catalog;
import org.sanfu.security.Caller;
import org.sanfu.ticket.TicketActions;
import org.sanfu.ticket.TicketEvent;
import org.sanfu.ticket.TicketFilter;
import org.sanfu.ticket.TicketQueries;
import org.sanfu.ticket.TicketStatus;
import org.sanfu.ticket.TicketView;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.JsonBodies;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.sanfu.web.QueryParams;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tickets (事项交办单). Reading: anyone signed in; a department sees only the tickets it leads or
 * co-handles. Actions: whoever the action belongs to (TicketPolicy); everyone else gets 403.
 */
@RestController
@RequestMapping("/api/tickets")
class TicketController {

    private final TicketQueries queries;
    private final TicketActions actions;
    private final QueryParams params;
    private final Catalog catalog;
    private final JsonBodies bodies;

    TicketController(TicketQueries queries, TicketActions actions, QueryParams params, Catalog catalog,
            JsonBodies bodies) {
        this.queries = queries;
        this.actions = actions;
        this.params = params;
        this.catalog = catalog;
        this.bodies = bodies;
    }

    @GetMapping
    PageResult<TicketView> list(Caller caller,
            @RequestParam(required = false) String status, @RequestParam(required = false) String department,
            @RequestParam(required = false) String category, @RequestParam(required = false) String town,
            @RequestParam(required = false) String enterprise, @RequestParam(required = false) String overdue,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        TicketStatus statusValue = params.enumValue(errors, "status", status, TicketStatus.class);
        if (params.text(department) != null && !catalog.isDepartment(department.strip())) {
            errors.add("department", "must be one of " + catalog.departmentCodes());
        }
        if (params.text(category) != null && !catalog.isCategory(category.strip())) {
            errors.add("category", "must be one of " + catalog.categoryCodes());
        }
        Boolean overdueValue = params.bool(errors, "overdue", overdue);
        java.time.Instant fromValue = params.startOf(errors, "from", from);
        java.time.Instant toValue = params.endOf(errors, "to", to);
        PageParams pageParams = null;
        try {
            pageParams = PageParams.of(page, size);
        } catch (InvalidInput e) {
            e.errors().forEach(f -> errors.add(f.field(), f.message()));
        }
        errors.throwIfAny();
        TicketFilter filter = new TicketFilter(statusValue, params.text(department), params.text(category),
                params.text(town), params.text(enterprise) == null ? null : enterprise.strip().toUpperCase(),
                overdueValue, fromValue, toValue, params.text(q));
        return queries.list(filter, caller, pageParams);
    }

    @GetMapping("/{id}")
    TicketView get(@PathVariable String id, Caller caller) {
        return queries.get(id, caller);
    }

    @GetMapping("/{id}/history")
    List<TicketEvent> history(@PathVariable String id, Caller caller) {
        return queries.history(id, caller);
    }

    /** DISPATCH. */
    @PostMapping("/{id}/assign")
    TicketView assign(@PathVariable String id, Caller caller, @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType)
            throws HttpMediaTypeNotSupportedException {
        return actions.assign(id, caller, body(body, contentType));
    }

    /** The lead department. */
    @PostMapping("/{id}/sign")
    TicketView sign(@PathVariable String id, Caller caller, @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType)
            throws HttpMediaTypeNotSupportedException {
        return actions.sign(id, caller, body(body, contentType));
    }

    /** The lead department. */
    @PostMapping("/{id}/return")
    TicketView returnTicket(@PathVariable String id, Caller caller, @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType)
            throws HttpMediaTypeNotSupportedException {
        return actions.returnTicket(id, caller, body(body, contentType));
    }

    /** The lead department. */
    @PostMapping("/{id}/reply")
    TicketView reply(@PathVariable String id, Caller caller, @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType)
            throws HttpMediaTypeNotSupportedException {
        return actions.reply(id, caller, body(body, contentType));
    }

    /** Any STAFF. */
    @PostMapping("/{id}/feedback")
    TicketView feedback(@PathVariable String id, Caller caller, @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType)
            throws HttpMediaTypeNotSupportedException {
        return actions.feedback(id, caller, body(body, contentType));
    }

    /**
     * An action's body is taken raw and parsed here but judged by the action, after it checked 404
     * and 403 (API.md's order of concern); a body that is not JSON by its media type is still 415.
     */
    private JsonNode body(byte[] raw, String contentType) throws HttpMediaTypeNotSupportedException {
        if (raw == null || raw.length == 0) {
            return null;
        }
        MediaType type;
        try {
            type = contentType == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw new HttpMediaTypeNotSupportedException(e.getMessage());
        }
        boolean json = MediaType.APPLICATION_JSON.isCompatibleWith(type) || "json".equals(type.getSubtypeSuffix());
        if (!json) {
            throw new HttpMediaTypeNotSupportedException(type, List.of(MediaType.APPLICATION_JSON), HttpMethod.POST);
        }
        return bodies.parse(raw);
    }
}
