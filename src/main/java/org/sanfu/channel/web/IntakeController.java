package org.sanfu.channel.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.sanfu.channel.ChannelIntake;
import org.sanfu.channel.ChannelTicket;
import org.sanfu.channel.IntakeRequest;
import org.sanfu.channel.IntakeStatus;
import org.sanfu.security.MachineClient;
import org.sanfu.ticket.ActionRequests;
import org.sanfu.web.ActionBody;
import org.sanfu.web.ApiAccess;
import org.sanfu.web.Created;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.JsonBodies;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a channel does with its key (header X-Channel-Key; SecurityConfig lets only a channel in): file a
 * problem, once per external id, read where it stands, and pass on its caller's rating of the reply.
 */
@RestController
@RequestMapping("/api/intake")
@Tag(name = "Intake", description = "来件: a channel files a problem by machine")
class IntakeController {

    private final ChannelIntake intake;
    private final JsonBodies bodies;

    IntakeController(ChannelIntake intake, JsonBodies bodies) {
        this.intake = intake;
        this.bodies = bodies;
    }

    @Operation(summary = "File a problem", description = "Sign in with header X-Channel-Key (no person may call). "
            + "Routed as a visit's problem; without `category`, or with one the catalog lacks, the ticket is OTHER and "
            + "goes to DISPATCHING. The same `externalId` of the same channel again answers 200 with the same ticket, "
            + "as it is now. Either answer is the channel's view of the ticket: without the departments' own texts "
            + "(co-departments' opinions, extension requests) or staff user names. A wrong or revoked key is 401 "
            + "saying so, no key at all 401 naming the header (WWW-Authenticate: X-Channel-Key either way).")
    @ApiAccess(value = MachineClient.ROLE, scope = "a channel, by its key in header X-Channel-Key", errors = {400, 403})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = IntakeRequest.class)))
    @ApiResponse(responseCode = "201", description = "The ticket (source: the channel's code); 200 when the external "
            + "id was filed before", headers = @Header(name = HttpHeaders.LOCATION,
                    description = "/api/intake/{externalId}, where the channel reads where it stands",
                    schema = @Schema(type = "string")), content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ChannelTicket.class)))
    @ApiResponse(responseCode = "200", description = "The ticket this channel filed before under the same externalId, "
            + "as it is now; nothing filed; no Location", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ChannelTicket.class)))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ChannelTicket> file(@RequestBody JsonNode body, MachineClient client,
            HttpServletRequest request) {
        // read as far as it goes, so that a value it could not take is named in one answer with the intake's own checks
        JsonBodies.Read<IntakeRequest> read = bodies.readAsFarAsItGoes(body, IntakeRequest.class);
        ChannelIntake.Filed filed = intake.file(client.channel(), read.value(), read.faults());
        if (!filed.created()) {
            // nothing created: a 200 has no Location, as an attachment sent again has none
            return ResponseEntity.ok(filed.ticket());
        }
        // the channel's own address of it: a channel cannot read /api/tickets
        return ResponseEntity.created(Created.below(request, filed.externalId())).body(filed.ticket());
    }

    @Operation(summary = "Where a filed problem stands", description = "Only the channel that filed it: another "
            + "channel's external id is 404. Its status, the reply and its rating, and (addition) who leads it and by "
            + "when, as the intake's answer names them: leadDepartment and leadDepartmentLabel, replyDeadline, "
            + "feedbackDue, outcome, closedAt and reopenCount; never the departments' own texts or staff user names.")
    @ApiAccess(value = MachineClient.ROLE, scope = "the channel that filed it", errors = {403, 404})
    @GetMapping("/{externalId}")
    IntakeStatus status(@PathVariable String externalId, MachineClient client) {
        return intake.status(client.channel(), externalId);
    }

    @Operation(summary = "The caller's rating of the reply (回访)", description = "The channel that filed the problem "
            + "passes on what its caller said of the reply, as a 12345 centre calls its callers back: recorded as the "
            + "feedback action is (SATISFIED and BASICALLY_SATISFIED close the ticket, DISSATISFIED reopens it), by "
            + "`channel:<code>`. Another channel's external id is 404; a faulty body 400 naming the field; a ticket "
            + "that does not wait for feedback (not REPLIED, rated already, its feedback window passed) 409.")
    @ApiAccess(value = MachineClient.ROLE, scope = "the channel that filed it", errors = {400, 403, 404, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = ActionRequests.Feedback.class)))
    @PostMapping("/{externalId}/feedback")
    ChannelTicket feedback(@PathVariable String externalId, ActionBody body, MachineClient client) {
        ActionRequests.Feedback command;
        try {
            // read only now, so that a body at fault, unreadable or empty ones too, is judged after the id's 404
            command = body.as(ActionRequests.Feedback.class);
        } catch (InvalidInput e) {
            intake.checkFiled(client.channel(), externalId); // API.md's order: an unknown id is 404 before a 400
            throw e;
        }
        return intake.feedback(client.channel(), externalId, command);
    }
}
