package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanfu.ticket.Photographs.concat;
import static org.sanfu.ticket.Photographs.indexOf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A photograph's personal metadata taken out before it is kept ({@link PictureMetadata}): a JPEG's EXIF written anew
 * with its Orientation alone, its XMP, IPTC, comments and whatever follows its end gone, what shows it (its colour
 * profile, its tables, its image data) kept; a PNG's text chunks, its eXIf's GPS and private chunks likewise; a file
 * that is not a well-formed JPEG or PNG kept as it came; every other kind untouched; and the Orientation a viewer
 * turns a kept picture by, read where browsers read it.
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
        // cut off in its image data: its IDAT's length past the file's end
        byte[] chunkPastTheEnd = Arrays.copyOf(png, indexOf(png, "IDAT".getBytes(StandardCharsets.ISO_8859_1)) + 10);
        byte[] notAType = png.clone();
        notAType[12] = '1';
        for (byte[] malformed : new byte[][] {chunkPastTheEnd, notAType, TicketAttachmentWebTests.PNG}) {
            assertThat(PictureMetadata.withoutPersonalData(AttachmentTypes.PNG, malformed)).isSameAs(malformed);
        }
    }

    @Test
    void aPngLosesItsTextEXifGpsPrivateChunksAndWhatFollowsItsEnd() {
        byte[] sent = geotaggedPng();
        byte[] kept = PictureMetadata.withoutPersonalData(AttachmentTypes.PNG, sent);
        Photographs.assertLocationGoneOrientationKept(kept, sent);
        assertThat(indexOf(kept, SECRET)).isNegative();
        for (String gone : new String[] {"tEXt", "zTXt", "iTXt", "caBX"}) {
            assertThat(indexOf(kept, gone.getBytes(StandardCharsets.ISO_8859_1))).as(gone).isNegative();
        }
        assertThat(indexOf(kept, "pHYs".getBytes(StandardCharsets.ISO_8859_1))).isPositive();
        assertThat(new String(kept, kept.length - 8, 4, StandardCharsets.ISO_8859_1)).isEqualTo("IEND");
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
        ByteArrayOutputStream late = new ByteArrayOutputStream();
        late.write(plainPng, 0, plainPng.length - 12);
        Photographs.chunk(late, "eXIf", Photographs.exif(6));
        late.write(plainPng, plainPng.length - 12, 12);
        byte[] lateExif = late.toByteArray();
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

    /**
     * A PNG as an editor leaves one: after its header, an eXIf with the GPS and Orientation 6, the author and place as
     * text (tEXt, zTXt, iTXt), a private chunk (a C2PA manifest's caBX), a registered one that shows it (pHYs); after
     * its IEND, more.
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
        Photographs.chunk(out, "caBX", SECRET);
        Photographs.chunk(out, "pHYs", new byte[] {0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1});
        out.write(picture, afterHeader, picture.length - afterHeader);
        out.writeBytes(SECRET);
        return out.toByteArray();
    }
}
