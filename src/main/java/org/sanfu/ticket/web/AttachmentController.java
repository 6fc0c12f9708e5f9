package org.sanfu.ticket.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.sanfu.Message;
import org.sanfu.security.Caller;
import org.sanfu.ticket.AttachmentTypes;
import org.sanfu.ticket.TicketAttachments;
import org.sanfu.web.ActionBody;
import org.sanfu.web.ApiAccess;
import org.sanfu.web.Created;
import org.sanfu.web.Downloads;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.RequestBodies;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A ticket's files (附件, API.md "Tickets"): sent as the body itself in the file's own type, named by
 * {@code Content-Disposition}; read by whoever may read the ticket; removed by who added it, or ADMIN.
 */
@RestController
@RequestMapping("/api/tickets/{id}/attachments")
@Tag(name = "Tickets")
class AttachmentController {

    private final TicketAttachments attachments;

    AttachmentController(TicketAttachments attachments) {
        this.attachments = attachments;
    }

    @Operation(summary = "Add a file", description = "The body is the file, its Content-Type the file's (PDF, JPEG, "
            + "PNG, docx, xlsx, OFD; judged by its first bytes), its name in `Content-Disposition: attachment; "
            + "filename*=UTF-8''<percent-encoded>`. Not on a CLOSED ticket (409), nor past the most files a ticket "
            + "holds. Addition: the same file (bytes and name) sent again while the ticket keeps it answers 200 with "
            + "that file and adds nothing.")
    @ApiAccess(value = {"STAFF", "DISPATCH", "DEPT"}, scope = "a department on the tickets it leads or co-handles",
            errors = {400, 403, 404, 409, 413})
    @Parameter(name = HttpHeaders.CONTENT_DISPOSITION, in = ParameterIn.HEADER, required = true,
            example = "attachment; filename*=UTF-8''%E7%AD%94%E5%A4%8D%E5%87%BD.pdf")
    @ApiResponse(responseCode = "201", description = "The file added; Location is its download",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/tickets/{id}/attachments/{attachmentId}",
                    schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = TicketAttachments.Attachment.class)))
    @ApiResponse(responseCode = "200", description = "The same file (bytes and name) the ticket keeps already; nothing "
            + "added", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = TicketAttachments.Attachment.class)))
    @PostMapping
    ResponseEntity<TicketAttachments.Attachment> attach(@PathVariable String id, Caller caller,
            HttpServletRequest request) {
        // 404 and 403 before the header's 400, and before a body of up to 10 MB is read for nothing
        attachments.checkMayAttach(id, caller);
        String fileName = fileName(request.getHeader(HttpHeaders.CONTENT_DISPOSITION));
        if (fileName == null) {
            throw InvalidInput.of(HttpHeaders.CONTENT_DISPOSITION,
                    Message.of("sanfu.attachment.disposition-unreadable"));
        }
        String type = request.getContentType();
        TicketAttachments.Attached attached = attachments.attach(id, caller, new TicketAttachments.Upload(fileName,
                type == null ? "" : type, RequestBodies.read(request)));
        if (!attached.added()) {
            return ResponseEntity.ok(attached.file());
        }
        return ResponseEntity.created(Created.below(request, attached.file().id()))
                .body(attached.file());
    }

    /** The name {@code Content-Disposition} gives (filename* before filename); null when none can be read. */
    private static String fileName(String disposition) {
        try {
            return disposition == null ? null : ContentDisposition.parse(disposition).getFilename();
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    @Operation(summary = "A ticket's files", description = "Oldest first, without their content. Addition: "
            + "`fromEnterprise` is true for a file the enterprise sent with its rating through its feedback link, whose "
            + "`uploadedBy` is then `enterprise:<creditCode>`, no user name; false for every other.")
    @ApiAccess(value = {"STAFF", "DISPATCH", "DEPT", "LEADER", "ADMIN"},
            scope = "a department only the tickets it leads or co-handles", errors = {403, 404})
    @GetMapping
    List<TicketAttachments.Attachment> list(@PathVariable String id, Caller caller) {
        return attachments.list(id, caller);
    }

    @Operation(summary = "A file", description = "Its bytes in its type, as an attachment with its name (RFC 6266).")
    @ApiAccess(value = {"STAFF", "DISPATCH", "DEPT", "LEADER", "ADMIN"},
            scope = "a department only the tickets it leads or co-handles", errors = {403, 404})
    @GetMapping(path = "/{attachmentId}", produces = {MediaType.APPLICATION_PDF_VALUE, MediaType.IMAGE_JPEG_VALUE,
            MediaType.IMAGE_PNG_VALUE, Downloads.DOCX_VALUE, Downloads.XLSX_VALUE, AttachmentTypes.OFD_VALUE})
    ResponseEntity<byte[]> download(@PathVariable String id, @PathVariable String attachmentId, Caller caller,
            HttpServletRequest request) throws HttpMediaTypeNotAcceptableException {
        TicketAttachments.File file = attachments.file(id, attachmentId, caller);
        // the mapping admits any of the types; the file is one of them, which Accept must admit too
        MediaType type = MediaType.parseMediaType(file.attachment().contentType());
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && !accept.isBlank()
                && MediaType.parseMediaTypes(accept).stream().noneMatch(range -> range.includes(type))) {
            throw new HttpMediaTypeNotAcceptableException(List.of(type));
        }
        return AttachmentFiles.download(file);
    }

    @Operation(summary = "Remove a file", description = "Addition: the file is no longer listed or downloaded (404) "
            + "and no longer counts against the most files a ticket holds; its record stays, marked removed, and its "
            + "content is erased. A `detach` history event names it. Not on a CLOSED ticket (409), but for ADMIN.")
    @ApiAccess(value = {"STAFF", "DISPATCH", "DEPT", "ADMIN"},
            scope = "who added the file, while the ticket is not CLOSED; ADMIN any file at any time",
            errors = {400, 403, 404, 409})
    @DeleteMapping("/{attachmentId}")
    ResponseEntity<Void> detach(@PathVariable String id, @PathVariable String attachmentId, Caller caller,
            ActionBody body) {
        attachments.checkMayDetach(id, attachmentId, caller);
        body.requireReadable();
        attachments.detach(id, attachmentId, caller);
        return ResponseEntity.noContent().build();
    }
}
