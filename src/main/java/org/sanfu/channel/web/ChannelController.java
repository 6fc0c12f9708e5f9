package org.sanfu.channel.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.sanfu.Message;
import org.sanfu.channel.ChannelAdministration;
import org.sanfu.channel.ChannelView;
import org.sanfu.channel.CreatedChannel;
import org.sanfu.channel.NewChannel;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.web.ActionBody;
import org.sanfu.web.ApiAccess;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.JsonBodies;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * ADMIN's channels: create (key and secret shown once) and list (SecurityConfig), change the callback URL, a new
 * key, end the previous key and revoke (here, after the channel is found).
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
            + "still files for `sanfu.channels.previous-key-grace` (24 h; 0: refused at once), and meanwhile callbacks "
            + "carry `X-Sanfu-Signature-Previous` made with the old secret beside `X-Sanfu-Signature` made with the new "
            + "one; a revoked channel is live again with the new key only.")
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

    @Operation(summary = "Change a channel's callback URL", description = "Addition: `{\"callbackUrl\"}`, checked as "
            + "creation checks it (400 naming it); null or blank: no more callbacks. Callbacks not yet delivered go to "
            + "the new URL from their next attempt (without one they are given up). The answer is the channel as listed.")
    @ApiAccess(value = "ADMIN", errors = {400, 403, 404})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = CallbackUrlChange.class)))
    @PatchMapping(path = "/{code}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ChannelView changeCallbackUrl(@PathVariable String code, Caller caller, ActionBody body) {
        knownThenAdmin(code, caller);
        CallbackUrlChange change = body.exactly(CallbackUrlChange.class);
        if (!body.has("callbackUrl")) {
            // {} would otherwise take the URL away unasked
            new InvalidInput.Collector().add("callbackUrl", Message.of("sanfu.channel.callback-url-absent"))
                    .throwIfAny();
        }
        return channels.changeCallbackUrl(code, change.callbackUrl());
    }

    /** {@code PATCH /api/channels/{code}}: the callback URL from now on. */
    record CallbackUrlChange(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true, maxLength = 2000,
                    description = "http(s) URL to post every status change of the channel's tickets to; null or "
                            + "blank: no callbacks")
            String callbackUrl) {
    }

    @Operation(summary = "End a channel's previous key now", description = "Addition: the key and secret that the "
            + "last `POST /api/channels/{code}/key` replaced, which hold for `sanfu.channels.previous-key-grace` after "
            + "it, stop now: the old key is 401, callbacks carry no `X-Sanfu-Signature-Previous`. 204 also when there "
            + "is none.")
    @ApiAccess(value = "ADMIN", errors = {400, 403, 404})
    @DeleteMapping("/{code}/previous-key")
    ResponseEntity<Void> revokePreviousKey(@PathVariable String code, Caller caller, ActionBody body) {
        knownThenAdmin(code, caller);
        body.requireReadable();
        channels.revokePreviousKey(code);
        return ResponseEntity.noContent().build();
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
