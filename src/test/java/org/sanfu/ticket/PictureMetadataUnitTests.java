package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanfu.ticket.Photographs.concat;
import static org.sanfu.ticket.Photographs.indexOf;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A photograph's personal metadata taken out before it is kept ({@link PictureMetadata}): a JPEG's EXIF written anew
 * with its Orientation alone, its XMP, IPTC, comments and whatever follows its end gone, what shows it (its colour
 * profile, its tables, its image data) kept, progressive or with restart markers; a PNG's text chunks, its eXIf's GPS
 * and private chunks likewise, an animated one's frames kept; a file that is not a well-formed JPEG or PNG kept as it
 * came, one cut off once its picture has begun read as far as it goes; every other kind untouched; and the Orientation
 * a viewer turns a kept picture by, read where browsers read it.
 */
class PictureMetadataUnitTests {

    private static final byte[] ICC = "ICC_PROFILE\0\1\1 a colour profile".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] SECRET = "王晓明 13800138000".getBytes(StandardCharsets.UTF_8);

    @Test
    void aPhonesJpegKeepsItsPictureAndOrientationAndLosesWhereAndWhoseItWas() {
        byte[] sent = Photographs.geotaggedJpeg(48, 32);
        byte[] kept = PictureMetadata.withoutPersonalData(AttachmentTypes.JPEG, sent);
        Photographs.assertLocationGoneOrientationKept(kept, sent);
        assertThat(kept.length).isLessThan(sent.length);
        // the image data itself is untouched: everything from the first table on is the same bytes
        byte[] tables = {(byte) 0xFF, (byte) 0xDB};
        assertThat(Arrays.copyOfRange(kept, indexOf(kept, tables), kept.length))
                .isEqualTo(Arrays.copyOfRange(sent, indexOf(sent, tables), sent.length));
    }

    @Test
    void iptcCommentsVendorSegmentsAndWhatFollowsTheEndGoWhileTheColourProfileStays() {
        byte[] photo = Photographs.geotaggedJpeg(40, 30);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(photo, 0, 2);
        Photographs.segment(out, 0xE2, ICC);
        Photographs.segment(out, 0xED, concat("Photoshop 3.0\08BIM".getBytes(StandardCharsets.ISO_8859_1), SECRET));
        Photographs.segment(out, 0xFE, SECRET);
        Photographs.segment(out, 0xE9, SECRET);
        Photographs.segment(out, 0xE2, concat("MPF\0".getBytes(StandardCharsets.ISO_8859_1), SECRET));
        out.write(photo, 2, photo.length - 2);
        // a motion photo's video, or a second picture with its own EXIF, after the picture's end
        out.writeBytes(concat(Photographs.LATITUDE, SECRET));
        byte[] sent = out.toByteArray();

        byte[] kept = PictureMetadata.withoutPersonalData(AttachmentTypes.JPEG, sent);
        Photographs.assertLocationGoneOrientationKept(kept, sent);
        assertThat(indexOf(kept, SECRET)).isNegative();
        assertThat(indexOf(kept, ICC)).isPositive();
        assertThat(kept[kept.length - 2] & 0xFF).isEqualTo(0xFF);
        assertThat(kept[kept.length - 1] & 0xFF).isEqualTo(0xD9);
    }

    @Test
    void anExifWithoutOrientationIsGoneWholeAndAPictureWithoutMetadataIsTheSameBytes() {
        byte[] photo = Photographs.geotaggedJpeg(40, 30);
        byte[] noOrientation = photo.clone();
        // the Orientation's entry renamed to a tag nobody reads: an EXIF with GPS and no orientation
        int entry = indexOf(noOrientation, new byte[] {0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0});
        noOrientation[entry] = 0x10;
        byte[] kept = PictureMetadata.withoutPersonalData(AttachmentTypes.JPEG, noOrientation);
        assertThat(Photographs.exifOf(kept)).isNull();
        assertThat(indexOf(kept, Photographs.LATITUDE)).isNegative();
        assertThat(Photographs.decoded(kept).getWidth()).isEqualTo(40);

        // the JDK's own JPEG and PNG: JFIF and tables alone, kept byte for byte
        for (String format : new String[] {"jpg", "png"}) {
            byte[] plain = TicketAttachmentWebTests.picture(30, 20, format);
            AttachmentTypes kind = format.equals("png") ? AttachmentTypes.PNG : AttachmentTypes.JPEG;
            assertThat(PictureMetadata.withoutPersonalData(kind, plain)).as(format).isEqualTo(plain);
        }
    }

    @Test
    void aJpegCutOffInItsImageDataStillLosesItsMetadata() {
        byte[] photo = Photographs.geotaggedJpeg(64, 64);
        byte[] cut = Arrays.copyOf(photo, photo.length - 100);
        byte[] kept = PictureMetadata.withoutPersonalData(AttachmentTypes.JPEG, cut);
        assertThat(indexOf(kept, Photographs.LATITUDE)).isNegative();
        assertThat(Photographs.exifOf(kept).orientation()).isEqualTo(6);
        assertThat(Arrays.copyOfRange(kept, kept.length - 50, kept.length))
                .isEqualTo(Arrays.copyOfRange(cut, cut.length - 50, cut.length));
    }

    /**
     * Cut off once its picture has begun (an upload interrupted), in a chunk or a segment that runs past the file's
     * end: what was read is kept without its metadata, and the chunk or segment it ends in as it came.
     */
    @Test
    void aPngOrAProgressiveJpegCutOffOnceItsPictureHasBegunLosesItsMetadataAllTheSame() {
        byte[] png = geotaggedPng();
        int idat = indexOf(png, "IDAT".getBytes(StandardCharsets.ISO_8859_1)) - 4;
        // in its IDAT: the chunk's length past the file's end
        byte[] cutPng = Arrays.copyOf(png, idat + 14);
        byte[] keptPng = PictureMetadata.withoutPersonalData(AttachmentTypes.PNG, cutPng);
        assertKeptAsFarAsItGoes(keptPng, cutPng, cutPng.length - idat);
        assertThat(indexOf(keptPng, SECRET)).isNegative();

        byte[] progressive = withExif(Photographs.jpeg(colourful(64, 48), true, 0), Photographs.exif(6));
        int secondScan = markerAt(progressive, 0xDA, 2);
        int table = markerAt(progressive, 0xC4, 3);
        assertThat(table).as("a table between the first two scans").isBetween(markerAt(progressive, 0xDA, 1),
                secondScan);
        // in that table, and just before the second scan, where the file ends where a segment does
        for (int cut : new int[] {table + 10, secondScan}) {
            byte[] cutJpeg = Arrays.copyOf(progressive, cut);
            byte[] kept = PictureMetadata.withoutPersonalData(AttachmentTypes.JPEG, cutJpeg);
            assertKeptAsFarAsItGoes(kept, cutJpeg, cutJpeg.length - markerAt(progressive, 0xDA, 1));
        }

        // a comment between the scans, cut off in it: it goes as it would whole
        byte[] commented = concat(Arrays.copyOf(progressive, secondScan), segment(0xFE, SECRET));
        byte[] cutComment = Arrays.copyOf(commented, commented.length - 4);
        byte[] kept = PictureMetadata.withoutPersonalData(AttachmentTypes.JPEG, cutComment);
        assertThat(indexOf(kept, Arrays.copyOf(SECRET, 6))).isNegative();
        assertKeptAsFarAsItGoes(kept, Arrays.copyOf(progressive, secondScan),
                secondScan - markerAt(progressive, 0xDA, 1));
    }

    /** A cut-off picture kept: no place, its Orientation (6), and its last {@code tail} bytes as they came. */
    private static void assertKeptAsFarAsItGoes(byte[] kept, byte[] cut, int tail) {
        assertThat(kept).as("not kept as it came").isNotSameAs(cut);
        assertThat(indexOf(kept, Photographs.LATITUDE)).isNegative();
        assertThat(indexOf(kept, "http://ns.adobe.com".getBytes(StandardCharsets.ISO_8859_1))).isNegative();
        assertThat(Photographs.exifOf(kept).tags()).containsExactly(Photographs.ORIENTATION);
        assertThat(Photographs.exifOf(kept).orientation()).isEqualTo(6);
        assertThat(Arrays.copyOfRange(kept, kept.length - tail, kept.length))
                .isEqualTo(Arrays.copyOfRange(cut, cut.length - tail, cut.length));
    }

    /**
     * Not the JDK's baseline JPEG alone: a progressive one (several scans, tables between them) and one with restart
     * markers in its image data, each with a big-endian EXIF (Orientation 8 and a GPS directory) as a camera writes
     * it, keep every pixel and their Orientation and lose their place.
     */
    @Test
    void aProgressiveJpegAndOneWithRestartMarkersKeepTheirPixelsAndOrientationAndLoseTheirPlace() {
        BufferedImage image = colourful(80, 56);
        for (boolean progressive : new boolean[] {true, false}) {
            byte[] picture = Photographs.jpeg(image, progressive, progressive ? 0 : 2);
            if (progressive) {
                assertThat(markerAt(picture, 0xC2, 1)).as("SOF2").isPositive();
                assertThat(markerAt(picture, 0xDA, 3)).as("a third scan").isPositive();
            } else {
                assertThat(markerAt(picture, 0xDD, 1)).as("DRI").isPositive();
                assertThat(markerAt(picture, 0xD1, 1)).as("RST1").isGreaterThan(markerAt(picture, 0xDA, 1));
            }
            byte[] sent = withExif(picture, Photographs.exif(8, ByteOrder.BIG_ENDIAN));
            byte[] kept = PictureMetadata.withoutPersonalData(AttachmentTypes.JPEG, sent);

            String as = progressive ? "progressive" : "restart markers";
            assertThat(indexOf(kept, Photographs.latitude(ByteOrder.BIG_ENDIAN))).as(as).isNegative();
            assertThat(indexOf(kept, Photographs.longitude(ByteOrder.BIG_ENDIAN))).as(as).isNegative();
            assertThat(Photographs.exifOf(kept).tags()).as(as).containsExactly(Photographs.ORIENTATION);
            assertThat(Photographs.exifOf(kept).orientation()).as(as).isEqualTo(8);
            assertThat(PictureMetadata.orientation(AttachmentTypes.JPEG, kept)).as(as).isEqualTo(8);
            BufferedImage was = Photographs.decoded(sent);
            BufferedImage is = Photographs.decoded(kept);
            assertThat(is.getRGB(0, 0, is.getWidth(), is.getHeight(), null, 0, is.getWidth())).as(as)
                    .isEqualTo(was.getRGB(0, 0, was.getWidth(), was.getHeight(), null, 0, was.getWidth()));
            // and the same bytes from the first table on
            int tables = markerAt(sent, 0xDB, 1);
            assertThat(Arrays.copyOfRange(kept, kept.length - (sent.length - tables), kept.length)).as(as)
                    .isEqualTo(Arrays.copyOfRange(sent, tables, sent.length));
        }
    }

    /** An APP0 is kept when it is the JFIF header; a JFXX thumbnail's or a vendor's goes, as any other APPn. */
    @Test
    void ofTheApp0sOnlyTheJfifHeaderIsKept() {
        byte[] picture = TicketAttachmentWebTests.picture(40, 30, "jpg");
        int afterJfif = 4 + ((picture[4] & 0xFF) << 8 | picture[5] & 0xFF);
        assertThat(new String(picture, 6, 5, StandardCharsets.ISO_8859_1)).isEqualTo("JFIF\0");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(picture, 0, afterJfif);
        // a JFXX extension holding a thumbnail (here as JPEG, 0x10), and a video camera's AVI1
        out.writeBytes(segment(0xE0, concat("JFXX\0\u0010".getBytes(StandardCharsets.ISO_8859_1), SECRET)));
        out.writeBytes(segment(0xE0, concat("AVI1\0".getBytes(StandardCharsets.ISO_8859_1), SECRET)));
        out.write(picture, afterJfif, picture.length - afterJfif);
        assertThat(PictureMetadata.withoutPersonalData(AttachmentTypes.JPEG, out.toByteArray())).isEqualTo(picture);
    }

    /**
     * The JFIF header's own thumbnail (its width and height, then their RGB: the picture as it was before it was
     * cropped or a part blacked out) goes, the header rewritten without it; its version, units and densities stay.
     */
    @Test
    void theJfifHeaderLosesItsOwnThumbnailAndKeepsItsDensities() {
        byte[] picture = TicketAttachmentWebTests.picture(40, 30, "jpg");
        int afterJfif = 4 + ((picture[4] & 0xFF) << 8 | picture[5] & 0xFF);
        // JFIF 1.01, in dots per inch, 300 by 300
        byte[] header = {'J', 'F', 'I', 'F', 0, 1, 1, 1, 0x01, 0x2C, 0x01, 0x2C};
        byte[] thumbnail = Arrays.copyOf(concat(SECRET, SECRET), 4 * 3 * 3);
        byte[] rest = Arrays.copyOfRange(picture, afterJfif, picture.length);
        byte[] soi = {(byte) 0xFF, (byte) 0xD8};
        byte[] sent = concat(concat(soi, segment(0xE0, concat(concat(header, new byte[] {4, 3}), thumbnail))), rest);

        byte[] kept = PictureMetadata.withoutPersonalData(AttachmentTypes.JPEG, sent);
        assertThat(kept).isEqualTo(concat(concat(soi, segment(0xE0, concat(header, new byte[] {0, 0}))), rest));
        assertThat(indexOf(kept, Arrays.copyOf(SECRET, 12))).isNegative();
        BufferedImage was = Photographs.decoded(sent);
        BufferedImage is = Photographs.decoded(kept);
        assertThat(is.getRGB(0, 0, 40, 30, null, 0, 40)).isEqualTo(was.getRGB(0, 0, 40, 30, null, 0, 40));
    }

    /**
     * An animated PNG (APNG: acTL, then each frame's fcTL, the first's image in IDAT, the others' in fdAT) keeps its
     * animation: those chunks' second letter is lower case, as a private chunk's, but they are registered.
     */
    @Test
    void anAnimatedPngKeepsItsAnimation() {
        byte[] still = TicketAttachmentWebTests.picture(30, 20, "png");
        int idat = indexOf(still, "IDAT".getBytes(StandardCharsets.ISO_8859_1)) - 4;
        int idatLength = ByteBuffer.wrap(still, idat, 4).getInt();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(still, 0, Photographs.PNG_AFTER_IHDR);
        Photographs.chunk(out, "acTL", ByteBuffer.allocate(8).putInt(2).putInt(0).array());
        Photographs.chunk(out, "fcTL", frameControl(0));
        out.write(still, Photographs.PNG_AFTER_IHDR, still.length - 12 - Photographs.PNG_AFTER_IHDR);
        Photographs.chunk(out, "fcTL", frameControl(1));
        Photographs.chunk(out, "fdAT", concat(ByteBuffer.allocate(4).putInt(2).array(),
                Arrays.copyOfRange(still, idat + 8, idat + 8 + idatLength)));
        out.write(still, still.length - 12, 12);
        byte[] animated = out.toByteArray();
        assertThat(PictureMetadata.withoutPersonalData(AttachmentTypes.PNG, animated)).isEqualTo(animated);
    }

    /** An APNG frame's control (30 x 20 at 0, 0, a tenth of a second) with this sequence number. */
    private static byte[] frameControl(int sequence) {
        return ByteBuffer.allocate(26).putInt(sequence).putInt(30).putInt(20).putInt(0).putInt(0).putShort((short) 1)
                .putShort((short) 10).put((byte) 0).put((byte) 0).array();
    }

    /**
     * An EXIF after the image data (a PNG's eXIf after IDAT, a JPEG's APP1 Exif after its scan) is one no browser
     * applies and {@link PictureMetadata#orientation} does not read: it goes whole, so that what is kept says what is
     * shown. The JDK's own picture with one is kept as the JDK wrote it.
     */
    @Test
    void anExifAfterTheImageDataGoesWhole() {
        byte[] plainPng = TicketAttachmentWebTests.picture(30, 20, "png");
        byte[] latePng = withEXifAfterItsImageData(plainPng);
        byte[] plainJpeg = TicketAttachmentWebTests.picture(30, 20, "jpg");
        byte[] lateJpeg = concat(Arrays.copyOf(plainJpeg, plainJpeg.length - 2),
                concat(segment(0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), Photographs.exif(6))),
                        new byte[] {(byte) 0xFF, (byte) 0xD9}));
        assertThat(PictureMetadata.orientation(AttachmentTypes.PNG, latePng)).isEqualTo(1);
        assertThat(PictureMetadata.orientation(AttachmentTypes.JPEG, lateJpeg)).isEqualTo(1);
        assertThat(PictureMetadata.withoutPersonalData(AttachmentTypes.PNG, latePng)).isEqualTo(plainPng);
        assertThat(PictureMetadata.withoutPersonalData(AttachmentTypes.JPEG, lateJpeg)).isEqualTo(plainJpeg);
    }

    /** What cannot be read to its end is not rewritten by a guess: kept as it came, as before. */
    @Test
    void aMalformedJpegOrPngIsKeptAsItCame() {
        byte[] photo = Photographs.geotaggedJpeg(40, 30);
        byte[] overlong = photo.clone();
        // the EXIF segment's length past the file's end
        overlong[4] = (byte) 0xFF;
        overlong[5] = (byte) 0xFF;
        byte[] noMarker = photo.clone();
        // where the XMP's marker should be, a byte that is none
        noMarker[indexOf(photo, "http://ns.adobe.com".getBytes(StandardCharsets.ISO_8859_1)) - 4] = 0x12;
        byte[] headOnly = Arrays.copyOf(photo, 40);
        for (byte[] malformed : new byte[][] {overlong, noMarker, headOnly, TicketAttachmentWebTests.JPEG,
                {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}}) {
            assertThat(PictureMetadata.withoutPersonalData(AttachmentTypes.JPEG, malformed)).isSameAs(malformed);
        }

        byte[] png = geotaggedPng();
        // cut off before its image data: its eXIf's length past the file's end
        byte[] chunkPastTheEnd = Arrays.copyOf(png, Photographs.PNG_AFTER_IHDR + 20);
        byte[] notAType = png.clone();
        notAType[12] = '1';
        // cut off between two whole chunks before its image data: after its header, or just before its IDAT
        byte[] headerOnly = Arrays.copyOf(png, Photographs.PNG_AFTER_IHDR);
        byte[] beforeIdat = Arrays.copyOf(png, indexOf(png, "IDAT".getBytes(StandardCharsets.ISO_8859_1)) - 4);
        byte[] signatureOnly = Arrays.copyOf(png, 8);
        for (byte[] malformed : new byte[][] {chunkPastTheEnd, notAType, TicketAttachmentWebTests.PNG, headerOnly,
                beforeIdat, signatureOnly}) {
            assertThat(PictureMetadata.withoutPersonalData(AttachmentTypes.PNG, malformed)).isSameAs(malformed);
        }
    }

    /**
     * A picture kept as sent because it could not be read keeps what it says of where and on whose phone it was taken:
     * the operator sees it, once, in a WARN line naming the ticket, the attachment and why, with nothing of its name
     * (often a person's) or content, and in a count by kind; a picture read and stripped, or a file of another kind, is
     * neither logged nor counted.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aPictureKeptWithItsMetadataIsLoggedAndCounted(CapturedOutput output) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        PicturesKeptWithMetadata keptWithMetadata = new PicturesKeptWithMetadata(meters);
        byte[] photo = Photographs.geotaggedJpeg(40, 30);
        byte[] cutInItsExif = Arrays.copyOf(photo, 40);
        PictureMetadata.Kept unread = PictureMetadata.kept(AttachmentTypes.JPEG, cutInItsExif);
        assertThat(unread.content()).isSameAs(cutInItsExif);
        keptWithMetadata.kept(42, 7, AttachmentTypes.JPEG, unread);
        keptWithMetadata.kept(42, 8, AttachmentTypes.JPEG, PictureMetadata.kept(AttachmentTypes.JPEG,
                photo));
        keptWithMetadata.kept(42, 9, AttachmentTypes.PDF, PictureMetadata.kept(AttachmentTypes.PDF,
                "%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(meters.get("sanfu.pictures.kept.with.metadata").tag("kind", "jpeg").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("sanfu.pictures.kept.with.metadata").tag("kind", "png").counter().count()).isZero();
        List<String> lines = output.getOut().lines().filter(line -> line.contains("kept as sent")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("WARN", "ticket 42, attachment 7", "image/jpeg",
                "it ends before its image data begins");
        assertThat(output.getAll()).doesNotContain("attachment 8", "attachment 9", "Exif");
    }

    @Test
    void aPngLosesItsTextEXifGpsPrivateChunksAndWhatFollowsItsEnd() {
        byte[] sent = geotaggedPng();
        byte[] kept = PictureMetadata.withoutPersonalData(AttachmentTypes.PNG, sent);
        Photographs.assertLocationGoneOrientationKept(kept, sent);
        assertThat(indexOf(kept, SECRET)).isNegative();
        for (String gone : new String[] {"tEXt", "zTXt", "iTXt", "tIME", "caBX"}) {
            assertThat(indexOf(kept, gone.getBytes(StandardCharsets.ISO_8859_1))).as(gone).isNegative();
        }
        assertThat(indexOf(kept, "pHYs".getBytes(StandardCharsets.ISO_8859_1))).isPositive();
        assertThat(new String(kept, kept.length - 8, 4, StandardCharsets.ISO_8859_1)).isEqualTo("IEND");
    }

    /**
     * Kept by a list, not by the letters of a chunk's name: Apple's {@code iDOT} (where each half of the picture's
     * rows begins in its image data; its second letter upper case, as a public chunk's), any other private chunk and a
     * suggested palette (named in free text) go; what a decoder reads to show the picture (colour, gamma, background,
     * transparency, physical size) stays, and it decodes to the same pixels.
     */
    @Test
    void applesIDotAndEveryOtherChunkAPictureIsNotShownByGoWhileWhatADecoderReadsStays() {
        byte[] plain = Photographs.encoded(colourful(30, 20), "png");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, Photographs.PNG_AFTER_IHDR);
        Photographs.chunk(out, "cHRM", ByteBuffer.allocate(32).putInt(31270).putInt(32900).putInt(64000)
                .putInt(33000).putInt(30000).putInt(60000).putInt(15000).putInt(6000).array());
        Photographs.chunk(out, "gAMA", ByteBuffer.allocate(4).putInt(45455).array());
        Photographs.chunk(out, "sRGB", new byte[] {0});
        // a palette's name, its sample depth (8), one colour (RGBA) and its frequency
        Photographs.chunk(out, "sPLT", concat("Wang 13800138000\0\b".getBytes(StandardCharsets.ISO_8859_1),
                new byte[] {1, 2, 3, 4, 0, 1}));
        Photographs.chunk(out, "bKGD", new byte[] {0, 1, 0, 2, 0, 3});
        Photographs.chunk(out, "tRNS", new byte[] {0, 9, 0, 9, 0, 9});
        Photographs.chunk(out, "pHYs", new byte[] {0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1});
        Photographs.chunk(out, "vpAg", SECRET);
        Photographs.chunk(out, "iDOT", ByteBuffer.allocate(28).putInt(2).putInt(0).putInt(10).putInt(0x28)
                .putInt(10).putInt(10).putInt(0x1234).array());
        out.write(plain, Photographs.PNG_AFTER_IHDR, plain.length - Photographs.PNG_AFTER_IHDR);
        byte[] sent = out.toByteArray();

        byte[] kept = PictureMetadata.withoutPersonalData(AttachmentTypes.PNG, sent);
        List<String> shown = new ArrayList<>(chunkTypes(sent));
        shown.removeAll(List.of("sPLT", "vpAg", "iDOT"));
        assertThat(shown).contains("cHRM", "gAMA", "sRGB", "bKGD", "tRNS", "pHYs", "IDAT");
        assertThat(chunkTypes(kept)).isEqualTo(shown);
        assertThat(indexOf(kept, SECRET)).isNegative();
        BufferedImage was = Photographs.decoded(sent);
        BufferedImage is = Photographs.decoded(kept);
        assertThat(is.getRGB(0, 0, 30, 20, null, 0, 30)).isEqualTo(was.getRGB(0, 0, 30, 20, null, 0, 30));
    }

    /** The types of the PNG's chunks, in order (the file read as well formed to its IEND). */
    private static List<String> chunkTypes(byte[] png) {
        List<String> types = new ArrayList<>();
        for (int at = 8; at < png.length; at += 12 + ByteBuffer.wrap(png, at, 4).getInt()) {
            types.add(new String(png, at + 4, 4, StandardCharsets.ISO_8859_1));
        }
        return types;
    }

    /**
     * The Orientation a viewer turns a kept picture by: a JPEG's APP1 Exif and a PNG's eXIf, each of the eight,
     * little- or big-endian (as a phone writes it, as the kept copy holds it); 1 when there is none, one that cannot be
     * read, or one a browser ignores (a PNG's eXIf after its image data), and for a file that is not a picture.
     */
    @Test
    void theOrientationIsReadWhereAViewerReadsItAndIsOneWhenThereIsNone() {
        for (int orientation = 1; orientation <= 8; orientation++) {
            for (String format : new String[] {"jpeg", "png"}) {
                byte[] photo = Photographs.oriented(Photographs.marked(40, 20), format, orientation);
                AttachmentTypes kind = format.equals("png") ? AttachmentTypes.PNG : AttachmentTypes.JPEG;
                assertThat(PictureMetadata.orientation(kind, photo)).as(format).isEqualTo(orientation);
                byte[] kept = PictureMetadata.withoutPersonalData(kind, photo);
                assertThat(indexOf(kept, new byte[] {'M', 'M', 0, 42})).as("big-endian, as kept").isPositive();
                assertThat(PictureMetadata.orientation(kind, kept)).as(format + ", kept").isEqualTo(orientation);
            }
        }
        assertThat(PictureMetadata.orientation(AttachmentTypes.PNG, geotaggedPng())).isEqualTo(6);

        byte[] plainPng = TicketAttachmentWebTests.picture(30, 20, "png");
        byte[] lateExif = withEXifAfterItsImageData(plainPng);
        byte[] notAnOrientation = Photographs.oriented(Photographs.marked(40, 20), "jpeg", 9);
        byte[] noByteOrder = Photographs.geotaggedJpeg(40, 20);
        noByteOrder[indexOf(noByteOrder, "II*".getBytes(StandardCharsets.ISO_8859_1))] = 'X';
        assertThat(PictureMetadata.orientation(AttachmentTypes.PNG, plainPng)).as("none").isEqualTo(1);
        assertThat(PictureMetadata.orientation(AttachmentTypes.JPEG, TicketAttachmentWebTests.picture(30, 20, "jpg")))
                .as("none").isEqualTo(1);
        assertThat(PictureMetadata.orientation(AttachmentTypes.PNG, lateExif)).as("after IDAT").isEqualTo(1);
        assertThat(PictureMetadata.orientation(AttachmentTypes.JPEG, notAnOrientation)).as("9").isEqualTo(1);
        assertThat(PictureMetadata.orientation(AttachmentTypes.JPEG, noByteOrder)).as("no byte order").isEqualTo(1);
        assertThat(PictureMetadata.orientation(AttachmentTypes.JPEG, TicketAttachmentWebTests.JPEG)).as("cut off")
                .isEqualTo(1);
        assertThat(PictureMetadata.orientation(AttachmentTypes.PDF, Photographs.exif(6))).as("a PDF").isEqualTo(1);
    }

    @Test
    void otherKindsAreKeptAsSent() {
        byte[] pdf = concat("%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1), Photographs.exif(6));
        assertThat(PictureMetadata.withoutPersonalData(AttachmentTypes.PDF, pdf)).isSameAs(pdf);
    }

    /** The PNG (IEND last) with an eXIf (Orientation 6, the GPS) after its image data, just before its IEND. */
    private static byte[] withEXifAfterItsImageData(byte[] png) {
        ByteArrayOutputStream late = new ByteArrayOutputStream();
        late.write(png, 0, png.length - 12);
        Photographs.chunk(late, "eXIf", Photographs.exif(6));
        late.write(png, png.length - 12, 12);
        return late.toByteArray();
    }

    /** The JPEG (the JDK's: SOI, its JFIF APP0, ...) with an APP1 Exif of this TIFF structure after its APP0. */
    private static byte[] withExif(byte[] jpeg, byte[] tiff) {
        int afterJfif = 4 + ((jpeg[4] & 0xFF) << 8 | jpeg[5] & 0xFF);
        byte[] exif = segment(0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff));
        return concat(concat(Arrays.copyOf(jpeg, afterJfif), exif), Arrays.copyOfRange(jpeg, afterJfif, jpeg.length));
    }

    private static byte[] segment(int marker, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Photographs.segment(out, marker, data);
        return out.toByteArray();
    }

    /**
     * Where the JPEG's {@code nth} marker of this code begins (-1: there are fewer): in the image data an {@code FF} is
     * followed by 00 or a restart, so {@code FF} and another code is a marker (these pictures' tables hold none).
     */
    private static int markerAt(byte[] jpeg, int code, int nth) {
        int seen = 0;
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == code && ++seen == nth) {
                return i;
            }
        }
        return -1;
    }

    /** A picture whose every pixel differs from its neighbours', so that a changed one shows. */
    private static BufferedImage colourful(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (x * 3 & 0xFF) << 16 | (y * 4 & 0xFF) << 8 | (x * y) & 0xFF);
            }
        }
        return image;
    }

    /**
     * A PNG as an editor leaves one: after its header, an eXIf with the GPS and Orientation 6, the author and place as
     * text (tEXt, zTXt, iTXt), when it was last changed (tIME), a private chunk (a C2PA manifest's caBX), a registered
     * one that shows it (pHYs); after its IEND, more.
     */
    private static byte[] geotaggedPng() {
        byte[] picture = TicketAttachmentWebTests.picture(36, 24, "png");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int afterHeader = Photographs.PNG_AFTER_IHDR;
        out.write(picture, 0, afterHeader);
        Photographs.chunk(out, "eXIf", Photographs.exif(6));
        Photographs.chunk(out, "tEXt", concat("Author\0".getBytes(StandardCharsets.ISO_8859_1), SECRET));
        Photographs.chunk(out, "zTXt", concat("Raw profile type exif\0\0".getBytes(StandardCharsets.ISO_8859_1),
                SECRET));
        Photographs.chunk(out, "iTXt", ("XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>" + Photographs.XMP_PLACE
                + "</x:xmpmeta>").getBytes(StandardCharsets.UTF_8));
        Photographs.chunk(out, "tIME", new byte[] {0x07, (byte) 0xE9, 3, 14, 9, 26, 53});
        Photographs.chunk(out, "caBX", SECRET);
        Photographs.chunk(out, "pHYs", new byte[] {0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1});
        out.write(picture, afterHeader, picture.length - afterHeader);
        out.writeBytes(SECRET);
        return out.toByteArray();
    }
}
