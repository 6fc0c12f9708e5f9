package org.sanfu.ticket;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.sanfu.DomainException;
import org.sanfu.Ids;
import org.sanfu.Message;
import org.sanfu.security.AccountDirectory;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.web.Downloads;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.Text;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A ticket's files (附件): whoever may read the ticket reads and downloads them; service staff, dispatch and the
 * departments the ticket involves add them while it is open. A file is kept with its history event ({@code attach})
 * in one transaction, its content in the database beside the ticket: a photograph's (JPEG, PNG) without its personal
 * metadata ({@link PictureMetadata}: where it was taken, on whose camera), which is what its size and SHA-256 are of
 * and what is downloaded; one that could not be read is kept as sent, and logged and counted for the operator
 * ({@link PicturesKeptWithMetadata}). Who added a file removes it while the ticket is open, ADMIN at any time
 * ({@code detach}): its row stays, marked removed, and its content is erased.
 */
@Service
public class TicketAttachments {

    /** The history's action of a file added. */
    public static final String ATTACH = "attach";
    /** The history's action of a file removed. */
    public static final String DETACH = "detach";
    /** The field the enterprise's files are refused by, on its feedback page's form. */
    public static final String FROM_ENTERPRISE_FIELD = "files";
    /** The longest file name, in characters (UTF-16 units). */
    public static final int NAME_MAX = 200;

    /**
     * A file as sent: its name, the type it was declared ("" when none; null: a page's form, whose type is known by its
     * bytes alone), its bytes.
     */
    public record Upload(String fileName, String declaredType, byte[] content) {}

    /**
     * A file of a ticket, as listed. {@code fromEnterprise}: the enterprise sent it with its rating through its
     * feedback link, and {@code uploadedBy} is then no account's user name but the history's actor for the enterprise,
     * {@code enterprise:<creditCode>}.
     */
    public record Attachment(String id, String fileName, String contentType, long size, String uploadedBy,
            Instant uploadedAt, boolean fromEnterprise) {}

    /** A file with its content, to download. */
    public record File(Attachment attachment, byte[] content) {}

    /** A file without its content, with the sha256 of its content (which never changes while it is kept). */
    public record Kept(Attachment attachment, String sha256, long ticketId) {}

    /** The file kept, and whether this sending added it (false: the same file was kept already, nothing added). */
    public record Attached(Attachment file, boolean added) {}

    private final Tickets tickets;
    private final TicketQueries queries;
    private final TicketEvents events;
    private final Attachments attachments;
    private final AttachmentProperties properties;
    private final AccountDirectory accounts;
    private final PicturesKeptWithMetadata keptWithMetadata;

    TicketAttachments(Tickets tickets, TicketQueries queries, TicketEvents events, Attachments attachments,
            AttachmentProperties properties, AccountDirectory accounts, PicturesKeptWithMetadata keptWithMetadata) {
        this.tickets = tickets;
        this.queries = queries;
        this.events = events;
        this.attachments = attachments;
        this.properties = properties;
        this.accounts = accounts;
        this.keptWithMetadata = keptWithMetadata;
    }

    /**
     * Adds a file: 404 an unknown ticket, 403 a caller who may not add to it, 400 a file at fault (its name, an
     * empty or too large file, a type other than the bytes'), 409 a closed ticket; the same file (bytes and name)
     * kept already is that one, nothing added (a double click, a retry); else 409 a ticket that holds its most files
     * ({@code max-per-ticket}, the service's own: the enterprise's, which only ADMIN removes, never take a department's
     * room for its 答复函).
     */
    @Transactional
    public Attached attach(String id, Caller caller, Upload upload) {
        Ticket ticket = attachable(tickets.lock(TicketQueries.parseId(id)), id, caller);
        String name = fileName(upload.fileName());
        AttachmentTypes kind = namedAsItIs(kind(upload, name), name);
        if (ticket.status() == TicketStatus.CLOSED) {
            throw new DomainException.NotNow(Message.of("sanfu.ticket.attach-closed", "id", id));
        }
        // what is kept, and so hashed, measured and compared with what is kept already: a photograph's metadata out
        PictureMetadata.Kept kept = PictureMetadata.kept(kind, upload.content());
        byte[] content = kept.content();
        String sha256 = sha256(content);
        // under the ticket's lock: the same file sent twice at once waits for the first to commit, then finds it
        Optional<Attachment> same = attachments.same(ticket.id(), name, content.length, sha256, caller.username());
        if (same.isPresent()) {
            return new Attached(same.get(), false);
        }
        if (attachments.count(ticket.id(), false) >= properties.maxPerTicket()) {
            throw new DomainException.NotNow(Message.of("sanfu.ticket.attachments-full", "id", id,
                    "max", properties.maxPerTicket()));
        }
        Instant now = tickets.now();
        String type = kind.type().toString();
        long attachmentId = attachments.insert(ticket.id(), name, type, content, sha256, caller.username(), now,
                false);
        keptWithMetadata.kept(ticket.id(), attachmentId, kind, kept);
        tickets.touch(ticket.id(), now);
        events.append(ticket.id(), new TicketEvent(now, caller.username(), ATTACH, ticket.status(), ticket.status(),
                name));
        return new Attached(new Attachment(String.valueOf(attachmentId), name, type, content.length,
                caller.username(), now, false), true);
    }

