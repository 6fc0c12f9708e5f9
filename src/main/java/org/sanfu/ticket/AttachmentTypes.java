package org.sanfu.ticket;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.sanfu.web.Downloads;
import org.springframework.http.MediaType;

/**
 * The kinds of file a ticket takes, each known by its first bytes (its magic number), never by the sender's word:
 * PDF, JPEG, PNG, and the zip containers Word and Excel (docx, xlsx) and OFD (版式文档, GB/T 33190) are written in.
 */
public enum AttachmentTypes {

    PDF("application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'}, "pdf"),
    JPEG("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, "jpg", "jpeg"),
    PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, "png"),
    DOCX(Downloads.DOCX_VALUE, Zip.MAGIC, "docx"),
    XLSX(Downloads.XLSX_VALUE, Zip.MAGIC, "xlsx"),
    OFD(AttachmentTypes.OFD_VALUE, Zip.MAGIC, "ofd");

    /** OFD's type (GB/T 33190), which Spring's MediaType does not name. */
    public static final String OFD_VALUE = "application/ofd";

    /** The kinds a page shows in place, as pictures (the specialists' photographs); every other is only downloaded. */
    private static final Set<AttachmentTypes> IMAGES = EnumSet.of(JPEG, PNG);

    private final MediaType type;
    private final byte[] magic;
    /** The endings a file of this kind is named with, the usual one first. */
    private final List<String> extensions;

    AttachmentTypes(String type, byte[] magic, String... extensions) {
        this.type = MediaType.parseMediaType(type);
        this.magic = magic;
        this.extensions = List.of(extensions);
    }

    /** The endings a name of this kind's file may have (.pdf; .jpg, .jpeg...), as a message lists them. */
    public List<String> extensions() {
        return extensions.stream().map(e -> "." + e).toList();
    }

    /** Whether the name ends as a file of this kind's does, whatever the case (IMG_0001.JPG). */
    boolean namedBy(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return extensions.stream().anyMatch(e -> name.endsWith("." + e));
    }

    public MediaType type() {
        return type;
    }

    /** Whether a file kept in this type (a {@link TicketAttachments.Attachment}'s) is a JPEG or PNG picture. */
    public static boolean isImage(String contentType) {
        return IMAGES.stream().anyMatch(k -> k.type.toString().equals(contentType));
    }

    /** Every type a file may be sent in. */
    public static List<MediaType> mediaTypes() {
        return Arrays.stream(values()).map(AttachmentTypes::type).toList();
    }

    /** The kind a declared type names (its parameters aside), if any. */
    static Optional<AttachmentTypes> declared(MediaType declared) {
        return Arrays.stream(values()).filter(k -> k.type.equalsTypeAndSubtype(declared)).findFirst();
    }

    /** Whether the file's first bytes are this kind's. */
    boolean matches(byte[] content) {
        return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }

    /**
     * The kind of a file a page's form sent, whose declared type browsers guess from the name (an OFD is often
     * application/octet-stream): by its first bytes, and a zip's by the name's extension.
     */
    static Optional<AttachmentTypes> of(byte[] content, String fileName) {
        return Arrays.stream(values()).filter(k -> k.matches(content))
                .filter(k -> k.magic != Zip.MAGIC || k.namedBy(fileName)).findFirst();
    }

    private static final class Zip {
        static final byte[] MAGIC = {'P', 'K', 0x03, 0x04};
    }
}
