package org.sanfu.ticket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Photographs kept as sent, metadata and all, because their structure could not be read ({@link PictureMetadata}: what
 * is not a well-formed JPEG or PNG is not rewritten by a guess). Such a file may still say where and on whose phone it
 * was taken, so each is logged at WARN (the ticket, the attachment's id and why; not the file's name, which is often a
 * person's, nor anything of its content) and
 * counted in {@code sanfu_pictures_kept_with_metadata_total{kind}} ({@code jpeg}, {@code png}), for an operator to see
 * how often that happens, and to find the file; both once the file is kept (its transaction committed).
 */
@Component
class PicturesKeptWithMetadata {

    private static final Logger log = LoggerFactory.getLogger(PicturesKeptWithMetadata.class);

    private final Map<AttachmentTypes, Counter> counters;

    PicturesKeptWithMetadata(MeterRegistry meters) {
        // both from zero, so that a rate is defined before the first
        this.counters = Map.of(AttachmentTypes.JPEG, counter(meters, "jpeg"), AttachmentTypes.PNG,
                counter(meters, "png"));
    }

    private static Counter counter(MeterRegistry meters, String kind) {
        return Counter.builder("sanfu.pictures.kept.with.metadata").tag("kind", kind)
                .description("Photographs kept as sent, metadata and all, because their structure could not be read")
                .register(meters);
    }

    /** The file kept as this ticket's: logged and counted when it is a picture that could not be read. */
    void kept(long ticketId, long attachmentId, AttachmentTypes kind, PictureMetadata.Kept kept) {
        Counter counter = counters.get(kind);
        if (kept.unread() == null || counter == null) {
            return;
        }
        TicketMetrics.afterCommit(() -> {
            counter.increment();
            log.warn("Picture kept as sent with its metadata (not stripped) on ticket {}, attachment {} ({}): {}",
                    ticketId, attachmentId, kind.type(), kept.unread());
        });
    }
}