    /**
     * What the enterprise may send: photographs and PDF scans, which is what it has to show (the container still not
     * released, a bank's letter). Not a Word or Excel file, an OFD or anything else a zip holds: whoever holds a link
     * forwarded by text message sends them without an account, and staff open them on their desktops, where a document's
     * macros, remote templates and embedded objects run.
     */
    static final Set<AttachmentTypes> FROM_ENTERPRISE_KINDS = Set.of(AttachmentTypes.JPEG, AttachmentTypes.PNG,
            AttachmentTypes.PDF);

    /** A file of the enterprise's over the per-file limit, which it reads as people write it (10 MB), not in bytes. */
    public InvalidInput tooLargeFromEnterprise(String name) {
        return refusedFromEnterprise(name, Message.of("sanfu.feedback.file-too-large", "limit",
                Downloads.sizeWords(maxFileBytes())));
    }

    /** A file of the enterprise's refused, by its name as sent, and why: a 400 naming {@code files}. */
    public static InvalidInput refusedFromEnterprise(String name, Message why) {
        return InvalidInput.of(FROM_ENTERPRISE_FIELD, Message.of("sanfu.feedback.file-refused", "name",
                name == null ? "" : name, "reason", why));
    }

    /**
     * Files the enterprise sends with its rating through its feedback link (no caller: the feedback module has checked
     * the link, and records the rating in this transaction): each is judged by its bytes as a page's form's file is,
     * and kept marked as the enterprise's, {@code uploaded_by} the history's actor for it
     * ({@code enterprise:<creditCode>}, never a user name), each with its {@code attach} event by that actor. Any
     * fault is a 400 naming {@code files}, the file by its name: a name, an empty or too large file, a kind not taken,
     * or more files than the enterprise may still send to this ticket ({@code max-from-enterprise-per-ticket}, its own
     * allowance beside the service's {@code max-per-ticket}); the caller's transaction then records nothing at all. Nothing
     * is sent again here (a link is spent once), so no file is taken for one kept already.
     */
    @Transactional
    public List<Attachment> attachFromEnterprise(long ticketId, List<Upload> uploads) {
        if (uploads.isEmpty()) {
            return List.of();
        }
        Ticket ticket = tickets.lock(ticketId)
                .orElseThrow(() -> new DomainException.NotFound("ticket", String.valueOf(ticketId)));
        record Judged(String name, AttachmentTypes kind, PictureMetadata.Kept kept) {

            byte[] content() {
                return kept.content();
            }
        }
        List<Judged> judged = uploads.stream().map(upload -> {
            String sent = upload.fileName() == null ? "" : upload.fileName();
            try {
                String name = fileName(upload.fileName());
                AttachmentTypes kind = namedAsItIs(kind(new Upload(name, null, upload.content()), name), name);
                return new Judged(name, kind, PictureMetadata.kept(kind, upload.content()));
            } catch (InvalidInput refused) {
                Message reason = refused.faults().get(0).reason();
                // the enterprise reads a size as people write it (10 MB), not in bytes as the API states its limit
                throw "sanfu.attachment.too-large".equals(reason.code()) ? tooLargeFromEnterprise(sent)
                        : refusedFromEnterprise(sent, reason);
            }
        }).toList();
        judged.stream().filter(file -> !FROM_ENTERPRISE_KINDS.contains(file.kind())).findFirst().ifPresent(file -> {
            throw refusedFromEnterprise(file.name(), Message.of("sanfu.feedback.file-kind"));
        });
        int room = roomForEnterprise(attachments.count(ticket.id(), true));
        if (judged.size() > room) {
            int max = properties.maxFromEnterprisePerTicket();
            throw InvalidInput.of(FROM_ENTERPRISE_FIELD, room == 0
                    ? Message.of("sanfu.feedback.files-none-left", "max", max)
                    : Message.of("sanfu.feedback.files-no-room", "room", room, "max", max));
        }
        Instant now = tickets.now();
        String actor = TicketActions.ENTERPRISE_ACTOR + ticket.enterpriseCreditCode();
        List<Attachment> kept = judged.stream().map(file -> {
            String type = file.kind().type().toString();
            long id = attachments.insert(ticket.id(), file.name(), type, file.content(), sha256(file.content()), actor,
                    now, true);
            keptWithMetadata.kept(ticket.id(), id, file.kind(), file.kept());
            events.append(ticket.id(), new TicketEvent(now, actor, ATTACH, ticket.status(), ticket.status(),
                    file.name()));
            return new Attachment(String.valueOf(id), file.name(), type, file.content().length, actor, now, true);
        }).toList();
        tickets.touch(ticket.id(), now);
        return kept;
    }

