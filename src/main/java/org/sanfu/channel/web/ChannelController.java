package org.sanfu.channel.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.sanfu.channel.ChannelAdministration;
import org.sanfu.channel.ChannelView;
import org.sanfu.channel.CreatedChannel;
import org.sanfu.channel.NewChannel;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.web.ActionBody;
import org.sanfu.web.ApiAccess;
import org.sanfu.web.JsonBodies;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * ADMIN's channels: create (key and secret shown once) and list (SecurityConfig), a new key and revoke (here,
 * after the channel is found).
 */
@RestController
@RequestMapping("/api/channels")
@Tag(name = "Channels", description = "渠道: machines that file problems (12345 hotline, 浙里办, 好差评)")
class ChannelController {

    private final ChannelAdministration channels;
    private final JsonBodies bodies;

    ChannelController(ChannelAdministration channels, JsonBodies bodies) {
        this.channels = channels;
        this.bodies = bodies;
    }

    @Operation(summary = "Create a channel and its key", description = "`key` (header X-Channel-Key of /api/intake) "
            + "and `secret` (verifies the callbacks' X-Sanfu-Signature) are shown this once: the key is stored as its "
            + "SHA-256 digest, the secret encrypted (sanfu.channels.secret-key). An existing code, revoked or not, is 409.")
    @ApiAccess(value = "ADMIN", errors = {400, 403, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = NewChannel.class)))
    @ApiResponse(responseCode = "201", description = "The channel with its key and secret, shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = CreatedChannel.class)))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedChannel> create(@RequestBody JsonNode body) {
        CreatedChannel created = channels.create(bodies.read(body, NewChannel.class));
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @Operation(summary = "List channels", description = "Without keys or secrets; with each one's callbacks waiting "
            + "and given up. Paged.")
    @ApiAccess(value = "ADMIN", errors = {400, 403})
    @GetMapping
    PageResult<ChannelView> list(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return PageResult.of(channels.list(), PageParams.of(page, size));
    }

    @Operation(summary = "Give a channel a new key and secret", description = "Addition: shown this once; the old key "
            + "is refused (401) from this moment on, and a revoked channel is live again with the new key. Callbacks not yet "
            + "sent are signed with the new secret.")
    @ApiAccess(value = "ADMIN", errors = {400, 403, 404})
    @ApiResponse(responseCode = "201", description = "The channel with its new key and secret, shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = CreatedChannel.class)))
    @PostMapping("/{code}/key")
    ResponseEntity<CreatedChannel> renewKey(@PathVariable String code, Caller caller, ActionBody body) {
        knownThenAdmin(code, caller);
        body.requireReadable();
        return ResponseEntity.status(HttpStatus.CREATED).body(channels.renewKey(code));
    }

    @Operation(summary = "Revoke a channel's key", description = "The key is refused (401) from this moment on; the "
            + "channel and its tickets stay, and no callbacks are sent to it any more. 204 also when it was revoked.")
    @ApiAccess(value = "ADMIN", errors = {400, 403, 404})
    @DeleteMapping("/{code}")
    ResponseEntity<Void> revoke(@PathVariable String code, Caller caller, ActionBody body) {
        knownThenAdmin(code, caller);
        body.requireReadable();
        channels.revoke(code);
        return ResponseEntity.noContent().build();
    }

    /**
     * API.md's order for a channel named in the path: an unknown code is 404 for every person, then any role but
     * ADMIN is 403 (SecurityConfig lets every person this far, so that the 404 comes first), then the body's 400.
     */
    private void knownThenAdmin(String code, Caller caller) {
        channels.requireKnown(code);
        caller.require(Role.ADMIN);
    }
}
