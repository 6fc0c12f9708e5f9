package org.sanfu.feedback;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the rating page answered, kept so that its answer can be read again (Post/Redirect/Get): the rating's 303
 * leads to {@code /f/{token}/rated}, which shows it to the browser that sent it, by a receipt in a cookie, and to no
 * one else who holds the link (they read the spent link's 410, which says nothing of the rating, as before). The
 * receipt is 256 random bits, made when the rating is recorded and never written anywhere but here and the cookie.
 * <p>
 * Kept in this node's memory, bounded as the page's limit is ({@code max-tracked}), for {@link #KEPT}: the answer is
 * the enterprise's to read again while it is on the page, not an archive (the ticket keeps the rating). A reload on
 * another node or after a restart reads the spent link's thanks instead, which is no error.
 */
@Component
class FeedbackReceipts {

    /** How long an answer can be read again. */
    static final Duration KEPT = Duration.ofDays(1);

    /**
     * The thanks' facts, as the page's answer drew them: the grade, the comment as recorded, how many files came, the
     * problem's title, and where the ticket went with it (handled again and by which department, or to a leader).
     */
    record Done(String satisfaction, String comment, int filesReceived, String title, boolean reopened,
            boolean supervised, String department) {}

    /** A rating recorded through a link: its receipt, the address that sent it, when, and its thanks. */
    record Receipt(String secret, String address, Instant at, Done done) {}

    private final Cache<String, Receipt> receipts;
    private final Clock clock;

    FeedbackReceipts(FeedbackLinkProperties settings, Clock clock) {
        this.clock = clock;
        this.receipts = Caffeine.newBuilder().maximumSize(settings.maxTracked()).expireAfterWrite(KEPT).build();
    }

    /** Keeps the thanks of a rating just recorded through this link: its receipt, for the cookie. */
    String keep(String token, String address, Done done) {
        String secret = FeedbackTokens.next();
        receipts.put(FeedbackTokens.hash(token), new Receipt(secret, address, clock.instant(), done));
        return secret;
    }

    /** The thanks of the rating sent through this link by the browser holding this receipt; empty for any other. */
    Optional<Done> shown(String token, String receipt) {
        if (receipt == null || !FeedbackTokens.wellFormed(token)) {
            return Optional.empty();
        }
        return Optional.ofNullable(receipts.getIfPresent(FeedbackTokens.hash(token)))
                .filter(kept -> MessageDigest.isEqual(kept.secret().getBytes(StandardCharsets.US_ASCII),
                        receipt.getBytes(StandardCharsets.US_ASCII)))
                .map(Receipt::done);
    }
}
