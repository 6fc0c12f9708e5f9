package org.sanfu.channel;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.sanfu.web.ApiAnswers;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocAnnotationsUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The channel callback in the OpenAPI document: here, beside the body it describes, where web.ApiDocs naming
 * {@link CallbackBody} made web depend on channel, which depends on web (ModularityTests).
 */
@Configuration(proxyBeanMethods = false)
class CallbackDocs {

    /** A header of the callback (API.md "Channels", Callbacks) and whether every callback carries it. */
    private record CallbackHeader(String name, boolean always, String description) {}

    private static final List<CallbackHeader> CALLBACK_HEADERS = List.of(
            new CallbackHeader(CallbackSender.SIGNATURE, true,
                    "sha256=<lower-case hex HMAC-SHA256 of the body's exact bytes with the channel's secret>"),
            new CallbackHeader(CallbackSender.DELIVERY, true,
                    "The callback's id, the same on every attempt: deliveries are at least once, drop a repeated id"),
            new CallbackHeader(CallbackSender.TIMESTAMP, true,
                    "The attempt's time, epoch seconds: refuse one more than 5 minutes off"),
            new CallbackHeader(CallbackSender.TIMESTAMPED_SIGNATURE, true, "sha256=<hex HMAC-SHA256 of "
                    + "\"<X-Sanfu-Timestamp>.<body>\">: a replayed callback's old timestamp no longer passes"),
            new CallbackHeader(CallbackSender.PREVIOUS_SIGNATURE, false, "During sanfu.channels.previous-key-grace after a "
                    + "key renewal: X-Sanfu-Signature made with the secret it replaced"),
            new CallbackHeader(CallbackSender.TIMESTAMPED_PREVIOUS_SIGNATURE, false,
                    "During the grace: X-Sanfu-Signature-Timestamped made with the secret the renewal replaced"));

    /**
     * OpenAPI 3.1's {@code webhooks}: what the service posts to a channel's callbackUrl, so that a client generated from
     * the document knows the body and the headers to check. An answer's schema as the service writes it (nulls and
     * primitives as web.ApiDocs says an answer's), made here whichever of the customizers runs first.
     */
    @Bean
    @SuppressWarnings({"rawtypes", "unchecked"})
    OpenApiCustomizer channelCallbackWebhook() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            Schema body = SpringDocAnnotationsUtils.extractSchema(openApi.getComponents(), CallbackBody.class, null, null,
                    openApi.getSpecVersion());
            String name = body.get$ref().substring(body.get$ref().lastIndexOf('/') + 1);
            ApiAnswers.nullsAsAnswered(openApi.getComponents().getSchemas().get(name));
            Operation post = new Operation().operationId("channelCallback")
                    .summary("A status change of a channel's ticket, posted to the channel's callbackUrl")
                    .description("Sent after the change commits, in the order of each ticket's changes, retried with "
                            + "backoff (sanfu.channels.backoff) until a 2xx answer (API.md \"Channels\", Callbacks). "
                            + "Check X-Sanfu-Signature-Timestamped and X-Sanfu-Timestamp (not more than 5 minutes off), "
                            + "or at least X-Sanfu-Signature.")
                    .security(List.of())
                    .requestBody(new RequestBody().required(true).content(new Content().addMediaType(
                            org.springframework.http.MediaType.APPLICATION_JSON_VALUE, new MediaType().schema(body))))
                    .responses(new ApiResponses()
                            .addApiResponse("2XX", new ApiResponse().description("Delivered"))
                            .addApiResponse("default", new ApiResponse()
                                    .description("Not delivered: tried again after the next step of the backoff")));
            CALLBACK_HEADERS.forEach(header -> post.addParametersItem(new Parameter().in("header").name(header.name())
                    .required(header.always()).description(header.description()).schema(new StringSchema())));
            openApi.addWebhooks("channelCallback", new PathItem().post(post));
        };
    }
}