    /**
     * Removes a file: its row stays, marked removed by the caller now, its content erased, with its history event
     * ({@code detach}, the file's name) and the ticket's {@code updated_at} in one transaction. 404 an unknown ticket,
     * 403 one the caller may not read, 404 a file the ticket does not have (or no longer has), 403 a caller who did not
     * add it and is not ADMIN, 409 a CLOSED ticket (but for ADMIN, who takes personal data out of a closed one).
     */
    @Transactional
    public Attachment detach(String id, String attachmentId, Caller caller) {
        Ticket ticket = TicketQueries.visible(tickets.lock(TicketQueries.parseId(id)), id, caller);
        Attachment file = removable(ticket, id, attachmentId, caller);
        if (!openToRemoval(ticket, caller)) {
            throw new DomainException.NotNow(Message.of("sanfu.ticket.detach-closed", "id", id));
        }
        Instant now = tickets.now();
        attachments.remove(Long.parseLong(file.id()), caller.username(), now);
        tickets.touch(ticket.id(), now);
        events.append(ticket.id(), new TicketEvent(now, caller.username(), DETACH, ticket.status(), ticket.status(),
                file.fileName()));
        return file;
    }

    /**
     * The file the caller removed from the ticket at or after {@code since}: what a removal sent again (a double click
     * on 确认删除) finds gone. Empty for any other.
     */
    @Transactional(readOnly = true)
    public Optional<Attachment> removedBy(String id, String attachmentId, Caller caller, Instant since) {
        OptionalLong ticket = Ids.parse(id);
        OptionalLong file = Ids.parse(attachmentId);
        return ticket.isEmpty() || file.isEmpty() ? Optional.empty()
                : attachments.removedBy(ticket.getAsLong(), file.getAsLong(), caller.username(), since);
    }

    /** The removal's 404s and 403s, checked before a request's 400. */
    @Transactional(readOnly = true)
    public void checkMayDetach(String id, String attachmentId, Caller caller) {
        removable(queries.visible(id, caller), id, attachmentId, caller);
    }

    /** The ticket's file, when the caller may remove it whatever the ticket's state: else 404, or 403. */
    private Attachment removable(Ticket ticket, String id, String attachmentId, Caller caller) {
        Attachment file = named(attachmentId, a -> attachments.find(ticket.id(), a));
        if (!mayDetach(file, caller)) {
            throw new DomainException.NotYours(Message.of("sanfu.ticket.detach-not-yours", "id", id, "name",
                    file.fileName()));
        }
        return file;
    }

    /**
     * Who added the file, and ADMIN; no one else. The enterprise's file (sent through its feedback link) has no account
     * to remove it: ADMIN alone does, when it holds what should not be kept (a personal document sent by mistake).
     */
    private static boolean mayDetach(Attachment file, Caller caller) {
        return caller.is(Role.ADMIN) || !file.fromEnterprise() && caller.username().equals(file.uploadedBy());
    }

    /** Files are removed from a ticket while it is open; from a CLOSED one by ADMIN alone. */
    private static boolean openToRemoval(Ticket ticket, Caller caller) {
        return ticket.status() != TicketStatus.CLOSED || caller.is(Role.ADMIN);
    }

    /** 404 an unknown ticket, 403 a caller who may not add files to it; checked before a request's 400. */
    @Transactional(readOnly = true)
    public void checkMayAttach(String id, Caller caller) {
        attachable(tickets.find(TicketQueries.parseId(id)), id, caller);
    }

    /** The ticket found, when the caller may add files to it: else 404, or 403. */
    private static Ticket attachable(Optional<Ticket> found, String id, Caller caller) {
        Ticket ticket = found.orElseThrow(() -> new DomainException.NotFound("ticket", id));
        if (!mayAttach(ticket, caller)) {
            throw new DomainException.NotYours(Message.of("sanfu.ticket.attach-not-yours", "id", id));
        }
        return ticket;
    }

