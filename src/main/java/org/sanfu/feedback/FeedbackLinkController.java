package org.sanfu.feedback;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.ticket.TicketQueries;
import org.sanfu.web.ActionBody;
import org.sanfu.web.ApiAccess;
import org.sanfu.web.Created;
import org.sanfu.web.InvalidInput;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/tickets/{id}/feedback-link} (API.md): a one-time feedback link for a replied ticket. */
@RestController
@RequestMapping("/api/tickets")
@Tag(name = "Tickets")
class FeedbackLinkController {

    /** The optional body: {@code {"send": true}} also hands the link to the configured senders. */
    record IssueRequest(@Schema(description = "also send the link by the configured chat robot or SMS gateway; "
            + "default false") Boolean send) {}

    /** API.md's answer, exactly: the link's path and when it stops working. */
    record IssuedLink(@Schema(example = "/f/3q2-7wEXAMPLEtokenOf43Base64UrlCharactersxx") String url,
            Instant expiresAt) {}

    private final FeedbackLinkService links;
    private final TicketQueries tickets;

    FeedbackLinkController(FeedbackLinkService links, TicketQueries tickets) {
        this.links = links;
        this.tickets = tickets;
    }

    @Operation(summary = "feedback-link", description = "A one-time link (`/f/<token>`) the enterprise opens without "
            + "an account to rate the reply; the ticket must be REPLIED. A new link voids the earlier one; the link "
            + "expires with the feedback window (`expiresAt`). With `{\"send\": true}` it is also sent through the "
            + "configured senders after commit; a failed send does not fail this request.")
    @ApiAccess(value = {"STAFF", "DISPATCH"}, errors = {400, 403, 404, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
            content = @Content(schema = @Schema(implementation = IssueRequest.class)))
    @ApiResponse(responseCode = "201", description = "The link",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/f/<token>, the link itself (`url`)",
                    schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = IssuedLink.class)))
    @PostMapping("/{id}/feedback-link")
    ResponseEntity<IssuedLink> issue(@PathVariable String id, Caller caller, ActionBody body,
            HttpServletRequest http) {
        IssueRequest request;
        try {
            request = body.as(IssueRequest.class);
        } catch (InvalidInput e) {
            // API.md's order: 404 and 403 before the body's 400
            tickets.get(id, caller);
            caller.require(Role.STAFF, Role.DISPATCH);
            throw e;
        }
        FeedbackLinkService.Issued issued = links.issue(id, caller, Boolean.TRUE.equals(request.send()));
        // the link is the resource created; GET of it is the enterprise's page
        return ResponseEntity.created(Created.at(http, issued.path()))
                .body(new IssuedLink(issued.path(), issued.expiresAt()));
    }
}
