package org.sanfu.ticket.web;

import java.util.List;
import java.util.regex.Pattern;
import org.sanfu.ticket.AttachmentProperties;
import org.sanfu.ticket.AttachmentTypes;
import org.sanfu.ticket.TicketAttachments;
import org.sanfu.web.Downloads;
import org.sanfu.web.FileUploads;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

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
}