    /** A ticket's files, oldest first: 404 an unknown ticket, 403 one the caller may not read. */
    @Transactional(readOnly = true)
    public List<Attachment> list(String id, Caller caller) {
        return attachments.of(queries.visible(id, caller).id());
    }

    /** One file with its content: 404 an unknown ticket or a file it does not have, 403 a ticket not the caller's. */
    @Transactional(readOnly = true)
    public File file(String id, String attachmentId, Caller caller) {
        Ticket ticket = queries.visible(id, caller);
        return named(attachmentId, a -> attachments.file(ticket.id(), a));
    }

    /** What the attachment's id names, looked up by its number: 404 for no number, or none found. */
    private static <T> T named(String attachmentId, LongFunction<Optional<T>> find) {
        return Ids.parse(attachmentId).stream().mapToObj(find).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new DomainException.NotFound("attachment", attachmentId));
    }

    /**
     * What the enterprise's feedback page lists, oldest first, from one read of the ticket's files. {@code departments}:
     * the files a department handling the ticket added (the reply side: its 答复函 and the like), by an account of a
     * department (DEPT) that is the ticket's lead or co-department now; not those service staff or dispatch added (the
     * enterprise's own papers, or the office's), nor those of a department the ticket was taken from (given to it by
     * mistake, then routed elsewhere), which it no longer sees to remove. {@code enterprise}: the files the enterprise
     * sent with its ratings ({@link #attachFromEnterprise}), under their own heading. {@code roomForEnterprise}: how many
     * more the enterprise may send to this ticket (its allowance less those kept). No caller: the feedback module has
     * checked its link to this ticket.
     */
    public record OnFeedbackPage(List<Attachment> departments, List<Attachment> enterprise, int roomForEnterprise) {}

    /** The ticket's files its enterprise's feedback page lists ({@link OnFeedbackPage}). */
    @Transactional(readOnly = true)
    public OnFeedbackPage onFeedbackPage(long ticketId) {
        return tickets.find(ticketId).map(ticket -> {
            List<Attachment> all = attachments.of(ticketId);
            Map<String, Boolean> handling = new HashMap<>();
            List<Attachment> enterprise = all.stream().filter(Attachment::fromEnterprise).toList();
            return new OnFeedbackPage(all.stream().filter(a -> !a.fromEnterprise() && handling.computeIfAbsent(
                    a.uploadedBy(), by -> handles(ticket, by))).toList(), enterprise,
                    roomForEnterprise(enterprise.size()));
        }).orElse(new OnFeedbackPage(List.of(), List.of(), 0));
    }

    /** How many more files the enterprise may send to a ticket that keeps this many of its files. */
    private int roomForEnterprise(int kept) {
        return Math.max(properties.maxFromEnterprisePerTicket() - kept, 0);
    }

    /**
     * One of the files the enterprise's feedback page lists ({@link OnFeedbackPage}), with its content; empty for any other id (another ticket's file, one staff or
     * dispatch added, an unknown id or no id at all), alike. The content is read only for such a file.
     */
    @Transactional(readOnly = true)
    public Optional<File> onFeedbackPage(long ticketId, String attachmentId) {
        OptionalLong id = Ids.parse(attachmentId);
        Optional<Ticket> ticket = tickets.find(ticketId);
        if (id.isEmpty() || ticket.isEmpty()) {
            return Optional.empty();
        }
        return attachments.find(ticketId, id.getAsLong())
                .filter(a -> a.fromEnterprise() || handles(ticket.get(), a.uploadedBy()))
                .flatMap(a -> attachments.content(ticketId, id.getAsLong()).map(content -> new File(a, content)));
    }

    /** Whether the user name is an account of a department (DEPT; dispatch's has one too) the ticket involves now. */
    private boolean handles(Ticket ticket, String username) {
        return accounts.find(username).filter(p -> p.role() == Role.DEPT && ticket.involves(p.department()))
                .isPresent();
    }

    /**
     * One file that is a picture (JPEG, PNG), to be shown in place, without reading its content (the browser may hold
     * it already: 304): as {@link #file}'s, its access is checked each time; 404 a file of another kind, which is only
     * ever downloaded.
     */
    @Transactional(readOnly = true)
    public Kept picture(String id, String attachmentId, Caller caller) {
        Ticket ticket = queries.visible(id, caller);
        Kept kept = named(attachmentId, a -> attachments.kept(ticket.id(), a));
        imageOnly(kept.attachment(), attachmentId);
        return kept;
    }

    /**
     * The content of a picture {@link #picture} found, its access checked there: what a request not answered 304
     * sends; 404 when it was removed since.
     */
    @Transactional(readOnly = true)
    public byte[] content(Kept picture) {
        return attachments.content(picture.ticketId(), Long.parseLong(picture.attachment().id()))
                .orElseThrow(() -> new DomainException.NotFound("attachment", picture.attachment().id()));
    }

    /** 404 a file that is not a picture: it is only ever downloaded. */
    private static void imageOnly(Attachment file, String attachmentId) {
        if (!AttachmentTypes.isImage(file.contentType())) {
            throw new DomainException.NotFound("attachment", attachmentId);
        }
    }

    /** The largest file taken, in bytes. */
    public long maxFileBytes() {
        return properties.maxFileBytes();
    }

    /** How many files the enterprise may send to one ticket, over all its ratings. */
    public int maxFilesFromEnterprise() {
        return properties.maxFromEnterprisePerTicket();
    }

    /**
     * A ticket's files as its page lists them, whether the caller may add one now (the page's form), and the ids of
     * those the caller may remove now (each one's 删除).
     */
    public record OnPage(List<Attachment> files, boolean mayAttach, Set<String> removable) {}

    /** The ticket's {@link OnPage}, the ticket read once: 404 an unknown ticket, 403 one the caller may not read. */
    @Transactional(readOnly = true)
    public OnPage onPage(String id, Caller caller) {
        Ticket ticket = queries.visible(id, caller);
        List<Attachment> files = attachments.of(ticket.id());
        return new OnPage(files, ticket.status() != TicketStatus.CLOSED && mayAttach(ticket, caller),
                openToRemoval(ticket, caller) ? files.stream().filter(f -> mayDetach(f, caller)).map(Attachment::id)
                        .collect(Collectors.toSet()) : Set.of());
    }

    /** Service staff and dispatch on any ticket, a department on one it leads or co-handles; no one else. */
    private static boolean mayAttach(Ticket ticket, Caller caller) {
        return caller.is(Role.STAFF, Role.DISPATCH) || caller.is(Role.DEPT) && ticket.involves(caller.department());
    }

    /** The name kept: the base name (a path's last part, as old browsers sent C:\fakepath\...), spaces around it aside. */
    private static String fileName(String sent) {
        String name = sent == null ? null
                : sent.substring(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1).strip();
        Message fault = Text.Rule.fault(name, true, false, NAME_MAX);
        if (fault == null && (name.equals(".") || name.equals("..")
                // a right-to-left override makes 答复函\u202Efdp.hta read as 答复函ath.pdf; no name needs one
                || name.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT))) {
            fault = Message.of("sanfu.attachment.name-invalid");
        }
        if (fault != null) {
            throw InvalidInput.of("fileName", fault);
        }
        return name;
    }

    /** The kind, when the name ends as its files' names do; else 400 naming {@code fileName}. */
    private static AttachmentTypes namedAsItIs(AttachmentTypes kind, String name) {
        if (!kind.namedBy(name)) {
            // what the file is and what its name says it is agree: a PDF named 答复函.hta would open as a program
            throw InvalidInput.of("fileName", Message.of("sanfu.attachment.name-extension", "extensions",
                    kind.extensions()));
        }
        return kind;
    }

    /** The file's kind, by its bytes; a declared type must name that kind. */
    private AttachmentTypes kind(Upload upload, String name) {
        byte[] content = upload.content();
        if (content.length == 0) {
            throw InvalidInput.of("body", Message.of("sanfu.attachment.empty"));
        }
        if (content.length > properties.maxFileBytes()) {
            throw InvalidInput.of("body", Message.of("sanfu.attachment.too-large", "limit", properties.maxFileBytes()));
        }
        if (upload.declaredType() == null) {
            return AttachmentTypes.of(content, name).orElseThrow(() -> InvalidInput.of("body",
                    Message.of("sanfu.attachment.unknown-type")));
        }
        AttachmentTypes declared;
        try {
            declared = AttachmentTypes.declared(MediaType.parseMediaType(upload.declaredType())).orElse(null);
        } catch (InvalidMediaTypeException e) {
            declared = null;
        }
        if (declared == null) {
            throw InvalidInput.of("Content-Type", upload.declaredType().isBlank()
                    ? Message.of("sanfu.attachment.type-required", "types", AttachmentTypes.mediaTypes())
                    : Message.of("sanfu.attachment.type-not-taken", "type", upload.declaredType(), "types",
                            AttachmentTypes.mediaTypes()));
        }
        if (!declared.matches(content)) {
            throw InvalidInput.of("Content-Type", Message.of("sanfu.attachment.type-mismatch", "type",
                    declared.type().toString()));
        }
        return declared;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
