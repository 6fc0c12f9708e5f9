package org.sanfu.feedback;

import java.util.List;
import java.util.regex.Pattern;
import org.sanfu.ticket.TicketAttachments;
import org.sanfu.web.FileUploads;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Where the enterprise's feedback page takes files: its rating form ({@code POST /f/{token}}) sent as multipart, up
 * to {@link FeedbackLinkService#MAX_FILES} files of {@code sanfu.attachments.max-file-bytes} each and its fields, so
 * that a file too large or one too many is the form again naming it (400), not a 413 page; the same form sent
 * urlencoded (no file) keeps {@code sanfu.max-body-bytes}.
 */
@Component
class FeedbackFiles implements FileUploads {

    /** The rating form's path, its token the group (FeedbackUploadGate looks the link up by it). */
    static final Pattern RATING = Pattern.compile("/f/([^/]+)");
    /** Room for the form around its files: the multipart framing, the grade, a comment of 4,000 characters. */
    private static final long FORM_FIELDS = 64 * 1024;

    private final long maxFileBytes;

    FeedbackFiles(TicketAttachments attachments) {
        this.maxFileBytes = attachments.maxFileBytes();
    }

    @Override
    public long maxBodyBytes(String path) {
        return 0;
    }

    @Override
    public long maxMultipartBytes(String path) {
        return RATING.matcher(path).matches() ? largestBody() : 0;
    }

    @Override
    public long maxFileBytes(String path) {
        return RATING.matcher(path).matches() ? maxFileBytes : 0;
    }

    @Override
    public long largestBody() {
        return FeedbackLinkService.MAX_FILES * maxFileBytes + FORM_FIELDS;
    }

    @Override
    public List<MediaType> types(String path) {
        return List.of();
    }
}
