package org.sanfu.ticket;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * What a photograph says beyond its picture, taken out before it is kept: a phone's or camera's JPEG carries EXIF (the
 * GPS coordinates of where it was taken, an enterprise owner's home or the specialist's route; the time; the camera's
 * serial number and owner; a maker's note; a thumbnail), XMP and IPTC (the same again, and names), and often a second
 * file after its end (a motion photo's video, a depth map) with metadata of its own; a PNG its text chunks (author,
 * comment, the EXIF an editor copied in as text) and an {@code eXIf} chunk. Staff, departments and anyone the file is
 * forwarded to read pictures of documents and premises, not where and on whose phone they were taken.
 *
 * <p>Kept by a list of what a picture needs to be shown as it was, not by a list of what to drop, since vendors add
 * segments of their own: a JPEG's JFIF header ({@code APP0} that begins {@code JFIF\0}) without the thumbnail it
 * may hold (its width and height then 0; its version, units and densities kept; a JFXX thumbnail or a vendor's
 * {@code APP0} goes), its colour profile ({@code APP2 ICC_PROFILE}) and Adobe's colour transform
 * ({@code APP14}), and every table and frame segment and the image data; a PNG's critical chunks (first letter upper
 * case: a decoder must know them or refuse the file) and, of the ancillary ones, those PNG's specification (third
 * edition) registers to say how it is shown ({@link #PNG_SHOWS}: colour, gamma, transparency, background, physical
 * size, and an animated PNG's {@code acTL}, {@code fcTL} and {@code fdAT}, or it would stop moving). Every other
 * ancillary chunk goes: its text ({@code tEXt}, {@code zTXt}, {@code iTXt}), {@code tIME} (when it was last changed:
 * the JPEG's times go with its EXIF), a suggested palette ({@code sPLT}, named in free text), and every private one,
 * such as a C2PA manifest ({@code caBX}) or Apple's {@code iDOT}, which holds offsets this would falsify. Kept by a
 * list, not by the letters of a chunk's name: {@code iDOT}'s second letter is upper case as a public chunk's, and
 * APNG's registered chunks' lower case as a private one's. Nothing after the picture's end (JPEG's EOI, PNG's IEND) is
 * kept. The EXIF is not edited but written anew with the
 * Orientation alone (when it had one, 1 to 8): a phone stores an upright photo's pixels on their side and that tag
 * turns it, so without it the picture shows sideways; editing the original in place (dropping the GPS directory's
 * entries and the bytes their values take, with every offset after them) would leave the serial number, the maker's
 * note and the thumbnail, and be far more code to get wrong. Only an EXIF before the image data is written anew, the
 * one {@link #orientation(AttachmentTypes, byte[])} reads as browsers do; one after it (which nobody applies) goes whole.
 *
 * <p>A file whose structure cannot be read to its end before its image data begins (a segment or chunk longer than what
 * is left, the file's end between two of them, no marker where one must be) is kept as it came,
 * as it was before this: what is not a well-formed JPEG or
 * PNG is not rewritten by a guess. One cut off once its image data has begun (from the first JPEG SOS or PNG IDAT on:
 * an upload interrupted, in its image data or in a table between a progressive JPEG's scans) is read as far as it goes:
 * what was read is kept without its metadata, which comes before, and the segment or chunk the file ends in follows as
 * it came (unless it is metadata itself, which goes). No marker where one must be is malformed wherever it is. An EXIF
 * that cannot be read only loses its Orientation. Why a picture was kept as it came goes with it ({@link Kept}), for the
 * operator to see how often one keeps its metadata ({@link PicturesKeptWithMetadata}).
 */
public final class PictureMetadata {

    private PictureMetadata() {
    }

    /** The EXIF tag of the orientation (IFD0, one SHORT). */
    private static final int ORIENTATION = 0x0112;
    private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ICC_PROFILE = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ADOBE = "Adobe".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] JFIF = "JFIF\0".getBytes(StandardCharsets.ISO_8859_1);
    /**
     * A JFIF header's length without a thumbnail, which counts itself: its identifier, version (2), units (1),
     * densities (2 and 2) and the thumbnail's width and height (1 and 1), the RGB of which would follow.
     */
    private static final int JFIF_LENGTH = 2 + 5 + 2 + 1 + 4 + 2;
    /**
     * The ancillary chunks a PNG keeps, those its specification (third edition) registers to say how it is shown: its
     * colour space and gamma ({@code cHRM}, {@code cICP}, {@code gAMA}, {@code iCCP}, {@code mDCV}, {@code cLLI},
     * {@code sBIT}, {@code sRGB}), its background, palette histogram and transparency ({@code bKGD}, {@code hIST},
     * {@code tRNS}), its physical size ({@code pHYs}) and an animated PNG's frames ({@code acTL}, {@code fcTL},
     * {@code fdAT}).
     */
    private static final Set<String> PNG_SHOWS = Set.of("cHRM", "cICP", "gAMA", "iCCP", "mDCV", "cLLI", "sBIT",
            "sRGB", "bKGD", "hIST", "tRNS", "pHYs", "acTL", "fcTL", "fdAT");

    /**
     * What is kept of a file: its content, and {@code unread}, why a JPEG or PNG is its content as sent, metadata and
     * all, because its structure could not be read (in English, for the log; null when it was read, or is of another
     * kind).
     */
    record Kept(byte[] content, String unread) {}

    /**
     * The content to keep: a JPEG's or PNG's without its personal metadata; any other kind's, and a malformed one's,
     * as sent.
     */
    static byte[] withoutPersonalData(AttachmentTypes kind, byte[] content) {
        return kept(kind, content).content();
    }

    /** What is kept of a file ({@link #withoutPersonalData}), and whether it is a picture that could not be read. */
    static Kept kept(AttachmentTypes kind, byte[] content) {
        try {
            return new Kept(switch (kind) {
                case JPEG -> jpeg(content);
                case PNG -> png(content);
                default -> content;
            }, null);
        } catch (Malformed e) {
            return new Kept(content, e.getMessage());
        } catch (IndexOutOfBoundsException e) {
            // the bounds are checked as it is read; this is only a last guard: never a 500 for a client's file
            return new Kept(content, "its structure could not be read");
        }
    }

    /**
     * How a viewer turns a kept picture (JPEG, PNG) to show it: its EXIF's Orientation, 1 to 8; 1 (as its pixels lie)
     * when it has none, or none that can be read, or is of another kind. Read where browsers read it: a JPEG's first
     * APP1 Exif and a PNG's first {@code eXIf}, both before the image data (one after it they ignore); a file that
     * cannot be read that far has none. Pictures kept before their metadata was taken out hold it the same way.
     */
    public static int orientation(AttachmentTypes kind, byte[] content) {
        try {
            int orientation = switch (kind) {
                case JPEG -> jpegOrientation(content);
                case PNG -> pngOrientation(content);
                default -> 0;
            };
            return orientation == 0 ? 1 : orientation;
        } catch (Malformed | IndexOutOfBoundsException e) {
            // as the stripping: never a 500 for a client's file; a tag not found shows the pixels as they lie
            return 1;
        }
    }

    private static int jpegOrientation(byte[] in) throws Malformed {
        if (!AttachmentTypes.JPEG.matches(in)) {
            return 0;
        }
        for (int at = 2; ; ) {
            Segment segment = segmentAt(in, at);
            if (segment.marker() == 0xDA || segment.marker() == 0xD9) {
                return 0;
            }
            if (segment.isExif(in)) {
                return orientation(in, segment.payload() + EXIF_HEADER.length, segment.end());
            }
            at = segment.end();
        }
    }

    private static int pngOrientation(byte[] in) throws Malformed {
        if (!AttachmentTypes.PNG.matches(in)) {
            return 0;
        }
        for (int at = 8; at < in.length; ) {
            Chunk chunk = chunkAt(in, at);
            if (chunk.type().equals("IDAT") || chunk.type().equals("IEND")) {
                return 0;
            }
            if (chunk.type().equals("eXIf")) {
                return orientation(in, chunk.data(), chunk.crc());
            }
            at = chunk.end();
        }
        return 0;
    }

    /**
     * The JPEG's segments but the metadata, up to its EOI ({@link #segmentAt}). SOS is followed by the image data,
     * which runs to the next marker that is not a stuffed {@code FF 00} or a restart; a progressive JPEG has several,
     * with tables between them.
     */
    private static byte[] jpeg(byte[] in) throws Malformed {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        out.write(in, 0, 2);
        int at = 2;
        boolean exifSeen = false;
        boolean pictureBegun = false;
        while (true) {
            Segment segment;
            try {
                segment = segmentAt(in, at);
            } catch (CutOff cut) {
                if (!pictureBegun && cut.marker != 0xDA) {
                    throw cut;
                }
                // an upload interrupted once the picture began: what came is kept, its metadata (before) taken out
                int marker = cut.marker;
                if (!(application(marker) && !shows(marker, in, cut.payload, in.length))) {
                    out.write(in, at, in.length - at);
                }
                return out.toByteArray();
            }
            int marker = segment.marker();
            int payload = segment.payload();
            int end = segment.end();
            at = end;
            if (marker == 0xD9) {
                out.write(0xFF);
                out.write(marker);
                return out.toByteArray();
            }
            if (standalone(marker)) {
                out.write(0xFF);
                out.write(marker);
                continue;
            }
            if (application(marker) && !shows(marker, in, payload, end)) {
                // an Exif after the image data began is one nobody applies (nor orientation): it goes whole
                if (!exifSeen && !pictureBegun && segment.isExif(in)) {
                    exifSeen = true;
                    int orientation = orientation(in, payload + EXIF_HEADER.length, end);
                    if (orientation != 0) {
                        byte[] exif = concat(EXIF_HEADER, orientationOnly(orientation));
                        out.write(0xFF);
                        out.write(0xE1);
                        out.write((exif.length + 2) >> 8);
                        out.write((exif.length + 2) & 0xFF);
                        out.writeBytes(exif);
                    }
                }
                continue;
            }
            if (marker == 0xE0 && startsWith(in, payload, end, JFIF) && end - payload >= JFIF_LENGTH - 2) {
                // its own thumbnail goes, as EXIF's: the picture as it was before it was cropped or a part blacked out
                out.write(0xFF);
                out.write(marker);
                out.write(0);
                out.write(JFIF_LENGTH);
                out.write(in, payload, JFIF_LENGTH - 4);
                out.write(0);
                out.write(0);
                continue;
            }
            out.write(0xFF);
            out.write(marker);
            out.write(in, payload - 2, end - payload + 2);
            if (marker == 0xDA) {
                pictureBegun = true;
                int data = at;
                at = endOfImageData(in, at);
                out.write(in, data, at - data);
                if (at == in.length) {
                    // cut off in its image data: what came is kept, its metadata (before it) taken out
                    return out.toByteArray();
                }
            }
        }
    }

    /**
     * A JPEG's segment: its marker's code, and its payload from after its length to its end (for a standalone marker,
     * none: both just after the code).
     */
    private record Segment(int marker, int payload, int end) {

        /** Whether it is an APP1 that holds an EXIF. */
        boolean isExif(byte[] in) {
            return marker == 0xE1 && startsWith(in, payload, end, EXIF_HEADER);
        }
    }

    /**
     * The JPEG's segment whose marker starts at {@code at}. A marker is {@code FF} and a code (fill {@code FF}s before
     * it allowed); every code but the standalone ones is followed by its length, which counts itself. {@link CutOff}
     * when the file ends before the segment does.
     */
    private static Segment segmentAt(byte[] in, int at) throws Malformed {
        if (at >= in.length) {
            throw new CutOff(-1, in.length, null);
        }
        if (u8(in, at) != 0xFF) {
            throw new Malformed("no marker where one must be");
        }
        while (at < in.length && u8(in, at) == 0xFF) {
            at++;
        }
        if (at >= in.length) {
            throw new CutOff(-1, in.length, null);
        }
        int marker = u8(in, at++);
        if (marker == 0xD9 || standalone(marker)) {
            return new Segment(marker, at, at);
        }
        if (marker == 0x00 || marker == 0xD8) {
            throw new Malformed("a marker that cannot stand there");
        }
        if (at + 2 > in.length) {
            throw new CutOff(marker, in.length, null);
        }
        int length = u16(in, at, false);
        if (length < 2) {
            throw new Malformed("a segment's length under the 2 bytes it counts");
        }
        if (at + length > in.length) {
            throw new CutOff(marker, at + 2, null);
        }
        return new Segment(marker, at + 2, at + length);
    }

    /** A restart (RSTn) or TEM marker, which has no length and stands between segments or in the image data. */
    private static boolean standalone(int marker) {
        return marker == 0x01 || marker >= 0xD0 && marker <= 0xD7;
    }

    /** An application segment (APPn) or a comment (COM): what vendors put their own data in. */
    private static boolean application(int marker) {
        return marker >= 0xE0 && marker <= 0xEF || marker == 0xFE;
    }

    /** Whether an application segment (APPn, COM) is one the picture needs to be shown as it was. */
    private static boolean shows(int marker, byte[] in, int payload, int end) {
        return marker == 0xE0 && startsWith(in, payload, end, JFIF)
                || marker == 0xE2 && startsWith(in, payload, end, ICC_PROFILE)
                || marker == 0xEE && startsWith(in, payload, end, ADOBE);
    }

    /** Where the image data that starts here ends: at the {@code FF} of the next marker, or the file's end. */
    private static int endOfImageData(byte[] in, int at) {
        for (int i = at; i + 1 < in.length; i++) {
            if (u8(in, i) == 0xFF) {
                int next = u8(in, i + 1);
                if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
                    return i;
                }
            }
        }
        return in.length;
    }

    /**
     * The PNG's chunks but the metadata, up to its IEND. A chunk is its data's length (4 bytes), its type (4 letters),
     * its data and a CRC; the type's first letter is lower case for an ancillary chunk, its second for a private one.
     */
    private static byte[] png(byte[] in) throws Malformed {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        out.write(in, 0, 8);
        int at = 8;
        boolean exifSeen = false;
        boolean pictureBegun = false;
        while (at < in.length) {
            Chunk chunk;
            try {
                chunk = chunkAt(in, at);
            } catch (CutOff cut) {
                if (!pictureBegun && !"IDAT".equals(cut.type)) {
                    throw cut;
                }
                // an upload interrupted once the picture began: what came is kept, its metadata (before) taken out
                if (cut.type != null && shows(cut.type)) {
                    out.write(in, at, in.length - at);
                }
                return out.toByteArray();
            }
            String type = chunk.type();
            pictureBegun |= type.equals("IDAT");
            if (type.equals("eXIf")) {
                // one after the image data is one nobody applies (nor orientation): it goes whole, as a second one
                int orientation = exifSeen || pictureBegun ? 0 : orientation(in, chunk.data(), chunk.crc());
                exifSeen = true;
                if (orientation != 0) {
                    chunk(out, type, orientationOnly(orientation));
                }
            } else if (shows(type)) {
                out.write(in, at, chunk.end() - at);
            }
            at = chunk.end();
            if (type.equals("IEND")) {
                return out.toByteArray();
            }
        }
        if (!pictureBegun) {
            // it ends between two chunks before its image data: cut off there, not read to its end
            throw new CutOff(-1, in.length, null);
        }
        return out.toByteArray();
    }

    /**
     * Whether a PNG's chunk (but {@code eXIf}, which is written anew) is one the picture needs to be shown as it was:
     * a critical one (its first letter upper case), or one of {@link #PNG_SHOWS}.
     */
    private static boolean shows(String type) {
        return Character.isUpperCase(type.charAt(0)) || PNG_SHOWS.contains(type);
    }

    /** A PNG's chunk: its type, its data from {@code data} to its CRC, and its end (after the CRC). */
    private record Chunk(String type, int data, int end) {

        int crc() {
            return end - 4;
        }
    }

    /** The PNG's chunk that starts at {@code at}; {@link CutOff} when the file ends before it does. */
    private static Chunk chunkAt(byte[] in, int at) throws Malformed {
        if (at + 8 > in.length) {
            throw new CutOff(-1, in.length, null);
        }
        String type = new String(in, at + 4, 4, StandardCharsets.ISO_8859_1);
        if (!type.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
            throw new Malformed("a chunk whose type is not four letters");
        }
        long length = u32(in, at, false);
        if (length > in.length - at - 12L) {
            throw new CutOff(-1, at + 8, type);
        }
        return new Chunk(type, at + 8, at + 8 + (int) length + 4);
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typed = concat(type.getBytes(StandardCharsets.ISO_8859_1), data);
        CRC32 crc = new CRC32();
        crc.update(typed);
        out.writeBytes(int32(data.length));
        out.writeBytes(typed);
        out.writeBytes(int32((int) crc.getValue()));
    }

    /**
     * The Orientation in a TIFF structure (EXIF's, from its byte order mark) between {@code base} and {@code end}: its
     * IFD0's entry 0x0112, one SHORT of 1 to 8; 0 when it has none or it cannot be read.
     */
    static int orientation(byte[] in, int base, int end) {
        if (end - base < 8) {
            return 0;
        }
        boolean little;
        if (in[base] == 'I' && in[base + 1] == 'I') {
            little = true;
        } else if (in[base] == 'M' && in[base + 1] == 'M') {
            little = false;
        } else {
            return 0;
        }
        long ifd = u32(in, base + 4, little);
        if (u16(in, base + 2, little) != 42 || ifd < 8 || ifd > end - base - 2L) {
            return 0;
        }
        int entries = base + (int) ifd + 2;
        int count = u16(in, entries - 2, little);
        for (int i = 0; i < count && entries + 12L * (i + 1) <= end; i++) {
            int entry = entries + 12 * i;
            if (u16(in, entry, little) == ORIENTATION) {
                int value = u16(in, entry + 8, little);
                boolean oneShort = u16(in, entry + 2, little) == 3 && u32(in, entry + 4, little) == 1;
                return oneShort && value >= 1 && value <= 8 ? value : 0;
            }
        }
        return 0;
    }

    /** A TIFF structure (big-endian) whose IFD0 holds the Orientation alone, and no next IFD. */
    static byte[] orientationOnly(int orientation) {
        return new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0,
                0, 0, 0, 0, 0};
    }

    private static boolean startsWith(byte[] in, int from, int end, byte[] prefix) {
        return end - from >= prefix.length && Arrays.equals(in, from, from + prefix.length, prefix, 0, prefix.length);
    }

    private static int u8(byte[] in, int at) {
        return in[at] & 0xFF;
    }

    private static int u16(byte[] in, int at, boolean little) {
        return little ? u8(in, at) | u8(in, at + 1) << 8 : u8(in, at) << 8 | u8(in, at + 1);
    }

    private static long u32(byte[] in, int at, boolean little) {
        return little ? (long) u16(in, at + 2, true) << 16 | u16(in, at, true)
                : (long) u16(in, at, false) << 16 | u16(in, at + 2, false);
    }

    private static byte[] int32(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** The file's structure cannot be read to its end: it is kept as it came. Its message says why. */
    private static class Malformed extends Exception {
        Malformed(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * The file ends before the segment (JPEG: its marker's code, -1 when it ends before that) or chunk (PNG: its type,
     * null when it ends before that) that starts where it was read: malformed, unless the image data has begun. Its
     * payload or data would begin at {@code payload}.
     */
    private static final class CutOff extends Malformed {
        final int marker;
        final int payload;
        final String type;

        CutOff(int marker, int payload, String type) {
            super("it ends before its image data begins");
            this.marker = marker;
            this.payload = payload;
            this.type = type;
        }
    }
}
