/**
 * Channels (渠道): the 12345 hotline, 浙里办 online, 好差评 and the like, which file problems as machines
 * (issue 14). ADMIN creates a channel and its key and secret (shown once; the key stored as a SHA-256
 * digest, the secret encrypted for signing); the channel files a problem by its own external id, once
 * however often it sends it ({@code POST /api/intake}), through the same ticket intake and routing as a
 * visit's problem; it reads the status back, or receives every status change at its callback URL,
 * signed, from an outbox written in the ticket's own transaction and sent after commit with backoff; and it
 * passes on its caller's rating of the reply ({@code POST /api/intake/{externalId}/feedback}), as a 12345
 * centre calls its callers back.
 * The security module asks {@link org.sanfu.channel.ChannelKeyLookup} (its ChannelKeys) who holds a key.
 */
package org.sanfu.channel;
