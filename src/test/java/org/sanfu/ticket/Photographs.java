package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Photographs as a phone writes them, made here byte by byte: a JPEG (or PNG) whose EXIF says where it was taken (a GPS
 * directory: 28°39'51.23"N 121°25'43.21"E) and that its pixels lie on their side (Orientation 6), with the same place
 * in its XMP; and what tells whether a kept copy still says where, or still turns upright.
 */
public final class Photographs {

    /** The latitude's three rationals as the EXIF holds them (little-endian): 28/1, 39/1, 5123/100. */
    public static final byte[] LATITUDE = latitude(ByteOrder.LITTLE_ENDIAN);
    /** The longitude's: 121/1, 25/1, 4321/100. */
    public static final byte[] LONGITUDE = longitude(ByteOrder.LITTLE_ENDIAN);
    /** The place as the XMP writes it. */
    public static final String XMP_PLACE = "<exif:GPSLatitude>28,39.8538N</exif:GPSLatitude>";
    /** The EXIF tag of IFD0 that points to the GPS directory. */
    public static final int GPS_INFO = 0x8825;
    /** The EXIF tag of the orientation. */
    public static final int ORIENTATION = 0x0112;

    private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);

    private Photographs() {
    }

    /** A JPEG of this size as a phone writes one: EXIF (Orientation 6, GPS), then XMP, then the picture; no JFIF. */
    public static byte[] geotaggedJpeg(int width, int height) {
        byte[] picture = TicketAttachmentWebTests.picture(width, height, "jpg");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        segment(out, 0xE1, concat(EXIF_HEADER, exif(6)));
        segment(out, 0xE1, ("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">" + XMP_PLACE
                + "</x:xmpmeta>").getBytes(StandardCharsets.UTF_8));
        // the JDK's writer begins with SOI and a JFIF APP0, which a phone's photograph does not have
        int app0 = 2 + 2 + ((picture[4] & 0xFF) << 8 | picture[5] & 0xFF);
        out.write(picture, app0, picture.length - app0);
        return out.toByteArray();
    }

    /** Where a PNG's chunks after its IHDR begin: its signature, then IHDR's length, type, 13 bytes and CRC. */
    public static final int PNG_AFTER_IHDR = 8 + 4 + 4 + 13 + 4;

    /** The colour of {@link #marked}'s corner. */
    public static final int MARK = 0xFF0000;

    /**
     * A white picture whose pixels lie as stored, its top-left corner (a square an eighth of its shorter side, at least
     * 8 px, so that a JPEG keeps its colour) marked {@link #MARK}: where a viewer shows that corner tells how it turned
     * the picture.
     */
    public static BufferedImage marked(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int mark = Math.max(8, Math.min(width, height) / 8);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, x < mark && y < mark ? MARK : 0xFFFFFF);
            }
        }
        return image;
    }

    /** That {@link #marked}'s corner is shown at this corner of the picture, and the other three are white. */
    public static void assertMarkedAt(BufferedImage shown, boolean right, boolean bottom, String as) {
        int w = shown.getWidth();
        int h = shown.getHeight();
        for (int x : new int[] {0, w - 1}) {
            for (int y : new int[] {0, h - 1}) {
                boolean marked = x == (right ? w - 1 : 0) && y == (bottom ? h - 1 : 0);
                int rgb = shown.getRGB(x, y);
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                assertThat(marked ? r > 180 && g < 90 && b < 90 : r > 200 && g > 200 && b > 200)
                        .as("%s: the corner at (%d, %d) is %s, %06X", as, x, y, marked ? "marked" : "white",
                                rgb & 0xFFFFFF)
                        .isTrue();
            }
        }
    }

    /**
     * The picture as a phone or an editor writes it with this EXIF Orientation (and a GPS directory): a JPEG with its
     * APP1 Exif right after SOI, or a PNG with its {@code eXIf} right after IHDR (before the image data, where
     * browsers read it).
     */
    public static byte[] oriented(BufferedImage image, String format, int orientation) {
        byte[] picture = encoded(image, format);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (format.equals("png")) {
            out.write(picture, 0, PNG_AFTER_IHDR);
            chunk(out, "eXIf", exif(orientation));
            out.write(picture, PNG_AFTER_IHDR, picture.length - PNG_AFTER_IHDR);
        } else {
            out.write(picture, 0, 2);
            segment(out, 0xE1, concat(EXIF_HEADER, exif(orientation)));
            out.write(picture, 2, picture.length - 2);
        }
        return out.toByteArray();
    }

    /**
     * An EXIF (TIFF) structure, little-endian as most phones write it: IFD0 with the Orientation and the pointer to
     * the GPS directory, which holds the latitude and longitude, their values after it.
     */
    public static byte[] exif(int orientation) {
        return exif(orientation, ByteOrder.LITTLE_ENDIAN);
    }

    /** {@link #exif(int)} in this byte order: big-endian ({@code MM}) as many cameras and editors write it. */
    public static byte[] exif(int orientation, ByteOrder order) {
        ByteBuffer tiff = ByteBuffer.allocate(140).order(order);
        byte mark = (byte) (order == ByteOrder.LITTLE_ENDIAN ? 'I' : 'M');
        tiff.put(mark).put(mark).putShort((short) 42).putInt(8);
        tiff.putShort((short) 2);
        entry(tiff, ORIENTATION, 3, 1, orientation);
        entry(tiff, GPS_INFO, 4, 1, 38);
        tiff.putInt(0);
        tiff.putShort((short) 4);
        entry(tiff, 1, 2, 2, 'N');
        entry(tiff, 2, 5, 3, 92);
        entry(tiff, 3, 2, 2, 'E');
        entry(tiff, 4, 5, 3, 116);
        tiff.putInt(0);
        tiff.put(latitude(order)).put(longitude(order));
        return tiff.array();
    }

    /** {@link #LATITUDE}'s rationals in this byte order. */
    public static byte[] latitude(ByteOrder order) {
        return rationals(order, 28, 1, 39, 1, 5123, 100);
    }

    /** {@link #LONGITUDE}'s rationals in this byte order. */
    public static byte[] longitude(ByteOrder order) {
        return rationals(order, 121, 1, 25, 1, 4321, 100);
    }

    /** What a kept JPEG's or PNG's EXIF says: the tags of its IFD0 and its Orientation (0: none); null, no EXIF. */
    public record Exif(List<Integer> tags, int orientation) {}

    /** The EXIF of a JPEG (its APP1 Exif segment) or a PNG (its eXIf chunk), read here without the service's code. */
    public static Exif exifOf(byte[] picture) {
        int at = indexOf(picture, EXIF_HEADER);
        if (at >= 0) {
            at += EXIF_HEADER.length;
        } else if ((at = indexOf(picture, "eXIf".getBytes(StandardCharsets.ISO_8859_1))) >= 0) {
            at += 4;
        } else {
            return null;
        }
        ByteBuffer tiff = ByteBuffer.wrap(picture, at, picture.length - at).slice()
                .order(picture[at] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = tiff.getInt(4);
        List<Integer> tags = new ArrayList<>();
        int orientation = 0;
        for (int i = 0; i < tiff.getShort(ifd); i++) {
            int entry = ifd + 2 + 12 * i;
            int tag = tiff.getShort(entry) & 0xFFFF;
            tags.add(tag);
            if (tag == ORIENTATION) {
                orientation = tiff.getShort(entry + 8);
            }
        }
        return new Exif(tags, orientation);
    }

    /**
     * That the kept copy of a geotagged photograph says nowhere where it was taken (no GPS pointer, none of the
     * coordinates' bytes, not the XMP's place) and still turns upright (Orientation 6), and that it is still the same
     * picture: it decodes, to the sent one's size.
     */
    public static void assertLocationGoneOrientationKept(byte[] kept, byte[] sent) {
        assertThat(indexOf(kept, LATITUDE)).as("the latitude's bytes").isNegative();
        assertThat(indexOf(kept, LONGITUDE)).as("the longitude's bytes").isNegative();
        assertThat(new String(kept, StandardCharsets.ISO_8859_1)).doesNotContain("GPSLatitude", "xmpmeta");
        Exif exif = exifOf(kept);
        assertThat(exif).as("an EXIF with the orientation").isNotNull();
        assertThat(exif.tags()).containsExactly(ORIENTATION);
        assertThat(exif.orientation()).isEqualTo(6);
        BufferedImage was = decoded(sent);
        BufferedImage is = decoded(kept);
        assertThat(is).as("decodes").isNotNull();
        assertThat(new int[] {is.getWidth(), is.getHeight()}).containsExactly(was.getWidth(), was.getHeight());
    }

    /** The picture as the JDK writes it ("jpeg", "png"): no EXIF. */
    public static byte[] encoded(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertThat(ImageIO.write(image, format, out)).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The picture as the JDK writes a JPEG other than its baseline default: progressive (several scans, each with the
     * Huffman tables it needs before it: DHT between scans), or with a restart interval of this many MCUs (a DRI
     * segment, and RSTn markers inside the image data), set through the writer's metadata as a camera's encoder sets
     * it. Its JFIF APP0 first, as the JDK writes it.
     */
    public static byte[] jpeg(BufferedImage image, boolean progressive, int restartInterval) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                    param);
            if (restartInterval > 0) {
                String format = "javax_imageio_jpeg_image_1.0";
                Element tree = (Element) metadata.getAsTree(format);
                Node markers = tree.getElementsByTagName("markerSequence").item(0);
                IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(restartInterval));
                // the writer puts the DRI where it belongs (before SOS), wherever it is in the tree
                markers.insertBefore(dri, markers.getFirstChild());
                metadata.setFromTree(format, tree);
            }
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    public static BufferedImage decoded(byte[] picture) {
        try {
            return ImageIO.read(new ByteArrayInputStream(picture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JPEG segment: its marker and its length (which counts itself) before its data. */
    public static void segment(ByteArrayOutputStream out, int marker, byte[] data) {
        out.write(0xFF);
        out.write(marker);
        out.write((data.length + 2) >> 8);
        out.write((data.length + 2) & 0xFF);
        out.writeBytes(data);
    }

    /** A PNG chunk: its data's length, its type, its data and their CRC. */
    public static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typed = concat(type.getBytes(StandardCharsets.US_ASCII), data);
        CRC32 crc = new CRC32();
        crc.update(typed);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typed);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    public static int indexOf(byte[] in, byte[] part) {
        for (int i = 0; i + part.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** An IFD entry: its tag, type (2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL), count, and its value or its offset. */
    private static void entry(ByteBuffer tiff, int tag, int type, int count, int value) {
        tiff.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3) {
            tiff.putShort((short) value).putShort((short) 0);
        } else {
            tiff.putInt(value);
        }
    }

    private static byte[] rationals(ByteOrder order, int... parts) {
        ByteBuffer values = ByteBuffer.allocate(4 * parts.length).order(order);
        Arrays.stream(parts).forEach(values::putInt);
        return values.array();
    }
}
