package org.sanfu.ticket.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.sanfu.ticket.AttachmentProperties;
import org.sanfu.ticket.AttachmentTypes;
import org.sanfu.ticket.TicketAttachments;
import org.sanfu.web.Downloads;
import org.sanfu.web.FileUploads;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Where tickets take files: the API's raw body up to {@code sanfu.attachments.max-file-bytes} in the attachment
 * types, and the ticket page's multipart form up to that and its other fields.
 */
@Component
class AttachmentFiles implements FileUploads {

    private static final Pattern API = Pattern.compile("/api/tickets/[^/]+/attachments");
    private static final Pattern PAGE = Pattern.compile("/tickets/[^/]+/attachments");
    /** Room for the page's form around its file: the multipart framing, the CSRF token, the way back. */
    private static final long FORM_FIELDS = 64 * 1024;

    /**
     * A picture opened by itself (the ticket page's thumbnails and their full view): a browser draws it in an image
     * document of its own, which needs the picture and inline styles and nothing else; no script runs, no plug-in
     * loads, nothing frames it. Set here, it stands in for the pages' policy (Spring Security's writer keeps a policy
     * the answer already has).
     */
    static final String IMAGE_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; "
            + "frame-ancestors 'none'";

    /**
     * A picture may be removed (an ID card's photograph): the reader's browser keeps it, no shared cache does, and the
     * browser asks again each time it shows it, so that a picture removed, or one its reader may no longer see, is
     * gone from the page at once; unchanged, it is answered 304 without its bytes (its ETag, {@link #shown}).
     */
    static final CacheControl IMAGE_CACHE = CacheControl.noCache().cachePrivate();

    private final long maxFileBytes;

    AttachmentFiles(AttachmentProperties properties) {
        this.maxFileBytes = properties.maxFileBytes();
    }

    @Override
    public long maxBodyBytes(String path) {
        return API.matcher(path).matches() ? maxFileBytes : PAGE.matcher(path).matches() ? largestBody() : 0;
    }

    @Override
    public long maxFileBytes(String path) {
        return maxBodyBytes(path) == 0 ? 0 : maxFileBytes;
    }

    @Override
    public long largestBody() {
        return maxFileBytes + FORM_FIELDS;
    }

    @Override
    public List<MediaType> types(String path) {
        return API.matcher(path).matches() ? AttachmentTypes.mediaTypes() : List.of();
    }

    /** A ticket's file to download, as every route that offers one answers (the API, the ticket page). */
    static ResponseEntity<byte[]> download(TicketAttachments.File file) {
        return Downloads.sentFile(file.attachment().contentType(), file.attachment().fileName(), file.content());
    }

    /**
     * A picture (JPEG, PNG: {@link TicketAttachments#picture}) as the browser shows it in place, in its full view or
     * its thumbnail (what {@code content} reads, only when the answer is not 304): its type as kept, its name, no
     * sniffing of another type, the {@link #IMAGE_POLICY} and the {@link #IMAGE_CACHE}, with a strong ETag: the
     * content's sha256 and the {@code variant} ("" the picture, {@link Thumbnails#ETAG_VARIANT} its thumbnail). The
     * caller's access is checked before, on every request: a 304 is never the answer to one who may no longer see it.
     */
    static ResponseEntity<byte[]> shown(TicketAttachments.Kept picture, String variant, ServletWebRequest request,
            Supplier<byte[]> content) {
        String etag = "\"" + picture.sha256() + variant + "\"";
        if (request.checkNotModified(etag)) {
            // its ETag set already, by checkNotModified
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).cacheControl(IMAGE_CACHE).build();
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(picture.attachment().contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(picture.attachment().fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", IMAGE_POLICY)
                .eTag(etag).cacheControl(IMAGE_CACHE).body(content.get());
    }
}
